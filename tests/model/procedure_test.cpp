// The procedure chain against hand calculations: fast track, suspension, annulments, staff,
// Dublin, returns, and conservation through every stage.
#include <gtest/gtest.h>

#include <cmath>

#include "../../bench/belgian_sized.hpp"
#include "chainsim/model/simulation.hpp"
#include "test_scenarios.hpp"

namespace chainsim {

using testing::single_segment;

namespace {

void one_decision_per_day(Scenario& s) {
  s.cgrs.officers = 1.0;
  s.cgrs.target_officers = 1.0;
  s.cgrs.decisions_per_officer_per_month = kDaysPerMonth;
}

// Two origins (a, b) x one profile, for mechanisms that act per origin.
Scenario two_origins(StepUnit step, double per_month) {
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 6, 30), step, per_month);
  s.segments.origins = {"a", "b"};
  reset_segment_values(s);
  s.cgrs.persons_per_case = {1.0, 1.0};
  s.cgrs.outcomes.refugee = {0.5, 0.5};
  return s;
}

}  // namespace

TEST(Procedure, FastTrackIsDecidedWithinItsDeadlineWhileTheNormalQueueAges) {
  // Weekly steps; origin a (2 % of 1 000 a month) is fast-tracked; capacity of one decision a
  // day is far below the inflow, so the normal queue ages while the fast track is decided the
  // step after arrival (within its 21-day deadline).
  Scenario s = two_origins(StepUnit::week, 1000.0);
  s.applications.segment_share = {0.02, 0.98};
  s.cgrs.fast_track = {1.0, 0.0};
  one_decision_per_day(s);
  const Results r = simulate(s);
  for (int p = 1; p < r.periods(); ++p) {
    EXPECT_LE(r.at("cgrs_fast_track_wait_mean_days", p), 7.0 + 1e-9) << p;
    EXPECT_LT(r.at("cgrs_pending_fast_track_persons", p), 20.0 * 7.0 / 28.0 + 1.0) << p;
    EXPECT_GT(r.at("cgrs_pending_age_mean_days", p), r.at("cgrs_pending_age_mean_days", p - 1)) << p;
  }
  EXPECT_GT(r.at("cgrs_wait_mean_days", 5), 21.0);
}

TEST(Procedure, SuspensionFreezesExactlyItsOrigins) {
  // Ample capacity; origin a is suspended in February and March (policy from 1 Feb to 1 Apr).
  Scenario s = two_origins(StepUnit::month, 100.0);
  s.cgrs.officers = 1000.0;
  s.cgrs.target_officers = 1000.0;
  s.cgrs.decisions_per_officer_per_month = 10.0;
  Policy suspend;
  suspend.name = "suspend-a";
  suspend.from = Date(2025, 2, 1);
  suspend.to = Date(2025, 4, 1);
  suspend.changes.push_back({"cgrs.suspended", ChangeOp::set, {1.0, 1.0}, {1, 0}});
  s.policies = {suspend};
  const Results r = simulate(s);
  // Origin b is decided the month after it applies, every month.
  for (int p = 1; p < 6; ++p) EXPECT_NEAR(r.at("cgrs_decisions_persons_by_segment", p, 1), 50.0, 1e-9) << p;
  // Origin a: January's 50 decided in February? No: frozen in February and March.
  EXPECT_DOUBLE_EQ(r.at("cgrs_decisions_persons_by_segment", 1, 0), 0.0);
  EXPECT_DOUBLE_EQ(r.at("cgrs_decisions_persons_by_segment", 2, 0), 0.0);
  EXPECT_NEAR(r.at("cgrs_suspended_persons", 2), 150.0, 1e-9);
  // April: the 150 of January to March are decided, oldest (January) first, with their dates.
  EXPECT_NEAR(r.at("cgrs_decisions_persons_by_segment", 3, 0), 150.0, 1e-9);
  EXPECT_DOUBLE_EQ(r.at("cgrs_suspended_persons", 3), 0.0);
}

