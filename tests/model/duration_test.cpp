#include "chainsim/model/duration.hpp"

#include <gtest/gtest.h>

namespace chainsim {

TEST(Duration, UnitsConvertToDays) {
  EXPECT_DOUBLE_EQ(parse_duration("30d")->days(), 30.0);
  EXPECT_DOUBLE_EQ(parse_duration("6w")->days(), 42.0);
  // A month is the average Gregorian month, 365.2425 / 12 = 30.436875 days.
  EXPECT_DOUBLE_EQ(parse_duration("4mo")->days(), 121.7475);
  EXPECT_DOUBLE_EQ(parse_duration("2y")->days(), 730.485);
  EXPECT_DOUBLE_EQ(parse_duration("1.5w")->days(), 10.5);
  EXPECT_DOUBLE_EQ(parse_duration("3 months")->days(), 91.310625);
}

TEST(Duration, RejectsTextWithoutAValidUnitOrNumber) {
  for (const char* bad : {"30", "3x", "-5d", "", "d", "mo", "5dd", "1e400d", "nand", "5 mo x"}) {
    EXPECT_FALSE(parse_duration(bad).has_value()) << bad;
  }
}

TEST(Duration, PrintsCanonically) {
  EXPECT_EQ(parse_duration("4 months")->to_string(), "4mo");
  EXPECT_EQ(parse_duration("30d")->to_string(), "30d");
}

}  // namespace chainsim
