// Runs the chainsim executable as a user would. Bad input must exit with code 2, name the file,
// line and key, and leave no result file behind (nor touch an existing one).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "chainsim/output/hdf5_results.hpp"
#include "run_executable.hpp"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

using chainsim::testing::Outcome;
Outcome run(const std::string& args) { return chainsim::testing::run_chainsim(args); }

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("chainsim_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  fs::path dir_;
};

const std::string kGood = std::string(CHAINSIM_SOURCE_DIR) + "/scenarios/examples/minimal.yaml";

const char* kValid = R"(schema: 1
name: cli-test
time:
  start: 2025-01-01
  end: 2025-06-30
segments:
  origins: {all: 1.0}
  profiles: {adult: 1.0}
applications:
  per_month: 1000
cgrs:
  officers: 100
  decisions_per_officer_per_month: 8
  outcomes: {refugee: 0.5}
reception:
  pools:
    network: {capacity: 5000}
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST_F(Cli, RunWritesResultsAndPrintsTheSummary) {
  const std::string out = (dir_ / "r.h5").string();
  const Outcome o = run("run " + kGood + " -o " + out + " --csv " + (dir_ / "csv").string());
  ASSERT_EQ(o.code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("period end"));
  EXPECT_THAT(o.output, HasSubstr("[persons]"));
  EXPECT_THAT(o.output, HasSubstr("wrote " + out));
  ASSERT_TRUE(fs::exists(out));
  EXPECT_TRUE(fs::exists(dir_ / "csv" / "series.csv"));
  const auto stored = chainsim::output::read_hdf5(out);
  EXPECT_EQ(stored.meta.scenario_name, "minimal");
  EXPECT_THAT(stored.meta.resolved_yaml, HasSubstr("name: minimal"));
  EXPECT_EQ(stored.results.periods(), 12);
  // 1 000 applications a month for 12 months.
  double total = 0.0;
  for (double v : stored.results.column("applications")) total += v;
  EXPECT_NEAR(total, 12000.0, 1e-6);
}

TEST_F(Cli, SetOverridesAValueAndIsStoredInTheResolvedScenario) {
  const std::string out = (dir_ / "r.h5").string();
  const Outcome o = run("run " + kGood + " -q -o " + out + " --set applications.per_month=500");
  ASSERT_EQ(o.code, 0) << o.output;
  const auto stored = chainsim::output::read_hdf5(out);
  EXPECT_NEAR(stored.results.at("applications", 0), 500.0, 1e-9);
  EXPECT_THAT(stored.meta.resolved_yaml, HasSubstr("per_month: 500"));
}

TEST_F(Cli, CheckValidatesWithoutWriting) {
  const Outcome o = run("check " + kGood);
  EXPECT_EQ(o.code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("ok: scenario 'minimal'"));
}

TEST_F(Cli, HelpOnEveryVerb) {
  for (const char* verb : {"", "run ", "check ", "inspect "}) {
    const Outcome o = run(std::string(verb) + "--help");
    EXPECT_EQ(o.code, 0) << verb;
    EXPECT_THAT(o.output, HasSubstr("Usage")) << verb;
  }
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("").code, 2);
  EXPECT_EQ(run("frobnicate").code, 2);
  EXPECT_EQ(run("run").code, 2);
  EXPECT_EQ(run("run " + kGood + " --no-such-flag").code, 2);
}

TEST_F(Cli, InspectListsSeriesWithUnits) {
  const std::string out = (dir_ / "r.h5").string();
  ASSERT_EQ(run("run " + kGood + " -q -o " + out).code, 0);
  const Outcome o = run("inspect " + out);
  ASSERT_EQ(o.code, 0) << o.output;
  EXPECT_THAT(o.output, HasSubstr("waiting_list"));
  EXPECT_THAT(o.output, HasSubstr("persons"));
  EXPECT_EQ(run("inspect " + (dir_ / "missing.h5").string()).code, 2);
  EXPECT_EQ(run("inspect " + write("not.h5", "plain text")).code, 2);
}

struct BadInput {
  const char* name;
  std::string text;
  std::string extra_args;
  std::string fragment;  // expected in the message
};

