// Good scenarios: every field of the typed Scenario checked against values worked out by hand.
#include "chainsim/config/load.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace chainsim::config {
namespace {

using testing::catch_input_error;
using ::testing::DoubleEq;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::input;
using testing::inputs_dir;
using testing::kMinimal;
using testing::load_text;
using testing::minimal_with;
using ::testing::Not;

Date d(int y, int m, int day) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(day));
}

void expect_same(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.schema, b.schema);
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.time.start, b.time.start);
  EXPECT_EQ(a.time.end, b.time.end);
  EXPECT_EQ(a.time.step, b.time.step);
  EXPECT_EQ(a.time.report, b.time.report);
  EXPECT_EQ(a.segments.origins, b.segments.origins);
  EXPECT_EQ(a.segments.profiles, b.segments.profiles);
  EXPECT_EQ(a.applications.monthly_persons, b.applications.monthly_persons);
  EXPECT_EQ(a.applications.segment_share, b.applications.segment_share);
  EXPECT_EQ(a.cgrs.officers, b.cgrs.officers);
  EXPECT_EQ(a.cgrs.decisions_per_officer_per_month, b.cgrs.decisions_per_officer_per_month);
  EXPECT_EQ(a.cgrs.persons_per_case, b.cgrs.persons_per_case);
  EXPECT_EQ(a.cgrs.positive_share, b.cgrs.positive_share);
  EXPECT_EQ(a.cgrs.initial_pending_persons, b.cgrs.initial_pending_persons);
  EXPECT_EQ(a.cgrs.initial_pending_spread, b.cgrs.initial_pending_spread);
  ASSERT_EQ(a.reception.pools.size(), b.reception.pools.size());
  for (std::size_t i = 0; i < a.reception.pools.size(); ++i) {
    EXPECT_EQ(a.reception.pools[i].name, b.reception.pools[i].name);
    EXPECT_EQ(a.reception.pools[i].capacity, b.reception.pools[i].capacity);
    EXPECT_EQ(a.reception.pools[i].cost_per_place_day, b.reception.pools[i].cost_per_place_day);
  }
  EXPECT_EQ(a.reception.saturation, b.reception.saturation);
  EXPECT_EQ(a.reception.ask_share, b.reception.ask_share);
  EXPECT_EQ(a.reception.priority, b.reception.priority);
  EXPECT_EQ(a.reception.profile_waits, b.reception.profile_waits);
  EXPECT_EQ(a.reception.exit_after_negative, b.reception.exit_after_negative);
  EXPECT_EQ(a.reception.exit_after_positive, b.reception.exit_after_positive);
  EXPECT_EQ(a.reception.initial_accommodated, b.reception.initial_accommodated);
  EXPECT_EQ(a.reception.initial_waiting, b.reception.initial_waiting);
}

TEST(LoadScenario, MinimalFileFillsEveryDefault) {
  const LoadedScenario loaded = load_scenario(input("minimal.yaml"));
  const Scenario& s = loaded.scenario;
  EXPECT_EQ(s.schema, 1);
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.time.start, d(2025, 1, 1));
  EXPECT_EQ(s.time.end, d(2025, 6, 30));
  EXPECT_EQ(s.time.step, StepUnit::week);       // default
  EXPECT_EQ(s.time.report, ReportUnit::month);  // default
  EXPECT_THAT(s.segments.origins, ElementsAre("a", "b"));
  EXPECT_THAT(s.segments.profiles, ElementsAre("single", "family"));
  // origin share x profile share: a/single 0.8*0.6, a/family 0.8*0.4, b/single 0.2*0.6, …
  EXPECT_THAT(s.applications.segment_share,
              ElementsAre(DoubleEq(0.48), DoubleEq(0.32), DoubleEq(0.12), DoubleEq(0.08)));
  // January to June: 6 months of 1000.
  EXPECT_THAT(s.applications.monthly_persons, ElementsAre(1000, 1000, 1000, 1000, 1000, 1000));
  EXPECT_EQ(s.cgrs.officers, 10);
  EXPECT_EQ(s.cgrs.decisions_per_officer_per_month, 7.5);
  EXPECT_THAT(s.cgrs.persons_per_case, ElementsAre(1.2, 1.2, 1.2, 1.2));  // default
  // by_origin {a: 0.8, b: 0.2} with 2 profiles: segments a/single, a/family, b/single, b/family.
  EXPECT_THAT(s.cgrs.positive_share, ElementsAre(0.8, 0.8, 0.2, 0.2));
  EXPECT_EQ(s.cgrs.initial_pending_persons, 0);
  EXPECT_EQ(s.cgrs.initial_pending_spread, (Duration{6, DurationUnit::month}));
  ASSERT_EQ(s.reception.pools.size(), 1u);
  EXPECT_EQ(s.reception.pools[0].name, "network");
  EXPECT_EQ(s.reception.pools[0].capacity, 500);
  EXPECT_EQ(s.reception.pools[0].cost_per_place_day, 0);
  EXPECT_EQ(s.reception.saturation, 0.94);
  EXPECT_THAT(s.reception.ask_share, ElementsAre(1, 1, 1, 1));
  EXPECT_THAT(s.reception.priority, ElementsAre(0, 1));
  EXPECT_THAT(s.reception.profile_waits, ElementsAre(false, false));
  EXPECT_EQ(s.reception.exit_after_negative, (Duration{30, DurationUnit::day}));
  EXPECT_EQ(s.reception.exit_after_positive, (Duration{2, DurationUnit::month}));
  EXPECT_EQ(s.reception.initial_accommodated, 0);
  EXPECT_EQ(s.reception.initial_waiting, 0);
  EXPECT_THAT(loaded.files, ElementsAre(input("minimal.yaml")));
}

