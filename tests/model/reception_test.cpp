// The reception network against hand calculations: capacity paths with lead times, overflow,
// exclusion, giving up, the contribution rule, minors ageing out, humanitarian places and the
// planner's capacity rule.
#include <gtest/gtest.h>

#include <cmath>

#include "chainsim/model/simulation.hpp"
#include "test_scenarios.hpp"

namespace chainsim {

using testing::single_segment;

namespace {

// One origin and the given profiles, equal shares unless changed, nobody decided.
Scenario profiles_scenario(std::vector<std::string> profiles, double per_month) {
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 12, 31), StepUnit::month, per_month);
  s.segments.profiles = std::move(profiles);
  reset_segment_values(s);
  s.cgrs.outcomes.refugee.assign(s.cgrs.outcomes.refugee.size(), 0.5);
  s.reception.priority.clear();
  s.reception.pools[0].takes_profile.clear();
  s.cgrs.officers = 0.0;
  s.cgrs.target_officers = 0.0;
  fill_defaults(s);
  return s;
}

}  // namespace

TEST(Reception, AnOpeningArrivesAfterItsLeadTime) {
  // 500 places decided on 15 January with a 2-month lead time: effective on day 14 + 60.87 =
  // 74.87. With monthly steps the first step whose midpoint is past it is April (March's
  // midpoint is day 74.5); with daily steps it is 17 March (day 75), so March ends with them.
  Scenario s = profiles_scenario({"adult"}, 0.0);
  s.reception.pools[0].capacity = 1000.0;
  s.reception.pools[0].changes.push_back({Date(2025, 1, 15), {2.0, DurationUnit::month}, 500.0});
  const Results monthly = simulate(s);
  EXPECT_DOUBLE_EQ(monthly.at("reception_capacity", 2), 1000.0);
  EXPECT_DOUBLE_EQ(monthly.at("reception_capacity", 3), 1500.0);
  s.time.step = StepUnit::day;
  const Results daily = simulate(s);
  EXPECT_DOUBLE_EQ(daily.at("reception_capacity", 1), 1000.0);
  EXPECT_DOUBLE_EQ(daily.at("reception_capacity", 2), 1500.0);
}

TEST(Reception, OverflowTakesPriorityProfilesWhenTheNetworkIsFull) {
  // Families (priority, never wait) fill the 90 usable places (100 at 90 %), then 20 emergency
  // places, then stay without reception; single men wait.
  Scenario s = profiles_scenario({"family", "single_man"}, 300.0);
  s.reception.pools = {make_pool("network", 100.0, 0.0, {1, 1}), make_pool("emergency", 20.0, 0.0, {1, 0}, true)};
  s.reception.saturation = 0.9;
  s.reception.waits = {0.0, 1.0};
  const Results r = simulate(s);
  EXPECT_NEAR(r.at("reception_occupied_by_pool", 0, 0), 90.0, 1e-9);
  EXPECT_NEAR(r.at("reception_occupied_by_pool", 0, 1), 20.0, 1e-9);
  EXPECT_NEAR(r.at("not_accommodated_off_list", 0), 150.0 - 110.0, 1e-9);
  EXPECT_NEAR(r.at("not_accommodated", 0), 150.0 - 110.0 + 150.0, 1e-9);  // and every single man
  EXPECT_NEAR(r.at("waiting_list", 0), 150.0, 1e-9);
  EXPECT_NEAR(r.at("reception_effective_capacity", 0), 110.0, 1e-9);
  EXPECT_NEAR(r.at("reception_occupancy_rate", 0), 0.9, 1e-12);  // regular places only
}

TEST(Reception, ExcludedSegmentsStayOutsideAndHumanitarianPlacesTakeAShare) {
  Scenario s = profiles_scenario({"adult"}, 100.0);
  s.reception.pools[0].capacity = 0.0;
  s.reception.excluded = {1.0};
  s.reception.humanitarian_capacity = 30.0;
  s.reception.humanitarian_uptake = 0.5;
  Results r = simulate(s);
  EXPECT_DOUBLE_EQ(r.at("not_accommodated", 0), 0.0);  // they did not ask: not entitled
  EXPECT_DOUBLE_EQ(r.at("humanitarian_places_used", 0), 0.0);
  s.reception.excluded = {0.0};
  r = simulate(s);
  EXPECT_NEAR(r.at("not_accommodated", 0), 100.0, 1e-9);
  EXPECT_NEAR(r.at("not_accommodated_pending", 0), 100.0, 1e-9);
  EXPECT_NEAR(r.at("humanitarian_places_used", 0), 30.0, 1e-9);  // min(30, 0.5 x 100)
}

