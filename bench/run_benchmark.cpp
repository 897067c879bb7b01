// Whole runs of a Belgian-sized scenario. Targets: <= 2 ms per 10-year run at a weekly step and
// <= 10 ms at a daily step, single core, release build; for the procedure chain alone
// (*_ProcedureOnly, issue 3) and with reception switched on (BM_TenYearRun_Week and _Day,
// issue 4). Both are met; the figures are in docs/model.md, "Performance".
#include <benchmark/benchmark.h>

#include "belgian_sized.hpp"
#include "chainsim/model/simulation.hpp"
#include "chainsim/model/workspace.hpp"

namespace {

// Discards what the run publishes: measures the engine, not storage.
class NullRecorder final : public chainsim::Recorder {
 public:
  void begin(const chainsim::RunLayout&) override {}
  void record(int, std::span<const double> frame) override {
    benchmark::DoNotOptimize(frame.data());
  }
  void finish(std::span<const chainsim::Kpi>) override {}
};

// Run after run in one Workspace, as a calibration or a sweep runs them: the queues' memory is
// kept from one run to the next (workspace.hpp). `fresh_memory` leaves it out: every run then
// gets its rings from the C library, which has given the last run's pages back to the system.
enum class Memory { workspace, fresh };

void run_scenario(benchmark::State& state, const chainsim::Scenario& scenario,
                  Memory memory = Memory::workspace) {
  int steps = 0;
  chainsim::Workspace workspace;
  for (auto _ : state) {
    chainsim::Simulation sim(scenario, 0, memory == Memory::workspace ? &workspace : nullptr);
    NullRecorder recorder;
    sim.run(recorder);
    steps = sim.steps_done();
  }
  const double segment_steps = static_cast<double>(steps) * scenario.segments.size();
  state.counters["steps"] = steps;
  state.counters["ns_per_segment_step"] = benchmark::Counter(
      segment_steps, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// The procedure chain alone (issue 3's benchmark): nobody asks for reception and there are no
// pools, so the housing lanes stay empty and the reception steps do nothing.
chainsim::Scenario without_reception(chainsim::StepUnit step) {
  chainsim::Scenario s = chainsim::bench::belgian_sized(step);
  s.reception.pools.clear();
  s.reception.ask_share.assign(s.reception.ask_share.size(), 0.0);
  s.reception.waits.assign(s.reception.waits.size(), 0.0);
  s.reception.initial_accommodated = 0.0;
  s.reception.initial_waiting = 0.0;
  s.reception.give_up_rate = 0.0;
  s.reception.contribution_leave_rate = 0.0;
  s.reception.uam_age_out_rate = 0.0;
  s.reception.uam_age_out_pool = -1;
  s.reception.humanitarian_capacity = 0.0;
  return s;
}

void BM_TenYearRun_Week(benchmark::State& state) {
  run_scenario(state, chainsim::bench::belgian_sized(chainsim::StepUnit::week));
}
void BM_TenYearRun_Day(benchmark::State& state) {
  run_scenario(state, chainsim::bench::belgian_sized(chainsim::StepUnit::day));
}
void BM_TenYearRun_Week_FreshMemory(benchmark::State& state) {
  run_scenario(state, chainsim::bench::belgian_sized(chainsim::StepUnit::week), Memory::fresh);
}
void BM_TenYearRun_Day_FreshMemory(benchmark::State& state) {
  run_scenario(state, chainsim::bench::belgian_sized(chainsim::StepUnit::day), Memory::fresh);
}
void BM_TenYearRun_Week_ProcedureOnly(benchmark::State& state) {
  run_scenario(state, without_reception(chainsim::StepUnit::week));
}
void BM_TenYearRun_Day_ProcedureOnly(benchmark::State& state) {
  run_scenario(state, without_reception(chainsim::StepUnit::day));
}

}  // namespace

BENCHMARK(BM_TenYearRun_Week)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TenYearRun_Day)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TenYearRun_Week_FreshMemory)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TenYearRun_Day_FreshMemory)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TenYearRun_Week_ProcedureOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TenYearRun_Day_ProcedureOnly)->Unit(benchmark::kMillisecond);

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
