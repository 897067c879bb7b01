// The first chain against hand calculations. Monthly steps with officers * decisions per
// officer = 30.436875 cases per average month make the CGRS decide exactly one person per day
// of the month, which keeps the arithmetic checkable by hand (see each test's comments).
#include "chainsim/model/simulation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "test_scenarios.hpp"

namespace chainsim {

using testing::single_segment;
using testing::two_by_two;

namespace {

// Capacity of one decision per calendar day.
void one_decision_per_day(Scenario& s) {
  s.cgrs.officers = 1.0;
  s.cgrs.decisions_per_officer_per_month = kDaysPerMonth;
}

}  // namespace

TEST(Simulation, ThePeriodsDoNotDependOnWhereTheHorizonEnds) {
  // Weekly steps (cut at month ends) with delays that end after the horizon: a registration
  // delay, exits after decisions, appeals. Stopping at the end of March or of June must give the
  // same January to March, bit for bit up to rounding.
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 6, 30), StepUnit::week, 300.0);
  s.registration.delay = Duration::of_days(10);
  s.cgrs.officers = 10.0;
  s.cgrs.decisions_per_officer_per_month = 20.0;
  s.call.appeal_share_refusal = {0.5};
  s.call.filing_delay = Duration::of_days(20);
  s.call.judgments_per_month = 50.0;
  s.reception.exit_after_positive_days = 45.0;
  const Results longer = simulate(s);
  s.time.end = Date(2025, 3, 31);
  s.applications.monthly_persons.resize(3);
  const Results shorter = simulate(s);
  ASSERT_EQ(shorter.periods(), 3);
  for (std::size_t i = 0; i < shorter.values.size(); ++i) {
    const std::string& name = shorter.layout.series[i].name;
    const int width = shorter.layout.width[i];
    for (int v = 0; v < 3 * width; ++v) {
      const double a = shorter.values[i][static_cast<std::size_t>(v)];
      const double b = longer.values[i][static_cast<std::size_t>(v)];
      if (std::isnan(a) && std::isnan(b)) continue;
      EXPECT_NEAR(a, b, 1e-9 * std::max(1.0, std::abs(b))) << name << " value " << v;
    }
  }
}

TEST(Simulation, FifoQueueGivesHandComputedDecisionsAndWaits) {
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 3, 31), StepUnit::month, 1000.0);
  one_decision_per_day(s);
  const Results r = simulate(s);
  ASSERT_EQ(r.periods(), 3);
  // January: nobody was pending at the start of the step, so no decision.
  EXPECT_DOUBLE_EQ(r.at("cgrs_decisions_persons", 0), 0.0);
  EXPECT_NEAR(r.at("cgrs_pending_persons", 0), 1000.0, 1e-9);
  // February: 28 decisions, all from January's cohort (mid-January day 15.5 -> mid-February 45).
  EXPECT_NEAR(r.at("cgrs_decisions_persons", 1), 28.0, 1e-9);
  EXPECT_NEAR(r.at("cgrs_wait_mean_days", 1), 29.5, 1e-9);
  EXPECT_NEAR(r.at("cgrs_pending_persons", 1), 1972.0, 1e-9);
  // March: 31 decisions, still January's cohort, decided at mid-March (day 74.5).
  EXPECT_NEAR(r.at("cgrs_decisions_persons", 2), 31.0, 1e-9);
  EXPECT_NEAR(r.at("cgrs_wait_mean_days", 2), 59.0, 1e-9);
  EXPECT_NEAR(r.at("cgrs_refugee", 2), 15.5, 1e-9);
  EXPECT_NEAR(r.at("cgrs_refusal", 2), 15.5, 1e-9);
  EXPECT_NEAR(r.at("cgrs_positive", 2), 15.5, 1e-9);  // refugee + subsidiary (0)
  EXPECT_NEAR(r.at("protection_rate", 2), 0.5, 1e-12);
  EXPECT_NEAR(r.at("cgrs_capacity_cases", 2), 31.0, 1e-9);
  // End of March: 941 of January (uniform on ages 59..90 days), 1000 of February (31..59),
  // 1000 of March (0..31). Older than 6 months: none.
  EXPECT_NEAR(r.at("cgrs_pending_persons", 2), 2941.0, 1e-9);
  const double mean_age = (941.0 * 74.5 + 1000.0 * 45.0 + 1000.0 * 15.5) / 2941.0;
  EXPECT_NEAR(r.at("cgrs_pending_age_mean_days", 2), mean_age, 1e-9);
  EXPECT_DOUBLE_EQ(r.at("cgrs_pending_over_6mo_share", 2), 0.0);
  // Cases: persons_per_case 2 halves the case counts.
  s.cgrs.persons_per_case = {2.0};
  const Results cases = simulate(s);
  EXPECT_NEAR(cases.at("cgrs_decisions_cases", 1), 28.0, 1e-9);
  EXPECT_NEAR(cases.at("cgrs_decisions_persons", 1), 56.0, 1e-9);
  EXPECT_NEAR(cases.at("cgrs_pending_cases", 0), 500.0, 1e-9);
}

