#pragma once
// The search: a global phase (an NLopt GN_ algorithm from several starting points) then a local
// polish (an NLopt LN_ algorithm) from the best distinct points found, all inside the unit box
// [0, 1]^n, under a hard budget of objective evaluations, on several threads.
//
// Determinism: the starting points come from a Sobol sequence shifted by a seeded random vector;
// every run (global or local) is a task with its own seed and its own share of the budget, so the
// result depends on the seed only, never on the number of threads.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "chainsim/calibration/spec.hpp"

namespace chainsim::calibration {

using ScaledObjective = std::function<double(std::span<const double>)>;

struct SearchResult {
  std::vector<double> x;  // best point, scaled
  double f = 0.0;
  int evaluations = 0;  // global + local
  int global_evaluations = 0;
  int local_evaluations = 0;
  int local_runs = 0;
};

// `count` points of the unit cube: the first holds `given` where given (0.5 elsewhere); the
// others are Sobol points shifted by a seeded random vector (modulo 1).
std::vector<std::vector<double>> start_points(int dim, int count,
                                              const std::vector<std::optional<double>>& given,
                                              std::uint64_t seed);

// Minimises `f` (thread-safe) over [0, 1]^dim. An exception thrown by `f` ends the search and is
// rethrown (the first run's, by index, when several runs throw).
SearchResult search(const ScaledObjective& f, int dim,
                    const std::vector<std::optional<double>>& given_start,
                    const OptimizerSettings& settings, std::uint64_t seed, int jobs);

}  // namespace chainsim::calibration
