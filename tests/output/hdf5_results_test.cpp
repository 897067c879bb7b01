#include "chainsim/output/hdf5_results.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <hdf5.h>

#include <bit>
#include <cmath>
#include <fstream>
#include <sstream>
#include <thread>

#include "sample_results.hpp"
#include "test_dir.hpp"

namespace chainsim::output {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::sample_metadata;
using testing::sample_results;

class OutputHdf5 : public testing::ScratchDir {};

// Bitwise equality, so that NaN == NaN and -0.0 != 0.0.
void expect_same_values(const std::vector<double>& a, const std::vector<double>& b,
                        const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i)
    EXPECT_EQ(std::bit_cast<std::uint64_t>(a[i]), std::bit_cast<std::uint64_t>(b[i]))
        << what << " [" << i << "]";
}

void expect_same_results(const Results& a, const Results& b) {
  EXPECT_EQ(a.layout.scenario_name, b.layout.scenario_name);
  EXPECT_EQ(a.layout.period_ends, b.layout.period_ends);
  EXPECT_EQ(a.layout.origins, b.layout.origins);
  EXPECT_EQ(a.layout.profiles, b.layout.profiles);
  EXPECT_EQ(a.layout.segments, b.layout.segments);
  EXPECT_EQ(a.layout.pools, b.layout.pools);
  EXPECT_EQ(a.layout.width, b.layout.width);
  EXPECT_EQ(a.layout.offset, b.layout.offset);
  EXPECT_EQ(a.layout.frame_size, b.layout.frame_size);
  ASSERT_EQ(a.layout.series.size(), b.layout.series.size());
  for (std::size_t i = 0; i < a.layout.series.size(); ++i) {
    const SeriesSpec& x = a.layout.series[i];
    const SeriesSpec& y = b.layout.series[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.unit, y.unit) << x.name;
    EXPECT_EQ(x.kind, y.kind) << x.name;
    EXPECT_EQ(x.dim, y.dim) << x.name;
    EXPECT_EQ(x.description, y.description) << x.name;
  }
  ASSERT_EQ(a.values.size(), b.values.size());
  for (std::size_t i = 0; i < a.values.size(); ++i)
    expect_same_values(a.values[i], b.values[i], a.layout.series[i].name);
  ASSERT_EQ(a.kpis.size(), b.kpis.size());
  for (std::size_t i = 0; i < a.kpis.size(); ++i) {
    EXPECT_EQ(a.kpis[i].name, b.kpis[i].name);
    EXPECT_EQ(a.kpis[i].unit, b.kpis[i].unit);
    EXPECT_EQ(a.kpis[i].description, b.kpis[i].description);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(a.kpis[i].value),
              std::bit_cast<std::uint64_t>(b.kpis[i].value));
  }
}

void write_text(const std::filesystem::path& p, const std::string& text) {
  std::ofstream os(p, std::ios::binary);
  os << text;
}

// Runs `f` and returns the OutputError message it throws ("" if it throws nothing).
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const OutputError& e) {
    return e.what();
  }
  return "";
}

TEST_F(OutputHdf5, RoundTripIsExact) {
  const Results written = sample_results();
  const std::filesystem::path file = dir() / "run.h5";
  write_hdf5(file, written, sample_metadata());
  const StoredRun stored = read_hdf5(file);

  EXPECT_EQ(stored.format_version, kFormatVersion);
  EXPECT_EQ(stored.meta, sample_metadata());
  expect_same_results(written, stored.results);
  // The hand-made values, read back through the model's accessors.
  EXPECT_TRUE(std::isnan(stored.results.at("waiting_list_mean_wait", 0)));
  EXPECT_EQ(stored.results.at("applications", 2), 1.0 / 3.0);
  EXPECT_EQ(stored.results.at("cgrs_backlog", 3, 2), 32.5);
  EXPECT_EQ(stored.results.at("occupancy", 1, 1), 260.0);
  ASSERT_NE(stored.results.kpi("person_days_waiting"), nullptr);
  EXPECT_EQ(stored.results.kpi("person_days_waiting")->value, 4567.5);
  EXPECT_THAT(entries(), ElementsAre("run.h5"));
}

