#include "chainsim/model/duration.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

namespace chainsim {

namespace {

// Table of accepted unit spellings: data, not code.
constexpr std::pair<std::string_view, DurationUnit> kUnitNames[] = {
    {"d", DurationUnit::day},      {"day", DurationUnit::day},      {"days", DurationUnit::day},
    {"w", DurationUnit::week},     {"week", DurationUnit::week},    {"weeks", DurationUnit::week},
    {"mo", DurationUnit::month},   {"month", DurationUnit::month},  {"months", DurationUnit::month},
    {"y", DurationUnit::year},     {"year", DurationUnit::year},    {"years", DurationUnit::year},
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ')) s.remove_suffix(1);
  return s;
}

}  // namespace

double Duration::days() const {
  switch (unit) {
    case DurationUnit::day: return value;
    case DurationUnit::week: return 7.0 * value;
    case DurationUnit::month: return kDaysPerMonth * value;
    case DurationUnit::year: return kDaysPerYear * value;
  }
  return value;
}

std::string Duration::to_string() const {
  const char* suffix = "d";
  switch (unit) {
    case DurationUnit::day: suffix = "d"; break;
    case DurationUnit::week: suffix = "w"; break;
    case DurationUnit::month: suffix = "mo"; break;
    case DurationUnit::year: suffix = "y"; break;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g%s", value, suffix);
  return buf;
}

std::optional<Duration> parse_duration(std::string_view text) {
  text = trim(text);
  std::size_t split = 0;
  while (split < text.size() &&
         ((text[split] >= '0' && text[split] <= '9') || text[split] == '.')) {
    ++split;
  }
  if (split == 0) return std::nullopt;
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + split, value);
  if (ec != std::errc() || ptr != text.data() + split || !std::isfinite(value)) return std::nullopt;
  const std::string_view unit = trim(text.substr(split));
  for (const auto& [name, u] : kUnitNames) {
    if (unit == name) return Duration{value, u};
  }
  return std::nullopt;
}

}  // namespace chainsim
