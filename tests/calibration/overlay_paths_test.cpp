// Every catalogue parameter a calibration may fit is written by calibrated.yaml at the YAML key
// the loader reads it from: an overlay setting each one alone reloads to exactly that value.
#include <gtest/gtest.h>

#include <algorithm>

#include "chainsim/calibration/free_parameters.hpp"
#include "chainsim/calibration/overlay.hpp"
#include "chainsim/config/load.hpp"
#include "twin_support.hpp"

namespace chainsim::calibration {
namespace {

class OverlayPaths : public testing::ScratchDir {};

TEST_F(OverlayPaths, EveryCataloguePathRoundTrips) {
  CalibrationSpec spec;
  spec.scenario_file =
      std::string(CHAINSIM_SOURCE_DIR) + "/scenarios/belgium/integration-curve.yaml";
  spec.scenario = config::load_scenario(spec.scenario_file);
  const Scenario& base = spec.scenario.scenario;
  int checked = 0;
  for (const std::string& path : calibration_parameter_paths(base)) {
    if (path == "cgrs.suspended" || path == "reception.excluded" ||
        path == "reception.waiting_list")
      continue;
    ParameterSpec p;
    p.path = path;
    p.ref = resolve_calibration_parameter(path, base);
    ASSERT_TRUE(p.ref.info) << path;
    const int n = p.ref.info->shape == ParamShape::segment ? base.segments.size() : 1;
    for (int s = 0; s < n; ++s) p.segments.push_back(s);
    // A value no scenario writes by accident, small enough to keep outcome shares below 1.
    const double lo = p.ref.info->lo, hi = std::min(p.ref.info->hi, lo + 100.0);
    const double value =
        lo + 0.01370000000000001 * (hi - lo) + (p.ref.info->unit == "days" ? 0.0 : 1e-12);
    p.lower = lo;
    p.upper = hi;
    spec.parameters = {p};
    const Scenario fitted = with_parameters(base, spec.parameters, std::vector<double>{value});
    const std::string text = calibrated_overlay(spec, fitted, dir(), "round trip of " + path);
    EXPECT_NO_THROW(check_overlay(text, dir(), fitted)) << path << "\n" << text;
    ++checked;
  }
  EXPECT_GT(checked, 50);
}

}  // namespace
}  // namespace chainsim::calibration
