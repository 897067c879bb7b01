// A scenario built in code with a value missing is refused by name before the run reads past
// the end of a vector (the loader's checks do not see such scenarios).
#include "chainsim/model/scenario_shape.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "chainsim/model/simulation.hpp"
#include "test_scenarios.hpp"

namespace chainsim {
namespace {

std::string refusal(const Scenario& s) {
  try {
    check_shapes(s);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(ScenarioShape, AConsistentScenarioPasses) {
  EXPECT_EQ(refusal(testing::two_by_two(StepUnit::week)), "");
}

TEST(ScenarioShape, APerSegmentValueShortOfOneIsNamed) {
  Scenario s = testing::two_by_two(StepUnit::week);
  s.cgrs.outcomes.refugee.pop_back();
  EXPECT_EQ(refusal(s), "scenario: cgrs.outcomes.refugee has 3 values for 4 segments");
  EXPECT_THROW(Simulation{s}, std::invalid_argument);
}

TEST(ScenarioShape, APoolsProfileListMustCoverEveryProfile) {
  Scenario s = testing::two_by_two(StepUnit::week);
  s.reception.pools[0].takes_profile = {1};
  EXPECT_EQ(refusal(s), "scenario: pool '" + s.reception.pools[0].name + "' takes_profile has 1 values for 2 profiles");
}

TEST(ScenarioShape, IndicesMustPointInsideTheirLists) {
  Scenario s = testing::two_by_two(StepUnit::week);
  s.reception.priority = {0, 2};
  EXPECT_EQ(refusal(s), "scenario: reception.priority names profile 2 of 2");
  s = testing::two_by_two(StepUnit::week);
  s.reception.uam_age_out_pool = static_cast<int>(s.reception.pools.size());
  EXPECT_EQ(refusal(s), "scenario: reception.uam_age_out_pool is outside the pools");
}

TEST(ScenarioShape, RefusedBeforeTheEngineReadsTheShortVector) {
  // Nobody asks for reception, and `excluded` is short: the lane layout (models_housing) reads
  // it, so the check must come first (AddressSanitizer reported the read past the end).
  Scenario s = testing::two_by_two(StepUnit::week);
  s.reception.ask_share.assign(4, 0.0);
  s.reception.initial_accommodated = 0.0;
  s.reception.initial_waiting = 0.0;
  s.reception.excluded = {0.0};
  EXPECT_EQ(refusal(s), "scenario: reception.excluded has 1 values for 4 segments");
  EXPECT_THROW(Simulation{s}, std::invalid_argument);
}

TEST(ScenarioShape, PlannedInflowsNeedAShareForEverySegment) {
  Scenario s = testing::two_by_two(StepUnit::week);
  PlannedInflow p;
  p.name = "resettlement";
  p.segment_share = {1.0};
  s.applications.planned.push_back(p);
  EXPECT_EQ(refusal(s), "scenario: planned inflow 'resettlement' has 1 values for 4 segments");
}

}  // namespace
}  // namespace chainsim
