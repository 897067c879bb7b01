#pragma once
// The time grid of a run: calendar dates, steps and reporting periods.
//
// Steps never straddle a reporting period: a week that would cross a month end is cut there, so
// every period is an exact union of steps, flows sum exactly and stocks are sampled exactly at
// period end. Step lengths may therefore vary (a monthly step is a calendar month); every rate is
// applied per day of the step, which keeps results consistent as the step shrinks.
#include <algorithm>
#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chainsim {

using Date = boost::gregorian::date;

enum class StepUnit { day, week, month };
enum class ReportUnit { day, week, month, quarter, year };

std::string to_string(StepUnit u);
std::string to_string(ReportUnit u);
std::optional<StepUnit> parse_step_unit(std::string_view text);
std::optional<ReportUnit> parse_report_unit(std::string_view text);
// Strict ISO 8601 calendar date YYYY-MM-DD; nullopt for anything else (including 2025-02-30).
std::optional<Date> parse_iso_date(std::string_view text);
std::string to_iso(Date d);
// Nominal length of a step unit in days (a month is the average Gregorian month).
double nominal_days(StepUnit u);

struct TimeSettings {
  Date start{2025, 1, 1};
  Date end{2026, 12, 31};  // last simulated day, inclusive
  StepUnit step = StepUnit::week;
  ReportUnit report = ReportUnit::month;
};

class Calendar {
 public:
  explicit Calendar(const TimeSettings& settings);

  const TimeSettings& settings() const { return settings_; }
  int steps() const { return grid_steps_; }
  int periods() const { return static_cast<int>(period_end_.size()); }

  // Days since the start date; step k covers [begin_day(k), end_day(k)).
  // Inside the grid these are table look-ups (the engine asks for them many times per step).
  double begin_day(int k) const { return in_grid(k) ? begin_[k] : extended_begin_day(k); }
  double end_day(int k) const { return begin_day(k + 1); }
  double length(int k) const { return in_grid(k) ? width_[k] : end_day(k) - begin_day(k); }
  // Midpoint of step k; for k < 0 the grid is extended backwards with the nominal step length,
  // so that initial stocks can be given an age before the start.
  double mid_day(int k) const { return in_grid(k) ? mid_[k] : begin_day(k) + 0.5 * width(k); }
  // Length of step k; before the start the nominal length; after the end, the steps a longer
  // horizon would have (for a year, then nominal).
  double width(int k) const {
    if (in_grid(k)) return width_[k];
    return k < 0 ? nominal_ : extended_begin_day(k + 1) - extended_begin_day(k);
  }

  int period_of_step(int k) const { return step_period_[k]; }
  bool ends_period(int k) const { return k + 1 == steps() || step_period_[k + 1] != step_period_[k]; }
  Date period_end(int p) const { return period_end_[p]; }  // last day of period p, inclusive
  const std::vector<Date>& period_ends() const { return period_end_; }

  // Where a delay of `delay_days` started in step k ends: the step j with
  // mid_day(j) <= mid_day(k) + delay <= mid_day(j+1), and the share that falls in j+1 (linear
  // interpolation between the two midpoints), so that the mean delay is exact on any grid.
  struct DelayTarget {
    int step;
    double share_next;
  };
  DelayTarget delay_target(int k, double delay_days) const;
  // The same, given a step `hint` with mid_day(hint) <= mid_day(k) + delay (e.g. the answer for
  // an earlier step with the same delay): the search starts there. Targets move with k by about
  // one step, so inside the grid the hint or the step after it is tried first, inline.
  DelayTarget delay_target(int k, double delay_days, int hint) const {
    if (in_grid(k) && hint >= k && hint + 2 < mids_) {
      const double target = mid_[k] + std::max(delay_days, 0.0);
      if (mid_[hint] <= target) {
        if (target < mid_[hint + 1]) return between_midpoints(hint, target);
        if (target < mid_[hint + 2]) return between_midpoints(hint + 1, target);
      }
    }
    return search_delay_target(k, delay_days, hint);
  }

  // The step whose [begin, end) holds `day`; before the start, the nominal grid's step.
  int step_at_day(double day) const;

  Date date_of_day(double day) const;
  double day_of_date(Date d) const { return static_cast<double>((d - settings_.start).days()); }
  // Integer first day of step k, as a date.
  Date step_begin_date(int k) const;

 private:
  bool in_grid(int k) const { return static_cast<unsigned>(k) < static_cast<unsigned>(grid_steps_); }
  // delay_target's answer j for a `target` day with mid_[j] <= target < mid_[j + 1].
  DelayTarget between_midpoints(int j, double target) const {
    const double share = (target - mid_[j]) / (mid_[j + 1] - mid_[j]);
    return {j, share <= 1e-12 ? 0.0 : share};
  }
  DelayTarget search_delay_target(int k, double delay_days, int hint) const;
  double extended_begin_day(int k) const;  // begin_day outside [0, steps())
  void reserve_steps(long days, long inside);

  static constexpr int kTailDays = 366;  // how far past the end the grid is cut like the inside

  TimeSettings settings_;
  double nominal_ = 1.0;         // nominal_days(settings_.step)
  std::vector<int> step_begin_;  // size steps()+1, days since start
  std::vector<int> tail_begin_;  // first days of steps steps()+1 ... in the year after the end
  // Per step k in [0, steps()): begin day, length and midpoint, precomputed. mid_ goes on over
  // the tail (the values mid_day computes there), where delays entered near the end arrive.
  std::vector<double> begin_, width_, mid_;
  // steps() (the size of begin_, width_ and step_period_) and the size of mid_, kept apart: the
  // inline look-ups test them at every call, and a size is a subtraction and a shift.
  int grid_steps_ = 0, mids_ = 0;
  std::vector<int> step_period_;
  std::vector<int> step_of_day_;  // [d] the step holding day d, for every day of the grid
  std::vector<Date> period_end_;
};

}  // namespace chainsim
