// The historical series of calibration/data/ and their loader. Expected values were read by eye
// from the CSV files (line numbers are 1-based and count the header).
#include "chainsim/calibration/observed_series.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include "chainsim/config/errors.hpp"

namespace chainsim::calibration {
namespace {

using config::InputError;
using ::testing::HasSubstr;

std::string data(const std::string& file) {
  return std::string(CHAINSIM_SOURCE_DIR) + "/calibration/data/" + file;
}

InputError catch_input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no InputError thrown";
  return {};
}

const ObservedSeries& get(const std::map<std::string, ObservedSeries>& all,
                          const std::string& name) {
  const auto it = all.find(name);
  if (it == all.end()) throw std::runtime_error("no series " + name);
  return it->second;
}

TEST(DataFiles, EveryCopiedFileLoads) {
  std::set<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(data(""))) {
    if (entry.path().extension() == ".csv") files.insert(entry.path().filename().string());
  }
  const std::set<std::string> expected = {
      "belgium_annual.csv",        "belgium_applications_monthly.csv",
      "belgium_decisions_monthly.csv", "belgium_integration.csv",
      "belgium_pending_monthly.csv",   "belgium_reception.csv",
      "belgium_temporary_protection_monthly.csv"};
  EXPECT_EQ(files, expected);
  for (const std::string& f : files) {
    SCOPED_TRACE(f);
    if (f == "belgium_integration.csv") {
      EXPECT_EQ(read_labelled(data(f)).size(), 10u);
    } else if (f == "belgium_annual.csv") {
      // Known breaks: UNHCR unit switches and two multi-year rows (see the data README).
      EXPECT_FALSE(read_observed(data(f), {true, true}).empty());
    } else {
      const auto all = read_observed(data(f));
      EXPECT_FALSE(all.empty());
      for (const auto& [name, s] : all) {
        EXPECT_FALSE(s.points.empty());
        for (std::size_t i = 1; i < s.points.size(); ++i) {
          EXPECT_LT(s.points[i - 1].start, s.points[i].start) << name;
        }
      }
    }
  }
}

TEST(DataFiles, Applications2024) {
  const auto all = read_observed(data("belgium_applications_monthly.csv"));
  const ObservedSeries& eu = get(all, "eurostat_asylum_applicants_excl_UA");
  EXPECT_EQ(eu.frequency, Frequency::month);
  EXPECT_EQ(eu.unit, "persons");
  ASSERT_EQ(eu.points.size(), 30u);  // 2022-03 ... 2024-08
  EXPECT_EQ(eu.points.front().start, Date(2022, 3, 1));
  const auto y2024 = in_window(eu, Date(2024, 1, 1), Date(2024, 12, 31));
  ASSERT_EQ(y2024.size(), 8u);
  EXPECT_EQ(y2024.front()->start, Date(2024, 1, 1));
  EXPECT_EQ(y2024.front()->end, Date(2024, 1, 31));
  EXPECT_DOUBLE_EQ(y2024.front()->value, 3090);
  EXPECT_EQ(y2024.front()->line, 32);
  EXPECT_EQ(y2024.back()->start, Date(2024, 8, 1));
  EXPECT_EQ(y2024.back()->end, Date(2024, 8, 31));
  EXPECT_DOUBLE_EQ(y2024.back()->value, 3320);
  EXPECT_EQ(y2024.back()->line, 39);
  EXPECT_THAT(y2024.back()->source, HasSubstr("Metill.is@0c3f137"));
  EXPECT_EQ(y2024.back()->note, "migr_asyappctzm ASY_APP citizen TOTAL minus UA");

  EXPECT_EQ(get(all, "eurostat_asylum_applicants_extra_eu28").points.size(), 88u);  // 2012-01..2019-04
  const ObservedSeries& io = get(all, "io_applicants_persons");
  EXPECT_EQ(io.points.size(), 33u);
  EXPECT_EQ(io.points.back().start, Date(2024, 10, 1));
  EXPECT_DOUBLE_EQ(io.points.back().value, 4383);
  EXPECT_EQ(io.points.back().line, 160);
  // A quoted note with a comma: line 3, "1,365 IO + 59 relocation".
  const ObservedSeries& rel = get(all, "applicants_incl_relocation_resettlement_persons");
  EXPECT_EQ(rel.points[1].note, "1,365 IO + 59 relocation");
  EXPECT_DOUBLE_EQ(rel.points[1].value, 1424);
}

