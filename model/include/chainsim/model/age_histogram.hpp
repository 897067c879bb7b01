#pragma once
// A distribution of ages (in days) made of uniform bins, one per cohort.
//
// A cohort entered during one step, so its persons are spread over that step's length: each bin is
// uniform over [center - width/2, center + width/2]. Quantiles and threshold shares interpolate
// inside a bin, which makes them exact for that assumption instead of jumping a whole step.
#include <algorithm>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace chainsim {

class AgeHistogram {
 public:
  // Inline up to the merge into the last bin (about a third of the additions of a daily run);
  // the look-up of an older bin is out of line.
  void add(double center_days, double width_days, double weight) {
    if (!(weight > 0.0)) return;
    const double half = 0.5 * std::max(width_days, 0.0);
    // Ages are never negative: persons served in the step they entered waited between zero and
    // half a step, not a negative time.
    add_bin({std::max(center_days - half, 0.0), std::max(center_days + half, 0.0), weight});
  }
  // The same for a bin known to differ from every other (e.g. one per cohort): no look-up.
  // Inline: a pending-age histogram adds one bin per key held.
  void add_distinct(double center_days, double width_days, double weight) {
    if (!(weight > 0.0)) return;
    const double half = 0.5 * std::max(width_days, 0.0);
    changed();
    bins_.push_back({std::max(center_days - half, 0.0), std::max(center_days + half, 0.0), weight});
    total_ += weight;
  }
  // Many bins known to differ from each other and from every bin held, as add_distinct would add
  // them one by one: spread(i), for i < count, gives the i-th as {center_days, width_days,
  // weight}. One pass writes the bins and sums their weights into the total, in the same order
  // (a pending-age histogram adds one bin per key held, hundreds at a period close).
  struct Spread {
    double center_days;
    double width_days;
    double weight;
  };
  template <class F>
  void add_distinct_each(std::size_t count, F&& spread) {
    changed();
    const std::size_t held = bins_.size();
    bins_.resize(held + count);  // room for every bin, not zeroed (Bin())
    Bin* const begin = bins_.data() + held;
    Bin* end = begin;
    double total = total_;
    for (std::size_t i = 0; i < count; ++i) {
      const Spread s = spread(i);
      if (!(s.weight > 0.0)) continue;
      const double half = 0.5 * std::max(s.width_days, 0.0);
      *end++ = {std::max(s.center_days - half, 0.0), std::max(s.center_days + half, 0.0), s.weight};
      total += s.weight;
    }
    total_ = total;
    bins_.resize(held + static_cast<std::size_t>(end - begin));
  }
  // Tells quantile() that the bins held were added oldest first without overlap (e.g. one per
  // cohort, in key order), as it would find by checking them all; checked in debug builds only.
  // Adding a bin forgets it.
  void known_oldest_first() {
    assert(ordered_descending());
    shape_ = Shape::descending;
  }
  void clear();
  // Adds every bin of `other`.
  void merge(const AgeHistogram& other);

  double total_weight() const { return total_; }
  bool empty() const { return total_ <= 0.0; }
  // Weighted mean age in days; NaN when empty.
  double mean() const;
  // The age below which a share q (0..1) of the weight lies; NaN when empty.
  double quantile(double q) const;
  // quantile(qs[j]) into out[j] for every j, in one walk (qs ascending; out as long as qs).
  void quantiles(std::span<const double> qs, std::span<double> out) const;
  // Share of the weight older than `threshold_days`; NaN when empty.
  double share_older_than(double threshold_days) const;
  // mean(), quantile(q) and share_older_than(threshold_days) at once, each as it would find it.
  // For bins known oldest first (a pending-age histogram) one walk whose three sums advance
  // together, each still in its own order; otherwise the three apart.
  struct Summary {
    double mean;
    double quantile;
    double share_older;
  };
  Summary summary(double q, double threshold_days) const;
  // Weight (persons) older than `threshold_days`.
  double weight_older_than(double threshold_days) const;
  // Calls f(lo_days, hi_days, weight) for every bin, in no particular order (each bin is uniform
  // over [lo, hi]; lo == hi for a point mass). Used to integrate a function of age exactly.
  template <class F>
  void for_each_bin(F&& f) const {
    for (const Bin& b : bins_) f(b.lo, b.hi, b.weight);
  }

 private:
  struct Bin {
    double lo;
    double hi;
    double weight;
    // Left unwritten: add_distinct_each makes room for its bins and then writes each.
    Bin() {}  // not "= default": that would zero them when room is made
    Bin(double lo_days, double hi_days, double weight_persons)
        : lo(lo_days), hi(hi_days), weight(weight_persons) {}
  };

  // Every bin is younger (older) than the next one, up to rounding.
  bool ordered_ascending() const;
  bool ordered_descending() const;

  // Merged into an identical bin if there is one.
  void add_bin(const Bin& bin) {
    changed();
    total_ += bin.weight;
    if (!bins_.empty() && bins_.back().lo == bin.lo && bins_.back().hi == bin.hi) {
      bins_.back().weight += bin.weight;
      return;
    }
    merge_or_append(bin);
  }
  void merge_or_append(const Bin& bin);  // add_bin past the last bin: a scan or the index
  void append_scanned(const Bin& bin);
  void merge_or_append_indexed(const Bin& bin);
  void reindex(std::size_t at_least);

  std::vector<Bin> bins_;
  // Up to this many bins, merge_or_append scans them; from there on it looks them up in index_.
  static constexpr std::size_t kScanBins = 16;
  std::vector<std::uint32_t> index_;  // open addressing over bins_ by (lo, hi): index + 1, 0 = free
  bool indexed_ = false;              // index_ holds the bins (once they outgrew a scan)
  struct Edge {
    double x;
    double density_change;
    double atom;
  };
  const std::vector<Edge>& sorted_edges() const;
  mutable std::vector<Edge> edges_;  // of quantiles(): sorted when edges_sorted_
  mutable bool edges_sorted_ = false;
  enum class Shape : unsigned char { unknown, ascending, descending, mixed };
  mutable Shape shape_ = Shape::unknown;  // bin order, found by the first quantile asked
  void changed() {
    edges_sorted_ = false;
    shape_ = Shape::unknown;
  }

  double total_ = 0.0;
};

}  // namespace chainsim
