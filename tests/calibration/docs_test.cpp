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
  for (const auto& [map, keys] : spec_keys())
    for (const std::string& key : keys)
      EXPECT_NE(doc.find("`" + key), std::string::npos) << (map.empty() ? "" : map + ".") << key;
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
