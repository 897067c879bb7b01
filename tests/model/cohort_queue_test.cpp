#include "chainsim/model/cohort_queue.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace chainsim {

namespace {
// A weekly grid: cohort k entered around day 3.5 + 7k.
double mid(int k) { return 3.5 + 7.0 * k; }
}  // namespace

TEST(CohortQueue, ServesOldestFirstWithExactAges) {
  CohortQueue q(1);
  q.add(0, mid(0), 7.0, 0, 10.0);
  q.add(1, mid(1), 7.0, 0, 20.0);
  std::vector<double> served(1, 0.0);
  const std::vector<double> cost{1.0};
  AgeHistogram ages;
  const double used = q.serve(15.0, cost, mid(2), served, &ages);
  EXPECT_DOUBLE_EQ(used, 15.0);
  EXPECT_DOUBLE_EQ(served[0], 15.0);
  // All 10 of week 0 (waited 14 days) and 5 of week 1 (waited 7 days).
  EXPECT_NEAR(ages.mean(), (10 * 14.0 + 5 * 7.0) / 15.0, 1e-12);
  EXPECT_DOUBLE_EQ(q.amount(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(q.amount(1, 0), 15.0);
  EXPECT_EQ(q.oldest_key(), 1);  // the emptied cohort is dropped
  EXPECT_DOUBLE_EQ(q.total(), 15.0);
}

TEST(CohortQueue, CapacityInCasesServesLanesProportionally) {
  // Lane 0: 1 person per case; lane 1: 2 persons per case (cost 0.5 case per person).
  CohortQueue q(2);
  q.add(0, mid(0), 7.0, 0, 10.0);
  q.add(0, mid(0), 7.0, 1, 10.0);
  std::vector<double> served(2, 0.0);
  const std::vector<double> cost{1.0, 0.5};
  // The cohort weighs 10 + 5 = 15 cases; 6 cases serve 40 % of it.
  const double used = q.serve(6.0, cost, mid(1), served, nullptr);
  EXPECT_NEAR(used, 6.0, 1e-12);
  EXPECT_NEAR(served[0], 4.0, 1e-12);
  EXPECT_NEAR(served[1], 4.0, 1e-12);
  EXPECT_NEAR(q.lane_total(0), 6.0, 1e-12);
}

TEST(CohortQueue, ZeroCostLanesAreNotServed) {
  CohortQueue q(2);
  q.add(0, mid(0), 7.0, 0, 10.0);
  q.add(0, mid(0), 7.0, 1, 10.0);
  std::vector<double> served(2, 0.0);
  q.serve(100.0, std::vector<double>{1.0, 0.0}, mid(1), served, nullptr);
  EXPECT_DOUBLE_EQ(served[0], 10.0);
  EXPECT_DOUBLE_EQ(served[1], 0.0);
  EXPECT_DOUBLE_EQ(q.amount(0, 1), 10.0);
}

TEST(CohortQueue, LeakScalesEveryCohortWithoutTouchingAges) {
  CohortQueue q(1);
  q.add(0, mid(0), 7.0, 0, 100.0);
  q.add(3, mid(3), 7.0, 0, 50.0);
  std::vector<double> removed(1, 0.0);
  q.leak(std::vector<double>{0.1}, removed);
  EXPECT_NEAR(removed[0], 15.0, 1e-12);
  EXPECT_NEAR(q.amount(0, 0), 90.0, 1e-12);
  EXPECT_NEAR(q.amount(3, 0), 45.0, 1e-12);
  // A later push is not leaked retroactively.
  q.add(4, mid(4), 7.0, 0, 10.0);
  EXPECT_NEAR(q.amount(4, 0), 10.0, 1e-12);
  EXPECT_NEAR(q.total(), 145.0, 1e-12);
  // Serving 100 takes the 90 of week 0 and 10 of week 3.
  std::vector<double> served(1, 0.0);
  q.serve(100.0, std::vector<double>{1.0}, mid(5), served, nullptr);
  EXPECT_NEAR(q.amount(3, 0), 35.0, 1e-12);
}

TEST(CohortQueue, RepeatedLeaksDoNotUnderflow) {
  CohortQueue q(1);
  q.add(0, mid(0), 7.0, 0, 1e6);
  std::vector<double> removed(1, 0.0);
  for (int i = 0; i < 400; ++i) q.leak(std::vector<double>{0.5}, removed);
  EXPECT_NEAR(removed[0], 1e6, 1e-6);
  q.add(1, mid(1), 7.0, 0, 3.0);
  EXPECT_NEAR(q.amount(1, 0), 3.0, 1e-12);
}

TEST(CohortQueue, MovesBetweenAttributesOldestFirst) {
  // Lanes: 0 accommodated, 1 waiting. 30 wait in week 0, 30 in week 1, 30 in week 2.
  CohortQueue q(2);
  for (int k = 0; k < 3; ++k) q.add(k, mid(k), 7.0, 1, 30.0);
  const std::vector<int> from{1}, to{0};
  std::vector<double> moved(1, 0.0);
  AgeHistogram ages;
  const double n = q.move({from, to}, 45.0, QueueOrder::oldest_first, mid(4), moved, &ages);
  EXPECT_DOUBLE_EQ(n, 45.0);
  EXPECT_DOUBLE_EQ(q.amount(0, 1), 0.0);
  EXPECT_DOUBLE_EQ(q.amount(0, 0), 30.0);
  EXPECT_DOUBLE_EQ(q.amount(1, 1), 15.0);
  EXPECT_DOUBLE_EQ(q.amount(1, 0), 15.0);
  // Waited 28 days (30 persons) and 21 days (15 persons).
  EXPECT_NEAR(ages.mean(), (30 * 28.0 + 15 * 21.0) / 45.0, 1e-12);
  EXPECT_DOUBLE_EQ(q.lane_total(0), 45.0);
  EXPECT_DOUBLE_EQ(q.lane_total(1), 45.0);
}

TEST(CohortQueue, MovesNewestFirstWhenAsked) {
  CohortQueue q(2);
  for (int k = 0; k < 3; ++k) q.add(k, mid(k), 7.0, 0, 30.0);
  std::vector<double> moved(1, 0.0);
  const std::vector<int> from{0}, to{1};
  q.move({from, to}, 40.0, QueueOrder::newest_first, mid(3), moved, nullptr);
  EXPECT_DOUBLE_EQ(q.amount(2, 1), 30.0);
  EXPECT_DOUBLE_EQ(q.amount(1, 1), 10.0);
  EXPECT_DOUBLE_EQ(q.amount(0, 1), 0.0);
}

TEST(CohortQueue, AnOlderCohortComesBackWithItsDate) {
  // Week 0 is served out and dropped; an annulled case of week 0 returns and is served first.
  CohortQueue q(1);
  q.add(0, mid(0), 7.0, 0, 10.0);
  q.add(2, mid(2), 7.0, 0, 10.0);
  std::vector<double> served(1, 0.0);
  q.serve(10.0, std::vector<double>{1.0}, mid(3), served, nullptr);
  EXPECT_EQ(q.oldest_key(), 2);
  q.add(0, mid(0), 7.0, 0, 4.0);
  EXPECT_EQ(q.oldest_key(), 0);
  std::vector<double> again(1, 0.0);
  AgeHistogram ages;
  q.serve(4.0, std::vector<double>{1.0}, mid(6), again, &ages);
  EXPECT_DOUBLE_EQ(again[0], 4.0);
  EXPECT_NEAR(ages.mean(), 42.0, 1e-12);  // applied in week 0, decided in week 6
  EXPECT_DOUBLE_EQ(q.amount(2, 0), 10.0);
}

TEST(CohortQueue, GroupsFollowTheirFirstLane) {
  // Two groups of two lanes: (all, of whom accommodated). Only the first lane of a group has a
  // cost; serving half a cohort halves both lanes of each served group.
  CohortQueue q(4, 2);
  q.add(0, mid(0), 7.0, 0, 10.0);
  q.add(0, mid(0), 7.0, 1, 4.0);
  q.add(0, mid(0), 7.0, 2, 10.0);
  q.add(0, mid(0), 7.0, 3, 6.0);
  std::vector<double> served(4, 0.0);
  AgeHistogram ages;
  q.serve(10.0, std::vector<double>{1.0, 0.0, 1.0, 0.0}, mid(1), served, &ages);
  EXPECT_NEAR(served[0], 5.0, 1e-12);
  EXPECT_NEAR(served[1], 2.0, 1e-12);
  EXPECT_NEAR(served[3], 3.0, 1e-12);
  EXPECT_NEAR(ages.total_weight(), 10.0, 1e-12);  // persons counted once, by the first lanes
  EXPECT_NEAR(q.group_total(), 10.0, 1e-12);
  // A group whose first lane costs nothing is frozen, with its sub-counts.
  std::vector<double> again(4, 0.0);
  q.serve(100.0, std::vector<double>{0.0, 0.0, 1.0, 0.0}, mid(2), again, nullptr);
  EXPECT_DOUBLE_EQ(again[0], 0.0);
  EXPECT_DOUBLE_EQ(again[1], 0.0);
  EXPECT_NEAR(again[3], 3.0, 1e-12);
  EXPECT_NEAR(q.amount(0, 1), 2.0, 1e-12);
}

TEST(CohortQueue, LeakOfOlderCohortsOnly) {
  CohortQueue q(1);
  for (int k = 0; k < 4; ++k) q.add(k, mid(k), 7.0, 0, 100.0);
  std::vector<double> removed(1, 0.0);
  // 10 % of the cohorts that entered by day 12 (weeks 0 and 1) leave; weeks 2 and 3 keep all.
  q.leak_entered_before(std::vector<double>{0.1}, 12.0, removed);
  EXPECT_NEAR(removed[0], 20.0, 1e-9);
  EXPECT_NEAR(q.amount(0, 0), 90.0, 1e-9);
  EXPECT_NEAR(q.amount(1, 0), 90.0, 1e-9);
  EXPECT_NEAR(q.amount(2, 0), 100.0, 1e-9);
  EXPECT_NEAR(q.amount(3, 0), 100.0, 1e-9);
  EXPECT_NEAR(q.total(), 380.0, 1e-9);
}

TEST(CohortQueue, MoveWithSubCounts) {
  // Lanes: 0 accommodated, 1 asked (waiting or not), 2 waiting. Admitting 5 of the waiting moves
  // them to accommodated and out of "asked".
  CohortQueue q(3);
  q.add(0, mid(0), 7.0, 1, 8.0);
  q.add(0, mid(0), 7.0, 2, 6.0);
  const std::vector<int> from{2}, to{0}, also_from{1};
  std::vector<double> moved(1, 0.0);
  EXPECT_NEAR(q.move_in_cohort(0, {from, to, also_from}, 5.0, mid(1), moved, nullptr), 5.0, 1e-12);
  EXPECT_NEAR(q.amount(0, 0), 5.0, 1e-12);
  EXPECT_NEAR(q.amount(0, 1), 3.0, 1e-12);
  EXPECT_NEAR(q.amount(0, 2), 1.0, 1e-12);
  EXPECT_EQ(q.oldest_key_with(from), 0);
}

TEST(CohortQueue, MoveSkipsPairsWithNoOneToMove) {
  // Three segments of (accommodated, asked, waiting); the middle one asked but does not wait.
  // Moving 4 of the 8 waiting halves the waiting of the first and last segment; the middle
  // pair moves nothing and its counters stay as they are.
  CohortQueue q(9, 3);
  q.add(0, mid(0), 7.0, 1, 8.0);
  q.add(0, mid(0), 7.0, 2, 6.0);
  q.add(0, mid(0), 7.0, 4, 5.0);
  q.add(0, mid(0), 7.0, 7, 4.0);
  q.add(0, mid(0), 7.0, 8, 2.0);
  const std::vector<int> from{2, 5, 8}, to{0, 3, 6}, also_from{1, 4, 7};
  std::vector<double> moved(3, 0.0);
  AgeHistogram ages;
  EXPECT_NEAR(q.move_in_cohort(0, {from, to, also_from}, 4.0, mid(1), moved, &ages), 4.0, 1e-12);
  EXPECT_NEAR(moved[0], 3.0, 1e-12);
  EXPECT_EQ(moved[1], 0.0);
  EXPECT_NEAR(moved[2], 1.0, 1e-12);
  const double expected[] = {3.0, 5.0, 3.0, 0.0, 5.0, 0.0, 1.0, 3.0, 1.0};
  for (int l = 0; l < 9; ++l) EXPECT_NEAR(q.amount(0, l), expected[l], 1e-12) << "lane " << l;
  EXPECT_NEAR(ages.total_weight(), 4.0, 1e-12);
  EXPECT_NEAR(ages.mean(), 7.0, 1e-12);  // entered in week 0, admitted in week 1
}

TEST(CohortQueue, OldestKeyWithSeveralLanesFollowsMovesAndOlderArrivals) {
  // Lane 0: 10 persons in each of weeks 0-5; lane 1: 10 in week 5.
  CohortQueue q(2);
  for (int k = 0; k < 6; ++k) q.add(k, mid(k), 7.0, 0, 10.0);
  q.add(5, mid(5), 7.0, 1, 10.0);
  const std::vector<int> lane0{0}, lane1{1}, both{0, 1}, both_reversed{1, 0};
  EXPECT_EQ(q.oldest_key_with(lane1), 5);
  std::vector<double> moved(1, 0.0);
  q.move({lane0}, 30.0, QueueOrder::oldest_first, mid(6), moved, nullptr);  // weeks 0-2 leave
  EXPECT_EQ(q.oldest_key_with(both), 3);
  // Week 2 gains persons in lane 1, older than its front (week 5): it is the oldest now,
  // whichever lane is asked first.
  q.add(2, mid(2), 7.0, 1, 4.0);
  EXPECT_EQ(q.oldest_key_with(both), 2);
  EXPECT_EQ(q.oldest_key_with(both_reversed), 2);
  // They leave again: lane 0 (week 3) is the oldest.
  q.move_in_cohort(2, {lane1}, 4.0, mid(6), moved, nullptr);
  EXPECT_EQ(q.oldest_key_with(both), 3);
  EXPECT_EQ(q.oldest_key_with(both_reversed), 3);
  // Weeks 3 and 4 leave lane 0: both lanes start in week 5.
  q.move({lane0}, 20.0, QueueOrder::oldest_first, mid(6), moved, nullptr);
  EXPECT_EQ(q.oldest_key_with(both), 5);
  EXPECT_EQ(q.oldest_key_with(both_reversed), 5);
  EXPECT_EQ(q.oldest_key_with(lane1), 5);
}

TEST(CohortQueue, AgeDistributionOfWhatWaits) {
  CohortQueue q(1);
  for (int k = 0; k < 4; ++k) q.add(k, mid(k), 7.0, 0, 10.0);
  AgeHistogram h;
  const std::vector<int> lanes{0};
  q.age_distribution(lanes, 28.0, h);  // at the end of week 3
  // Ages uniform on [0, 28]: mean 14, median 14, p90 25.2, share older than 21 = 1/4.
  EXPECT_NEAR(h.mean(), 14.0, 1e-12);
  EXPECT_NEAR(h.quantile(0.5), 14.0, 1e-12);
  EXPECT_NEAR(h.quantile(0.9), 25.2, 1e-12);
  EXPECT_NEAR(h.share_older_than(21.0), 0.25, 1e-12);
}

TEST(CohortQueue, GrowsPastItsInitialRing) {
  CohortQueue q(1);
  for (int k = 0; k < 1000; ++k) q.add(k, mid(k), 7.0, 0, 1.0);
  EXPECT_EQ(q.cohort_count(), 1000);
  std::vector<double> served(1, 0.0);
  q.serve(500.0, std::vector<double>{1.0}, mid(1000), served, nullptr);
  EXPECT_EQ(q.oldest_key(), 500);
  EXPECT_NEAR(q.total(), 500.0, 1e-9);
}

TEST(CohortQueue, GroupSumsOfEveryCohortInOrder) {
  // Three groups of two lanes; the middle group is never used. Seven cohorts (not a multiple of
  // the four summed at a time), one of them young after an age-limited leak, so that two scale
  // factors are in play. Each sum is the first lanes of the groups, added in lane order.
  CohortQueue q(6, 2);
  for (int k = 0; k < 7; ++k) {
    q.add(k, mid(k), 7.0, 0, 1.0 + 0.1 * k);
    q.add(k, mid(k), 7.0, 1, 0.5);
    q.add(k, mid(k), 7.0, 4, 2.0 + 0.3 * k);
  }
  std::vector<double> removed(6, 0.0);
  const std::vector<int> lanes{0, 4};
  q.leak_lanes(lanes, 0.25, mid(5), removed);  // cohorts 0-5 old, 6 young
  std::vector<int> keys;
  std::vector<double> sums;
  q.for_each_cohort_group_sum([&](int key, double day, double width, double persons) {
    EXPECT_EQ(day, mid(key));
    EXPECT_EQ(width, 7.0);
    keys.push_back(key);
    sums.push_back(persons);
  });
  ASSERT_EQ(keys.size(), 7u);
  for (int k = 0; k < 7; ++k) {
    EXPECT_EQ(keys[k], k);
    EXPECT_EQ(sums[k], 0.0 + q.amount(k, 0) + q.amount(k, 4)) << "cohort " << k;
  }
  EXPECT_NEAR(sums[0], 0.75 * 3.0, 1e-12);
  EXPECT_NEAR(sums[6], 1.6 + 3.8, 1e-12);
}

TEST(CohortQueue, ServingFollowsTheCostsOfEachCall) {
  // Three groups of one lane. Which groups are served changes from call to call (a segment
  // suspended, then resumed), and a group joins between two calls.
  CohortQueue q(3);
  q.add(0, mid(0), 7.0, 0, 10.0);
  q.add(0, mid(0), 7.0, 1, 10.0);
  std::vector<double> served(3, 0.0);
  q.serve(4.0, std::vector<double>{1.0, 1.0, 1.0}, mid(1), served, nullptr);
  EXPECT_NEAR(served[0], 2.0, 1e-12);
  EXPECT_NEAR(served[1], 2.0, 1e-12);
  std::fill(served.begin(), served.end(), 0.0);
  q.serve(4.0, std::vector<double>{0.0, 1.0, 1.0}, mid(1), served, nullptr);  // group 0 suspended
  EXPECT_EQ(served[0], 0.0);
  EXPECT_NEAR(served[1], 4.0, 1e-12);
  q.add(0, mid(0), 7.0, 2, 6.0);  // group 2 joins
  std::fill(served.begin(), served.end(), 0.0);
  q.serve(6.0, std::vector<double>{1.0, 0.0, 1.0}, mid(1), served, nullptr);
  EXPECT_NEAR(served[0], 8.0 * 3.0 / 7.0, 1e-12);  // 8 + 6 weigh 14: 6 serve 3/7 of each
  EXPECT_EQ(served[1], 0.0);
  EXPECT_NEAR(served[2], 6.0 * 3.0 / 7.0, 1e-12);
  EXPECT_NEAR(q.lane_total(1), 4.0, 1e-12);
  // The same costs again: the lanes not served still read 0 in what each cohort gives.
  q.add(1, mid(1), 7.0, 1, 2.0);
  q.add(1, mid(1), 7.0, 2, 1.0);
  std::vector<std::vector<double>> given;
  q.serve_each(100.0, std::vector<double>{1.0, 0.0, 1.0}, mid(1),
               [&](int, double, double, std::span<const double> lanes) {
                 given.emplace_back(lanes.begin(), lanes.end());
               });
  ASSERT_EQ(given.size(), 2u);
  EXPECT_EQ(given[0][1], 0.0);
  EXPECT_EQ(given[1][1], 0.0);
  EXPECT_EQ(given[1][0], 0.0);  // cohort 1 holds no one in lane 0
  EXPECT_NEAR(given[1][2], 1.0, 1e-12);
}

TEST(CohortQueue, ServedRunsAreTheGroupsInUseThatCost) {
  // Groups of 2 lanes: groups 0, 2 and 3 in use, group 2 costing nothing. While serving, the
  // runs name groups 0 and 3 (apart), and every lane outside them reads +0 in each cohort.
  CohortQueue q(8, 2);
  q.add(0, mid(0), 7.0, 0, 4.0);
  q.add(0, mid(0), 7.0, 4, 1.0);
  q.add(1, mid(1), 7.0, 6, 2.0);
  const std::vector<double> cost{1.0, 1.0, 9.0, 9.0, 0.0, 0.0, 1.0, 1.0};
  int cohorts = 0;
  q.serve_each(100.0, cost, mid(1), [&](int, double, double, std::span<const double> lanes) {
    const std::span<const CohortQueue::LaneRun> runs = q.served_runs();
    ASSERT_EQ(runs.size(), 2u);
    EXPECT_EQ(runs[0].begin, 0);
    EXPECT_EQ(runs[0].end, 2);
    EXPECT_EQ(runs[1].begin, 6);
    EXPECT_EQ(runs[1].end, 8);
    for (int l = 2; l < 6; ++l) {
      EXPECT_EQ(lanes[static_cast<std::size_t>(l)], 0.0) << l;
      EXPECT_FALSE(std::signbit(lanes[static_cast<std::size_t>(l)])) << l;
    }
    ++cohorts;
  });
  EXPECT_EQ(cohorts, 2);
  EXPECT_NEAR(q.lane_total(4), 1.0, 1e-12);  // not served
}

TEST(CohortQueue, ServingAYoungCohortKeepsTheAgeLimitedLeakRight) {
  // Cohort 1 is young when served: what is served leaves its young count, so that a later leak
  // of the old cohorts only takes from cohort 0.
  CohortQueue q(1);
  q.add(0, mid(0), 7.0, 0, 10.0);
  q.add(1, mid(1), 7.0, 0, 20.0);
  const std::vector<int> lane{0};
  std::vector<double> removed(1, 0.0);
  q.leak_lanes(lane, 0.5, mid(0), removed);  // cohort 0 old (10 -> 5), cohort 1 young
  EXPECT_NEAR(removed[0], 5.0, 1e-12);
  std::vector<double> served(1, 0.0);
  q.serve(10.0, std::vector<double>{1.0}, mid(2), served, nullptr);  // all of 0, 5 of 1
  EXPECT_NEAR(q.amount(1, 0), 15.0, 1e-12);
  q.add(2, mid(2), 7.0, 0, 8.0);
  removed[0] = 0.0;
  q.leak_lanes(lane, 0.5, mid(1), removed);  // cohort 1 turns old: half of its 15 leave
  EXPECT_NEAR(removed[0], 7.5, 1e-12);
  EXPECT_NEAR(q.amount(1, 0), 7.5, 1e-12);
  EXPECT_NEAR(q.amount(2, 0), 8.0, 1e-12);
  EXPECT_NEAR(q.total(), 15.5, 1e-12);
}

TEST(CohortQueue, AKindOfLaneLeaksAsItsLanesDo) {
  // Three groups of two lanes, the middle group never used. Leaking lane 1 of every group is the
  // leak of lanes 1 and 5, bit for bit, step after step: the limit moves forward (cohorts turn
  // old), rows keep coming, and a leak with no limit (every cohort) comes in between.
  CohortQueue by_kind(6, 2), by_lanes(6, 2);
  const std::vector<int> lanes{1, 5};
  std::vector<double> removed_kind(6, 0.0), removed_lanes(6, 0.0);
  for (int k = 0; k < 12; ++k) {
    const std::vector<double> row{3.0 + k, 1.0 + 0.1 * k, 0.0, 0.0, 2.0, 0.7 + 0.01 * k};
    by_kind.add_row(k, mid(k), 7.0, row);
    by_lanes.add_row(k, mid(k), 7.0, row);
    const double limit = k == 6 ? std::numeric_limits<double>::infinity() : mid(k - 3);
    by_kind.leak_kind(1, 0.05 + 0.01 * k, limit, removed_kind);
    by_lanes.leak_lanes(lanes, 0.05 + 0.01 * k, limit, removed_lanes);
  }
  for (int lane = 0; lane < 6; ++lane) {
    EXPECT_EQ(removed_kind[lane], removed_lanes[lane]) << lane;
    EXPECT_EQ(by_kind.lane_total(lane), by_lanes.lane_total(lane)) << lane;
    for (int k = 0; k < 12; ++k) EXPECT_EQ(by_kind.amount(k, lane), by_lanes.amount(k, lane)) << k;
  }
  EXPECT_EQ(removed_kind[3], 0.0);
  // Cohorts 0-8 were leaked at each step since they turned old; 9-11 are still young.
  EXPECT_NEAR(by_kind.amount(11, 1), 2.1, 1e-12);
  EXPECT_LT(by_kind.amount(8, 1), 1.8);
}

TEST(CohortQueue, BothReceptionLeaksInOneCall) {
  // Groups of three lanes; lane 2 of groups 0 and 2 leaks from every cohort, lane 1 of every
  // group from the older cohorts: one call gives what the two calls give, bit for bit.
  CohortQueue one(9, 3), two(9, 3);
  const std::vector<int> waiting{2, 8};
  std::vector<double> removed_one(9, 0.0), removed_two(9, 0.0);
  for (int k = 0; k < 10; ++k) {
    const std::vector<double> row{5.0 + k, 2.0 + 0.3 * k, 1.5, 1.0, 0.4, 0.0, 3.0, 1.1, 0.2 * k};
    one.add_row(k, mid(k), 7.0, row);
    two.add_row(k, mid(k), 7.0, row);
    const double give_up = k == 4 ? 0.0 : 0.03 * k;  // none at step 4
    one.leak_lanes_and_kind(waiting, give_up, 1, 0.02, mid(k - 4), removed_one);
    two.leak_lanes(waiting, give_up, std::numeric_limits<double>::infinity(), removed_two);
    two.leak_kind(1, 0.02, mid(k - 4), removed_two);
  }
  for (int lane = 0; lane < 9; ++lane) {
    EXPECT_EQ(removed_one[lane], removed_two[lane]) << lane;
    EXPECT_EQ(one.lane_total(lane), two.lane_total(lane)) << lane;
    for (int k = 0; k < 10; ++k) EXPECT_EQ(one.amount(k, lane), two.amount(k, lane)) << k;
  }
  EXPECT_GT(removed_one[8], 0.0);
  EXPECT_GT(removed_one[4], 0.0);
  EXPECT_EQ(removed_one[5], 0.0);
}

TEST(CohortQueue, ALaneJoiningTheAgeLimitedLeaksLaterFindsItsYoungCohorts) {
  // Lane 0 is leaked with an age limit first, which makes cohorts 2 and 3 young; lane 1 is not
  // converted while it is not leaked so. When it is, its young persons are summed afresh: only
  // the old cohorts of lane 1 lose anyone.
  CohortQueue q(2);
  for (int k = 0; k < 4; ++k) {
    q.add(k, mid(k), 7.0, 0, 10.0);
    q.add(k, mid(k), 7.0, 1, 1.0 + k);
  }
  std::vector<double> removed(2, 0.0);
  q.leak_lanes(std::vector<int>{0}, 0.5, mid(1), removed);  // cohorts 0 and 1 of lane 0
  EXPECT_NEAR(removed[0], 10.0, 1e-12);
  q.add(4, mid(4), 7.0, 1, 8.0);  // young
  std::vector<double> served(2, 0.0);
  q.serve(1.0, std::vector<double>{0.0, 1.0}, mid(5), served, nullptr);  // 1 of cohort 0, lane 1
  q.leak_lanes(std::vector<int>{1}, 0.5, mid(2), removed);  // cohort 2 turns old
  EXPECT_NEAR(removed[1], 0.5 * (0.0 + 2.0 + 3.0), 1e-12);
  EXPECT_NEAR(q.amount(3, 1), 4.0, 1e-12);
  EXPECT_NEAR(q.amount(4, 1), 8.0, 1e-12);
  EXPECT_NEAR(q.lane_total(1), 1.0 + 1.5 + 4.0 + 8.0, 1e-12);
  removed.assign(2, 0.0);
  q.leak_lanes(std::vector<int>{0, 1}, 0.5, mid(3), removed);  // cohort 3 turns old, 4 young
  EXPECT_NEAR(removed[0], 0.5 * (5.0 + 5.0 + 10.0 + 10.0), 1e-12);
  EXPECT_NEAR(removed[1], 0.5 * (1.0 + 1.5 + 4.0), 1e-12);
  EXPECT_NEAR(q.amount(3, 1), 2.0, 1e-12);
  EXPECT_NEAR(q.amount(4, 1), 8.0, 1e-12);
}

TEST(CohortQueue, ServingJumpsOverRunsOfCohortsOfSuspendedGroups) {
  // Group 0 is suspended (costs nothing) and holds persons in every cohort; group 1 holds persons
  // in cohorts 2, 3 and 9 only, with runs of cohorts between them that weigh nothing. Serving
  // finds the served cohorts in order, however long the runs, and leaves group 0 as it is.
  CohortQueue q(2);
  for (int k = 0; k < 12; ++k) q.add(k, mid(k), 7.0, 0, 1.0 + k);
  q.add(2, mid(2), 7.0, 1, 4.0);
  q.add(3, mid(3), 7.0, 1, 2.0);
  q.add(9, mid(9), 7.0, 1, 8.0);
  const std::vector<double> cost{0.0, 1.0};
  std::vector<int> keys;
  std::vector<double> persons;
  auto note = [&](int key, double, double, std::span<const double> served) {
    keys.push_back(key);
    persons.push_back(served[1]);
    EXPECT_EQ(served[0], 0.0);
  };
  EXPECT_NEAR(q.serve_each(5.0, cost, mid(11), note), 5.0, 1e-12);  // 2 whole, half of 3
  q.add(5, mid(5), 7.0, 1, 3.0);  // a served cohort inside the run, after it was walked
  EXPECT_NEAR(q.serve_each(100.0, cost, mid(8), note), 4.0, 1e-12);  // 9 entered too late
  EXPECT_NEAR(q.serve_each(100.0, cost, mid(11), note), 8.0, 1e-12);
  ASSERT_EQ(keys.size(), 5u);
  const int expected_keys[] = {2, 3, 3, 5, 9};
  const double expected_persons[] = {4.0, 1.0, 1.0, 3.0, 8.0};
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(keys[i], expected_keys[i]) << i;
    EXPECT_NEAR(persons[i], expected_persons[i], 1e-12) << i;
  }
  EXPECT_EQ(q.lane_total(1), 0.0);
  EXPECT_NEAR(q.lane_total(0), 12.0 * 13.0 / 2.0, 1e-12);
  EXPECT_EQ(q.oldest_key(), 0);
}

TEST(LaneKernels, LeakOfAnyLengthReturnsTheLargestShare) {
  // Every length up to past one unrolled iteration (16 lanes), odd ones included: each lane as
  // the scalar rule says, bit for bit, and the largest share (0 for nothing) wherever it stands.
  const std::vector<double> shares{0.1, 0.0, 0.7, 0.2, 0.3, 0.9, 0.4, 0.5, 0.6, 1.0, 0.05};
  for (std::ptrdiff_t n = 0; n <= 20; ++n) {
    const std::size_t size = static_cast<std::size_t>(n);
    std::vector<double> share(size), total(size), young(size), scale(size), young_scale(size);
    std::vector<double> removed(size);
    double largest = 0.0;
    for (std::size_t i = 0; i < size; ++i) {
      share[i] = shares[(i * 7) % shares.size()];
      total[i] = 10.0 + static_cast<double>(i);
      young[i] = 1.0 + 0.5 * static_cast<double>(i);
      scale[i] = 1.0 / (3.0 + static_cast<double>(i));
      young_scale[i] = 0.5 / (3.0 + static_cast<double>(i));
      removed[i] = 0.25 * static_cast<double>(i);
      largest = std::max(largest, share[i]);
    }
    std::vector<double> t = total, y = young, sc = scale, ys = young_scale, r = removed;
    EXPECT_EQ(
        lane_kernels::leak(share.data(), t.data(), y.data(), sc.data(), ys.data(), r.data(), n),
        largest)
        << n;
    for (std::size_t i = 0; i < size; ++i) {
      const double keep = 1.0 - share[i];
      const double m = total[i] * share[i];
      EXPECT_EQ(r[i], removed[i] + m) << n << " " << i;
      EXPECT_EQ(t[i], total[i] - m) << n << " " << i;
      EXPECT_EQ(y[i], young[i] * keep) << n << " " << i;
      EXPECT_EQ(sc[i], scale[i] * keep) << n << " " << i;
      EXPECT_EQ(ys[i], young_scale[i] * keep) << n << " " << i;
    }
  }
}

TEST(LaneKernels, ServeAndTakeOfAnyLength) {
  // Every length up to past one unrolled iteration (16 lanes), odd ones included, served in part
  // and whole, and taken: each lane as the scalar rule says, bit for bit.
  for (std::ptrdiff_t n = 0; n <= 20; ++n) {
    const std::size_t size = static_cast<std::size_t>(n);
    std::vector<double> stored(size), scale(size), total(size), young(size);
    for (std::size_t i = 0; i < size; ++i) {
      stored[i] = i % 3 == 1 ? 0.0 : 2.0 + static_cast<double>(i);
      scale[i] = 1.0 / (3.0 + static_cast<double>(i));
      total[i] = 10.0 + static_cast<double>(i);
      young[i] = 1.0 + 0.5 * static_cast<double>(i);
    }
    for (const double fraction : {0.3, 1.0}) {
      std::vector<double> st = stored, served(size), t = total, y = young;
      lane_kernels::serve<true>(st.data(), scale.data(), served.data(), t.data(), y.data(), n,
                                fraction);
      for (std::size_t i = 0; i < size; ++i) {
        const double m = stored[i] * scale[i] * fraction;
        EXPECT_EQ(served[i], m) << n << " " << i;
        EXPECT_EQ(st[i], fraction >= 1.0 ? 0.0 : stored[i] * (1.0 - fraction)) << n << " " << i;
        EXPECT_EQ(t[i], total[i] - m) << n << " " << i;
        EXPECT_EQ(y[i], young[i] - m) << n << " " << i;
      }
    }
    std::vector<double> st = stored, taken(size), t = total;
    lane_kernels::take<false>(st.data(), scale.data(), taken.data(), t.data(), nullptr, n);
    for (std::size_t i = 0; i < size; ++i) {
      EXPECT_EQ(taken[i], stored[i] * scale[i]) << n << " " << i;
      EXPECT_EQ(st[i], 0.0) << n << " " << i;
      EXPECT_EQ(t[i], total[i] - stored[i] * scale[i]) << n << " " << i;
    }
  }
}

TEST(CohortQueue, ALeakOfSomeGroupsOnlyKeepsEveryAmount) {
  // Lane shares differ (the largest sets the scale floor); many leaks drive the scales towards
  // underflow, and renormalising keeps the amounts.
  CohortQueue q(4, 2);
  q.add(0, mid(0), 7.0, 0, 1e6);
  q.add(0, mid(0), 7.0, 2, 1e6);
  std::vector<double> removed(4, 0.0);
  const std::vector<double> share{0.5, 0.0, 0.25, 0.0};
  for (int i = 0; i < 600; ++i) q.leak(share, removed);
  EXPECT_NEAR(removed[0], 1e6, 1e-6);
  EXPECT_NEAR(removed[2], 1e6, 1e-6);
  q.add(1, mid(1), 7.0, 0, 3.0);
  q.add(1, mid(1), 7.0, 2, 5.0);
  EXPECT_NEAR(q.amount(1, 0), 3.0, 1e-12);
  EXPECT_NEAR(q.amount(1, 2), 5.0, 1e-12);
}

TEST(CohortQueue, RowsIntoNewCohortsWithGapsAndYoungCohorts) {
  // Every group in use: a row into a new cohort is written without zeroing its lanes first; the
  // empty cohorts created between it and the queue (after it, or before it for an older key)
  // hold no one. A cohort created after an age-limited leak is young: its row counts as young.
  CohortQueue q(4, 2);
  q.add_row(3, mid(3), 7.0, std::vector<double>{4.0, 1.0, 2.0, 0.0});
  q.add_row(6, mid(6), 7.0, std::vector<double>{5.0, 0.0, 3.0, 1.0});  // creates 4 and 5 too
  q.add_row(1, mid(1), 7.0, std::vector<double>{2.0, 2.0, 6.0, -1.0});  // creates 2 too
  EXPECT_EQ(q.oldest_key(), 1);
  EXPECT_EQ(q.newest_key(), 6);
  for (int lane = 0; lane < 4; ++lane)
    for (int key : {2, 4, 5}) EXPECT_EQ(q.amount(key, lane), 0.0) << key << " " << lane;
  EXPECT_EQ(q.amount(1, 3), 0.0);  // a negative amount adds nothing
  EXPECT_EQ(q.amount(6, 3), 1.0);
  EXPECT_NEAR(q.total(), 4.0 + 1.0 + 2.0 + 5.0 + 3.0 + 1.0 + 2.0 + 2.0 + 6.0, 1e-12);
  std::vector<double> removed(4, 0.0);
  const std::vector<int> lanes{0, 2};
  q.leak_lanes(lanes, 0.5, mid(5), removed);  // cohorts 1-5 old, 6 young
  EXPECT_NEAR(removed[0], 3.0, 1e-12);
  q.add_row(8, mid(8), 7.0, std::vector<double>{10.0, 0.0, 10.0, 0.0});  // young, new
  removed.assign(4, 0.0);
  q.leak_lanes(lanes, 0.5, mid(7), removed);  // 6 turns old, 8 stays young
  EXPECT_NEAR(removed[0], 1.5 + 2.5, 1e-12);
  EXPECT_NEAR(removed[2], 2.0 + 1.5, 1e-12);
  EXPECT_NEAR(q.amount(8, 0), 10.0, 1e-12);
}

TEST(CohortQueue, EmptyCohortsAtTheEndsAreDropped) {
  // A cohort that returns before the front brings empty cohorts up to it; once it is served they
  // are the front and are dropped. A cohort left with a tiny remainder is dropped too, and the
  // remainder leaves the lane totals.
  CohortQueue q(2);
  q.add(5, mid(5), 7.0, 0, 10.0);
  q.add(1, mid(1), 7.0, 0, 3.0);  // creates 2, 3 and 4, empty
  EXPECT_EQ(q.cohort_count(), 5);
  std::vector<double> served(2, 0.0);
  q.serve(3.0, std::vector<double>{1.0, 1.0}, mid(6), served, nullptr);
  EXPECT_EQ(q.oldest_key(), 5);
  EXPECT_EQ(q.cohort_count(), 1);
  q.add(6, mid(6), 7.0, 1, 1e-14);
  q.add(7, mid(7), 7.0, 0, 4.0);
  q.serve(10.0, std::vector<double>{1.0, 0.0}, mid(8), served, nullptr);  // lane 1 not served
  EXPECT_EQ(q.oldest_key(), 7);  // cohort 6 held 1e-14 persons: dropped
  EXPECT_EQ(q.lane_total(1), 0.0);
  EXPECT_NEAR(q.total(), 4.0, 1e-12);
}

TEST(CohortQueue, TakesTheCohortsEnteredByADay) {
  // Cohorts 0, 1 and 3 in two lanes, cohort 2 in lane 0 only. An age-limited leak makes 2 and 3
  // young. Taking the cohorts entered by day mid(2) gives 0, 1 and 2 with their amounts, and
  // leaves the totals, young ones included, right: a later leak of the old cohorts finds none.
  CohortQueue q(2);
  for (int k : {0, 1, 3}) {
    q.add(k, mid(k), 7.0, 0, 10.0 + k);
    q.add(k, mid(k), 7.0, 1, 1.0 + k);
  }
  q.add(2, mid(2), 7.0, 0, 5.0);
  std::vector<double> removed(2, 0.0);
  const std::vector<int> lane1{1};
  q.leak_lanes(lane1, 0.5, mid(1), removed);  // lane 1 of 0 and 1 halved; 2 and 3 young
  std::vector<int> keys;
  std::vector<std::vector<double>> taken;
  q.take_entered_before(mid(2), [&](int key, double day, double, std::span<const double> a) {
    EXPECT_EQ(day, mid(key));
    keys.push_back(key);
    taken.emplace_back(a.begin(), a.end());
  });
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[0], 0);
  EXPECT_EQ(keys[2], 2);
  EXPECT_NEAR(taken[0][0], 10.0, 1e-12);
  EXPECT_NEAR(taken[0][1], 0.5, 1e-12);
  EXPECT_NEAR(taken[1][1], 1.0, 1e-12);
  EXPECT_NEAR(taken[2][0], 5.0, 1e-12);  // young
  EXPECT_EQ(q.oldest_key(), 3);
  EXPECT_NEAR(q.lane_total(0), 13.0, 1e-12);
  EXPECT_NEAR(q.lane_total(1), 4.0, 1e-12);
  removed.assign(2, 0.0);
  q.leak_lanes(lane1, 0.5, mid(2), removed);  // no old cohort holds anyone: nothing leaves
  EXPECT_NEAR(removed[1], 0.0, 1e-12);
  EXPECT_NEAR(q.amount(3, 1), 4.0, 1e-12);
}

