// The sections of the second schema draft, one by one: values expanded per segment and checked
// against hand-worked expectations. kMinimal has origins a (0.8), b (0.2) and profiles single
// (0.6), family (0.4): segments a/single, a/family, b/single, b/family.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "chainsim/config/load.hpp"
#include "config_test_support.hpp"

namespace chainsim::config {
namespace {

using testing::catch_input_error;
using ::testing::DoubleEq;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::kMinimal;
using testing::load_text;
using testing::minimal_with;

constexpr double kMonth = 365.2425 / 12;

// kMinimal with `lines` added to cgrs (after decisions_per_officer_per_month).
std::string in_cgrs(const std::string& lines) {
  return minimal_with("  decisions_per_officer_per_month: 7.5\n",
                      "  decisions_per_officer_per_month: 7.5\n" + lines);
}
Scenario cgrs_with(const std::string& lines) {
  return load_text(in_cgrs(lines)).scenario;
}
Scenario with(const std::string& tail) {
  return load_text(kMinimal + tail).scenario;
}
InputError error_with(const std::string& text) {
  return catch_input_error([&] { load_text(text); });
}

// ---- registration, Dublin ----

TEST(Sections, RegistrationAndDublin) {
  const Scenario s = with(
      "registration: {delay: 5d}\n"
      "dublin:\n"
      "  share: {by_origin: {b: 0.5}, default: 0.1}\n"
      "  transfer_rate: 0.2\n"
      "  time_limit: 3mo\n");
  EXPECT_EQ(s.registration.delay, (Duration{5, DurationUnit::day}));
  EXPECT_THAT(s.dublin.share, ElementsAre(0.1, 0.1, 0.5, 0.5));
  EXPECT_EQ(s.dublin.transfer_rate, 0.2);
  EXPECT_EQ(s.dublin.abscond_rate, 0);  // default
  EXPECT_EQ(s.dublin.time_limit, (Duration{3, DurationUnit::month}));
  EXPECT_THAT(error_with(kMinimal + "dublin: {time_limit: 0d}\n").message,
              HasSubstr("must be > 0, got '0d'"));
  EXPECT_THAT(error_with(kMinimal + "dublin: {abscond_rate: 31}\n").message,
              HasSubstr("must be between 0 and 30, got 31"));
}

// ---- CGRS ----

TEST(Sections, CgrsStaff) {
  const Scenario s = cgrs_with(
      "  target_officers: 12\n  recruitment_delay: 6w\n  training: 0d\n"
      "  training_productivity: 0.5\n  attrition_per_year: 0.08\n  hiring_freeze: 1\n"
      "  productivity: 0.9\n");
  EXPECT_EQ(s.cgrs.officers, 10);
  EXPECT_EQ(s.cgrs.target_officers, 12);
  EXPECT_EQ(s.cgrs.recruitment_delay, (Duration{6, DurationUnit::week}));
  EXPECT_EQ(s.cgrs.training, (Duration{0, DurationUnit::day}));
  EXPECT_EQ(s.cgrs.training_productivity, 0.5);
  EXPECT_EQ(s.cgrs.attrition_per_year, 0.08);
  EXPECT_EQ(s.cgrs.hiring_freeze, 1);
  EXPECT_EQ(s.cgrs.productivity, 0.9);
  // Without target_officers the CGRS keeps its headcount, also after --set officers.
  EXPECT_EQ(load_text(kMinimal, {"cgrs.officers=25"}).scenario.cgrs.target_officers, 25);
  EXPECT_THAT(catch_input_error([] { cgrs_with("  productivity: 11\n"); }).message,
              HasSubstr("must be between 0 and 10, got 11"));
  EXPECT_THAT(catch_input_error([] { cgrs_with("  hiring_freeze: 1.5\n"); }).message,
              HasSubstr("must be between 0 and 1, got 1.5"));
}

TEST(Sections, OutcomesEachFormAndRefusalIsTheRest) {
  // refugee per origin, subsidiary per profile, inadmissible per segment.
  const Scenario s =
      load_text(minimal_with("{refugee: {by_origin: {a: 0.8, b: 0.2}}}",
                             "{refugee: {by_origin: {a: 0.6, b: 0.2}}, subsidiary: "
                             "{by_profile: {single: 0.1, family: 0.4}}, inadmissible: "
                             "{by_segment: {b/single: 0.7}, default: 0}}"))
          .scenario;
  EXPECT_THAT(s.cgrs.outcomes.refugee, ElementsAre(0.6, 0.6, 0.2, 0.2));
  EXPECT_THAT(s.cgrs.outcomes.subsidiary, ElementsAre(0.1, 0.4, 0.1, 0.4));
  EXPECT_THAT(s.cgrs.outcomes.inadmissible, ElementsAre(0, 0, 0.7, 0));
  // a/family: 0.6 + 0.4 = 1 exactly is allowed (no refusals); b/single 0.2 + 0.1 + 0.7 = 1 too.

  const InputError e = catch_input_error([] {
    load_text(minimal_with("{refugee: {by_origin: {a: 0.8, b: 0.2}}}",
                           "{refugee: 0.5, subsidiary: {by_profile: {single: 0.2, family: 0.5}}, "
                           "inadmissible: {by_origin: {b: 0.1}, default: 0}}"));
  });
  // a/single 0.7, a/family 1.0, b/single 0.8, b/family 0.5 + 0.5 + 0.1 = 1.1: the first over 1.
  EXPECT_EQ(e.message,
            "refugee + subsidiary + inadmissible is 0.5 + 0.5 + 0.1 = 1.1 for segment b/family; "
            "must be <= 1 (refusal is the rest)");
  EXPECT_EQ(e.key_path, "cgrs.outcomes");
  EXPECT_EQ(e.line, 14);

  // outcomes is required; an empty map means: every decision is a refusal.
  EXPECT_THAT(
      catch_input_error([] {
        load_text(minimal_with("  outcomes: {refugee: {by_origin: {a: 0.8, b: 0.2}}}\n", ""));
      }).message,
      HasSubstr("missing required key 'outcomes' in cgrs"));
  EXPECT_THAT(load_text(minimal_with("{refugee: {by_origin: {a: 0.8, b: 0.2}}}", "{}"))
                  .scenario.cgrs.outcomes.refugee,
              ElementsAre(0, 0, 0, 0));
  EXPECT_EQ(catch_input_error([] {
              load_text(minimal_with("{refugee: {by_origin", "{refuge: {by_origin"));
            }).hint,
            "did you mean 'refugee'?");
}

TEST(Sections, DurationSegmentValues) {
  const Scenario s = cgrs_with("  fast_track_deadline: {by_origin: {a: 15d}, default: 7w}\n");
  EXPECT_THAT(s.cgrs.fast_track_deadline_days, ElementsAre(15, 15, 49, 49));
  const Scenario once = cgrs_with("  fast_track_deadline: 2mo\n");
  EXPECT_THAT(once.cgrs.fast_track_deadline_days,
              ElementsAre(DoubleEq(2 * kMonth), DoubleEq(2 * kMonth), DoubleEq(2 * kMonth),
                          DoubleEq(2 * kMonth)));
  const InputError bare = catch_input_error([] { cgrs_with("  fast_track_deadline: 21\n"); });
  EXPECT_EQ(bare.message, "a duration needs a unit, got '21'");
  EXPECT_EQ(bare.key_path, "cgrs.fast_track_deadline");
  // 20 years = 7304.85 days, above the catalogue's 3650.
  const InputError long_ = catch_input_error(
      [] { cgrs_with("  fast_track_deadline: {by_profile: {single: 20y}, default: 1d}\n"); });
  EXPECT_EQ(long_.message, "must be between 0 and 3650 days, got '20y' (7304.85 days)");
  EXPECT_EQ(long_.key_path, "cgrs.fast_track_deadline.by_profile.single");
  EXPECT_THAT(catch_input_error([] { cgrs_with("  fast_track_deadline: [21d]\n"); }).message,
              HasSubstr("expected a duration or a map with by_origin or by_profile or by_segment"));
}

TEST(Sections, TracksAndSegmentRates) {
  const Scenario s = cgrs_with(
      "  fast_track: {by_origin: {b: 1}, default: 0}\n"
      "  track_priority: [normal, subsequent, fast_track]\n"
      "  subsequent_inadmissible: {by_profile: {family: 0.5}, default: 0.9}\n"
      "  withdrawal_rate: 0.02\n");
  EXPECT_THAT(s.cgrs.fast_track, ElementsAre(0, 0, 1, 1));
  EXPECT_THAT(s.cgrs.track_priority,
              ElementsAre(Track::normal, Track::subsequent, Track::fast_track));
  EXPECT_THAT(s.cgrs.subsequent_inadmissible, ElementsAre(0.9, 0.5, 0.9, 0.5));
  EXPECT_THAT(s.cgrs.withdrawal_rate, ElementsAre(0.02, 0.02, 0.02, 0.02));
  const InputError twice =
      catch_input_error([] { cgrs_with("  track_priority: [normal, normal, fast_track]\n"); });
  EXPECT_EQ(twice.message, "track 'normal' is listed twice");
  EXPECT_EQ(twice.key_path, "cgrs.track_priority[1]");
  EXPECT_EQ(catch_input_error([] {
              cgrs_with("  track_priority: [normal, fasttrack, subsequent]\n");
            }).hint,
            "did you mean 'fast_track'?");
}

TEST(Sections, OriginAndProfileListForms) {
  const Scenario s =
      load_text(in_cgrs("  suspended: [b]\n") + "  excluded: [a]\n" + "  waiting_list: [family]\n")
          .scenario;
  EXPECT_THAT(s.cgrs.suspended, ElementsAre(0, 0, 1, 1));
  EXPECT_THAT(s.reception.excluded, ElementsAre(1, 1, 0, 0));
  EXPECT_THAT(s.reception.waits, ElementsAre(0, 1, 0, 1));
  // The value forms still work for suspended/excluded; an empty list is "none".
  EXPECT_THAT(cgrs_with("  suspended: {by_segment: {a/family: 1}, default: 0}\n").cgrs.suspended,
              ElementsAre(0, 1, 0, 0));
  EXPECT_THAT(cgrs_with("  suspended: []\n").cgrs.suspended, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(with("  excluded: 0.25\n").reception.excluded, ElementsAre(0.25, 0.25, 0.25, 0.25));
  EXPECT_EQ(catch_input_error([] { cgrs_with("  suspended: [b, b]\n"); }).message,
            "origin 'b' is listed twice");
  // The waiting list is a list of profiles only.
  EXPECT_EQ(error_with(kMinimal + "  waiting_list: 1\n").message,
            "expected a list of profile names, got '1'");
  EXPECT_EQ(error_with(kMinimal + "  waiting_list: [a]\n").message, "unknown profile 'a'");
}

TEST(Sections, RetiredPositiveShareNamesItsReplacement) {
  const InputError e = catch_input_error([] {
    load_text(
        minimal_with("  outcomes: {refugee:", "  positive_share: 0.5\n  outcomes: {refugee:"));
  });
  EXPECT_EQ(e.message, "unknown key 'positive_share' in cgrs");
  EXPECT_THAT(e.hint, HasSubstr("replaced by cgrs.outcomes (refugee, subsidiary, inadmissible)"));
}

// ---- CALL, returns ----

TEST(Sections, CallMigrationLitigationIsReadLikeApplications) {
  const Scenario s = with(
      "call:\n"
      "  judgments_per_month: 800\n"
      "  migration_litigation: {per_month: 1150, initial_pending: 8300}\n");
  ASSERT_FALSE(s.call.migration_monthly_cases.empty());
  EXPECT_EQ(s.call.migration_monthly_cases.front(), 1150);
  EXPECT_EQ(s.call.migration_initial_pending_cases, 8300);
  const InputError e = error_with(kMinimal + "call:\n  migration_litigation: {initial_pending: -1, per_month: 5}\n");
  EXPECT_EQ(e.key_path, "call.migration_litigation.initial_pending");
  const InputError typo = error_with(kMinimal + "call:\n  migration_litigation: {per_mnth: 5}\n");
  EXPECT_EQ(typo.key_path, "call.migration_litigation.per_mnth");
}

TEST(Sections, CallWithAppealsAndOutcomes) {
  const Scenario s = with(
      "call:\n"
      "  appeal_share: {refusal: {by_origin: {a: 0.6, b: 0.9}}}\n"
      "  filing_delay: 15d\n"
      "  judgments_per_month: 800\n"
      "  outcomes: {annul: 0.1, subsidiary: {by_profile: {family: 0.2}, default: 0}}\n"
      "  initial_pending: {cases: 5000}\n");
  EXPECT_THAT(s.call.appeal_share_refusal, ElementsAre(0.6, 0.6, 0.9, 0.9));
  EXPECT_THAT(s.call.appeal_share_inadmissible, ElementsAre(0, 0, 0, 0));  // default
  EXPECT_EQ(s.call.filing_delay, (Duration{15, DurationUnit::day}));
  EXPECT_EQ(s.call.judgments_per_month, 800);
  EXPECT_THAT(s.call.outcomes.annul, ElementsAre(0.1, 0.1, 0.1, 0.1));
  EXPECT_THAT(s.call.outcomes.refugee, ElementsAre(0, 0, 0, 0));
  EXPECT_THAT(s.call.outcomes.subsidiary, ElementsAre(0, 0.2, 0, 0.2));
  EXPECT_EQ(s.call.initial_pending_cases, 5000);
  EXPECT_EQ(s.call.initial_pending_spread, (Duration{6, DurationUnit::month}));
  const InputError e =
      error_with(kMinimal + "call:\n  outcomes: {annul: 0.5, refugee: 0.3, subsidiary: 0.3}\n");
  EXPECT_EQ(e.message,
            "annul + refugee + subsidiary is 0.5 + 0.3 + 0.3 = 1.1 for segment a/single; must be "
            "<= 1 (rejection is the rest)");
  EXPECT_EQ(e.key_path, "call.outcomes");
  EXPECT_EQ(e.line, 19);
  EXPECT_EQ(e.column, 3);
  EXPECT_EQ(error_with(kMinimal + "call: {appeal_share: {refused: 1}}\n").hint,
            "did you mean 'refusal'?");
}

TEST(Sections, ReturnsSplitFinalNegatives) {
  const Scenario s = with(
      "returns:\n  voluntary: {by_origin: {b: 0.3}, default: 0.1}\n  forced: 0.05\n"
      "  subsequent: 0.2\n  delay: 1mo\n");
  EXPECT_THAT(s.returns.voluntary, ElementsAre(0.1, 0.1, 0.3, 0.3));
  EXPECT_THAT(s.returns.forced, ElementsAre(0.05, 0.05, 0.05, 0.05));
  EXPECT_THAT(s.returns.subsequent, ElementsAre(0.2, 0.2, 0.2, 0.2));
  EXPECT_EQ(s.returns.delay, (Duration{1, DurationUnit::month}));
  EXPECT_EQ(s.returns.subsequent_delay, (Duration{6, DurationUnit::month}));  // default
  const InputError e = error_with(kMinimal +
                                  "returns: {voluntary: 0.5, forced: {by_origin: {b: "
                                  "0.6}, default: 0}}\n");
  EXPECT_EQ(e.message,
            "voluntary + forced + subsequent is 0.5 + 0.6 + 0 = 1.1 for segment b/single; must be "
            "<= 1 (irregular stay is the rest)");
  EXPECT_EQ(e.key_path, "returns");
  EXPECT_EQ(e.line, 18);
  EXPECT_EQ(e.column, 1);
}

// ---- reception ----

TEST(Sections, PoolsWithProfilesCostsOverflowAndChanges) {
  const Scenario s = with(
      "    uam_centres: {capacity: 100, profiles: [family], cost_per_occupied_day: 12}\n"
      "    hotels:\n"
      "      capacity: 0\n"
      "      overflow: true\n"
      "      changes:\n"
      "        - {decided: 2025-02-01, lead_time: 2w, places: 300}\n"
      "        - {decided: 2025-05-01, places: -300}\n");
  ASSERT_EQ(s.reception.pools.size(), 3u);
  const Pool& u = s.reception.pools[1];
  EXPECT_EQ(u.name, "uam_centres");
  EXPECT_THAT(u.takes_profile, ElementsAre(0, 1));
  EXPECT_EQ(u.cost_per_occupied_day, 12);
  EXPECT_FALSE(u.overflow);
  const Pool& h = s.reception.pools[2];
  EXPECT_TRUE(h.overflow);
  EXPECT_THAT(h.takes_profile, ElementsAre(1, 1));
  ASSERT_EQ(h.changes.size(), 2u);
  EXPECT_EQ(h.changes[0].decided, Date(2025, 2, 1));
  EXPECT_EQ(h.changes[0].lead_time, (Duration{2, DurationUnit::week}));
  EXPECT_EQ(h.changes[0].places, 300);
  EXPECT_EQ(h.changes[1].lead_time, (Duration{0, DurationUnit::day}));
  EXPECT_EQ(h.changes[1].places, -300);
  // Closing on the day it opens is fine (300 - 300 = 0); closing before it opens is not.
  EXPECT_THAT(error_with(kMinimal + "    hotels:\n      capacity: 0\n      changes:\n"
                                    "        - {decided: 2025-02-01, lead_time: 6mo, places: 300}\n"
                                    "        - {decided: 2025-05-01, places: -300}\n")
                  .message,
              HasSubstr("closes more places than the pool has: its capacity would be -300 from "
                        "2025-05-01"));
  EXPECT_EQ(
      error_with(kMinimal + "    h: {capacity: 1, changes: [{decided: 2025-02-01, places: 0}]}\n")
          .message,
      "must not be 0 (places opened, or closed when negative)");
  EXPECT_EQ(error_with(kMinimal + "    h: {capacity: 1, changes: [{places: 5}]}\n").message,
            "missing required key 'decided' in reception.pools.h.changes[0]");
  EXPECT_EQ(error_with(kMinimal + "    h: {capacity: 1, profiles: []}\n").message,
            "needs at least one profile");
  EXPECT_EQ(error_with(kMinimal + "    h: {capacity: 1, overflow: \"true\"}\n").message,
            "expected true or false, got the text \"true\"");
}

TEST(Sections, ExitsVouchersContributionUamHumanitarian) {
  const Scenario s = with(
      "    adults: {capacity: 10}\n"
      "  give_up_rate: 0.1\n"
      "  exit_after_negative: 1mo\n"
      "  exit_after_positive: 12w\n"
      "  meal_vouchers: {share: 0.4}\n"
      "  contribution: {leave_rate: 0.03, after: 4mo}\n"
      "  uam: {age_out_rate: 0.05, to_pool: adults, profile: family}\n"
      "  humanitarian: {capacity: 2000, uptake: 0.6}\n");
  EXPECT_EQ(s.reception.give_up_rate, 0.1);
  EXPECT_DOUBLE_EQ(s.reception.exit_after_negative_days, kMonth);
  EXPECT_EQ(s.reception.exit_after_positive_days, 84);
  EXPECT_EQ(s.reception.meal_voucher_share, 0.4);
  EXPECT_EQ(s.reception.meal_voucher_exit_days, 15);  // default
  EXPECT_EQ(s.reception.contribution_leave_rate, 0.03);
  EXPECT_EQ(s.reception.contribution_after, (Duration{4, DurationUnit::month}));
  EXPECT_EQ(s.reception.uam_age_out_rate, 0.05);
  EXPECT_EQ(s.reception.uam_age_out_pool, 1);
  EXPECT_EQ(s.reception.uam_profile, 1);  // family, the second profile
  // Without a profile named uam, the minors' profile must be given.
  const InputError no_profile = error_with(kMinimal + "  uam: {age_out_rate: 0.05, to_pool: network}\n");
  EXPECT_EQ(no_profile.key_path, "reception.uam");
  EXPECT_THAT(no_profile.message, ::testing::HasSubstr("profile"));
  EXPECT_EQ(s.reception.humanitarian_capacity, 2000);
  EXPECT_EQ(s.reception.humanitarian_uptake, 0.6);
  const InputError pool = error_with(kMinimal + "  uam: {to_pool: netwrk}\n");
  EXPECT_EQ(pool.message, "unknown pool 'netwrk'");
  EXPECT_EQ(pool.hint, "did you mean 'network'?");
  EXPECT_EQ(error_with(kMinimal + "  exit_after_negative: 11y\n").message,
            "must be between 0 and 3650 days, got '11y' (4017.6675 days)");
}

TEST(Sections, CapacityRule) {
  const Scenario off = with("  capacity_rule: {enabled: false}\n");
  EXPECT_FALSE(off.reception.capacity_rule.enabled);
  const Scenario on = with(
      "    private: {capacity: 0}\n"
      "  capacity_rule: {pool: private, review: 2w, upper: 1.0, target: 0.92, buffer: 0.03, "
      "min_capacity: 0, max_capacity: 5000}\n");
  const CapacityRule& r = on.reception.capacity_rule;
  EXPECT_TRUE(r.enabled);
  EXPECT_EQ(r.pool, 1);
  EXPECT_EQ(r.review, (Duration{2, DurationUnit::week}));
  EXPECT_EQ(r.decision_delay, (Duration{1, DurationUnit::month}));     // default
  EXPECT_EQ(r.opening_lead_time, (Duration{6, DurationUnit::month}));  // default
  EXPECT_EQ(r.closure_lead_time, (Duration{3, DurationUnit::month}));  // default
  EXPECT_EQ(r.upper, 1.0);
  EXPECT_EQ(r.lower, 0.8);
  EXPECT_EQ(r.target, 0.92);
  EXPECT_EQ(r.buffer, 0.03);
  EXPECT_EQ(r.max_capacity, 5000);
  EXPECT_EQ(error_with(kMinimal + "  capacity_rule: {pool: network, review: 0d}\n").message,
            "must be > 0, got '0d'");
  EXPECT_EQ(error_with(kMinimal + "  capacity_rule: {pool: network, upper: 2.5}\n").message,
            "must be > 0 and <= 2, got 2.5");
  const InputError minmax = error_with(
      kMinimal + "  capacity_rule: {pool: network, min_capacity: 900, max_capacity: 800}\n");
  EXPECT_EQ(minmax.message, "min_capacity (900) is above max_capacity (800)");
  EXPECT_EQ(minmax.key_path, "reception.capacity_rule.max_capacity");
  EXPECT_EQ(error_with(kMinimal + "  capacity_rule: {pool: network, enabled: no}\n").hint,
            "write false");
}

// ---- planned inflows ----

TEST(Sections, PlannedInflows) {
  const Scenario s =
      load_text(minimal_with("  per_month: 1000\n",
                             "  per_month: 1000\n"
                             "  subsequent_share: 0.1\n"
                             "  planned:\n"
                             "    resettlement:\n"
                             "      monthly: {2025-01: 0, 2025-02: 30, 2025-03: 60}\n"
                             "      after_last: zero\n"
                             "      origins: {b: 1.0}\n"
                             "      profiles: {family: 1.0}\n"
                             "    corridor: {per_month: 10, origins: {a: 0.5, b: 0.5}}\n"))
          .scenario;
  EXPECT_EQ(s.applications.subsequent_share, 0.1);
  EXPECT_THAT(s.applications.monthly_persons, ElementsAre(1000, 1000, 1000, 1000, 1000, 1000));
  ASSERT_EQ(s.applications.planned.size(), 2u);
  const PlannedInflow& r = s.applications.planned[0];
  EXPECT_EQ(r.name, "resettlement");
  // Three months given, then after_last: zero.
  EXPECT_THAT(r.monthly_persons, ElementsAre(0, 30, 60, 0, 0, 0));
  EXPECT_THAT(r.segment_share, ElementsAre(0, 0, 0, 1));  // b/family
  const PlannedInflow& c = s.applications.planned[1];
  // origins a 0.5, b 0.5 x profiles from segments (single 0.6, family 0.4).
  EXPECT_THAT(c.segment_share,
              ElementsAre(DoubleEq(0.3), DoubleEq(0.2), DoubleEq(0.3), DoubleEq(0.2)));
  EXPECT_EQ(c.monthly_persons, std::vector<double>(6, 10));

  const InputError sum = catch_input_error([] {
    load_text(minimal_with("  per_month: 1000\n",
                           "  per_month: 1000\n  planned:\n"
                           "    r: {per_month: 1, profiles: {family: 0.5}}\n"));
  });
  EXPECT_EQ(sum.message, "profile shares must sum to 1, got 0.5");
  EXPECT_EQ(sum.key_path, "applications.planned.r.profiles");
  const InputError none = catch_input_error([] {
    load_text(minimal_with("  per_month: 1000\n",
                           "  per_month: 1000\n  planned:\n    r: {origins: {a: 1}}\n"));
  });
  EXPECT_EQ(none.message, "give one of per_month, monthly or csv");
  EXPECT_EQ(none.key_path, "applications.planned.r");
  const InputError key = catch_input_error([] {
    load_text(
        minimal_with("  per_month: 1000\n",
                     "  per_month: 1000\n  planned:\n    r: {per_month: 1, orgins: {a: 1}}\n"));
  });
  EXPECT_EQ(key.hint, "did you mean 'origins'?");
}

}  // namespace
}  // namespace chainsim::config
