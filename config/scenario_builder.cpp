#include "chainsim/config/scenario_builder.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "build_sections.hpp"
#include "chainsim/config/applications.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/config/fields.hpp"
#include "chainsim/config/policies.hpp"
#include "chainsim/config/segment_values.hpp"
#include "chainsim/config/suggest.hpp"

namespace chainsim::config {

namespace {

using build::format_value;
using build::is_name;

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
    fail_at_key(node, path, what + " shares must sum to 1, got " + format_value(sum));
  }
  return out;
}

// The shares of origins and profiles as written under `segments` (defaults for planned inflows).
struct SegmentShares {
  std::vector<double> origins, profiles;
};

SegmentShares read_segments(const Node& node, Scenario& sc) {
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
                  "segment shares must sum to 1, got " + format_value(sum));
    }
  } else {
    sc.applications.segment_share.resize(static_cast<std::size_t>(set.size()));
    for (int s = 0; s < set.size(); ++s) {
      sc.applications.segment_share[static_cast<std::size_t>(s)] =
          origins.shares[static_cast<std::size_t>(set.origin_of(s))] *
          profiles.shares[static_cast<std::size_t>(set.profile_of(s))];
    }
  }
  return {origins.shares, profiles.shares};
}

// ---- applications -------------------------------------------------------------------------------

// A planned inflow's split over origins or profiles: a map over some of the scenario's names,
// shares summing to 1; names not listed get 0. Absent: the shares under `segments`.
std::vector<double> read_subset_shares(const MapReader& m, std::string_view key,
                                       const std::vector<std::string>& names,
                                       const std::vector<double>& fallback,
                                       const std::string& what) {
  const Node* node = m.get(key);
  if (!node) return fallback;
  const std::string path = m.path_of(key);
  expect_map(*node, path);
  if (node->children.empty()) fail(*node, path, "needs at least one " + what);
  std::vector<double> out(names.size(), 0.0);
  double sum = 0.0;
  for (const Node& entry : node->children) {
    const std::string entry_path = join_path(path, entry.key);
    const auto it = std::find(names.begin(), names.end(), entry.key);
    if (it == names.end()) {
      fail_at_key(entry, entry_path, "unknown " + what + " '" + entry.key + "' in " + path,
                  suggestion_hint(entry.key, names));
    }
    const double v = read_number(entry, entry_path, Bounds::closed(0, 1));
    out[static_cast<std::size_t>(it - names.begin())] = v;
    sum += v;
  }
  if (std::fabs(sum - 1.0) > kShareSumTolerance) {
    fail_at_key(*node, path, what + " shares must sum to 1, got " + format_value(sum),
                "list only the " + what + "s of this inflow; the others get 0");
  }
  return out;
}

void read_applications(const Node& node, const SegmentShares& shares, const SourceFiles& sources,
                       std::vector<std::string>& files_read, Scenario& sc) {
  const std::string path = "applications";
  sc.applications.monthly_persons = read_monthly_applications(
      node, path, sc.time, sources, files_read, {"subsequent_share", "planned"});
  const MapReader apps(
      node, path, {"per_month", "monthly", "csv", "after_last", "subsequent_share", "planned"});
  sc.applications.subsequent_share = apps.number_or("subsequent_share", 0.0, Bounds::closed(0, 1));
  const Node* planned = apps.get("planned");
  if (!planned) return;
  const std::string planned_path = apps.path_of("planned");
  expect_map(*planned, planned_path);
  const SegmentSet& set = sc.segments;
  for (const Node& entry : planned->children) {
    const std::string entry_path = join_path(planned_path, entry.key);
    if (!is_name(entry.key, false)) {
      fail_at_key(entry, entry_path,
                  "planned inflow names may contain only letters, digits, '_' and '-', got '" +
                      entry.key + "'");
    }
    if (entry.is_null()) continue;  // removed in an overlay
    PlannedInflow inflow;
    inflow.name = entry.key;
    inflow.monthly_persons = read_monthly_applications(entry, entry_path, sc.time, sources,
                                                       files_read, {"origins", "profiles"});
    const MapReader m(entry, entry_path,
                      {"per_month", "monthly", "csv", "after_last", "origins", "profiles"});
    const std::vector<double> o =
        read_subset_shares(m, "origins", set.origins, shares.origins, "origin");
    const std::vector<double> p =
        read_subset_shares(m, "profiles", set.profiles, shares.profiles, "profile");
    inflow.segment_share.resize(static_cast<std::size_t>(set.size()));
    for (int s = 0; s < set.size(); ++s) {
      inflow.segment_share[static_cast<std::size_t>(s)] =
          o[static_cast<std::size_t>(set.origin_of(s))] *
          p[static_cast<std::size_t>(set.profile_of(s))];
    }
    sc.applications.planned.push_back(std::move(inflow));
  }
}

}  // namespace

Scenario build_scenario(const Node& root, const SourceFiles& sources,
                        std::vector<std::string>& files_read) {
  expect_map(root, "");
  check_schema(root);
  const MapReader top(
      root, "",
      {"schema", "name", "description", "time", "segments", "applications", "registration",
       "dublin", "cgrs", "call", "returns", "reception", "integration", "policies"});
  const auto optional = [&](std::string_view key) -> const Node& {
    const Node* n = top.get(key);
    return n ? *n : build::empty_map();
  };
  Scenario sc;
  sc.schema = kSchemaVersion;
  sc.name = read_scenario_name(top);
  sc.description = top.text_or("description", "");
  sc.time = read_time(top.require("time"));
  const SegmentShares shares = read_segments(top.require("segments"), sc);
  read_applications(top.require("applications"), shares, sources, files_read, sc);
  build::read_registration(optional("registration"), sc);
  build::read_dublin(optional("dublin"), sc);
  build::read_cgrs(top.require("cgrs"), sc);
  build::read_call(optional("call"), sources, files_read, sc);
  build::read_returns(optional("returns"), sc);
  build::read_reception(top.require("reception"), sc);
  build::read_integration(optional("integration"), sources, files_read, sc);
  sc.integration.enabled = top.get("integration") != nullptr && sc.integration.enabled;
  // Last: policy paths are resolved against the scenario built so far (pools by name).
  if (const Node* policies = top.get("policies"))
    sc.policies = read_policies(*policies, "policies", sc);
  return sc;
}

}  // namespace chainsim::config
