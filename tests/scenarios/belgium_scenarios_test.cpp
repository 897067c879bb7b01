// The shipped scenarios: each loads and runs with its books balanced, and
// scenarios/belgium/reproduce-2024.yaml lands inside the bands of the published 2024 outcomes
// (EMN Belgium 2024 overview, ../shared/domain/chain_facts_2024.md). The targets are published
// figures, not model output: they are what the model has to reproduce.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <tuple>
#include <numeric>
#include <string>
#include <vector>

#include "chainsim/config/load.hpp"
#include "chainsim/model/simulation.hpp"
#include "chainsim/model/workspace.hpp"
#include "same_results.hpp"

namespace chainsim {
namespace {

namespace fs = std::filesystem;

std::string scenario_path(const std::string& relative) {
  return std::string(CHAINSIM_SOURCE_DIR) + "/scenarios/" + relative;
}

// The scenario at its own weekly step, and at daily and monthly steps: the bands must not hang on
// the choice of time step.
const Results& reproduce_2024(const std::string& step = "week") {
  static std::map<std::string, Results> cache;
  auto it = cache.find(step);
  if (it == cache.end()) {
    const Scenario s =
        config::load_scenario(scenario_path("belgium/reproduce-2024.yaml"), {"time.step=" + step}).scenario;
    it = cache.emplace(step, simulate(s)).first;
  }
  return it->second;
}

double year_total(const Results& r, const std::string& series) {
  const std::vector<double> path = r.column(series);
  return std::accumulate(path.begin(), path.end(), 0.0);
}

double year_end(const Results& r, const std::string& series) { return r.column(series).back(); }

struct Band {
  const char* what;
  std::vector<const char*> series;  // summed
  bool flow;                        // flows: the year's total; stocks: the value at year end
  double published;
  double tolerance;  // relative
  const char* source;
};

class Reproduce2024 : public ::testing::TestWithParam<std::tuple<Band, std::string>> {};

TEST_P(Reproduce2024, LandsInsideThePublishedBand) {
  const auto& [b, step] = GetParam();
  const Results& r = reproduce_2024(step);
  ASSERT_EQ(r.periods(), 12);
  double value = 0.0;
  for (const char* s : b.series) value += b.flow ? year_total(r, s) : year_end(r, s);
  EXPECT_NEAR(value / b.published, 1.0, b.tolerance)
      << b.what << " at step " << step << ": model " << value << ", published " << b.published << " ["
      << b.source << "]";
}

INSTANTIATE_TEST_SUITE_P(
    Published, Reproduce2024,
    ::testing::Combine(::testing::Values(
        Band{"CGRS decisions (persons)", {"cgrs_decisions_persons"}, true, 34052, 0.05, "C1"},
        Band{"refugee + subsidiary statuses (persons)", {"cgrs_refugee", "cgrs_subsidiary"}, true, 16221, 0.05, "C8, C9"},
        Band{"CGRS pending at year end (persons)", {"cgrs_pending_persons"}, false, 32007, 0.05, "C13"},
        Band{"CALL judgments (cases)", {"call_all_judgments"}, true, 19579, 0.05, "D2"},
        Band{"CALL pending at year end (cases)", {"call_all_pending_cases"}, false, 17509, 0.10, "D3"},
        Band{"reception entries (persons)", {"reception_in"}, true, 26303, 0.10, "E6"},
        Band{"reception exits (persons)", {"reception_out"}, true, 26181, 0.10, "E7"},
        Band{"waiting list at year end (persons)", {"waiting_list"}, false, 2809, 0.25, "E11"},
        // Fedasil's 10 196 are single men, the profile that waits on the list.
        Band{"single men not accommodated on arrival (persons)", {"not_accommodated_on_list"}, true, 10196, 0.15, "E9"}),
        ::testing::Values("week", "day", "month")),
    [](const ::testing::TestParamInfo<std::tuple<Band, std::string>>& p) {
      return std::get<1>(p.param) + "_band" + std::to_string(p.index / 3);  // steps vary fastest
    });

TEST(Reproduce2024, AppliesTheAnnualApplications) {
  EXPECT_NEAR(year_total(reproduce_2024(), "applications"), 39615.0, 0.5);  // [A1]
}

// Every shipped scenario loads, runs, and keeps persons accounted for at the end.
class ShippedScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(ShippedScenario, RunsWithItsBooksBalanced) {
  const config::LoadedScenario loaded = config::load_scenario(scenario_path(GetParam()));
  Simulation sim(loaded.scenario, 0);
  MemoryRecorder recorder;
  sim.run(recorder);
  EXPECT_LT(sim.conservation_error(), 1e-9) << GetParam();
  EXPECT_GT(recorder.results().periods(), 0);
}

// The results do not depend on the memory a run gets: fresh, filled with garbage, or kept in a
// Workspace from the runs of the other shipped scenarios (of other shapes and steps).
TEST_P(ShippedScenario, GivesTheSameResultsInAnyMemory) {
  static Workspace shared;  // lives across the scenarios of the suite
  const Scenario s = config::load_scenario(scenario_path(GetParam())).scenario;
  const Results fresh = simulate(s);
  testing::PoisonedMemory poisoned;
  testing::expect_same_bits(simulate(s, 0, &poisoned), fresh);
  EXPECT_GT(poisoned.allocations, 0);
  testing::expect_same_bits(simulate(s, 0, &shared), fresh);
}

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> out;
  for (const char* dir : {"belgium", "examples"})
    for (const fs::directory_entry& e : fs::directory_iterator(scenario_path(dir)))
      if (e.path().extension() == ".yaml") out.push_back(std::string(dir) + "/" + e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

INSTANTIATE_TEST_SUITE_P(All, ShippedScenario, ::testing::ValuesIn(shipped_scenarios()),
                         [](const ::testing::TestParamInfo<std::string>& p) {
                           std::string name = p.param;
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace
}  // namespace chainsim
