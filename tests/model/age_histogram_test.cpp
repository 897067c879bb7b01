#include "chainsim/model/age_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace chainsim {

TEST(AgeHistogram, UniformBinsGiveInterpolatedQuantiles) {
  AgeHistogram h;
  h.add(14.0, 7.0, 10.0);  // ages uniform on [10.5, 17.5]
  h.add(7.0, 7.0, 5.0);    // ages uniform on [3.5, 10.5]
  EXPECT_DOUBLE_EQ(h.total_weight(), 15.0);
  EXPECT_NEAR(h.mean(), (10 * 14.0 + 5 * 7.0) / 15.0, 1e-12);
  // Median: 7.5 of 15; the younger bin holds 5, so 2.5 of the older bin's 10: 10.5 + 7 * 0.25.
  EXPECT_NEAR(h.quantile(0.5), 12.25, 1e-12);
  EXPECT_NEAR(h.quantile(0.9), 10.5 + 7.0 * 8.5 / 10.0, 1e-12);
  // Older than 14 days: half of the older bin = 5 of 15.
  EXPECT_NEAR(h.share_older_than(14.0), 5.0 / 15.0, 1e-12);
  EXPECT_NEAR(h.weight_older_than(3.0), 15.0, 1e-12);
}

TEST(AgeHistogram, EmptyGivesNaN) {
  AgeHistogram h;
  EXPECT_TRUE(std::isnan(h.mean()));
  EXPECT_TRUE(std::isnan(h.quantile(0.5)));
  EXPECT_TRUE(std::isnan(h.share_older_than(1.0)));
}

TEST(AgeHistogram, AgesAreNeverNegative) {
  AgeHistogram h;
  h.add(0.0, 7.0, 4.0);  // served in the step of entry: ages on [0, 3.5]
  EXPECT_NEAR(h.mean(), 1.75, 1e-12);
  EXPECT_NEAR(h.quantile(0.0), 0.0, 1e-12);
}

TEST(AgeHistogram, KnownOrderGivesTheSameQuantiles) {
  AgeHistogram checked, known;
  for (AgeHistogram* h : {&checked, &known}) {
    h->add_distinct(30.5, 1.0, 2.0);  // [30, 31]
    h->add_distinct(20.5, 1.0, 1.0);  // [20, 21]
    h->add_distinct(0.5, 1.0, 3.0);   // [0, 1]
  }
  known.known_oldest_first();
  for (double q : {0.0, 0.3, 0.5, 0.9, 1.0}) EXPECT_EQ(known.quantile(q), checked.quantile(q));
  EXPECT_NEAR(known.quantile(0.6), 20.6, 1e-12);  // the youngest bin holds half the weight
}

TEST(AgeHistogram, MergeAddsBins) {
  AgeHistogram a, b;
  a.add(10.0, 2.0, 1.0);
  b.add(2.0, 2.0, 3.0);
  a.merge(b);
  EXPECT_DOUBLE_EQ(a.total_weight(), 4.0);
  EXPECT_NEAR(a.quantile(0.5), 1.0 + 2.0 * (2.0 / 3.0), 1e-12);
}

}  // namespace chainsim

namespace chainsim {

TEST(AgeHistogram, OverlappingBinsFormAMixture) {
  // Identical bins are one uniform: the median of [0, 10] weighted 1 and 3 is 5, in any order.
  AgeHistogram same;
  same.add(5.0, 10.0, 1.0);
  same.add(5.0, 10.0, 3.0);
  same.add(20.0, 0.0, 0.0);  // ignored: no weight
  EXPECT_NEAR(same.quantile(0.5), 5.0, 1e-12);
  // [0, 10] and [5, 15], weight 1 each: density 0.1, then 0.2 on [5, 10]: half the weight lies
  // below 7.5, and 90 % below 15 - 0.2/0.1 = 13.
  AgeHistogram overlap;
  overlap.add(10.0, 10.0, 1.0);
  overlap.add(5.0, 10.0, 1.0);
  EXPECT_NEAR(overlap.quantile(0.5), 7.5, 1e-12);
  EXPECT_NEAR(overlap.quantile(0.9), 13.0, 1e-12);
  // A point mass at 4 (weight 2) with [0, 10] (weight 2): the median is the atom.
  AgeHistogram atom;
  atom.add(5.0, 10.0, 2.0);
  atom.add(4.0, 0.0, 2.0);
  EXPECT_NEAR(atom.quantile(0.5), 4.0, 1e-12);
}

}  // namespace chainsim

