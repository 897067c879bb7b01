#include "chainsim/model/delay_line.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace chainsim {

TEST(DelayLine, SplitsBetweenStepsToKeepTheMeanDelay) {
  const Calendar cal({Date(2025, 1, 1), Date(2025, 12, 31), StepUnit::week, ReportUnit::week});
  DelayLine line(cal, 1);
  line.add(0, 30.0, 0, 70.0);
  double mean = 0.0;
  double total = 0.0;
  for (int k = 0; k < 8; ++k) {
    std::vector<double> out(1, 0.0);
    line.take(k, out);
    if (k == 4) {
      EXPECT_NEAR(out[0], 50.0, 1e-12);  // 5/7 of 70
    }
    if (k == 5) {
      EXPECT_NEAR(out[0], 20.0, 1e-12);  // 2/7 of 70
    }
    mean += out[0] * (cal.mid_day(k) - cal.mid_day(0));
    total += out[0];
  }
  EXPECT_NEAR(total, 70.0, 1e-12);
  EXPECT_NEAR(mean / total, 30.0, 1e-12);
  EXPECT_NEAR(line.total(), 0.0, 1e-12);
}

TEST(DelayLine, DailyStepsGiveTheExactDay) {
  const Calendar cal({Date(2025, 1, 1), Date(2025, 3, 31), StepUnit::day, ReportUnit::month});
  DelayLine line(cal, 2);
  line.add(3, 30.0, 1, 5.0);
  for (int k = 0; k < 40; ++k) {
    std::vector<double> out(2, 0.0);
    line.take(k, out);
    EXPECT_DOUBLE_EQ(out[1], k == 33 ? 5.0 : 0.0) << k;
  }
}

TEST(DelayLine, ZeroDelayLeavesInTheSameStep) {
  const Calendar cal({Date(2025, 1, 1), Date(2025, 1, 31), StepUnit::day, ReportUnit::month});
  DelayLine line(cal, 1);
  line.add(2, 0.0, 0, 1.0);
  std::vector<double> out(1, 0.0);
  line.take(2, out);
  EXPECT_DOUBLE_EQ(out[0], 1.0);
}

TEST(DelayLine, GrowsForLongDelays) {
  const Calendar cal({Date(2025, 1, 1), Date(2030, 12, 31), StepUnit::day, ReportUnit::month});
  DelayLine line(cal, 1);
  line.add(0, 730.0, 0, 2.0);
  line.add(0, 1.0, 0, 1.0);
  std::vector<double> out(1, 0.0);
  line.take(1, out);
  EXPECT_DOUBLE_EQ(out[0], 1.0);
  line.take(730, out);
  EXPECT_DOUBLE_EQ(out[0], 3.0);
}

}  // namespace chainsim