TEST(LoadScenario, FullFileReadsEveryKey) {
  const Scenario s = load_scenario(input("full.yaml")).scenario;
  EXPECT_EQ(s.name, "full.example-1");
  EXPECT_EQ(s.description, "Every key, for the loader tests");
  EXPECT_EQ(s.time.start, d(2025, 3, 1));
  EXPECT_EQ(s.time.end, d(2026, 2, 28));
  EXPECT_EQ(s.time.step, StepUnit::day);
  EXPECT_EQ(s.time.report, ReportUnit::quarter);
  EXPECT_THAT(s.segments.origins, ElementsAre("syria", "safe", "other"));
  EXPECT_THAT(s.segments.profiles, ElementsAre("single_man", "family", "uam"));
  // Segment order: syria/{single_man,family,uam}, safe/{…}, other/{…}.
  EXPECT_THAT(
      s.applications.segment_share,
      ElementsAre(DoubleEq(0.25), DoubleEq(0.15), DoubleEq(0.10), DoubleEq(0.125), DoubleEq(0.075),
                  DoubleEq(0.05), DoubleEq(0.125), DoubleEq(0.075), DoubleEq(0.05)));
  // 2025-03..2026-02 is 12 months; three given, then hold the last (300) for nine.
  EXPECT_THAT(s.applications.monthly_persons,
              ElementsAre(100, 200, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300));
  EXPECT_EQ(s.cgrs.officers, 300);
  // by_profile {single_man: 1, family: 3.5}, default 1.1 for uam.
  EXPECT_THAT(s.cgrs.persons_per_case, ElementsAre(1, 3.5, 1.1, 1, 3.5, 1.1, 1, 3.5, 1.1));
  // by_segment: syria/single_man 0.9, syria/family 0.95, safe/uam 0.5, the rest 0.3.
  EXPECT_THAT(s.cgrs.positive_share, ElementsAre(0.9, 0.95, 0.3, 0.3, 0.3, 0.5, 0.3, 0.3, 0.3));
  EXPECT_EQ(s.cgrs.initial_pending_persons, 32007);
  EXPECT_EQ(s.cgrs.initial_pending_spread, (Duration{4, DurationUnit::month}));
  EXPECT_EQ(s.reception.saturation, 0.9);
  ASSERT_EQ(s.reception.pools.size(), 2u);
  EXPECT_EQ(s.reception.pools[0].name, "collective");
  EXPECT_EQ(s.reception.pools[0].capacity, 20000);
  EXPECT_EQ(s.reception.pools[0].cost_per_place_day, 62.5);
  EXPECT_EQ(s.reception.pools[1].name, "lri");
  EXPECT_EQ(s.reception.pools[1].capacity, 8000);
  EXPECT_EQ(s.reception.pools[1].cost_per_place_day, 0);
  EXPECT_THAT(s.reception.ask_share, ElementsAre(1, 1, 1, 0.5, 0.5, 0.5, 0.75, 0.75, 0.75));
  EXPECT_THAT(s.reception.priority, ElementsAre(2, 1, 0));  // uam, family, single_man
  EXPECT_THAT(s.reception.profile_waits, ElementsAre(true, false, false));
  EXPECT_EQ(s.reception.exit_after_negative, (Duration{2, DurationUnit::week}));
  EXPECT_EQ(s.reception.exit_after_positive, (Duration{4, DurationUnit::month}));
  EXPECT_EQ(s.reception.initial_accommodated, 33000);
  EXPECT_EQ(s.reception.initial_waiting, 2809);
}

