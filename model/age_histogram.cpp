#include "chainsim/model/age_histogram.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace chainsim {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

void AgeHistogram::add(double center_days, double width_days, double weight) {
  if (!(weight > 0.0)) return;
  const double half = 0.5 * std::max(width_days, 0.0);
  // Ages are never negative: persons served in the step they entered waited between zero and
  // half a step, not a negative time.
  const Bin bin{std::max(center_days - half, 0.0), std::max(center_days + half, 0.0), weight};
  // Served persons of one cohort arrive in several steps of one period; merging identical bins
  // keeps the histogram as small as the number of distinct cohorts.
  if (!bins_.empty() && bins_.back().lo == bin.lo && bins_.back().hi == bin.hi) {
    bins_.back().weight += weight;
  } else {
    if (!bins_.empty() && bin.lo < bins_.back().lo) sorted_ = false;
    bins_.push_back(bin);
  }
  total_ += weight;
}

void AgeHistogram::merge(const AgeHistogram& other) {
  for (const Bin& b : other.bins_) {
    bins_.push_back(b);
    total_ += b.weight;
  }
  sorted_ = false;
}

void AgeHistogram::sort_if_needed() const {
  if (sorted_) return;
  std::sort(bins_.begin(), bins_.end(), [](const Bin& a, const Bin& b) {
    return a.lo < b.lo || (a.lo == b.lo && a.hi < b.hi);
  });
  sorted_ = true;
}

double AgeHistogram::mean() const {
  if (empty()) return kNaN;
  double sum = 0.0;
  for (const Bin& b : bins_) sum += b.weight * 0.5 * (b.lo + b.hi);
  return sum / total_;
}

double AgeHistogram::quantile(double q) const {
  if (empty()) return kNaN;
  sort_if_needed();
  // Bins may overlap (cohorts of unequal width); for the cohort grid used by the engine they do
  // not, and walking them in order of their lower edge is exact.
  const double target = std::clamp(q, 0.0, 1.0) * total_;
  double cum = 0.0;
  for (const Bin& b : bins_) {
    if (cum + b.weight >= target) {
      if (b.hi <= b.lo) return b.lo;
      return b.lo + (b.hi - b.lo) * (target - cum) / b.weight;
    }
    cum += b.weight;
  }
  return bins_.back().hi;
}

double AgeHistogram::weight_older_than(double threshold_days) const {
  double older = 0.0;
  for (const Bin& b : bins_) {
    if (b.lo >= threshold_days) {
      older += b.weight;
    } else if (b.hi > threshold_days) {
      older += b.weight * (b.hi - threshold_days) / (b.hi - b.lo);
    }
  }
  return older;
}

double AgeHistogram::share_older_than(double threshold_days) const {
  if (empty()) return kNaN;
  return weight_older_than(threshold_days) / total_;
}

}  // namespace chainsim