TEST(Procedure, AnAnnulledCaseReturnsWithItsApplicationDate) {
  // 100 apply in January; all are refused in February and appeal at once; the CALL judges them
  // in March: half annulled (back to the CGRS), half rejected. The CGRS decides the annulled in
  // April, 89.5 days after their application (mid-January, day 15.5, to mid-April, day 105).
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 5, 31), StepUnit::month, 0.0);
  s.applications.monthly_persons = {100.0, 0, 0, 0, 0};
  s.cgrs.outcomes.refugee = {0.0};
  s.cgrs.officers = 1000.0;
  s.cgrs.target_officers = 1000.0;
  s.cgrs.decisions_per_officer_per_month = 10.0;
  s.call.appeal_share_refusal = {1.0};
  s.call.filing_delay = Duration::of_days(0);
  s.call.judgments_per_month = 1e6;
  s.call.outcomes.annul = {0.5};
  const Results r = simulate(s);
  EXPECT_NEAR(r.at("cgrs_refusal", 1), 100.0, 1e-9);
  EXPECT_NEAR(r.at("call_appeals_persons", 1), 100.0, 1e-9);
  EXPECT_NEAR(r.at("call_judgments", 2), 100.0, 1e-6);
  EXPECT_NEAR(r.at("call_wait_mean_days", 2), 29.5, 1e-9);  // mid-February to mid-March
  EXPECT_NEAR(r.at("call_annulments", 2), 50.0, 1e-9);
  EXPECT_NEAR(r.at("call_rejections", 2), 50.0, 1e-9);
  EXPECT_NEAR(r.at("cgrs_decisions_persons", 3), 50.0, 1e-9);
  EXPECT_NEAR(r.at("cgrs_wait_mean_days", 3), 89.5, 1e-9);
  // They are refused again, appeal again and come back in May's judgments.
  EXPECT_NEAR(r.at("call_judgments", 4), 50.0, 1e-6);
}

TEST(Procedure, MigrationLitigationSharesTheCallJudgesInProportionToPending) {
  // The CALL has 600 asylum appeals (1 person a case) and 400 migration cases pending; 100
  // migration cases are lodged a month; it judges one case a calendar day (31 in January).
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 2, 28), StepUnit::month, 0.0);
  s.call.judgments_per_month = kDaysPerMonth;
  s.call.initial_pending_cases = 600.0;
  s.call.migration_initial_pending_cases = 400.0;
  s.call.migration_monthly_cases = {100.0, 100.0};
  const Results r = simulate(s);
  // January: 40 % of the 31 judgments go to migration cases (12.4), 18.6 to asylum appeals.
  EXPECT_NEAR(r.at("call_migration_judgments", 0), 12.4, 1e-9);
  EXPECT_NEAR(r.at("call_judgments", 0), 18.6, 1e-9);
  EXPECT_NEAR(r.at("call_all_judgments", 0), 31.0, 1e-9);
  EXPECT_NEAR(r.at("call_migration_appeals", 0), 100.0, 1e-9);
  EXPECT_NEAR(r.at("call_all_appeals", 0), 100.0, 1e-9);
  EXPECT_NEAR(r.at("call_migration_pending_cases", 0), 400.0 - 12.4 + 100.0, 1e-9);
  EXPECT_NEAR(r.at("call_pending_cases", 0), 600.0 - 18.6, 1e-9);
  EXPECT_NEAR(r.at("call_all_pending_cases", 0), 1000.0 - 31.0 + 100.0, 1e-9);
  // February: 28 judgments shared 487.6 : 581.4.
  const double migration = 28.0 * 487.6 / 1069.0;
  EXPECT_NEAR(r.at("call_migration_judgments", 1), migration, 1e-9);
  EXPECT_NEAR(r.at("call_judgments", 1), 28.0 - migration, 1e-9);
  EXPECT_NEAR(r.at("call_all_pending_cases", 1), 1069.0 - 28.0 + 100.0, 1e-9);

  // With no asylum appeals the migration cases get every judgment.
  s.call.initial_pending_cases = 0.0;
  const Results alone = simulate(s);
  EXPECT_NEAR(alone.at("call_migration_judgments", 0), 31.0, 1e-9);
  EXPECT_DOUBLE_EQ(alone.at("call_judgments", 0), 0.0);
  // And with no migration cases the asylum appeals get every judgment, as before.
  s.call.initial_pending_cases = 600.0;
  s.call.migration_initial_pending_cases = 0.0;
  s.call.migration_monthly_cases.clear();
  const Results asylum = simulate(s);
  EXPECT_NEAR(asylum.at("call_judgments", 0), 31.0, 1e-9);
  EXPECT_DOUBLE_EQ(asylum.at("call_migration_judgments", 0), 0.0);
}

