// Policies: the forms of a change (scalar, duration, partial segment values, name lists), the
// catalogue's bounds, unknown paths, and the map form merged through `extends`.
// kMinimal: segments a/single, a/family, b/single, b/family; officers 10; one pool `network`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "chainsim/config/load.hpp"
#include "chainsim/model/parameters.hpp"
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

constexpr double kMonth = 365.2425 / 12;

// kMinimal with one policy `p` from 2025-03-01 holding `changes` (lines such as "    set: {...}").
std::string with_policy(const std::string& changes) {
  return kMinimal + "policies:\n  p:\n    from: 2025-03-01\n" + changes;
}
std::vector<ParameterChange> changes_of(const std::string& changes) {
  const Scenario s = load_text(with_policy(changes)).scenario;
  EXPECT_EQ(s.policies.size(), 1u);
  return s.policies.empty() ? std::vector<ParameterChange>{} : s.policies[0].changes;
}
ParameterChange change_of(const std::string& changes) {
  const std::vector<ParameterChange> c = changes_of(changes);
  EXPECT_EQ(c.size(), 1u);
  return c.empty() ? ParameterChange{} : c[0];
}
InputError policy_error(const std::string& changes) {
  return catch_input_error([&] { load_text(with_policy(changes)); });
}

TEST(Policies, ScalarSetAddScaleInWrittenOrder) {
  const std::vector<ParameterChange> c = changes_of(
      "    scale: {cgrs.productivity: 1.25}\n"
      "    set: {reception.saturation: 0.9, reception.pools.network.capacity: 700}\n"
      "    add: {cgrs.target_officers: 59}\n");
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].path, "cgrs.productivity");
  EXPECT_EQ(c[0].op, ChangeOp::scale);
  EXPECT_THAT(c[0].value, ElementsAre(1.25));
  EXPECT_THAT(c[0].applies, ElementsAre(1));
  EXPECT_EQ(c[1].path, "reception.saturation");
  EXPECT_EQ(c[1].op, ChangeOp::set);
  EXPECT_THAT(c[1].value, ElementsAre(0.9));
  EXPECT_EQ(c[2].path, "reception.pools.network.capacity");  // as written
  EXPECT_THAT(c[2].value, ElementsAre(700));
  EXPECT_EQ(c[3].op, ChangeOp::add);
  EXPECT_THAT(c[3].value, ElementsAre(59));
}

TEST(Policies, DurationParametersTakeDurations) {
  EXPECT_THAT(change_of("    set: {reception.exit_after_negative: 2mo}\n").value,
              ElementsAre(DoubleEq(2 * kMonth)));
  // add may shorten: a negative duration.
  EXPECT_THAT(change_of("    add: {reception.exit_after_negative: -10d}\n").value,
              ElementsAre(-10));
  // scale multiplies: a plain number.
  EXPECT_THAT(change_of("    scale: {reception.exit_after_negative: 0.5}\n").value,
              ElementsAre(0.5));
  EXPECT_EQ(policy_error("    scale: {reception.exit_after_negative: 2d}\n").message,
            "expected a number, got '2d'");
  EXPECT_EQ(policy_error("    set: {reception.exit_after_negative: -10d}\n").message,
            "must be >= 0, got '-10d'");
  // A segment parameter in days: partial, per origin.
  const ParameterChange ft =
      change_of("    set: {cgrs.fast_track_deadline: {by_origin: {b: 15d}}}\n");
  EXPECT_THAT(ft.value, ElementsAre(0, 0, 15, 15));
  EXPECT_THAT(ft.applies, ElementsAre(0, 0, 1, 1));
}

