// docs/calibration.md documents every key of the calibration spec, and the example spec there
// reads without error.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "chainsim/calibration/spec.hpp"

namespace chainsim::calibration {
namespace {

std::string read_doc() {
  std::ifstream in(std::string(CHAINSIM_SOURCE_DIR) + "/docs/calibration.md");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(CalibrationDocs, EverySpecKeyIsDocumented) {
  const std::string doc = read_doc();
  ASSERT_FALSE(doc.empty());
  // The whole key in backticks, alone (`tolerance`), under its map (`prior.normal`) or as it is
  // written in YAML (`convert:`): a prefix would let `to` be satisfied by `tolerance`.
  const auto documented = [&](const std::string& map, const std::string& key) {
    for (const std::string& form : {"`" + key + "`", "`" + key + ":", "`" + map + "." + key + "`"})
      if (doc.find(form) != std::string::npos) return true;
    return false;
  };
  for (const auto& [map, keys] : spec_keys())
    for (const std::string& key : keys)
      EXPECT_TRUE(documented(map, key)) << (map.empty() ? "" : map + ".") << key;
}

TEST(CalibrationDocs, TheExampleSpecReads) {
  const CalibrationSpec spec = read_calibration_spec(std::string(CHAINSIM_SOURCE_DIR) +
                                                     "/calibration/specs/twin-two-profiles.yaml");
  EXPECT_EQ(spec.parameters.size(), 3u);
  EXPECT_EQ(spec.targets.size(), 4u);
  ASSERT_TRUE(spec.backtest);
}

}  // namespace
}  // namespace chainsim::calibration