// The fast paths (bins merged by a scan or an index, several quantiles in one walk) against the
// plain computation, bit for bit, on random and adversarial histograms: overlapping bins, bins
// that abut (equal edges), point masses, identical bins merged, weights of every magnitude.
namespace chainsim {
namespace {

struct PlainBin {
  double lo;
  double hi;
  double weight;
};

std::vector<PlainBin> bins_of(const AgeHistogram& h) {
  std::vector<PlainBin> bins;
  h.for_each_bin([&](double lo, double hi, double weight) { bins.push_back({lo, hi, weight}); });
  return bins;
}

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// The bin AgeHistogram::add makes of (center, width, weight).
PlainBin plain_bin(double center, double width, double weight) {
  const double half = 0.5 * std::max(width, 0.0);
  return {std::max(center - half, 0.0), std::max(center + half, 0.0), weight};
}

// AgeHistogram::add as it was written first: every identical bin found by a linear search.
void plain_add(std::vector<PlainBin>& bins, double& total, double center, double width,
               double weight) {
  if (!(weight > 0.0)) return;
  const PlainBin bin = plain_bin(center, width, weight);
  total += weight;
  for (PlainBin& b : bins) {
    if (b.lo == bin.lo && b.hi == bin.hi) {
      b.weight += weight;
      return;
    }
  }
  bins.push_back(bin);
}

bool plain_before(double hi, double next_lo) {
  return hi <= next_lo + 1e-9 * std::max(1.0, std::abs(next_lo));
}

// AgeHistogram::quantile as it was before its fast paths: the order checked, then a linear walk
// or the edges of every bin pushed in bin order, sorted with std::sort and walked.
double plain_quantile(const std::vector<PlainBin>& bins, double total, double q) {
  if (total <= 0.0) return std::numeric_limits<double>::quiet_NaN();
  const double target = std::clamp(q, 0.0, 1.0) * total;
  auto walk = [&](auto first, auto last) {
    double cum = 0.0;
    double x = 0.0;
    for (; first != last; ++first) {
      const PlainBin& b = *first;
      if (cum + b.weight >= target)
        return b.hi > b.lo ? b.lo + (target - cum) / b.weight * (b.hi - b.lo) : b.lo;
      cum += b.weight;
      x = b.hi;
    }
    return x;
  };
  bool descending = true;
  bool ascending = true;
  for (std::size_t i = 1; i < bins.size(); ++i) {
    descending = descending && plain_before(bins[i].hi, bins[i - 1].lo);
    ascending = ascending && plain_before(bins[i - 1].hi, bins[i].lo);
  }
  if (descending) return walk(bins.rbegin(), bins.rend());
  if (ascending) return walk(bins.begin(), bins.end());
  struct Edge {
    double x;
    double density_change;
    double atom;
  };
  std::vector<Edge> edges;
  for (const PlainBin& b : bins) {
    if (b.hi > b.lo) {
      const double d = b.weight / (b.hi - b.lo);
      edges.push_back({b.lo, d, 0.0});
      edges.push_back({b.hi, -d, 0.0});
    } else {
      edges.push_back({b.lo, 0.0, b.weight});
    }
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.x < b.x; });
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

// Bins as the engine makes them and worse. kind 0: calendar-like (weekly steps cut at month ends,
// ages of several serving steps: many equal edges); 1: random overlapping bins; 2: few distinct
// bins repeated (merges), with point masses; 3: everything at once, weights from 1e-9 to 1e6.
struct RandomBin {
  double center;
  double width;
  double weight;
};

std::vector<RandomBin> random_bins(std::mt19937_64& random, int kind, int count) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<RandomBin> out;
  const double widths[] = {7.0, 3.0, 4.0, 1.0, 6.0, 0.0, 2.5};
  for (int i = 0; i < count; ++i) {
    RandomBin b{};
    switch (kind) {
      case 0: {  // step s serves cohort c: age mid_s - mid_c, width of the cohort's step
        const int s = static_cast<int>(random() % 5);
        const int c = static_cast<int>(random() % 12);
        b = {7.0 * (s + 20 - c) + 0.5 * widths[random() % 5], widths[random() % 5],
             1.0 + 100.0 * unit(random)};
        break;
      }
      case 1:
        b = {200.0 * unit(random) - 5.0, 30.0 * unit(random), unit(random)};
        break;
      case 2:
        b = {7.0 * static_cast<double>(random() % 6), widths[random() % 7], 10.0 * unit(random)};
        break;
      default:
        b = {7.0 * static_cast<double>(random() % 40) - 3.5 +
                 (random() % 3 == 0 ? unit(random) : 0.0),
             widths[random() % 7] * (random() % 4 == 0 ? unit(random) : 1.0),
             std::pow(10.0, -9.0 + 15.0 * unit(random))};
        break;
    }
    if (random() % 50 == 0) b.weight = 0.0;  // ignored
    out.push_back(b);
  }
  return out;
}

TEST(AgeHistogramExact, MergingByScanOrIndexKeepsTheBinsOfALinearSearch) {
  std::mt19937_64 random(20251);
  AgeHistogram h;
  for (int round = 0; round < 400; ++round) {
    const int kind = round % 4;
    const int count = 1 + static_cast<int>(random() % (round % 7 == 0 ? 400 : 60));
    std::vector<PlainBin> expected;
    double total = 0.0;
    h.clear();  // reused, as a period's histogram: the index is built again when needed
    for (const RandomBin& b : random_bins(random, kind, count)) {
      h.add(b.center, b.width, b.weight);
      plain_add(expected, total, b.center, b.width, b.weight);
    }
    const std::vector<PlainBin> got = bins_of(h);
    ASSERT_EQ(got.size(), expected.size()) << "round " << round;
    for (std::size_t i = 0; i < got.size(); ++i) {
      ASSERT_TRUE(same_bits(got[i].lo, expected[i].lo) && same_bits(got[i].hi, expected[i].hi) &&
                  same_bits(got[i].weight, expected[i].weight))
          << "round " << round << " bin " << i;
    }
    ASSERT_TRUE(same_bits(h.total_weight(), total)) << "round " << round;
    ASSERT_TRUE(same_bits(h.quantile(0.9), plain_quantile(expected, total, 0.9)))
        << "round " << round;
  }
}

TEST(AgeHistogramExact, MergedHistogramsKeepTheBinsOfALinearSearch) {
  std::mt19937_64 random(7);
  AgeHistogram run;
  std::vector<PlainBin> expected;
  double total = 0.0;
  for (int period = 0; period < 60; ++period) {
    AgeHistogram h;
    for (const RandomBin& b :
         random_bins(random, period % 4, 1 + static_cast<int>(random() % 40))) {
      h.add(b.center, b.width, b.weight);
    }
    run.merge(h);
    h.for_each_bin([&](double lo, double hi, double weight) {
      total += weight;
      for (PlainBin& e : expected) {
        if (e.lo == lo && e.hi == hi) {
          e.weight += weight;
          return;
        }
      }
      expected.push_back({lo, hi, weight});
    });
  }
  const std::vector<PlainBin> got = bins_of(run);
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    ASSERT_TRUE(same_bits(got[i].weight, expected[i].weight) &&
                same_bits(got[i].lo, expected[i].lo))
        << i;
  EXPECT_TRUE(same_bits(run.total_weight(), total));
}

TEST(AgeHistogramExact, DistinctBinsAtOnceAreThoseAddedOneByOne) {
  // add_distinct_each writes its bins into room made without zeroing and sums the total in the
  // same pass: the same bins and total as add_distinct, including skipped weights (0, negative,
  // NaN), negative widths and ages clamped at 0, after bins already held and after a clear.
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  AgeHistogram each;
  for (int round = 0; round < 200; ++round) {
    if (round % 3 == 0) each.clear();
    AgeHistogram one_by_one = each;
    std::vector<AgeHistogram::Spread> spreads(random() % 300);
    for (AgeHistogram::Spread& s : spreads) {
      s = {400.0 * unit(random) - 10.0, 7.0 * unit(random) - 0.5, unit(random) - 0.1};
      if (random() % 20 == 0) s.weight = std::numeric_limits<double>::quiet_NaN();
    }
    each.add_distinct_each(spreads.size(), [&](std::size_t i) { return spreads[i]; });
    for (const AgeHistogram::Spread& s : spreads)
      one_by_one.add_distinct(s.center_days, s.width_days, s.weight);
    const std::vector<PlainBin> got = bins_of(each);
    const std::vector<PlainBin> expected = bins_of(one_by_one);
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      ASSERT_TRUE(same_bits(got[i].lo, expected[i].lo) && same_bits(got[i].hi, expected[i].hi) &&
                  same_bits(got[i].weight, expected[i].weight))
          << "round " << round << " bin " << i;
    }
    ASSERT_TRUE(same_bits(each.total_weight(), one_by_one.total_weight())) << "round " << round;
  }
}

