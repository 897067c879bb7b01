// Naive forecasts, backtest scores against hand-worked numbers, and a twin backtest whose
// projection must match the observations.
#include "chainsim/calibration/backtest.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "chainsim/calibration/backtest_report.hpp"
#include "chainsim/calibration/naive_forecast.hpp"
#include "chainsim/config/load.hpp"
#include "chainsim/model/simulation.hpp"
#include "twin_support.hpp"

namespace chainsim::calibration {
namespace {

using boost::gregorian::date;

Observation month(int year, int m, double value) {
  Observation o;
  o.start = date(static_cast<unsigned short>(year), static_cast<unsigned short>(m), 1);
  o.end = o.start.end_of_month();
  o.value = value;
  return o;
}

// 2023-01 .. 2025-12, value = 100 * (year - 2020) + month; 2024-03 is missing.
std::vector<Observation> history() {
  std::vector<Observation> out;
  for (int y = 2023; y <= 2025; ++y)
    for (int m = 1; m <= 12; ++m)
      if (!(y == 2024 && m == 3)) out.push_back(month(y, m, 100.0 * (y - 2020) + m));
  return out;
}

TEST(NaiveForecast, LastValueHeldFlat) {
  const std::vector<Observation> all = history();
  const std::vector<Observation> window{month(2025, 1, 0), month(2025, 2, 0)};
  const std::vector<double> v = naive_last(all, window, date(2024, 12, 31));
  EXPECT_EQ(v, (std::vector<double>{412, 412}));
}

TEST(NaiveForecast, SamePeriodAYearEarlierOrTheLastYearBeforeTheOrigin) {
  const std::vector<Observation> all = history();
  const std::vector<Observation> window{month(2025, 2, 0), month(2025, 3, 0), month(2025, 12, 0)};
  const std::vector<double> v = naive_seasonal(all, window, date(2025, 1, 31));
  EXPECT_EQ(v[0], 402);           // 2024-02
  EXPECT_TRUE(std::isnan(v[1]));  // 2024-03 was not observed
  EXPECT_EQ(v[2], 412);           // 2024-12
  // Projecting more than a year ahead: 2025-05 from an origin at the end of 2024-03 is 2024-05
  // (known at the origin? no: after it) -> 2023-05.
  const std::vector<double> w =
      naive_seasonal(all, std::vector<Observation>{month(2025, 5, 0)}, date(2024, 3, 31));
  EXPECT_EQ(w[0], 305);
}

TEST(BacktestScore, HandWorkedMapeAndMase) {
  TargetSpec t;
  t.name = "x";
  t.points = {month(2024, 12, 9), month(2025, 1, 10), month(2025, 2, 12), month(2025, 3, 14)};
  const std::vector<Observation> window(t.points.begin() + 1, t.points.end());
  const TargetScore s = score_target(t, window, {11, 12, 13}, date(2024, 12, 31));
  // model errors 1, 0, -1; the naive forecast holds 9: errors -1, -3, -5
  EXPECT_NEAR(s.model.mape, 100.0 * (0.1 + 0.0 + 1.0 / 14.0) / 3.0, 1e-12);
  EXPECT_NEAR(s.last.mape, 100.0 * (0.1 + 0.25 + 5.0 / 14.0) / 3.0, 1e-12);
  EXPECT_NEAR(s.mase_last, (2.0 / 3.0) / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.model.bias, 0.0);
  EXPECT_EQ(s.n_seasonal, 0);  // nothing a year earlier
  EXPECT_TRUE(std::isnan(s.mase_seasonal));
}

class TwinBacktest : public testing::ScratchDir {
 protected:
  // The officers' productivity fitted to decisions and pending of observed.csv, fitted up to
  // March and February and projected to June, with the given optimizer settings.
  CalibrationSpec two_targets_spec(const std::string& optimizer) {
    return read_calibration_spec(write("spec.yaml", "scenario: " + testing::example_scenario() + R"(
period: {from: 2025-01, to: 2025-06}
parameters:
  - {path: cgrs.decisions_per_officer_per_month, lower: 4, upper: 12}
targets:
  - {observed: {file: observed.csv, series: decisions}, model: cgrs_decisions_persons}
  - {observed: {file: observed.csv, series: pending}, model: cgrs_pending_persons}
optimizer: )" + optimizer + R"(
backtest: {fit_to: 2025-03, project_to: 2025-06, origins: [2025-02]}
)"));
  }
};

TEST_F(TwinBacktest, ProjectionOfTheTruthMatchesTheObservations) {
  const Results r = simulate(config::load_scenario(testing::example_scenario(),
                                                   {"cgrs.decisions_per_officer_per_month=7.5"})
                                 .scenario);
  write("observed.csv",
        std::string(testing::kTidyHeader) +
            testing::monthly_rows(r, "cgrs_decisions_persons", "decisions", "persons") +
            testing::monthly_rows(r, "cgrs_pending_persons", "pending", "persons"));
  const CalibrationSpec spec =
      two_targets_spec("{global: none, starts: 2, max_evaluations: 200, tolerance: 1e-12}");
  std::vector<std::unique_ptr<Evaluator>> keep;
  const BacktestResult b = backtest(spec, testing::settings(2, 0), keep);
  ASSERT_EQ(b.origins.size(), 2u);
  EXPECT_EQ(b.origins[0].fit_to, spec.backtest->extra_origins[0]);  // in date order
  for (const BacktestOrigin& o : b.origins) {
    EXPECT_NEAR(o.fit.parameters[0].value, 7.5, 1e-5);
    for (const TargetScore& s : o.scores) {
      EXPECT_EQ(s.model.n, 6 - (o.fit_to - spec.from_month + 1));
      EXPECT_LT(s.model.mape, 1e-3);
      EXPECT_LT(s.mase_last, 1e-3);  // the truth beats holding the last value
    }
  }
}

// A target observed only from March weighs nothing in the February origin's fit: the backtest
// says so in a note for that origin (and scores it over the projection window all the same).
TEST_F(TwinBacktest, ATargetWithoutObservationsInAnOriginsFitWindowIsNoted) {
  const Results r = simulate(config::load_scenario(testing::example_scenario()).scenario);
  std::string late_pending;
  std::istringstream rows(testing::monthly_rows(r, "cgrs_pending_persons", "pending", "persons"));
  for (std::string line; std::getline(rows, line);)
    if (!line.starts_with("2025-01") && !line.starts_with("2025-02")) late_pending += line + "\n";
  write("observed.csv",
        std::string(testing::kTidyHeader) +
            testing::monthly_rows(r, "cgrs_decisions_persons", "decisions", "persons") +
            late_pending);
  const CalibrationSpec spec = two_targets_spec("{global: none, starts: 1, max_evaluations: 50}");
  std::vector<std::unique_ptr<Evaluator>> keep;
  const BacktestResult b = backtest(spec, testing::settings(2, 0), keep);
  ASSERT_EQ(b.origins.size(), 2u);
  ASSERT_EQ(b.origins[0].unconstrained.size(), 1u);
  EXPECT_EQ(b.origins[0].unconstrained[0]->name, "pending");
  EXPECT_TRUE(b.origins[1].unconstrained.empty());
  EXPECT_EQ(b.origins[0].scores[1].model.n, 4);  // still scored: March .. June
  std::ostringstream notes;
  print_backtest_notes(notes, spec, b);
  EXPECT_EQ(notes.str(),
            "note: origin 2025-02: target pending has no observation in the fit window 2025-01 .. "
            "2025-02: it does not constrain this origin's fit\n");
}

}  // namespace
}  // namespace chainsim::calibration
