#pragma once
// Error metrics of a fitted or projected series against observations (docs/calibration.md).
#include <span>

namespace chainsim::calibration {

struct FitMetrics {
  int n = 0;          // points compared
  double rmse = 0.0;  // sqrt(mean((f - o)^2)), in the series' unit
  double mae = 0.0;   // mean(|f - o|), in the series' unit
  double bias = 0.0;  // mean(f - o), in the series' unit: > 0 means the model is too high
  double mape = 0.0;  // 100 * mean(|f - o| / |o|) over the points with o != 0, in %
  int n_mape = 0;     // points behind the MAPE (observations of 0 are left out)
};

// Metrics of `fitted` against `observed` (same length). With no points every value is NaN;
// a MAPE without a non-zero observation is NaN.
FitMetrics fit_metrics(std::span<const double> observed, std::span<const double> fitted);

// Mean absolute scaled error: the model's MAE over a window divided by a naive forecast's MAE
// over the same window (< 1: the model beats the naive forecast). NaN when the naive MAE is 0
// or there are no points.
double mase(std::span<const double> observed, std::span<const double> model,
            std::span<const double> naive);

}  // namespace chainsim::calibration