TEST(Reception, GivingUpWaitingIsAHazard) {
  // 100 single men wait from January (no places); 0.2 a month give up.
  Scenario s = profiles_scenario({"single_man"}, 0.0);
  s.applications.monthly_persons[0] = 100.0;
  s.reception.pools[0].capacity = 0.0;
  s.reception.waits = {1.0};
  s.reception.give_up_rate = 0.2;
  const Results r = simulate(s);
  const double left_feb = 100.0 * std::exp(-0.2 * 28.0 / kDaysPerMonth);
  EXPECT_NEAR(r.at("waiting_list", 1), left_feb, 1e-9);
  EXPECT_NEAR(r.at("waiting_list_gave_up", 1), 100.0 - left_feb, 1e-9);
  EXPECT_NEAR(r.at("not_accommodated_pending", 1), 100.0 - left_feb, 1e-9);
}

TEST(Reception, APolicyThatMakesAProfileWaitPutsItOnTheList) {
  // Families do not wait at the start; from March a policy puts them on the waiting list. 100
  // families arrive in March with no places; 0.2 a month give up; 50 places open in May.
  Scenario s = profiles_scenario({"single_man", "family"}, 0.0);
  s.applications.segment_share = {0.0, 1.0};
  s.applications.monthly_persons[2] = 100.0;
  s.reception.pools[0].capacity = 0.0;
  s.reception.pools[0].changes.push_back({Date(2025, 5, 1), {0.0, DurationUnit::day}, 50.0});
  s.reception.waits = {1.0, 0.0};
  s.reception.give_up_rate = 0.2;
  Policy families_wait;
  families_wait.name = "families wait";
  families_wait.from = Date(2025, 3, 1);
  families_wait.changes.push_back({"reception.waiting_list", ChangeOp::set, {1.0, 1.0}, {0, 1}});
  s.policies = {families_wait};
  const Results r = simulate(s);
  const double april = 100.0 * std::exp(-0.2 * 30.0 / kDaysPerMonth);
  const double may = april * std::exp(-0.2 * 31.0 / kDaysPerMonth);
  EXPECT_NEAR(r.at("waiting_list", 2), 100.0, 1e-9);
  EXPECT_NEAR(r.at("waiting_list", 3), april, 1e-9);
  EXPECT_NEAR(r.at("waiting_list_gave_up", 3), 100.0 - april, 1e-9);
  EXPECT_NEAR(r.at("waiting_list_admitted", 4), 50.0, 1e-9);
  EXPECT_NEAR(r.at("waiting_list", 4), may - 50.0, 1e-9);
  EXPECT_NEAR(r.at("waiting_list_by_segment", 4, 1), may - 50.0, 1e-9);
}

TEST(Reception, TheContributionRuleAppliesAfterLabourMarketAccess) {
  // 100 accommodated in January, 100 in February; from 2 months after application, 0.3 a month
  // leave because they earn a living. In March only January's cohort (mid-January, day 15.5;
  // March's midpoint 74.5 minus 2 months = day 13.6... so not yet) -- in April (day 105 - 60.87
  // = 44.1) January's cohort leaves at the rate, February's (day 45) not yet.
  Scenario s = profiles_scenario({"adult"}, 0.0);
  s.applications.monthly_persons[0] = 100.0;
  s.applications.monthly_persons[1] = 100.0;
  s.reception.contribution_leave_rate = 0.3;
  s.reception.contribution_after = {2.0, DurationUnit::month};
  const Results r = simulate(s);
  EXPECT_NEAR(r.at("reception_out", 2), 0.0, 1e-9);
  EXPECT_NEAR(r.at("reception_out", 3), 100.0 * (1.0 - std::exp(-0.3 * 30.0 / kDaysPerMonth)), 1e-9);
  EXPECT_NEAR(r.at("reception_occupied", 3), 200.0 - r.at("reception_out", 3), 1e-9);
}