TEST(Simulation, PriorityProfilesArePlacedFirstAndSingleMenWait) {
  // One origin, profiles family (priority) and single_man (waits). 100 applicants a month, half
  // each; 100 places at 90 % saturation = 90 usable; exits right after the decision.
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 3, 31), StepUnit::month, 100.0);
  s.segments.profiles = {"family", "single_man"};
  reset_segment_values(s);
  s.cgrs.persons_per_case = {1.0, 1.0};
  s.cgrs.outcomes.refugee = {0.5, 0.5};
  s.reception.ask_share = {1.0, 1.0};
  s.reception.priority = {0, 1};
  s.reception.waits = {0.0, 1.0};
  s.reception.pools[0].capacity = 100.0;
  s.reception.pools[0].cost_per_place_day = 10.0;
  s.reception.pools[0].takes_profile = {1, 1};
  s.applications.segment_share = {0.5, 0.5};
  s.reception.saturation = 0.9;
  s.reception.exit_after_negative_days = 0.0;
  s.reception.exit_after_positive_days = 0.0;
  one_decision_per_day(s);
  const Results r = simulate(s);
  // January: 50 families placed, 50 single men join the list, 40 admitted at once.
  EXPECT_NEAR(r.at("reception_in", 0), 90.0, 1e-9);
  EXPECT_NEAR(r.at("waiting_list_joined", 0), 50.0, 1e-9);
  EXPECT_NEAR(r.at("waiting_list_admitted", 0), 40.0, 1e-9);
  EXPECT_NEAR(r.at("waiting_list", 0), 10.0, 1e-9);
  // Not accommodated on arrival: the 10 single men of January not admitted in their step.
  EXPECT_NEAR(r.at("not_accommodated", 0), 10.0, 1e-9);
  EXPECT_DOUBLE_EQ(r.at("not_accommodated_off_list", 0), 0.0);
  EXPECT_NEAR(r.at("reception_occupied", 0), 90.0, 1e-9);
  EXPECT_NEAR(r.at("reception_occupancy_rate", 0), 0.9, 1e-12);
  // Admitted in the month they joined: ages uniform on [0, 15.5] days.
  EXPECT_NEAR(r.at("waiting_list_wait_mean_days", 0), 7.75, 1e-9);
  // February: 28 decided from January's 100 (50 families, 40 + 10 single men): 28 % of each.
  // 14 + 11.2 accommodated leave at once; 2.8 leave the list because their procedure ended.
  EXPECT_NEAR(r.at("reception_out", 1), 25.2, 1e-9);
  EXPECT_NEAR(r.at("waiting_list_procedure_ended", 1), 2.8, 1e-9);
  // The 25.2 free places go to new families first; 24.8 families find no place, nor do the 50
  // single men of February (they join the list).
  EXPECT_NEAR(r.at("reception_in", 1), 25.2, 1e-9);
  EXPECT_NEAR(r.at("not_accommodated_off_list", 1), 24.8, 1e-9);
  EXPECT_NEAR(r.at("not_accommodated", 1), 24.8 + 50.0, 1e-9);
  EXPECT_NEAR(r.at("not_accommodated_on_list", 1), 50.0, 1e-9);
  EXPECT_NEAR(r.at("not_accommodated_on_list", 0), 10.0, 1e-9);
  EXPECT_NEAR(r.at("waiting_list", 1), 57.2, 1e-9);
  EXPECT_DOUBLE_EQ(r.at("waiting_list_admitted", 1), 0.0);
  EXPECT_TRUE(std::isnan(r.at("waiting_list_wait_mean_days", 1)));
  // March: 31 of January's remaining 72 (36 families, 28.8 + 7.2 single men).
  EXPECT_NEAR(r.at("reception_out", 2), 31.0 * 64.8 / 72.0, 1e-9);
  EXPECT_NEAR(r.at("waiting_list_procedure_ended", 2), 3.1, 1e-9);
  EXPECT_NEAR(r.at("not_accommodated_off_list", 2), 50.0 - 27.9, 1e-9);
  EXPECT_NEAR(r.at("not_accommodated", 2), 50.0 - 27.9 + 50.0, 1e-9);
  EXPECT_NEAR(r.at("waiting_list", 2), 104.1, 1e-9);
  // Cost: 100 places x 10 EUR x 31 days in January.
  EXPECT_NEAR(r.at("reception_cost_eur", 0), 31000.0, 1e-6);
  EXPECT_NEAR(r.kpi("total_reception_cost_eur")->value, 100.0 * 10.0 * 90.0, 1e-6);
}

