#include "chainsim/model/calendar.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <algorithm>
#include <utility>

namespace chainsim {

namespace {

using boost::gregorian::date_duration;
using boost::gregorian::months;

constexpr std::pair<std::string_view, StepUnit> kStepNames[] = {
    {"day", StepUnit::day}, {"week", StepUnit::week}, {"month", StepUnit::month}};
constexpr std::pair<std::string_view, ReportUnit> kReportNames[] = {
    {"day", ReportUnit::day},         {"week", ReportUnit::week}, {"month", ReportUnit::month},
    {"quarter", ReportUnit::quarter}, {"year", ReportUnit::year}};

// First day after the period (of the report unit) that contains `d`; weeks count from `start`.
Date next_period_start(Date d, ReportUnit unit, Date start) {
  switch (unit) {
    case ReportUnit::day: return d + date_duration(1);
    case ReportUnit::week: {
      const long since = (d - start).days();
      return start + date_duration((since / 7 + 1) * 7);
    }
    // The day after the month's last: one conversion of d to year, month and day, no month
    // arithmetic (the same date as the first of the month plus one month).
    case ReportUnit::month: return d.end_of_month() + date_duration(1);
    case ReportUnit::quarter: {
      const auto ymd = d.year_month_day();
      const int q0 = (ymd.month - 1) / 3 * 3 + 1;
      return Date(ymd.year, static_cast<unsigned short>(q0), 1) + months(3);
    }
    case ReportUnit::year: return Date(static_cast<unsigned short>(d.year() + 1), 1, 1);
  }
  throw std::logic_error("unknown report unit");
}

// First day (days since `start`) of the natural step after the one that begins on `day`, the
// step_index-th. Days and weeks are a fixed number of days; months are counted from the start
// date so that a start on the 31st does not drift.
long next_step_day(long day, StepUnit unit, Date start, int step_index) {
  switch (unit) {
    case StepUnit::day: return day + 1;
    case StepUnit::week: return day + 7;
    case StepUnit::month: return (start + months(step_index + 1) - start).days();
  }
  throw std::logic_error("unknown step unit");
}

}  // namespace

std::string to_string(StepUnit u) {
  for (const auto& [name, v] : kStepNames)
    if (v == u) return std::string(name);
  return "?";
}

std::string to_string(ReportUnit u) {
  for (const auto& [name, v] : kReportNames)
    if (v == u) return std::string(name);
  return "?";
}

std::optional<StepUnit> parse_step_unit(std::string_view text) {
  for (const auto& [name, v] : kStepNames)
    if (text == name) return v;
  return std::nullopt;
}

std::optional<ReportUnit> parse_report_unit(std::string_view text) {
  for (const auto& [name, v] : kReportNames)
    if (text == name) return v;
  return std::nullopt;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t pos, std::size_t len, int& out) {
    const char* b = text.data() + pos;
    const char* e = b + len;
    for (const char* p = b; p != e; ++p)
      if (*p < '0' || *p > '9') return false;
    return std::from_chars(b, e, out).ec == std::errc();
  };
  int y = 0, m = 0, d = 0;
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
  if (y < 1400 || y > 9999 || m < 1 || m > 12 || d < 1) return std::nullopt;
  const int last = boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(y), static_cast<unsigned short>(m));
  if (d > last) return std::nullopt;
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}

std::string to_iso(Date d) {
  char buf[32];  // room for any int fields, which keeps -Wformat-truncation quiet
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year()),
                static_cast<int>(d.month()), static_cast<int>(d.day()));
  return buf;
}

double nominal_days(StepUnit u) {
  switch (u) {
    case StepUnit::day: return 1.0;
    case StepUnit::week: return 7.0;
    case StepUnit::month: return 365.2425 / 12.0;
  }
  return 1.0;
}

