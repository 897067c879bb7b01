// The procedure sections: registration, Dublin, CGRS (staff, outcomes, tracks), CALL, returns;
// and the helpers every section shares.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "build_sections.hpp"
#include "chainsim/config/applications.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/config/suggest.hpp"

namespace chainsim::config::build {

namespace {

constexpr double kMaxRatePerMonth = 30.0;  // hazards per month (catalogue bound)
constexpr double kMaxDeadlineDays = 3650.0;

Bounds share() {
  return Bounds::closed(0, 1);
}
Bounds rate() {
  return Bounds::closed(0, kMaxRatePerMonth);
}

const char* track_name(Track t) {
  switch (t) {
    case Track::normal:
      return "normal";
    case Track::fast_track:
      return "fast_track";
    case Track::subsequent:
      return "subsequent";
  }
  return "?";
}

std::vector<Track> read_track_priority(const Node& node, const std::string& path) {
  expect_list(node, path);
  const std::vector<Track> all = {Track::fast_track, Track::subsequent, Track::normal};
  std::vector<std::string> names;
  for (Track t : all) names.emplace_back(track_name(t));
  std::vector<Track> out;
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    const Node& item = node.children[i];
    const std::string item_path = index_path(path, i);
    const std::string name = read_text(item, item_path);
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
      fail(item, item_path, "unknown track '" + name + "'", suggestion_hint(name, names));
    }
    const Track t = all[static_cast<std::size_t>(it - names.begin())];
    if (std::find(out.begin(), out.end(), t) != out.end()) {
      fail(item, item_path, "track '" + name + "' is listed twice");
    }
    out.push_back(t);
  }
  if (out.size() != all.size()) {
    std::vector<std::string> missing;
    for (Track t : all)
      if (std::find(out.begin(), out.end(), t) == out.end()) missing.emplace_back(track_name(t));
    fail(node, path, "must list every track exactly once; missing: " + join_names(missing),
         "e.g. [fast_track, subsequent, normal]");
  }
  return out;
}

}  // namespace

// ---- shared helpers -----------------------------------------------------------------------------

bool is_name(std::string_view s, bool allow_dot) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || (allow_dot && c == '.');
    if (!ok) return false;
  }
  return true;
}

std::string format_value(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

const Node& empty_map() {
  static const Node node = [] {
    Node n;
    n.kind = NodeKind::map;
    return n;
  }();
  return node;
}

SegmentValues segment_values_or(const MapReader& map, std::string_view key, const SegmentSet& set,
                                const Bounds& bounds, double fallback,
                                const SegmentValueForms& forms) {
  if (const Node* n = map.get(key))
    return expand_segment_values(*n, map.path_of(key), set, bounds, forms);
  return SegmentValues(static_cast<std::size_t>(set.size()), fallback);
}

void check_share_sum(const Node& at, const std::string& path, const SegmentSet& set,
                     const std::vector<ShareTerm>& terms, const std::string& rest) {
  for (int s = 0; s < set.size(); ++s) {
    double sum = 0.0;
    std::string parts, names;
    for (const ShareTerm& t : terms) {
      const double v = (*t.values)[static_cast<std::size_t>(s)];
      sum += v;
      parts += (parts.empty() ? "" : " + ") + format_value(v);
      names += (names.empty() ? "" : " + ") + t.name;
    }
    if (sum > 1.0 + kOutcomeSumTolerance) {
      fail_at_key(at, path,
                  names + " is " + parts + " = " + format_value(sum) + " for segment " +
                      set.label(s) + "; must be <= 1 (" + rest + " is the rest)");
    }
  }
}

int read_pool_name(const Node& node, const std::string& path, const Reception& reception) {
  const std::string name = read_text(node, path);
  std::vector<std::string> names;
  for (const Pool& p : reception.pools) names.push_back(p.name);
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end())
    fail(node, path, "unknown pool '" + name + "'", suggestion_hint(name, names));
  return static_cast<int>(it - names.begin());
}