TEST(AgeHistogramExact, SummaryOfOrderedBinsIsThatOfThePlainSums) {
  // A pending-age histogram: one bin per key, oldest first, as the calendar spreads the keys
  // (steps of 1 to 7 days, some cut short), some keys empty, the youngest bins clamped at 0.
  // summary() walks the three sums together: each must be what mean(), the plain quantile walk
  // and share_older_than() give.
  std::mt19937_64 random(31);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const double widths[] = {1.0, 7.0, 3.0, 4.0, 0.5, 7.0};
  for (int round = 0; round < 1000; ++round) {
    const int keys = static_cast<int>(random() % 120);
    std::vector<double> begin(1, 0.0);
    for (int k = 0; k < keys; ++k) begin.push_back(begin.back() + widths[random() % 6]);
    const double now = begin.back() + (random() % 2 == 0 ? 0.0 : -2.0);  // ages clamped at 0
    std::vector<AgeHistogram::Spread> spreads;
    for (int k = 0; k < keys; ++k) {
      const double w = begin[k + 1] - begin[k];
      const double persons = random() % 7 == 0 ? 0.0 : std::pow(10.0, 4.0 * unit(random) - 1.0);
      spreads.push_back({now - (begin[k] + 0.5 * w), w, persons});
    }
    AgeHistogram h;
    h.add_distinct_each(spreads.size(), [&](std::size_t i) { return spreads[i]; });
    h.known_oldest_first();
    const std::vector<PlainBin> bins = bins_of(h);
    const double total = h.total_weight();
    std::vector<double> thresholds = {0.0, 182.62, 1e9, 10.0 * unit(random)};
    if (!bins.empty()) {
      thresholds.push_back(bins[random() % bins.size()].lo);  // on an edge
      thresholds.push_back(bins[random() % bins.size()].hi);
    }
    for (double q : {0.0, 0.5, 0.9, 1.0}) {
      for (double t : thresholds) {
        const AgeHistogram::Summary got = h.summary(q, t);
        if (bins.empty()) {
          EXPECT_TRUE(std::isnan(got.mean) && std::isnan(got.quantile) &&
                      std::isnan(got.share_older));
          continue;
        }
        double sum = 0.0;
        double older = 0.0;
        for (const PlainBin& b : bins) {
          sum += b.weight * 0.5 * (b.lo + b.hi);
          if (b.lo >= t) {
            older += b.weight;
          } else if (b.hi > t) {
            older += b.weight * (b.hi - t) / (b.hi - b.lo);
          }
        }
        ASSERT_TRUE(same_bits(got.mean, sum / total)) << "round " << round;
        ASSERT_TRUE(same_bits(got.quantile, plain_quantile(bins, total, q))) << "round " << round;
        ASSERT_TRUE(same_bits(got.share_older, older / total)) << "round " << round;
        ASSERT_TRUE(same_bits(got.mean, h.mean()) && same_bits(got.quantile, h.quantile(q)) &&
                    same_bits(got.share_older, h.share_older_than(t)));
      }
    }
  }
}

