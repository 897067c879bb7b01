#pragma once
// A calibration spec (YAML): which scenario, which window of observations, which parameters are
// free and within what bounds, which observed series the model must match and how, and the
// optimiser's settings. Read strictly: every error is a config::InputError naming the spec file,
// line, column and key (docs/calibration.md lists every key).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "chainsim/calibration/objective.hpp"
#include "chainsim/calibration/observed_series.hpp"
#include "chainsim/calibration/unit_conversion.hpp"
#include "chainsim/config/load.hpp"
#include "chainsim/model/parameters.hpp"
#include "chainsim/model/series.hpp"

namespace chainsim::calibration {

enum class ParamMode {
  set,    // the parameter takes the value (the same in every selected segment)
  scale,  // the scenario's values of the selected segments are multiplied by the value
};

struct ParameterSpec {
  std::string path;   // catalogue path, e.g. "cgrs.outcomes.refugee"
  std::string label;  // path plus the selection, e.g. "cgrs.outcomes.refugee[origin=high]"
  ParamRef ref;
  std::vector<int> segments;  // the values it changes (segment indices; {0} for a scalar)
  ParamMode mode = ParamMode::set;
  double lower = 0.0, upper = 1.0;  // bounds of the value (set) or of the factor (scale)
  std::optional<double> start;      // default: free_parameters.hpp default_start
  Prior prior;
  std::string unit() const;  // the catalogue unit (set) or "factor" (scale)
};

struct TargetSpec {
  std::string name;  // unique; default the observed series' name
  std::string observed_file, observed_series, observed_unit;
  Frequency frequency = Frequency::month;
  std::vector<Observation> points;  // every observation of the series, sorted by date
  std::string model_series, model_unit;
  SeriesKind kind = SeriesKind::stock;
  UnitConversion convert;
  double weight = 1.0;
  std::optional<double> scale;       // default: mean |observed| in the fitted window
  std::optional<double> dispersion;  // negative_binomial only; default: profiled
  config::Location where;            // the target's `model:` in the spec, for later errors
  std::string key_path;              // "targets[2].model"
};

struct OptimizerSettings {
  std::string global = "GN_CRS2_LM";  // an NLopt GN_ algorithm, or "none"
  std::string local = "LN_BOBYQA";    // an NLopt LN_ algorithm, or "none"
  int starts = 4;                     // multi-start: global runs and local polishes
  int max_evaluations = 2000;         // hard budget of model runs for the search
  double tolerance = 1e-8;            // relative tolerance on x and f of the local polish
};

// Months as config::month_index (year * 12 + month - 1).
struct BacktestSettings {
  int fit_to = 0;                  // last month of the fit
  int project_to = 0;              // last month of the projection
  std::vector<int> extra_origins;  // further fit_to months (rolling origins)
};

struct CalibrationSpec {
  std::string file;  // as given
  std::string name;  // the file's stem
  std::string description;
  std::string scenario_file;  // resolved path of the calibrated scenario
  std::vector<std::string> overrides;
  config::LoadedScenario scenario;
  int from_month = 0, to_month = 0;  // the fitted window, inclusive
  ObjectiveKind objective = ObjectiveKind::wls;
  std::vector<ParameterSpec> parameters;
  config::Location parameters_where;  // the `parameters` key, for errors about the fit as a whole
  std::vector<TargetSpec> targets;
  OptimizerSettings optimizer;
  std::optional<BacktestSettings> backtest;
};

// Runs the base scenario once and refuses (InputError at the target) a target whose model series
// has no value at all (NaN throughout: e.g. an integration series when the integration block is
// off). A value missing in single periods makes those candidates invalid instead.
void check_targets_defined(const CalibrationSpec& spec);

// Reads, checks and resolves the spec at `path` (the scenario is loaded with its overrides, the
// observed files are read). Throws config::InputError.
CalibrationSpec read_calibration_spec(const std::string& path);

// Every key a spec may hold, by map ("" = the top level, "parameters", "targets", "prior", ...).
const std::map<std::string, std::vector<std::string>>& spec_keys();

Date first_day_of_month(int month_index);
Date last_day_of_month(int month_index);

}  // namespace chainsim::calibration
