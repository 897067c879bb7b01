#pragma once
// The objective of a calibration: a data term per target plus the priors of the parameters
// (formulas in docs/calibration.md). Smaller is better.
#include <optional>
#include <span>
#include <string>

namespace chainsim::calibration {

enum class ObjectiveKind {
  wls,                // sum_t w_t sum_i ((f_i - o_i) / s_t)^2
  gaussian,           // negative log-likelihood, normal errors, variance per target profiled out
  negative_binomial,  // negative log-likelihood of counts, dispersion per target given or profiled
};

std::string to_string(ObjectiveKind k);

// Weighted least squares term of one target: weight * sum(((f - o) / scale)^2).
double wls_term(std::span<const double> observed, std::span<const double> fitted, double weight,
                double scale);

// Gaussian negative log-likelihood of one target with its variance profiled out in closed form:
// with RSS = sum (f - o)^2 over n points, sigma^2 = RSS / n and
//   weight * (n / 2) * (ln(2 pi RSS / n) + 1).
// RSS / n is floored at (1e-9 * scale)^2 so that an exact fit stays finite.
double gaussian_profiled_term(std::span<const double> observed, std::span<const double> fitted,
                              double weight, double scale);

// Negative log-likelihood of counts o_i under a negative binomial with mean f_i and size
// (dispersion) r, variance f + f^2 / r:
//   -sum [lnG(o+r) - lnG(r) - lnG(o+1) + r ln(r/(r+f)) + o ln(f/(r+f))]
// Means are floored at 1e-9 (the model may predict 0).
double negative_binomial_nll(std::span<const double> observed, std::span<const double> fitted,
                             double dispersion);

// The dispersion that minimises negative_binomial_nll (Brent search on ln r in [ln 1e-3, ln 1e9]).
double profile_dispersion(std::span<const double> observed, std::span<const double> fitted);

// Priors: the negative log density up to a constant, doubled for wls (which is on the -2 ln L
// scale): normal 0.5 ((v - mean) / sd)^2; lognormal ln v + 0.5 ((ln v - ln median) / sd_log)^2.
enum class PriorKind { none, normal, lognormal };
struct Prior {
  PriorKind kind = PriorKind::none;
  double centre = 0.0;  // normal: mean; lognormal: median
  double spread = 1.0;  // normal: sd; lognormal: sd of ln v
};
double prior_penalty(const Prior& prior, double value, ObjectiveKind objective);

}  // namespace chainsim::calibration
