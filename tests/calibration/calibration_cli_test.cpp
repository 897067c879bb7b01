// `chainsim calibrate` (and `backtest`) run as a user would: a bad spec exits with code 2 and a
// message naming the spec file, line, column and key; a failed run leaves earlier results alone.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "chainsim/config/load.hpp"
#include "chainsim/model/simulation.hpp"
#include "run_executable.hpp"
#include "twin_support.hpp"

namespace chainsim::calibration {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

using chainsim::testing::Outcome;
Outcome run(const std::string& args) {
  return chainsim::testing::run_chainsim(args);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class CalibrateCli : public testing::ScratchDir {
 protected:
  void SetUp() override {
    ScratchDir::SetUp();
    const Results r = simulate(config::load_scenario(testing::example_scenario()).scenario);
    write("observed.csv",
          std::string(testing::kTidyHeader) +
              testing::monthly_rows(r, "cgrs_decisions_persons", "decisions", "persons") +
              testing::monthly_rows(r, "cgrs_pending_persons", "pending_persons", "persons"));
  }
  // Line 4 is the parameter's path, line 6 its upper bound, line 8 the target's series, line 9
  // the model series.
  std::string spec(const std::string& path = "cgrs.decisions_per_officer_per_month",
                   const std::string& upper = "12", const std::string& series = "decisions",
                   const std::string& model = "cgrs_decisions_persons") {
    return write("spec.yaml",
                 "scenario: " + testing::example_scenario() +
                     "\nperiod: {from: 2025-01, to: 2025-06}\n" + "parameters:\n  - path: " + path +
                     "\n    lower: 4\n    upper: " + upper +
                     "\ntargets:\n  - observed: {file: observed.csv, series: " + series +
                     "}\n    model: " + model + "\noptimizer: {starts: 2, max_evaluations: 200}\n");
  }
  std::string out_dir() const { return (dir() / "out").string(); }
};

TEST_F(CalibrateCli, GoodSpecWritesTheFourFilesAndASummaryWithUnits) {
  const Outcome o = run("calibrate " + spec() + " -o " + out_dir() + " --jobs 2");
  ASSERT_EQ(o.code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("[cases/officer/month]"));
  EXPECT_THAT(o.output, HasSubstr("[persons]"));
  EXPECT_THAT(o.output, HasSubstr("evaluations:"));
  EXPECT_THAT(o.output, HasSubstr("wall time:"));
  for (const char* f : {"calibrated.yaml", "fit_report.csv", "fit_series.csv", "parameters.csv"})
    EXPECT_TRUE(fs::exists(dir() / "out" / f)) << f;
  EXPECT_THAT(slurp(dir() / "out" / "parameters.csv"),
              HasSubstr("cgrs.decisions_per_officer_per_month,"));
  // The overlay runs.
  const Outcome again = run("check " + (dir() / "out" / "calibrated.yaml").string());
  EXPECT_EQ(again.code, 0) << again.output;
}

TEST_F(CalibrateCli, UnknownParameterPathIsLocatedWithASuggestion) {
  const Outcome o =
      run("calibrate " + spec("cgrs.decisions_per_oficer_per_month") + " -o " + out_dir());
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("spec.yaml:4:"));
  EXPECT_THAT(o.output, HasSubstr("parameters[0].path"));
  EXPECT_THAT(o.output, HasSubstr("did you mean 'cgrs.decisions_per_officer_per_month'"));
  EXPECT_FALSE(fs::exists(dir() / "out"));
}

TEST_F(CalibrateCli, UnknownModelSeriesIsLocatedWithASuggestion) {
  const Outcome o = run("calibrate " + spec("cgrs.decisions_per_officer_per_month", "12",
                                            "decisions", "cgrs_decisions_person"));
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("spec.yaml:9:"));
  EXPECT_THAT(o.output, HasSubstr("targets[0].model"));
  EXPECT_THAT(o.output, HasSubstr("did you mean 'cgrs_decisions_persons'"));
}

TEST_F(CalibrateCli, BoundsOutsideTheCatalogueAreRefused) {
  const Outcome o = run("calibrate " + spec("cgrs.productivity", "12"));
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("spec.yaml:6:"));
  EXPECT_THAT(o.output, HasSubstr("parameters[0].upper"));
  EXPECT_THAT(o.output, HasSubstr("outside the bounds of cgrs.productivity: [0, 10]"));
}

TEST_F(CalibrateCli, UnitMismatchIsRefusedWithAHint) {
  const Outcome o = run("calibrate " + spec("cgrs.decisions_per_officer_per_month", "12",
                                            "pending_persons", "cgrs_pending_cases"));
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("spec.yaml:9:"));
  EXPECT_THAT(o.output, HasSubstr("unit mismatch"));
  EXPECT_THAT(o.output, HasSubstr("convert: cases_to_persons"));
}

TEST_F(CalibrateCli, ASeriesTheScenarioDoesNotComputeIsRefused) {
  // Integration series are NaN without an integration section.
  const Outcome o = run("calibrate " + spec("cgrs.decisions_per_officer_per_month", "12",
                                            "decisions", "beneficiaries_employed"));
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("spec.yaml:9:"));
  EXPECT_THAT(o.output, HasSubstr("has no value in any period of this scenario"));
}