TEST(Policies, SegmentValuesMayBePartial) {
  const ParameterChange all = change_of("    set: {reception.ask_share: 0.5}\n");
  EXPECT_THAT(all.value, ElementsAre(0.5, 0.5, 0.5, 0.5));
  EXPECT_THAT(all.applies, ElementsAre(1, 1, 1, 1));
  const ParameterChange origin =
      change_of("    set: {cgrs.outcomes.refugee: {by_origin: {b: 0.9}}}\n");
  EXPECT_THAT(origin.value, ElementsAre(0, 0, 0.9, 0.9));
  EXPECT_THAT(origin.applies, ElementsAre(0, 0, 1, 1));
  const ParameterChange total =
      change_of("    set: {cgrs.outcomes.refugee: {by_origin: {b: 0.9}, default: 0.1}}\n");
  EXPECT_THAT(total.value, ElementsAre(0.1, 0.1, 0.9, 0.9));
  EXPECT_THAT(total.applies, ElementsAre(1, 1, 1, 1));
  const ParameterChange segment =
      change_of("    add: {cgrs.withdrawal_rate: {by_segment: {a/family: 0.01}}}\n");
  EXPECT_THAT(segment.value, ElementsAre(0, 0.01, 0, 0));
  EXPECT_THAT(segment.applies, ElementsAre(0, 1, 0, 0));
  // Untouched segments of a scale keep the neutral factor 1.
  const ParameterChange scale =
      change_of("    scale: {cgrs.persons_per_case: {by_profile: {family: 1.5}}}\n");
  EXPECT_THAT(scale.value, ElementsAre(1, 1.5, 1, 1.5));
  EXPECT_THAT(scale.applies, ElementsAre(0, 1, 0, 1));
  EXPECT_EQ(policy_error("    set: {reception.ask_share: {by_origin: {}}}\n").message,
            "changes no segment");
  EXPECT_EQ(policy_error("    set: {reception.ask_share: {by_origin: {c: 1}}}\n").message,
            "unknown origin 'c' in policies.p.set.reception.ask_share.by_origin");
}

TEST(Policies, NameListsMeanExactlyThese) {
  const ParameterChange suspended = change_of("    set: {cgrs.suspended: [b]}\n");
  EXPECT_THAT(suspended.value, ElementsAre(0, 0, 1, 1));
  EXPECT_THAT(suspended.applies, ElementsAre(1, 1, 1, 1));  // the others are set to 0
  const ParameterChange excluded = change_of("    set: {reception.excluded: [a]}\n");
  EXPECT_THAT(excluded.value, ElementsAre(1, 1, 0, 0));
  const ParameterChange waits = change_of("    set: {reception.waiting_list: [single]}\n");
  EXPECT_THAT(waits.value, ElementsAre(1, 0, 1, 0));
  EXPECT_THAT(change_of("    set: {reception.waiting_list: []}\n").value, ElementsAre(0, 0, 0, 0));
  const InputError profile = policy_error("    set: {reception.waiting_list: [singel]}\n");
  EXPECT_EQ(profile.message, "unknown profile 'singel'");
  EXPECT_EQ(profile.hint, "did you mean 'single'?");
  EXPECT_EQ(profile.key_path, "policies.p.set.reception.waiting_list[0]");
  // Only these three take lists.
  EXPECT_THAT(policy_error("    set: {reception.ask_share: [a]}\n").message,
              HasSubstr("expected a number or a map with by_origin"));
}

TEST(Policies, BoundsDependOnTheOperation) {
  // set: the catalogue's bounds.
  EXPECT_EQ(policy_error("    set: {reception.saturation: 1.5}\n").message,
            "must be between 0 and 1, got 1.5");
  EXPECT_EQ(policy_error("    set: {cgrs.persons_per_case: {by_origin: {a: 0.5}}}\n").message,
            "must be between 1 and 20, got 0.5");
  // add: any finite number, as long as the result stays within bounds.
  EXPECT_THAT(change_of("    add: {cgrs.productivity: -0.5}\n").value, ElementsAre(-0.5));
  EXPECT_EQ(policy_error("    add: {cgrs.productivity: .inf}\n").message,
            "must be a finite number, got '.inf'");
  const InputError below = policy_error("    add: {cgrs.productivity: -1.5}\n");
  EXPECT_EQ(below.message,
            "from 2025-03-01 this policy makes cgrs.productivity -0.5, outside its bounds (between "
            "0 and 10)");
  // scale: >= 0; the result is checked too (refugee 0.8 x 2 = 1.6 for origin a).
  const InputError scaled = policy_error("    scale: {cgrs.outcomes.refugee: 2}\n");
  EXPECT_EQ(scaled.message,
            "from 2025-03-01 this policy makes cgrs.outcomes.refugee 1.6 for segment a/single, "
            "outside its bounds (between 0 and 1)");
  EXPECT_EQ(scaled.hint, "scale applies to the scenario's value 0.8");
  EXPECT_EQ(policy_error("    scale: {cgrs.outcomes.refugee: -1}\n").message,
            "must be >= 0, got -1");
}