std::vector<int> read_profile_list(const Node& node, const std::string& path,
                                   const SegmentSet& set) {
  expect_list(node, path);
  std::unordered_map<std::string, int> index;
  for (int p = 0; p < set.profile_count(); ++p)
    index.emplace(set.profiles[static_cast<std::size_t>(p)], p);
  std::vector<int> out;
  std::vector<bool> seen(static_cast<std::size_t>(set.profile_count()), false);
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    const Node& item = node.children[i];
    const std::string item_path = index_path(path, i);
    const std::string name = read_text(item, item_path);
    const auto it = index.find(name);
    if (it == index.end()) {
      fail(item, item_path, "unknown profile '" + name + "'", suggestion_hint(name, set.profiles));
    }
    if (seen[static_cast<std::size_t>(it->second)]) {
      fail(item, item_path, "profile '" + name + "' is listed twice");
    }
    seen[static_cast<std::size_t>(it->second)] = true;
    out.push_back(it->second);
  }
  return out;
}

// ---- registration and Dublin --------------------------------------------------------------------

void read_registration(const Node& node, Scenario& sc) {
  const MapReader r(node, "registration", {"delay"});
  sc.registration.delay = r.duration_or("delay", sc.registration.delay);
}

void read_dublin(const Node& node, Scenario& sc) {
  const MapReader d(node, "dublin", {"share", "transfer_rate", "abscond_rate", "time_limit"});
  Dublin& out = sc.dublin;
  out.share = segment_values_or(d, "share", sc.segments, share(), 0.0);
  out.transfer_rate = d.number_or("transfer_rate", 0.0, rate());
  out.abscond_rate = d.number_or("abscond_rate", 0.0, rate());
  out.time_limit = d.duration_or("time_limit", out.time_limit, true);
}

// ---- CGRS ---------------------------------------------------------------------------------------

void read_cgrs(const Node& node, Scenario& sc) {
  const MapReader c(
      node, "cgrs",
      {"officers", "target_officers", "recruitment_delay", "training", "training_productivity",
       "attrition_per_year", "hiring_freeze", "decisions_per_officer_per_month", "productivity",
       "persons_per_case", "outcomes", "fast_track", "fast_track_deadline", "suspended",
       "track_priority", "subsequent_inadmissible", "withdrawal_rate", "initial_pending"},
      {{"positive_share",
        "replaced by cgrs.outcomes (refugee, subsidiary, inadmissible); e.g. outcomes: {refugee: "
        "0.45}"}});
  const SegmentSet& set = sc.segments;
  Cgrs& out = sc.cgrs;

  // Staff.
  out.officers = c.number("officers", Bounds::at_least(0));
  out.target_officers = c.number_or("target_officers", out.officers, Bounds::at_least(0));
  out.recruitment_delay = c.duration_or("recruitment_delay", out.recruitment_delay);
  out.training = c.duration_or("training", out.training);
  out.training_productivity = c.number_or("training_productivity", 0.0, share());
  out.attrition_per_year = c.number_or("attrition_per_year", 0.0, share());
  out.hiring_freeze = c.number_or("hiring_freeze", 0.0, share());
  out.decisions_per_officer_per_month =
      c.number("decisions_per_officer_per_month", Bounds::at_least(0));
  out.productivity = c.number_or("productivity", 1.0, Bounds::closed(0, 10));

  // Cases and outcomes.
  out.persons_per_case = segment_values_or(c, "persons_per_case", set, Bounds::closed(1, 20), 1.2);
  const Node& outcomes = c.require("outcomes");
  const MapReader o(outcomes, c.path_of("outcomes"), {"refugee", "subsidiary", "inadmissible"});
  out.outcomes.refugee = segment_values_or(o, "refugee", set, share(), 0.0);
  out.outcomes.subsidiary = segment_values_or(o, "subsidiary", set, share(), 0.0);
  out.outcomes.inadmissible = segment_values_or(o, "inadmissible", set, share(), 0.0);
  check_share_sum(outcomes, o.path(), set,
                  {{"refugee", &out.outcomes.refugee},
                   {"subsidiary", &out.outcomes.subsidiary},
                   {"inadmissible", &out.outcomes.inadmissible}},
                  "refusal");

  // Tracks.
  out.fast_track = segment_values_or(c, "fast_track", set, share(), 0.0);
  SegmentValueForms durations;
  durations.kind = SegmentValueKind::duration;
  out.fast_track_deadline_days = segment_values_or(
      c, "fast_track_deadline", set, Bounds::closed(0, kMaxDeadlineDays), 21.0, durations);
  SegmentValueForms origins_or_values;
  origins_or_values.origin_list = true;
  out.suspended = segment_values_or(c, "suspended", set, share(), 0.0, origins_or_values);
  if (const Node* tp = c.get("track_priority"))
    out.track_priority = read_track_priority(*tp, c.path_of("track_priority"));
  out.subsequent_inadmissible = segment_values_or(c, "subsequent_inadmissible", set, share(), 0.8);
  out.withdrawal_rate = segment_values_or(c, "withdrawal_rate", set, rate(), 0.0);

  if (const Node* ip = c.get("initial_pending")) {
    const MapReader p(*ip, c.path_of("initial_pending"), {"persons", "spread"});
    out.initial_pending_persons = p.number_or("persons", 0.0, Bounds::at_least(0));
    out.initial_pending_spread = p.duration_or("spread", out.initial_pending_spread, true);
  }
}