TEST(AgeHistogramExact, QuantilesInOneWalkAreThoseOfThePlainWalk) {
  std::mt19937_64 random(99);
  const std::vector<double> qs = {-0.5, 0.0, 1e-12, 0.1,         0.25, 0.5,
                                  0.5,  0.9, 0.99,  1.0 - 1e-15, 1.0,  2.0};
  for (int round = 0; round < 2000; ++round) {
    const int kind = round % 4;
    AgeHistogram h;
    std::vector<PlainBin> plain;
    double total = 0.0;
    for (const RandomBin& b : random_bins(random, kind, 1 + static_cast<int>(random() % 50))) {
      h.add(b.center, b.width, b.weight);
      plain_add(plain, total, b.center, b.width, b.weight);
    }
    std::vector<double> all(qs.size());
    h.quantiles(qs, all);
    for (std::size_t j = 0; j < qs.size(); ++j) {
      const double expected = plain_quantile(plain, total, qs[j]);
      ASSERT_TRUE(same_bits(all[j], expected))
          << "round " << round << " q " << qs[j] << ": " << all[j] << " vs " << expected;
      ASSERT_TRUE(same_bits(h.quantile(qs[j]), expected)) << "round " << round << " q " << qs[j];
    }
    // A pair as the period close asks them, on a fresh copy (edges sorted by this call).
    const AgeHistogram copy = h;
    const std::array<double, 2> pair_q{0.5, 0.9};
    std::array<double, 2> pair{};
    copy.quantiles(pair_q, pair);
    ASSERT_TRUE(same_bits(pair[0], plain_quantile(plain, total, 0.5)) &&
                same_bits(pair[1], plain_quantile(plain, total, 0.9)))
        << "round " << round;
  }
}