TEST(Policies, UnknownPathsGetHints) {
  EXPECT_EQ(policy_error("    add: {cgrs.target_oficers: 5}\n").hint,
            "did you mean 'cgrs.target_officers'?");
  EXPECT_EQ(policy_error("    set: {reception.pools.netwrk.capacity: 5}\n").hint,
            "there is no pool 'netwrk'; did you mean 'network'?; a reform that opens a new pool "
            "declares it under reception.pools (capacity 0 and dated changes)");
  EXPECT_EQ(policy_error("    add: {cgrs: {target_officers: 5}}\n").hint,
            "write the full dotted path as the key, e.g. 'cgrs.target_officers: ...'");
  EXPECT_THAT(policy_error("    add: {reception.pools.network.changes: 5}\n").hint,
              HasSubstr("written under reception.pools.network.changes"));
  EXPECT_THAT(policy_error("    add: {cgrs.officers: 5}\n").hint,
              HasSubstr("change cgrs.target_officers to hire"));
  // --set splits at dots, so a dotted parameter path must be given inside the value.
  const InputError from_set = catch_input_error([] {
    load_text(with_policy("    add: {cgrs.target_officers: 1}\n"),
              {"policies.p.add.cgrs.target_officers=10"});
  });
  EXPECT_EQ(from_set.file, "--set");
  EXPECT_EQ(from_set.hint,
            "--set splits its path at every dot; give the whole map instead, e.g. --set "
            "'policies.p.add={cgrs.target_officers: VALUE}'");
  EXPECT_THAT(load_text(with_policy("    add: {cgrs.target_officers: 1}\n"),
                        {"policies.p.add={cgrs.target_officers: 10}"})
                  .scenario.policies[0]
                  .changes[0]
                  .value,
              ElementsAre(10));
  EXPECT_EQ(policy_error("    set: {time.start: 5}\n").hint,
            "the paths a policy may change are listed in docs/scenario-reference.md (policy "
            "paths)");
}

TEST(Policies, EveryCataloguePathAcceptsASetAtItsLowerBound) {
  const Scenario base = load_text(kMinimal).scenario;
  for (const std::string& path : parameter_paths(base)) {
    SCOPED_TRACE(path);
    const ParamRef ref = resolve_parameter(path, base);
    ASSERT_NE(ref.info, nullptr);
    const double lo = ref.info->lo;
    const std::string value =
        ref.info->unit == "days" ? std::to_string(static_cast<int>(lo)) + "d" : std::to_string(lo);
    const ParameterChange c = change_of("    set: {" + path + ": " + value + "}\n");
    EXPECT_EQ(c.path, path);
    const std::size_t n = ref.info->shape == ParamShape::scalar ? 1u : 4u;
    EXPECT_EQ(c.value, std::vector<double>(n, lo));
    EXPECT_EQ(c.applies, std::vector<char>(n, 1));
  }
}

TEST(Policies, InitialStocksAreForCalibrationNotForPolicies) {
  Scenario base = load_text(kMinimal).scenario;
  for (const ParamInfo& info : initial_state_catalog()) {
    const std::string path(info.path);
    SCOPED_TRACE(path);
    EXPECT_EQ(resolve_parameter(path, base).info, nullptr);
    const ParamRef ref = resolve_calibration_parameter(path, base);
    ASSERT_NE(ref.info, nullptr);
    ref.values(base)[0] = 1234.0;
    EXPECT_EQ(resolve_calibration_parameter(path, base).values(base)[0], 1234.0);
    const InputError e = policy_error("    set: {" + path + ": 5}\n");
    EXPECT_EQ(e.message, "unknown parameter '" + path + "'");
    if (path != "cgrs.officers") {  // its own hint: change the hiring target instead
      EXPECT_EQ(e.hint, path + " is a stock at time.start, which a policy cannot change: set it in the "
                               "scenario, or fit it with chainsim calibrate");
    }
  }
  EXPECT_EQ(base.cgrs.initial_pending_persons, 1234.0);
  EXPECT_EQ(base.reception.initial_waiting, 1234.0);
  const std::vector<std::string> paths = calibration_parameter_paths(base);
  EXPECT_EQ(paths.size(), parameter_paths(base).size() + initial_state_catalog().size());
}

