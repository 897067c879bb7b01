#include "chainsim/config/policies.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "build_sections.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/config/fields.hpp"
#include "chainsim/config/overrides.hpp"
#include "chainsim/config/scenario_builder.hpp"
#include "chainsim/config/segment_values.hpp"
#include "chainsim/config/suggest.hpp"
#include "chainsim/model/parameters.hpp"

namespace chainsim::config {

namespace {

using build::format_value;

constexpr double kUnbounded = 1e299;  // catalogue bounds at or beyond this mean "none"
constexpr double kBoundTolerance = 1e-9;

// Segment parameters that also accept a list of names: exactly those = 1, all others 0.
struct ListParam {
  std::string_view path;
  bool origins;  // origin names (else profile names)
};
constexpr ListParam kListParams[] = {
    {"cgrs.suspended", true}, {"reception.excluded", true}, {"reception.waiting_list", false}};

// Groups of shares that split one flow; a policy must keep their per-segment sum <= 1.
struct ShareGroup {
  std::vector<std::string_view> paths;
  std::string_view rest;
};
const std::vector<ShareGroup>& share_groups() {
  static const std::vector<ShareGroup> groups = {
      {{"cgrs.outcomes.refugee", "cgrs.outcomes.subsidiary", "cgrs.outcomes.inadmissible"},
       "refusal"},
      {{"call.outcomes.annul", "call.outcomes.refugee", "call.outcomes.subsidiary"}, "rejection"},
      {{"returns.voluntary", "returns.forced", "returns.subsequent"}, "irregular stay"},
  };
  return groups;
}

Bounds catalog_bounds(const ParamInfo& info) {
  Bounds b;
  if (info.lo > -kUnbounded) b.lo = info.lo;
  if (info.hi < kUnbounded) b.hi = info.hi;
  return b;
}

std::string describe_bounds(const ParamInfo& info) {
  std::string out = catalog_bounds(info).describe();
  if (info.unit != "1") {
    out += ' ';
    out.append(info.unit.data(), info.unit.size());
  }
  return out;
}

const char* op_name(ChangeOp op) {
  switch (op) {
    case ChangeOp::set:
      return "set";
    case ChangeOp::add:
      return "add";
    case ChangeOp::scale:
      return "scale";
  }
  return "?";
}

std::string unknown_path_hint(const std::string& path, const Node& value,
                              const std::string& section_path, const Scenario& sc) {
  if (path == "cgrs.officers") {
    return "cgrs.officers is the headcount at the start; change cgrs.target_officers to hire "
           "(with recruitment and training delays)";
  }
  if (resolve_calibration_parameter(path, sc).info != nullptr)
    return path + " is a stock at time.start, which a policy cannot change: set it in the scenario, "
                  "or fit it with chainsim calibrate";
  const std::string pools = "reception.pools.";
  if (path.starts_with(pools)) {
    const std::string rest = path.substr(pools.size());
    const std::size_t dot = rest.find('.');
    if (dot != std::string::npos) {
      const std::string name = rest.substr(0, dot);
      const std::string field = rest.substr(dot + 1);
      if (field == "changes") {
        return "dated openings and closures are written under reception.pools." + name +
               ".changes (decided, lead_time, places), not in a policy";
      }
      std::vector<std::string> names;
      for (const Pool& p : sc.reception.pools) names.push_back(p.name);
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        const std::string close = closest_match(name, names);
        return "there is no pool '" + name + "'" +
               (close.empty() ? " (pools: " + join_names(names) + ")"
                              : "; did you mean '" + close + "'?") +
               "; a reform that opens a new pool declares it under reception.pools (capacity 0 "
               "and dated changes)";
      }
    }
  }
  const std::vector<std::string> paths = parameter_paths(sc);
  if (value.is_map()) {
    for (const std::string& p : paths) {
      if (!p.starts_with(path + ".")) continue;
      if (value.loc.file_name() == kSetFile) {
        return "--set splits its path at every dot; give the whole map instead, e.g. --set '" +
               section_path + "={" + p + ": VALUE}'";
      }
      return "write the full dotted path as the key, e.g. '" + p + ": ...'";
    }
  }
  const std::string close = closest_match(path, paths);
  if (!close.empty()) return "did you mean '" + close + "'?";
  return "the paths a policy may change are listed in docs/scenario-reference.md (policy paths)";
}

const ListParam* list_param(std::string_view path) {
  for (const ListParam& l : kListParams)
    if (l.path == path) return &l;
  return nullptr;
}

ParameterChange read_change(const Node& entry, const std::string& entry_path, ChangeOp op,
                            const ParamRef& ref, const Scenario& sc) {
  const ParamInfo& info = *ref.info;
  const Bounds bounds = op == ChangeOp::set   ? catalog_bounds(info)
                        : op == ChangeOp::add ? Bounds{}
                                              : Bounds::at_least(0);
  const bool durations = info.unit == "days" && op != ChangeOp::scale;
  ParameterChange out;
  out.path = entry.key;
  out.op = op;
  if (info.shape == ParamShape::scalar) {
    if (!entry.is_scalar()) {
      fail(entry, entry_path,
           std::string("expected ") + (durations ? "a duration" : "a number") + " for " +
               entry.key + " (" + std::string(info.unit) + "), got " + describe(entry),
           op == ChangeOp::scale ? "scale multiplies: e.g. 1.2" : "");
    }
    out.value = {durations ? read_days(entry, entry_path, bounds, op == ChangeOp::add)
                           : read_number(entry, entry_path, bounds)};
    out.applies = {1};
    return out;
  }
  SegmentValueForms forms;
  forms.partial = true;
  forms.kind = durations ? SegmentValueKind::duration : SegmentValueKind::number;
  if (const ListParam* l = list_param(info.path)) {
    if (op != ChangeOp::set && entry.is_sequence()) {
      fail(entry, entry_path,
           std::string("a list of ") + (l->origins ? "origin" : "profile") +
               " names means 'exactly these'; it is accepted under set, not under " + op_name(op),
           "write set: {" + entry.key + ": [...]}");
    }
    forms.origin_list = l->origins;
    forms.profile_list = !l->origins;
  }
  PartialSegmentValues pv =
      expand_partial_segment_values(entry, entry_path, sc.segments, bounds, forms);
  if (std::none_of(pv.given.begin(), pv.given.end(), [](char g) { return g != 0; })) {
    fail(entry, entry_path, "changes no segment", "list at least one origin, profile or segment");
  }
  for (std::size_t s = 0; s < pv.values.size(); ++s)
    if (!pv.given[s]) pv.values[s] = op == ChangeOp::scale ? 1.0 : 0.0;
  out.value = std::move(pv.values);
  out.applies = std::move(pv.given);
  return out;
}

// One change as read, with where it was written (for the effect check).
struct WrittenChange {
  const Node* node;
  std::string path;
};

// The policy alone, at full effect, on top of the scenario's values: every touched parameter
// must stay within its catalogue bounds and split shares must not exceed 1.
void check_effect(const Policy& policy, const std::vector<WrittenChange>& written,
                  const Scenario& base) {
  Scenario copy = base;
  std::vector<std::vector<double>> before;  // each change's parameter in the scenario
  for (const ParameterChange& c : policy.changes) {
    const std::span<double> v = resolve_parameter(c.path, copy).values(copy);
    before.emplace_back(v.begin(), v.end());
  }
  for (const ParameterChange& c : policy.changes) {
    const std::span<double> v = resolve_parameter(c.path, copy).values(copy);
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!c.applies[i]) continue;
      switch (c.op) {
        case ChangeOp::set:
          v[i] = c.value[i];
          break;
        case ChangeOp::add:
          v[i] += c.value[i];
          break;
        case ChangeOp::scale:
          v[i] *= c.value[i];
          break;
      }
    }
  }
  const std::string from = to_iso(policy.from);
  const auto label = [&](const ParamRef& ref, std::size_t i) {
    return ref.info->shape == ParamShape::segment
               ? " for segment " + base.segments.label(static_cast<int>(i))
               : std::string();
  };
  for (std::size_t k = 0; k < policy.changes.size(); ++k) {
    const ParameterChange& c = policy.changes[k];
    const ParamRef ref = resolve_parameter(c.path, copy);
    const std::span<double> v = ref.values(copy);
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!c.applies[i]) continue;
      const ParamInfo& info = *ref.info;
      if (v[i] < info.lo - kBoundTolerance || v[i] > info.hi + kBoundTolerance) {
        fail(*written[k].node, written[k].path,
             "from " + from + " this policy makes " + c.path + " " + format_value(v[i]) +
                 label(ref, i) + ", outside its bounds (" + describe_bounds(info) + ")",
             std::string(op_name(c.op)) + " applies to the scenario's value " +
                 format_value(before[k][i]));
      }
    }
  }
  for (const ShareGroup& g : share_groups()) {
    std::size_t first = policy.changes.size();
    for (std::size_t k = 0; k < policy.changes.size() && first == policy.changes.size(); ++k)
      if (std::find(g.paths.begin(), g.paths.end(), policy.changes[k].path) != g.paths.end())
        first = k;
    if (first == policy.changes.size()) continue;
    for (int s = 0; s < copy.segments.size(); ++s) {
      double sum = 0.0;
      std::string names;
      for (std::string_view p : g.paths) {
        sum += resolve_parameter(p, copy).values(copy)[static_cast<std::size_t>(s)];
        names += (names.empty() ? "" : " + ") + std::string(p.substr(p.rfind('.') + 1));
      }
      if (sum > 1.0 + build::kOutcomeSumTolerance) {
        fail(*written[first].node, written[first].path,
             "from " + from + " this policy makes " + names + " = " + format_value(sum) +
                 " for segment " + copy.segments.label(s) + "; must be <= 1 (" +
                 std::string(g.rest) + " is the rest)");
      }
    }
  }
}