TEST(Simulation, WaitingListAdmitsOldestFirstWithExactWaits) {
  // Single men only; 40 usable places; applicants 100 in January, 50 in February, none after.
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 3, 31), StepUnit::month, 0.0);
  s.applications.monthly_persons = {100.0, 50.0, 0.0};
  s.reception.pools[0].capacity = 40.0;
  s.reception.waits = {1.0};
  s.reception.exit_after_negative_days = 0.0;
  s.reception.exit_after_positive_days = 0.0;
  one_decision_per_day(s);
  const Results r = simulate(s);
  EXPECT_NEAR(r.at("waiting_list_admitted", 0), 40.0, 1e-9);
  EXPECT_NEAR(r.at("waiting_list", 0), 60.0, 1e-9);
  // February: 28 decided from January (40 accommodated, 60 waiting): 11.2 leave reception and
  // free 11.2 places for the oldest on the list, January's, who waited mid-Jan -> mid-Feb.
  EXPECT_NEAR(r.at("waiting_list_admitted", 1), 11.2, 1e-9);
  EXPECT_NEAR(r.at("waiting_list_wait_mean_days", 1), 29.5, 1e-9);
  EXPECT_NEAR(r.at("waiting_list", 1), 60.0 - 16.8 - 11.2 + 50.0, 1e-9);
  // March: 31 of January's 72 (40 accommodated, 32 waiting) are decided; 31 * 40/72 places free
  // up and go to January's remaining 18.2 on the list, not to February's 50.
  const double freed = 31.0 * 40.0 / 72.0;
  EXPECT_NEAR(r.at("waiting_list_admitted", 2), freed, 1e-9);
  EXPECT_NEAR(r.at("waiting_list_wait_mean_days", 2), 59.0, 1e-9);
  EXPECT_NEAR(r.at("waiting_list", 2), (32.0 - 31.0 * 32.0 / 72.0) - freed + 50.0, 1e-9);
}

