// The table of bad inputs: each must fail with an InputError naming the right file, line, column
// and key, with a message (and hint) a planner can act on. Lines and columns are counted by hand
// from the texts (see kMinimal's line map in config_test_support.hpp).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "chainsim/config/load.hpp"
#include "config_test_support.hpp"

namespace chainsim::config {
namespace {

using testing::catch_input_error;
using ::testing::HasSubstr;
using testing::input;
using testing::kMinimal;
using testing::load_text;
using testing::minimal_with;

struct BadCase {
  std::string name;
  std::string text;               // inline scenario (named "test.yaml"), or
  std::string fixture;            // a file in tests/config/inputs/
  std::vector<std::string> sets;  // --set overrides
  std::string file;               // expected InputError::file ("" = the scenario itself)
  int line = 0;
  int column = -1;  // -1: not checked
  std::string key_path;
  std::string message;  // fragment of InputError::message
  std::string hint;     // fragment of InputError::hint ("" = not checked)

  BadCase(std::string name_, std::string text_, std::string fixture_,
          std::vector<std::string> sets_, std::string file_, int line_, int column_,
          std::string key_path_, std::string message_, std::string hint_ = {})
      : name(std::move(name_)),
        text(std::move(text_)),
        fixture(std::move(fixture_)),
        sets(std::move(sets_)),
        file(std::move(file_)),
        line(line_),
        column(column_),
        key_path(std::move(key_path_)),
        message(std::move(message_)),
        hint(std::move(hint_)) {}
};

std::ostream& operator<<(std::ostream& os, const BadCase& c) {
  return os << c.name;
}

std::string deep_text(int depth) {
  return "schema: 1\nname: deep\ndescription: " +
         std::string(static_cast<std::size_t>(depth), '[') +
         std::string(static_cast<std::size_t>(depth), ']') + "\n";
}

const std::string kDurationHint = "durations need a unit: 30d, 6w, 4mo, 2y";

std::vector<BadCase> bad_cases() {
  const std::string pos = "positive_share: {by_origin: {a: 0.8, b: 0.2}}";
  return {
      {"yaml_syntax_error",
       minimal_with("name: tiny", "name: tiny: x"),
       "",
       {},
       "",
       2,
       11,
       "",
       "invalid YAML: illegal map value",
       "quote values that contain ': '"},
      {"tab_indentation",
       "",
       "tabs.yaml",
       {},
       "",
       4,
       1,
       "",
       "tab character is used for indentation",
       "YAML does not allow tabs for indentation; use spaces"},
      {"empty_file", "", "empty.yaml", {}, "", 0, 0, "", "the scenario file is empty"},
      {"whitespace_only_text",
       "  \n\n# nothing\n",
       "",
       {},
       "",
       0,
       0,
       "",
       "the scenario file is empty"},
      {"not_utf8", "schema: 1\nname: caf\xE9\n", "", {}, "", 2, 10, "", "not valid UTF-8"},
      {"nul_byte", std::string("schema: 1\n\0", 11), "", {}, "", 2, 1, "", "NUL byte"},
      {"unknown_key_in_pool",
       minimal_with("{capacity: 500}", "{capcity: 500}"),
       "",
       {},
       "",
       17,
       15,
       "reception.pools.network.capcity",
       "unknown key 'capcity' in reception.pools.network",
       "did you mean 'capacity'?"},
      {"unknown_key_top_level",
       kMinimal + "descripton: x\n",
       "",
       {},
       "",
       18,
       1,
       "descripton",
       "unknown key 'descripton' at the top level",
       "did you mean 'description'?"},
      {"map_where_number",
       minimal_with("officers: 10", "officers: {n: 10}"),
       "",
       {},
       "",
       12,
       13,
       "cgrs.officers",
       "expected a number, got a map"},
      {"text_where_number",
       minimal_with("per_month: 1000", "per_month: abc"),
       "",
       {},
       "",
       10,
       14,
       "applications.per_month",
       "expected a number, got 'abc'"},
      {"quoted_number",
       minimal_with("per_month: 1000", "per_month: \"1000\""),
       "",
       {},
       "",
       10,
       14,
       "applications.per_month",
       "expected a number, got the text \"1000\"",
       "remove the quotes"},
      {"digit_separator",
       minimal_with("per_month: 1000", "per_month: 35_000"),
       "",
       {},
       "",
       10,
       14,
       "applications.per_month",
       "expected a number, got '35_000'",
       "without digit separators, e.g. 35000"},
      {"list_where_map",
       minimal_with("    network: {capacity: 500}", "    - network"),
       "",
       {},
       "",
       17,
       5,
       "reception.pools",
       "expected a map"},
      {"negative_capacity",
       minimal_with("capacity: 500", "capacity: -5"),
       "",
       {},
       "",
       17,
       25,
       "reception.pools.network.capacity",
       "must be >= 0, got -5"},
      {"share_above_one",
       minimal_with("{a: 0.8, b: 0.2}}", "{a: 1.5, b: 0.2}}"),
       "",
       {},
       "",
       14,
       35,
       "cgrs.positive_share.by_origin.a",
       "must be between 0 and 1, got 1.5"},
      {"nan",
       minimal_with("officers: 10", "officers: .nan"),
       "",
       {},
       "",
       12,
       13,
       "cgrs.officers",
       "must be a finite number"},
      {"infinity",
       minimal_with("officers: 10", "officers: -.inf"),
       "",
       {},
       "",
       12,
       13,
       "cgrs.officers",
       "must be a finite number"},
      {"end_before_start",
       minimal_with("end: 2025-06-30", "end: 2024-12-31"),
       "",
       {},
       "",
       5,
       8,
       "time.end",
       "end (2024-12-31) is before start (2025-01-01)"},
      {"horizon_too_long",
       minimal_with("end: 2025-06-30", "end: 2225-01-01"),
       "",
       {},
       "",
       5,
       8,
       "time.end",
       "the horizon is at most 200 years"},
      {"impossible_date",
       minimal_with("start: 2025-01-01", "start: 2025-02-30"),
       "",
       {},
       "",
       4,
       10,
       "time.start",
       "not a valid date: '2025-02-30'"},
      {"date_out_of_range",
       minimal_with("start: 2025-01-01", "start: 1850-01-01"),
       "",
       {},
       "",
       4,
       10,
       "time.start",
       "dates must lie in the years 1900 to 2999"},
      {"report_finer_than_step",
       minimal_with("  end: 2025-06-30\n", "  end: 2025-06-30\n  step: week\n  report: day\n"),
       "",
       {},
       "",
       7,
       11,
       "time.report",
       "the report period 'day' is finer than the step 'week'"},
      {"duration_without_unit",
       kMinimal + "  exit_after_negative: 30\n",
       "",
       {},
       "",
       18,
       24,
       "reception.exit_after_negative",
       "a duration needs a unit, got '30'",
       kDurationHint},
      {"duration_bad_unit",
       kMinimal + "  exit_after_negative: 3x\n",
       "",
       {},
       "",
       18,
       24,
       "reception.exit_after_negative",
       "not a duration: '3x'",
       kDurationHint},
      {"unsupported_schema",
       minimal_with("schema: 1", "schema: 2"),
       "",
       {},
       "",
       1,
       9,
       "schema",
       "unsupported schema version 2 (this chainsim reads 1)"},
      {"missing_required_key",
       minimal_with("  officers: 10\n", ""),
       "",
       {},
       "",
       11,
       1,
       "cgrs.officers",
       "missing required key 'officers' in cgrs"},
      {"missing_top_level_key",
       minimal_with("name: tiny\n", ""),
       "",
       {},
       "",
       0,
       0,
       "name",
       "missing required key 'name'"},
      {"duplicate_key",
       minimal_with("  officers: 10\n", "  officers: 10\n  officers: 11\n"),
       "",
       {},
       "",
       13,
       3,
       "",
       "duplicate key 'officers'"},
      {"two_documents",
       kMinimal + "---\nname: other\n",
       "",
       {},
       "",
       18,
       1,
       "",
       "more than one YAML document"},
      {"cyclic_extends",
       "",
       "cycle_a.yaml",
       {},
       input("cycle_b.yaml"),
       3,
       10,
       "extends",
       "extends cycle: " + input("cycle_a.yaml") + " → " + input("cycle_b.yaml") + " → " +
           input("cycle_a.yaml")},
      {"missing_extends_file",
       "",
       "missing_parent.yaml",
       {},
       "",
       3,
       10,
       "extends",
       "cannot open extended scenario 'does_not_exist.yaml' (resolved to " +
           std::filesystem::absolute(input("does_not_exist.yaml")).lexically_normal().string() +
           ")"},
      {"error_in_parent_names_parent",
       "",
       "child_of_bad.yaml",
       {},
       input("bad_parent.yaml"),
       13,
       17,
       "reception.pools.network.capacity",
       "must be >= 0, got -5"},
      {"deep_nesting", deep_text(100), "", {}, "", 3, -1, "", "nested too deeply"},
      {"origin_shares_do_not_sum_to_one",
       minimal_with("origins: {a: 0.8, b: 0.2}", "origins: {a: 0.8, b: 0.15}"),
       "",
       {},
       "",
       7,
       3,
       "segments.origins",
       "origin shares must sum to 1, got 0.95"},
      {"ambiguous_segment_value",
       minimal_with(pos,
                    "positive_share: {by_origin: {a: 0.8, b: 0.2}, by_profile: {single: 1, "
                    "family: 1}}"),
       "",
       {},
       "",
       14,
       49,
       "cgrs.positive_share.by_profile",
       "ambiguous: give by_origin or by_profile, or by_segment"},
      {"segment_value_missing_entry",
       minimal_with("{a: 0.8, b: 0.2}}", "{a: 0.8}}"),
       "",
       {},
       "",
       14,
       20,
       "cgrs.positive_share.by_origin",
       "no value for origin b",
       "default"},
      {"segment_value_unknown_origin",
       minimal_with("{a: 0.8, b: 0.2}}", "{a: 0.8, bb: 0.2}}"),
       "",
       {},
       "",
       14,
       40,
       "cgrs.positive_share.by_origin.bb",
       "unknown origin 'bb'",
       "expected one of: a, b"},
      {"unknown_profile_in_waiting_list",
       kMinimal + "  waiting_list: [single, famly]\n",
       "",
       {},
       "",
       18,
       26,
       "reception.waiting_list[1]",
       "unknown profile 'famly'",
       "did you mean 'family'?"},
      {"priority_not_a_permutation",
       kMinimal + "  priority: [family]\n",
       "",
       {},
       "",
       18,
       13,
       "reception.priority",
       "must list every profile exactly once; missing: single"},
      {"duplicate_csv_month",
       "",
       "dup_month.yaml",
       {},
       input("dup_month.csv"),
       4,
       0,
       "applications.csv",
       "duplicate month 2025-01 (also on line 2)"},
      {"applications_missing_months",
       minimal_with("per_month: 1000", "monthly: {2025-01: 1, 2025-02: 2}"),
       "",
       {},
       "",
       10,
       12,
       "applications.monthly",
       "applications missing for 2025-03..2025-06",
       "after_last"},
      {"two_application_forms",
       minimal_with("  per_month: 1000\n", "  per_month: 1000\n  monthly: {2025-01: 1}\n"),
       "",
       {},
       "",
       11,
       3,
       "applications.monthly",
       "give only one of per_month, monthly or csv (found per_month and monthly)"},
      {"bad_scenario_name",
       minimal_with("name: tiny", "name: my scenario"),
       "",
       {},
       "",
       2,
       7,
       "name",
       "may contain only letters, digits"},
      {"malformed_set_no_equals", kMinimal, "", {"cgrs.officers"}, "--set", 0, 0, "", "no '='"},
      {"malformed_set_empty_path",
       kMinimal,
       "",
       {"=5"},
       "--set",
       0,
       0,
       "",
       "the path before '=' is empty"},
      {"malformed_set_empty_part",
       kMinimal,
       "",
       {"cgrs..officers=5"},
       "--set",
       0,
       0,
       "cgrs..officers",
       "empty part in the path"},
      {"unknown_key_from_set",
       kMinimal,
       "",
       {"cgrs.oficers=3"},
       "--set",
       0,
       0,
       "cgrs.oficers",
       "unknown key 'oficers' in cgrs",
       "did you mean 'officers'?"},
      {"bad_value_from_set",
       kMinimal,
       "",
       {"cgrs.officers=-1"},
       "--set",
       0,
       0,
       "cgrs.officers",
       "must be >= 0, got -1"},
      {"set_through_a_number",
       kMinimal,
       "",
       {"cgrs.officers.x=1"},
       "--set",
       0,
       0,
       "cgrs.officers.x",
       "cannot set inside cgrs.officers"},
  };
}

class BadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInput, FailsWithLocatedMessage) {
  const BadCase& c = GetParam();
  const InputError e = catch_input_error([&] {
    if (c.fixture.empty()) {
      load_text(c.text, c.sets);
    } else {
      load_scenario(input(c.fixture), c.sets);
    }
  });
  if (std::getenv("CHAINSIM_PRINT_ERRORS")) std::printf("%s\n", e.what());
  const std::string scenario_file = c.fixture.empty() ? "test.yaml" : input(c.fixture);
  EXPECT_EQ(e.file, c.file.empty() ? scenario_file : c.file) << e.what();
  EXPECT_EQ(e.line, c.line) << e.what();
  if (c.column >= 0) {
    EXPECT_EQ(e.column, c.column) << e.what();
  }
  EXPECT_EQ(e.key_path, c.key_path) << e.what();
  EXPECT_THAT(e.message, HasSubstr(c.message)) << e.what();
  if (!c.hint.empty()) {
    EXPECT_THAT(e.hint, HasSubstr(c.hint)) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Table, BadInput, ::testing::ValuesIn(bad_cases()),
                         [](const ::testing::TestParamInfo<BadCase>& param) {
                           return param.param.name;
                         });

TEST(BadInputs, TableHasAtLeastTwentyCases) {
  EXPECT_GE(bad_cases().size(), 20u);
}

TEST(BadInputs, MissingScenarioFile) {
  const InputError e = catch_input_error([] { load_scenario(input("nope.yaml")); });
  EXPECT_EQ(e.file, input("nope.yaml"));
  EXPECT_EQ(e.line, 0);
  EXPECT_THAT(e.message, HasSubstr("no such file"));
}

// "Billion laughs": nine levels of nine aliases would expand to 9^9 nodes. The loader must
// refuse it quickly and without building the expansion.
TEST(BadInputs, AliasBombFailsFast) {
  std::string text = "schema: 1\nname: lol\na0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    std::string line = "a";
    line += std::to_string(i);
    line += ": &a";
    line += std::to_string(i);
    line += " [";
    line += prev;
    for (int k = 1; k < 9; ++k) {
      line += ", ";
      line += prev;
    }
    line += "]\n";
    text += line;
  }
  // The node budget stops the expansion long before memory or time run out; speed is not
  // asserted here (benchmarks hold speed targets), only that it fails with the right error.
  const InputError e = catch_input_error([&] { load_text(text); });
  EXPECT_THAT(e.message, HasSubstr("too large"));
  EXPECT_GT(e.line, 3);
}

TEST(BadInputs, VeryDeepNestingFailsWithoutCrashing) {
  const InputError e = catch_input_error([] { load_text(deep_text(200'000)); });
  EXPECT_THAT(e.message, HasSubstr("nested too deeply"));
  EXPECT_EQ(e.line, 3);
}

TEST(BadInputs, UnterminatedFlowDoesNotHang) {
  const InputError e = catch_input_error([] { load_text("schema: 1\nname: [a, b\n"); });
  EXPECT_THAT(e.message, HasSubstr("invalid YAML"));
  EXPECT_GE(e.line, 2);
}

TEST(BadInputs, WhatFormatForARealError) {
  const InputError e =
      catch_input_error([] { load_text(minimal_with("capacity: 500", "capacity: -5")); });
  EXPECT_STREQ(e.what(),
               "test.yaml:17:25: error: reception.pools.network.capacity: must be >= 0, got -5");
}

}  // namespace
}  // namespace chainsim::config