TEST(LoadScenario, ExplicitSegmentShares) {
  const Scenario s =
      load_text(minimal_with("  profiles: {single: 0.6, family: 0.4}\n",
                             "  profiles: {single: 0.6, family: 0.4}\n"
                             "  shares: {by_segment: {a/single: 0.5, a/family: 0.25, "
                             "b/single: 0.125, b/family: 0.125}}\n"))
          .scenario;
  EXPECT_THAT(s.applications.segment_share, ElementsAre(0.5, 0.25, 0.125, 0.125));
}

TEST(LoadScenario, SegmentValueGivenByProfileAndOnce) {
  const Scenario s =
      load_text(minimal_with("positive_share: {by_origin: {a: 0.8, b: 0.2}}",
                             "positive_share: {by_profile: {single: 0.3, family: 0.6}}\n"
                             "  persons_per_case: 2"))
          .scenario;
  EXPECT_THAT(s.cgrs.positive_share, ElementsAre(0.3, 0.6, 0.3, 0.6));
  EXPECT_THAT(s.cgrs.persons_per_case, ElementsAre(2, 2, 2, 2));
}

TEST(LoadScenario, MonthlyApplicationsWithHoldAndZero) {
  const std::string monthly = "  monthly: {2025-01: 3100, 2025-02: 2900, 2025-03: 3000}\n";
  const Scenario hold =
      load_text(minimal_with("  per_month: 1000\n", monthly + "  after_last: hold\n")).scenario;
  EXPECT_THAT(hold.applications.monthly_persons, ElementsAre(3100, 2900, 3000, 3000, 3000, 3000));
  const Scenario zero =
      load_text(minimal_with("  per_month: 1000\n", monthly + "  after_last: zero\n")).scenario;
  EXPECT_THAT(zero.applications.monthly_persons, ElementsAre(3100, 2900, 3000, 0, 0, 0));
  // Months before the start are not used.
  const Scenario early =
      load_text(minimal_with("  per_month: 1000\n",
                             "  monthly: {2024-12: 1, 2025-01: 2, 2025-02: 3, 2025-03: 4, "
                             "2025-04: 5, 2025-05: 6, 2025-06: 7}\n"))
          .scenario;
  EXPECT_THAT(early.applications.monthly_persons, ElementsAre(2, 3, 4, 5, 6, 7));
}

TEST(LoadScenario, CsvApplicationsFilteredBySeries) {
  const LoadedScenario loaded = load_scenario(input("csv_scenario.yaml"));
  // 2025-01..2025-05: three months from the CSV (2024-12 is before the start; the annual row and
  // the other series are ignored), then after_last: zero.
  EXPECT_THAT(loaded.scenario.applications.monthly_persons, ElementsAre(3100, 2900, 3050.5, 0, 0));
  EXPECT_EQ(loaded.scenario.time.step, StepUnit::month);
  EXPECT_THAT(loaded.files, ElementsAre(input("csv_scenario.yaml"), input("apps.csv")));
}

TEST(LoadScenario, ExtendsOverridesAndSetInThatOrder) {
  const LoadedScenario plain = load_scenario(input("reform.yaml"));
  const Scenario& r = plain.scenario;
  EXPECT_EQ(r.name, "reform");                           // child
  EXPECT_EQ(r.description, "baseline");                  // inherited
  EXPECT_EQ(r.cgrs.officers, 359);                       // child overrides
  EXPECT_EQ(r.cgrs.decisions_per_officer_per_month, 7);  // inherited from the same map
  ASSERT_EQ(r.reception.pools.size(), 2u);  // maps merge: network from base, private from child
  EXPECT_EQ(r.reception.pools[0].name, "network");
  EXPECT_EQ(r.reception.pools[0].capacity, 36000);
  EXPECT_EQ(r.reception.pools[0].cost_per_place_day, 60);
  EXPECT_EQ(r.reception.pools[1].name, "private");
  EXPECT_EQ(r.reception.pools[1].capacity, 3500);
  EXPECT_THAT(r.reception.profile_waits, ElementsAre(false, false));  // lists replace
  EXPECT_THAT(plain.files, ElementsAre(input("reform.yaml"), input("base.yaml")));
  EXPECT_THAT(plain.resolved_yaml, Not(HasSubstr("extends")));

  const Scenario s = load_scenario(input("reform.yaml"),
                                   {"cgrs.officers=400", "reception.pools.network.capacity=40000",
                                    "reception.waiting_list=[single]"})
                         .scenario;
  EXPECT_EQ(s.cgrs.officers, 400);
  EXPECT_EQ(s.reception.pools[0].capacity, 40000);
  EXPECT_EQ(s.reception.pools[0].cost_per_place_day, 60);
  EXPECT_EQ(s.reception.pools[1].capacity, 3500);
  EXPECT_THAT(s.reception.profile_waits, ElementsAre(true, false));
}

