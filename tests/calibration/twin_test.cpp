// The twin experiment: simulate the example scenario with known parameter values, write its
// output as observations, calibrate from other starting values and recover the known values.
// Also: the overlay reloads to the fitted scenario, and the result does not depend on --jobs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "chainsim/calibration/calibrate.hpp"
#include "chainsim/calibration/curvature.hpp"
#include "chainsim/calibration/free_parameters.hpp"
#include "chainsim/calibration/overlay.hpp"
#include "chainsim/config/load.hpp"
#include "chainsim/model/simulation.hpp"
#include "twin_support.hpp"

namespace chainsim::calibration {
namespace {

using ::testing::HasSubstr;
using testing::ScratchDir;

// The truth: other values than the example scenario's own (8, 0.8, 3000).
constexpr double kDecisions = 7.3, kRefugeeHigh = 0.72, kCapacity = 2800;

class Twin : public ScratchDir {
 protected:
  void SetUp() override {
    ScratchDir::SetUp();
    const config::LoadedScenario truth = config::load_scenario(
        testing::example_scenario(),
        {"cgrs.decisions_per_officer_per_month=" + testing::exact(kDecisions),
         "cgrs.outcomes.refugee.by_origin.high=" + testing::exact(kRefugeeHigh),
         "reception.pools.network.capacity=" + testing::exact(kCapacity)});
    const Results r = simulate(truth.scenario);
    for (const auto& [file, noise] :
         {std::pair{"observed.csv", 0.0}, std::pair{"noisy.csv", 0.005}})
      write(file,
            std::string(testing::kTidyHeader) +
                testing::monthly_rows(r, "cgrs_decisions_persons", "decisions", "persons", noise) +
                testing::monthly_rows(r, "cgrs_pending_cases", "pending", "cases", noise) +
                testing::quarterly_rows(r, "cgrs_refugee", "refugee_quarter", "persons", noise) +
                testing::monthly_rows(r, "reception_occupied", "occupied", "persons", noise) +
                testing::monthly_rows(r, "waiting_list", "waiting", "persons", noise));
  }

  std::string spec_text(const std::string& extra_parameters = "",
                        const std::string& top = "") const {
    return "scenario: " + testing::example_scenario() + "\n" + top + R"(
period: {from: 2025-01, to: 2025-06}
parameters:
  - {path: cgrs.decisions_per_officer_per_month, lower: 4, upper: 12, start: 6}
  - {path: cgrs.outcomes.refugee, origin: high, lower: 0.5, upper: 0.95, start: 0.6}
  - {path: reception.pools.network.capacity, lower: 2000, upper: 4000, start: 2500}
)" + extra_parameters +
           R"(targets:
  - {observed: {file: observed.csv, series: decisions}, model: cgrs_decisions_persons}
  - {observed: {file: observed.csv, series: pending}, model: cgrs_pending_cases}
  - {observed: {file: observed.csv, series: refugee_quarter}, model: cgrs_refugee}
  - {observed: {file: observed.csv, series: occupied}, model: reception_occupied}
  - {observed: {file: observed.csv, series: waiting}, model: waiting_list}
optimizer: {starts: 3, max_evaluations: 900, tolerance: 1e-12}
)";
  }
};

TEST_F(Twin, RecoversTheKnownValuesFromOtherStarts) {
  const CalibrationSpec spec = read_calibration_spec(write("spec.yaml", spec_text()));
  const Evaluator ev(spec, spec.from_month, spec.to_month, 0);
  const CalibrationResult r = calibrate(ev, testing::settings(2, 7));
  ASSERT_TRUE(r.best.valid);
  EXPECT_NEAR(r.parameters[0].value, kDecisions, 1e-5 * kDecisions);
  EXPECT_NEAR(r.parameters[1].value, kRefugeeHigh, 1e-5 * kRefugeeHigh);
  EXPECT_NEAR(r.parameters[2].value, kCapacity, 1e-5 * kCapacity);
  EXPECT_LT(r.best.objective, 1e-10);
  EXPECT_LE(r.search.evaluations, 900);  // the hard budget
  for (const ParameterEstimate& e : r.parameters) {
    EXPECT_TRUE(e.identified) << e.spec->label;
    EXPECT_FALSE(e.at_bound);
    EXPECT_LT(e.std_error, 1e-3 * e.value);
  }
  for (const TargetFit& f : r.targets) EXPECT_LT(f.metrics.mape, 1e-3) << f.target->spec->name;
  // The quarterly target has two points, each a sum of three months.
  EXPECT_EQ(r.targets[2].metrics.n, 2);
}