TEST(Simulation, ExitsFollowTheExitPeriods) {
  // Daily steps: one applicant a day in January; 25 % positive; exits 30 days after a
  // negative decision and 61 days after a positive one.
  Scenario s = single_segment(Date(2025, 1, 1), Date(2025, 6, 30), StepUnit::day, 0.0);
  s.applications.monthly_persons = {31.0, 0, 0, 0, 0, 0};
  s.cgrs.outcomes.refugee = {0.25};
  s.reception.exit_after_negative_days = 30.0;
  s.reception.exit_after_positive_days = 61.0;
  one_decision_per_day(s);
  const Results r = simulate(s);
  // Day indices from 0 (1 January): arrivals on days 0..30 are decided on days 1..31, so the
  // negatives leave on days 31..61 and the positives on days 62..92. January (days 0..30): none.
  EXPECT_NEAR(r.at("reception_out", 0), 0.0, 1e-9);
  // February (days 31..58): negatives decided on days 1..28 -> 28 * 0.75.
  EXPECT_NEAR(r.at("reception_out", 1), 28 * 0.75, 1e-9);
  EXPECT_NEAR(r.at("reception_after_procedure", 1), 31.0 - 28 * 0.75, 1e-9);
  // March (days 59..89): negatives of days 29..31 (3 * 0.75) and positives 62..89 (28 * 0.25).
  EXPECT_NEAR(r.at("reception_out", 2), 3 * 0.75 + 28 * 0.25, 1e-9);
  EXPECT_NEAR(r.at("reception_out", 3), 3 * 0.25, 1e-9);
  EXPECT_NEAR(r.at("reception_occupied", 3), 0.0, 1e-9);
}

class InitialExitPeriod : public ::testing::TestWithParam<StepUnit> {};

TEST_P(InitialExitPeriod, LeavesEvenlyOverItsDaysOnEveryGrid) {
  // Nobody pending and 1 217.475 persons in reception: all are in their exit period of 4 months
  // (121.7475 days) and leave evenly over its days, 10 a day: 310 in January, 290 in February
  // (2024 is a leap year), 310 in March, 300 in April and 7.475 on 1 May, whatever the step.
  // The weekly grid cuts weeks at month ends (29-31 January, 1-4 February, ...): 17 weekly steps
  // ended on 14 April, when the stock was spread over lround(121.7475 / 7) = 17 steps by index.
  Scenario s = single_segment(Date(2024, 1, 1), Date(2024, 6, 30), GetParam(), 0.0);
  s.cgrs.officers = 0.0;
  s.cgrs.target_officers = 0.0;
  s.reception.exit_after_positive_days = 4.0 * kDaysPerMonth;
  s.reception.initial_accommodated = 1217.475;
  const Results r = simulate(s);
  const double expected[] = {310.0, 290.0, 310.0, 300.0, 7.475, 0.0};
  for (int p = 0; p < 6; ++p) EXPECT_NEAR(r.at("reception_out", p), expected[p], 1e-9) << "month " << p;
  EXPECT_NEAR(r.at("reception_after_procedure", 3), 7.475, 1e-9);
}

INSTANTIATE_TEST_SUITE_P(AllSteps, InitialExitPeriod,
                         ::testing::Values(StepUnit::day, StepUnit::week, StepUnit::month));

TEST(Simulation, InitialStocksArePlacedAsGiven) {
  const Scenario s = two_by_two(StepUnit::week);
  const Simulation sim(s);
  // 20 000 pending, of whom 94 % ask for reception (18 800); 1 500 of them wait; 25 000 in
  // reception means 17 300 pending accommodated plus 7 700 in their exit period.
  EXPECT_NEAR(sim.pending_cgrs(), 20000.0, 1e-6);
  EXPECT_NEAR(sim.waiting(), 1500.0, 1e-6);
  EXPECT_NEAR(sim.occupied(), 25000.0, 1e-6);
  EXPECT_NEAR(sim.in_exit_period(), 7700.0, 1e-6);
  EXPECT_TRUE(sim.notes().empty());
}

class Conservation : public ::testing::TestWithParam<StepUnit> {};