TEST(LaneKernels, AllZeroBitsOnlyForPlusZero) {
  std::vector<double> x(7, 0.0);
  EXPECT_TRUE(lane_kernels::all_zero_bits(x.data(), 7));
  EXPECT_TRUE(lane_kernels::all_zero_bits(x.data(), 0));
  x[6] = -0.0;  // in the tail of a vectorised loop
  EXPECT_FALSE(lane_kernels::all_zero_bits(x.data(), 7));
  EXPECT_TRUE(lane_kernels::all_zero_bits(x.data(), 6));
  x[6] = 0.0;
  x[1] = 5e-324;  // the smallest subnormal
  EXPECT_FALSE(lane_kernels::all_zero_bits(x.data(), 7));
}

TEST(LaneKernels, AllZeroMagnitudesForEitherZero) {
  // Every length up to past one unrolled iteration (16 lanes), a value in the tail or the body.
  for (std::ptrdiff_t n = 0; n <= 20; ++n) {
    std::vector<double> x(static_cast<std::size_t>(n), 0.0);
    EXPECT_TRUE(lane_kernels::all_zero_magnitudes(x.data(), n)) << n;
    if (n == 0) continue;
    x[static_cast<std::size_t>(n - 1)] = -0.0;
    EXPECT_TRUE(lane_kernels::all_zero_magnitudes(x.data(), n)) << n;
    x[static_cast<std::size_t>(n / 2)] = 5e-324;  // the smallest subnormal
    EXPECT_FALSE(lane_kernels::all_zero_magnitudes(x.data(), n)) << n;
    x[static_cast<std::size_t>(n / 2)] = -1.0;
    EXPECT_FALSE(lane_kernels::all_zero_magnitudes(x.data(), n)) << n;
  }
}

