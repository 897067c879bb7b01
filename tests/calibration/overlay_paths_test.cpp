// Every catalogue parameter a calibration may fit is written by calibrated.yaml at the YAML key
// the loader reads it from: an overlay setting each one alone reloads to exactly that value. On a
// scenario without some sections (the minimal example), a parameter the overlay cannot write is
// refused before any search, located at its `path` in the spec.
#include <gtest/gtest.h>

#include <algorithm>

#include "chainsim/calibration/free_parameters.hpp"
#include "chainsim/calibration/overlay.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/config/load.hpp"
#include "chainsim/config/source_text.hpp"
#include "chainsim/config/yaml_io.hpp"
#include "twin_support.hpp"

namespace chainsim::calibration {
namespace {

class OverlayPaths : public testing::ScratchDir {
 protected:
  // Checks every fittable path of `scenario_file` alone; returns {round trips, refused}.
  std::pair<int, int> check_every_path(const std::string& scenario_file) {
    CalibrationSpec spec;
    spec.file = write("spec.yaml", "");
    spec.scenario_file = scenario_file;
    spec.scenario = config::load_scenario(spec.scenario_file);
    const Scenario& base = spec.scenario.scenario;
    int round_trips = 0, refused = 0;
    for (const std::string& path : calibration_parameter_paths(base)) {
      if (path == "cgrs.suspended" || path == "reception.excluded" ||
          path == "reception.waiting_list")
        continue;
      // The spec reader refuses these before the overlay check (integration block off).
      if (path.starts_with("integration.") && !base.integration.enabled) continue;
      if (path.starts_with("integration.programme.") && !base.integration.programme.enabled)
        continue;
      ParameterSpec p;
      p.path = path;
      p.ref = resolve_calibration_parameter(path, base);
      EXPECT_TRUE(p.ref.info) << path;
      if (!p.ref.info) continue;
      const int n = p.ref.info->shape == ParamShape::segment ? base.segments.size() : 1;
      for (int s = 0; s < n; ++s) p.segments.push_back(s);
      // A value no scenario writes by accident, small enough to keep outcome shares below 1.
      const double lo = p.ref.info->lo, hi = std::min(p.ref.info->hi, lo + 100.0);
      const double value =
          lo + 0.01370000000000001 * (hi - lo) + (p.ref.info->unit == "days" ? 0.0 : 1e-12);
      p.lower = lo;
      p.upper = hi;
      spec.parameters = {p};
      const config::Node list = config::parse_yaml("- {path: " + path + ", lower: 0, upper: 1}\n",
                                                   config::share_name(spec.file));
      try {
        check_parameters_writable(spec, list);
      } catch (const config::InputError& e) {
        EXPECT_EQ(e.file, spec.file) << path;
        EXPECT_EQ(e.line, 1) << path;
        EXPECT_GT(e.column, 2) << path;
        EXPECT_FALSE(e.hint.empty()) << path;
        // The catalogue's lower bound of reception.saturation (0) is one the loader refuses:
        // located at the bound. Anything else is a value the overlay cannot write at all.
        if (path == "reception.saturation")
          EXPECT_EQ(e.key_path, "parameters[0].lower") << e.what();
        else
          EXPECT_EQ(e.key_path, "parameters[0].path") << e.what();
        ++refused;
        continue;
      }
      const Scenario fitted = with_parameters(base, spec.parameters, std::vector<double>{value});
      const std::string text = calibrated_overlay(spec, fitted, dir(), "round trip of " + path);
      EXPECT_NO_THROW(check_overlay(text, dir(), fitted)) << path << "\n" << text;
      ++round_trips;
    }
    return {round_trips, refused};
  }
};

TEST_F(OverlayPaths, EveryCataloguePathRoundTrips) {
  const auto [round_trips, refused] = check_every_path(std::string(CHAINSIM_SOURCE_DIR) +
                                                       "/scenarios/belgium/integration-curve.yaml");
  EXPECT_GT(round_trips, 50);
  EXPECT_EQ(refused, 1);  // reception.saturation at lower = 0
}

TEST_F(OverlayPaths, OnAMinimalScenarioEveryPathRoundTripsOrIsRefusedUpFront) {
  const auto [round_trips, refused] =
      check_every_path(std::string(CHAINSIM_SOURCE_DIR) + "/scenarios/examples/minimal.yaml");
  EXPECT_GT(round_trips, 30);
  EXPECT_GT(refused, 0);  // e.g. call.migration_litigation.initial_pending: no such section
}

}  // namespace
}  // namespace chainsim::calibration