Calendar::Calendar(const TimeSettings& settings) : settings_(settings) {
  if (settings.end < settings.start) throw std::invalid_argument("time.end is before time.start");
  const Date stop = settings.end + date_duration(1);  // first day not simulated
  // The grid goes on past the end exactly as a longer horizon would cut it, for a year: a delay
  // that ends just after the horizon then splits between the last step and the next as it would
  // in a longer run, so the last period does not depend on where the horizon stops.
  const Date tail_stop = stop + date_duration(kTailDays);
  // The grid is cut in day numbers (days since the start): comparing and taking the smaller of two
  // dates is dearer than of two numbers, and the steps are many. Calendar arithmetic is left for
  // the ends of report periods and of months.
  const Date start = settings.start;
  auto day_of = [&](Date d) { return (d - start).days(); };
  const long stop_day = day_of(stop);
  const long tail_stop_day = day_of(tail_stop);
  reserve_steps(tail_stop_day, stop_day);
  long step_start = 0;
  long next_natural = next_step_day(step_start, settings.step, start, 0);
  // Days and weeks add a fixed number of days (0 for months): worked out here, in the loop.
  const long fixed_step = settings.step == StepUnit::month ? 0 : next_natural;
  int natural_index = 0;
  step_begin_.push_back(0);
  // The end of the report period holding step_start: the same for every day of the period, so
  // worked out (calendar arithmetic) only when a step starts a new one.
  long natural_period_stop = step_start;
  while (step_start < tail_stop_day) {
    if (!(step_start < natural_period_stop))
      natural_period_stop = day_of(next_period_start(start + date_duration(step_start), settings.report, start));
    const long period_stop = step_start < stop_day ? std::min(natural_period_stop, stop_day) : natural_period_stop;
    const long step_stop = std::min(next_natural, period_stop);
    const int begin = static_cast<int>(step_stop);
    if (step_start < stop_day) {
      step_period_.push_back(static_cast<int>(period_end_.size()));
      step_begin_.push_back(begin);
      if (step_stop == period_stop) period_end_.push_back(start + date_duration(step_stop - 1));
    } else {
      tail_begin_.push_back(begin);
    }
    if (step_stop == next_natural) {
      ++natural_index;
      next_natural = fixed_step > 0 ? next_natural + fixed_step
                                    : next_step_day(next_natural, settings.step, start, natural_index);
    }
    step_start = step_stop;
  }
  grid_steps_ = static_cast<int>(step_period_.size());
  nominal_ = nominal_days(settings.step);
  for (int k = 0; k < steps(); ++k) {
    const double b = step_begin_[k];
    const double len = static_cast<double>(step_begin_[k + 1]) - b;
    begin_.push_back(b);
    width_.push_back(len);
    mid_.push_back(b + 0.5 * len);
  }
  // Steps steps() ... of the tail: the next step's first day is known for all but the last.
  const int tail_steps = static_cast<int>(tail_begin_.size());
  for (int k = steps(); k < steps() + tail_steps; ++k) mid_.push_back(mid_day(k));
  mids_ = static_cast<int>(mid_.size());
  // Appended step by step rather than sized first: no pass to clear the table beforehand. A step
  // of one day (every step of a daily run) is one push_back, cheaper than a general insert.
  step_of_day_.reserve(static_cast<std::size_t>(step_begin_.back()));
  for (int k = 0; k < steps(); ++k) {
    const int days = step_begin_[k + 1] - step_begin_[k];
    if (days == 1)
      step_of_day_.push_back(k);
    else
      step_of_day_.insert(step_of_day_.end(), static_cast<std::size_t>(days), k);
  }
}

// Room for the steps of a grid of `days` days, `inside` of them before the end (the rest is the
// tail): a stretch of d days holds at most one step per shortest natural step and one more per
// report period that cuts one. The constructor then appends without growing its tables again
// and again.
void Calendar::reserve_steps(long days, long inside) {
  constexpr long kShortestStep[] = {1, 7, 28};             // day, week, month
  constexpr long kShortestPeriod[] = {1, 7, 28, 89, 365};  // day, week, month, quarter, year
  const long step_days = kShortestStep[static_cast<int>(settings_.step)];
  const long period_days = kShortestPeriod[static_cast<int>(settings_.report)];
  auto at_most = [&](long d) { return static_cast<std::size_t>(d / step_days + d / period_days + 2); };
  const std::size_t grid = at_most(inside);
  step_begin_.reserve(grid + 1);
  step_period_.reserve(grid);
  period_end_.reserve(static_cast<std::size_t>(inside / period_days + 2));
  tail_begin_.reserve(at_most(days - inside));
  begin_.reserve(grid);
  width_.reserve(grid);
  mid_.reserve(grid + at_most(days - inside));
}

