#pragma once
// A pipeline delay: what enters in step k leaves a fixed time later.
//
// Semantics (docs/model.md): an entry in step k with delay D leaves at the step whose midpoint
// is mid(k) + D; when that falls between two midpoints it is split between the two steps in
// proportion, so the mean delay is exact whatever the step, and a delay of 0 leaves in step k.
// Lanes, as in CohortQueue, keep segments and attributes apart.
#include <algorithm>
#include <array>
#include <cassert>
#include <span>
#include <vector>

#include "chainsim/model/calendar.hpp"

namespace chainsim {

class DelayLine {
 public:
  DelayLine(const Calendar& calendar, int lanes);

  int lanes() const { return lanes_; }
  // Persons entering in step `k` who leave `delay_days` later.
  void add(int k, double delay_days, int lane, double amount) {
    if (!(amount > 0.0)) return;
    const Calendar::DelayTarget t = target(k, delay_days);
    const double later = amount * t.share_next;
    add_at(t.step, lane, amount - later);
    if (later > 0.0) add_at(t.step + 1, lane, later);
  }
  // Adds entries[i] to lane first_lane + i * stride (stride >= 1: the entries go two at a time
  // into distinct lanes), all entering in step k with one delay, and sets entries[i] to 0: one delay computation and one slot lookup for a whole step's entries,
  // gathered by the caller in a buffer that starts the next step empty (one pass, not two).
  void add_and_clear(int k, double delay_days, std::span<double> entries, int first_lane,
                     int stride);
  // Persons scheduled to leave in step `k` directly (e.g. initial stocks spread over time). If
  // step k was already released, they leave in the next step still open.
  void add_at(int k, int lane, double amount) {
    assert(lane >= 0 && lane < lanes_);
    if (!(amount > 0.0)) return;
    // Due in a step already released (a zero delay entered after this step's release): the
    // earliest step still open.
    k = std::max(k, base_step_);
    slot(k)[lane] += amount;
    lane_total_[lane] += amount;
  }
  // Removes and adds to `out` (per lane) everyone leaving in step `k`. Steps must be taken in
  // increasing order. A line of one lane taken at every step (officers, registrations) releases
  // one value: inline.
  void take(int k, std::span<double> out) {
    assert(static_cast<int>(out.size()) == lanes_);
    if (lanes_ == 1 && base_step_ == k) {
      double& v = ring_[static_cast<std::size_t>(head_)];
      out[0] += v;
      lane_total_[0] -= v;
      v = 0.0;
      head_ = wrap(head_ + 1);
      ++base_step_;
      return;
    }
    take_rows(k, out);
  }
  // As take, but `out` is set to what leaves rather than added to (no need to zero it first).
  void take_into(int k, std::span<double> out);

  double lane_total(int lane) const { return lane_total_[lane]; }
  double total() const {
    double t = 0.0;
    for (double v : lane_total_) t += v;
    return t;
  }

 private:
  // Row of step k; grows the ring to reach it (the common case, inside the ring, is inline).
  double* slot(int k) {
    const int ahead = k - base_step_;
    if (static_cast<unsigned>(ahead) >= static_cast<unsigned>(span_)) grow_to(k);
    return row(k);
  }
  void grow_to(int k);  // throws for a step already taken
  void take_rows(int k, std::span<double> out);  // take, any number of steps and lanes
  // Row of step k, inside the ring.
  double* row(int k) {
    return &ring_[static_cast<std::size_t>(wrap(head_ + (k - base_step_))) * lanes_];
  }
  // Ring position: span_ is a power of 2, so wrapping is a mask rather than a division.
  int wrap(int position) const { return position & (span_ - 1); }
  // Where a delay entered in step k ends; every segment of a step asks for the same few delays,
  // so the latest answer per delay is remembered (and is the next step's search hint). Inline:
  // asked at every step by every entry.
  Calendar::DelayTarget target(int k, double delay_days) {
    // One entry per delay: its latest answer, replaced by the next step's.
    Cached* entry = nullptr;
    for (Cached& c : cache_) {
      if (c.delay_days == delay_days) {
        entry = &c;
        break;
      }
    }
    int hint = k;
    if (entry == nullptr) {
      entry = &cache_[next_cache_];
      next_cache_ = (next_cache_ + 1) % static_cast<int>(cache_.size());
    } else if (entry->step == k) {
      return entry->target;
    } else if (entry->step < k) {
      hint = std::max(k, entry->target.step);  // targets only move forward with k
    }
    *entry = {k, delay_days, calendar_.delay_target(k, delay_days, hint)};
    return entry->target;
  }

  const Calendar& calendar_;
  int lanes_;
  int base_step_ = 0;  // step of ring slot `head_`
  int head_ = 0;
  int span_ = 0;       // ring length in steps, a power of 2
  std::vector<double> ring_;
  std::vector<double> lane_total_;
  struct Cached {
    int step = -1;
    double delay_days = -1.0;
    Calendar::DelayTarget target{};
  };
  std::array<Cached, 4> cache_{};
  int next_cache_ = 0;
};

}  // namespace chainsim