TEST(DataFiles, QuarterlyDecisions) {
  const auto all = read_observed(data("belgium_decisions_monthly.csv"));
  const ObservedSeries& q = get(all, "eurostat_fi_decisions_excl_UA_quarter");
  EXPECT_EQ(q.frequency, Frequency::quarter);
  ASSERT_EQ(q.points.size(), 7u);  // 2022Q2 ... 2023Q4
  EXPECT_EQ(q.points[0].start, Date(2022, 4, 1));
  EXPECT_EQ(q.points[0].end, Date(2022, 6, 30));
  EXPECT_DOUBLE_EQ(q.points[0].value, 5855);
  EXPECT_EQ(q.points[0].line, 54);
  EXPECT_EQ(q.points[2].start, Date(2022, 10, 1));
  EXPECT_EQ(q.points[2].end, Date(2022, 12, 31));
  EXPECT_EQ(q.points.back().end, Date(2023, 12, 31));
  // A quarter only counts in a window that holds all of it.
  EXPECT_EQ(in_window(q, Date(2022, 4, 1), Date(2022, 6, 29)).size(), 0u);
  EXPECT_EQ(in_window(q, Date(2022, 4, 1), Date(2022, 6, 30)).size(), 1u);
  EXPECT_EQ(get(all, "cgrs_decisions_cases").unit, "cases");
  EXPECT_EQ(get(all, "cgrs_decisions_cases").points.size(), 19u);
}

TEST(DataFiles, AnnualSeries) {
  const auto all = read_observed(data("belgium_annual.csv"), {true, true});
  const ObservedSeries& d = get(all, "eurostat_fi_decisions_year");
  EXPECT_EQ(d.frequency, Frequency::year);
  ASSERT_EQ(d.points.size(), 9u);  // 2008 ... 2016
  EXPECT_EQ(d.points[0].start, Date(2008, 1, 1));
  EXPECT_EQ(d.points[0].end, Date(2008, 12, 31));
  EXPECT_DOUBLE_EQ(d.points[0].value, 13620);
  EXPECT_EQ(d.points[0].line, 38);
  // Snapshots inside the annual file: CALL pending appeals at year end.
  const ObservedSeries& call = get(all, "call_all_appeals_pending");
  EXPECT_EQ(call.frequency, Frequency::day);
  ASSERT_EQ(call.points.size(), 3u);
  EXPECT_EQ(call.points[0].start, Date(2014, 12, 31));
  EXPECT_DOUBLE_EQ(call.points[0].value, 31665);
  // A quoted source with commas (line 109).
  const ObservedSeries& bil = get(all, "oe_bilateral_readmissions_forced_year");
  EXPECT_EQ(bil.points[0].line, 109);
  EXPECT_THAT(bil.points[0].source, HasSubstr("(Office des Étrangers, 'Eloignements"));
  // The UNHCR unit switch: 2008 is in cases, the neighbouring years in persons.
  const ObservedSeries& ar = get(all, "unhcr_applications_A_AR_year");
  EXPECT_EQ(ar.unit, "mixed");
  ASSERT_EQ(ar.points.size(), 4u);
  EXPECT_EQ(ar.points[1].unit, "persons");
  EXPECT_EQ(ar.points[2].unit, "cases");
  EXPECT_DOUBLE_EQ(ar.points[2].value, 4823);
  // The multi-year rows ("2007-2021") are left out, not guessed.
  EXPECT_EQ(all.count("call_full_jurisdiction_share_annulled_pct"), 0u);
}

TEST(DataFiles, AnnualStrictReadingRefusesTheBreaks) {
  const InputError label =
      catch_input_error([] { read_observed(data("belgium_annual.csv")); });
  EXPECT_EQ(label.line, 15);
  EXPECT_EQ(label.key_path, "date");
  EXPECT_THAT(label.message, HasSubstr("'2007-2021' is not a time point"));
  const InputError unit = catch_input_error(
      [] { read_observed(data("belgium_annual.csv"), ReadOptions{false, true}); });
  EXPECT_EQ(unit.key_path, "unit");
  EXPECT_THAT(unit.message, HasSubstr("mixes units"));
}