TEST_P(Conservation, HoldsEveryStepPerSegment) {
  const Scenario s = two_by_two(GetParam());
  Simulation sim(s);
  MemoryRecorder recorder;
  sim.begin(recorder);
  double worst = 0.0;
  double min_pending_lane = 0.0;
  do {
    worst = std::max(worst, sim.conservation_error());
    for (int seg = 0; seg < s.segments.size(); ++seg)
      for (Housing h : {kAccommodated, kWaiting, kUnplaced, kOutside})
        min_pending_lane = std::min(min_pending_lane, sim.in_procedure(seg, h));
  } while (sim.step());
  sim.finish();
  worst = std::max(worst, sim.conservation_error());
  EXPECT_LT(worst, 1e-9);
  EXPECT_GE(min_pending_lane, -1e-9);  // stocks are never negative
  // Occupancy never exceeds the usable places (the network starts below them).
  const Results& r = recorder.results();
  for (int p = 0; p < r.periods(); ++p)
    EXPECT_LE(r.at("reception_occupied", p), r.at("reception_effective_capacity", p) + 1e-6);
}

INSTANTIATE_TEST_SUITE_P(AllSteps, Conservation,
                         ::testing::Values(StepUnit::day, StepUnit::week, StepUnit::month));

TEST(Simulation, DailyAndWeeklyStepsConverge) {
  // Tolerances: stocks within 1.5 % and mean waits within 4 days (half a week of the one-step
  // lag plus rounding of cohorts), every month of a two-year run with a surge.
  const Results day = simulate(two_by_two(StepUnit::day));
  const Results week = simulate(two_by_two(StepUnit::week));
  ASSERT_EQ(day.periods(), week.periods());
  for (int p = 0; p < day.periods(); ++p) {
    for (const char* stock : {"cgrs_pending_persons", "reception_occupied", "waiting_list"}) {
      const double a = day.at(stock, p);
      const double b = week.at(stock, p);
      EXPECT_NEAR(a, b, 0.015 * std::max(1000.0, std::abs(a))) << stock << " period " << p;
    }
    EXPECT_NEAR(day.at("cgrs_decisions_persons", p), week.at("cgrs_decisions_persons", p),
                0.015 * day.at("cgrs_decisions_persons", p));
    EXPECT_NEAR(day.at("cgrs_wait_mean_days", p), week.at("cgrs_wait_mean_days", p), 4.0) << p;
  }
}

TEST(Simulation, PublishesEveryCatalogueSeriesWithItsShape) {
  const Results r = simulate(two_by_two(StepUnit::week));
  EXPECT_EQ(r.periods(), 24);
  ASSERT_EQ(static_cast<int>(r.layout.series.size()), kSeriesCount);
  for (std::size_t i = 0; i < r.layout.series.size(); ++i) {
    const int width = r.layout.width[i];
    EXPECT_EQ(r.values[i].size(), static_cast<std::size_t>(24 * width)) << r.layout.series[i].name;
    EXPECT_FALSE(r.layout.series[i].unit.empty());
  }
  EXPECT_EQ(r.layout.width[r.find("applications_by_segment")], 4);
  EXPECT_EQ(r.layout.segments[3], "low/single_man");
  // Applications add up: 18 months at 3 000 and 6 at 4 500.
  double total = 0.0;
  for (double v : r.column("applications")) total += v;
  EXPECT_NEAR(total, 18 * 3000.0 + 6 * 4500.0, 1e-6);
  ASSERT_EQ(static_cast<int>(r.kpis.size()), kKpiCount);
}

TEST(Simulation, SameScenarioSameResults) {
  const Results a = simulate(two_by_two(StepUnit::week), 7);
  const Results b = simulate(two_by_two(StepUnit::week), 7);
  ASSERT_EQ(a.values.size(), b.values.size());
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    ASSERT_EQ(a.values[i].size(), b.values[i].size());
    for (std::size_t j = 0; j < a.values[i].size(); ++j) {
      // Bit for bit, NaN included.
      EXPECT_EQ(std::memcmp(&a.values[i][j], &b.values[i][j], sizeof(double)), 0) << a.layout.series[i].name;
    }
  }
}

}  // namespace chainsim