TEST(Procedure, HiredOfficersAddCapacityOnlyAfterTraining) {
  // 10 trained officers decide 1 case a day in all. From 1 March the target rises to 20; the 10
  // recruits start at once (no recruitment delay) and train for 3 months (91.31 days) at zero
  // output: hired mid-March (day 74.5) they finish at day 165.8, just before mid-June (day 166).
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 7, 31), StepUnit::month, 10000.0);
  s.cgrs.officers = 10.0;
  s.cgrs.target_officers = 10.0;
  s.cgrs.decisions_per_officer_per_month = kDaysPerMonth / 10.0;
  s.cgrs.training = {3.0, DurationUnit::month};
  Policy hire;
  hire.name = "hire";
  hire.from = Date(2025, 3, 1);
  hire.changes.push_back({"cgrs.target_officers", ChangeOp::add, {10.0}, {1}});
  s.policies = {hire};
  const Results r = simulate(s);
  EXPECT_NEAR(r.at("cgrs_capacity_cases", 3), 30.0, 1e-9);  // April: 10 officers, 30 days
  EXPECT_NEAR(r.at("cgrs_officers", 3), 10.0, 1e-9);
  EXPECT_NEAR(r.at("cgrs_officers_in_training", 3), 10.0, 1e-9);
  // May: 0.65 % of the recruits finish (the split that keeps the mean training time exact).
  const double share_may = (74.5 + 3.0 * kDaysPerMonth - 135.5) / (166.0 - 135.5);
  EXPECT_NEAR(r.at("cgrs_officers", 4), 10.0 + 10.0 * (1.0 - share_may), 1e-9);
  EXPECT_NEAR(r.at("cgrs_capacity_cases", 5), 60.0, 1e-9);  // June: 20 officers, 30 days
}

TEST(Procedure, DublinTransfersAtItsRateAndLapsesToTheCgrsAfterTheTimeLimit) {
  // 100 apply in January, half under Dublin; transfers at 0.1 a month; after 2 months the
  // remaining cases pass to the CGRS (in April, the first step whose midpoint is 2 months
  // after mid-January), keeping their application date.
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 5, 31), StepUnit::month, 0.0);
  s.applications.monthly_persons = {100.0, 0, 0, 0, 0};
  s.dublin.share = {0.5};
  s.dublin.transfer_rate = 0.1;
  s.dublin.time_limit = {2.0, DurationUnit::month};
  s.cgrs.officers = 1000.0;
  s.cgrs.target_officers = 1000.0;
  s.cgrs.decisions_per_officer_per_month = 10.0;
  const Results r = simulate(s);
  auto share = [](double days) { return 1.0 - std::exp(-0.1 * days / kDaysPerMonth); };
  const double feb = 50.0 * share(28);
  const double mar = (50.0 - feb) * share(31);
  const double apr = (50.0 - feb - mar) * share(30);
  EXPECT_NEAR(r.at("dublin_pending", 0), 50.0, 1e-9);
  EXPECT_NEAR(r.at("dublin_transfers", 1), feb, 1e-9);
  EXPECT_NEAR(r.at("dublin_transfers", 2), mar, 1e-9);
  EXPECT_NEAR(r.at("dublin_transfers", 3), apr, 1e-9);
  EXPECT_NEAR(r.at("dublin_to_cgrs", 3), 50.0 - feb - mar - apr, 1e-9);
  EXPECT_NEAR(r.at("dublin_pending", 3), 0.0, 1e-9);
  // The lapsed cases are decided in April with their January date (89.5 days), together with
  // none else (the others were decided in February).
  EXPECT_NEAR(r.at("cgrs_decisions_persons", 3), 50.0 - feb - mar - apr, 1e-9);
  EXPECT_NEAR(r.at("cgrs_wait_mean_days", 3), 89.5, 1e-9);
  EXPECT_NEAR(r.at("pending_all_instances_persons", 0), 100.0, 1e-9);
}