TEST(DataFiles, ReceptionSnapshots) {
  const auto all = read_observed(data("belgium_reception.csv"));
  const ObservedSeries& cap = get(all, "fedasil_capacity_places");
  EXPECT_EQ(cap.frequency, Frequency::day);
  EXPECT_EQ(cap.unit, "places");
  ASSERT_EQ(cap.points.size(), 7u);
  EXPECT_EQ(cap.points[0].start, Date(2013, 12, 31));
  EXPECT_EQ(cap.points[0].end, Date(2013, 12, 31));
  EXPECT_DOUBLE_EQ(cap.points[0].value, 21037);
  EXPECT_EQ(cap.points[2].start, Date(2015, 7, 1));
  EXPECT_EQ(cap.points[2].note, "'début juillet' 2015");
  EXPECT_EQ(get(all, "fedasil_not_admitted_on_registration_day_year").frequency, Frequency::year);
}

TEST(DataFiles, PendingAndTemporaryProtection) {
  const auto pending = read_observed(data("belgium_pending_monthly.csv"));
  EXPECT_EQ(get(pending, "eurostat_pending_persons_excl_UA_end_month").points.size(), 22u);
  EXPECT_EQ(get(pending, "cgrs_workload_cases_end_month").points.size(), 27u);
  const auto tp = read_observed(data("belgium_temporary_protection_monthly.csv"));
  const ObservedSeries& stock = get(tp, "eurostat_tp_beneficiaries_end_month");
  ASSERT_EQ(stock.points.size(), 30u);
  EXPECT_DOUBLE_EQ(stock.points[0].value, 26505);
  EXPECT_EQ(stock.points[0].note, "migr_asytpsm, citizen=TOTAL");
}

TEST(DataFiles, IntegrationIsLabelled) {
  const InputError e =
      catch_input_error([] { read_observed(data("belgium_integration.csv")); });
  EXPECT_EQ(e.line, 2);
  EXPECT_THAT(e.message, HasSubstr("'registered_2010_in_2011' is not a time point"));
  const auto rows = read_labelled(data("belgium_integration.csv"));
  ASSERT_EQ(rows.size(), 10u);
  EXPECT_EQ(rows[0].label, "registered_2010_in_2011");
  EXPECT_EQ(rows[0].series, "asylum_motive_integration_income_share_pct");
  EXPECT_DOUBLE_EQ(rows[0].value, 55);
  EXPECT_EQ(rows[0].unit, "percent");
  EXPECT_EQ(rows[0].line, 2);
  EXPECT_EQ(rows[2].label, "registered_2013");
  EXPECT_DOUBLE_EQ(rows[2].value, 59.4);
  EXPECT_EQ(rows[3].label, "cohort_2001-2006_t+10y");
  EXPECT_DOUBLE_EQ(rows[3].value, 50);
}

// ---- the table of bad inputs ----

struct BadCase {
  std::string name;
  std::string text;  // file contents (not written when `missing`)
  bool missing = false;
  int line;
  std::string key_path;
  std::string fragment;
};

const std::string kHeader = "date,series,value,unit,source,note\n";