TEST(Policies, DatesRampAndListForm) {
  const Scenario s = load_text(kMinimal +
                               "policies:\n"
                               "  - name: first.one\n"
                               "    from: 2025-02-01\n"
                               "    to: 2025-04-01\n"
                               "    ramp: 2w\n"
                               "    add: {cgrs.target_officers: 5}\n"
                               "  - {name: second, from: 2025-03-01, set: {cgrs.suspended: [a]}}\n")
                         .scenario;
  ASSERT_EQ(s.policies.size(), 2u);
  EXPECT_EQ(s.policies[0].name, "first.one");
  EXPECT_EQ(s.policies[0].from, Date(2025, 2, 1));
  EXPECT_EQ(s.policies[0].to, Date(2025, 4, 1));
  EXPECT_EQ(s.policies[0].ramp, (Duration{2, DurationUnit::week}));
  EXPECT_EQ(s.policies[1].name, "second");
  EXPECT_FALSE(s.policies[1].to.has_value());
  EXPECT_THAT(s.policies[1].changes[0].value, ElementsAre(1, 1, 0, 0));
  EXPECT_EQ(
      catch_input_error([] {
        load_text(kMinimal + "policies:\n  - {from: 2025-03-01, add: {cgrs.target_officers: 1}}\n");
      }).message,
      "missing required key 'name' in policies[0]");
  EXPECT_THAT(catch_input_error([] {
                load_text(kMinimal +
                          "policies:\n  bad name: {from: 2025-03-01, add: "
                          "{cgrs.target_officers: 1}}\n");
              }).message,
              HasSubstr("policy names may contain only letters"));
  EXPECT_THAT(catch_input_error([] { load_text(kMinimal + "policies: 5\n"); }).message,
              HasSubstr("expected a map of policies by name (or a list)"));
}

TEST(Policies, MapFormMergesByNameThroughExtends) {
  const LoadedScenario loaded = load_scenario(input("policy_reform.yaml"));
  const Scenario& s = loaded.scenario;
  ASSERT_EQ(s.policies.size(), 3u);
  // The parent's policy first, changed by the overlay (to), keeping what it did not change.
  EXPECT_EQ(s.policies[0].name, "suspend");
  EXPECT_EQ(s.policies[0].from, Date(2025, 3, 1));
  EXPECT_EQ(s.policies[0].to, Date(2025, 9, 30));
  EXPECT_THAT(s.policies[0].changes[0].value, ElementsAre(1, 1, 0, 0));
  // The overlay's new policies, in its order.
  EXPECT_EQ(s.policies[1].name, "hire");
  EXPECT_EQ(s.policies[1].ramp, (Duration{2, DurationUnit::month}));
  EXPECT_THAT(s.policies[1].changes[0].value, ElementsAre(59));
  EXPECT_EQ(s.policies[2].name, "cheaper-private");
  EXPECT_EQ(s.policies[2].changes[0].path, "reception.pools.private.cost_per_place_day");
  // The new pool, opened by a dated change.
  ASSERT_EQ(s.reception.pools.size(), 2u);
  EXPECT_EQ(s.reception.pools[1].capacity, 0);
  ASSERT_EQ(s.reception.pools[1].changes.size(), 1u);
  EXPECT_EQ(s.reception.pools[1].changes[0].places, 3500);

  // --set reaches into the map form by name; `~` removes a policy.
  const Scenario set = load_scenario(input("policy_reform.yaml"),
                                     {"policies.suspend.to=2025-12-31", "policies.hire=~"})
                           .scenario;
  ASSERT_EQ(set.policies.size(), 2u);
  EXPECT_EQ(set.policies[0].to, Date(2025, 12, 31));
  EXPECT_EQ(set.policies[1].name, "cheaper-private");

  // The resolved YAML loads again to the same policies.
  const Scenario again =
      load_scenario_text(loaded.resolved_yaml, "resolved.yaml", inputs_dir()).scenario;
  ASSERT_EQ(again.policies.size(), 3u);
  EXPECT_EQ(again.policies[0].to, Date(2025, 9, 30));
  EXPECT_EQ(again.policies[2].changes[0].value, s.policies[2].changes[0].value);
}

TEST(Policies, ListFormReplacesTheParentsPolicies) {
  const Scenario s = load_scenario(input("policy_list_reform.yaml")).scenario;
  ASSERT_EQ(s.policies.size(), 1u);
  EXPECT_EQ(s.policies[0].name, "only");
}

}  // namespace
}  // namespace chainsim::config