TEST(Reception, MinorsAgeOutIntoAdultPools) {
  // 100 minors accommodated in the UAM pool at the start; 0.1 a month turn 18 and move to the
  // adult pool. Only the minors' profile moves: the adults of other pools stay where they are.
  Scenario s = profiles_scenario({"uam", "adult"}, 0.0);
  s.applications.segment_share = {1.0, 0.0};
  s.reception.pools = {make_pool("uam", 200.0, 0.0, {1, 0}), make_pool("adult", 500.0, 0.0, {0, 1})};
  s.reception.saturation = 1.0;
  s.reception.uam_age_out_rate = 0.1;
  s.reception.uam_age_out_pool = 1;
  s.reception.uam_profile = 0;
  s.cgrs.initial_pending_persons = 100.0;
  s.reception.initial_accommodated = 100.0;
  const Results r = simulate(s);
  const double moved_jan = 100.0 * (1.0 - std::exp(-0.1 * 31.0 / kDaysPerMonth));
  EXPECT_NEAR(r.at("reception_occupied_by_pool", 0, 1), moved_jan, 1e-9);
  const double left_feb = (100.0 - moved_jan) * std::exp(-0.1 * 28.0 / kDaysPerMonth);
  EXPECT_NEAR(r.at("reception_occupied_by_pool", 1, 0), left_feb, 1e-9);
  EXPECT_NEAR(r.at("reception_occupied", 1), 100.0, 1e-9);
}

class ExitsIntoCutWeeks : public ::testing::TestWithParam<StepUnit> {};

