#pragma once
// The current time as ISO 8601 UTC ("2026-11-23T19:30:00Z"), stamped into outputs.
#include <chrono>
#include <ctime>
#include <string>

namespace chainsim::cli {

inline std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace chainsim::cli
