#pragma once
// The per-lane loops of the cohort queue over a run of consecutive lanes, as functions whose
// arrays are restrict-qualified parameters: GCC 12 vectorises such a loop, but not the same loop
// over restrict-qualified locals taken from member vectors (checked with -fopt-info-vec). Every
// lane is computed with the same operations as in a scalar loop (no contraction into fused
// multiply-adds on the baseline x86-64 target), so vectorising changes no result. The loops over
// a list of lanes (indexed: no vectorising) are kernels too, so that nothing is loaded twice.
// The loops over a run are unrolled 8 times (16 lanes an iteration; a run is 16 or 64 lanes in a
// run of 16 segments): the loop control was a fifth to a third of their instructions, and 8
// counted fewer than 4 or 16. The busiest loops (push, serve, take, the whole-queue leak) are
// written two lanes at a time with GCC vector pairs, with the same operations per element:
// GCC's own vectorisation compiled a maximum to a compare, a mask and copies, and its unrolled
// loops moved an index register for every pair (for_pairs uses constant offsets).
//
// Tried and left out: a branch-free conversion between the old and young regions (selects for
// the empty lanes and the lanes whose two scales agree). It vectorises only written with GCC
// vector types (otherwise GCC sinks the division into a branch that -ftrapping-math keeps), and
// then costs 14 instructions a lane against 7 (empty) to 18 in the branchy loop.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace chainsim::lane_kernels {

// The kernels that change a cohort's lanes come in two instantiations: `young_too` for a young
// cohort, whose persons are also counted in the young totals (`young`, unused otherwise).

// Two lanes as one SSE2 register (GCC vector type), loaded and stored unaligned.
using Pair = double __attribute__((vector_size(16)));
inline Pair load_pair(const double* p) {
  Pair v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store_pair(double* p, Pair v) {
  std::memcpy(p, &v, sizeof v);
}

// Calls pair(i) for i = 0, 2, 4, ... below n - 1 (lanes i and i + 1), then lane(n - 1) when n is
// odd (one lane per group). Sixteen lanes an iteration with constant offsets (GCC's unrolling of
// a loop of pairs moved an index register for every pair).
template <class PairBody, class LaneBody>
[[gnu::always_inline]] inline void for_pairs(std::ptrdiff_t n, PairBody pair, LaneBody lane) {
  std::ptrdiff_t i = 0;
  for (; i + 16 <= n; i += 16) {
#pragma GCC unroll 8
    for (std::ptrdiff_t k = 0; k < 16; k += 2) pair(i + k);
  }
  for (; i + 2 <= n; i += 2) pair(i);
  if (i < n) lane(i);
}

// x > 0 ? x : 0 in each element (+0 for NaN, -0 and negative values). On x86-64 this is exactly
// what one maxpd with x first returns (the second operand when the first is not greater); GCC
// compiles the comparison to a compare, a mask and two copies instead.
inline Pair positive_part(Pair x) {
#if defined(__SSE2__)
  return _mm_max_pd(x, Pair{});
#else
  return x > Pair{} ? x : Pair{};
#endif
}

// Adds max(in, 0) persons to every lane: stored amounts (true / scale) and lane totals. `fresh`:
// the stored amounts are not read, only written (a new cohort, whose lanes would all be 0): the
// quotient itself, which is what 0 + quotient gives (a quotient of a non-negative amount by a
// positive scale is never -0), without the addition. Two lanes at a time (see positive_part).
template <bool fresh, bool young_too>
inline void push(const double* __restrict in, double* __restrict stored,
                 const double* __restrict scale, double* __restrict total,
                 double* __restrict young, std::ptrdiff_t n) {
  for_pairs(
      n,
      [&](std::ptrdiff_t i) {
        const Pair add = positive_part(load_pair(in + i));
        const Pair quotient = add / load_pair(scale + i);
        store_pair(stored + i, fresh ? quotient : load_pair(stored + i) + quotient);
        store_pair(total + i, load_pair(total + i) + add);
        if constexpr (young_too) store_pair(young + i, load_pair(young + i) + add);
      },
      [&](std::ptrdiff_t i) {
        const double add = in[i] > 0.0 ? in[i] : 0.0;
        const double quotient = add / scale[i];
        stored[i] = fresh ? quotient : stored[i] + quotient;
        total[i] += add;
        if constexpr (young_too) young[i] += add;
      });
}

// The larger of a and b in each element, neither of them NaN (then the order of the operands
// does not matter: a maximum does not depend on the order it is taken in). One maxpd on x86-64.
inline Pair larger(Pair a, Pair b) {
#if defined(__SSE2__)
  return _mm_max_pd(a, b);
#else
  return a > b ? a : b;
#endif
}

// A proportional leak of every cohort, share[i] of lane i (in [0, 1]): the totals lose what is
// removed, the scale factors of both regions and the young totals keep 1 - share. Returns the
// largest share and 0, found in the same pass (two lanes at a time, as push).
inline double leak(const double* __restrict share, double* __restrict total,
                   double* __restrict young, double* __restrict scale,
                   double* __restrict young_scale, double* __restrict removed, std::ptrdiff_t n) {
  Pair largest = {};
  std::ptrdiff_t i = 0;
#pragma GCC unroll 8
  for (; i + 2 <= n; i += 2) {
    const Pair s = load_pair(share + i);
    const Pair keep = 1.0 - s;
    const Pair t = load_pair(total + i);
    const Pair m = t * s;
    store_pair(removed + i, load_pair(removed + i) + m);
    store_pair(total + i, t - m);
    store_pair(young + i, load_pair(young + i) * keep);
    store_pair(scale + i, load_pair(scale + i) * keep);
    store_pair(young_scale + i, load_pair(young_scale + i) * keep);
    largest = larger(largest, s);  // into `largest`: no copy
  }
  double result = std::max(largest[0], largest[1]);
  for (; i < n; ++i) {  // an odd lane at the end (one lane per group)
    const double keep = 1.0 - share[i];
    const double m = total[i] * share[i];
    removed[i] += m;
    total[i] -= m;
    young[i] *= keep;
    scale[i] *= keep;
    young_scale[i] *= keep;
    result = std::max(share[i], result);
  }
  return result;
}

// Whether every one of x[0], ..., x[n - 1] is +0 (all bits 0; an OR of the bits vectorises where
// a test of each value for > 0 does not).
inline bool all_zero_bits(const double* __restrict x, std::ptrdiff_t n) {
  std::uint64_t bits = 0;
#pragma GCC unroll 8
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    std::uint64_t b;
    std::memcpy(&b, x + i, sizeof b);
    bits |= b;
  }
  return bits == 0;
}

