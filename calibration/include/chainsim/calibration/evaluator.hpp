#pragma once
// One evaluation of a calibration: copy the base scenario, set the free parameters, simulate,
// aggregate the model series to the observed periods, score. Thread-safe (const, no shared
// state): the optimiser calls it from several threads.
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "chainsim/calibration/aggregation.hpp"
#include "chainsim/calibration/spec.hpp"
#include "chainsim/model/series.hpp"

namespace chainsim::calibration {

// A target restricted to a window of months.
struct WindowTarget {
  const TargetSpec* spec = nullptr;
  std::vector<Observation> points;  // inside the window, by date
  std::vector<double> observed;     // their values
  double scale = 1.0;               // the spec's, or mean |observed| (1 when that is 0)
};

struct Evaluation {
  double objective = std::numeric_limits<double>::infinity();
  double data_term = 0.0, prior_term = 0.0;
  bool valid = false;   // false: the candidate broke a rule (shares > 1) or the run failed
  std::string problem;  // why, when not valid
  std::vector<std::vector<double>> fitted;  // per target, per point in the window (observed unit)
  std::vector<double> dispersion;           // per target (negative_binomial), else NaN
};

// Model values of `target` at `points`, in the observed unit. Throws std::runtime_error when a
// point cannot be built (the spec reader checked the windows it knows of).
std::vector<double> model_values(const Results& results, const Scenario& scenario,
                                 const TargetSpec& target, std::span<const Observation> points);

// Every evaluation runs the scenario only up to the end of the model period holding the last
// day of the window's last month (that day itself for a monthly report): the model's periods do
// not depend on where the horizon ends, so the window's values are those of the whole horizon,
// and the months after it would only cost time.
class Evaluator {
 public:
  // Fits the observations between the first day of `from_month` and the last of `to_month`.
  Evaluator(const CalibrationSpec& spec, int from_month, int to_month, std::uint64_t seed);

  int dimension() const { return static_cast<int>(spec_.parameters.size()); }
  int from_month() const { return from_month_; }
  int to_month() const { return to_month_; }
  const CalibrationSpec& spec() const { return spec_; }
  const std::vector<WindowTarget>& targets() const { return targets_; }
  int points() const;  // observations fitted, all targets

  // The base scenario with the parameters at `scaled`, over its whole horizon (not cut).
  Scenario scenario_at(std::span<const double> scaled) const;
  Evaluation evaluate(std::span<const double> scaled) const;
  // The score of given fitted values (exposed for tests of the objective's assembly).
  Evaluation score(std::vector<std::vector<double>> fitted, std::span<const double> values) const;

 private:
  const CalibrationSpec& spec_;
  std::vector<WindowTarget> targets_;
  std::uint64_t seed_;
  int from_month_, to_month_;
  Date run_end_;  // the last day each evaluation simulates
};

// A large finite objective for invalid candidates: NLopt's local methods cope with a wall better
// than with infinities.
inline constexpr double kInvalidObjective = 1e30;

}  // namespace chainsim::calibration
