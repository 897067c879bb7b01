#include "chainsim/model/calendar.hpp"

#include <gtest/gtest.h>

namespace chainsim {

TEST(Calendar, WeeksAreCutAtMonthEnds) {
  // January 2025 has 31 days: four full weeks and a 3-day remainder before the month closes.
  const Calendar cal({Date(2025, 1, 1), Date(2025, 2, 28), StepUnit::week, ReportUnit::month});
  ASSERT_EQ(cal.periods(), 2);
  EXPECT_EQ(cal.period_end(0), Date(2025, 1, 31));
  EXPECT_EQ(cal.period_end(1), Date(2025, 2, 28));
  const double expected_lengths[] = {7, 7, 7, 7, 3, 4, 7, 7, 7, 3};
  ASSERT_EQ(cal.steps(), 10);
  for (int k = 0; k < cal.steps(); ++k) EXPECT_DOUBLE_EQ(cal.length(k), expected_lengths[k]) << k;
  // Weeks stay aligned to the start date across the cut: 29 Jan - 4 Feb is split 3 + 4.
  EXPECT_DOUBLE_EQ(cal.begin_day(5), 31.0);
  EXPECT_DOUBLE_EQ(cal.begin_day(6), 35.0);
  EXPECT_TRUE(cal.ends_period(4));
  EXPECT_FALSE(cal.ends_period(3));
}

TEST(Calendar, MonthlyStepsAreCalendarMonths) {
  const Calendar cal({Date(2024, 1, 1), Date(2024, 12, 31), StepUnit::month, ReportUnit::quarter});
  ASSERT_EQ(cal.steps(), 12);
  EXPECT_DOUBLE_EQ(cal.length(1), 29.0);  // February of a leap year
  EXPECT_EQ(cal.periods(), 4);
  EXPECT_EQ(cal.period_end(0), Date(2024, 3, 31));
  EXPECT_DOUBLE_EQ(cal.end_day(11), 366.0);
}

TEST(Calendar, PartialLastPeriodEndsOnTheEndDate) {
  const Calendar cal({Date(2025, 1, 10), Date(2025, 3, 15), StepUnit::day, ReportUnit::month});
  ASSERT_EQ(cal.periods(), 3);
  EXPECT_EQ(cal.period_end(0), Date(2025, 1, 31));
  EXPECT_EQ(cal.period_end(2), Date(2025, 3, 15));
  EXPECT_EQ(cal.steps(), 22 + 28 + 15);
}

TEST(Calendar, NegativeStepsExtendTheGridBackwards) {
  const Calendar cal({Date(2025, 1, 1), Date(2025, 1, 31), StepUnit::week, ReportUnit::month});
  EXPECT_DOUBLE_EQ(cal.mid_day(-1), -3.5);
  EXPECT_DOUBLE_EQ(cal.mid_day(-4), -24.5);
  EXPECT_DOUBLE_EQ(cal.width(-2), 7.0);
}

TEST(Calendar, DelayTargetPreservesTheMeanDelay) {
  // Weekly grid reported by week, so no cuts: mid(k) = 3.5 + 7k. A 30-day delay from step 0
  // ends at day 33.5, between mid(4) = 31.5 and mid(5) = 38.5: 2/7 goes to step 5.
  const Calendar cal({Date(2025, 1, 1), Date(2025, 12, 31), StepUnit::week, ReportUnit::week});
  const auto t = cal.delay_target(0, 30.0);
  EXPECT_EQ(t.step, 4);
  EXPECT_NEAR(t.share_next, 2.0 / 7.0, 1e-12);
  const double mean = (1 - t.share_next) * (cal.mid_day(4) - cal.mid_day(0)) +
                      t.share_next * (cal.mid_day(5) - cal.mid_day(0));
  EXPECT_NEAR(mean, 30.0, 1e-12);
  const auto zero = cal.delay_target(3, 0.0);
  EXPECT_EQ(zero.step, 3);
  EXPECT_EQ(zero.share_next, 0.0);
}

TEST(Calendar, IsoDatesAreStrict) {
  EXPECT_EQ(parse_iso_date("2024-02-29"), Date(2024, 2, 29));
  for (const char* bad : {"2025-02-30", "2025-13-01", "2025-1-01", "25-01-01", "2025/01/01", "2025-01-01x", ""}) {
    EXPECT_FALSE(parse_iso_date(bad).has_value()) << bad;
  }
  EXPECT_EQ(to_iso(Date(2025, 3, 7)), "2025-03-07");
}

TEST(Calendar, RejectsEndBeforeStart) {
  EXPECT_THROW(Calendar({Date(2025, 2, 1), Date(2025, 1, 1), StepUnit::day, ReportUnit::month}),
               std::invalid_argument);
}

}  // namespace chainsim