TEST(Procedure, ReturnsAndSubsequentApplicationsFollowFinalNegatives) {
  // 100 refused in February (not accommodated: nobody asks); 20 % return voluntarily, 10 % by
  // force after 1 month, 30 % apply again after 2 months, the rest (40 %) stay irregularly.
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 6, 30), StepUnit::month, 0.0);
  s.applications.monthly_persons = {100.0, 0, 0, 0, 0, 0};
  s.cgrs.outcomes.refugee = {0.0};
  s.cgrs.officers = 1000.0;
  s.cgrs.target_officers = 1000.0;
  s.cgrs.decisions_per_officer_per_month = 10.0;
  s.cgrs.subsequent_inadmissible = {1.0};
  s.reception.ask_share = {0.0};
  s.returns.voluntary = {0.2};
  s.returns.forced = {0.1};
  s.returns.subsequent = {0.3};
  s.returns.delay = Duration::of_days(28);             // decided mid-Feb (day 45) -> mid-Mar (73.5 .. 74.5)
  s.returns.subsequent_delay = Duration::of_days(59);  // day 45 + 59 = 104, between mid-Mar and mid-Apr
  const Results r = simulate(s);
  EXPECT_NEAR(r.at("final_negative", 1), 100.0, 1e-9);
  EXPECT_NEAR(r.at("irregular_stay", 1), 40.0, 1e-9);
  EXPECT_NEAR(r.at("returns_voluntary", 2) + r.at("returns_voluntary", 1), 20.0, 1e-9);
  EXPECT_NEAR(r.at("returns_forced", 2) + r.at("returns_forced", 1), 10.0, 1e-9);
  // Day 104 lies between mid-March (74.5) and mid-April (105): 29.5/30.5 of them apply in April.
  EXPECT_NEAR(r.at("subsequent_applications", 3), 30.0 * 29.5 / 30.5, 1e-9);
  EXPECT_NEAR(r.at("subsequent_applications", 2), 30.0 * 1.0 / 30.5, 1e-9);
  // Subsequent applications are declared inadmissible (subsequent_inadmissible 1).
  EXPECT_NEAR(r.at("cgrs_inadmissible", 4), 30.0 * 29.5 / 30.5, 1e-9);
}

TEST(Procedure, PolicyRampIsLinear) {
  // Productivity x2 ramped over 60 days from 1 January: at the midpoint of January (day 15.5)
  // the factor is 1 + 15.5/60, in March (day 74.5) the full 2.
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 3, 31), StepUnit::month, 1000.0);
  one_decision_per_day(s);
  Policy faster;
  faster.name = "faster";
  faster.from = Date(2025, 1, 1);
  faster.ramp = Duration::of_days(60);
  faster.changes.push_back({"cgrs.productivity", ChangeOp::scale, {2.0}, {1}});
  s.policies = {faster};
  const Results r = simulate(s);
  EXPECT_NEAR(r.at("cgrs_capacity_cases", 0), 31.0 * (1.0 + 15.5 / 60.0), 1e-9);
  EXPECT_NEAR(r.at("cgrs_capacity_cases", 1), 28.0 * (1.0 + 45.0 / 60.0), 1e-9);
  EXPECT_NEAR(r.at("cgrs_capacity_cases", 2), 31.0 * 2.0, 1e-9);
}

class FullChainConservation : public ::testing::TestWithParam<StepUnit> {};

