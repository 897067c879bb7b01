// A Workspace keeps the queues' memory from one run to the next; a run's results must not depend
// on which memory it gets, fresh, reused from another run, or filled with garbage.
#include "chainsim/model/workspace.hpp"

#include <gtest/gtest.h>

#include <array>

#include "chainsim/model/cohort_queue.hpp"
#include "chainsim/model/simulation.hpp"
#include "same_results.hpp"
#include "test_scenarios.hpp"

namespace chainsim {
namespace {

using testing::expect_same_bits;
using testing::PoisonedMemory;

TEST(Workspace, RunsInAWorkspaceGiveTheResultsOfFreshRuns) {
  const Scenario daily = testing::two_by_two(StepUnit::day);
  const Scenario weekly = testing::two_by_two(StepUnit::week);
  const Results fresh_daily = simulate(daily);
  const Results fresh_weekly = simulate(weekly);
  Workspace workspace;
  // The same scenario again, then another shape, then the first again: each run gets blocks
  // the one before wrote.
  expect_same_bits(simulate(daily, 0, &workspace), fresh_daily);
  expect_same_bits(simulate(daily, 0, &workspace), fresh_daily);
  expect_same_bits(simulate(weekly, 0, &workspace), fresh_weekly);
  expect_same_bits(simulate(daily, 0, &workspace), fresh_daily);
  EXPECT_GT(workspace.reused(), 0U);
}

TEST(Workspace, ARunReadsNoMemoryItDidNotWrite) {
  for (StepUnit step : {StepUnit::day, StepUnit::week, StepUnit::month}) {
    const Scenario s = testing::two_by_two(step);
    PoisonedMemory poisoned;
    expect_same_bits(simulate(s, 0, &poisoned), simulate(s));
    EXPECT_GT(poisoned.allocations, 0);  // the queues did take their memory from it
  }
}

TEST(Workspace, ASecondRunOfTheSameScenarioNeedsNoFreshMemory) {
  const Scenario s = testing::two_by_two(StepUnit::day);
  Workspace workspace;
  simulate(s, 0, &workspace);
  const std::size_t fresh_after_first = workspace.fresh();
  // A queue's ring, outgrown, is already taken again by another queue during the run.
  const std::size_t requests = fresh_after_first + workspace.reused();
  EXPECT_GT(fresh_after_first, 0U);
  EXPECT_EQ(workspace.held_blocks(), fresh_after_first);  // all given back when the run ended
  simulate(s, 0, &workspace);
  EXPECT_EQ(workspace.fresh(), fresh_after_first);
  EXPECT_EQ(workspace.reused() + workspace.fresh(), 2 * requests);
}

TEST(Workspace, ReusesOnlyABlockOfTheSizeAndAlignmentAsked) {
  Workspace w;
  void* a = w.allocate(800, 8);
  w.deallocate(a, 800, 8);
  EXPECT_EQ(w.held_bytes(), 800U);
  void* b = w.allocate(1600, 8);  // larger: fresh
  EXPECT_NE(b, a);
  void* c = w.allocate(800, 64);  // other alignment: fresh
  EXPECT_NE(c, a);
  void* d = w.allocate(800, 8);  // the block held
  EXPECT_EQ(d, a);
  EXPECT_EQ(w.held_bytes(), 0U);
  EXPECT_EQ(w.reused(), 1U);
  EXPECT_EQ(w.fresh(), 3U);
  w.deallocate(b, 1600, 8);
  w.deallocate(c, 800, 64);
  w.deallocate(d, 800, 8);
  EXPECT_EQ(w.held_bytes(), 3200U);
  EXPECT_EQ(w.held_blocks(), 3U);
}

TEST(Workspace, GivesBackTheOldestBlocksBeyondItsLimit) {
  Workspace w(1000);
  void* a = w.allocate(400, 8);
  void* b = w.allocate(400, 8);
  void* c = w.allocate(400, 8);
  void* big = w.allocate(2000, 8);
  w.deallocate(a, 400, 8);
  w.deallocate(b, 400, 8);
  EXPECT_EQ(w.held_bytes(), 800U);
  w.deallocate(c, 400, 8);  // 1200 > 1000: a, the oldest, goes back
  EXPECT_EQ(w.held_bytes(), 800U);
  EXPECT_EQ(w.held_blocks(), 2U);
  w.deallocate(big, 2000, 8);  // larger than the limit: never held
  EXPECT_EQ(w.held_bytes(), 800U);
  // The newest block of the size asked comes out first.
  void* first = w.allocate(400, 8);
  void* second = w.allocate(400, 8);
  EXPECT_EQ(first, c);
  EXPECT_EQ(second, b);
  EXPECT_EQ(w.fresh(), 4U);
  w.deallocate(first, 400, 8);
  w.deallocate(second, 400, 8);
}

}  // namespace
}  // namespace chainsim

namespace chainsim {
namespace {

// A queue copied from another takes the other's memory with its rings, and grows there after.
TEST(Workspace, ACopiedQueueGrowsInTheMemoryItWasCopiedFrom) {
  Workspace a, b;
  CohortQueue qa(2, 1, &a);
  CohortQueue qb(2, 1, &b);
  const std::array<double, 2> row{1.0, 2.0};
  qb.add_row(0, 0.5, 1.0, row);
  qa = qb;
  // Every ring qa had in a is given back: the queue holds nothing of a any more...
  EXPECT_GT(a.fresh(), 0U);
  EXPECT_EQ(a.held_blocks(), a.fresh());
  // ...and grows in b.
  const std::size_t fresh_in_b = b.fresh();
  for (int k = 1; k < 100; ++k) qa.add_row(k, k + 0.5, 1.0, row);
  EXPECT_EQ(a.held_blocks(), a.fresh());
  EXPECT_GT(b.fresh(), fresh_in_b);
  EXPECT_EQ(qa.cohort_count(), 100);
}

}  // namespace
}  // namespace chainsim
