#include "chainsim/calibration/metrics.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace chainsim::calibration {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_sizes(std::size_t a, std::size_t b) {
  if (a != b) throw std::invalid_argument("metrics: series of different lengths");
}
}  // namespace

FitMetrics fit_metrics(std::span<const double> observed, std::span<const double> fitted) {
  check_sizes(observed.size(), fitted.size());
  FitMetrics m;
  m.n = static_cast<int>(observed.size());
  if (m.n == 0) {
    m.rmse = m.mae = m.bias = m.mape = kNaN;
    return m;
  }
  double sq = 0.0, abs = 0.0, sum = 0.0, rel = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double e = fitted[i] - observed[i];
    sq += e * e;
    abs += std::abs(e);
    sum += e;
    if (observed[i] != 0.0) {
      rel += std::abs(e) / std::abs(observed[i]);
      ++m.n_mape;
    }
  }
  const double n = m.n;
  m.rmse = std::sqrt(sq / n);
  m.mae = abs / n;
  m.bias = sum / n;
  m.mape = m.n_mape > 0 ? 100.0 * rel / m.n_mape : kNaN;
  return m;
}

double mase(std::span<const double> observed, std::span<const double> model,
            std::span<const double> naive) {
  check_sizes(observed.size(), model.size());
  check_sizes(observed.size(), naive.size());
  if (observed.empty()) return kNaN;
  const double naive_mae = fit_metrics(observed, naive).mae;
  if (!(naive_mae > 0.0)) return kNaN;
  return fit_metrics(observed, model).mae / naive_mae;
}

}  // namespace chainsim::calibration
