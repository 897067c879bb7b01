// The reception section: pools (capacity paths, profiles, costs, overflow), allocation and
// waiting list, exits, humanitarian places and the capacity rule.
#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

#include "build_sections.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/config/suggest.hpp"

namespace chainsim::config::build {

namespace {

constexpr double kMaxRatePerMonth = 30.0;
constexpr double kMaxStayDays = 3650.0;  // exits: catalogue bound

Bounds share() {
  return Bounds::closed(0, 1);
}
Bounds rate() {
  return Bounds::closed(0, kMaxRatePerMonth);
}
Bounds stay() {
  return Bounds::closed(0, kMaxStayDays);
}

std::vector<CapacityChange> read_changes(const Node& node, const std::string& path,
                                         const Pool& pool, const TimeSettings& time) {
  expect_list(node, path);
  std::vector<CapacityChange> out;
  // (effective day, index) to check that the capacity path never goes below zero.
  std::vector<std::pair<double, std::size_t>> effective;
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    const std::string item_path = index_path(path, i);
    const MapReader c(node.children[i], item_path, {"decided", "lead_time", "places"});
    CapacityChange change;
    change.decided = read_date(c.require("decided"), c.path_of("decided"));
    change.lead_time = c.duration_or("lead_time", change.lead_time);
    const Node& places = c.require("places");
    change.places = read_number(places, c.path_of("places"));
    if (change.places == 0.0) {
      fail(places, c.path_of("places"), "must not be 0 (places opened, or closed when negative)");
    }
    effective.emplace_back(
        static_cast<double>((change.decided - time.start).days()) + change.lead_time.days(), i);
    out.push_back(change);
  }
  std::stable_sort(effective.begin(), effective.end());
  double capacity = pool.capacity;
  for (const auto& [day, i] : effective) {
    capacity += out[i].places;
    if (capacity < -1e-9) {
      const Node& places = *node.children[i].find("places");
      fail(places, join_path(index_path(path, i), "places"),
           "closes more places than the pool has: its capacity would be " + format_value(capacity) +
               " from " +
               to_iso(out[i].decided + boost::gregorian::days(
                                           static_cast<long>(std::ceil(out[i].lead_time.days())))),
           "the changes apply in the order they take effect (decided + lead_time), on top of "
           "capacity " +
               format_value(pool.capacity));
    }
  }
  return out;
}

void read_pools(const MapReader& r, Scenario& sc) {
  const SegmentSet& set = sc.segments;
  const Node& pools = r.require("pools");
  const std::string pools_path = r.path_of("pools");
  expect_map(pools, pools_path);
  if (pools.children.empty()) fail(pools, pools_path, "needs at least one pool");
  for (const Node& pool : pools.children) {
    const std::string pool_path = join_path(pools_path, pool.key);
    if (!is_name(pool.key, false)) {
      fail_at_key(
          pool, pool_path,
          "pool names may contain only letters, digits, '_' and '-', got '" + pool.key + "'");
    }
    const MapReader p(pool, pool_path,
                      {"capacity", "profiles", "cost_per_place_day", "cost_per_occupied_day",
                       "overflow", "changes"});
    Pool typed;
    typed.name = pool.key;
    typed.capacity = p.number("capacity", Bounds::at_least(0));
    typed.takes_profile.assign(static_cast<std::size_t>(set.profile_count()), 1);
    if (const Node* profiles = p.get("profiles")) {
      const std::vector<int> listed = read_profile_list(*profiles, p.path_of("profiles"), set);
      if (listed.empty()) {
        fail(*profiles, p.path_of("profiles"), "needs at least one profile",
             "leave profiles out to take every profile");
      }
      typed.takes_profile.assign(static_cast<std::size_t>(set.profile_count()), 0);
      for (int i : listed) typed.takes_profile[static_cast<std::size_t>(i)] = 1;
    }
    typed.cost_per_place_day = p.number_or("cost_per_place_day", 0.0, Bounds::at_least(0));
    typed.cost_per_occupied_day = p.number_or("cost_per_occupied_day", 0.0, Bounds::at_least(0));
    typed.overflow = p.bool_or("overflow", false);
    if (const Node* changes = p.get("changes"))
      typed.changes = read_changes(*changes, p.path_of("changes"), typed, sc.time);
    sc.reception.pools.push_back(std::move(typed));
  }
}

// Fails at the first given of the named keys (or at the map's key) with `message`.
[[noreturn]] void fail_at_first(const MapReader& m, std::initializer_list<const char*> keys,
                                const std::string& message, const std::string& hint = {}) {
  for (const char* k : keys)
    if (const Node* n = m.get(k)) fail(*n, m.path_of(k), message, hint);
  fail_at_key(m.node(), m.path(), message, hint);
}

void read_capacity_rule(const Node& node, const std::string& path, Scenario& sc) {
  const MapReader c(
      node, path,
      {"enabled", "pool", "review", "decision_delay", "opening_lead_time", "closure_lead_time",
       "upper", "lower", "target", "buffer", "min_capacity", "max_capacity"});
  CapacityRule& out = sc.reception.capacity_rule;
  out.enabled = c.bool_or("enabled", true);
  if (out.enabled || c.get("pool")) {
    out.pool = read_pool_name(c.require("pool"), c.path_of("pool"), sc.reception);
  }
  out.review = c.duration_or("review", out.review, true);
  out.decision_delay = c.duration_or("decision_delay", out.decision_delay);
  out.opening_lead_time = c.duration_or("opening_lead_time", out.opening_lead_time);
  out.closure_lead_time = c.duration_or("closure_lead_time", out.closure_lead_time);
  const Bounds ratio = Bounds::left_open(0, 2);
  out.upper = c.number_or("upper", out.upper, ratio);
  out.lower = c.number_or("lower", out.lower, ratio);
  out.target = c.number_or("target", out.target, ratio);
  if (!(out.lower < out.target && out.target < out.upper)) {
    fail_at_first(c, {"target", "lower", "upper"},
                  "needs lower < target < upper, got lower " + format_value(out.lower) +
                      ", target " + format_value(out.target) + ", upper " + format_value(out.upper),
                  "demand/places below lower closes places, above upper opens them, both aiming "
                  "at target");
  }
  out.buffer = c.number_or("buffer", out.buffer, share());
  out.min_capacity = c.number_or("min_capacity", out.min_capacity, Bounds::at_least(0));
  out.max_capacity = c.number_or("max_capacity", out.max_capacity, Bounds::at_least(0));
  if (out.min_capacity > out.max_capacity) {
    fail_at_first(c, {"max_capacity", "min_capacity"},
                  "min_capacity (" + format_value(out.min_capacity) + ") is above max_capacity (" +
                      format_value(out.max_capacity) + ")");
  }
}

}  // namespace