TEST_F(CalibrateCli, IntegrationParametersNeedTheIntegrationBlock) {
  const Outcome o = run("calibrate " + spec("integration.programme.effect", "5"));
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("spec.yaml:4:"));
  EXPECT_THAT(o.output, HasSubstr("integration block, which is off"));
}

TEST_F(CalibrateCli, UnknownObservedSeriesIsLocated) {
  const Outcome o =
      run("calibrate " + spec("cgrs.decisions_per_officer_per_month", "12", "decision"));
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("spec.yaml:8:"));
  EXPECT_THAT(o.output, HasSubstr("did you mean 'decisions'"));
}

TEST_F(CalibrateCli, AFailedRunLeavesTheEarlierResultsAlone) {
  ASSERT_EQ(run("calibrate " + spec() + " -o " + out_dir() + " -q").code, 0);
  std::map<std::string, std::string> before;
  for (const auto& e : fs::directory_iterator(dir() / "out"))
    before[e.path().filename().string()] = slurp(e.path());
  const Outcome o = run("calibrate " + spec("cgrs.productivity", "12") + " -o " + out_dir());
  EXPECT_EQ(o.code, 2);
  std::map<std::string, std::string> after;
  for (const auto& e : fs::directory_iterator(dir() / "out"))
    after[e.path().filename().string()] = slurp(e.path());
  EXPECT_EQ(before, after);  // same files (no temporaries left), same bytes
  EXPECT_EQ(before.size(), 4u);
}

TEST_F(CalibrateCli, BacktestWritesTheScoresAndKeepsAnOldFileOnFailure) {
  const std::string good = spec() + "";
  { std::ofstream(good, std::ios::app) << "backtest: {fit_to: 2025-03, project_to: 2025-06}\n"; }
  const std::string h5 = (dir() / "bt.h5").string();
  const Outcome o = run("backtest " + good + " -o " + h5 + " --jobs 2");
  ASSERT_EQ(o.code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("MASE last"));
  EXPECT_THAT(o.output, HasSubstr("origin 2025-03"));
  EXPECT_THAT(o.output, HasSubstr("[persons]"));
  const std::string before = slurp(h5);
  EXPECT_GT(before.size(), 1000u);
  // A spec without a backtest section is bad input, and the file stays as it was.
  const Outcome bad = run("backtest " + spec() + " -o " + h5);
  EXPECT_EQ(bad.code, 2) << bad.output;
  EXPECT_THAT(bad.output, HasSubstr("no backtest section"));
  EXPECT_EQ(slurp(h5), before);
}

TEST_F(CalibrateCli, AnOutputThatCannotBeWrittenStopsBeforeTheSearch) {
  write("a-file", "not a folder\n");
  const std::string s = spec();
  const Outcome o = run("calibrate " + s + " -o " + (dir() / "a-file" / "out").string());
  EXPECT_EQ(o.code, 1) << o.output;
  EXPECT_THAT(o.output, HasSubstr("cannot create the output folder"));
  EXPECT_THAT(o.output, Not(HasSubstr("evaluations:")));  // no fit was run
  { std::ofstream(s, std::ios::app) << "backtest: {fit_to: 2025-03, project_to: 2025-06}\n"; }
  const Outcome b = run("backtest " + s + " -o " + (dir() / "a-file" / "bt.h5").string());
  EXPECT_EQ(b.code, 1) << b.output;
  EXPECT_THAT(b.output, HasSubstr("cannot create the output folder"));
  EXPECT_THAT(b.output, Not(HasSubstr("origin 2025-03")));
}

TEST_F(CalibrateCli, AParameterTheOverlayCannotWriteIsRefusedBeforeTheSearch) {
  // two-profiles-monthly has no call.migration_litigation section.
  const Outcome o = run("calibrate " + spec("call.migration_litigation.initial_pending", "100") +
                        " -o " + out_dir() + " -q");
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("spec.yaml:4:11: error: parameters[0].path: "
                                  "call.migration_litigation.initial_pending cannot be written"));
  EXPECT_THAT(o.output, HasSubstr("the scenario has no call.migration_litigation section"));
  EXPECT_THAT(o.output, Not(HasSubstr("/calibrated.yaml:")));  // not located in the output
  EXPECT_FALSE(fs::exists(dir() / "out"));                     // stopped before anything
}

TEST_F(CalibrateCli, NoValidFitIsLocatedAtTheParametersKey) {
  // Every subsidiary share in [0.9, 1] breaks the share rule (origin high has 0.8 refugees).
  const std::string s = spec("cgrs.outcomes.subsidiary", "1");
  std::string text = slurp(s);
  text.replace(text.find("lower: 4"), 8, "lower: 0.9");
  write("spec.yaml", text);
  const Outcome o = run("calibrate " + s + " -o " + out_dir() + " -q");
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("spec.yaml:3:1: error: parameters: no point inside the bounds"));
}

TEST_F(CalibrateCli, BacktestMonthsAreChecked) {
  const std::string s = spec();
  { std::ofstream(s, std::ios::app) << "backtest: {fit_to: 2025-03, project_to: 2026-06}\n"; }
  const Outcome o = run("backtest " + s);
  EXPECT_EQ(o.code, 2) << o.output;
  EXPECT_THAT(o.output, HasSubstr("spec.yaml:11:41:"));
  EXPECT_THAT(o.output, HasSubstr("backtest.project_to"));
  EXPECT_THAT(o.output, HasSubstr("after the scenario's end"));
}

}  // namespace
}  // namespace chainsim::calibration
