#include "chainsim/model/delay_line.hpp"

#include "chainsim/model/lane_kernels.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <stdexcept>
#include <type_traits>

// GCC would split the clearing of the entries (add_and_clear) and the copy of a released row
// (take_into) out of their loops into calls of memset and memmove: for rows of 16 to 65 lanes
// those calls cost more than the stores they replace.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-loop-distribute-patterns")
#endif

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
// instead leaves every sum as it was (rows and totals are never -0: they start at +0 and only
// gain or lose amounts >= +0) and keeps the loops below free of branches.
double entering(double a) {
  return a > 0.0 ? a : 0.0;
}

using lane_kernels::Pair;

// Lanes l and l + stride as a pair: one unaligned load and store for adjacent lanes (stride 1),
// two halves otherwise.
template <class Stride>
Pair load_lanes(const double* p, Stride stride) {
  if constexpr (std::is_same_v<Stride, std::integral_constant<int, 1>>) return lane_kernels::load_pair(p);
  else return Pair{p[0], p[stride]};
}
template <class Stride>
void store_lanes(double* p, Stride stride, Pair v) {
  if constexpr (std::is_same_v<Stride, std::integral_constant<int, 1>>) {
    lane_kernels::store_pair(p, v);
  } else {
    p[0] = v[0];
    p[stride] = v[1];
  }
}

// row[i * stride] and total[i * stride] += entering(in[i]), and in[i] = 0. Two entries at a
// time (lane_kernels::for_pairs): the same operations per entry, the clamp one maxpd
// (lane_kernels::positive_part gives entering's value, for NaN and -0 too), and no
// vectoriser's tail for stride 2.
template <class Stride>
void move_row(double* __restrict in, std::size_t n, double* __restrict row, double* __restrict total,
              Stride stride) {
  const std::size_t step = static_cast<std::size_t>(stride);
  lane_kernels::for_pairs(
      static_cast<std::ptrdiff_t>(n),
      [&](std::ptrdiff_t i) {
        const Pair a = lane_kernels::positive_part(lane_kernels::load_pair(in + i));
        lane_kernels::store_pair(in + i, Pair{});
        const std::size_t l = static_cast<std::size_t>(i) * step;
        store_lanes(row + l, stride, load_lanes(row + l, stride) + a);
        store_lanes(total + l, stride, load_lanes(total + l, stride) + a);
      },
      [&](std::ptrdiff_t i) {
        const double a = entering(in[i]);
        in[i] = 0.0;
        const std::size_t l = static_cast<std::size_t>(i) * step;
        row[l] += a;
        total[l] += a;
      });
}

// As move_row, split between two rows: (1 - share_next) to `now`, share_next to `next`.
template <class Stride>
void move_split(double* __restrict in, std::size_t n, double* __restrict now, double* __restrict next,
                double* __restrict total, Stride stride, double share_next) {
  const std::size_t step = static_cast<std::size_t>(stride);
  const double share_now = 1.0 - share_next;
  lane_kernels::for_pairs(
      static_cast<std::ptrdiff_t>(n),
      [&](std::ptrdiff_t i) {
        const Pair a = lane_kernels::positive_part(lane_kernels::load_pair(in + i));
        lane_kernels::store_pair(in + i, Pair{});
        const std::size_t l = static_cast<std::size_t>(i) * step;
        store_lanes(now + l, stride, load_lanes(now + l, stride) + a * share_now);
        store_lanes(total + l, stride, load_lanes(total + l, stride) + a);
        store_lanes(next + l, stride, load_lanes(next + l, stride) + a * share_next);
      },
      [&](std::ptrdiff_t i) {
        const double a = entering(in[i]);
        in[i] = 0.0;
        const std::size_t l = static_cast<std::size_t>(i) * step;
        now[l] += a * share_now;
        total[l] += a;
        next[l] += a * share_next;
      });
}

// The same when both parts fall in one row (the target step was already released): added one
// after the other, as two rows would be. Kept apart so that move_split needs no alias checks.
void move_split_in_one_row(double* __restrict in, std::size_t n, double* __restrict row,
                           double* __restrict total, int stride, double share_next) {
  for (std::size_t i = 0; i < n; ++i) {
    const double a = entering(in[i]);
    in[i] = 0.0;
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

// Moves a released row to `out` (added, or written when `write`), off the lane totals, and
// clears it: one pass. Rows are short (16 to 65 lanes): unrolled, the loop control is a small
// part of the pass. Writing gives what adding to a zeroed `out` would: rows are never -0.
template <bool write>
void release(double* __restrict row, double* __restrict out, double* __restrict total, int lanes) {
#pragma GCC unroll 8
  for (int l = 0; l < lanes; ++l) {
    const double v = row[l];
    out[l] = write ? v : out[l] + v;
    total[l] -= v;
    row[l] = 0.0;
  }
}

}  // namespace

void DelayLine::add_and_clear(int k, double delay_days, std::span<double> entries,
                              int first_lane, int stride) {
  assert(stride >= 1);
  // No test for an empty buffer: it is rare, and entering nothing adds +0, which changes no sum.
  const Calendar::DelayTarget t = target(k, delay_days);
  const int first = std::max(t.step, base_step_);
  double* total = lane_total_.data() + first_lane;
  double* in = entries.data();
  const std::size_t n = entries.size();
  if (t.share_next > 0.0) {
    const int second = std::max(t.step + 1, base_step_);
    double* next_row = slot(second) + first_lane;  // may grow the ring: fetch before the first row
    if (first == second) {
      move_split_in_one_row(in, n, next_row, total, stride, t.share_next);
      return;
    }
    double* now_row = row(first) + first_lane;  // the step before `second`, inside the ring now
    with_stride(stride,
                [&](auto s) { move_split(in, n, now_row, next_row, total, s, t.share_next); });
    return;
  }
  double* now_row = slot(first) + first_lane;
  with_stride(stride, [&](auto s) { move_row(in, n, now_row, total, s); });
}

void DelayLine::take_rows(int k, std::span<double> out) {
  // Steps are taken in order; a step skipped since the last call is released with this one.
  while (base_step_ <= k) {
    release<false>(row(base_step_), out.data(), lane_total_.data(), lanes_);
    head_ = wrap(head_ + 1);
    ++base_step_;
  }
}

void DelayLine::take_into(int k, std::span<double> out) {
  assert(static_cast<int>(out.size()) == lanes_);
  if (base_step_ > k) {  // nothing left to release
    std::fill(out.begin(), out.end(), 0.0);
    return;
  }
  release<true>(row(base_step_), out.data(), lane_total_.data(), lanes_);
  head_ = wrap(head_ + 1);
  ++base_step_;
  take_rows(k, out);  // any later step skipped (added)
}

}  // namespace chainsim