void read_reception(const Node& node, Scenario& sc) {
  const MapReader r(node, "reception",
                    {"saturation", "pools", "ask_share", "priority", "waiting_list", "excluded",
                     "give_up_rate", "exit_after_negative", "exit_after_positive", "meal_vouchers",
                     "contribution", "uam", "humanitarian", "capacity_rule", "initial"});
  const SegmentSet& set = sc.segments;
  Reception& out = sc.reception;
  out.saturation = r.number_or("saturation", out.saturation, Bounds::left_open(0, 1));
  read_pools(r, sc);

  out.ask_share = segment_values_or(r, "ask_share", set, share(), 1.0);
  SegmentValueForms origins_or_values;
  origins_or_values.origin_list = true;
  out.excluded = segment_values_or(r, "excluded", set, share(), 0.0, origins_or_values);

  if (const Node* priority = r.get("priority")) {
    out.priority = read_profile_list(*priority, r.path_of("priority"), set);
    if (static_cast<int>(out.priority.size()) != set.profile_count()) {
      std::vector<std::string> missing;
      for (int p = 0; p < set.profile_count(); ++p)
        if (std::find(out.priority.begin(), out.priority.end(), p) == out.priority.end())
          missing.push_back(set.profiles[static_cast<std::size_t>(p)]);
      fail(*priority, r.path_of("priority"),
           "must list every profile exactly once; missing: " + join_names(missing));
    }
  } else {
    for (int p = 0; p < set.profile_count(); ++p) out.priority.push_back(p);
  }

  // The waiting list is given per profile (a list of names); the scenario holds it per segment.
  SegmentValueForms profile_list;
  profile_list.number = profile_list.by_origin = profile_list.by_profile = false;
  profile_list.by_segment = profile_list.with_default = false;
  profile_list.profile_list = true;
  out.waits = segment_values_or(r, "waiting_list", set, share(), 0.0, profile_list);
  out.give_up_rate = r.number_or("give_up_rate", 0.0, rate());

  out.exit_after_negative_days =
      r.days_or("exit_after_negative", out.exit_after_negative_days, stay());
  out.exit_after_positive_days =
      r.days_or("exit_after_positive", out.exit_after_positive_days, stay());
  if (const Node* mv = r.get("meal_vouchers")) {
    const MapReader m(*mv, r.path_of("meal_vouchers"), {"share", "exit_after"});
    out.meal_voucher_share = m.number_or("share", 0.0, share());
    out.meal_voucher_exit_days = m.days_or("exit_after", out.meal_voucher_exit_days, stay());
  }
  if (const Node* co = r.get("contribution")) {
    const MapReader m(*co, r.path_of("contribution"), {"leave_rate", "after"});
    out.contribution_leave_rate = m.number_or("leave_rate", 0.0, rate());
    out.contribution_after = m.duration_or("after", out.contribution_after);
  }
  if (const Node* uam = r.get("uam")) {
    const MapReader m(*uam, r.path_of("uam"), {"age_out_rate", "to_pool", "profile"});
    out.uam_age_out_rate = m.number_or("age_out_rate", 0.0, rate());
    if (const Node* to = m.get("to_pool"))
      out.uam_age_out_pool = read_pool_name(*to, m.path_of("to_pool"), out);
    // The minors' profile: named, or the profile called "uam" when there is one.
    if (const Node* p = m.get("profile")) {
      const std::string name = read_text(*p, m.path_of("profile"));
      const auto it = std::find(set.profiles.begin(), set.profiles.end(), name);
      if (it == set.profiles.end())
        fail(*p, m.path_of("profile"), "unknown profile '" + name + "'", suggestion_hint(name, set.profiles));
      out.uam_profile = static_cast<int>(it - set.profiles.begin());
    } else {
      for (int i = 0; i < set.profile_count(); ++i)
        if (set.profiles[i] == "uam") out.uam_profile = i;
    }
    if (out.uam_age_out_rate > 0.0 && (out.uam_profile < 0 || out.uam_age_out_pool < 0))
      fail(*uam, r.path_of("uam"), "age_out_rate needs to_pool and the minors' profile",
           "add `to_pool: <pool>` and `profile: <profile>` (the profile defaults to one named uam)");
  }
  if (const Node* hu = r.get("humanitarian")) {
    const MapReader m(*hu, r.path_of("humanitarian"), {"capacity", "uptake"});
    out.humanitarian_capacity = m.number_or("capacity", 0.0, Bounds::at_least(0));
    out.humanitarian_uptake = m.number_or("uptake", 0.0, share());
  }
  if (const Node* rule = r.get("capacity_rule"))
    read_capacity_rule(*rule, r.path_of("capacity_rule"), sc);

  if (const Node* initial = r.get("initial")) {
    const MapReader i(*initial, r.path_of("initial"), {"accommodated", "waiting"});
    out.initial_accommodated = i.number_or("accommodated", 0.0, Bounds::at_least(0));
    out.initial_waiting = i.number_or("waiting", 0.0, Bounds::at_least(0));
  }
}

}  // namespace chainsim::config::build