TEST_F(OutputHdf5, RoundTripWithoutPoolsOrKpisOrPeriods) {
  Results r = sample_results(1);
  r.layout.pools.clear();
  r.layout.series.pop_back();  // the pool series
  r.values.pop_back();
  r.layout.width.pop_back();
  r.layout.offset.pop_back();
  r.layout.frame_size = 5;
  r.kpis.clear();
  const std::filesystem::path file = dir() / "small.h5";
  write_hdf5(file, r, RunMetadata{});
  expect_same_results(r, read_hdf5(file).results);

  // Zero periods: every series has shape [0] or [0, n].
  Results empty = sample_results(1);
  empty.layout.period_ends.clear();
  for (auto& v : empty.values) v.clear();
  write_hdf5(file, empty, RunMetadata{});
  expect_same_results(empty, read_hdf5(file).results);
}

TEST_F(OutputHdf5, SeriesKeepTheirOrderNotAlphabetical) {
  Results r = sample_results();
  std::swap(r.layout.series[0], r.layout.series[1]);  // waiting_list_mean_wait before applications
  std::swap(r.values[0], r.values[1]);
  write_hdf5(dir() / "run.h5", r, sample_metadata());
  const Results back = read_hdf5(dir() / "run.h5").results;
  ASSERT_EQ(back.layout.series.size(), 4U);
  EXPECT_EQ(back.layout.series[0].name, "waiting_list_mean_wait");
  EXPECT_EQ(back.layout.series[1].name, "applications");
}

TEST_F(OutputHdf5, WriteIntoMissingDirectoryThrowsAndLeavesNothing) {
  const std::filesystem::path file = dir() / "no" / "such" / "dir" / "run.h5";
  const std::string message =
      error_of([&] { write_hdf5(file, sample_results(), sample_metadata()); });
  EXPECT_THAT(message, HasSubstr(file.string()));
  EXPECT_THAT(message, HasSubstr("does not exist"));
  EXPECT_FALSE(std::filesystem::exists(dir() / "no"));
  EXPECT_TRUE(entries().empty());
}

TEST_F(OutputHdf5, FailedWriteKeepsTheExistingFile) {
  const std::filesystem::path file = dir() / "run.h5";
  write_hdf5(file, sample_results(), sample_metadata());
  const auto size_before = std::filesystem::file_size(file);

  Results bad = sample_results();
  bad.values[2].pop_back();  // cgrs_backlog one value short
  RunMetadata other = sample_metadata();
  other.scenario_name = "replacement";
  const std::string message = error_of([&] { write_hdf5(file, bad, other); });
  EXPECT_THAT(message, HasSubstr(file.string()));
  EXPECT_THAT(message, HasSubstr("cgrs_backlog"));
  EXPECT_THAT(message, HasSubstr("11 values, expected 12"));

  EXPECT_EQ(std::filesystem::file_size(file), size_before);
  const StoredRun stored = read_hdf5(file);
  EXPECT_EQ(stored.meta.scenario_name, "tiny");
  expect_same_results(sample_results(), stored.results);
  EXPECT_THAT(entries(), ElementsAre("run.h5"));
}

TEST_F(OutputHdf5, InconsistentLayoutsAreRefused) {
  const std::filesystem::path file = dir() / "run.h5";
  auto message_for = [&](Results r) {
    return error_of([&] { write_hdf5(file, r, sample_metadata()); });
  };
  Results r = sample_results();
  r.layout.width[2] = 2;
  EXPECT_THAT(message_for(r), HasSubstr("series 'cgrs_backlog' has width 2"));
  r = sample_results();
  r.layout.series[3].name = "applications";
  EXPECT_THAT(message_for(r), HasSubstr("duplicate series name 'applications'"));
  r = sample_results();
  r.layout.series[0].name = "cgrs/backlog";
  EXPECT_THAT(message_for(r), HasSubstr("'cgrs/backlog' is not allowed"));
  r = sample_results();
  r.kpis[1].name = "";
  EXPECT_THAT(message_for(r), HasSubstr("a KPI has an empty name"));
  r = sample_results();
  r.values.pop_back();
  EXPECT_THAT(message_for(r), HasSubstr("4 series but 3 value arrays"));
  EXPECT_TRUE(entries().empty());
}

TEST_F(OutputHdf5, SuccessfulWriteReplacesTheExistingFile) {
  const std::filesystem::path file = dir() / "run.h5";
  write_text(file, "old contents");
  RunMetadata meta = sample_metadata();
  meta.scenario_name = "second";
  write_hdf5(file, sample_results(2), meta);
  const StoredRun stored = read_hdf5(file);
  EXPECT_EQ(stored.meta.scenario_name, "second");
  EXPECT_EQ(stored.results.periods(), 2);
  EXPECT_THAT(entries(), ElementsAre("run.h5"));
}

