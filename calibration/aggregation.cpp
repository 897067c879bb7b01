#include "chainsim/calibration/aggregation.hpp"

#include <algorithm>

namespace chainsim::calibration {

namespace {

Date period_start(const PeriodGrid& grid, std::size_t p) {
  return p == 0 ? grid.start : grid.ends[p - 1] + boost::gregorian::days(1);
}

// The model periods [first, last] that exactly tile [first_day, last_day], or a reason.
struct Tiling {
  std::size_t first = 0, last = 0;
  std::string problem;
};

Tiling tile(const PeriodGrid& grid, Date first_day, Date last_day) {
  Tiling t;
  if (grid.ends.empty() || first_day < grid.start || last_day > grid.ends.back()) {
    t.problem = "the period " + to_iso(first_day) + " .. " + to_iso(last_day) +
                " is not inside the simulated periods";
    return t;
  }
  bool found_first = false, found_last = false;
  for (std::size_t p = 0; p < grid.ends.size(); ++p) {
    if (period_start(grid, p) == first_day) t.first = p, found_first = true;
    if (grid.ends[p] == last_day) t.last = p, found_last = true;
  }
  if (!found_first || !found_last || t.last < t.first) {
    t.problem = "the period " + to_iso(first_day) + " .. " + to_iso(last_day) +
                " is not a whole number of the model's reporting periods";
  }
  return t;
}

Aggregated stock_at(std::span<const double> values, const PeriodGrid& grid, Date day) {
  const auto& ends = grid.ends;
  if (ends.empty() || day < ends.front() || day > ends.back()) {
    return {std::nullopt, "the stock on " + to_iso(day) +
                              " lies outside the simulated period ends (the first model value is "
                              "at the end of the first reporting period)"};
  }
  const auto it = std::lower_bound(ends.begin(), ends.end(), day);
  const std::size_t p = static_cast<std::size_t>(it - ends.begin());
  if (*it == day) return {values[p], {}};
  // Linear in days between the ends of periods p-1 and p.
  const double span = static_cast<double>((ends[p] - ends[p - 1]).days());
  const double w = static_cast<double>((day - ends[p - 1]).days()) / span;
  return {(1.0 - w) * values[p - 1] + w * values[p], {}};
}

}  // namespace

Aggregated aggregate(std::span<const double> values, const PeriodGrid& grid, SeriesKind kind,
                     Date first_day, Date last_day) {
  if (kind == SeriesKind::stock) {
    // A stock reported for a month, quarter or year is its value at the period's end: the model
    // must have a period ending that day. Only dated snapshots are interpolated between period
    // ends (an end-of-month stock against a weekly model would silently be a blend of two weeks).
    if (first_day != last_day && !std::binary_search(grid.ends.begin(), grid.ends.end(), last_day))
      return {std::nullopt, "the stock at the end of " + to_iso(first_day) + " .. " +
                                to_iso(last_day) +
                                " is not at the end of a model reporting period"};
    return stock_at(values, grid, last_day);
  }
  if (kind == SeriesKind::rate && first_day == last_day) {
    for (std::size_t p = 0; p < grid.ends.size(); ++p)
      if (period_start(grid, p) <= first_day && first_day <= grid.ends[p]) return {values[p], {}};
    return {std::nullopt, to_iso(first_day) + " is not inside the simulated periods"};
  }
  const Tiling t = tile(grid, first_day, last_day);
  if (!t.problem.empty()) return {std::nullopt, t.problem};
  double sum = 0.0;
  for (std::size_t p = t.first; p <= t.last; ++p) sum += values[p];
  if (kind == SeriesKind::flow) return {sum, {}};
  return {sum / static_cast<double>(t.last - t.first + 1), {}};
}

}  // namespace chainsim::calibration
