#include "chainsim/config/scenario_builder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "chainsim/config/applications.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/config/fields.hpp"
#include "chainsim/config/segment_values.hpp"
#include "chainsim/config/suggest.hpp"

namespace chainsim::config {

namespace {

bool is_name_char(char c, bool allow_dot) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || (allow_dot && c == '.');
}

bool is_name(std::string_view s, bool allow_dot) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_name_char(c, allow_dot)) return false;
  return true;
}

std::string format_sum(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

// ---- top level --------------------------------------------------------------------------------

// Checked before anything else: a file for another schema version may use keys this one does
// not know, and the version is the useful message then.
void check_schema(const Node& root) {
  const Node* schema = root.find("schema");
  if (!schema) fail_missing(root, "", "schema");
  if (schema->is_null()) fail(*schema, "schema", "missing value for required key 'schema'");
  const int version = read_integer(*schema, "schema");
  if (version != kSchemaVersion) {
    fail(*schema, "schema",
         "unsupported schema version " + std::to_string(version) + " (this chainsim reads " +
             std::to_string(kSchemaVersion) + ")");
  }
}

std::string read_scenario_name(const MapReader& top) {
  const Node& node = top.require("name");
  const std::string name = read_text(node, "name");
  if (name.size() > kMaxNameLength) {
    fail(node, "name",
         "must be at most " + std::to_string(kMaxNameLength) + " characters, got " +
             std::to_string(name.size()));
  }
  if (!is_name(name, true) || name.find_first_not_of('.') == std::string::npos) {
    fail(node, "name", "may contain only letters, digits, '.', '_' and '-', got '" + name + "'",
         "the name becomes the result file name, e.g. belgium-baseline");
  }
  return name;
}

// ---- time ---------------------------------------------------------------------------------------

int step_rank(StepUnit u) {
  return u == StepUnit::day ? 0 : u == StepUnit::week ? 1 : 2;
}
int report_rank(ReportUnit u) {
  switch (u) {
    case ReportUnit::day:
      return 0;
    case ReportUnit::week:
      return 1;
    case ReportUnit::month:
      return 2;
    case ReportUnit::quarter:
      return 3;
    case ReportUnit::year:
      return 4;
  }
  return 2;
}

TimeSettings read_time(const Node& node) {
  const MapReader t(node, "time", {"start", "end", "step", "report"});
  TimeSettings out;
  out.start = read_date(t.require("start"), "time.start");
  const Node& end_node = t.require("end");
  out.end = read_date(end_node, "time.end");
  if (out.end < out.start) {
    fail(end_node, "time.end",
         "end (" + to_iso(out.end) + ") is before start (" + to_iso(out.start) + ")");
  }
  for (const auto& [date, at, path] : {std::tuple(out.start, &t.require("start"), "time.start"),
                                       std::tuple(out.end, &end_node, "time.end")}) {
    if (date.year() < kFirstYear || date.year() > kLastYear) {
      fail(*at, path,
           "dates must lie in the years " + std::to_string(kFirstYear) + " to " +
               std::to_string(kLastYear) + ", got " + to_iso(date));
    }
  }
  // Compared field by field: adding 200 years to a late date would leave the calendar.
  const auto key = [](Date x, int add_years) {
    return std::tuple(static_cast<int>(x.year()) + add_years, static_cast<int>(x.month()),
                      static_cast<int>(x.day()));
  };
  if (key(out.end, 0) >= key(out.start, kMaxHorizonYears)) {
    fail(end_node, "time.end",
         "the horizon is at most " + std::to_string(kMaxHorizonYears) + " years (start " +
             to_iso(out.start) + ", end " + to_iso(out.end) + ")");
  }
  const Node* step = t.get("step");
  if (step) {
    const std::string s = read_text(*step, "time.step");
    const auto unit = parse_step_unit(s);
    if (!unit) {
      fail(*step, "time.step", "expected day, week or month, got '" + s + "'",
           suggestion_hint(s, {"day", "week", "month"}));
    }
    out.step = *unit;
  }
  const Node* report = t.get("report");
  if (report) {
    const std::string s = read_text(*report, "time.report");
    const auto unit = parse_report_unit(s);
    if (!unit) {
      fail(*report, "time.report", "expected day, week, month, quarter or year, got '" + s + "'",
           suggestion_hint(s, {"day", "week", "month", "quarter", "year"}));
    }
    out.report = *unit;
  }
  if (report_rank(out.report) < step_rank(out.step)) {
    const Node& at = report ? *report : *step;
    fail(at, report ? "time.report" : "time.step",
         "the report period '" + to_string(out.report) + "' is finer than the step '" +
             to_string(out.step) + "'",
         "use report: " + to_string(out.step) + " or coarser, or a shorter step");
  }
  return out;
}

// ---- segments ---------------------------------------------------------------------------------

struct Shares {
  std::vector<std::string> names;
  std::vector<double> shares;
};

Shares read_share_table(const Node& node, const std::string& path, const std::string& what) {
  expect_map(node, path);
  if (node.children.empty()) fail(node, path, "needs at least one " + what);
  Shares out;
  double sum = 0.0;
  for (const Node& entry : node.children) {
    const std::string entry_path = join_path(path, entry.key);
    if (!is_name(entry.key, false)) {
      fail_at_key(
          entry, entry_path,
          what + " names may contain only letters, digits, '_' and '-', got '" + entry.key + "'");
    }
    const double share = read_number(entry, entry_path, Bounds::left_open(0, 1));
    out.names.push_back(entry.key);
    out.shares.push_back(share);
    sum += share;
  }
  if (std::fabs(sum - 1.0) > kShareSumTolerance) {
    fail_at_key(node, path, what + " shares must sum to 1, got " + format_sum(sum));
  }
  return out;
}

void read_segments(const Node& node, Scenario& sc) {
  const MapReader seg(node, "segments", {"origins", "profiles", "shares"});
  const Shares origins = read_share_table(seg.require("origins"), "segments.origins", "origin");
  const Shares profiles = read_share_table(seg.require("profiles"), "segments.profiles", "profile");
  sc.segments.origins = origins.names;
  sc.segments.profiles = profiles.names;
  const SegmentSet& set = sc.segments;

  if (const Node* shares = seg.get("shares")) {
    SegmentValueForms forms;
    forms.number = forms.by_origin = forms.by_profile = forms.with_default = false;
    sc.applications.segment_share =
        expand_segment_values(*shares, "segments.shares", set, Bounds::closed(0, 1), forms);
    double sum = 0.0;
    for (double v : sc.applications.segment_share) sum += v;
    if (std::fabs(sum - 1.0) > kShareSumTolerance) {
      const Node* table = shares->find("by_segment");
      fail_at_key(*table, "segments.shares.by_segment",
                  "segment shares must sum to 1, got " + format_sum(sum));
    }
  } else {
    sc.applications.segment_share.resize(static_cast<std::size_t>(set.size()));
    for (int s = 0; s < set.size(); ++s) {
      sc.applications.segment_share[static_cast<std::size_t>(s)] =
          origins.shares[static_cast<std::size_t>(set.origin_of(s))] *
          profiles.shares[static_cast<std::size_t>(set.profile_of(s))];
    }
  }
}

// ---- CGRS ---------------------------------------------------------------------------------------

void read_cgrs(const Node& node, Scenario& sc) {
  const MapReader c(node, "cgrs",
                    {"officers", "decisions_per_officer_per_month", "persons_per_case",
                     "positive_share", "initial_pending"});
  const SegmentSet& set = sc.segments;
  Cgrs& out = sc.cgrs;
  out.officers = c.number("officers", Bounds::at_least(0));
  out.decisions_per_officer_per_month =
      c.number("decisions_per_officer_per_month", Bounds::at_least(0));
  if (const Node* ppc = c.get("persons_per_case")) {
    out.persons_per_case =
        expand_segment_values(*ppc, c.path_of("persons_per_case"), set, Bounds::closed(1, 20));
  } else {
    out.persons_per_case.assign(static_cast<std::size_t>(set.size()), 1.2);
  }
  out.positive_share = expand_segment_values(
      c.require("positive_share"), c.path_of("positive_share"), set, Bounds::closed(0, 1));
  if (const Node* ip = c.get("initial_pending")) {
    const MapReader p(*ip, c.path_of("initial_pending"), {"persons", "spread"});
    out.initial_pending_persons = p.number_or("persons", 0.0, Bounds::at_least(0));
    out.initial_pending_spread = p.duration_or("spread", out.initial_pending_spread, true);
  }
}

// ---- reception ----------------------------------------------------------------------------------

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

void read_reception(const Node& node, Scenario& sc) {
  const MapReader r(node, "reception",
                    {"saturation", "pools", "ask_share", "priority", "waiting_list",
                     "exit_after_negative", "exit_after_positive", "initial"});
  const SegmentSet& set = sc.segments;
  Reception& out = sc.reception;
  out.saturation = r.number_or("saturation", out.saturation, Bounds::left_open(0, 1));

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
    const MapReader p(pool, pool_path, {"capacity", "cost_per_place_day"});
    Pool typed;
    typed.name = pool.key;
    typed.capacity = p.number("capacity", Bounds::at_least(0));
    typed.cost_per_place_day = p.number_or("cost_per_place_day", 0.0, Bounds::at_least(0));
    out.pools.push_back(std::move(typed));
  }

  if (const Node* ask = r.get("ask_share")) {
    out.ask_share = expand_segment_values(*ask, r.path_of("ask_share"), set, Bounds::closed(0, 1));
  } else {
    out.ask_share.assign(static_cast<std::size_t>(set.size()), 1.0);
  }

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

  out.profile_waits.assign(static_cast<std::size_t>(set.profile_count()), false);
  if (const Node* wl = r.get("waiting_list")) {
    for (int p : read_profile_list(*wl, r.path_of("waiting_list"), set))
      out.profile_waits[static_cast<std::size_t>(p)] = true;
  }

  out.exit_after_negative = r.duration_or("exit_after_negative", out.exit_after_negative);
  out.exit_after_positive = r.duration_or("exit_after_positive", out.exit_after_positive);

  if (const Node* initial = r.get("initial")) {
    const MapReader i(*initial, r.path_of("initial"), {"accommodated", "waiting"});
    out.initial_accommodated = i.number_or("accommodated", 0.0, Bounds::at_least(0));
    out.initial_waiting = i.number_or("waiting", 0.0, Bounds::at_least(0));
  }
}

}  // namespace

Scenario build_scenario(const Node& root, const SourceFiles& sources,
                        std::vector<std::string>& files_read) {
  expect_map(root, "");
  check_schema(root);
  const MapReader top(
      root, "",
      {"schema", "name", "description", "time", "segments", "applications", "cgrs", "reception"});
  Scenario sc;
  sc.schema = kSchemaVersion;
  sc.name = read_scenario_name(top);
  sc.description = top.text_or("description", "");
  sc.time = read_time(top.require("time"));
  read_segments(top.require("segments"), sc);
  sc.applications.monthly_persons = read_monthly_applications(
      top.require("applications"), "applications", sc.time, sources, files_read);
  read_cgrs(top.require("cgrs"), sc);
  read_reception(top.require("reception"), sc);
  return sc;
}

}  // namespace chainsim::config