TEST_P(FullChainConservation, HoldsEveryStepThroughEveryStage) {
  // Every stage on (Dublin lapses, annulments, subsequent applications, suspension, hiring,
  // overflow, ageing out): persons and housing are conserved per segment at every step.
  const Scenario s = bench::belgian_sized(GetParam(), 3);
  Simulation sim(s);
  MemoryRecorder recorder;
  sim.begin(recorder);
  double worst = sim.conservation_error();
  double lowest = 0.0;
  while (sim.step()) {
    worst = std::max(worst, sim.conservation_error());
    for (int seg = 0; seg < s.segments.size(); ++seg)
      for (Housing h : {kAccommodated, kWaiting, kUnplaced, kOutside}) lowest = std::min(lowest, sim.in_procedure(seg, h));
  }
  sim.finish();
  EXPECT_LT(worst, 1e-9);
  EXPECT_GE(lowest, -1e-9);
  const Results& r = recorder.results();
  double annulled = 0.0, lapsed = 0.0, again = 0.0;
  for (int p = 0; p < r.periods(); ++p) {
    annulled += r.at("call_annulments", p);
    lapsed += r.at("dublin_to_cgrs", p);
    again += r.at("subsequent_applications", p);
  }
  EXPECT_GT(annulled, 0.0);
  EXPECT_GT(lapsed, 0.0);
  EXPECT_GT(again, 0.0);
}

INSTANTIATE_TEST_SUITE_P(AllSteps, FullChainConservation,
                         ::testing::Values(StepUnit::day, StepUnit::week, StepUnit::month));

}  // namespace chainsim

namespace chainsim {

TEST(Procedure, EveryoneGrantedJoinsTheBeneficiaries) {
  // With the integration block on and no family reunification, the beneficiaries at any period
  // end are all persons granted protection so far (CGRS and CALL grants).
  Scenario s = bench::belgian_sized(StepUnit::week, 2);
  s.integration.enabled = true;
  const Results r = simulate(s);
  double granted = 0.0;
  for (int p = 0; p < r.periods(); ++p) {
    granted += r.at("final_positive", p);
    EXPECT_NEAR(r.at("beneficiaries", p), granted, 1e-6 * granted + 1e-9) << p;
  }
  EXPECT_GT(granted, 1000.0);
  // Off by default: the series are NaN and the run does not pay for the block.
  s.integration.enabled = false;
  const Results off = simulate(s);
  EXPECT_TRUE(std::isnan(off.at("beneficiaries", 3)));
  EXPECT_TRUE(std::isnan(off.at("employment_rate_by_years_since_status", 3, 0)));
}

}  // namespace chainsim

namespace chainsim {

TEST(Procedure, OverlappingPoliciesNeverCreatePersons) {
  // Base: refugee 0.5. From March two policies set refugee 0.7 and inadmissible 0.5: together
  // 1.2, so the group is scaled down to 0.7/1.2 and 0.5/1.2, nobody is refused, and persons are
  // conserved.
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 6, 30), StepUnit::month, 1000.0);
  one_decision_per_day(s);
  Policy a, b;
  a.name = "a";
  a.from = Date(2025, 3, 1);
  a.changes.push_back({"cgrs.outcomes.refugee", ChangeOp::set, {0.7}, {1}});
  b.name = "b";
  b.from = Date(2025, 3, 1);
  b.changes.push_back({"cgrs.outcomes.inadmissible", ChangeOp::set, {0.5}, {1}});
  s.policies = {a, b};
  Simulation sim(s);
  MemoryRecorder recorder;
  sim.begin(recorder);
  double worst = 0.0;
  while (sim.step()) worst = std::max(worst, sim.conservation_error());
  sim.finish();
  EXPECT_LT(worst, 1e-9);
  const Results& r = recorder.results();
  EXPECT_NEAR(r.at("cgrs_refugee", 3), 30.0 * 0.7 / 1.2, 1e-9);  // April: 30 decisions
  EXPECT_NEAR(r.at("cgrs_inadmissible", 3), 30.0 * 0.5 / 1.2, 1e-9);
  EXPECT_NEAR(r.at("cgrs_refusal", 3), 0.0, 1e-9);
  EXPECT_NEAR(r.at("final_positive", 3) + r.at("final_negative", 3), 30.0, 1e-9);
}

