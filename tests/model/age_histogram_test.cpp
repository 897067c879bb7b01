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

TEST(AgeHistogram, MergeAddsBins) {
  AgeHistogram a, b;
  a.add(10.0, 2.0, 1.0);
  b.add(2.0, 2.0, 3.0);
  a.merge(b);
  EXPECT_DOUBLE_EQ(a.total_weight(), 4.0);
  EXPECT_NEAR(a.quantile(0.5), 1.0 + 2.0 * (2.0 / 3.0), 1e-12);
}

}  // namespace chainsim
