// The Belgian calibration of issue 6 (calibration/specs/belgium-2022-2023.yaml): ten parameters of
// scenarios/belgium/history-2022-2023.yaml fitted to the observed series of 2022-03 ... 2023-12.
// The published series are the yardstick: Eurostat's pending stock (22 month ends) and its
// quarterly decisions must be met closely, the search must respect its budget, and the overlay
// must reload to the fitted scenario. (Its wall time is a benchmark: bench/calibration_benchmark.cpp.)
#include <gtest/gtest.h>

#include <string>

#include "chainsim/calibration/calibrate.hpp"
#include "chainsim/calibration/overlay.hpp"
#include "chainsim/calibration/spec.hpp"
#include "twin_support.hpp"

namespace chainsim::calibration {
namespace {

const TargetFit& fit_of(const CalibrationResult& r, const std::string& name) {
  for (const TargetFit& f : r.targets)
    if (f.target->spec->name == name) return f;
  throw std::runtime_error("no target " + name);
}

class BelgianCalibration : public testing::ScratchDir {};

TEST_F(BelgianCalibration, FitsThePublishedPendingAndDecisionsWithinItsBudget) {
  const CalibrationSpec spec =
      read_calibration_spec(std::string(CHAINSIM_SOURCE_DIR) + "/calibration/specs/belgium-2022-2023.yaml");
  ASSERT_EQ(spec.parameters.size(), 10u);
  const Evaluator ev(spec, spec.from_month, spec.to_month, 0);
  const CalibrationResult r = calibrate(ev, testing::settings(2, 0));
  ASSERT_TRUE(r.best.valid);
  EXPECT_LE(r.search.evaluations, spec.optimizer.max_evaluations);
  // Eurostat: persons pending over all instances at 22 month ends (31 300 ... 45 045).
  const FitMetrics& pending = fit_of(r, "pending_all_instances").metrics;
  EXPECT_EQ(pending.n, 22);
  EXPECT_LT(pending.mape, 5.0);
  // Eurostat first-instance decisions, 7 quarters of 5 855 ... 7 370 persons.
  const FitMetrics& decisions = fit_of(r, "decisions_quarter").metrics;
  EXPECT_EQ(decisions.n, 7);
  EXPECT_LT(decisions.mape, 10.0);
  // The CALL's asylum appeals of 2023 (8 434).
  EXPECT_LT(fit_of(r, "call_asylum_appeals_2023").metrics.mape, 10.0);
  EXPECT_NO_THROW(check_overlay(calibrated_overlay(spec, r.fitted, dir(), "test"), dir(), r.fitted));
}

}  // namespace
}  // namespace chainsim::calibration
