#include "chainsim/calibration/objective.hpp"

#include <boost/math/tools/minima.hpp>
#include <cmath>
#include <limits>
#include <numbers>

namespace chainsim::calibration {

namespace {
constexpr double kMinMean = 1e-9;
}

std::string to_string(ObjectiveKind k) {
  switch (k) {
    case ObjectiveKind::wls:
      return "wls";
    case ObjectiveKind::gaussian:
      return "gaussian";
    case ObjectiveKind::negative_binomial:
      return "negative_binomial";
  }
  return "wls";
}

double wls_term(std::span<const double> observed, std::span<const double> fitted, double weight,
                double scale) {
  double sum = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double z = (fitted[i] - observed[i]) / scale;
    sum += z * z;
  }
  return weight * sum;
}

double gaussian_profiled_term(std::span<const double> observed, std::span<const double> fitted,
                              double weight, double scale) {
  const double n = static_cast<double>(observed.size());
  if (n == 0) return 0.0;
  double rss = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double e = fitted[i] - observed[i];
    rss += e * e;
  }
  const double floor = 1e-9 * scale;
  const double variance = std::max(rss / n, floor * floor);
  return weight * 0.5 * n * (std::log(2.0 * std::numbers::pi * variance) + 1.0);
}

double negative_binomial_nll(std::span<const double> observed, std::span<const double> fitted,
                             double r) {
  double nll = 0.0;
  for (std::size_t i = 0; i < observed.size(); ++i) {
    const double o = observed[i];
    const double mu = std::max(fitted[i], kMinMean);
    nll -= std::lgamma(o + r) - std::lgamma(r) - std::lgamma(o + 1.0) + r * std::log(r / (r + mu)) +
           o * std::log(mu / (r + mu));
  }
  return nll;
}

double profile_dispersion(std::span<const double> observed, std::span<const double> fitted) {
  const auto f = [&](double log_r) {
    return negative_binomial_nll(observed, fitted, std::exp(log_r));
  };
  constexpr int kBits = 40;
  const auto [log_r, value] =
      boost::math::tools::brent_find_minima(f, std::log(1e-3), std::log(1e9), kBits);
  (void)value;
  return std::exp(log_r);
}

double prior_penalty(const Prior& prior, double v, ObjectiveKind objective) {
  double nll = 0.0;
  switch (prior.kind) {
    case PriorKind::none:
      return 0.0;
    case PriorKind::normal: {
      const double z = (v - prior.centre) / prior.spread;
      nll = 0.5 * z * z;
      break;
    }
    case PriorKind::lognormal: {
      if (!(v > 0.0)) return std::numeric_limits<double>::infinity();
      const double z = (std::log(v) - std::log(prior.centre)) / prior.spread;
      nll = std::log(v) + 0.5 * z * z;
      break;
    }
  }
  return objective == ObjectiveKind::wls ? 2.0 * nll : nll;
}

}  // namespace chainsim::calibration
