#include "chainsim/calibration/optimizer.hpp"

#include <algorithm>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <exception>
#include <limits>
#include <nlopt.hpp>
#include <numeric>
#include <random>

#include "chainsim/calibration/parallel.hpp"

namespace chainsim::calibration {

namespace {

// Share of the budget given to the global phase when both phases run.
constexpr double kGlobalShare = 0.6;
constexpr double kLocalInitialStep = 0.1;  // in the unit box
// Points closer than this (max-norm, scaled) are the same basin for the local phase.
constexpr double kDistinct = 1e-3;

struct RunResult {
  std::vector<double> x;
  double f = std::numeric_limits<double>::infinity();
  int evaluations = 0;
};

// One NLopt run that keeps the best point itself (so a stop at the budget loses nothing) and
// never evaluates more than `budget` times.
RunResult run_nlopt(const ScaledObjective& f, const std::string& algorithm, std::vector<double> x0,
                    int budget, double tolerance, std::uint64_t seed, bool local) {
  const int dim = static_cast<int>(x0.size());
  nlopt::opt opt(algorithm.c_str(), static_cast<unsigned>(dim));
  nlopt::srand(static_cast<unsigned long>(seed));  // thread-local in NLopt: a task's own stream
  opt.set_lower_bounds(std::vector<double>(x0.size(), 0.0));
  opt.set_upper_bounds(std::vector<double>(x0.size(), 1.0));
  opt.set_maxeval(budget);
  if (local) {
    opt.set_xtol_rel(tolerance);
    opt.set_ftol_rel(tolerance);
    opt.set_initial_step(kLocalInitialStep);
  }
  RunResult best;
  best.x = x0;
  struct Context {
    const ScaledObjective* f;
    RunResult* best;
    nlopt::opt* opt;
    int budget;
    // NLopt turns an exception thrown by the objective into a forced stop, indistinguishable
    // from the budget's: it is caught here, stored, and rethrown after optimize().
    std::exception_ptr error;
  } ctx{&f, &best, &opt, budget, nullptr};
  opt.set_min_objective(
      [](unsigned n, const double* x, double*, void* data) -> double {
        auto& c = *static_cast<Context*>(data);
        if (c.best->evaluations >= c.budget) {
          c.opt->force_stop();
          return c.best->f;
        }
        ++c.best->evaluations;
        double value = 0.0;
        try {
          value = (*c.f)(std::span<const double>(x, n));
        } catch (...) {
          c.error = std::current_exception();
          c.opt->force_stop();
          return std::numeric_limits<double>::infinity();
        }
        if (value < c.best->f) {
          c.best->f = value;
          c.best->x.assign(x, x + n);
        }
        return value;
      },
      &ctx);
  try {
    std::vector<double> x = x0;
    double fx = 0.0;
    opt.optimize(x, fx);
  } catch (const std::runtime_error&) {
    // forced stop at the budget, roundoff limits, or a generic NLopt failure: the best point
    // evaluated so far is kept either way
  } catch (const std::invalid_argument&) {
    // e.g. a population larger than the budget: keep what was evaluated
  }
  if (ctx.error) std::rethrow_exception(ctx.error);
  if (best.evaluations == 0 && budget > 0) {
    best.f = f(best.x);
    best.evaluations = 1;
  }
  return best;
}

bool deterministic_global(const std::string& algorithm) {
  return algorithm.find("DIRECT") != std::string::npos;  // DIRECT ignores the start and the seed
}

std::uint64_t task_seed(std::uint64_t seed, int phase, int index) {
  return seed * 1000003u + static_cast<std::uint64_t>(phase) * 7919u +
         static_cast<std::uint64_t>(index) + 1u;
}

// The best distinct points of `runs` (by value, then by index), at most `count`.
std::vector<std::vector<double>> best_distinct(const std::vector<RunResult>& runs, int count) {
  std::vector<std::size_t> order(runs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return runs[a].f < runs[b].f; });
  std::vector<std::vector<double>> out;
  for (std::size_t i : order) {
    const auto& x = runs[i].x;
    const bool seen = std::any_of(out.begin(), out.end(), [&](const std::vector<double>& y) {
      double d = 0.0;
      for (std::size_t k = 0; k < x.size(); ++k) d = std::max(d, std::abs(x[k] - y[k]));
      return d < kDistinct;
    });
    if (!seen) out.push_back(x);
    if (static_cast<int>(out.size()) == count) break;
  }
  return out;
}

}  // namespace