// Whether every one of x[0], ..., x[n - 1] is +0 or -0 (as all_zero_bits, the sign bits left out).
inline bool all_zero_magnitudes(const double* __restrict x, std::ptrdiff_t n) {
  std::uint64_t bits = 0;
#pragma GCC unroll 8
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    std::uint64_t b;
    std::memcpy(&b, x + i, sizeof b);
    bits |= b << 1;
  }
  return bits == 0;
}

// Two competing leaks of every lane: `first` of the stock, then `second` of what is left.
inline void leak_two(double first, double second, double* __restrict total,
                     double* __restrict young, double* __restrict scale,
                     double* __restrict young_scale, double* __restrict removed_first,
                     double* __restrict removed_second, std::ptrdiff_t n) {
  const double keep = (1.0 - first) * (1.0 - second);
#pragma GCC unroll 8
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    const double a = total[i] * first;
    const double b = (total[i] - a) * second;
    removed_first[i] += a;
    removed_second[i] += b;
    total[i] -= a + b;
    young[i] *= keep;
    scale[i] *= keep;
    young_scale[i] *= keep;
  }
}

// The same share of a few lanes of every cohort (a lane holding no one is left alone: its scales
// stay as they are). Indexed, so no vectorising; restrict-qualified, so nothing is loaded twice.
inline void leak_lanes(const int* __restrict lanes, std::ptrdiff_t n, double share,
                       double* __restrict total, double* __restrict young, double* __restrict scale,
                       double* __restrict young_scale, double* __restrict removed) {
  const double keep = 1.0 - share;
#pragma GCC unroll 4
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    const int l = lanes[i];
    if (total[l] == 0.0) continue;
    const double m = total[l] * share;
    removed[l] += m;
    total[l] -= m;
    young[l] *= keep;
    scale[l] *= keep;
    young_scale[l] *= keep;
  }
}

// The same for the old cohorts only (their scales; the young totals tell what they hold).
inline void leak_old_lanes(const int* __restrict lanes, std::ptrdiff_t n, double share,
                           double* __restrict total, const double* __restrict young,
                           double* __restrict scale, double* __restrict removed) {
  const double keep = 1.0 - share;
#pragma GCC unroll 4
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    const int l = lanes[i];
    if (total[l] == 0.0) continue;
    const double m = (total[l] - young[l]) * share;
    removed[l] += m;
    total[l] -= m;
    scale[l] *= keep;
  }
}

