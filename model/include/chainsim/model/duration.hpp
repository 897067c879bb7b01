#pragma once
// Durations that carry their unit, as scenarios write them: "30d", "6w", "4mo", "2y".
#include <optional>
#include <string>
#include <string_view>

namespace chainsim {

enum class DurationUnit { day, week, month, year };

// Average Gregorian month and year, so that "1mo" and "1y" mean the same length on any date.
inline constexpr double kDaysPerMonth = 365.2425 / 12.0;
inline constexpr double kDaysPerYear = 365.2425;

struct Duration {
  double value = 0.0;
  DurationUnit unit = DurationUnit::day;

  double days() const;
  std::string to_string() const;  // canonical text, e.g. "4mo"
  bool operator==(const Duration&) const = default;

  static Duration of_days(double d) { return {d, DurationUnit::day}; }
};

// Parses "<number><unit>" with unit d|w|mo|y (also day(s), week(s), month(s), year(s)).
// Returns nullopt for anything else, including negative, NaN or infinite values.
std::optional<Duration> parse_duration(std::string_view text);

}  // namespace chainsim
