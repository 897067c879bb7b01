#include "results_check.hpp"

#include <set>

#include "chainsim/output/output_error.hpp"

namespace chainsim::output::detail {

namespace {

// Names become HDF5 link names and CSV fields: no empty names, no path separators.
void check_name(const std::string& name, const char* what) {
  if (name.empty()) throw OutputError(std::string("a ") + what + " has an empty name");
  if (name == "." || name.find('/') != std::string::npos)
    throw OutputError(std::string(what) + " name '" + name +
                      "' is not allowed (no '/' and not '.')");
}

}  // namespace

int expected_width(const RunLayout& layout, SeriesDim dim) {
  switch (dim) {
    case SeriesDim::total:
      return 1;
    case SeriesDim::segment:
      return static_cast<int>(layout.segments.size());
    case SeriesDim::pool:
      return static_cast<int>(layout.pools.size());
    case SeriesDim::years_since_status:
      return static_cast<int>(layout.years_since_status.size());
  }
  return 1;
}

void recompute_layout(RunLayout& layout) {
  layout.width.clear();
  layout.offset.clear();
  int offset = 0;
  for (const SeriesSpec& spec : layout.series) {
    const int w = expected_width(layout, spec.dim);
    layout.width.push_back(w);
    layout.offset.push_back(offset);
    offset += w;
  }
  layout.frame_size = offset;
}

void validate(const Results& results) {
  const RunLayout& l = results.layout;
  const std::size_t n = l.series.size();
  if (results.values.size() != n)
    throw OutputError("inconsistent results: " + std::to_string(n) + " series but " +
                      std::to_string(results.values.size()) + " value arrays");
  if (l.width.size() != n || l.offset.size() != n)
    throw OutputError("inconsistent results: the layout's widths and offsets do not match its " +
                      std::to_string(n) + " series");
  for (const Date& d : l.period_ends)
    if (d.is_special())
      throw OutputError("inconsistent results: a period end is not a calendar date");

  std::set<std::string> names;
  int offset = 0;
  const std::size_t periods = l.period_ends.size();
  for (std::size_t i = 0; i < n; ++i) {
    const SeriesSpec& spec = l.series[i];
    check_name(spec.name, "series");
    if (!names.insert(spec.name).second)
      throw OutputError("duplicate series name '" + spec.name + "'");
    const int w = expected_width(l, spec.dim);
    if (l.width[i] != w || l.offset[i] != offset)
      throw OutputError("inconsistent results: series '" + spec.name + "' has width " +
                        std::to_string(l.width[i]) + " at offset " + std::to_string(l.offset[i]) +
                        ", its dimensions give width " + std::to_string(w) + " at offset " +
                        std::to_string(offset));
    offset += w;
    const std::size_t expected = periods * static_cast<std::size_t>(w);
    if (results.values[i].size() != expected)
      throw OutputError("inconsistent results: series '" + spec.name + "' has " +
                        std::to_string(results.values[i].size()) + " values, expected " +
                        std::to_string(expected) + " (" + std::to_string(periods) + " periods x " +
                        std::to_string(w) + ")");
  }
  if (l.frame_size != offset)
    throw OutputError("inconsistent results: frame size " + std::to_string(l.frame_size) +
                      ", the series need " + std::to_string(offset));

  std::set<std::string> kpi_names;
  for (const Kpi& k : results.kpis) {
    check_name(k.name, "KPI");
    if (!kpi_names.insert(k.name).second) throw OutputError("duplicate KPI name '" + k.name + "'");
  }
}

std::string dims_attribute(SeriesDim dim) {
  switch (dim) {
    case SeriesDim::total:
      return "time";
    case SeriesDim::segment:
      return "time,segment";
    case SeriesDim::pool:
      return "time,pool";
    case SeriesDim::years_since_status:
      return "time,years_since_status";
  }
  return "time";
}

std::optional<SeriesDim> parse_dims_attribute(std::string_view text) {
  if (text == "time") return SeriesDim::total;
  if (text == "time,segment") return SeriesDim::segment;
  if (text == "time,pool") return SeriesDim::pool;
  if (text == "time,years_since_status") return SeriesDim::years_since_status;
  return std::nullopt;
}

std::optional<SeriesKind> parse_kind(std::string_view text) {
  for (SeriesKind k : {SeriesKind::stock, SeriesKind::flow, SeriesKind::rate})
    if (text == to_string(k)) return k;
  return std::nullopt;
}

const std::string& column_label(const RunLayout& layout, SeriesDim dim, int column) {
  static const std::string total = "total";
  switch (dim) {
    case SeriesDim::total:
      return total;
    case SeriesDim::segment:
      return layout.segments.at(static_cast<std::size_t>(column));
    case SeriesDim::pool:
      return layout.pools.at(static_cast<std::size_t>(column));
    case SeriesDim::years_since_status:
      return layout.years_since_status.at(static_cast<std::size_t>(column));
  }
  return total;
}

}  // namespace chainsim::output::detail
