#include "chainsim/calibration/backtest.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "chainsim/calibration/naive_forecast.hpp"
#include "chainsim/model/simulation.hpp"

namespace chainsim::calibration {

namespace {

// Observed and forecast values where the forecast has a value.
struct Paired {
  std::vector<double> observed, model, naive;
};

Paired where_defined(const std::vector<double>& observed, const std::vector<double>& model,
                     const std::vector<double>& naive) {
  Paired p;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    if (std::isnan(naive[i])) continue;
    p.observed.push_back(observed[i]);
    p.model.push_back(model[i]);
    p.naive.push_back(naive[i]);
  }
  return p;
}

std::vector<Observation> projection_window(const TargetSpec& t, Date after, Date last) {
  std::vector<Observation> out;
  for (const Observation& o : t.points)
    if (o.start > after && o.end <= last) out.push_back(o);
  return out;
}

}  // namespace

TargetScore score_target(const TargetSpec& target, std::vector<Observation> points,
                         std::vector<double> projected, Date origin_end) {
  TargetScore s;
  s.target = &target;
  s.points = std::move(points);
  for (const Observation& o : s.points) s.observed.push_back(o.value);
  s.projected = std::move(projected);
  s.naive_last = naive_last(target.points, s.points, origin_end);
  s.naive_seasonal = naive_seasonal(target.points, s.points, origin_end);
  s.model = fit_metrics(s.observed, s.projected);
  const Paired last = where_defined(s.observed, s.projected, s.naive_last);
  s.last = fit_metrics(last.observed, last.naive);
  s.mase_last = mase(last.observed, last.model, last.naive);
  const Paired seasonal = where_defined(s.observed, s.projected, s.naive_seasonal);
  s.n_seasonal = static_cast<int>(seasonal.observed.size());
  s.seasonal = fit_metrics(seasonal.observed, seasonal.naive);
  s.mase_seasonal = mase(seasonal.observed, seasonal.model, seasonal.naive);
  return s;
}

BacktestResult backtest(const CalibrationSpec& spec, const RunSettings& run,
                        std::vector<std::unique_ptr<Evaluator>>& evaluators) {
  const auto t0 = std::chrono::steady_clock::now();
  const BacktestSettings& b = *spec.backtest;
  BacktestResult out;
  out.project_to = b.project_to;
  std::vector<int> origins{b.fit_to};
  origins.insert(origins.end(), b.extra_origins.begin(), b.extra_origins.end());
  std::sort(origins.begin(), origins.end());
  origins.erase(std::unique(origins.begin(), origins.end()), origins.end());
  for (int fit_to : origins) {
    evaluators.push_back(std::make_unique<Evaluator>(spec, spec.from_month, fit_to, run.seed));
    BacktestOrigin o;
    o.fit_to = fit_to;
    for (const WindowTarget& w : evaluators.back()->targets())
      if (w.points.empty()) o.unconstrained.push_back(w.spec);
    o.fit = calibrate(*evaluators.back(), run);
    const Results projected = simulate(o.fit.fitted, run.seed);
    const Date after = last_day_of_month(fit_to), last = last_day_of_month(b.project_to);
    for (const TargetSpec& t : spec.targets) {
      std::vector<Observation> window = projection_window(t, after, last);
      std::vector<double> values = model_values(projected, o.fit.fitted, t, window);
      o.scores.push_back(score_target(t, std::move(window), std::move(values), after));
    }
    out.origins.push_back(std::move(o));
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace chainsim::calibration