// ---- CALL ---------------------------------------------------------------------------------------

// The CALL's migration litigation: cases lodged per month like applications, plus a stock.
void read_migration_litigation(const Node& node, const std::string& path, const SourceFiles& sources,
                               std::vector<std::string>& files_read, Scenario& sc) {
  sc.call.migration_monthly_cases =
      read_monthly_applications(node, path, sc.time, sources, files_read, {"initial_pending"});
  const MapReader m(node, path,
                    {"per_month", "monthly", "csv", "after_last", "initial_pending"});
  sc.call.migration_initial_pending_cases = m.number_or("initial_pending", 0.0, Bounds::at_least(0));
}

void read_call(const Node& node, const SourceFiles& sources, std::vector<std::string>& files_read,
               Scenario& sc) {
  const MapReader c(node, "call",
                    {"appeal_share", "filing_delay", "judgments_per_month", "outcomes",
                     "initial_pending", "migration_litigation"});
  if (const Node* ml = c.get("migration_litigation"))
    read_migration_litigation(*ml, c.path_of("migration_litigation"), sources, files_read, sc);
  const SegmentSet& set = sc.segments;
  Call& out = sc.call;
  const MapReader a(c.get("appeal_share") ? *c.get("appeal_share") : empty_map(),
                    c.path_of("appeal_share"), {"refusal", "inadmissible"});
  out.appeal_share_refusal = segment_values_or(a, "refusal", set, share(), 0.0);
  out.appeal_share_inadmissible = segment_values_or(a, "inadmissible", set, share(), 0.0);
  out.filing_delay = c.duration_or("filing_delay", out.filing_delay);
  out.judgments_per_month = c.number_or("judgments_per_month", 0.0, Bounds::at_least(0));
  const Node& outcomes = c.get("outcomes") ? *c.get("outcomes") : empty_map();
  const MapReader o(outcomes, c.path_of("outcomes"), {"annul", "refugee", "subsidiary"});
  out.outcomes.annul = segment_values_or(o, "annul", set, share(), 0.0);
  out.outcomes.refugee = segment_values_or(o, "refugee", set, share(), 0.0);
  out.outcomes.subsidiary = segment_values_or(o, "subsidiary", set, share(), 0.0);
  check_share_sum(outcomes, o.path(), set,
                  {{"annul", &out.outcomes.annul},
                   {"refugee", &out.outcomes.refugee},
                   {"subsidiary", &out.outcomes.subsidiary}},
                  "rejection");
  if (const Node* ip = c.get("initial_pending")) {
    const MapReader p(*ip, c.path_of("initial_pending"), {"cases", "spread"});
    out.initial_pending_cases = p.number_or("cases", 0.0, Bounds::at_least(0));
    out.initial_pending_spread = p.duration_or("spread", out.initial_pending_spread, true);
  }
}

// ---- returns ------------------------------------------------------------------------------------

void read_returns(const Node& node, Scenario& sc) {
  const MapReader r(node, "returns",
                    {"voluntary", "forced", "subsequent", "delay", "subsequent_delay"});
  const SegmentSet& set = sc.segments;
  Returns& out = sc.returns;
  out.voluntary = segment_values_or(r, "voluntary", set, share(), 0.0);
  out.forced = segment_values_or(r, "forced", set, share(), 0.0);
  out.subsequent = segment_values_or(r, "subsequent", set, share(), 0.0);
  check_share_sum(
      node, "returns", set,
      {{"voluntary", &out.voluntary}, {"forced", &out.forced}, {"subsequent", &out.subsequent}},
      "irregular stay");
  out.delay = r.duration_or("delay", out.delay);
  out.subsequent_delay = r.duration_or("subsequent_delay", out.subsequent_delay);
}

}  // namespace chainsim::config::build
