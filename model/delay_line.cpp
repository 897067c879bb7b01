#include "chainsim/model/delay_line.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <stdexcept>
#include <type_traits>

namespace chainsim {

DelayLine::DelayLine(const Calendar& calendar, int lanes)
    : calendar_(calendar), lanes_(lanes), lane_total_(static_cast<std::size_t>(lanes), 0.0) {
  span_ = 8;  // a power of 2 (see wrap)
  ring_.assign(static_cast<std::size_t>(span_) * lanes_, 0.0);
}

void DelayLine::grow_to(int k) {
  if (k < base_step_) throw std::logic_error("DelayLine: step already taken");
  if (k - base_step_ < span_) return;
  const int new_span = static_cast<int>(std::bit_ceil(static_cast<unsigned>(k - base_step_ + 1)));
  std::vector<double> ring(static_cast<std::size_t>(new_span) * lanes_, 0.0);
  for (int i = 0; i < span_; ++i) {
    const int from = wrap(head_ + i);
    std::copy_n(&ring_[static_cast<std::size_t>(from) * lanes_], lanes_,
                &ring[static_cast<std::size_t>(i) * lanes_]);
  }
  ring_ = std::move(ring);
  span_ = new_span;
  head_ = 0;
}

namespace {

// What enters a lane: non-positive amounts (nothing, or rounding noise) are skipped. Adding 0
// instead leaves every sum as it was and keeps the loops below free of branches.
double entering(double a) {
  return a > 0.0 ? a : 0.0;
}

// row[i * stride] and total[i * stride] += entering(in[i]).
void add_row(std::span<const double> in, double* __restrict row, double* __restrict total,
             auto stride) {
  const double* __restrict from = in.data();
  for (std::size_t i = 0; i < in.size(); ++i) {
    const double a = entering(from[i]);
    const std::size_t l = i * static_cast<std::size_t>(stride);
    row[l] += a;
    total[l] += a;
  }
}

// As add_row, split between two rows: (1 - share_next) to `now`, share_next to `next`.
void add_split(std::span<const double> in, double* __restrict now, double* __restrict next,
               double* __restrict total, auto stride, double share_next) {
  const double* __restrict from = in.data();
  for (std::size_t i = 0; i < in.size(); ++i) {
    const double a = entering(from[i]);
    const std::size_t l = i * static_cast<std::size_t>(stride);
    now[l] += a * (1.0 - share_next);
    total[l] += a;
    next[l] += a * share_next;
  }
}

// The same when both parts fall in one row (the target step was already released): added one
// after the other, as two rows would be. Kept apart so that add_split needs no alias checks.
void add_split_in_one_row(std::span<const double> in, double* __restrict row,
                          double* __restrict total, int stride, double share_next) {
  for (std::size_t i = 0; i < in.size(); ++i) {
    const double a = entering(in[i]);
    const std::size_t l = i * static_cast<std::size_t>(stride);
    row[l] += a * (1.0 - share_next);
    total[l] += a;
    row[l] += a * share_next;
  }
}

// Calls loop(stride), with the strides in use as compile-time constants so that the loops
// vectorise.
void with_stride(int stride, auto loop) {
  if (stride == 1) return loop(std::integral_constant<int, 1>{});
  if (stride == 2) return loop(std::integral_constant<int, 2>{});
  loop(stride);
}

// Moves a released row to `out`, off the lane totals, and clears it: one pass. Rows are short
// (16 to 65 lanes): unrolled, the loop control is a small part of the pass.
void release(double* __restrict row, double* __restrict out, double* __restrict total, int lanes) {
#pragma GCC unroll 8
  for (int l = 0; l < lanes; ++l) {
    const double v = row[l];
    out[l] += v;
    total[l] -= v;
    row[l] = 0.0;
  }
}

}  // namespace

void DelayLine::add_strided(int k, double delay_days, std::span<const double> amounts,
                            int first_lane, int stride) {
  // Most entries are positive: this stops at the first one. Nothing entering asks for no target.
  if (std::none_of(amounts.begin(), amounts.end(), [](double a) { return a > 0.0; })) return;
  const Calendar::DelayTarget t = target(k, delay_days);
  const int first = std::max(t.step, base_step_);
  const int second = std::max(t.step + 1, base_step_);
  double* total = lane_total_.data() + first_lane;
  if (t.share_next > 0.0) {
    double* next_row = slot(second);  // may grow the ring: fetch before the first row
    if (first == second) {
      add_split_in_one_row(amounts, next_row + first_lane, total, stride, t.share_next);
      return;
    }
    // Step `first` is the one before `second`, inside the ring now.
    const int now_position = wrap(head_ + (first - base_step_));
    double* now_row = &ring_[static_cast<std::size_t>(now_position) * lanes_];
    with_stride(stride, [&](auto s) {
      add_split(amounts, now_row + first_lane, next_row + first_lane, total, s, t.share_next);
    });
    return;
  }
  double* now_row = slot(first);
  with_stride(stride, [&](auto s) { add_row(amounts, now_row + first_lane, total, s); });
}

void DelayLine::take_rows(int k, std::span<double> out) {
  // Steps are taken in order; a step skipped since the last call is released with this one.
  while (base_step_ <= k) {
    release(&ring_[static_cast<std::size_t>(head_) * lanes_], out.data(), lane_total_.data(),
            lanes_);
    head_ = wrap(head_ + 1);
    ++base_step_;
  }
}

}  // namespace chainsim
