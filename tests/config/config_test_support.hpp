#pragma once
// Shared helpers for the config tests.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "chainsim/config/load.hpp"

namespace chainsim::config::testing {

inline std::string inputs_dir() {
  return std::string(CHAINSIM_TEST_DIR) + "/inputs";
}
inline std::string input(const std::string& name) {
  return inputs_dir() + "/" + name;
}

// A minimal valid scenario; the line numbers are used by the tests, keep them stable:
//  1 schema  2 name  3 time  4 start  5 end  6 segments  7 origins  8 profiles  9 applications
// 10 per_month  11 cgrs  12 officers  13 decisions  14 outcomes  15 reception  16 pools
// 17 network
inline const std::string kMinimal =
    "schema: 1\n"
    "name: tiny\n"
    "time:\n"
    "  start: 2025-01-01\n"
    "  end: 2025-06-30\n"
    "segments:\n"
    "  origins: {a: 0.8, b: 0.2}\n"
    "  profiles: {single: 0.6, family: 0.4}\n"
    "applications:\n"
    "  per_month: 1000\n"
    "cgrs:\n"
    "  officers: 10\n"
    "  decisions_per_officer_per_month: 7.5\n"
    "  outcomes: {refugee: {by_origin: {a: 0.8, b: 0.2}}}\n"
    "reception:\n"
    "  pools:\n"
    "    network: {capacity: 500}\n";

// kMinimal with the first occurrence of `from` replaced by `to` (fails the test if absent).
inline std::string minimal_with(const std::string& from, const std::string& to) {
  std::string text = kMinimal;
  const auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << "template has no '" << from << "'";
  if (pos != std::string::npos) text.replace(pos, from.size(), to);
  return text;
}

// Runs `f`, which must throw InputError; returns it (an empty error, and a failure, otherwise).
inline InputError catch_input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected InputError, got another exception: " << e.what();
    return {};
  }
  ADD_FAILURE() << "expected InputError, nothing was thrown";
  return {};
}

inline LoadedScenario load_text(const std::string& text,
                                const std::vector<std::string>& sets = {}) {
  return load_scenario_text(text, "test.yaml", inputs_dir(), sets);
}

}  // namespace chainsim::config::testing
