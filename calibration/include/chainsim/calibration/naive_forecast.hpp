#pragma once
// The naive forecasts a projection is measured against (docs/calibration.md, "MASE"):
//   last      the last observation that ended on or before the forecast origin, held flat;
//   seasonal  the observation of the same period one year earlier; when that period is itself
//             after the origin (projections longer than a year), the same period in the last
//             year before the origin. NaN when that period was not observed.
#include <span>
#include <vector>

#include "chainsim/calibration/observed_series.hpp"

namespace chainsim::calibration {

// One value per point of `window` (NaN when the forecast has no value for it); `all` is every
// observation of the series, sorted; `origin_end` the last day of the fit.
std::vector<double> naive_last(std::span<const Observation> all,
                               std::span<const Observation> window, Date origin_end);
std::vector<double> naive_seasonal(std::span<const Observation> all,
                                   std::span<const Observation> window, Date origin_end);

}  // namespace chainsim::calibration