// Moves a cohort's lanes `lanes` from one region to the other (to the young one when `to_young`):
// the stored amounts against the new scales (unchanged where both scales agree) and the young
// totals. An empty lane stays 0 whatever the scales.
template <bool to_young>
inline void convert(const int* __restrict lanes, std::ptrdiff_t n, double* __restrict stored,
                    const double* __restrict from, const double* __restrict to,
                    double* __restrict young) {
#pragma GCC unroll 4
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    const int l = lanes[i];
    if (stored[l] == 0.0) continue;
    const double persons = stored[l] * from[l];
    young[l] += to_young ? persons : -persons;
    if (from[l] != to[l]) stored[l] = persons / to[l];
  }
}

// leak_lanes and leak_old_lanes over every `stride`-th lane below `length` (one kind of lane of
// consecutive groups: `length` is the run's, so no division is needed to count its groups).
inline void leak_strided(std::ptrdiff_t length, std::ptrdiff_t stride, double share,
                         double* __restrict total, double* __restrict young,
                         double* __restrict scale, double* __restrict young_scale,
                         double* __restrict removed) {
  const double keep = 1.0 - share;
#pragma GCC unroll 4
  for (std::ptrdiff_t l = 0; l < length; l += stride) {
    if (total[l] == 0.0) continue;
    const double m = total[l] * share;
    removed[l] += m;
    total[l] -= m;
    young[l] *= keep;
    scale[l] *= keep;
    young_scale[l] *= keep;
  }
}

inline void leak_old_strided(std::ptrdiff_t length, std::ptrdiff_t stride, double share,
                             double* __restrict total, const double* __restrict young,
                             double* __restrict scale, double* __restrict removed) {
  const double keep = 1.0 - share;
#pragma GCC unroll 4
  for (std::ptrdiff_t l = 0; l < length; l += stride) {
    if (total[l] == 0.0) continue;
    const double m = (total[l] - young[l]) * share;
    removed[l] += m;
    total[l] -= m;
    scale[l] *= keep;
  }
}

// Serves `fraction` of a cohort's lanes: the served persons, the stored amounts left (0 when the
// cohort is served whole) and the lane totals.
template <bool young_too>
inline void serve(double* __restrict stored, const double* __restrict scale,
                  double* __restrict served, double* __restrict total, double* __restrict young,
                  std::ptrdiff_t n, double fraction) {
  const double keep = 1.0 - fraction;
  // Served whole: the stored amounts become 0 (a loop of its own rather than a choice per lane).
  auto serve_lanes = [&](auto whole) {
    for_pairs(
        n,
        [&](std::ptrdiff_t i) {
          const Pair s = load_pair(stored + i);
          const Pair m = s * load_pair(scale + i) * fraction;
          store_pair(served + i, m);
          store_pair(stored + i, whole ? Pair{} : s * keep);
          store_pair(total + i, load_pair(total + i) - m);
          if constexpr (young_too) store_pair(young + i, load_pair(young + i) - m);
        },
        [&](std::ptrdiff_t i) {
          const double m = stored[i] * scale[i] * fraction;
          served[i] = m;
          stored[i] = whole ? 0.0 : stored[i] * keep;
          total[i] -= m;
          if constexpr (young_too) young[i] -= m;
        });
  };
  if (fraction >= 1.0)
    serve_lanes(std::true_type{});
  else
    serve_lanes(std::false_type{});
}

// Takes everyone out of a cohort's lanes: the persons into `taken`, out of the lane totals, and
// the stored amounts to 0.
template <bool young_too>
inline void take(double* __restrict stored, const double* __restrict scale,
                 double* __restrict taken, double* __restrict total, double* __restrict young,
                 std::ptrdiff_t n) {
  for_pairs(
      n,
      [&](std::ptrdiff_t i) {
        const Pair m = load_pair(stored + i) * load_pair(scale + i);
        store_pair(taken + i, m);
        store_pair(total + i, load_pair(total + i) - m);
        if constexpr (young_too) store_pair(young + i, load_pair(young + i) - m);
        store_pair(stored + i, Pair{});
      },
      [&](std::ptrdiff_t i) {
        const double m = stored[i] * scale[i];
        taken[i] = m;
        total[i] -= m;
        if constexpr (young_too) young[i] -= m;
        stored[i] = 0.0;
      });
}

}  // namespace chainsim::lane_kernels