TEST(LaneKernels, PushAddsThePositivePartOfEveryLane) {
  // Every length up to past one unrolled iteration (16 lanes), odd ones included: each lane as
  // the scalar rule says, bit for bit. NaN, negative amounts and -0 add +0; a new cohort's lane
  // (fresh) is the quotient alone.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> amounts{3.0, -1.0, -0.0, nan, 5e-324, 0.0, 7.25, 1e300, 2.0, 0.1};
  for (std::ptrdiff_t n = 0; n <= 20; ++n) {
    std::vector<double> in(static_cast<std::size_t>(n)), scale(in.size());
    std::vector<double> stored(in.size()), total(in.size()), young(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
      in[i] = amounts[i % amounts.size()];
      scale[i] = 1.0 / (3.0 + static_cast<double>(i));
      stored[i] = 0.5 * static_cast<double>(i);
      total[i] = 2.0 * static_cast<double>(i);
      young[i] = 1.0 + static_cast<double>(i);
    }
    std::vector<double> fresh = stored, kept = stored, fresh_total = total, kept_total = total;
    std::vector<double> kept_young = young;
    lane_kernels::push<true, false>(in.data(), fresh.data(), scale.data(), fresh_total.data(),
                                    nullptr, n);
    lane_kernels::push<false, true>(in.data(), kept.data(), scale.data(), kept_total.data(),
                                    kept_young.data(), n);
    for (std::size_t i = 0; i < in.size(); ++i) {
      const double add = in[i] > 0.0 ? in[i] : 0.0;
      EXPECT_EQ(fresh[i], 0.0 + add / scale[i]) << n << " " << i;
      EXPECT_FALSE(std::signbit(fresh[i])) << n << " " << i;
      EXPECT_EQ(kept[i], stored[i] + add / scale[i]) << n << " " << i;
      EXPECT_EQ(fresh_total[i], total[i] + add) << n << " " << i;
      EXPECT_EQ(kept_total[i], total[i] + add) << n << " " << i;
      EXPECT_EQ(kept_young[i], young[i] + add) << n << " " << i;
    }
  }
}

TEST(CohortQueue, ARowJoinsTheGroupsItAddsTo) {
  // Three groups of two lanes. Rows that are 0 (or negative, or -0) in a group leave it out of
  // the groups in use; a positive amount in any lane of a group brings it in.
  CohortQueue q(6, 2);
  q.add_row(0, mid(0), 7.0, std::vector<double>{1.0, 0.0, 0.0, -0.0, -2.0, 0.0});
  q.add_row(1, mid(1), 7.0, std::vector<double>{1.0, 0.0, 0.0, 3.0, 0.0, 0.0});
  double persons = 0.0;
  q.for_each_cohort_group_sum([&](int, double, double, double p) { persons += p; });
  EXPECT_EQ(persons, 2.0);  // the first lanes of the groups in use (0 and 1)
  EXPECT_EQ(q.amount(1, 3), 3.0);
  EXPECT_EQ(q.amount(0, 4), 0.0);
  EXPECT_EQ(q.total(), 5.0);
}

}  // namespace chainsim