bool same_results(const Results& a, const Results& b) {
  if (a.values.size() != b.values.size()) return false;
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    if (a.values[i].size() != b.values[i].size()) return false;
    if (std::memcmp(a.values[i].data(), b.values[i].data(), a.values[i].size() * sizeof(double)) !=
        0)
      return false;
  }
  return true;
}

// The negative binomial reaches the truth on exact data. The profiled Gaussian is degenerate
// there (a target fitted exactly sends its log-variance to the floor), so it gets data with
// +-0.5 % noise and must land within 2 % of the truth.
TEST_F(Twin, NegativeBinomialAndGaussianRecoverTheValuesToo) {
  for (const std::string objective : {"negative_binomial", "gaussian"}) {
    std::string text = spec_text("", "objective: " + objective + "\n");
    const bool noisy = objective == "gaussian";
    for (std::size_t at; noisy && (at = text.find("observed.csv")) != std::string::npos;)
      text.replace(at, 12, "noisy.csv");
    const CalibrationSpec spec = read_calibration_spec(write("spec.yaml", text));
    const Evaluator ev(spec, spec.from_month, spec.to_month, 0);
    const CalibrationResult r = calibrate(ev, testing::settings(2, 3));
    const double tolerance = noisy ? 0.02 : 1e-4;
    EXPECT_NEAR(r.parameters[0].value, kDecisions, tolerance * kDecisions) << objective;
    EXPECT_NEAR(r.parameters[1].value, kRefugeeHigh, tolerance * kRefugeeHigh) << objective;
    EXPECT_NEAR(r.parameters[2].value, kCapacity, tolerance * kCapacity) << objective;
  }
}

// Overrides of the spec apply to every evaluation and are repeated in the overlay.
TEST_F(Twin, OverridesAreAppliedAndRepeatedInTheOverlay) {
  const CalibrationSpec spec = read_calibration_spec(
      write("spec.yaml",
            spec_text("", "overrides: [\"cgrs.officers=90\", \"reception.saturation=0.9\"]\n")));
  EXPECT_EQ(spec.scenario.scenario.cgrs.officers, 90.0);
  const Evaluator ev(spec, spec.from_month, spec.to_month, 0);
  const std::vector<double> x{0.25, 0.5, 0.75};
  const Scenario fitted = ev.scenario_at(x);
  EXPECT_EQ(fitted.reception.saturation, 0.9);
  const std::string text = calibrated_overlay(spec, fitted, dir(), "h");
  EXPECT_THAT(text, HasSubstr("officers: 90"));
  write("calibrated.yaml", text);
  const config::LoadedScenario reloaded =
      config::load_scenario((dir() / "calibrated.yaml").string());
  EXPECT_EQ(reloaded.scenario.cgrs.officers, 90.0);
  EXPECT_EQ(first_parameter_difference(reloaded.scenario, fitted), "");
  EXPECT_TRUE(same_results(simulate(reloaded.scenario), simulate(fitted)));
}