Policy read_policy(const Node& node, const std::string& path, const Node* name_key,
                   std::string name, const Scenario& sc) {
  const bool map_form = name_key != nullptr;
  std::vector<std::string> keys = {"from", "to", "ramp", "set", "add", "scale"};
  if (!map_form) keys.insert(keys.begin(), "name");
  const MapReader m(node, path, keys,
                    {{"name",
                      "in the map form the key is the policy's name: policies: {NAME: "
                      "{from: ..., set: {...}}}"}});
  Policy out;
  if (map_form) {
    out.name = std::move(name);
  } else {
    const Node& n = m.require("name");
    out.name = read_text(n, m.path_of("name"));
    name_key = &n;
  }
  if (!build::is_name(out.name, true) || out.name.size() > kMaxNameLength) {
    const std::string message =
        "policy names may contain only letters, digits, '.', '_' and '-' "
        "(at most " +
        std::to_string(kMaxNameLength) + " characters), got '" + out.name + "'";
    if (map_form) fail_at_key(*name_key, path, message);
    fail(*name_key, m.path_of("name"), message);
  }
  out.from = read_date(m.require("from"), m.path_of("from"));
  if (const Node* to = m.get("to")) {
    const Date d = read_date(*to, m.path_of("to"));
    if (!(d > out.from)) {
      fail(*to, m.path_of("to"),
           "to (" + to_iso(d) + ") must be after from (" + to_iso(out.from) + ")",
           "`to` is the first day without the policy");
    }
    out.to = d;
  }
  out.ramp = m.duration_or("ramp", out.ramp);

  std::vector<WrittenChange> written;
  for (const Node& section : node.children) {
    ChangeOp op;
    if (section.key == "set")
      op = ChangeOp::set;
    else if (section.key == "add")
      op = ChangeOp::add;
    else if (section.key == "scale")
      op = ChangeOp::scale;
    else
      continue;
    if (section.is_null()) continue;
    const std::string section_path = m.path_of(section.key);
    expect_map(section, section_path);
    for (const Node& entry : section.children) {
      const std::string entry_path = join_path(section_path, entry.key);
      const ParamRef ref = resolve_parameter(entry.key, sc);
      if (ref.info == nullptr) {
        fail_at_key(entry, entry_path, "unknown parameter '" + entry.key + "'",
                    unknown_path_hint(entry.key, entry, section_path, sc));
      }
      if (entry.is_null()) fail(entry, entry_path, "missing value for " + entry.key);
      out.changes.push_back(read_change(entry, entry_path, op, ref, sc));
      written.push_back({&entry, entry_path});
    }
  }
  if (out.changes.empty()) {
    fail_at_key(node, path, "policy '" + out.name + "' changes nothing",
                "give at least one change under set, add or scale, e.g. add: "
                "{cgrs.target_officers: 59}");
  }
  check_effect(out, written, sc);
  return out;
}

}  // namespace

std::vector<Policy> read_policies(const Node& node, const std::string& path,
                                  const Scenario& scenario) {
  std::vector<Policy> out;
  if (node.is_map()) {
    for (const Node& entry : node.children) {
      if (entry.is_null()) continue;  // `name: ~` in an overlay removed it
      out.push_back(read_policy(entry, join_path(path, entry.key), &entry, entry.key, scenario));
    }
    return out;
  }
  if (!node.is_sequence()) {
    fail(node, path, "expected a map of policies by name (or a list), got " + describe(node),
         "e.g. policies: {hire-59: {from: 2025-03-01, add: {cgrs.target_officers: 59}}}");
  }
  std::map<std::string, const Node*> seen;
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    const std::string item_path = index_path(path, i);
    Policy p = read_policy(node.children[i], item_path, nullptr, {}, scenario);
    const Node* name_node = node.children[i].find("name");
    if (const auto it = seen.find(p.name); it != seen.end()) {
      fail(*name_node, join_path(item_path, "name"),
           "policy name '" + p.name + "' is used twice (also on line " +
               std::to_string(it->second->loc.line) + ")");
    }
    seen.emplace(p.name, name_node);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace chainsim::config
