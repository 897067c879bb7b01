#include "summary_table.hpp"

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "chainsim/model/calendar.hpp"

namespace chainsim::cli {

namespace {

struct Column {
  const char* series;
  const char* header;  // two lines: title and unit
  const char* unit;
  double scale;        // e.g. 100 for a share shown in %
};

// Data, not code: the columns of the summary.
constexpr Column kColumns[] = {
    {"applications", "applied", "persons", 1.0},
    {"cgrs_decisions_persons", "decided", "persons", 1.0},
    {"cgrs_pending_persons", "CGRS pending", "persons", 1.0},
    {"cgrs_wait_mean_days", "wait to decision", "days", 1.0},
    {"reception_occupied", "in reception", "persons", 1.0},
    {"reception_occupancy_rate", "occupancy", "%", 100.0},
    {"waiting_list", "waiting list", "persons", 1.0},
    {"not_accommodated", "not accommodated", "persons", 1.0},
};

std::string number(double v) {
  if (std::isnan(v)) return "-";
  return fmt::format("{:.0f}", v);
}

bool show_row(const Results& r, int p) {
  const int n = r.periods();
  if (n <= 36 || p < 24 || p == n - 1) return true;
  const Date end = r.layout.period_ends[p];
  return end.month() == 12 && end.day() == 31;
}

}  // namespace

void print_summary(std::ostream& out, const Results& r) {
  std::string header1 = fmt::format("{:<12}", "period end");
  std::string header2 = fmt::format("{:<12}", "");
  for (const Column& c : kColumns) {
    header1 += fmt::format(" {:>16}", c.header);
    header2 += fmt::format(" {:>16}", fmt::format("[{}]", c.unit));
  }
  out << header1 << '\n' << header2 << '\n';
  bool skipped = false;
  for (int p = 0; p < r.periods(); ++p) {
    if (!show_row(r, p)) {
      skipped = true;
      continue;
    }
    std::string row = fmt::format("{:<12}", to_iso(r.layout.period_ends[p]));
    for (const Column& c : kColumns) row += fmt::format(" {:>16}", number(r.at(c.series, p) * c.scale));
    out << row << '\n';
  }
  if (skipped) out << "(after the first 24 periods, one row per year end; all periods are in the result file)\n";
  out << "\nKey indicators\n";
  for (const Kpi& k : r.kpis) {
    const bool share = k.unit == "1";
    const double v = share ? 100.0 * k.value : k.value;
    std::string value = "-";
    if (!std::isnan(v)) value = std::abs(v) >= 100.0 ? fmt::format("{:.0f}", v) : fmt::format("{:.1f}", v);
    out << fmt::format("  {:<30} {:>14} {}\n", k.name, value, share ? "%" : k.unit);
  }
}

}  // namespace chainsim::cli