// Evaluations see the values of a run over the whole horizon, bit for bit, also when the window
// ends early.
// The model's periods do not depend on where the horizon ends: the evaluator, which stops its
// runs at the window's last month, gives the values of a run over the scenario's whole horizon,
// and a run cut at the window's end by hand gives them too.
TEST_F(Twin, EvaluationsEqualTheWholeHorizonAndARunEndingWithTheWindow) {
  const CalibrationSpec spec = read_calibration_spec(write("spec.yaml", spec_text()));
  const Evaluator ev(spec, spec.from_month, spec.from_month + 2, 0);  // January .. March of 6
  const std::vector<double> x{0.3, 0.6, 0.2};
  const Evaluation e = ev.evaluate(x);
  ASSERT_TRUE(e.valid) << e.problem;
  const Scenario whole =
      with_parameters(spec.scenario.scenario, spec.parameters, to_values(spec.parameters, x));
  Scenario cut = whole;
  cut.time.end = last_day_of_month(spec.from_month + 2);
  ASSERT_LT(cut.time.end, whole.time.end);
  const Results whole_run = simulate(whole), cut_run = simulate(cut);
  ASSERT_EQ(e.fitted.size(), ev.targets().size());
  for (std::size_t t = 0; t < e.fitted.size(); ++t) {
    const TargetSpec& target = *ev.targets()[t].spec;
    const std::vector<Observation>& points = ev.targets()[t].points;
    for (const auto& [name, values] :
         {std::pair{"whole", model_values(whole_run, whole, target, points)},
          std::pair{"cut", model_values(cut_run, cut, target, points)}}) {
      ASSERT_EQ(values.size(), e.fitted[t].size());
      for (std::size_t i = 0; i < values.size(); ++i)
        EXPECT_NEAR(values[i], e.fitted[t][i], 1e-12 * std::abs(values[i]))
            << name << " " << target.name << " " << i;
    }
  }
}

