#include "chainsim/model/officer_stock.hpp"

#include <algorithm>
#include <cmath>
#include <span>

namespace chainsim {

OfficerStock::OfficerStock(const Calendar& calendar, const Cgrs& cgrs)
    : calendar_(calendar), trained_(cgrs.officers), recruiting_(calendar, 1), training_(calendar, 1) {}

double OfficerStock::CachedPow::find_or_add(double base, double days, double days_per_unit) {
  for (int i = 0; i < count_; ++i)
    if (entries_[i].holds(base, days)) {
      last_ = i;
      return entries_[i].value;
    }
  if (count_ < kEntries) {
    last_ = count_++;
  } else {
    last_ = next_;
    next_ = (next_ + 1) % kEntries;
  }
  entries_[last_] = {base, days, std::pow(base, days / days_per_unit)};
  return entries_[last_].value;
}

double OfficerStock::step(int k, const Cgrs& cg) {
  const double days = calendar_.length(k);
  // Attrition first, as a hazard over the step.
  const double leave_share =
      1.0 - stay_.of(1.0 - std::clamp(cg.attrition_per_year, 0.0, 1.0), days, kDaysPerYear);
  trained_ -= trained_ * leave_share;

  // Hire the gap to the target, then move recruits into training and trainees into service;
  // a zero delay therefore takes effect in the same step.
  // Each line has one lane: its total is the lane's (what total() sums, 0 + total, is that
  // value: lane totals are never -0), without a loop.
  const double staff = trained_ + training_.lane_total(0) + recruiting_.lane_total(0);
  // A freeze of f leaves the share f of the gap unfilled per month (1: none hired, 0: the whole
  // gap at once), so a partial freeze means the same on any step.
  const double unfilled = unfilled_.of(std::clamp(cg.hiring_freeze, 0.0, 1.0), days, kDaysPerMonth);
  const double gap = std::max(0.0, cg.target_officers - staff) * (1.0 - unfilled);
  if (gap > 0.0) recruiting_.add(k, cg.recruitment_delay.days(), 0, gap);
  double started = 0.0;
  double finished = 0.0;
  recruiting_.take(k, std::span<double>(&started, 1));
  training_.add(k, cg.training.days(), 0, started);
  training_.take(k, std::span<double>(&finished, 1));
  trained_ += finished;
  const double trainees = training_.lane_total(0);

  const double productive = trained_ + cg.training_productivity * trainees;
  return productive * cg.decisions_per_officer_per_month * cg.productivity * days / kDaysPerMonth;
}

}  // namespace chainsim