TEST(LoadScenario, SetCreatesMissingMapsAndLaterSetsWin) {
  const Scenario s =
      load_text(kMinimal, {"reception.initial.waiting=250", "cgrs.officers=1", "cgrs.officers=2"})
          .scenario;
  EXPECT_EQ(s.reception.initial_waiting, 250);
  EXPECT_EQ(s.reception.initial_accommodated, 0);
  EXPECT_EQ(s.cgrs.officers, 2);
}

TEST(LoadScenario, NullInAnOverlayRemovesTheParentsKey) {
  // Switch the baseline's per_month to a monthly table from the command line.
  const Scenario s = load_scenario(input("base.yaml"),
                                   {"applications.per_month=~", "applications.monthly={2025-01: 7}",
                                    "applications.after_last=hold"})
                         .scenario;
  EXPECT_EQ(s.applications.monthly_persons.size(), 12u);
  EXPECT_EQ(s.applications.monthly_persons.front(), 7);
  EXPECT_EQ(s.applications.monthly_persons.back(), 7);
}

TEST(LoadScenario, ResolvedYamlRoundTrips) {
  for (const char* file : {"minimal.yaml", "full.yaml", "reform.yaml", "csv_scenario.yaml"}) {
    SCOPED_TRACE(file);
    const LoadedScenario first = load_scenario(input(file), {"cgrs.officers=123.5"});
    const LoadedScenario again =
        load_scenario_text(first.resolved_yaml, "resolved.yaml", inputs_dir());
    expect_same(first.scenario, again.scenario);
    EXPECT_EQ(first.resolved_yaml, again.resolved_yaml);
  }
}

TEST(LoadScenario, ResolvedYamlHoldsWhatWasGivenNotDefaults) {
  const LoadedScenario loaded = load_scenario(input("minimal.yaml"));
  EXPECT_THAT(loaded.resolved_yaml, HasSubstr("name: minimal"));
  EXPECT_THAT(loaded.resolved_yaml, Not(HasSubstr("saturation")));
  EXPECT_THAT(loaded.resolved_yaml, Not(HasSubstr("persons_per_case")));
  EXPECT_THAT(loaded.resolved_yaml, Not(HasSubstr("#")));  // comments are not kept
}

TEST(LoadScenario, ParentInAnotherFolderKeepsItsCsvPathWorking) {
  const LoadedScenario loaded = load_scenario(input("sub/child.yaml"));
  EXPECT_EQ(loaded.scenario.name, "child-in-sub");
  EXPECT_THAT(loaded.scenario.applications.monthly_persons, ElementsAre(3100, 2900, 3050.5, 0, 0));
  // Reloaded from the child's own folder, the resolved YAML still finds the CSV.
  const LoadedScenario again =
      load_scenario_text(loaded.resolved_yaml, "resolved.yaml", inputs_dir() + "/sub");
  expect_same(loaded.scenario, again.scenario);
}

TEST(LoadScenario, QuotedTextAndDatesAreAccepted) {
  std::string text = minimal_with("name: tiny", "name: \"2025\"\ndescription: |\n  two\n  lines");
  text.replace(text.find("start: 2025-01-01"), 17, "start: '2025-01-01'");
  const Scenario s = load_text(text).scenario;
  EXPECT_EQ(s.name, "2025");
  EXPECT_EQ(s.description, "two\nlines\n");
  EXPECT_EQ(s.time.start, d(2025, 1, 1));
}

TEST(InputErrorFormat, WhatNamesFileLineColumnKeyAndHint) {
  InputError e("a.yaml", 3, 5, "cgrs.officers", "must be >= 0, got -5", "a hint");
  EXPECT_STREQ(e.what(), "a.yaml:3:5: error: cgrs.officers: must be >= 0, got -5 (hint: a hint)");
  InputError file_level("b.yaml", 0, 0, "", "the scenario file is empty");
  EXPECT_STREQ(file_level.what(), "b.yaml: error: the scenario file is empty");
}

}  // namespace
}  // namespace chainsim::config