std::vector<std::vector<double>> start_points(int dim, int count,
                                              const std::vector<std::optional<double>>& given,
                                              std::uint64_t seed) {
  std::vector<std::vector<double>> out;
  std::vector<double> first(static_cast<std::size_t>(dim), 0.5);
  for (std::size_t k = 0; k < first.size() && k < given.size(); ++k)
    if (given[k]) first[k] = *given[k];
  out.push_back(first);
  if (count <= 1) return out;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> shift(static_cast<std::size_t>(dim));
  for (double& s : shift) s = uniform(rng);
  boost::random::sobol sobol(static_cast<std::size_t>(dim));
  sobol.discard(static_cast<boost::uintmax_t>(dim));  // the first Sobol point is the origin
  for (int i = 1; i < count; ++i) {
    std::vector<double> x(static_cast<std::size_t>(dim));
    for (std::size_t k = 0; k < x.size(); ++k) {
      const double u = static_cast<double>(sobol()) * 0x1p-64;
      x[k] = std::fmod(u + shift[k], 1.0);
    }
    out.push_back(std::move(x));
  }
  return out;
}

SearchResult search(const ScaledObjective& f, int dim,
                    const std::vector<std::optional<double>>& given_start,
                    const OptimizerSettings& s, std::uint64_t seed, int jobs) {
  const bool global = s.global != "none";
  const bool local = s.local != "none";
  const std::vector<std::vector<double>> starts = start_points(dim, s.starts, given_start, seed);
  SearchResult out;

  std::vector<RunResult> found;
  const int global_budget = !global ? 0
                            : local ? static_cast<int>(s.max_evaluations * kGlobalShare)
                                    : s.max_evaluations;
  if (global_budget > 0) {
    // Never more runs than evaluations: each run gets at least one.
    const int runs = std::min(deterministic_global(s.global) ? 1 : s.starts, global_budget);
    const int each = global_budget / runs;
    found.resize(static_cast<std::size_t>(runs));
    parallel_for(runs, jobs, [&](int i) {
      found[static_cast<std::size_t>(i)] =
          run_nlopt(f, s.global, starts[static_cast<std::size_t>(i)], each, s.tolerance,
                    task_seed(seed, 1, i), false);
    });
    for (const RunResult& r : found) out.global_evaluations += r.evaluations;
  } else {
    for (const std::vector<double>& x : starts) found.push_back({x, 0.0, 0});
  }

  if (local) {
    const int left = std::max(0, s.max_evaluations - out.global_evaluations);
    // From the best points of the global runs; without a global phase, from every start.
    std::vector<std::vector<double>> from =
        out.global_evaluations > 0 ? best_distinct(found, s.starts) : starts;
    from.resize(
        std::min(from.size(), static_cast<std::size_t>(left)));  // at least 1 evaluation each
    const int runs = static_cast<int>(from.size());
    const int each = runs > 0 ? left / runs : 0;
    if (each > 0) {
      std::vector<RunResult> polished(from.size());
      parallel_for(runs, jobs, [&](int i) {
        polished[static_cast<std::size_t>(i)] =
            run_nlopt(f, s.local, from[static_cast<std::size_t>(i)], each, s.tolerance,
                      task_seed(seed, 2, i), true);
      });
      for (const RunResult& r : polished) out.local_evaluations += r.evaluations;
      out.local_runs = runs;
      found.insert(found.end(), polished.begin(), polished.end());
    }
  }
  out.evaluations = out.global_evaluations + out.local_evaluations;
  // The best point of every run, ties to the earliest (global before local, by index).
  std::size_t best = 0;
  for (std::size_t i = 0; i < found.size(); ++i)
    if (found[i].evaluations > 0 && (found[best].evaluations == 0 || found[i].f < found[best].f))
      best = i;
  if (found.empty() || found[best].evaluations == 0) {  // no budget at all: score the first start
    found.push_back({starts.front(), f(starts.front()), 1});
    best = found.size() - 1;
    ++out.evaluations;
  }
  out.x = found[best].x;
  out.f = found[best].f;
  return out;
}

}  // namespace chainsim::calibration
