#include "chainsim/output/csv_export.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "sample_results.hpp"
#include "test_dir.hpp"

namespace chainsim::output {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::sample_results;

class OutputCsv : public testing::ScratchDir {};

std::vector<std::string> lines_of(const std::filesystem::path& p) {
  std::ifstream is(p, std::ios::binary);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(is, line)) lines.push_back(line);
  return lines;
}

TEST_F(OutputCsv, SeriesAndKpisLineByLine) {
  const std::filesystem::path out = dir() / "csv" / "nested";  // created on demand
  write_csv(out, sample_results(2));

  // Series in layout order, then periods, then columns; NaN is an empty field.
  EXPECT_THAT(lines_of(out / "series.csv"),
              ElementsAre("period_end,series,column,value,unit",                               //
                          "2025-01-31,applications,total,120,persons",                         //
                          "2025-02-28,applications,total,95.5,persons",                        //
                          "2025-01-31,waiting_list_mean_wait,total,,days",                     //
                          "2025-02-28,waiting_list_mean_wait,total,12.25,days",                //
                          "2025-01-31,cgrs_backlog,high_recognition/single_man,0.5,persons",   //
                          "2025-01-31,cgrs_backlog,high_recognition/family,1.5,persons",       //
                          "2025-01-31,cgrs_backlog,safe_country/single_man,2.5,persons",       //
                          "2025-02-28,cgrs_backlog,high_recognition/single_man,10.5,persons",  //
                          "2025-02-28,cgrs_backlog,high_recognition/family,11.5,persons",      //
                          "2025-02-28,cgrs_backlog,safe_country/single_man,12.5,persons",      //
                          "2025-01-31,occupancy,collective,1000,persons",                      //
                          "2025-01-31,occupancy,individual,250,persons",                       //
                          "2025-02-28,occupancy,collective,1010,persons",                      //
                          "2025-02-28,occupancy,individual,260,persons"));
  // A description with a comma is quoted.
  EXPECT_THAT(lines_of(out / "kpi.csv"),
              ElementsAre("name,value,unit,description",                                 //
                          "peak_occupancy,1310,persons,highest occupancy of all pools",  //
                          "person_days_waiting,4567.5,person-days,\"days on the waiting list, "
                          "summed over all persons\""));
  EXPECT_THAT(entries(), ElementsAre("csv"));
}

TEST_F(OutputCsv, ValuesReadBackExactly) {
  write_csv(dir(), sample_results(3));
  const std::vector<std::string> lines = lines_of(dir() / "series.csv");
  ASSERT_GE(lines.size(), 4U);
  // 1/3 printed with enough digits to read back the same double.
  EXPECT_EQ(lines[3], "2025-03-31,applications,total,0.3333333333333333,persons");
  EXPECT_EQ(std::stod("0.3333333333333333"), 1.0 / 3.0);
}

TEST_F(OutputCsv, QuotesFieldsWithCommasAndQuotes) {
  Results r = sample_results(1);
  r.layout.series[0].unit = "persons, \"adjusted\"";
  write_csv(dir(), r);
  EXPECT_EQ(lines_of(dir() / "series.csv")[1],
            "2025-01-31,applications,total,120,\"persons, \"\"adjusted\"\"\"");
}

TEST_F(OutputCsv, InconsistentResultsWriteNothingAndKeepOldFiles) {
  write_csv(dir(), sample_results(2));
  const std::vector<std::string> before = lines_of(dir() / "series.csv");
  Results bad = sample_results(2);
  bad.values[3].push_back(1.0);
  try {
    write_csv(dir(), bad);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("occupancy"));
  }
  EXPECT_EQ(lines_of(dir() / "series.csv"), before);
  EXPECT_THAT(entries(), ElementsAre("kpi.csv", "series.csv"));
}

TEST_F(OutputCsv, DirectoryThatIsAFileIsAnError) {
  std::ofstream(dir() / "taken") << "x";
  EXPECT_THROW(write_csv(dir() / "taken", sample_results(1)), OutputError);
}

}  // namespace
}  // namespace chainsim::output
