#include "chainsim/model/series.hpp"

#include <stdexcept>

namespace chainsim {

std::string to_string(SeriesKind k) {
  switch (k) {
    case SeriesKind::stock: return "stock";
    case SeriesKind::flow: return "flow";
    case SeriesKind::rate: return "rate";
  }
  return "?";
}

std::string to_string(SeriesDim d) {
  switch (d) {
    case SeriesDim::total: return "";
    case SeriesDim::segment: return "segment";
    case SeriesDim::pool: return "pool";
    case SeriesDim::years_since_status: return "years_since_status";
  }
  return "?";
}

int Results::find(std::string_view name) const {
  for (std::size_t i = 0; i < layout.series.size(); ++i)
    if (layout.series[i].name == name) return static_cast<int>(i);
  return -1;
}

double Results::at(std::string_view name, int period, int column_index) const {
  const int i = find(name);
  if (i < 0) throw std::out_of_range("no series named " + std::string(name));
  const int w = layout.width[i];
  if (period < 0 || period >= periods() || column_index < 0 || column_index >= w)
    throw std::out_of_range("series " + std::string(name) + ": index out of range");
  return values[i][static_cast<std::size_t>(period) * w + column_index];
}

std::vector<double> Results::column(std::string_view name, int column_index) const {
  std::vector<double> out;
  for (int p = 0; p < periods(); ++p) out.push_back(at(name, p, column_index));
  return out;
}

const Kpi* Results::kpi(std::string_view name) const {
  for (const Kpi& k : kpis)
    if (k.name == name) return &k;
  return nullptr;
}

void MemoryRecorder::begin(const RunLayout& layout) {
  results_ = Results{};
  results_.layout = layout;
  results_.values.resize(layout.series.size());
  for (std::size_t i = 0; i < layout.series.size(); ++i)
    results_.values[i].reserve(layout.period_ends.size() * layout.width[i]);
}

void MemoryRecorder::record(int /*period*/, std::span<const double> frame) {
  const RunLayout& l = results_.layout;
  for (std::size_t i = 0; i < l.series.size(); ++i) {
    auto first = frame.begin() + l.offset[i];
    results_.values[i].insert(results_.values[i].end(), first, first + l.width[i]);
  }
}

void MemoryRecorder::finish(std::span<const Kpi> kpis) {
  results_.kpis.assign(kpis.begin(), kpis.end());
}

}  // namespace chainsim
