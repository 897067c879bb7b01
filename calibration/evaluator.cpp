#include "chainsim/calibration/evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "chainsim/calibration/free_parameters.hpp"
#include "chainsim/model/calendar.hpp"
#include "chainsim/model/simulation.hpp"

namespace chainsim::calibration {

std::vector<double> model_values(const Results& results, const Scenario& scenario,
                                 const TargetSpec& target, std::span<const Observation> points) {
  const std::vector<double> series = results.column(target.model_series);
  const PeriodGrid grid{scenario.time.start, results.layout.period_ends};
  const double factor = conversion_factor(target.convert, scenario);
  std::vector<double> out;
  out.reserve(points.size());
  for (const Observation& o : points) {
    const Aggregated a = aggregate(series, grid, target.kind, o.start, o.end);
    if (!a.value) throw std::runtime_error(target.name + ": " + a.problem);
    out.push_back(*a.value * factor);
  }
  return out;
}

Evaluator::Evaluator(const CalibrationSpec& spec, int from_month, int to_month, std::uint64_t seed)
    : spec_(spec), seed_(seed), from_month_(from_month), to_month_(to_month) {
  const Date first = first_day_of_month(from_month), last = last_day_of_month(to_month);
  // The first period end of the whole horizon on or after the window's last day: a run cut there
  // has the whole run's period ends up to it (a cut inside a period would end a shorter last
  // period there, and a dated snapshot near the window's end would be interpolated towards it).
  const Calendar calendar(spec.scenario.scenario.time);
  const std::vector<Date>& ends = calendar.period_ends();
  const auto end = std::lower_bound(ends.begin(), ends.end(), last);
  run_end_ = end == ends.end() ? spec.scenario.scenario.time.end : *end;
  for (const TargetSpec& t : spec.targets) {
    WindowTarget w;
    w.spec = &t;
    double sum_abs = 0.0;
    for (const Observation& o : t.points) {
      if (o.start < first || o.end > last) continue;
      w.points.push_back(o);
      w.observed.push_back(o.value);
      sum_abs += std::abs(o.value);
    }
    const double mean_abs = w.points.empty() ? 0.0 : sum_abs / static_cast<double>(w.points.size());
    w.scale = t.scale ? *t.scale : (mean_abs > 0.0 ? mean_abs : 1.0);
    targets_.push_back(std::move(w));
  }
}

int Evaluator::points() const {
  int n = 0;
  for (const WindowTarget& t : targets_) n += static_cast<int>(t.points.size());
  return n;
}

Scenario Evaluator::scenario_at(std::span<const double> scaled) const {
  const std::vector<double> values = to_values(spec_.parameters, scaled);
  return with_parameters(spec_.scenario.scenario, spec_.parameters, values);
}

Evaluation Evaluator::score(std::vector<std::vector<double>> fitted,
                            std::span<const double> values) const {
  Evaluation e;
  e.fitted = std::move(fitted);
  e.dispersion.assign(targets_.size(), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t t = 0; t < targets_.size(); ++t) {
    const WindowTarget& w = targets_[t];
    const std::vector<double>& f = e.fitted[t];
    switch (spec_.objective) {
      case ObjectiveKind::wls:
        e.data_term += wls_term(w.observed, f, w.spec->weight, w.scale);
        break;
      case ObjectiveKind::gaussian:
        e.data_term += gaussian_profiled_term(w.observed, f, w.spec->weight, w.scale);
        break;
      case ObjectiveKind::negative_binomial: {
        const double r =
            w.spec->dispersion ? *w.spec->dispersion : profile_dispersion(w.observed, f);
        e.dispersion[t] = r;
        e.data_term += w.spec->weight * negative_binomial_nll(w.observed, f, r);
        break;
      }
    }
  }
  for (std::size_t i = 0; i < spec_.parameters.size(); ++i)
    e.prior_term += prior_penalty(spec_.parameters[i].prior, values[i], spec_.objective);
  e.objective = e.data_term + e.prior_term;
  e.valid = std::isfinite(e.objective);
  if (!e.valid) e.problem = "the objective is not finite";
  return e;
}

Evaluation Evaluator::evaluate(std::span<const double> scaled) const {
  const std::vector<double> values = to_values(spec_.parameters, scaled);
  const Scenario scenario = with_parameters(spec_.scenario.scenario, spec_.parameters, values);
  if (const double excess = share_excess(scenario); excess > 0.0) {
    Evaluation e;
    e.objective = kInvalidObjective * (1.0 + excess);
    e.problem = "outcome shares of a segment sum to more than 1";
    return e;
  }
  // The run stops with the window (run_end_): the model's periods do not depend on where the
  // horizon ends, so the values in the window are those of the whole horizon (tested), and the
  // months after the window would cost time without changing the fit.
  Scenario run = scenario;
  run.time.end = run_end_;
  const Results results = simulate(run, seed_);
  std::vector<std::vector<double>> fitted;
  fitted.reserve(targets_.size());
  for (const WindowTarget& w : targets_)
    fitted.push_back(model_values(results, run, *w.spec, w.points));
  for (std::size_t t = 0; t < fitted.size(); ++t)
    for (std::size_t i = 0; i < fitted[t].size(); ++i)
      if (!std::isfinite(fitted[t][i])) {
        Evaluation e;
        e.objective = kInvalidObjective;
        e.problem = "the model has no value of " + targets_[t].spec->model_series + " for " +
                    to_iso(targets_[t].points[i].start) + " .. " +
                    to_iso(targets_[t].points[i].end);
        return e;
      }
  Evaluation e = score(std::move(fitted), values);
  if (!e.valid) e.objective = kInvalidObjective;
  return e;
}

}  // namespace chainsim::calibration
