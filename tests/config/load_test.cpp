// Good scenarios: every field of the typed Scenario checked against values worked out by hand.
#include "chainsim/config/load.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace chainsim::config {
namespace {

using testing::catch_input_error;
using ::testing::DoubleEq;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::input;
using testing::inputs_dir;
using testing::kMinimal;
using testing::load_text;
using testing::minimal_with;
using ::testing::Not;

Date d(int y, int m, int day) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(day));
}

void expect_same_policies(const std::vector<Policy>& a, const std::vector<Policy>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].name, b[i].name);
    EXPECT_EQ(a[i].from, b[i].from);
    EXPECT_EQ(a[i].to, b[i].to);
    EXPECT_EQ(a[i].ramp, b[i].ramp);
    ASSERT_EQ(a[i].changes.size(), b[i].changes.size());
    for (std::size_t k = 0; k < a[i].changes.size(); ++k) {
      EXPECT_EQ(a[i].changes[k].path, b[i].changes[k].path);
      EXPECT_EQ(a[i].changes[k].op, b[i].changes[k].op);
      EXPECT_EQ(a[i].changes[k].value, b[i].changes[k].value);
      EXPECT_EQ(a[i].changes[k].applies, b[i].changes[k].applies);
    }
  }
}

// Every field of the Scenario.
void expect_same(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.schema, b.schema);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.time.start, b.time.start);
  EXPECT_EQ(a.time.end, b.time.end);
  EXPECT_EQ(a.time.step, b.time.step);
  EXPECT_EQ(a.time.report, b.time.report);
  EXPECT_EQ(a.segments.origins, b.segments.origins);
  EXPECT_EQ(a.segments.profiles, b.segments.profiles);
  const Applications &aa = a.applications, &ba = b.applications;
  EXPECT_EQ(aa.monthly_persons, ba.monthly_persons);
  EXPECT_EQ(aa.segment_share, ba.segment_share);
  EXPECT_EQ(aa.subsequent_share, ba.subsequent_share);
  ASSERT_EQ(aa.planned.size(), ba.planned.size());
  for (std::size_t i = 0; i < aa.planned.size(); ++i) {
    EXPECT_EQ(aa.planned[i].name, ba.planned[i].name);
    EXPECT_EQ(aa.planned[i].monthly_persons, ba.planned[i].monthly_persons);
    EXPECT_EQ(aa.planned[i].segment_share, ba.planned[i].segment_share);
  }
  EXPECT_EQ(a.registration.delay, b.registration.delay);
  EXPECT_EQ(a.dublin.share, b.dublin.share);
  EXPECT_EQ(a.dublin.transfer_rate, b.dublin.transfer_rate);
  EXPECT_EQ(a.dublin.abscond_rate, b.dublin.abscond_rate);
  EXPECT_EQ(a.dublin.time_limit, b.dublin.time_limit);
  const Cgrs &ac = a.cgrs, &bc = b.cgrs;
  EXPECT_EQ(ac.officers, bc.officers);
  EXPECT_EQ(ac.target_officers, bc.target_officers);
  EXPECT_EQ(ac.recruitment_delay, bc.recruitment_delay);
  EXPECT_EQ(ac.training, bc.training);
  EXPECT_EQ(ac.training_productivity, bc.training_productivity);
  EXPECT_EQ(ac.attrition_per_year, bc.attrition_per_year);
  EXPECT_EQ(ac.hiring_freeze, bc.hiring_freeze);
  EXPECT_EQ(ac.decisions_per_officer_per_month, bc.decisions_per_officer_per_month);
  EXPECT_EQ(ac.productivity, bc.productivity);
  EXPECT_EQ(ac.persons_per_case, bc.persons_per_case);
  EXPECT_EQ(ac.outcomes.refugee, bc.outcomes.refugee);
  EXPECT_EQ(ac.outcomes.subsidiary, bc.outcomes.subsidiary);
  EXPECT_EQ(ac.outcomes.inadmissible, bc.outcomes.inadmissible);
  EXPECT_EQ(ac.fast_track, bc.fast_track);
  EXPECT_EQ(ac.fast_track_deadline_days, bc.fast_track_deadline_days);
  EXPECT_EQ(ac.suspended, bc.suspended);
  EXPECT_EQ(ac.track_priority, bc.track_priority);
  EXPECT_EQ(ac.subsequent_inadmissible, bc.subsequent_inadmissible);
  EXPECT_EQ(ac.withdrawal_rate, bc.withdrawal_rate);
  EXPECT_EQ(ac.initial_pending_persons, bc.initial_pending_persons);
  EXPECT_EQ(ac.initial_pending_spread, bc.initial_pending_spread);
  const Call &al = a.call, &bl = b.call;
  EXPECT_EQ(al.appeal_share_refusal, bl.appeal_share_refusal);
  EXPECT_EQ(al.appeal_share_inadmissible, bl.appeal_share_inadmissible);
  EXPECT_EQ(al.filing_delay, bl.filing_delay);
  EXPECT_EQ(al.judgments_per_month, bl.judgments_per_month);
  EXPECT_EQ(al.outcomes.annul, bl.outcomes.annul);
  EXPECT_EQ(al.outcomes.refugee, bl.outcomes.refugee);
  EXPECT_EQ(al.outcomes.subsidiary, bl.outcomes.subsidiary);
  EXPECT_EQ(al.initial_pending_cases, bl.initial_pending_cases);
  EXPECT_EQ(al.initial_pending_spread, bl.initial_pending_spread);
  EXPECT_EQ(a.returns.voluntary, b.returns.voluntary);
  EXPECT_EQ(a.returns.forced, b.returns.forced);
  EXPECT_EQ(a.returns.subsequent, b.returns.subsequent);
  EXPECT_EQ(a.returns.delay, b.returns.delay);
  EXPECT_EQ(a.returns.subsequent_delay, b.returns.subsequent_delay);
  const Reception &ar = a.reception, &br = b.reception;
  ASSERT_EQ(ar.pools.size(), br.pools.size());
  for (std::size_t i = 0; i < ar.pools.size(); ++i) {
    EXPECT_EQ(ar.pools[i].name, br.pools[i].name);
    EXPECT_EQ(ar.pools[i].capacity, br.pools[i].capacity);
    EXPECT_EQ(ar.pools[i].takes_profile, br.pools[i].takes_profile);
    EXPECT_EQ(ar.pools[i].cost_per_place_day, br.pools[i].cost_per_place_day);
    EXPECT_EQ(ar.pools[i].cost_per_occupied_day, br.pools[i].cost_per_occupied_day);
    EXPECT_EQ(ar.pools[i].overflow, br.pools[i].overflow);
    ASSERT_EQ(ar.pools[i].changes.size(), br.pools[i].changes.size());
    for (std::size_t k = 0; k < ar.pools[i].changes.size(); ++k) {
      EXPECT_EQ(ar.pools[i].changes[k].decided, br.pools[i].changes[k].decided);
      EXPECT_EQ(ar.pools[i].changes[k].lead_time, br.pools[i].changes[k].lead_time);
      EXPECT_EQ(ar.pools[i].changes[k].places, br.pools[i].changes[k].places);
    }
  }
  EXPECT_EQ(ar.saturation, br.saturation);
  EXPECT_EQ(ar.ask_share, br.ask_share);
  EXPECT_EQ(ar.excluded, br.excluded);
  EXPECT_EQ(ar.priority, br.priority);
  EXPECT_EQ(ar.waits, br.waits);
  EXPECT_EQ(ar.give_up_rate, br.give_up_rate);
  EXPECT_EQ(ar.exit_after_negative_days, br.exit_after_negative_days);
  EXPECT_EQ(ar.exit_after_positive_days, br.exit_after_positive_days);
  EXPECT_EQ(ar.meal_voucher_share, br.meal_voucher_share);
  EXPECT_EQ(ar.meal_voucher_exit_days, br.meal_voucher_exit_days);
  EXPECT_EQ(ar.contribution_leave_rate, br.contribution_leave_rate);
  EXPECT_EQ(ar.contribution_after, br.contribution_after);
  EXPECT_EQ(ar.uam_age_out_rate, br.uam_age_out_rate);
  EXPECT_EQ(ar.uam_age_out_pool, br.uam_age_out_pool);
  EXPECT_EQ(ar.humanitarian_capacity, br.humanitarian_capacity);
  EXPECT_EQ(ar.humanitarian_uptake, br.humanitarian_uptake);
  const CapacityRule &aq = ar.capacity_rule, &bq = br.capacity_rule;
  EXPECT_EQ(aq.enabled, bq.enabled);
  EXPECT_EQ(aq.pool, bq.pool);
  EXPECT_EQ(aq.review, bq.review);
  EXPECT_EQ(aq.decision_delay, bq.decision_delay);
  EXPECT_EQ(aq.opening_lead_time, bq.opening_lead_time);
  EXPECT_EQ(aq.closure_lead_time, bq.closure_lead_time);
  EXPECT_EQ(aq.upper, bq.upper);
  EXPECT_EQ(aq.lower, bq.lower);
  EXPECT_EQ(aq.target, bq.target);
  EXPECT_EQ(aq.buffer, bq.buffer);
  EXPECT_EQ(aq.min_capacity, bq.min_capacity);
  EXPECT_EQ(aq.max_capacity, bq.max_capacity);
  EXPECT_EQ(ar.initial_accommodated, br.initial_accommodated);
  EXPECT_EQ(ar.initial_waiting, br.initial_waiting);
  expect_same_policies(a.policies, b.policies);
}

