// The queue primitive alone: a year of weekly pushes and serves over 48 lanes.
#include <benchmark/benchmark.h>

#include <vector>

#include "chainsim/model/cohort_queue.hpp"

namespace {

void BM_CohortQueue_PushServe(benchmark::State& state) {
  const int lanes = static_cast<int>(state.range(0));
  std::vector<double> cost(static_cast<std::size_t>(lanes), 1.0);
  std::vector<double> served(static_cast<std::size_t>(lanes), 0.0);
  for (auto _ : state) {
    chainsim::CohortQueue q(lanes);
    chainsim::AgeHistogram ages;
    for (int k = 0; k < 52; ++k) {
      for (int l = 0; l < lanes; ++l) q.add(k, 3.5 + 7 * k, 7.0, l, 10.0);
      q.serve(8.0 * lanes, cost, 3.5 + 7 * k, served, &ages);
    }
    benchmark::DoNotOptimize(q.total());
  }
}

}  // namespace

BENCHMARK(BM_CohortQueue_PushServe)->Arg(16)->Arg(48);
