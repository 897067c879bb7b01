#pragma once
// calibrated.yaml: a scenario overlay that `extends` the calibrated scenario, repeats the spec's
// overrides and sets every fitted parameter at its YAML key. Loading it gives the fitted
// Scenario (check_overlay verifies that before anything is written).
#include <filesystem>
#include <string>

#include "chainsim/calibration/spec.hpp"
#include "chainsim/config/yaml_io.hpp"

namespace chainsim::calibration {

// Shortest text that reads back as exactly `v` ("0.1", "1e-05"); `days` writes a duration in days
// without an exponent ("30.5d"), as durations must carry a unit.
std::string exact_number_text(double v, bool days = false);

// The overlay text. `out_dir` is where it will be written (the `extends` path is relative to it);
// `header` is written first as comment lines (without the leading "# ").
std::string calibrated_overlay(const CalibrationSpec& spec, const Scenario& fitted,
                               const std::filesystem::path& out_dir, const std::string& header);

// The first catalogue parameter whose values differ between the two scenarios ("" when none).
std::string first_parameter_difference(const Scenario& a, const Scenario& b);

// Loads `overlay_text` as if it were `out_dir`/calibrated.yaml and throws std::runtime_error when
// it does not give `fitted` exactly (every catalogue parameter, bit for bit).
void check_overlay(const std::string& overlay_text, const std::filesystem::path& out_dir,
                   const Scenario& fitted);

// Before any search: builds calibrated.yaml with every parameter at its start value and checks it
// (check_overlay), so that a parameter the overlay cannot write (a section the scenario lacks, a
// value the loader accepts only with other keys) is refused now, not after the whole fit. Throws
// config::InputError at `parameters[i].path` of the first parameter that fails alone (at
// `parameters` when only their combination fails). `parameters` is the spec's list node.
void check_parameters_writable(const CalibrationSpec& spec, const config::Node& parameters);

}  // namespace chainsim::calibration
