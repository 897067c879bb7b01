// A run in which nobody can ask for reception keeps one lane per segment instead of four
// (models_housing). The sub-counts it drops are 0 throughout, so it must publish exactly what the
// four-lane run publishes.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "chainsim/model/simulation.hpp"
#include "test_scenarios.hpp"

namespace chainsim {
namespace {

// two_by_two with every stage of the procedure on and nobody asking for reception.
Scenario procedure_only(StepUnit step) {
  Scenario s = testing::two_by_two(step);
  s.dublin.share = {0.1, 0.1, 0.0, 0.1};
  s.dublin.transfer_rate = 0.1;
  s.dublin.abscond_rate = 0.05;
  s.cgrs.fast_track = {0.0, 0.0, 1.0, 0.0};
  s.cgrs.withdrawal_rate.assign(4, 0.01);
  s.cgrs.outcomes.inadmissible = {0.02, 0.02, 0.05, 0.05};
  s.applications.subsequent_share = 0.1;
  s.call.appeal_share_refusal.assign(4, 0.6);
  s.call.appeal_share_inadmissible.assign(4, 0.3);
  s.call.judgments_per_month = 900.0;
  s.call.initial_pending_cases = 5000.0;
  s.call.outcomes.annul.assign(4, 0.15);
  s.call.outcomes.refugee.assign(4, 0.08);
  s.returns.voluntary.assign(4, 0.15);
  s.returns.forced.assign(4, 0.1);
  s.returns.subsequent.assign(4, 0.15);
  s.reception.ask_share.assign(4, 0.0);
  s.reception.initial_accommodated = 0.0;
  s.reception.initial_waiting = 0.0;
  return s;
}

TEST(HousingLanes, KeptWhenAnyoneCanAskOrIsHousedOrAPolicyTouchesReception) {
  Scenario s = procedure_only(StepUnit::week);
  EXPECT_FALSE(models_housing(s));
  Scenario asks = s;
  asks.reception.ask_share[3] = 0.1;
  EXPECT_TRUE(models_housing(asks));
  asks.reception.excluded.assign(4, 0.0);
  asks.reception.excluded[3] = 1.0;  // the only segment asking is not entitled
  EXPECT_FALSE(models_housing(asks));
  Scenario housed = s;
  housed.reception.initial_accommodated = 10.0;
  EXPECT_TRUE(models_housing(housed));
  Scenario waiting = s;
  waiting.reception.initial_waiting = 10.0;
  EXPECT_TRUE(models_housing(waiting));
  Scenario policy = s;
  policy.policies.push_back({"more asking", Date(2026, 1, 1), {}, {}, {{"reception.ask_share", ChangeOp::set, {0.5, 0.5, 0.5, 0.5}, {1, 1, 1, 1}}}});
  EXPECT_TRUE(models_housing(policy));
}

class HousingLanesSameResults : public ::testing::TestWithParam<StepUnit> {};

TEST_P(HousingLanesSameResults, OneLaneRunPublishesWhatTheFourLaneRunDoes) {
  const Scenario one_lane = procedure_only(GetParam());
  ASSERT_FALSE(models_housing(one_lane));
  // A policy that changes nothing keeps the four lanes.
  Scenario four_lanes = one_lane;
  four_lanes.policies.push_back(
      {"no-op", Date(2025, 6, 1), {}, {}, {{"reception.give_up_rate", ChangeOp::set, {0.0}, {1}}}});
  ASSERT_TRUE(models_housing(four_lanes));
  const Results a = simulate(one_lane);
  const Results b = simulate(four_lanes);
  ASSERT_EQ(a.values.size(), b.values.size());
  int compared = 0;
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    ASSERT_EQ(a.values[i].size(), b.values[i].size());
    for (std::size_t j = 0; j < a.values[i].size(); ++j) {
      const double x = a.values[i][j];
      const double y = b.values[i][j];
      if (std::isnan(x) || std::isnan(y)) {
        EXPECT_EQ(std::isnan(x), std::isnan(y)) << a.layout.series[i].name << " [" << j << "]";
        continue;
      }
      EXPECT_EQ(x, y) << a.layout.series[i].name << " [" << j << "]";
      ++compared;
    }
  }
  EXPECT_GT(compared, 1000);
  // The procedure ran: decisions, appeals, annulments, returns.
  EXPECT_GT(a.at("cgrs_decisions_persons", 6), 1000.0);
  EXPECT_GT(a.at("call_annulments", 6), 10.0);
  EXPECT_GT(a.at("returns_voluntary", 12), 10.0);
  EXPECT_EQ(a.at("reception_occupied", 12), 0.0);
  for (std::size_t i = 0; i < a.kpis.size(); ++i) {
    if (!std::isnan(a.kpis[i].value)) {
      EXPECT_EQ(a.kpis[i].value, b.kpis[i].value) << a.kpis[i].name;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllSteps, HousingLanesSameResults,
                         ::testing::Values(StepUnit::day, StepUnit::week, StepUnit::month));

}  // namespace
}  // namespace chainsim
