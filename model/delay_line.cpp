#include "chainsim/model/delay_line.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>

namespace chainsim {

DelayLine::DelayLine(const Calendar& calendar, int lanes)
    : calendar_(calendar), lanes_(lanes), lane_total_(static_cast<std::size_t>(lanes), 0.0) {
  span_ = 8;
  ring_.assign(static_cast<std::size_t>(span_) * lanes_, 0.0);
}

double DelayLine::total() const {
  double t = 0.0;
  for (double v : lane_total_) t += v;
  return t;
}

double* DelayLine::slot(int k) {
  if (k < base_step_) throw std::logic_error("DelayLine: step already taken");
  if (k - base_step_ >= span_) {
    const int new_span = std::max(span_ * 2, k - base_step_ + 1);
    std::vector<double> ring(static_cast<std::size_t>(new_span) * lanes_, 0.0);
    for (int i = 0; i < span_; ++i) {
      const int from = (head_ + i) % span_;
      std::copy_n(&ring_[static_cast<std::size_t>(from) * lanes_], lanes_,
                  &ring[static_cast<std::size_t>(i) * lanes_]);
    }
    ring_ = std::move(ring);
    span_ = new_span;
    head_ = 0;
  }
  const int index = (head_ + (k - base_step_)) % span_;
  return &ring_[static_cast<std::size_t>(index) * lanes_];
}

void DelayLine::add_at(int k, int lane, double amount) {
  assert(lane >= 0 && lane < lanes_);
  if (!(amount > 0.0)) return;
  // Due in a step already released (a zero delay entered after this step's release): the
  // earliest step still open.
  k = std::max(k, base_step_);
  slot(k)[lane] += amount;
  lane_total_[lane] += amount;
}

void DelayLine::add_strided(int k, double delay_days, std::span<const double> amounts, int first_lane, int stride) {
  bool any = false;
  for (double a : amounts) any = any || a > 0.0;
  if (!any) return;
  const Calendar::DelayTarget t = target(k, delay_days);
  const int first = std::max(t.step, base_step_);
  const int second = std::max(t.step + 1, base_step_);
  const double share_next = t.share_next;
  if (share_next > 0.0) {
    double* next_row = slot(second);  // may grow the ring: fetch before the first row
    double* now_row = slot(first);
    for (std::size_t i = 0; i < amounts.size(); ++i) {
      const double a = amounts[i];
      if (!(a > 0.0)) continue;
      const int lane = first_lane + static_cast<int>(i) * stride;
      now_row[lane] += a * (1.0 - share_next);
      lane_total_[lane] += a;
      next_row[lane] += a * share_next;
    }
    return;
  }
  double* now_row = slot(first);
  for (std::size_t i = 0; i < amounts.size(); ++i) {
    const double a = amounts[i];
    if (!(a > 0.0)) continue;
    const int lane = first_lane + static_cast<int>(i) * stride;
    now_row[lane] += a;  // a x (1 - 0)
    lane_total_[lane] += a;
  }
}

Calendar::DelayTarget DelayLine::target(int k, double delay_days) {
  int hint = k;
  for (const Cached& c : cache_) {
    if (c.delay_days != delay_days) continue;
    if (c.step == k) return c.target;
    if (c.step < k) hint = std::max(hint, c.target.step);  // targets only move forward with k
  }
  const Calendar::DelayTarget t = calendar_.delay_target(k, delay_days, hint);
  cache_[next_cache_] = {k, delay_days, t};
  next_cache_ = (next_cache_ + 1) % static_cast<int>(cache_.size());
  return t;
}

void DelayLine::add(int k, double delay_days, int lane, double amount) {
  if (!(amount > 0.0)) return;
  const Calendar::DelayTarget t = target(k, delay_days);
  const double later = amount * t.share_next;
  add_at(t.step, lane, amount - later);
  if (later > 0.0) add_at(t.step + 1, lane, later);
}

void DelayLine::take(int k, std::span<double> out) {
  assert(static_cast<int>(out.size()) == lanes_);
  // Steps are taken in order; a step skipped since the last call is released with this one.
  while (base_step_ <= k) {
    double* row = slot(base_step_);
    for (int l = 0; l < lanes_; ++l) {
      out[l] += row[l];
      lane_total_[l] -= row[l];
    }
    std::fill_n(row, lanes_, 0.0);
    head_ = (head_ + 1) % span_;
    ++base_step_;
  }
}

}  // namespace chainsim