TEST_F(OutputHdf5, ReadingANonHdf5FileNamesTheFile) {
  const std::filesystem::path file = dir() / "notes.h5";
  write_text(file, "this is not HDF5\n");
  const std::string message = error_of([&] { read_hdf5(file); });
  EXPECT_THAT(message, HasSubstr(file.string()));
  EXPECT_THAT(message, HasSubstr("not an HDF5 file"));
  EXPECT_THAT(error_of([&] { describe_hdf5(file); }), HasSubstr("not an HDF5 file"));
}

TEST_F(OutputHdf5, ReadingAMissingFileNamesTheFile) {
  const std::filesystem::path file = dir() / "missing.h5";
  const std::string message = error_of([&] { read_hdf5(file); });
  EXPECT_THAT(message, HasSubstr(file.string()));
  EXPECT_THAT(message, HasSubstr("no such file"));
}

// Rewrites the root attribute format_version of an existing file (as a later chainsim would).
void set_format_version(const std::filesystem::path& file, int version) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  const hid_t a = H5Aopen(f, "format_version", H5P_DEFAULT);
  ASSERT_GE(a, 0);
  EXPECT_GE(H5Awrite(a, H5T_NATIVE_INT, &version), 0);
  H5Aclose(a);
  H5Fclose(f);
}

TEST_F(OutputHdf5, UnsupportedFormatVersionIsRefused) {
  const std::filesystem::path file = dir() / "future.h5";
  write_hdf5(file, sample_results(), sample_metadata());
  set_format_version(file, 2);
  const std::string message = error_of([&] { read_hdf5(file); });
  EXPECT_THAT(message, HasSubstr(file.string()));
  EXPECT_THAT(message, HasSubstr("unsupported format_version 2 (this chainsim reads version 1)"));
}

TEST_F(OutputHdf5, Hdf5FileThatIsNotAResultIsRefused) {
  const std::filesystem::path file = dir() / "other.h5";
  const hid_t f = H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  H5Fclose(f);
  EXPECT_THAT(error_of([&] { read_hdf5(file); }), HasSubstr("not a chainsim result file"));
}

TEST_F(OutputHdf5, DescribeListsEverySeriesWithItsUnit) {
  const std::filesystem::path file = dir() / "run.h5";
  write_hdf5(file, sample_results(), sample_metadata());
  const std::string text = describe_hdf5(file);
  EXPECT_THAT(text, HasSubstr("format version 1"));
  EXPECT_THAT(text, HasSubstr("scenario_name     tiny"));
  EXPECT_THAT(text, HasSubstr("seed              18446744073709551557"));
  EXPECT_THAT(text, HasSubstr("4 (period ends 2025-01-31 .. 2025-04-30)"));
  const Results r = sample_results();
  std::istringstream lines(text);
  std::string line;
  std::vector<std::string> all;
  while (std::getline(lines, line)) all.push_back(line);
  for (const SeriesSpec& s : r.layout.series) {
    bool found = false;
    for (const std::string& l : all) {
      std::istringstream words(l);
      std::string name, kind, unit;
      words >> name >> kind >> unit;
      if (name == s.name) {
        found = true;
        EXPECT_EQ(kind, to_string(s.kind)) << l;
        EXPECT_EQ(unit, s.unit) << l;
        EXPECT_THAT(l, HasSubstr(s.description));
      }
    }
    EXPECT_TRUE(found) << "series " << s.name << " missing from:\n" << text;
  }
  EXPECT_THAT(text, HasSubstr("[4, 3]  time,segment"));
  EXPECT_THAT(text, HasSubstr("[4, 2]  time,pool"));
  EXPECT_THAT(text, HasSubstr("[4]     time"));
  EXPECT_THAT(text, HasSubstr("person_days_waiting  4567.5  person-days"));
  EXPECT_THAT(text, HasSubstr("peak_occupancy       1310    persons"));
}

TEST_F(OutputHdf5, ConcurrentWritersAreSerialised) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([this, t] {
      for (int k = 0; k < 5; ++k)
        write_hdf5(dir() / ("run" + std::to_string(t) + ".h5"), sample_results(),
                   sample_metadata());
    });
  for (std::thread& t : threads) t.join();
  for (int t = 0; t < 4; ++t)
    expect_same_results(sample_results(),
                        read_hdf5(dir() / ("run" + std::to_string(t) + ".h5")).results);
  EXPECT_EQ(entries().size(), 4U);
}

}  // namespace
}  // namespace chainsim::output
