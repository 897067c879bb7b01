#pragma once
// Passes over the segments two at a time (procedure.cpp, reception_flows.cpp; private to model/).
//
// A Pair holds one value of segments s and s + 1 (or two values of one segment). Every element
// goes through the same operations as a segment did in a scalar loop (no contraction into fused
// multiply-adds on the baseline x86-64 target), and the sums over the segments that the state
// depends on add the elements in segment order, so the state is the same bit for bit. The sums
// that only report (the series of a step) may add the even and the odd segments apart (PairSum):
// they differ from the sums in segment order by rounding. A segment a pass skips gets shares of 0:
// it adds +0 to sums that are never -0 (they start at +0 and only gain amounts).
#include <type_traits>

#include "chainsim/model/lane_kernels.hpp"

namespace chainsim::segment_pairs {
// Internal linkage, as when these were written in each file: GCC then inlines them as it did.
namespace {

using lane_kernels::Pair;
using lane_kernels::store_pair;

Pair positive_pair(Pair x) { return x > 0.0 ? x : Pair{}; }  // std::max(0.0, x) per element
Pair low(Pair a, Pair b) { return Pair{a[0], b[0]}; }
Pair high(Pair a, Pair b) { return Pair{a[1], b[1]}; }

// for_segment_pairs calls body(width, s) for s = 0, 2, 4, ... with a width of 2 (segments s and
// s + 1), and for the last segment of an odd count with a width of 1 (the second element is then
// 0 and is neither stored nor summed).
template <int W>
using Width = std::integral_constant<int, W>;
template <class Body>
void for_segment_pairs(int segments, Body body) {
  int s = 0;
  for (; s + 2 <= segments; s += 2) body(Width<2>{}, s);
  if (s < segments) body(Width<1>{}, s);
}
// Calls body(std::true_type) with housing (four lanes per segment), else body(std::false_type).
template <class Body>
void with_housing(bool housing, Body body) {
  if (housing)
    body(std::true_type{});
  else
    body(std::false_type{});
}
template <int W>
Pair load(const double* p) {
  return Pair{p[0], W == 2 ? p[1] : 0.0};
}
template <int W>
void store(double* p, Pair v) {
  p[0] = v[0];
  if constexpr (W == 2) p[1] = v[1];
}
template <int W>
void add_to(double* p, Pair v) {
  store<W>(p, load<W>(p) + v);
}
// sum += a[0], then a[1]: the values of the segments in order.
template <int W>
void add_in_order(double& sum, Pair a) {
  sum += a[0];
  if constexpr (W == 2) sum += a[1];
}
// sum += a[0], b[0], then a[1], b[1].
template <int W>
void add_in_order(double& sum, Pair a, Pair b) {
  sum += a[0];
  sum += b[0];
  if constexpr (W == 2) {
    sum += a[1];
    sum += b[1];
  }
}
// A divisor of segments s (and s + 1): 1 in the second element of a single segment (0 / 1).
template <int W>
Pair divisor(const double* p) {
  return Pair{p[0], W == 2 ? p[1] : 1.0};
}
// A series' sum over the segments of a pass, kept as two partial sums (of the even and of the
// odd segments) that advance by one vector addition per pair of segments, rather than by two
// scalar additions in segment order: its value differs from the sum in segment order by
// rounding (ulps of the step's sum). For series that only report, never for the state.
struct PairSum {
  Pair part{};
  template <int W>
  void add(Pair v) {
    part += W == 2 ? v : Pair{v[0], 0.0};
  }
  double value() const { return part[0] + part[1]; }
};

}  // namespace
}  // namespace chainsim::segment_pairs
