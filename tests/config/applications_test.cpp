// The applications section: per_month, monthly tables and CSV files over the horizon.
#include "chainsim/config/applications.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "chainsim/config/load.hpp"
#include "config_test_support.hpp"

namespace chainsim::config {
namespace {

using testing::catch_input_error;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::input;
using testing::inputs_dir;
using testing::load_text;
using testing::minimal_with;

std::string with_applications(const std::string& lines) {
  return minimal_with("  per_month: 1000\n", lines);
}

TEST(Months, ParseAndFormat) {
  EXPECT_EQ(parse_year_month("2025-03"), 2025 * 12 + 2);
  EXPECT_EQ(format_year_month(2025 * 12 + 2), "2025-03");
  EXPECT_EQ(format_year_month(2025 * 12 + 11), "2025-12");
  EXPECT_EQ(parse_year_month("2025-13"), -1);
  EXPECT_EQ(parse_year_month("2025-3"), -1);
  EXPECT_EQ(parse_year_month("2025-03-01"), -1);
  EXPECT_EQ(parse_year_month("2025"), -1);
}

TEST(Applications, HoldUsesTheLastMonthEvenBeforeTheStart) {
  // Data end in November 2024; the horizon (Jan..Jun 2025) holds November's value.
  const Scenario s =
      load_text(with_applications("  monthly: {2024-10: 5, 2024-11: 6}\n  after_last: hold\n"))
          .scenario;
  EXPECT_THAT(s.applications.monthly_persons, ElementsAre(6, 6, 6, 6, 6, 6));
}

TEST(Applications, GapsInsideTheDataAreErrorsEvenWithHold) {
  const InputError e = catch_input_error([] {
    load_text(
        with_applications("  monthly: {2025-01: 1, 2025-03: 3, 2025-05: 5}\n  after_last: hold\n"));
  });
  EXPECT_EQ(e.message, "applications missing for 2025-02, 2025-04");
  EXPECT_EQ(e.key_path, "applications.monthly");
  EXPECT_EQ(e.hint, "add the missing months");
}

TEST(Applications, NoneGivenOrBadAfterLastOrBadMonthKey) {
  const InputError none =
      catch_input_error([] { load_text(with_applications("  after_last: hold\n")); });
  EXPECT_THAT(none.message, HasSubstr("give one of per_month, monthly or csv"));
  EXPECT_EQ(none.line, 9);
  const InputError bad_policy = catch_input_error(
      [] { load_text(with_applications("  per_month: 1\n  after_last: hodl\n")); });
  EXPECT_EQ(bad_policy.hint, "did you mean 'hold'?");
  const InputError bad_key =
      catch_input_error([] { load_text(with_applications("  monthly: {2025-1: 5}\n")); });
  EXPECT_EQ(bad_key.key_path, "applications.monthly.2025-1");
  EXPECT_THAT(bad_key.message, HasSubstr("not a month: '2025-1'"));
  const InputError negative =
      catch_input_error([] { load_text(with_applications("  monthly: {2025-01: -1}\n")); });
  EXPECT_THAT(negative.message, HasSubstr("must be >= 0, got -1"));
}

class CsvApplications : public ::testing::Test {
 protected:
  std::filesystem::path dir;
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() /
          ("chainsim_config_csv_" +
           std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
  }
  LoadedScenario load(const std::string& csv_yaml) {
    return load_scenario_text(with_applications("  csv: " + csv_yaml + "\n  after_last: zero\n"),
                              "s.yaml", dir.string());
  }
  InputError error(const std::string& csv_yaml) {
    return catch_input_error([&] { load(csv_yaml); });
  }
};

TEST_F(CsvApplications, CustomColumnsAndCrlf) {
  write("a.csv", "month;x,other,persons\r\n2025-01,9,100\r\n2025-02,9,200.5\r\n");
  const LoadedScenario s = load("{file: a.csv, date_column: \"month;x\", value_column: persons}");
  EXPECT_THAT(s.scenario.applications.monthly_persons, ElementsAre(100, 200.5, 0, 0, 0, 0));
  EXPECT_THAT(s.files, ElementsAre("s.yaml", "a.csv"));
}

TEST_F(CsvApplications, Errors) {
  write("a.csv", "date,series,value\n2025-01,x,1\n2025,x,12\n2025-02,y,abc\n2025-03,y,\n");
  const InputError missing_file = error("{file: nope.csv}");
  EXPECT_THAT(missing_file.message, HasSubstr("cannot open CSV file 'nope.csv' (resolved to "));
  EXPECT_EQ(missing_file.key_path, "applications.csv.file");
  EXPECT_EQ(missing_file.line, 10);

  const InputError column = error("{file: a.csv, value_column: valeu}");
  EXPECT_THAT(column.message, HasSubstr("column 'valeu' not found"));
  EXPECT_EQ(column.hint, "did you mean 'value'?");

  const InputError series = error("{file: a.csv, series: z}");
  EXPECT_THAT(series.message, HasSubstr("no rows with series = 'z'"));
  EXPECT_EQ(series.hint, "expected one of: x, y");

  // Rows of series x: the annual row (line 3) is not a month.
  const InputError annual = error("{file: a.csv, series: x}");
  EXPECT_EQ(annual.file, (dir / "a.csv").string().substr(dir.string().size() + 1));
  EXPECT_EQ(annual.line, 3);
  EXPECT_THAT(annual.message, HasSubstr("date '2025' is not a month (YYYY-MM)"));

  const InputError not_number = error("{file: a.csv, series: y}");
  EXPECT_EQ(not_number.line, 4);
  EXPECT_THAT(not_number.message, HasSubstr("value 'abc' for 2025-02 is not a number"));

  const InputError orphan_column = error("{file: a.csv, series_column: series}");
  EXPECT_THAT(orphan_column.message, HasSubstr("series_column needs series"));
}

}  // namespace
}  // namespace chainsim::config
