// Issue 6's speed target: the Belgian calibration of ten parameters over 2022-03 ... 2023-12
// (calibration/specs/belgium-2022-2023.yaml) in under 60 s on two cores. One iteration is one
// whole calibration (search, curvature, fit of every target) on two threads.
#include <benchmark/benchmark.h>

#include <string>

#include "chainsim/calibration/calibrate.hpp"
#include "chainsim/calibration/spec.hpp"

namespace {

void BM_BelgianCalibration_TwoThreads(benchmark::State& state) {
  using namespace chainsim::calibration;
  const CalibrationSpec spec =
      read_calibration_spec(std::string(CHAINSIM_SOURCE_DIR) + "/calibration/specs/belgium-2022-2023.yaml");
  const Evaluator evaluator(spec, spec.from_month, spec.to_month, 0);
  RunSettings run;
  run.jobs = 2;
  int runs = 0;
  for (auto _ : state) {
    const CalibrationResult r = calibrate(evaluator, run);
    runs = r.search.evaluations + r.curvature_evaluations;
    benchmark::DoNotOptimize(r.best.objective);
  }
  state.counters["model_runs"] = runs;
}

}  // namespace

BENCHMARK(BM_BelgianCalibration_TwoThreads)->Unit(benchmark::kSecond)->Iterations(3)->UseRealTime();
