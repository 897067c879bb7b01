#include "chainsim/calibration/free_parameters.hpp"

#include <algorithm>
#include <string_view>

namespace chainsim::calibration {

double to_value(const ParameterSpec& p, double scaled) {
  return p.lower + std::clamp(scaled, 0.0, 1.0) * (p.upper - p.lower);
}

double to_scaled(const ParameterSpec& p, double value) {
  return std::clamp((value - p.lower) / (p.upper - p.lower), 0.0, 1.0);
}

std::vector<double> to_values(std::span<const ParameterSpec> params,
                              std::span<const double> scaled) {
  std::vector<double> out(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) out[i] = to_value(params[i], scaled[i]);
  return out;
}

Scenario with_parameters(const Scenario& base, std::span<const ParameterSpec> params,
                         std::span<const double> values) {
  // No two parameters change the same value (the spec reader refuses overlaps), so each value
  // still holds the base scenario's when its parameter is applied.
  Scenario out = base;
  const auto fits = [&](std::string_view path) {
    return std::any_of(params.begin(), params.end(),
                       [&](const ParameterSpec& p) { return p.path == path; });
  };
  // The loader defaults the hiring target to the officers: a scenario whose target equals its
  // officers keeps its staff, so the fitted officers carry the target with them (otherwise the
  // fitted run would hire towards, or shed down to, the old level nobody asked for).
  const bool target_follows = fits("cgrs.officers") && !fits("cgrs.target_officers") &&
                              base.cgrs.target_officers == base.cgrs.officers;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const ParameterSpec& p = params[i];
    const std::span<double> v = p.ref.values(out);
    for (int s : p.segments) {
      const auto k = static_cast<std::size_t>(s);
      v[k] = p.mode == ParamMode::set ? values[i] : v[k] * values[i];
    }
  }
  if (target_follows) out.cgrs.target_officers = out.cgrs.officers;
  return out;
}

double default_start(const ParameterSpec& p, const Scenario& base) {
  const double middle = 0.5 * (p.lower + p.upper);
  const auto inside = [&](double v) { return v >= p.lower && v <= p.upper; };
  if (p.mode == ParamMode::scale) return inside(1.0) ? 1.0 : middle;
  Scenario copy = base;  // ParamRef::values takes a mutable scenario
  const std::span<double> v = p.ref.values(copy);
  const double first = v[static_cast<std::size_t>(p.segments.front())];
  for (int s : p.segments)
    if (v[static_cast<std::size_t>(s)] != first) return middle;
  return inside(first) ? first : middle;
}

double share_excess(const Scenario& s) {
  double excess = 0.0;
  const auto group = [&](const SegmentValues& a, const SegmentValues& b, const SegmentValues& c) {
    for (std::size_t k = 0; k < a.size(); ++k) {
      const double sum = a[k] + (k < b.size() ? b[k] : 0.0) + (k < c.size() ? c[k] : 0.0);
      excess = std::max(excess, sum - 1.0);
    }
  };
  group(s.cgrs.outcomes.refugee, s.cgrs.outcomes.subsidiary, s.cgrs.outcomes.inadmissible);
  group(s.call.outcomes.annul, s.call.outcomes.refugee, s.call.outcomes.subsidiary);
  group(s.returns.voluntary, s.returns.forced, s.returns.subsequent);
  return excess > 1e-9 ? excess : 0.0;
}

}  // namespace chainsim::calibration