TEST(Procedure, PlannedArrivalsAreFirstApplicationsOutsideDublin) {
  // 100 resettled a month; half of the spontaneous applications would be subsequent and half
  // under Dublin, but planned arrivals are neither.
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 3, 31), StepUnit::month, 0.0);
  PlannedInflow resettlement;
  resettlement.name = "resettlement";
  resettlement.monthly_persons = {100.0, 100.0, 100.0};
  resettlement.segment_share = {1.0};
  s.applications.planned = {resettlement};
  s.applications.subsequent_share = 0.5;
  s.dublin.share = {0.5};
  const Results r = simulate(s);
  EXPECT_NEAR(r.at("applications", 0), 100.0, 1e-9);
  EXPECT_NEAR(r.at("planned_arrivals", 0), 100.0, 1e-9);
  EXPECT_DOUBLE_EQ(r.at("subsequent_applications", 0), 0.0);
  EXPECT_DOUBLE_EQ(r.at("dublin_pending", 0), 0.0);
}

TEST(Procedure, AHiringFreezeMeansTheSameOnEveryStep) {
  // 100 officers, target 200, freeze 0.5 (half the gap filled per month), no recruitment or
  // training delay: after one average month 150 officers, whatever the step.
  for (StepUnit step : {StepUnit::day, StepUnit::week, StepUnit::month}) {
    Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 3, 31), step, 0.0);
    s.cgrs.officers = 100.0;
    s.cgrs.target_officers = 200.0;
    s.cgrs.hiring_freeze = 0.5;
    s.cgrs.training = Duration::of_days(0);
    const Results r = simulate(s);
    // End of March: 90 days = 2.957 average months: 200 - 100 x 0.5^2.957.
    EXPECT_NEAR(r.at("cgrs_officers", 2), 200.0 - 100.0 * std::pow(0.5, 90.0 / kDaysPerMonth), 1e-9)
        << to_string(step);
  }
}

TEST(Procedure, WithdrawalsFollowAPolicyWhateverTheStepLength) {
  // 1 000 pending, nobody decided, no applications; withdrawals at 0.1 a month, 0.3 from
  // 1 March. Weekly steps are cut at the month ends, so that March repeats step lengths met
  // before the change (the hazard shares are kept per step length until a policy changes them).
  for (StepUnit step : {StepUnit::day, StepUnit::week, StepUnit::month}) {
    Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 4, 30), step, 0.0);
    s.cgrs.initial_pending_persons = 1000.0;
    s.cgrs.withdrawal_rate = {0.1};
    Policy more;
    more.name = "more-withdrawals";
    more.from = Date(2025, 3, 1);
    more.changes.push_back({"cgrs.withdrawal_rate", ChangeOp::set, {0.3}, {1}});
    s.policies = {more};
    const Results r = simulate(s);
    const double month_days[] = {31.0, 28.0, 31.0, 30.0};
    double exponent = 0.0;
    for (int p = 0; p < 4; ++p) {
      exponent += (p < 2 ? 0.1 : 0.3) * month_days[p] / kDaysPerMonth;
      EXPECT_NEAR(r.at("cgrs_pending_persons", p), 1000.0 * std::exp(-exponent), 1e-9)
          << to_string(step) << " " << p;
    }
  }
}

TEST(Procedure, AttritionFollowsAPolicyWhateverTheStepLength) {
  // 100 officers, nobody hired (a full freeze); attrition 20 % a year, 50 % from 1 February.
  // The step's powers are remembered per rate and step length: weekly steps take several
  // lengths in turn, and February repeats them with the new rate.
  for (StepUnit step : {StepUnit::day, StepUnit::week, StepUnit::month}) {
    Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 3, 31), step, 0.0);
    s.cgrs.officers = 100.0;
    s.cgrs.attrition_per_year = 0.2;
    s.cgrs.hiring_freeze = 1.0;
    Policy leave;
    leave.name = "leave";
    leave.from = Date(2025, 2, 1);
    leave.changes.push_back({"cgrs.attrition_per_year", ChangeOp::set, {0.5}, {1}});
    s.policies = {leave};
    const Results r = simulate(s);
    const double january = 100.0 * std::pow(0.8, 31.0 / kDaysPerYear);
    EXPECT_NEAR(r.at("cgrs_officers", 0), january, 1e-9) << to_string(step);
    EXPECT_NEAR(r.at("cgrs_officers", 2), january * std::pow(0.5, 59.0 / kDaysPerYear), 1e-9)
        << to_string(step);
  }
}

