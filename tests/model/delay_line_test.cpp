#include "chainsim/model/delay_line.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <span>
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

TEST(DelayLine, AddAndClearEntersEachLaneAsAddDoesAndEmptiesTheEntries) {
  // Weekly steps, so that a delay of 30 days splits between two steps.
  const Calendar cal({Date(2025, 1, 1), Date(2025, 12, 31), StepUnit::week, ReportUnit::month});
  for (double delay : {0.0, 14.0, 30.0}) {
    DelayLine strided(cal, 6);
    DelayLine one_by_one(cal, 6);
    std::vector<double> entries = {3.0, -1e-17, 0.0, 2.5};
    const std::vector<double> copy = entries;
    strided.add_and_clear(2, delay, std::span<double>(entries.data(), 3), 1, 2);
    for (int i = 0; i < 3; ++i) one_by_one.add(2, delay, 1 + 2 * i, copy[i]);
    EXPECT_EQ(entries, (std::vector<double>{0.0, 0.0, 0.0, 2.5})) << delay;
    for (int k = 0; k < 10; ++k) {
      std::vector<double> a(6, 0.0), b(6, 0.0);
      strided.take(k, a);
      one_by_one.take(k, b);  // splits as amount - amount * share: the same within rounding
      for (int l = 0; l < 6; ++l) EXPECT_NEAR(a[l], b[l], 1e-15) << delay << " " << k << " " << l;
    }
  }
}

TEST(DelayLine, AddAndClearTakesLongBuffersTwoEntriesAtATimeAsAddDoes) {
  // 37 entries: two blocks of sixteen, two pairs and a last lane alone; NaN, -0 and negative
  // entries enter nothing, as add skips them.
  const Calendar cal({Date(2025, 1, 1), Date(2025, 12, 31), StepUnit::week, ReportUnit::month});
  constexpr int kEntries = 37;
  for (int stride : {1, 2}) {
    for (double delay : {0.0, 14.0, 30.0}) {
      DelayLine strided(cal, kEntries * stride);
      DelayLine one_by_one(cal, kEntries * stride);
      std::vector<double> entries(kEntries);
      for (int i = 0; i < kEntries; ++i) entries[i] = 0.5 * i;
      entries[3] = std::numeric_limits<double>::quiet_NaN();
      entries[17] = -0.0;
      entries[36] = -2.0;
      const std::vector<double> copy = entries;
      strided.add_and_clear(2, delay, entries, 0, stride);
      for (int i = 0; i < kEntries; ++i) one_by_one.add(2, delay, i * stride, copy[i]);
      for (double e : entries) EXPECT_EQ(std::bit_cast<std::uint64_t>(e), 0u);  // +0
      for (int k = 0; k < 10; ++k) {
        std::vector<double> a(kEntries * stride, 0.0), b(kEntries * stride, 0.0);
        strided.take(k, a);
        one_by_one.take(k, b);  // splits as amount - amount * share: the same within rounding
        for (std::size_t l = 0; l < a.size(); ++l)
          EXPECT_NEAR(a[l], b[l], 1e-14) << stride << " " << delay << " " << k << " " << l;
      }
      for (int l = 0; l < kEntries * stride; ++l) EXPECT_NEAR(strided.lane_total(l), 0.0, 1e-14);
    }
  }
}

TEST(DelayLine, TakeIntoSetsTheOutputToWhatLeaves) {
  const Calendar cal({Date(2025, 1, 1), Date(2025, 3, 31), StepUnit::day, ReportUnit::month});
  DelayLine line(cal, 2);
  line.add(0, 2.0, 0, 1.0);
  line.add(0, 3.0, 1, 2.0);
  line.add(0, 4.0, 1, 4.0);
  std::vector<double> out = {7.0, 7.0};
  line.take_into(1, out);  // steps 0 and 1: nothing
  EXPECT_EQ(out, (std::vector<double>{0.0, 0.0}));
  out = {7.0, 7.0};
  line.take_into(3, out);  // step 2 released with step 3
  EXPECT_EQ(out, (std::vector<double>{1.0, 2.0}));
  out = {7.0, 7.0};
  line.take_into(3, out);  // already released
  EXPECT_EQ(out, (std::vector<double>{0.0, 0.0}));
  line.take_into(4, out);
  EXPECT_EQ(out, (std::vector<double>{0.0, 4.0}));
  EXPECT_EQ(line.total(), 0.0);
}

}  // namespace chainsim
