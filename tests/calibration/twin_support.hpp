#pragma once
// Helpers of the calibration tests: a scratch folder, tidy observation files written from a
// model run (a twin experiment's "observations"), and the spec of the worked example.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "chainsim/calibration/calibrate.hpp"
#include "chainsim/model/series.hpp"

namespace chainsim::calibration::testing {

inline std::string example_scenario() {
  return std::string(CHAINSIM_SOURCE_DIR) + "/scenarios/examples/two-profiles-monthly.yaml";
}

class ScratchDir : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("chainsim-calibration-" + std::string(info->test_suite_name()) + "-" + info->name() +
            "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) const {
    const std::filesystem::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

inline std::string exact(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Deterministic "measurement noise": the k-th value is multiplied by 1 - noise, 1 or 1 + noise.
inline double noisy(double v, int k, double noise) {
  return v * (1.0 + noise * (k % 3 - 1));
}

// One row per reporting period (monthly runs): "YYYY-MM,name,value,unit,twin,".
inline std::string monthly_rows(const Results& r, const std::string& series,
                                const std::string& name, const std::string& unit,
                                double noise = 0.0) {
  std::string out;
  const std::vector<double> v = r.column(series);
  for (int p = 0; p < r.periods(); ++p) {
    const auto k = static_cast<std::size_t>(p);
    const std::string month = to_iso(r.layout.period_ends[k]).substr(0, 7);
    out += month + "," + name + "," + exact(noisy(v[k], p, noise)) + "," + unit + ",twin,\n";
  }
  return out;
}

// Quarter sums of a monthly flow, on the quarter's first month ("_quarter" in the name).
inline std::string quarterly_rows(const Results& r, const std::string& series,
                                  const std::string& name, const std::string& unit,
                                  double noise = 0.0) {
  std::string out;
  const std::vector<double> v = r.column(series);
  for (int q = 0; 3 * q + 2 < r.periods(); ++q) {
    const auto k = static_cast<std::size_t>(3 * q);
    const double sum = v[k] + v[k + 1] + v[k + 2];
    const std::string month = to_iso(r.layout.period_ends[k]).substr(0, 7);
    out += month + "," + name + "," + exact(noisy(sum, q, noise)) + "," + unit + ",twin,\n";
  }
  return out;
}

inline RunSettings settings(int jobs, std::uint64_t seed) {
  RunSettings s;
  s.jobs = jobs;
  s.seed = seed;
  return s;
}

inline const char* kTidyHeader = "date,series,value,unit,source,note\n";

}  // namespace chainsim::calibration::testing
