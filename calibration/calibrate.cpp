#include "chainsim/calibration/calibrate.hpp"

#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>

#include "chainsim/calibration/curvature.hpp"
#include "chainsim/calibration/free_parameters.hpp"

namespace chainsim::calibration {

namespace {

constexpr double kZ95 = 1.959963984540054;
constexpr int kProgressEvery = 50;

std::vector<ParameterEstimate> estimates(const Evaluator& ev, std::span<const double> x,
                                         const Curvature& c) {
  std::vector<ParameterEstimate> out;
  const auto& params = ev.spec().parameters;
  for (std::size_t i = 0; i < params.size(); ++i) {
    ParameterEstimate e;
    e.spec = &params[i];
    e.scaled = x[i];
    e.value = to_value(params[i], x[i]);
    e.at_bound = x[i] < kAtBound || x[i] > 1.0 - kAtBound;
    e.identified = c.identified[i];
    e.std_error = c.scaled_se[i] * (params[i].upper - params[i].lower);
    e.ci_low = e.value - kZ95 * e.std_error;
    e.ci_high = e.value + kZ95 * e.std_error;
    out.push_back(e);
  }
  return out;
}

}  // namespace

CalibrationResult calibrate(const Evaluator& ev, const RunSettings& run) {
  const auto t0 = std::chrono::steady_clock::now();
  CalibrationResult r;
  r.from_month = ev.from_month();
  r.to_month = ev.to_month();
  r.jobs = run.jobs;
  r.seed = run.seed;
  std::mutex progress_mutex;
  int runs = 0;
  double best = std::numeric_limits<double>::infinity();
  const ScaledObjective f = [&](std::span<const double> x) {
    const double value = ev.evaluate(x).objective;
    if (run.progress) {
      const std::lock_guard lock(progress_mutex);
      best = std::min(best, value);
      if (++runs % kProgressEvery == 0) run.progress(runs, best);
    }
    return value;
  };
  std::vector<std::optional<double>> given;
  for (const ParameterSpec& p : ev.spec().parameters)
    given.push_back(
        to_scaled(p, p.start ? *p.start : default_start(p, ev.spec().scenario.scenario)));
  r.search = search(f, ev.dimension(), given, ev.spec().optimizer, run.seed, run.jobs);
  r.scaled = r.search.x;
  r.best = ev.evaluate(r.scaled);
  r.fitted = ev.scenario_at(r.scaled);

  const Eigen::MatrixXd H =
      finite_difference_hessian(f, r.scaled, kHessianStep, run.jobs, &r.curvature_evaluations);
  // s^2 of wls is the residual variance: the data term alone, a prior's penalty is no residual.
  const Curvature c =
      curvature(H, ev.spec().objective, r.best.data_term, ev.points(), ev.dimension());
  r.parameters = estimates(ev, r.scaled, c);

  for (std::size_t t = 0; t < ev.targets().size(); ++t) {
    TargetFit fit;
    fit.target = &ev.targets()[t];
    fit.fitted = r.best.fitted.empty() ? std::vector<double>() : r.best.fitted[t];
    if (fit.fitted.size() == fit.target->observed.size())
      fit.metrics = fit_metrics(fit.target->observed, fit.fitted);
    fit.dispersion = r.best.dispersion.empty() ? std::nan("") : r.best.dispersion[t];
    r.targets.push_back(std::move(fit));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

}  // namespace chainsim::calibration
