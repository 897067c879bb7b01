// The search on cheap functions: starting points, the hard budget, determinism across threads.
#include "chainsim/calibration/optimizer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <stdexcept>

#include "chainsim/config/errors.hpp"

namespace chainsim::calibration {
namespace {

// A valley with its minimum at (0.3, 0.8) and a second, worse one at (0.8, 0.2).
double two_valleys(std::span<const double> x) {
  const double a = std::pow(x[0] - 0.3, 2) + std::pow(x[1] - 0.8, 2);
  const double b = std::pow(x[0] - 0.8, 2) + std::pow(x[1] - 0.2, 2);
  return std::min(a, 0.05 + b);
}

TEST(Optimizer, StartPointsAreSeededAndSpread) {
  const auto a = start_points(2, 5, {0.25, std::nullopt}, 42);
  const auto b = start_points(2, 5, {0.25, std::nullopt}, 42);
  const auto c = start_points(2, 5, {0.25, std::nullopt}, 43);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  EXPECT_EQ(a[0], (std::vector<double>{0.25, 0.5}));  // the given start, the middle elsewhere
  for (const auto& p : a)
    for (double v : p) EXPECT_TRUE(v >= 0.0 && v < 1.0);
}

TEST(Optimizer, FindsTheBetterValleyWithinTheBudget) {
  for (const char* global : {"GN_CRS2_LM", "GN_DIRECT_L", "none"}) {
    std::atomic<int> calls{0};
    const ScaledObjective f = [&](std::span<const double> x) {
      ++calls;
      return two_valleys(x);
    };
    OptimizerSettings s;
    s.global = global;
    s.starts = 4;
    s.max_evaluations = 500;
    s.tolerance = 1e-10;
    const SearchResult r = search(f, 2, {0.9, 0.1}, s, 5, 2);  // starts in the worse valley
    EXPECT_EQ(calls.load(), r.evaluations) << global;
    EXPECT_LE(r.evaluations, 500) << global;
    EXPECT_NEAR(r.x[0], 0.3, 1e-4) << global;
    EXPECT_NEAR(r.x[1], 0.8, 1e-4) << global;
  }
}

// NLopt turns an exception in the objective into a forced stop, as at the budget: the search
// must end with that exception, not return the best point so far as if nothing had happened.
TEST(Optimizer, AnExceptionInTheObjectiveEndsTheSearchAndIsRethrown) {
  for (const char* global : {"GN_CRS2_LM", "GN_DIRECT_L", "none"})
    for (const int jobs : {1, 2}) {
      std::atomic<int> calls{0};
      const ScaledObjective bad_input = [&](std::span<const double> x) {
        if (++calls > 20) throw config::InputError("obs.csv", 3, 1, "value", "not a number");
        return two_valleys(x);
      };
      OptimizerSettings s;
      s.global = global;
      s.max_evaluations = 500;
      EXPECT_THROW(search(bad_input, 2, {}, s, 1, jobs), config::InputError) << global;
      EXPECT_LT(calls.load(), 500) << global;  // it ended early

      const ScaledObjective broken = [&](std::span<const double> x) -> double {
        if (x[0] > 0.6) throw std::logic_error("broken model run");
        return two_valleys(x);
      };
      try {
        search(broken, 2, {}, s, 1, jobs);
        ADD_FAILURE() << global << ": no exception";
      } catch (const std::logic_error& e) {
        EXPECT_STREQ(e.what(), "broken model run");
      }
    }
}

TEST(Optimizer, ResultDependsOnTheSeedOnlyNotOnThreads) {
  const ScaledObjective f = two_valleys;
  OptimizerSettings s;
  s.max_evaluations = 300;
  const SearchResult one = search(f, 2, {}, s, 9, 1);
  const SearchResult four = search(f, 2, {}, s, 9, 4);
  EXPECT_EQ(one.x, four.x);
  EXPECT_EQ(one.f, four.f);
  EXPECT_EQ(one.evaluations, four.evaluations);
}

TEST(Optimizer, ATinyBudgetIsRespected) {
  std::atomic<int> calls{0};
  const ScaledObjective f = [&](std::span<const double> x) {
    ++calls;
    return two_valleys(x);
  };
  OptimizerSettings s;
  s.starts = 4;
  s.max_evaluations = 3;
  const SearchResult r = search(f, 2, {}, s, 0, 2);
  EXPECT_LE(calls.load(), 3);
  EXPECT_EQ(r.evaluations, calls.load());
  EXPECT_TRUE(std::isfinite(r.f));
}

}  // namespace
}  // namespace chainsim::calibration