TEST_P(ExitsIntoCutWeeks, LeaveFamiliesWithoutAPlaceAtAWeeklyStep) {
  // docs/model.md, "Convergence in the step": the network is full (800 places, 800 accommodated)
  // and the waiting list never empties, so the families (placed first, never waiting) of a step
  // get only the places freed in it. From 1 July 2024 the CGRS decides one accommodated person a
  // day (all positive, exit 28 days later) and one family arrives a day: the places freed match
  // the families day by day once the first decisions leave (29 July).
  Scenario s = single_segment(Date(2024, 7, 1), Date(2024, 9, 30), GetParam(), 0.0);
  s.segments.profiles = {"family", "single_man"};
  reset_segment_values(s);
  s.reception.pools = {make_pool("network", 800.0, 0.0, {1, 1})};
  s.applications.monthly_persons = {62.0, 62.0, 60.0};  // two a day, one of each profile
  s.applications.segment_share = {0.5, 0.5};
  s.cgrs.persons_per_case = {1.0, 1.0};
  s.cgrs.outcomes.refugee = {1.0, 1.0};
  s.cgrs.officers = 1.0;
  s.cgrs.target_officers = 1.0;
  s.cgrs.decisions_per_officer_per_month = kDaysPerMonth;  // one decision a day
  s.cgrs.initial_pending_persons = 1000.0;
  s.reception.waits = {0.0, 1.0};
  s.reception.priority = {0, 1};
  s.reception.exit_after_positive_days = 28.0;
  s.reception.initial_waiting = 200.0;  // the newest single men; the 800 others are accommodated
  s.reception.initial_accommodated = 800.0;
  const Results r = simulate(s);
  const auto off_list = [&](int p) { return r.at("not_accommodated_off_list", p); };
  switch (GetParam()) {
    case StepUnit::day:
      // Families of 1-28 July find nothing; from 29 July each day frees one place.
      EXPECT_NEAR(off_list(0), 28.0, 1e-9);
      EXPECT_NEAR(off_list(1), 0.0, 1e-9);
      EXPECT_NEAR(off_list(2), 0.0, 1e-9);
      break;
    case StepUnit::month:
      // July's 31 decisions (midpoint 15.5, target 43.5) leave 3/31 in July (released in the step,
      // after the decisions) and 28/31 in August (midpoint 46.5). August's 31 (target 74.5) leave
      // 2.5/30.5 in August, the rest in September (midpoint 77): 28 + 77.5/30.5 for 31 families.
      EXPECT_NEAR(off_list(0), 28.0, 1e-9);
      EXPECT_NEAR(off_list(1), 31.0 - 28.0 - 31.0 * 2.5 / 30.5, 1e-9);
      EXPECT_NEAR(off_list(2), 0.0, 1e-9);
      break;
    case StepUnit::week: {
      // Weeks are cut at month ends: 29-31 July, 1-4 August, 26-31 August, 1 September, 30
      // September. A delay ends at the step midpoints around mid + 28 days, split linearly
      // between them (docs/model.md, "Pipeline delays"), so a short step takes more than its days'
      // worth of a steady flow and its neighbours less. Decided on 29-31 July (3 persons, midpoint
      // day 29.5, target 57.5 between the midpoints 52.5 and 59 of 19-25 and 26-31 August) and
      // on 1-4 August (4, midpoint 33, target 61 between 59 and 62.5 of 1 September):
      // 26-31 August frees 3 x 10/13 + 4 x 3/7 = 366/91 places for 6 families; 1 September
      // frees 16/7 for 1 family (the surplus goes to the waiting list).
      EXPECT_NEAR(off_list(0), 28.0, 1e-9);
      EXPECT_NEAR(off_list(1), 6.0 - 366.0 / 91.0, 1e-9);
      // 23-29 September (midpoint 87.5) frees 6 x 6.5/7 of 26-31 August's decisions (target
      // 87, after 80.5) and 1/4 of 1 September's (target 90.5, before 91.5): 39/7 + 1/4 for 7.
      EXPECT_NEAR(off_list(2), 7.0 - 39.0 / 7.0 - 0.25, 1e-9);
      break;
    }
  }
  // On every grid each person decided leaves reception (28 days later); only the steps differ.
  double decided = 0.0;
  double out = 0.0;
  for (int p = 0; p < 3; ++p) {
    decided += r.at("cgrs_decisions_persons", p);
    out += r.at("reception_out", p);
  }
  EXPECT_NEAR(out + r.at("reception_after_procedure", 2), decided, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(AllSteps, ExitsIntoCutWeeks,
                         ::testing::Values(StepUnit::day, StepUnit::week, StepUnit::month));

TEST(Reception, CapacityRuleRespondsToAStepWithDelay) {
  // Worked example (docs/model.md, "Capacity rule"): 1 000 places, 900 occupied, nobody
  // decided; from March to June 500 single men a month arrive and wait. Reviews at every month
  // end act on the demand (occupied + waiting) measured a month earlier, aim at 90 % occupancy
  // when it is above 95 %, and openings take 2 months (60.87 days):
  //   April review (day 120) sees March (1 400): orders 1 400/0.9 - 1 000 = 555.6, ready day
  //   180.9 -> July; May sees April (1 900): 2 111.1 - 1 555.6 = 555.6 -> August; June sees May
  //   (2 400) -> September; July sees June (2 900) -> October; then demand stops growing and
  //   the places planned (3 222.2 = 2 900/0.9) match it: no further order.
  Scenario s = profiles_scenario({"single_man"}, 0.0);
  for (int m = 2; m < 6; ++m) s.applications.monthly_persons[m] = 500.0;
  s.reception.pools[0].capacity = 1000.0;
  s.reception.saturation = 1.0;
  s.reception.waits = {1.0};
  s.reception.initial_accommodated = 900.0;
  s.cgrs.initial_pending_persons = 900.0;
  CapacityRule& rule = s.reception.capacity_rule;
  rule.enabled = true;
  rule.pool = 0;
  rule.review = {1.0, DurationUnit::month};
  rule.decision_delay = {1.0, DurationUnit::month};
  rule.opening_lead_time = {2.0, DurationUnit::month};
  rule.upper = 0.95;
  rule.lower = 0.5;
  rule.target = 0.9;
  const Results r = simulate(s);
  for (int p = 0; p < 6; ++p) EXPECT_DOUBLE_EQ(r.at("reception_capacity", p), 1000.0) << p;
  EXPECT_NEAR(r.at("reception_capacity", 6), 1400.0 / 0.9, 1e-6);
  EXPECT_NEAR(r.at("reception_capacity", 7), 1900.0 / 0.9, 1e-6);
  EXPECT_NEAR(r.at("reception_capacity", 8), 2400.0 / 0.9, 1e-6);
  for (int p = 9; p < 12; ++p) EXPECT_NEAR(r.at("reception_capacity", p), 2900.0 / 0.9, 1e-6) << p;
  // The waiting list is emptied once the places arrive: four months after demand stopped growing.
  EXPECT_NEAR(r.at("waiting_list", 9), 0.0, 1e-6);
  EXPECT_NEAR(r.at("reception_occupancy_rate", 11), 0.9, 1e-9);
}

}  // namespace chainsim

namespace chainsim {

TEST(Reception, TheCapacityRuleOpensPlacesFromNone) {
  // No places at all and 500 applicants a month asking: the rule orders places (demand / 0 is
  // above any band) at the first review that sees demand.
  Scenario s = profiles_scenario({"single_man"}, 500.0);
  s.reception.pools[0].capacity = 0.0;
  s.reception.waits = {1.0};
  CapacityRule& rule = s.reception.capacity_rule;
  rule.enabled = true;
  rule.decision_delay = {1.0, DurationUnit::month};
  rule.opening_lead_time = {1.0, DurationUnit::month};
  const Results r = simulate(s);
  EXPECT_GT(r.at("reception_capacity", 4), 0.0);
}

}  // namespace chainsim
