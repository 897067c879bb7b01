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
    bins_.push_back(bin);
  }
  total_ += weight;
}

void AgeHistogram::merge(const AgeHistogram& other) {
  for (const Bin& b : other.bins_) {
    bins_.push_back(b);
    total_ += b.weight;
  }
}

double AgeHistogram::mean() const {
  if (empty()) return kNaN;
  double sum = 0.0;
  for (const Bin& b : bins_) sum += b.weight * 0.5 * (b.lo + b.hi);
  return sum / total_;
}

namespace {

// Quantile of bins that follow each other in age without overlapping, walked youngest first:
// no sort, the cumulative weight is enough.
template <class It>
double walk_ordered(It first, It last, double target) {
  double cum = 0.0;
  double x = 0.0;
  for (; first != last; ++first) {
    const auto& b = *first;
    if (cum + b.weight >= target) return b.hi > b.lo ? b.lo + (target - cum) / b.weight * (b.hi - b.lo) : b.lo;
    cum += b.weight;
    x = b.hi;
  }
  return x;
}

// Overlaps below this many days (rounding of abutting cohort intervals) count as none.
bool before(double hi, double next_lo) { return hi <= next_lo + 1e-9 * std::max(1.0, std::abs(next_lo)); }

}  // namespace

bool AgeHistogram::ordered_ascending() const {
  for (std::size_t i = 1; i < bins_.size(); ++i)
    if (!before(bins_[i - 1].hi, bins_[i].lo)) return false;
  return true;
}

bool AgeHistogram::ordered_descending() const {
  for (std::size_t i = 1; i < bins_.size(); ++i)
    if (!before(bins_[i].hi, bins_[i - 1].lo)) return false;
  return true;
}

double AgeHistogram::quantile(double q) const {
  if (empty()) return kNaN;
  // Queue ages come in cohort order (no overlap): a linear walk; otherwise the general mixture.
  const double wanted = std::clamp(q, 0.0, 1.0) * total_;
  if (ordered_descending()) return walk_ordered(bins_.rbegin(), bins_.rend(), wanted);
  if (ordered_ascending()) return walk_ordered(bins_.begin(), bins_.end(), wanted);
  // The distribution is a mixture of uniform bins (and point masses), which may overlap: walk
  // the bin edges in order, with the density of the bins covering each interval, so that the
  // quantile does not depend on the order of the bins.
  std::vector<Edge>& edges = edges_;
  edges.clear();
  for (const Bin& b : bins_) {
    if (b.hi > b.lo) {
      const double d = b.weight / (b.hi - b.lo);
      edges.push_back({b.lo, d, 0.0});
      edges.push_back({b.hi, -d, 0.0});
    } else {
      edges.push_back({b.lo, 0.0, b.weight});
    }
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.x < b.x; });
  const double target = std::clamp(q, 0.0, 1.0) * total_;
  double cum = 0.0;
  double density = 0.0;
  double prev = edges.front().x;
  for (std::size_t i = 0; i < edges.size();) {
    const double x = edges[i].x;
    const double mass = density * (x - prev);
    if (density > 0.0 && cum + mass >= target) return prev + (target - cum) / density;
    cum += mass;
    for (; i < edges.size() && edges[i].x == x; ++i) {
      cum += edges[i].atom;
      density += edges[i].density_change;
    }
    if (cum >= target) return x;
    density = std::max(density, 0.0);
    prev = x;
  }
  return edges.back().x;
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