// With a weekly report, a dated stock near the window's end lies between two week ends, the
// second after the window: the evaluator runs on to that week end, so it interpolates as the
// whole horizon does.
TEST_F(Twin, WeeklyEvaluationsRunToTheWeekHoldingTheWindowsEnd) {
  write("weekly.csv", std::string(testing::kTidyHeader) +
                          "2025-02-10,pending,2000,persons,t,\n"
                          "2025-03-30,pending,2100,persons,t,\n");
  const CalibrationSpec spec =
      read_calibration_spec(write("spec.yaml", "scenario: " + testing::example_scenario() + R"(
overrides: ["time.report=week", "time.step=week"]
period: {from: 2025-01, to: 2025-03}
parameters:
  - {path: cgrs.decisions_per_officer_per_month, lower: 4, upper: 12}
targets:
  - {observed: {file: weekly.csv, series: pending}, model: cgrs_pending_persons}
)"));
  const Evaluator ev(spec, spec.from_month, spec.to_month, 0);
  const std::vector<double> x{0.4};
  const Evaluation e = ev.evaluate(x);
  ASSERT_TRUE(e.valid) << e.problem;
  const Scenario whole = ev.scenario_at(x);
  const std::vector<double> expected =
      model_values(simulate(whole), whole, *ev.targets()[0].spec, ev.targets()[0].points);
  ASSERT_EQ(expected.size(), 2u);
  for (std::size_t i = 0; i < expected.size(); ++i)
    EXPECT_NEAR(e.fitted[0][i], expected[i], 1e-12 * std::abs(expected[i])) << i;
}

TEST_F(Twin, SameSeedSameResultWhateverTheThreads) {
  const CalibrationSpec spec = read_calibration_spec(write("spec.yaml", spec_text()));
  const Evaluator ev(spec, spec.from_month, spec.to_month, 0);
  const CalibrationResult one = calibrate(ev, testing::settings(1, 11));
  const CalibrationResult three = calibrate(ev, testing::settings(3, 11));
  ASSERT_EQ(one.scaled.size(), three.scaled.size());
  for (std::size_t i = 0; i < one.scaled.size(); ++i)
    EXPECT_EQ(std::memcmp(&one.scaled[i], &three.scaled[i], sizeof(double)), 0) << i;
  EXPECT_EQ(one.best.objective, three.best.objective);
  EXPECT_EQ(one.search.evaluations, three.search.evaluations);
}

TEST_F(Twin, UnidentifiedParameterIsReported) {
  // The CALL is not in the example scenario: its judgments move nothing the targets see.
  const CalibrationSpec spec = read_calibration_spec(write(
      "spec.yaml", spec_text("  - {path: call.judgments_per_month, lower: 10, upper: 100}\n")));
  const Evaluator ev(spec, spec.from_month, spec.to_month, 0);
  const CalibrationResult r = calibrate(ev, testing::settings(2, 0));
  EXPECT_FALSE(r.parameters[3].identified);
  EXPECT_TRUE(std::isnan(r.parameters[3].std_error));
  EXPECT_TRUE(r.parameters[0].identified);
}

TEST_F(Twin, SearchStartsFromTheScenarioAsWritten) {
  const CalibrationSpec spec =
      read_calibration_spec(write("spec.yaml", "scenario: " + testing::example_scenario() + R"(
period: {from: 2025-01, to: 2025-06}
parameters:
  - {path: cgrs.decisions_per_officer_per_month, lower: 4, upper: 12}
  - {path: cgrs.outcomes.refugee, origin: high, lower: 0.5, upper: 0.95}
  - {path: cgrs.outcomes.refugee, origin: low, mode: scale, lower: 0.5, upper: 2}
  - {path: cgrs.persons_per_case, lower: 1, upper: 2}
  - {path: reception.pools.network.capacity, lower: 3500, upper: 4000}
targets:
  - {observed: {file: observed.csv, series: decisions}, model: cgrs_decisions_persons}
)"));
  const Scenario& base = spec.scenario.scenario;
  EXPECT_EQ(default_start(spec.parameters[0], base), 8.0);
  EXPECT_EQ(default_start(spec.parameters[1], base), 0.8);
  EXPECT_EQ(default_start(spec.parameters[2], base), 1.0);     // scale: the factor 1
  EXPECT_EQ(default_start(spec.parameters[3], base), 1.5);     // 1.5 and 1.0 by profile: the middle
  EXPECT_EQ(default_start(spec.parameters[4], base), 3750.0);  // 3000 is outside: the middle
}

TEST_F(Twin, StandardErrorsOfWlsUseTheResidualsNotThePriorPenalty) {
  // A prior away from the truth: at the optimum the prior's penalty is a good part of the
  // objective, so a residual variance taken from the whole objective would inflate every
  // standard error.
  std::string text = spec_text();
  const std::string first = "lower: 4, upper: 12, start: 6}";
  text.replace(text.find(first), first.size(),
               "lower: 4, upper: 12, start: 6, prior: {normal: {mean: 11, sd: 0.5}}}");
  const CalibrationSpec spec = read_calibration_spec(write("spec.yaml", text));
  const Evaluator ev(spec, spec.from_month, spec.to_month, 0);
  const CalibrationResult r = calibrate(ev, testing::settings(2, 7));
  ASSERT_TRUE(r.best.valid);
  ASSERT_GT(r.best.prior_term, 1e-2 * r.best.data_term);
  const ScaledObjective f = [&](std::span<const double> x) { return ev.evaluate(x).objective; };
  const Eigen::MatrixXd H = finite_difference_hessian(f, r.scaled, kHessianStep, 2);
  const Curvature c = curvature(H, ObjectiveKind::wls, r.best.data_term, ev.points(), 3);
  for (std::size_t i = 0; i < r.parameters.size(); ++i) {
    const ParameterSpec& p = spec.parameters[i];
    ASSERT_TRUE(r.parameters[i].identified) << p.label;
    EXPECT_NEAR(r.parameters[i].std_error, c.scaled_se[i] * (p.upper - p.lower),
                1e-12 * r.parameters[i].std_error)
        << p.label;
  }
}

TEST_F(Twin, FittedOfficersCarryADefaultHiringTargetWithThem) {
  // two-profiles-monthly sets 100 officers and no target: the loader's target is 100 too.
  const std::string params = "  - {path: cgrs.officers, lower: 50, upper: 200}\n";
  const auto read = [&](const std::string& overrides, const std::string& more) {
    return read_calibration_spec(write("spec.yaml", "scenario: " + testing::example_scenario() +
                                                        "\noverrides: [" + overrides + "]" + R"(
period: {from: 2025-01, to: 2025-06}
parameters:
)" + params + more + R"(targets:
  - {observed: {file: observed.csv, series: decisions}, model: cgrs_decisions_persons}
)"));
  };
  write("observed.csv", "date,series,value,unit,source,note\n2025-01,decisions,100,persons,t,\n");
  const CalibrationSpec follows = read("", "");
  ASSERT_EQ(follows.scenario.scenario.cgrs.target_officers, 100.0);
  const Scenario fitted =
      with_parameters(follows.scenario.scenario, follows.parameters, std::vector<double>{137.5});
  EXPECT_EQ(fitted.cgrs.officers, 137.5);
  EXPECT_EQ(fitted.cgrs.target_officers, 137.5);
  EXPECT_NO_THROW(check_overlay(calibrated_overlay(follows, fitted, dir(), ""), dir(), fitted));

  // A target of its own stays where the scenario put it.
  const CalibrationSpec own = read("\"cgrs.target_officers=120\"", "");
  const Scenario kept =
      with_parameters(own.scenario.scenario, own.parameters, std::vector<double>{137.5});
  EXPECT_EQ(kept.cgrs.target_officers, 120.0);
  EXPECT_NO_THROW(check_overlay(calibrated_overlay(own, kept, dir(), ""), dir(), kept));

  // A fitted target is the fit's own.
  const CalibrationSpec both =
      read("", "  - {path: cgrs.target_officers, lower: 50, upper: 300}\n");
  const Scenario free =
      with_parameters(both.scenario.scenario, both.parameters, std::vector<double>{137.5, 250.0});
  EXPECT_EQ(free.cgrs.target_officers, 250.0);
}

TEST_F(Twin, OverlayReloadsToTheFittedScenarioWhateverFormTheBaseUsed) {
  // refugee: the base writes by_origin, the fit changes the family profile only -> by_segment;
  // persons_per_case: the base writes by_profile, scaled for families -> by_profile;
  // durations, scalar and per segment, are written with a unit.
  const CalibrationSpec spec =
      read_calibration_spec(write("spec.yaml", "scenario: " + testing::example_scenario() + R"(
period: {from: 2025-01, to: 2025-06}
parameters:
  - {path: cgrs.outcomes.refugee, profile: family, lower: 0.1, upper: 0.95}
  - {path: cgrs.persons_per_case, profile: family, mode: scale, lower: 0.8, upper: 1.5}
  - {path: reception.exit_after_negative, lower: 10d, upper: 60d}
  - {path: cgrs.fast_track_deadline, origin: high, lower: 5d, upper: 90d}
  - {path: reception.pools.network.capacity, lower: 2000, upper: 4000}
targets:
  - {observed: {file: observed.csv, series: decisions}, model: cgrs_decisions_persons}
)"));
  const std::vector<double> values{0.6125, 1.37, 33.333333333333336, 17.25, 3123.456789};
  const Scenario fitted = with_parameters(spec.scenario.scenario, spec.parameters, values);
  const std::string text = calibrated_overlay(spec, fitted, dir(), "header line");
  EXPECT_THAT(text, HasSubstr("# header line"));
  EXPECT_THAT(text, HasSubstr("by_segment"));
  EXPECT_THAT(text, HasSubstr("by_origin: ~"));
  EXPECT_THAT(text, HasSubstr("33.333333333333336d"));
  write("calibrated.yaml", text);
  const config::LoadedScenario reloaded =
      config::load_scenario((dir() / "calibrated.yaml").string());
  EXPECT_EQ(first_parameter_difference(reloaded.scenario, fitted), "");
  EXPECT_EQ(reloaded.scenario.cgrs.persons_per_case[0], 1.5 * 1.37);  // high/family
  EXPECT_EQ(reloaded.scenario.cgrs.outcomes.refugee[1], 0.8);         // high/single_man kept
  EXPECT_TRUE(same_results(simulate(reloaded.scenario), simulate(fitted)));
  EXPECT_NO_THROW(check_overlay(text, dir(), fitted));
  // And a scenario that differs is caught.
  Scenario other = fitted;
  other.reception.pools[0].capacity += 1e-9;
  EXPECT_THROW(check_overlay(text, dir(), other), std::runtime_error);
}

}  // namespace
}  // namespace chainsim::calibration
