#pragma once
// A backtest: calibrate on period.from .. fit_to, run the fitted scenario on to project_to (driven
// by the applications the scenario reads: what really arrived), and score every target over the
// months after fit_to against the observations and against two naive forecasts. Rolling origins
// repeat this for further fit_to months.
#include <memory>
#include <string>
#include <vector>

#include "chainsim/calibration/calibrate.hpp"
#include "chainsim/calibration/metrics.hpp"

namespace chainsim::calibration {

struct TargetScore {
  const TargetSpec* target = nullptr;
  std::vector<Observation> points;  // observed after the origin, up to project_to
  std::vector<double> observed, projected, naive_last, naive_seasonal;  // NaN: no naive value
  FitMetrics model, last, seasonal;  // seasonal: over the points that have a seasonal value
  int n_seasonal = 0;
  double mase_last = 0.0;      // model MAE / naive-last MAE over the window (NaN if undefined)
  double mase_seasonal = 0.0;  // the same over the points with a seasonal value
};

struct BacktestOrigin {
  int fit_to = 0;  // month index
  CalibrationResult fit;
  std::vector<TargetScore> scores;
  // Targets without an observation in this origin's fit window: they weigh nothing in its fit
  // (the spec reader only requires observations in `period`, which may end after the origin).
  std::vector<const TargetSpec*> unconstrained;
};

struct BacktestResult {
  int project_to = 0;
  std::vector<BacktestOrigin> origins;  // fit_to and the rolling origins, in date order
  double seconds = 0.0;
};

// Keeps `evaluators` alive for the results' pointers.
BacktestResult backtest(const CalibrationSpec& spec, const RunSettings& run,
                        std::vector<std::unique_ptr<Evaluator>>& evaluators);

// The scores of one target given its projection window (exposed for tests).
TargetScore score_target(const TargetSpec& target, std::vector<Observation> points,
                         std::vector<double> projected, Date origin_end);

}  // namespace chainsim::calibration
