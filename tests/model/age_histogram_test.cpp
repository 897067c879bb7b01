#include "chainsim/model/age_histogram.hpp"

#include <gtest/gtest.h>

#include <cmath>

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
