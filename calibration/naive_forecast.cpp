#include "chainsim/calibration/naive_forecast.hpp"

#include <limits>

namespace chainsim::calibration {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const Observation* find_period(std::span<const Observation> all, Date start, Date end) {
  for (const Observation& o : all)
    if (o.start == start && o.end == end) return &o;
  return nullptr;
}

}  // namespace

std::vector<double> naive_last(std::span<const Observation> all,
                               std::span<const Observation> window, Date origin_end) {
  double last = kNaN;
  for (const Observation& o : all)
    if (o.end <= origin_end) last = o.value;  // sorted by start: the latest one wins
  return std::vector<double>(window.size(), last);
}

std::vector<double> naive_seasonal(std::span<const Observation> all,
                                   std::span<const Observation> window, Date origin_end) {
  std::vector<double> out;
  for (const Observation& w : window) {
    Date start = w.start, end = w.end;
    // Back one year at a time until the period was known at the origin.
    do {
      start -= boost::gregorian::years(1);
      end = w.start == w.end ? start
                             : (end + boost::gregorian::days(1) - boost::gregorian::years(1)) -
                                   boost::gregorian::days(1);
    } while (end > origin_end);
    const Observation* o = find_period(all, start, end);
    out.push_back(o ? o->value : kNaN);
  }
  return out;
}

}  // namespace chainsim::calibration
