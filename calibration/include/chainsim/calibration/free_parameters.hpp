#pragma once
// The free parameters of a calibration inside a Scenario: the optimiser works in a scaled space
// where each parameter runs over [0, 1] between its lower and upper bound, so that algorithms
// see comparable steps whatever the units (officers, shares, days).
#include <span>
#include <vector>

#include "chainsim/calibration/spec.hpp"

namespace chainsim::calibration {

double to_value(const ParameterSpec& p, double scaled);
double to_scaled(const ParameterSpec& p, double value);
std::vector<double> to_values(std::span<const ParameterSpec> params,
                              std::span<const double> scaled);

// `base` with the parameters set to `values` (parameter units): `set` writes the value into every
// selected segment, `scale` multiplies the base scenario's values there. No YAML is involved.
// When `cgrs.officers` is fitted, `cgrs.target_officers` is not, and the base's target equals its
// officers (the loader's default), the target moves with the officers.
Scenario with_parameters(const Scenario& base, std::span<const ParameterSpec> params,
                         std::span<const double> values);

// Where the search starts a parameter without `start`: the scenario's own value (set: when the
// selected segments share one value inside [lower, upper]; scale: the factor 1 when inside), so
// the first start is the scenario as written; otherwise the middle of the bounds.
double default_start(const ParameterSpec& p, const Scenario& base);

// How far the outcome shares of a segment exceed 1 (the loader's rule: refugee + subsidiary +
// inadmissible, annul + refugee + subsidiary of the CALL, voluntary + forced + subsequent
// returns each at most 1); 0 when every group is valid. A fit can move one share of a group.
double share_excess(const Scenario& scenario);

}  // namespace chainsim::calibration
