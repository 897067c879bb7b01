// Whole runs of a Belgian-sized scenario. Targets (issue 3): <= 2 ms per 10-year run at a
// weekly step and <= 10 ms at a daily step, single core, release build.
#include <benchmark/benchmark.h>

#include "belgian_sized.hpp"
#include "chainsim/model/simulation.hpp"

namespace {

// Discards what the run publishes: measures the engine, not storage.
class NullRecorder final : public chainsim::Recorder {
 public:
  void begin(const chainsim::RunLayout&) override {}
  void record(int, std::span<const double> frame) override { benchmark::DoNotOptimize(frame.data()); }
  void finish(std::span<const chainsim::Kpi>) override {}
};

void run_ten_years(benchmark::State& state, chainsim::StepUnit step) {
  const chainsim::Scenario scenario = chainsim::bench::belgian_sized(step);
  int steps = 0;
  for (auto _ : state) {
    chainsim::Simulation sim(scenario);
    NullRecorder recorder;
    sim.run(recorder);
    steps = sim.steps_done();
  }
  const double segment_steps = static_cast<double>(steps) * scenario.segments.size();
  state.counters["steps"] = steps;
  state.counters["ns_per_segment_step"] =
      benchmark::Counter(segment_steps, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_TenYearRun_Week(benchmark::State& state) { run_ten_years(state, chainsim::StepUnit::week); }
void BM_TenYearRun_Day(benchmark::State& state) { run_ten_years(state, chainsim::StepUnit::day); }

}  // namespace

BENCHMARK(BM_TenYearRun_Week)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TenYearRun_Day)->Unit(benchmark::kMillisecond);

namespace {
// The same with the integration block on (beneficiaries by month of status, labour states,
// temporary protection): its cost is reported apart, as it is opt-in.
void BM_TenYearRun_Week_WithIntegration(benchmark::State& state) {
  chainsim::Scenario scenario = chainsim::bench::belgian_sized(chainsim::StepUnit::week);
  scenario.integration.enabled = true;
  for (auto _ : state) {
    chainsim::Simulation sim(scenario);
    NullRecorder recorder;
    sim.run(recorder);
  }
}
}  // namespace
BENCHMARK(BM_TenYearRun_Week_WithIntegration)->Unit(benchmark::kMillisecond);