TEST(Procedure, FastTrackDecisionsBeyondTheDeadlineAreCounted) {
  // Monthly steps: fast-track cases are decided the month after they apply, 29.5 days later on
  // average (ages uniform over mid-Jan..mid-Feb +- half a month: [14, 45] days in February).
  // With a 21-day deadline the share beyond it is (45 - 21) / (45 - 14).
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 2, 28), StepUnit::month, 100.0);
  s.cgrs.fast_track = {1.0};
  s.cgrs.fast_track_deadline_days = {21.0};
  s.cgrs.officers = 1000.0;
  s.cgrs.target_officers = 1000.0;
  s.cgrs.decisions_per_officer_per_month = 10.0;
  const Results r = simulate(s);
  const double lo = 45.0 - 15.5 - 15.5, hi = 45.0 - 15.5 + 15.5;
  EXPECT_NEAR(r.at("cgrs_fast_track_over_deadline_share", 1), (hi - 21.0) / (hi - lo), 1e-12);
  EXPECT_TRUE(std::isnan(r.at("cgrs_fast_track_over_deadline_share", 0)));
}

TEST(Procedure, TheLastOfAnOddNumberOfSegmentsIsRoutedAsThePairedOnes) {
  // The passes over the segments after the departures and decisions of a step take two
  // segments at a time, and the last of an odd number alone (procedure.cpp). Three identical
  // origins, with every stage on and reception ample, must come out the same, bit for bit: with
  // the housing lanes (some ask for reception) and without (nobody asks).
  for (const double ask : {0.8, 0.0}) {
    Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 12, 31), StepUnit::week, 900.0);
    s.segments.origins = {"a", "b", "c"};
    reset_segment_values(s);
    s.applications.segment_share.assign(3, 1.0 / 3.0);
    s.applications.subsequent_share = 0.1;
    s.dublin.share.assign(3, 0.1);
    s.dublin.transfer_rate = 0.1;
    s.dublin.abscond_rate = 0.05;
    s.cgrs.persons_per_case.assign(3, 1.5);
    s.cgrs.outcomes.refugee.assign(3, 0.4);
    s.cgrs.outcomes.inadmissible.assign(3, 0.1);
    s.cgrs.withdrawal_rate.assign(3, 0.01);
    s.cgrs.officers = 20.0;
    s.cgrs.target_officers = 20.0;
    s.cgrs.decisions_per_officer_per_month = 40.0;
    s.call.appeal_share_refusal.assign(3, 0.6);
    s.call.appeal_share_inadmissible.assign(3, 0.3);
    s.call.judgments_per_month = 150.0;
    s.call.outcomes.annul.assign(3, 0.15);
    s.call.outcomes.refugee.assign(3, 0.1);
    s.returns.voluntary.assign(3, 0.2);
    s.returns.forced.assign(3, 0.1);
    s.returns.subsequent.assign(3, 0.2);
    s.reception.ask_share.assign(3, ask);
    ASSERT_EQ(models_housing(s), ask > 0.0);
    const Results r = simulate(s);
    EXPECT_GT(r.at("call_annulments", 6), 1.0);
    EXPECT_GT(r.at("returns_voluntary", 9), 1.0);
    EXPECT_EQ(r.at("reception_occupied", 9) > 0.0, ask > 0.0);
    for (const char* name : {"cgrs_pending_persons_by_segment", "cgrs_decisions_persons_by_segment",
                             "reception_occupied_by_segment"})
      for (int p = 0; p < r.periods(); ++p) {
        EXPECT_EQ(r.at(name, p, 1), r.at(name, p, 0)) << ask << " " << name << " " << p;
        EXPECT_EQ(r.at(name, p, 2), r.at(name, p, 0)) << ask << " " << name << " " << p;
      }
    for (const char* name : {"final_positive", "final_negative", "irregular_stay"})
      EXPECT_GT(r.at(name, 9), 0.0) << ask << " " << name;
  }
}

}  // namespace chainsim