// Each case: the message must carry the fragment; exit code 2; no result file appears and an
// existing one is left untouched.
TEST_F(Cli, BadInputsExitTwoAndWriteNothing) {
  const std::string bomb =
      "schema: 1\nname: bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
      "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
  const std::vector<BadInput> cases = {
      {"syntax", "schema: 1\nname: [unclosed\n", "", "invalid YAML"},
      {"tab", replace(kValid, "  per_month: 1000", "\tper_month: 1000"), "", "tab"},
      {"empty", "", "", "empty"},
      {"non_utf8", replace(kValid, "cli-test", "cli-\xff\xfe"), "", "UTF-8"},
      {"unknown_key", replace(kValid, "{capacity: 5000}", "{capcity: 5000}"), "", "did you mean 'capacity'"},
      {"unknown_top_key", std::string(kValid) + "recepion: {}\n", "", "recepion"},
      {"wrong_type", replace(kValid, "officers: 100", "officers: many"), "", "cgrs.officers"},
      {"negative_capacity", replace(kValid, "capacity: 5000", "capacity: -5"), "", "reception.pools.network.capacity"},
      {"share_above_one", replace(kValid, "outcomes: {refugee: 0.5}", "outcomes: {refugee: 1.5}"), "", "cgrs.outcomes.refugee"},
      {"nan", replace(kValid, "per_month: 1000", "per_month: .nan"), "", "finite"},
      {"end_before_start", replace(kValid, "end: 2025-06-30", "end: 2024-06-30"), "", "time.end"},
      {"bad_date", replace(kValid, "start: 2025-01-01", "start: 2025-02-30"), "", "time.start"},
      {"bad_duration", std::string(kValid) + "  exit_after_negative: 30\n", "", "unit"},
      {"schema", replace(kValid, "schema: 1", "schema: 7"), "", "schema"},
      {"missing_extends", "schema: 1\nname: x\nextends: nowhere.yaml\n", "", "nowhere.yaml"},
      {"deep_nesting", "schema: 1\nname: deep\ndescription: " + std::string(500, '[') + std::string(500, ']') + "\n", "",
       "deep"},
      {"alias_bomb", bomb, "", "large"},
      {"bad_set", kValid, "--set cgrs.officers", "--set"},
      {"bad_set_value", kValid, "--set cgrs.officers=-3", "cgrs.officers"},
  };
  const fs::path existing = dir_ / "existing.h5";
  ASSERT_EQ(run("run " + kGood + " -q -o " + existing.string()).code, 0);
  const auto before = fs::last_write_time(existing);
  const auto size_before = fs::file_size(existing);
  for (const BadInput& c : cases) {
    const std::string file = write(std::string(c.name) + ".yaml", c.text);
    const fs::path fresh = dir_ / (std::string(c.name) + ".h5");
    const Outcome o = run("run " + file + " -q -o " + fresh.string() + " " + c.extra_args);
    EXPECT_EQ(o.code, 2) << c.name << ": " << o.output;
    EXPECT_THAT(o.output, HasSubstr(c.fragment)) << c.name;
    if (c.extra_args.empty() || c.name == std::string("bad_set_value")) {
      EXPECT_THAT(o.output, HasSubstr(c.name == std::string("bad_set_value") ? "--set" : file)) << c.name;
    }
    EXPECT_FALSE(fs::exists(fresh)) << c.name;
    const Outcome over = run("run " + file + " -q -o " + existing.string() + " " + c.extra_args);
    EXPECT_EQ(over.code, 2) << c.name;
    EXPECT_EQ(fs::last_write_time(existing), before) << c.name;
    EXPECT_EQ(fs::file_size(existing), size_before) << c.name;
  }
  // No temporary files were left behind either.
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST_F(Cli, CyclicExtendsIsRefused) {
  write("a.yaml", "schema: 1\nname: a\nextends: b.yaml\n");
  write("b.yaml", "schema: 1\nname: b\nextends: a.yaml\n");
  const Outcome o = run("check " + (dir_ / "a.yaml").string());
  EXPECT_EQ(o.code, 2);
  EXPECT_THAT(o.output, HasSubstr("cycle"));
}

TEST_F(Cli, MissingScenarioFileIsBadInput) {
  const Outcome o = run("run " + (dir_ / "nope.yaml").string());
  EXPECT_EQ(o.code, 2);
  EXPECT_THAT(o.output, HasSubstr("nope.yaml"));
}

}  // namespace