TEST(AgeHistogramExact, AdversarialMixtures) {
  // Abutting bins whose edges tie, a point mass on a tie, a bin inside another, bins clamped at 0.
  std::vector<std::vector<RandomBin>> cases = {
      {{3.5, 7.0, 1.0}, {10.5, 7.0, 3.0}, {8.5, 3.0, 2.0}, {7.0, 0.0, 5.0}, {1.5, 3.0, 0.1}},
      {{5.0, 10.0, 1.0}, {5.0, 2.0, 1.0}, {5.0, 0.0, 1.0}, {-3.0, 4.0, 2.0}, {-1.0, 0.0, 1.0}},
      {{0.0, 0.0, 1.0}, {0.0, 0.0, 1.0}, {1.0, 0.0, 1e-300}, {2.0, 0.0, 1e300}},
      {{100.0, 7.0, 0.1},
       {100.0, 7.0, 0.2},
       {103.5, 0.0, 0.3},
       {96.5, 0.0, 0.4},
       {110.0, 13.0, 0.5}},
  };
  // Many bins abutting at the same few edges, in an order a sort must shuffle.
  std::vector<RandomBin> ties;
  for (int i = 0; i < 64; ++i)
    ties.push_back({3.5 + 7.0 * ((i * 37) % 9), (i % 3 == 0) ? 7.0 : 0.0, 1.0 / (1 + i)});
  cases.push_back(ties);
  const std::vector<double> qs = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
  for (std::size_t c = 0; c < cases.size(); ++c) {
    AgeHistogram h;
    std::vector<PlainBin> plain;
    double total = 0.0;
    for (const RandomBin& b : cases[c]) {
      h.add(b.center, b.width, b.weight);
      plain_add(plain, total, b.center, b.width, b.weight);
    }
    std::vector<double> all(qs.size());
    h.quantiles(qs, all);
    for (std::size_t j = 0; j < qs.size(); ++j)
      EXPECT_TRUE(same_bits(all[j], plain_quantile(plain, total, qs[j])))
          << "case " << c << " q " << qs[j];
  }
  AgeHistogram empty;
  std::array<double, 2> out{};
  empty.quantiles(std::array<double, 2>{0.5, 0.9}, out);
  EXPECT_TRUE(std::isnan(out[0]) && std::isnan(out[1]));
}

}  // namespace
}  // namespace chainsim

namespace chainsim {
namespace {

// A point mass at -0 and one at +0 are one bin (they compare equal), whether the histogram is
// small enough to be scanned or large enough to be indexed.
TEST(AgeHistogramExact, MinusZeroAndZeroAreOneBinScannedOrIndexed) {
  for (int others : {0, 40}) {
    AgeHistogram h;
    h.add(0.0, 0.0, 1.0);
    for (int i = 0; i < others; ++i) h.add(10.0 + i, 1.0, 1.0);  // not merged with the last bin
    h.add(-0.0, 0.0, 2.0);
    int at_zero = 0;
    double weight = 0.0;
    h.for_each_bin([&](double lo, double hi, double w) {
      if (lo == 0.0 && hi == 0.0) {
        ++at_zero;
        weight += w;
      }
    });
    EXPECT_EQ(at_zero, 1) << others << " other bins";
    EXPECT_EQ(weight, 3.0);
  }
}

}  // namespace
}  // namespace chainsim
