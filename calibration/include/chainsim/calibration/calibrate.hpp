#pragma once
// A whole calibration: search, curvature, fit of every target. No files are written here
// (calibration_files.hpp turns a result into the output files).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "chainsim/calibration/evaluator.hpp"
#include "chainsim/calibration/metrics.hpp"
#include "chainsim/calibration/optimizer.hpp"
#include "chainsim/calibration/spec.hpp"

namespace chainsim::calibration {

struct RunSettings {
  int jobs = 1;
  std::uint64_t seed = 0;
  // Called now and then (from any thread, one call at a time) with the model runs so far and the
  // best objective; for a progress line. Does not change the result.
  std::function<void(int runs, double best)> progress;
};

struct ParameterEstimate {
  const ParameterSpec* spec = nullptr;
  double value = 0.0;   // parameter units (scale mode: the factor)
  double scaled = 0.0;  // position in [lower, upper], 0..1
  bool at_bound = false;
  bool identified = false;
  double std_error = 0.0;              // parameter units; NaN when not identified
  double ci_low = 0.0, ci_high = 0.0;  // value -+ 1.96 std_error
};

struct TargetFit {
  const WindowTarget* target = nullptr;
  std::vector<double> fitted;
  FitMetrics metrics;
  double dispersion = 0.0;  // negative_binomial, else NaN
};

struct CalibrationResult {
  int from_month = 0, to_month = 0;
  std::vector<double> scaled;  // the optimum
  Evaluation best;
  Scenario fitted;  // the base scenario with the fitted values
  std::vector<ParameterEstimate> parameters;
  std::vector<TargetFit> targets;
  SearchResult search;
  int curvature_evaluations = 0;
  double seconds = 0.0;
  int jobs = 1;
  std::uint64_t seed = 0;
};

// Fits the observations of months from_month .. to_month. The evaluator must outlive the result
// (the result points into it).
CalibrationResult calibrate(const Evaluator& evaluator, const RunSettings& run);

// Scaled distance under which a parameter counts as at its bound.
inline constexpr double kAtBound = 1e-3;
// Finite-difference step of the Hessian, scaled units.
inline constexpr double kHessianStep = 1e-3;

}  // namespace chainsim::calibration
