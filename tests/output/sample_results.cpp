#include "sample_results.hpp"

#include <limits>

namespace chainsim::output::testing {

namespace {

void add_series(Results& r, SeriesSpec spec, int width, std::vector<double> values) {
  r.layout.offset.push_back(r.layout.frame_size);
  r.layout.width.push_back(width);
  r.layout.frame_size += width;
  r.layout.series.push_back(std::move(spec));
  r.values.push_back(std::move(values));
}

}  // namespace

Results sample_results(int periods) {
  const auto n = static_cast<std::size_t>(periods);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Results r;
  RunLayout& l = r.layout;
  l.scenario_name = "tiny";
  const std::vector<Date> ends{Date(2025, 1, 31), Date(2025, 2, 28), Date(2025, 3, 31),
                               Date(2025, 4, 30)};
  l.period_ends.assign(ends.begin(), ends.begin() + periods);
  l.origins = {"high_recognition", "safe_country"};
  l.profiles = {"single_man", "family"};
  l.segments = {"high_recognition/single_man", "high_recognition/family",
                "safe_country/single_man"};
  l.pools = {"collective", "individual"};

  std::vector<double> applications{120.0, 95.5, 1.0 / 3.0, 0.0};
  applications.resize(n);
  add_series(r,
             {"applications", "persons", SeriesKind::flow, SeriesDim::total,
              "applications lodged in the period"},
             1, applications);
  std::vector<double> wait{nan, 12.25, 30.0, 7.5};
  wait.resize(n);
  add_series(r,
             {"waiting_list_mean_wait", "days", SeriesKind::rate, SeriesDim::total,
              "mean time on the waiting list of persons admitted in the period"},
             1, wait);
  std::vector<double> backlog;
  for (std::size_t p = 0; p < n; ++p)
    for (std::size_t c = 0; c < 3; ++c)
      backlog.push_back(10.0 * static_cast<double>(p) + static_cast<double>(c) + 0.5);
  add_series(r,
             {"cgrs_backlog", "persons", SeriesKind::stock, SeriesDim::segment,
              "pending cases at the CGRS"},
             3, backlog);
  std::vector<double> occupancy{1000.0, 250.0, 1010.0, 260.0, 1020.0, 270.0, 1030.0, 280.0};
  occupancy.resize(2 * n);
  add_series(
      r,
      {"occupancy", "persons", SeriesKind::stock, SeriesDim::pool, "persons accommodated per pool"},
      2, occupancy);

  r.kpis = {{"peak_occupancy", "persons", "highest occupancy of all pools", 1310.0},
            {"person_days_waiting", "person-days",
             "days on the waiting list, summed over all persons", 4567.5}};
  return r;
}

RunMetadata sample_metadata() {
  RunMetadata m;
  m.scenario_name = "tiny";
  m.scenario_file = "scenarios/examples/tiny.yaml";
  m.resolved_yaml =
      "schema_version: 1\nname: tiny\ntime:\n  start: 2025-01-01\n  end: 2025-04-30\n# é ü\n";
  m.chainsim_version = "0.1.0";
  m.git_commit = "0123456789ab";
  m.created_utc = "2026-11-23T19:30:00Z";
  m.seed = 18446744073709551557ULL;  // above 2^63: must survive as unsigned
  return m;
}

}  // namespace chainsim::output::testing
