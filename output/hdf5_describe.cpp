// The text `chainsim inspect` prints for a result file.
#include <fmt/format.h>

#include <cmath>
#include <vector>

#include "chainsim/output/hdf5_results.hpp"
#include "results_check.hpp"

namespace chainsim::output {

namespace {

// Display width of UTF-8 text (code points; good enough for aligned columns).
std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  return n;
}

std::string pad(const std::string& s, std::size_t width) {
  const std::size_t w = display_width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

// Rows of cells, left-aligned, two spaces between columns; the last column is not padded.
void append_table(std::string& out, const std::vector<std::vector<std::string>>& rows) {
  if (rows.empty()) return;
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], display_width(row[c]));
  for (const auto& row : rows) {
    std::string line = "  ";
    for (std::size_t c = 0; c < row.size(); ++c)
      line += c + 1 < row.size() ? pad(row[c], widths[c] + 2) : row[c];
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + '\n';
  }
}

// Whole numbers in full, large ones to one decimal, small ones to four significant digits.
std::string format_value(double v) {
  if (!std::isfinite(v)) return fmt::format("{}", v);
  if (v == std::trunc(v) && std::fabs(v) < 1e15) return fmt::format("{:.0f}", v);
  if (std::fabs(v) >= 1000.0) return fmt::format("{:.1f}", v);
  return fmt::format("{:.4g}", v);
}

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) s += (i > 0 ? ", " : "") + items[i];
  return s;
}

}  // namespace

std::string describe_hdf5(const std::filesystem::path& path) {
  const StoredRun run = read_hdf5(path);
  const RunMetadata& m = run.meta;
  const RunLayout& l = run.results.layout;
  std::string out =
      fmt::format("{}: chainsim result, format version {}\n", path.string(), run.format_version);
  std::string periods = std::to_string(l.period_ends.size());
  if (!l.period_ends.empty())
    periods += fmt::format(" (period ends {} .. {})", to_iso(l.period_ends.front()),
                           to_iso(l.period_ends.back()));
  append_table(
      out,
      {{"scenario_name", m.scenario_name},
       {"scenario_file", m.scenario_file},
       {"chainsim_version", m.chainsim_version},
       {"git_commit", m.git_commit},
       {"created_utc", m.created_utc},
       {"seed", std::to_string(m.seed)},
       {"periods", periods},
       {"segments", fmt::format("{} ({} origins x {} profiles)", l.segments.size(),
                                l.origins.size(), l.profiles.size())},
       {"pools", l.pools.empty() ? "0" : fmt::format("{}: {}", l.pools.size(), join(l.pools))}});

  out += fmt::format("\nseries ({}):\n", l.series.size());
  std::vector<std::vector<std::string>> rows{
      {"name", "kind", "unit", "shape", "dims", "description"}};
  for (std::size_t i = 0; i < l.series.size(); ++i) {
    const SeriesSpec& s = l.series[i];
    const std::string shape = s.dim == SeriesDim::total
                                  ? fmt::format("[{}]", l.period_ends.size())
                                  : fmt::format("[{}, {}]", l.period_ends.size(), l.width[i]);
    rows.push_back(
        {s.name, to_string(s.kind), s.unit, shape, detail::dims_attribute(s.dim), s.description});
  }
  append_table(out, rows);

  out += fmt::format("\nKPIs ({}):\n", run.results.kpis.size());
  rows = {{"name", "value", "unit", "description"}};
  for (const Kpi& k : run.results.kpis)
    rows.push_back({k.name, format_value(k.value), k.unit, k.description});
  append_table(out, rows);
  return out;
}

}  // namespace chainsim::output
