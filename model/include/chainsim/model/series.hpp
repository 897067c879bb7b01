#pragma once
// What a run publishes: named series with units, and scalar indicators (KPIs).
#include <span>
#include <string>
#include <vector>

#include "chainsim/model/calendar.hpp"

namespace chainsim {

// stock: sampled at period end; flow: summed over the period; rate: a ratio or statistic
// computed at period end (occupancy rate, waiting-time statistics).
enum class SeriesKind { stock, flow, rate };
std::string to_string(SeriesKind k);

// The dimension of a series besides time: none (a total), segment, pool, or years since status
// (0..15, the last meaning 15 or more).
enum class SeriesDim { total, segment, pool, years_since_status };
std::string to_string(SeriesDim d);

struct SeriesSpec {
  std::string name;
  std::string unit;
  SeriesKind kind;
  SeriesDim dim;
  std::string description;
};

struct Kpi {
  std::string name;
  std::string unit;
  std::string description;
  double value;
};

// The shape of a run's output, given to a recorder before the first period.
struct RunLayout {
  std::string scenario_name;
  std::vector<Date> period_ends;
  std::vector<std::string> origins;
  std::vector<std::string> profiles;
  std::vector<std::string> segments;  // "origin/profile"
  std::vector<std::string> pools;
  std::vector<std::string> years_since_status;  // "0" .. "15"
  std::vector<SeriesSpec> series;
  std::vector<int> width;   // values per period of each series (1, segments or pools)
  std::vector<int> offset;  // where each series starts in a period frame
  int frame_size = 0;
};

// Observer of a run: the model publishes, a recorder stores (in memory, to HDF5, ...).
class Recorder {
 public:
  virtual ~Recorder() = default;
  virtual void begin(const RunLayout& layout) = 0;
  // One reporting period: every series' values, series i at [offset[i], offset[i] + width[i]).
  virtual void record(int period, std::span<const double> frame) = 0;
  virtual void finish(std::span<const Kpi> kpis) = 0;
};

// Everything a run produced, in memory: what the HDF5 writer stores and tests read.
struct Results {
  RunLayout layout;
  // values[i]: series i as a row-major [periods x width[i]] array.
  std::vector<std::vector<double>> values;
  std::vector<Kpi> kpis;

  int periods() const { return static_cast<int>(layout.period_ends.size()); }
  // Index of a series by name; -1 if absent.
  int find(std::string_view name) const;
  // Series values by name for one period and column (0 for totals); throws if absent.
  double at(std::string_view name, int period, int column = 0) const;
  // The whole total (column 0) path of a series.
  std::vector<double> column(std::string_view name, int column_index = 0) const;
  const Kpi* kpi(std::string_view name) const;
};

class MemoryRecorder final : public Recorder {
 public:
  void begin(const RunLayout& layout) override;
  void record(int period, std::span<const double> frame) override;
  void finish(std::span<const Kpi> kpis) override;

  const Results& results() const { return results_; }
  Results take() { return std::move(results_); }

 private:
  Results results_;
};

}  // namespace chainsim