double Calendar::extended_begin_day(int k) const {
  if (k < 0) return static_cast<double>(k) * nominal_;
  if (k < static_cast<int>(step_begin_.size())) return step_begin_[k];
  // tail_begin_[i] is the first day of step steps() + 1 + i; nominal steps after the tail.
  const int i = k - steps() - 1;
  if (i < static_cast<int>(tail_begin_.size())) return tail_begin_[static_cast<std::size_t>(i)];
  return tail_begin_.back() + (i - static_cast<int>(tail_begin_.size()) + 1) * nominal_;
}

Calendar::DelayTarget Calendar::delay_target(int k, double delay_days) const {
  return delay_target(k, delay_days, k);
}

// The general case of delay_target: before or past the grid, or a hint more than one step short.
Calendar::DelayTarget Calendar::search_delay_target(int k, double delay_days, int hint) const {
  const double target = mid_day(k) + std::max(delay_days, 0.0);
  // Search over the midpoints of the grid; past the end the grid has nominal steps.
  int j = k;
  if (k >= 0 && k < steps() && target < mid_day(steps() - 1)) {
    // The last midpoint <= target, searched in (k, steps()-1): mid(k) <= target < mid(last).
    // A hint (an earlier answer for the same delay) is usually one or two steps short of it.
    const int last = steps() - 2;
    int from = k;
    if (hint > k && hint <= last && mid_[hint] <= target) from = hint;
    for (int walked = 0; walked < 4 && from < last && mid_[from + 1] <= target; ++walked) ++from;
    j = from;
    if (from < last && mid_[from + 1] <= target) {
      const auto after = std::upper_bound(mid_.begin() + from + 1, mid_.begin() + last + 1, target);
      j = static_cast<int>(after - mid_.begin()) - 1;
    }
  } else {
    if (k < steps() && k >= 0) j = steps() - 1;
    if (hint > j && mid_day(hint) <= target) j = hint;  // midpoints increase: still short of it
    while (mid_day(j + 1) <= target) ++j;
  }
  const double m0 = mid_day(j);
  const double m1 = mid_day(j + 1);
  const double share = (target - m0) / (m1 - m0);
  if (share <= 1e-12) return {j, 0.0};
  return {j, share};
}

int Calendar::step_at_day(double day) const {
  // Steps begin on whole days: inside the grid the day's whole part finds the step.
  if (day >= 0.0 && day < static_cast<double>(step_of_day_.size()))
    return step_of_day_[static_cast<std::size_t>(day)];
  if (day < 0.0) return static_cast<int>(std::floor(day / nominal_days(settings_.step)));
  const auto it = std::upper_bound(step_begin_.begin(), step_begin_.end(), day);
  const int k = static_cast<int>(it - step_begin_.begin()) - 1;
  if (k < steps()) return k;
  // After the end: the steps of the tail (tail_begin_[i] begins step steps() + 1 + i), then nominal.
  const auto t = std::upper_bound(tail_begin_.begin(), tail_begin_.end(), day);
  const int i = static_cast<int>(t - tail_begin_.begin());
  if (i < static_cast<int>(tail_begin_.size())) return steps() + i;
  return steps() + i + static_cast<int>(std::floor((day - tail_begin_.back()) / nominal_));
}

Date Calendar::step_begin_date(int k) const {
  return settings_.start + date_duration(static_cast<long>(begin_day(k)));
}

Date Calendar::date_of_day(double day) const {
  return settings_.start + date_duration(static_cast<long>(std::floor(day)));
}

}  // namespace chainsim