std::vector<BadCase> bad_cases() {
  return {
      {"BadHeader", "date,series,amount,unit,source,note\n2024-01,a,1,persons,s,\n", false, 1,
       "value", "wrong header"},
      {"MissingColumn", "date,series,value,unit,source\n", false, 1, "note", "wrong header"},
      {"EmptyFile", "", false, 1, "", "empty file"},
      {"UnclosedQuote", kHeader + "2024-01,a,1,persons,s,\n2024-02,a,2,persons,\"s, t,\n", false,
       3, "", "unterminated quoted field"},
      {"BadNumber", kHeader + "2024-01,a,1,persons,s,\n2024-02,a,1.2.3,persons,s,\n", false, 3,
       "value", "not a number: '1.2.3'"},
      {"ThousandsSeparator", kHeader + "2024-01,a,\"1,200\",persons,s,\n", false, 2, "value",
       "not a number: '1,200'"},
      {"NotFinite", kHeader + "2024-01,a,inf,persons,s,\n", false, 2, "value", "not a number"},
      {"EmptyValue", kHeader + "2024-01,a,,persons,s,\n", false, 2, "value", "empty value"},
      {"BadMonth", kHeader + "2024-01,a,1,persons,s,\n2024-13,a,2,persons,s,\n", false, 3, "date",
       "bad date '2024-13'"},
      {"BadDay", kHeader + "2023-02-29,a,1,persons,s,\n", false, 2, "date",
       "bad date '2023-02-29'"},
      {"NotATimePoint", kHeader + "2024/01,a,1,persons,s,\n", false, 2, "date",
       "is not a time point"},
      {"QuarterNotOnFirstMonth", kHeader + "2024-02,x_quarter,1,persons,s,\n", false, 2, "date",
       "quarter's first month"},
      {"DuplicateDate",
       kHeader + "2024-01,a,1,persons,s,\n2024-02,a,2,persons,s,\n2024-01,a,3,persons,s,\n",
       false, 4, "date", "lines 2 and 4"},
      {"MixedUnits", kHeader + "2024-01,a,1,persons,s,\n2024-02,a,2,cases,s,\n", false, 3, "unit",
       "mixes units: 'cases' here, 'persons' on line 2"},
      {"MixedFrequencies", kHeader + "2024-01,a,1,persons,s,\n2024-02-15,a,2,persons,s,\n", false,
       3, "date", "mixes frequencies: day here, month on line 2"},
      {"WrongFieldCount", kHeader + "2024-01,a,1,persons,s,note,extra\n", false, 2, "",
       "expected 6 fields, got 7"},
      {"EmptySeries", kHeader + "2024-01,,1,persons,s,\n", false, 2, "series", "empty series"},
      {"MissingFile", "", true, 0, "", "cannot open the file"},
  };
}

// Readable names in ctest instead of the object's bytes.
void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class BadInputs : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInputs, FailWithLineAndMessage) {
  const BadCase& c = GetParam();
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "chainsim_calibration_tests";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / (c.name + ".csv")).string();
  std::filesystem::remove(path);
  if (!c.missing) {
    std::ofstream(path, std::ios::binary) << c.text;
  }
  const InputError e = catch_input_error([&] { read_observed(path); });
  EXPECT_EQ(e.file, path);
  EXPECT_EQ(e.line, c.line);
  EXPECT_EQ(e.key_path, c.key_path);
  EXPECT_THAT(e.message, HasSubstr(c.fragment));
  EXPECT_THAT(std::string(e.what()), HasSubstr(path));
  std::filesystem::remove(path);
}

INSTANTIATE_TEST_SUITE_P(Table, BadInputs, ::testing::ValuesIn(bad_cases()),
                         [](const ::testing::TestParamInfo<BadCase>& p) { return p.param.name; });

TEST(ReadObserved, QuotedFieldsCrlfGapsAndSorting) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / "chainsim_calibration_tests";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "good.csv").string();
  std::ofstream(path, std::ios::binary)
      << "date,series,value,unit,source,note\r\n"
         "2024-03,a,3,persons,\"src, with \"\"quotes\"\"\",\r\n"
         "2024-01,a,1e3,persons,s,\"multi\nline\"\r\n"
         "2024,b,-2.5,persons,s,\r\n";
  const auto all = read_observed(path);
  const ObservedSeries& a = get(all, "a");
  ASSERT_EQ(a.points.size(), 2u);  // a gap in February is fine
  EXPECT_EQ(a.points[0].start, Date(2024, 1, 1));
  EXPECT_DOUBLE_EQ(a.points[0].value, 1000);
  EXPECT_EQ(a.points[0].note, "multi\nline");
  EXPECT_EQ(a.points[0].line, 3);
  EXPECT_EQ(a.points[1].source, "src, with \"quotes\"");
  EXPECT_EQ(a.points[1].line, 2);
  EXPECT_EQ(get(all, "b").points[0].line, 5);
  EXPECT_DOUBLE_EQ(get(all, "b").points[0].value, -2.5);
  // The same duplicate rule for labelled rows.
  std::ofstream(path, std::ios::binary) << kHeader << "x,a,1,u,s,\ny,a,2,u,s,\nx,a,3,u,s,\n";
  const InputError e = catch_input_error([&] { read_labelled(path); });
  EXPECT_EQ(e.line, 4);
  EXPECT_THAT(e.message, HasSubstr("lines 2 and 4"));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace chainsim::calibration