Duration days(double v) {
  return {v, DurationUnit::day};
}
Duration weeks(double v) {
  return {v, DurationUnit::week};
}
Duration months(double v) {
  return {v, DurationUnit::month};
}
Duration years(double v) {
  return {v, DurationUnit::year};
}

TEST(LoadScenario, MinimalFileFillsEveryDefault) {
  const LoadedScenario loaded = load_scenario(input("minimal.yaml"));
  const Scenario& s = loaded.scenario;
  EXPECT_EQ(s.schema, 1);
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.time.start, d(2025, 1, 1));
  EXPECT_EQ(s.time.end, d(2025, 6, 30));
  EXPECT_EQ(s.time.step, StepUnit::week);       // default
  EXPECT_EQ(s.time.report, ReportUnit::month);  // default
  EXPECT_THAT(s.segments.origins, ElementsAre("a", "b"));
  EXPECT_THAT(s.segments.profiles, ElementsAre("single", "family"));
  // origin share x profile share: a/single 0.8*0.6, a/family 0.8*0.4, b/single 0.2*0.6, …
  EXPECT_THAT(s.applications.segment_share,
              ElementsAre(DoubleEq(0.48), DoubleEq(0.32), DoubleEq(0.12), DoubleEq(0.08)));
  // January to June: 6 months of 1000.
  EXPECT_THAT(s.applications.monthly_persons, ElementsAre(1000, 1000, 1000, 1000, 1000, 1000));
  EXPECT_EQ(s.applications.subsequent_share, 0);
  EXPECT_TRUE(s.applications.planned.empty());
  EXPECT_EQ(s.registration.delay, days(3));
  EXPECT_THAT(s.dublin.share, ElementsAre(0, 0, 0, 0));
  EXPECT_EQ(s.dublin.transfer_rate, 0);
  EXPECT_EQ(s.dublin.abscond_rate, 0);
  EXPECT_EQ(s.dublin.time_limit, months(6));
  EXPECT_EQ(s.cgrs.officers, 10);
  EXPECT_EQ(s.cgrs.target_officers, 10);  // default: the officers at the start
  EXPECT_EQ(s.cgrs.recruitment_delay, days(0));
  EXPECT_EQ(s.cgrs.training, months(6));
  EXPECT_EQ(s.cgrs.training_productivity, 0);
  EXPECT_EQ(s.cgrs.attrition_per_year, 0);
  EXPECT_EQ(s.cgrs.hiring_freeze, 0);
  EXPECT_EQ(s.cgrs.decisions_per_officer_per_month, 7.5);
  EXPECT_EQ(s.cgrs.productivity, 1);
  EXPECT_THAT(s.cgrs.persons_per_case, ElementsAre(1.2, 1.2, 1.2, 1.2));  // default
  // refugee by_origin {a: 0.8, b: 0.2} with 2 profiles: a/single, a/family, b/single, b/family.
  EXPECT_THAT(s.cgrs.outcomes.refugee, ElementsAre(0.8, 0.8, 0.2, 0.2));
  EXPECT_THAT(s.cgrs.outcomes.subsidiary, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(s.cgrs.outcomes.inadmissible, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(s.cgrs.fast_track, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(s.cgrs.fast_track_deadline_days, ElementsAre(21, 21, 21, 21));
  EXPECT_THAT(s.cgrs.suspended, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(s.cgrs.track_priority,
              ElementsAre(Track::fast_track, Track::subsequent, Track::normal));
  EXPECT_THAT(s.cgrs.subsequent_inadmissible, ElementsAre(0.8, 0.8, 0.8, 0.8));
  EXPECT_THAT(s.cgrs.withdrawal_rate, ElementsAre(0, 0, 0, 0));
  EXPECT_EQ(s.cgrs.initial_pending_persons, 0);
  EXPECT_EQ(s.cgrs.initial_pending_spread, months(6));
  EXPECT_THAT(s.call.appeal_share_refusal, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(s.call.appeal_share_inadmissible, ElementsAre(0, 0, 0, 0));
  EXPECT_EQ(s.call.filing_delay, days(20));
  EXPECT_EQ(s.call.judgments_per_month, 0);
  EXPECT_THAT(s.call.outcomes.annul, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(s.call.outcomes.refugee, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(s.call.outcomes.subsidiary, ElementsAre(0, 0, 0, 0));
  EXPECT_EQ(s.call.initial_pending_cases, 0);
  EXPECT_EQ(s.call.initial_pending_spread, months(6));
  EXPECT_THAT(s.returns.voluntary, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(s.returns.forced, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(s.returns.subsequent, ElementsAre(0, 0, 0, 0));
  EXPECT_EQ(s.returns.delay, months(3));
  EXPECT_EQ(s.returns.subsequent_delay, months(6));
  ASSERT_EQ(s.reception.pools.size(), 1u);
  const Pool& pool = s.reception.pools[0];
  EXPECT_EQ(pool.name, "network");
  EXPECT_EQ(pool.capacity, 500);
  EXPECT_THAT(pool.takes_profile, ElementsAre(1, 1));
  EXPECT_EQ(pool.cost_per_place_day, 0);
  EXPECT_EQ(pool.cost_per_occupied_day, 0);
  EXPECT_FALSE(pool.overflow);
  EXPECT_TRUE(pool.changes.empty());
  EXPECT_EQ(s.reception.saturation, 0.94);
  EXPECT_THAT(s.reception.ask_share, ElementsAre(1, 1, 1, 1));
  EXPECT_THAT(s.reception.excluded, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(s.reception.priority, ElementsAre(0, 1));
  EXPECT_THAT(s.reception.waits, ElementsAre(0, 0, 0, 0));
  EXPECT_EQ(s.reception.give_up_rate, 0);
  EXPECT_EQ(s.reception.exit_after_negative_days, 30);
  EXPECT_DOUBLE_EQ(s.reception.exit_after_positive_days, 2 * 365.2425 / 12);  // 2mo
  EXPECT_EQ(s.reception.meal_voucher_share, 0);
  EXPECT_EQ(s.reception.meal_voucher_exit_days, 15);
  EXPECT_EQ(s.reception.contribution_leave_rate, 0);
  EXPECT_EQ(s.reception.contribution_after, months(4));
  EXPECT_EQ(s.reception.uam_age_out_rate, 0);
  EXPECT_EQ(s.reception.uam_age_out_pool, -1);
  EXPECT_EQ(s.reception.humanitarian_capacity, 0);
  EXPECT_EQ(s.reception.humanitarian_uptake, 0);
  const CapacityRule& rule = s.reception.capacity_rule;
  EXPECT_FALSE(rule.enabled);
  EXPECT_EQ(rule.review, months(1));
  EXPECT_EQ(rule.upper, 0.97);
  EXPECT_EQ(rule.lower, 0.80);
  EXPECT_EQ(rule.target, 0.90);
  EXPECT_EQ(rule.max_capacity, 1e12);
  EXPECT_EQ(s.reception.initial_accommodated, 0);
  EXPECT_EQ(s.reception.initial_waiting, 0);
  EXPECT_TRUE(s.policies.empty());
  EXPECT_THAT(loaded.files, ElementsAre(input("minimal.yaml")));
}

TEST(LoadScenario, FullFileReadsEveryKey) {
  const Scenario s = load_scenario(input("full.yaml")).scenario;
  EXPECT_EQ(s.name, "full.example-1");
  EXPECT_EQ(s.description, "Every key, for the loader tests");
  EXPECT_EQ(s.time.start, d(2025, 3, 1));
  EXPECT_EQ(s.time.end, d(2026, 2, 28));
  EXPECT_EQ(s.time.step, StepUnit::day);
  EXPECT_EQ(s.time.report, ReportUnit::quarter);
  EXPECT_THAT(s.segments.origins, ElementsAre("syria", "safe", "other"));
  EXPECT_THAT(s.segments.profiles, ElementsAre("single_man", "family", "uam"));
  // Segment order: syria/{single_man,family,uam}, safe/{…}, other/{…}.
  const auto shares =
      ElementsAre(DoubleEq(0.25), DoubleEq(0.15), DoubleEq(0.10), DoubleEq(0.125), DoubleEq(0.075),
                  DoubleEq(0.05), DoubleEq(0.125), DoubleEq(0.075), DoubleEq(0.05));
  EXPECT_THAT(s.applications.segment_share, shares);
  // 2025-03..2026-02 is 12 months; three given, then hold the last (300) for nine.
  EXPECT_THAT(s.applications.monthly_persons,
              ElementsAre(100, 200, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300));
  EXPECT_EQ(s.applications.subsequent_share, 0.15);
  ASSERT_EQ(s.applications.planned.size(), 2u);
  const PlannedInflow& resettlement = s.applications.planned[0];
  EXPECT_EQ(resettlement.name, "resettlement");
  EXPECT_EQ(resettlement.monthly_persons, std::vector<double>(12, 40));
  // syria 1.0 x {family 0.75, uam 0.25}; every other origin and single_man 0.
  EXPECT_THAT(resettlement.segment_share, ElementsAre(0, 0.75, 0.25, 0, 0, 0, 0, 0, 0));
  const PlannedInflow& relocation = s.applications.planned[1];
  EXPECT_EQ(relocation.name, "relocation");
  EXPECT_THAT(relocation.monthly_persons, ElementsAre(10, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  EXPECT_THAT(relocation.segment_share, shares);  // default: the scenario's origin x profile
  EXPECT_EQ(s.registration.delay, weeks(1));
  EXPECT_THAT(s.dublin.share, ElementsAre(0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2));
  EXPECT_EQ(s.dublin.transfer_rate, 0.05);
  EXPECT_EQ(s.dublin.abscond_rate, 0.02);
  EXPECT_EQ(s.dublin.time_limit, months(18));

  const Cgrs& c = s.cgrs;
  EXPECT_EQ(c.officers, 300);
  EXPECT_EQ(c.target_officers, 359);
  EXPECT_EQ(c.recruitment_delay, months(2));
  EXPECT_EQ(c.training, months(3));
  EXPECT_EQ(c.training_productivity, 0.25);
  EXPECT_EQ(c.attrition_per_year, 0.1);
  EXPECT_EQ(c.hiring_freeze, 0.5);
  EXPECT_EQ(c.decisions_per_officer_per_month, 7.5);
  EXPECT_EQ(c.productivity, 1.1);
  // by_profile {single_man: 1, family: 3.5}, default 1.1 for uam.
  EXPECT_THAT(c.persons_per_case, ElementsAre(1, 3.5, 1.1, 1, 3.5, 1.1, 1, 3.5, 1.1));
  // by_segment: syria/single_man 0.9, syria/family 0.95, safe/uam 0.5, the rest 0.3.
  EXPECT_THAT(c.outcomes.refugee, ElementsAre(0.9, 0.95, 0.3, 0.3, 0.3, 0.5, 0.3, 0.3, 0.3));
  EXPECT_THAT(c.outcomes.subsidiary, ElementsAre(0.05, 0.05, 0.05, 0, 0, 0, 0.1, 0.1, 0.1));
  EXPECT_THAT(c.outcomes.inadmissible, ElementsAre(0, 0, 0, 0.2, 0.2, 0.2, 0, 0, 0));
  EXPECT_THAT(c.fast_track, ElementsAre(0, 0, 0, 1, 1, 1, 0, 0, 0));
  // safe 21d, others 10w = 70 days.
  EXPECT_THAT(c.fast_track_deadline_days, ElementsAre(70, 70, 70, 21, 21, 21, 70, 70, 70));
  EXPECT_THAT(c.suspended, ElementsAre(1, 1, 1, 0, 0, 0, 0, 0, 0));  // [syria]
  EXPECT_THAT(c.track_priority, ElementsAre(Track::subsequent, Track::fast_track, Track::normal));
  EXPECT_EQ(c.subsequent_inadmissible, std::vector<double>(9, 0.6));
  EXPECT_THAT(c.withdrawal_rate, ElementsAre(0.01, 0.01, 0.03, 0.01, 0.01, 0.03, 0.01, 0.01, 0.03));
  EXPECT_EQ(c.initial_pending_persons, 32007);
  EXPECT_EQ(c.initial_pending_spread, months(4));

  const Call& l = s.call;
  EXPECT_EQ(l.appeal_share_refusal, std::vector<double>(9, 0.7));
  EXPECT_THAT(l.appeal_share_inadmissible,
              ElementsAre(0.4, 0.4, 0.4, 0.2, 0.2, 0.2, 0.4, 0.4, 0.4));
  EXPECT_EQ(l.filing_delay, days(30));
  EXPECT_EQ(l.judgments_per_month, 1500);
  EXPECT_EQ(l.outcomes.annul, std::vector<double>(9, 0.1));
  EXPECT_THAT(l.outcomes.refugee, ElementsAre(0.2, 0.2, 0.2, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05));
  EXPECT_EQ(l.outcomes.subsidiary, std::vector<double>(9, 0.02));
  EXPECT_EQ(l.initial_pending_cases, 9000);
  EXPECT_EQ(l.initial_pending_spread, years(1));

  EXPECT_EQ(s.returns.voluntary, std::vector<double>(9, 0.1));
  EXPECT_THAT(s.returns.forced, ElementsAre(0.05, 0.05, 0.05, 0.3, 0.3, 0.3, 0.05, 0.05, 0.05));
  EXPECT_EQ(s.returns.subsequent, std::vector<double>(9, 0.2));
  EXPECT_EQ(s.returns.delay, months(2));
  EXPECT_EQ(s.returns.subsequent_delay, months(9));

  const Reception& r = s.reception;
  EXPECT_EQ(r.saturation, 0.9);
  ASSERT_EQ(r.pools.size(), 3u);
  EXPECT_EQ(r.pools[0].name, "collective");
  EXPECT_EQ(r.pools[0].capacity, 20000);
  EXPECT_EQ(r.pools[0].cost_per_place_day, 62.5);
  EXPECT_EQ(r.pools[0].cost_per_occupied_day, 5);
  EXPECT_THAT(r.pools[0].takes_profile, ElementsAre(1, 1, 1));
  EXPECT_FALSE(r.pools[0].overflow);
  ASSERT_EQ(r.pools[0].changes.size(), 2u);
  EXPECT_EQ(r.pools[0].changes[0].decided, d(2025, 3, 1));
  EXPECT_EQ(r.pools[0].changes[0].lead_time, months(6));
  EXPECT_EQ(r.pools[0].changes[0].places, 3500);
  EXPECT_EQ(r.pools[0].changes[1].decided, d(2025, 6, 1));
  EXPECT_EQ(r.pools[0].changes[1].lead_time, days(0));  // default
  EXPECT_EQ(r.pools[0].changes[1].places, -1000);
  EXPECT_EQ(r.pools[1].name, "lri");
  EXPECT_EQ(r.pools[1].capacity, 8000);
  EXPECT_EQ(r.pools[1].cost_per_place_day, 0);
  EXPECT_THAT(r.pools[1].takes_profile, ElementsAre(0, 1, 1));  // [family, uam]
  EXPECT_EQ(r.pools[2].name, "hotels");
  EXPECT_TRUE(r.pools[2].overflow);
  EXPECT_THAT(r.ask_share, ElementsAre(1, 1, 1, 0.5, 0.5, 0.5, 0.75, 0.75, 0.75));
  EXPECT_THAT(r.excluded, ElementsAre(0, 0, 0, 1, 1, 1, 0, 0, 0));
  EXPECT_THAT(r.priority, ElementsAre(2, 1, 0));                 // uam, family, single_man
  EXPECT_THAT(r.waits, ElementsAre(1, 0, 0, 1, 0, 0, 1, 0, 0));  // single_man in every origin
  EXPECT_EQ(r.give_up_rate, 0.05);
  EXPECT_EQ(r.exit_after_negative_days, 14);                        // 2w
  EXPECT_DOUBLE_EQ(r.exit_after_positive_days, 4 * 365.2425 / 12);  // 4mo
  EXPECT_EQ(r.meal_voucher_share, 0.3);
  EXPECT_EQ(r.meal_voucher_exit_days, 10);
  EXPECT_EQ(r.contribution_leave_rate, 0.02);
  EXPECT_EQ(r.contribution_after, months(3));
  EXPECT_EQ(r.uam_age_out_rate, 0.04);
  EXPECT_EQ(r.uam_age_out_pool, 0);  // collective
  EXPECT_EQ(r.humanitarian_capacity, 2000);
  EXPECT_EQ(r.humanitarian_uptake, 0.5);
  const CapacityRule& q = r.capacity_rule;
  EXPECT_TRUE(q.enabled);  // present, no `enabled: false`
  EXPECT_EQ(q.pool, 0);
  EXPECT_EQ(q.review, weeks(2));
  EXPECT_EQ(q.decision_delay, months(2));
  EXPECT_EQ(q.opening_lead_time, months(4));
  EXPECT_EQ(q.closure_lead_time, months(2));
  EXPECT_EQ(q.upper, 1.05);
  EXPECT_EQ(q.lower, 0.7);
  EXPECT_EQ(q.target, 0.85);
  EXPECT_EQ(q.buffer, 0.05);
  EXPECT_EQ(q.min_capacity, 10000);
  EXPECT_EQ(q.max_capacity, 50000);
  EXPECT_EQ(r.initial_accommodated, 33000);
  EXPECT_EQ(r.initial_waiting, 2809);

  // Map form, in document order.
  ASSERT_EQ(s.policies.size(), 2u);
  const Policy& suspension = s.policies[0];
  EXPECT_EQ(suspension.name, "syria-suspension");
  EXPECT_EQ(suspension.from, d(2025, 12, 9));
  EXPECT_EQ(suspension.to, d(2026, 1, 31));
  EXPECT_EQ(suspension.ramp, days(0));
  ASSERT_EQ(suspension.changes.size(), 1u);
  EXPECT_EQ(suspension.changes[0].path, "cgrs.suspended");
  EXPECT_EQ(suspension.changes[0].op, ChangeOp::set);
  EXPECT_THAT(suspension.changes[0].value, ElementsAre(1, 1, 1, 0, 0, 0, 1, 1, 1));
  EXPECT_THAT(suspension.changes[0].applies, ElementsAre(1, 1, 1, 1, 1, 1, 1, 1, 1));
  const Policy& hire = s.policies[1];
  EXPECT_EQ(hire.name, "hire");
  EXPECT_EQ(hire.from, d(2025, 6, 1));
  EXPECT_FALSE(hire.to.has_value());
  EXPECT_EQ(hire.ramp, months(3));
  ASSERT_EQ(hire.changes.size(), 2u);
  EXPECT_EQ(hire.changes[0].path, "cgrs.target_officers");
  EXPECT_EQ(hire.changes[0].op, ChangeOp::add);
  EXPECT_THAT(hire.changes[0].value, ElementsAre(59));
  EXPECT_THAT(hire.changes[0].applies, ElementsAre(1));
  EXPECT_EQ(hire.changes[1].path, "cgrs.productivity");
  EXPECT_EQ(hire.changes[1].op, ChangeOp::scale);
  EXPECT_THAT(hire.changes[1].value, ElementsAre(1.2));
}

TEST(LoadScenario, ExplicitSegmentShares) {
  const Scenario s =
      load_text(minimal_with("  profiles: {single: 0.6, family: 0.4}\n",
                             "  profiles: {single: 0.6, family: 0.4}\n"
                             "  shares: {by_segment: {a/single: 0.5, a/family: 0.25, "
                             "b/single: 0.125, b/family: 0.125}}\n"))
          .scenario;
  EXPECT_THAT(s.applications.segment_share, ElementsAre(0.5, 0.25, 0.125, 0.125));
}

TEST(LoadScenario, SegmentValueGivenByProfileAndOnce) {
  const Scenario s = load_text(minimal_with("refugee: {by_origin: {a: 0.8, b: 0.2}}}",
                                            "refugee: {by_profile: {single: 0.3, family: 0.6}}}\n"
                                            "  persons_per_case: 2"))
                         .scenario;
  EXPECT_THAT(s.cgrs.outcomes.refugee, ElementsAre(0.3, 0.6, 0.3, 0.6));
  EXPECT_THAT(s.cgrs.persons_per_case, ElementsAre(2, 2, 2, 2));
}

TEST(LoadScenario, MonthlyApplicationsWithHoldAndZero) {
  const std::string monthly = "  monthly: {2025-01: 3100, 2025-02: 2900, 2025-03: 3000}\n";
  const Scenario hold =
      load_text(minimal_with("  per_month: 1000\n", monthly + "  after_last: hold\n")).scenario;
  EXPECT_THAT(hold.applications.monthly_persons, ElementsAre(3100, 2900, 3000, 3000, 3000, 3000));
  const Scenario zero =
      load_text(minimal_with("  per_month: 1000\n", monthly + "  after_last: zero\n")).scenario;
  EXPECT_THAT(zero.applications.monthly_persons, ElementsAre(3100, 2900, 3000, 0, 0, 0));
  // Months before the start are not used.
  const Scenario early =
      load_text(minimal_with("  per_month: 1000\n",
                             "  monthly: {2024-12: 1, 2025-01: 2, 2025-02: 3, 2025-03: 4, "
                             "2025-04: 5, 2025-05: 6, 2025-06: 7}\n"))
          .scenario;
  EXPECT_THAT(early.applications.monthly_persons, ElementsAre(2, 3, 4, 5, 6, 7));
}

TEST(LoadScenario, CsvApplicationsFilteredBySeries) {
  const LoadedScenario loaded = load_scenario(input("csv_scenario.yaml"));
  // 2025-01..2025-05: three months from the CSV (2024-12 is before the start; the annual row and
  // the other series are ignored), then after_last: zero.
  EXPECT_THAT(loaded.scenario.applications.monthly_persons, ElementsAre(3100, 2900, 3050.5, 0, 0));
  EXPECT_EQ(loaded.scenario.time.step, StepUnit::month);
  EXPECT_THAT(loaded.files, ElementsAre(input("csv_scenario.yaml"), input("apps.csv")));
}

TEST(LoadScenario, ExtendsOverridesAndSetInThatOrder) {
  const LoadedScenario plain = load_scenario(input("reform.yaml"));
  const Scenario& r = plain.scenario;
  EXPECT_EQ(r.name, "reform");                           // child
  EXPECT_EQ(r.description, "baseline");                  // inherited
  EXPECT_EQ(r.cgrs.officers, 359);                       // child overrides
  EXPECT_EQ(r.cgrs.decisions_per_officer_per_month, 7);  // inherited from the same map
  ASSERT_EQ(r.reception.pools.size(), 2u);  // maps merge: network from base, private from child
  EXPECT_EQ(r.reception.pools[0].name, "network");
  EXPECT_EQ(r.reception.pools[0].capacity, 36000);
  EXPECT_EQ(r.reception.pools[0].cost_per_place_day, 60);
  EXPECT_EQ(r.reception.pools[1].name, "private");
  EXPECT_EQ(r.reception.pools[1].capacity, 3500);
  EXPECT_THAT(r.reception.waits, ElementsAre(0, 0, 0, 0));  // lists replace
  EXPECT_THAT(plain.files, ElementsAre(input("reform.yaml"), input("base.yaml")));
  EXPECT_THAT(plain.resolved_yaml, Not(HasSubstr("extends")));

  const Scenario s = load_scenario(input("reform.yaml"),
                                   {"cgrs.officers=400", "reception.pools.network.capacity=40000",
                                    "reception.waiting_list=[single]"})
                         .scenario;
  EXPECT_EQ(s.cgrs.officers, 400);
  EXPECT_EQ(s.reception.pools[0].capacity, 40000);
  EXPECT_EQ(s.reception.pools[0].cost_per_place_day, 60);
  EXPECT_EQ(s.reception.pools[1].capacity, 3500);
  EXPECT_THAT(s.reception.waits, ElementsAre(1, 0, 1, 0));  // [single]: a/single, b/single
}

TEST(LoadScenario, SetCreatesMissingMapsAndLaterSetsWin) {
  const Scenario s =
      load_text(kMinimal, {"reception.initial.waiting=250", "cgrs.officers=1", "cgrs.officers=2"})
          .scenario;
  EXPECT_EQ(s.reception.initial_waiting, 250);
  EXPECT_EQ(s.reception.initial_accommodated, 0);
  EXPECT_EQ(s.cgrs.officers, 2);
}

TEST(LoadScenario, NullInAnOverlayRemovesTheParentsKey) {
  // Switch the baseline's per_month to a monthly table from the command line.
  const Scenario s = load_scenario(input("base.yaml"),
                                   {"applications.per_month=~", "applications.monthly={2025-01: 7}",
                                    "applications.after_last=hold"})
                         .scenario;
  EXPECT_EQ(s.applications.monthly_persons.size(), 12u);
  EXPECT_EQ(s.applications.monthly_persons.front(), 7);
  EXPECT_EQ(s.applications.monthly_persons.back(), 7);
}

TEST(LoadScenario, ResolvedYamlRoundTrips) {
  for (const char* file :
       {"minimal.yaml", "full.yaml", "reform.yaml", "csv_scenario.yaml", "policy_reform.yaml"}) {
    SCOPED_TRACE(file);
    const LoadedScenario first = load_scenario(input(file), {"cgrs.officers=123.5"});
    const LoadedScenario again =
        load_scenario_text(first.resolved_yaml, "resolved.yaml", inputs_dir());
    expect_same(first.scenario, again.scenario);
    EXPECT_EQ(first.resolved_yaml, again.resolved_yaml);
  }
}

TEST(LoadScenario, ResolvedYamlHoldsWhatWasGivenNotDefaults) {
  const LoadedScenario loaded = load_scenario(input("minimal.yaml"));
  EXPECT_THAT(loaded.resolved_yaml, HasSubstr("name: minimal"));
  EXPECT_THAT(loaded.resolved_yaml, Not(HasSubstr("saturation")));
  EXPECT_THAT(loaded.resolved_yaml, Not(HasSubstr("persons_per_case")));
  EXPECT_THAT(loaded.resolved_yaml, Not(HasSubstr("#")));  // comments are not kept
}

TEST(LoadScenario, ParentInAnotherFolderKeepsItsCsvPathWorking) {
  const LoadedScenario loaded = load_scenario(input("sub/child.yaml"));
  EXPECT_EQ(loaded.scenario.name, "child-in-sub");
  EXPECT_THAT(loaded.scenario.applications.monthly_persons, ElementsAre(3100, 2900, 3050.5, 0, 0));
  // Reloaded from the child's own folder, the resolved YAML still finds the CSV.
  const LoadedScenario again =
      load_scenario_text(loaded.resolved_yaml, "resolved.yaml", inputs_dir() + "/sub");
  expect_same(loaded.scenario, again.scenario);
}

TEST(LoadScenario, QuotedTextAndDatesAreAccepted) {
  std::string text = minimal_with("name: tiny", "name: \"2025\"\ndescription: |\n  two\n  lines");
  text.replace(text.find("start: 2025-01-01"), 17, "start: '2025-01-01'");
  const Scenario s = load_text(text).scenario;
  EXPECT_EQ(s.name, "2025");
  EXPECT_EQ(s.description, "two\nlines\n");
  EXPECT_EQ(s.time.start, d(2025, 1, 1));
}

TEST(InputErrorFormat, WhatNamesFileLineColumnKeyAndHint) {
  InputError e("a.yaml", 3, 5, "cgrs.officers", "must be >= 0, got -5", "a hint");
  EXPECT_STREQ(e.what(), "a.yaml:3:5: error: cgrs.officers: must be >= 0, got -5 (hint: a hint)");
  InputError file_level("b.yaml", 0, 0, "", "the scenario file is empty");
  EXPECT_STREQ(file_level.what(), "b.yaml: error: the scenario file is empty");
}

}  // namespace
}  // namespace chainsim::config
