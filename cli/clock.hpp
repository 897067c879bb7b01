#pragma once
// The current time as ISO 8601 UTC ("2026-11-23T19:30:00Z"), stamped into outputs, and a
// progress line for long work.
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <functional>
#include <iostream>
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

// A progress callback that rewrites one line on a terminal's standard error ("" when quiet or
// when standard error is not a terminal: logs stay clean).
inline std::function<void(int, double)> progress_line(bool quiet) {
  if (quiet || !::isatty(STDERR_FILENO)) return {};
  return [](int runs, double best) {
    std::cerr << "\r  " << runs << " model runs, best objective " << best << "      " << std::flush;
  };
}

}  // namespace chainsim::cli
