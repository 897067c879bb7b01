#include "chainsim/model/age_histogram.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>

namespace chainsim {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

namespace {
// Slot of a bin in an index of 2^bits slots: a multiplicative hash, whose top bits depend on
// every bit of the key (ages are round numbers: their low mantissa bits are all zero). One
// multiplication: the look-up waits for it.
std::size_t bin_slot(double lo, double hi, int bits) {
  // + 0.0 turns -0 into +0: bins equal under == (as the scan compares them) hash alike.
  const auto a = std::bit_cast<std::uint64_t>(lo + 0.0);
  const auto b = std::bit_cast<std::uint64_t>(hi + 0.0);
  return static_cast<std::size_t>(((a ^ std::rotl(b, 29)) * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
}
}  // namespace

// Served persons of one cohort arrive in several steps and several tracks, often at the same
// age: identical bins are merged, which keeps the histogram as small as the number of distinct
// (age, width) pairs and its quantiles cheap. A period's histogram holds a few bins (3 to 8 at a
// daily step, about 12 at a weekly one): a scan finds them sooner than a hash. Past kScanBins
// bins (the run's histogram: hundreds) a small open-addressing index finds them instead.
void AgeHistogram::merge_or_append(const Bin& bin) {
  if (indexed_) return merge_or_append_indexed(bin);
  for (Bin& b : bins_) {
    if (b.lo == bin.lo && b.hi == bin.hi) {
      b.weight += bin.weight;
      return;
    }
  }
  append_scanned(bin);
}

// Out of line (as merge_or_append_indexed), so that a scan that finds its bin saves and restores
// no registers.
[[gnu::noinline]] void AgeHistogram::append_scanned(const Bin& bin) {
  bins_.push_back(bin);
  if (bins_.size() >= kScanBins) reindex(4 * (bins_.size() + 1));
}

[[gnu::noinline]] void AgeHistogram::merge_or_append_indexed(const Bin& bin) {
  if (index_.size() < 2 * (bins_.size() + 1)) reindex(4 * (bins_.size() + 1));
  const std::size_t mask = index_.size() - 1;
  std::size_t h = bin_slot(bin.lo, bin.hi, std::countr_zero(index_.size()));
  for (; index_[h] != 0; h = (h + 1) & mask) {
    Bin& b = bins_[index_[h] - 1];
    if (b.lo == bin.lo && b.hi == bin.hi) {
      b.weight += bin.weight;
      return;
    }
  }
  bins_.push_back(bin);
  index_[h] = static_cast<std::uint32_t>(bins_.size());
}

// Indexes every bin held, in 2^k >= at_least slots (at least 64).
void AgeHistogram::reindex(std::size_t at_least) {
  std::size_t size = 64;
  while (size < at_least) size *= 2;
  index_.assign(size, 0);
  const std::size_t mask = size - 1;
  for (std::size_t i = 0; i < bins_.size(); ++i) {
    std::size_t h = bin_slot(bins_[i].lo, bins_[i].hi, std::countr_zero(size));
    while (index_[h] != 0) h = (h + 1) & mask;
    index_[h] = static_cast<std::uint32_t>(i + 1);
  }
  indexed_ = true;
}

// The index is built again (at the size the bins then need) if the bins outgrow a scan.
void AgeHistogram::clear() {
  changed();
  bins_.clear();
  indexed_ = false;
  total_ = 0.0;
}

void AgeHistogram::merge(const AgeHistogram& other) {
  for (const Bin& b : other.bins_) add_bin(b);
}

double AgeHistogram::mean() const {
  if (empty()) return kNaN;
  double sum = 0.0;
  for (const Bin& b : bins_) sum += b.weight * 0.5 * (b.lo + b.hi);
  return sum / total_;
}

namespace {

// The weight below the quantile q of a total weight.
double wanted_weight(double q, double total) {
  return std::clamp(q, 0.0, 1.0) * total;
}

// Quantiles of bins that follow each other in age without overlapping, walked youngest first:
// no sort, the cumulative weight is enough. One walk for every q (ascending), in which each finds
// what a walk of its own would: the same cumulative weight at the same bin.
template <class It>
void walk_ordered(It first, It last, std::span<const double> qs, double total,
                  std::span<double> out) {
  std::size_t j = 0;
  double target = wanted_weight(qs[0], total);
  double cum = 0.0;
  double x = 0.0;
  for (; first != last; ++first) {
    const auto& b = *first;
    while (cum + b.weight >= target) {
      out[j] = b.hi > b.lo ? b.lo + (target - cum) / b.weight * (b.hi - b.lo) : b.lo;
      if (++j == qs.size()) return;
      target = wanted_weight(qs[j], total);
    }
    cum += b.weight;
    x = b.hi;
  }
  std::fill(out.begin() + static_cast<std::ptrdiff_t>(j), out.end(), x);
}

// Overlaps below this many days (rounding of abutting cohort intervals) count as none.
bool before(double hi, double next_lo) {
  return hi <= next_lo + 1e-9 * std::max(1.0, std::abs(next_lo));
}

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
  double x = kNaN;
  quantiles(std::span<const double>(&q, 1), std::span<double>(&x, 1));
  return x;
}

void AgeHistogram::quantiles(std::span<const double> qs, std::span<double> out) const {
  assert(qs.size() == out.size() && std::is_sorted(qs.begin(), qs.end()));
  if (qs.empty()) return;
  if (empty()) {
    std::fill(out.begin(), out.end(), kNaN);
    return;
  }
  // Queue ages come in cohort order (no overlap): a linear walk; otherwise the general mixture.
  // The order found and the sorted edges serve every quantile asked until the bins change.
  if (shape_ == Shape::unknown)
    shape_ = ordered_descending()  ? Shape::descending
             : ordered_ascending() ? Shape::ascending
                                   : Shape::mixed;
  if (shape_ == Shape::descending)
    return walk_ordered(bins_.rbegin(), bins_.rend(), qs, total_, out);
  if (shape_ == Shape::ascending) return walk_ordered(bins_.begin(), bins_.end(), qs, total_, out);
  // The distribution is a mixture of uniform bins (and point masses), which may overlap: walk
  // the bin edges in order, with the density of the bins covering each interval, so that the
  // quantile does not depend on the order of the bins. One walk for every q: each finds what a
  // walk of its own would, since the state (cum, density, prev) at every edge does not depend on
  // the weight wanted.
  const std::vector<Edge>& edges = sorted_edges();
  std::size_t j = 0;
  double target = wanted_weight(qs[0], total_);
  double cum = 0.0;
  double density = 0.0;
  double prev = edges.front().x;
  for (std::size_t i = 0; i < edges.size();) {
    const double x = edges[i].x;
    const double mass = density * (x - prev);
    if (density > 0.0) {
      while (cum + mass >= target) {
        out[j] = prev + (target - cum) / density;
        if (++j == qs.size()) return;
        target = wanted_weight(qs[j], total_);
      }
    }
    cum += mass;
    for (; i < edges.size() && edges[i].x == x; ++i) {
      cum += edges[i].atom;
      density += edges[i].density_change;
    }
    while (cum >= target) {
      out[j] = x;
      if (++j == qs.size()) return;
      target = wanted_weight(qs[j], total_);
    }
    density = std::max(density, 0.0);
    prev = x;
  }
  std::fill(out.begin() + static_cast<std::ptrdiff_t>(j), out.end(), edges.back().x);
}

// The edges of every bin, sorted by age: kept until the bins change. Their order among equal
// ages is std::sort's, which the sums of the walk depend on (to the last bit): they are built in
// bin order and sorted as they always were.
const std::vector<AgeHistogram::Edge>& AgeHistogram::sorted_edges() const {
  std::vector<Edge>& edges = edges_;
  if (edges_sorted_) return edges;
  edges.resize(2 * bins_.size());  // two edges a bin at most: written without capacity checks
  Edge* e = edges.data();
  for (const Bin& b : bins_) {
    if (b.hi > b.lo) {
      const double d = b.weight / (b.hi - b.lo);
      *e++ = {b.lo, d, 0.0};
      *e++ = {b.hi, -d, 0.0};
    } else {
      *e++ = {b.lo, 0.0, b.weight};
    }
  }
  edges.resize(static_cast<std::size_t>(e - edges.data()));
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.x < b.x; });
  edges_sorted_ = true;
  return edges;
}

AgeHistogram::Summary AgeHistogram::summary(double q, double threshold_days) const {
  if (empty() || shape_ != Shape::descending)
    return {mean(), quantile(q), share_older_than(threshold_days)};
  // The sums of mean() and weight_older_than() walk the bins in order; the quantile's
  // cumulative weight walks them youngest first (walk_ordered) from the other end, alongside,
  // until it reaches the wanted weight; then the two sums go on alone.
  const double wanted = std::clamp(q, 0.0, 1.0) * total_;
  const std::size_t n = bins_.size();
  double sum = 0.0;
  double older = 0.0;
  auto add_to_sums = [&](const Bin& b) {
    sum += b.weight * 0.5 * (b.lo + b.hi);
    if (b.lo >= threshold_days) {
      older += b.weight;
    } else if (b.hi > threshold_days) {
      older += b.weight * (b.hi - threshold_days) / (b.hi - b.lo);
    }
  };
  double cum = 0.0;
  double x = 0.0;
  std::size_t i = 0;
  while (i < n) {
    add_to_sums(bins_[i]);
    const Bin& y = bins_[n - 1 - i];
    ++i;
    if (cum + y.weight >= wanted) {
      x = y.hi > y.lo ? y.lo + (wanted - cum) / y.weight * (y.hi - y.lo) : y.lo;
      break;
    }
    cum += y.weight;
    x = y.hi;
  }
  for (; i < n; ++i) add_to_sums(bins_[i]);
  return {sum / total_, x, older / total_};
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
