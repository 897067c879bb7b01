#include "chainsim/calibration/overlay.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "chainsim/calibration/free_parameters.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/config/load.hpp"
#include "chainsim/config/node.hpp"
#include "chainsim/config/overrides.hpp"
#include "chainsim/config/scenario_builder.hpp"
#include "chainsim/config/yaml_io.hpp"

namespace chainsim::calibration {

namespace fs = std::filesystem;
using config::Node;
using config::NodeKind;

namespace {

const char* const kForms[] = {"by_origin", "by_profile", "by_segment", "default"};

Node scalar(std::string key, std::string text) {
  Node n;
  n.kind = NodeKind::scalar;
  n.key = std::move(key);
  n.text = std::move(text);
  return n;
}

Node map_node(std::string key) {
  Node n;
  n.kind = NodeKind::map;
  n.key = std::move(key);
  return n;
}

// The map child `key` of `parent`, created (or made a map) if needed.
Node& child_map(Node& parent, const std::string& key) {
  if (Node* c = parent.find(key)) {
    if (!c->is_map()) *c = map_node(key);
    return *c;
  }
  parent.children.push_back(map_node(key));
  return parent.children.back();
}

void put(Node& parent, Node value) {
  if (Node* c = parent.find(value.key)) {
    *c = std::move(value);
    return;
  }
  parent.children.push_back(std::move(value));
}

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    out.emplace_back(path.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

// YAML keys of a parameter: the catalogue path split at dots, a pool's name kept whole.
// (fitted path, path whose loader default is computed from it).
constexpr std::array<std::pair<std::string_view, std::string_view>, 1> kLoaderDerivedDefaults{{
    {"cgrs.officers", "cgrs.target_officers"},
}};

std::vector<std::string> yaml_keys(const ParameterSpec& p, const Scenario& scenario) {
  if (p.ref.info->collection == ParamCollection::none) return split(p.path);
  const std::string pattern(p.ref.info->path);
  const std::size_t star = pattern.find('*');
  std::vector<std::string> keys = split(pattern.substr(0, star - 1));
  keys.push_back(scenario.reception.pools[static_cast<std::size_t>(p.ref.item)].name);
  for (const std::string& k : split(pattern.substr(star + 2))) keys.push_back(k);
  return keys;
}

const Node* find_path(const Node& root, const std::vector<std::string>& keys) {
  const Node* n = &root;
  for (const std::string& k : keys) {
    if (!n->is_map()) return nullptr;
    n = n->find(k);
    if (!n) return nullptr;
  }
  return n;
}

// A segment value in the most compact form that holds it exactly.
Node segment_value_node(const std::string& key, const std::vector<double>& v, const SegmentSet& seg,
                        bool days, const Node* base) {
  const auto text = [&](double x) { return exact_number_text(x, days); };
  bool uniform = true, by_origin = true, by_profile = true;
  for (int s = 0; s < seg.size(); ++s) {
    const auto k = static_cast<std::size_t>(s);
    uniform = uniform && v[k] == v[0];
    by_origin = by_origin && v[k] == v[static_cast<std::size_t>(seg.index(seg.origin_of(s), 0))];
    by_profile = by_profile && v[k] == v[static_cast<std::size_t>(seg.index(0, seg.profile_of(s)))];
  }
  if (uniform) return scalar(key, text(v[0]));
  Node out = map_node(key);
  const std::string form = by_origin ? "by_origin" : by_profile ? "by_profile" : "by_segment";
  Node table = map_node(form);
  if (by_origin)
    for (int o = 0; o < seg.origin_count(); ++o)
      table.children.push_back(scalar(seg.origins[static_cast<std::size_t>(o)],
                                      text(v[static_cast<std::size_t>(seg.index(o, 0))])));
  else if (by_profile)
    for (int p = 0; p < seg.profile_count(); ++p)
      table.children.push_back(scalar(seg.profiles[static_cast<std::size_t>(p)],
                                      text(v[static_cast<std::size_t>(seg.index(0, p))])));
  else
    for (int s = 0; s < seg.size(); ++s)
      table.children.push_back(scalar(seg.label(s), text(v[static_cast<std::size_t>(s)])));
  out.children.push_back(std::move(table));
  // The base may have written this key in another form: remove its other forms (a null value
  // removes a key when the overlay is merged), so only ours is left.
  if (base && base->is_map())
    for (const char* f : kForms)
      if (f != form && base->find(f)) {
        Node null;
        null.key = f;
        out.children.push_back(std::move(null));
      }
  return out;
}

// Relative to the output folder when the two share a folder below the root (a results folder in
// the project), absolute otherwise (an output in /tmp).
std::string extends_path(const fs::path& scenario_file, const fs::path& out_dir) {
  const fs::path scenario = fs::weakly_canonical(fs::absolute(scenario_file));
  const fs::path dir = fs::weakly_canonical(fs::absolute(out_dir));
  const auto s = scenario.begin(), d = dir.begin();
  const bool shared = std::distance(s, scenario.end()) > 2 && std::distance(d, dir.end()) > 1 &&
                      *std::next(s) == *std::next(d);
  return shared ? fs::relative(scenario, dir).generic_string() : scenario.generic_string();
}

}  // namespace

std::string exact_number_text(double v, bool days) {
  char buf[128];
  const auto result = days ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                           : std::to_chars(buf, buf + sizeof buf, v);
  std::string out(buf, result.ptr);
  if (days) out += "d";
  return out;
}

std::string calibrated_overlay(const CalibrationSpec& spec, const Scenario& fitted,
                               const fs::path& out_dir, const std::string& header) {
  const Node base =
      config::parse_yaml(spec.scenario.resolved_yaml, config::share_name(spec.scenario_file));
  Node root = map_node("");
  root.children.push_back(scalar("schema", std::to_string(kSchemaVersion)));
  std::string name = spec.scenario.scenario.name + "-calibrated";
  if (name.size() > config::kMaxNameLength) name = spec.scenario.scenario.name;
  root.children.push_back(scalar("name", name));
  Node ext = scalar("extends", extends_path(spec.scenario_file, out_dir));
  ext.quoted = true;
  root.children.push_back(std::move(ext));
  config::apply_set_overrides(root, spec.overrides);

  // A fitted value the loader derives another default from pins that other value too (the
  // hiring target defaults to the officers at the start), so the overlay cannot move it.
  std::vector<ParameterSpec> written = spec.parameters;
  for (const auto& [fitted_path, derived_path] : kLoaderDerivedDefaults) {
    const auto has = [&](std::string_view path) {
      return std::any_of(written.begin(), written.end(),
                         [&](const ParameterSpec& w) { return w.path == path; });
    };
    if (!has(fitted_path) || has(derived_path)) continue;
    ParameterSpec pinned;
    pinned.path = derived_path;
    pinned.ref = resolve_calibration_parameter(derived_path, fitted);
    written.push_back(pinned);
  }
  Scenario values = fitted;  // ParamRef::values takes a mutable scenario
  std::vector<std::string> done;
  for (const ParameterSpec& p : written) {
    if (std::find(done.begin(), done.end(), p.path) != done.end()) continue;
    done.push_back(p.path);
    const std::vector<std::string> keys = yaml_keys(p, fitted);
    Node* parent_node = &root;
    for (std::size_t i = 0; i + 1 < keys.size(); ++i)
      parent_node = &child_map(*parent_node, keys[i]);
    const std::span<double> v = p.ref.values(values);
    const bool days = p.ref.info->unit == "days";
    if (p.ref.info->shape == ParamShape::scalar)
      put(*parent_node, scalar(keys.back(), exact_number_text(v[0], days)));
    else
      put(*parent_node, segment_value_node(keys.back(), std::vector<double>(v.begin(), v.end()),
                                           fitted.segments, days, find_path(base, keys)));
  }
  std::ostringstream out;
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);) out << "# " << line << '\n';
  out << config::emit_yaml(root) << '\n';
  return out.str();
}

std::string first_parameter_difference(const Scenario& a, const Scenario& b) {
  Scenario x = a, y = b;  // ParamInfo::access takes a mutable scenario
  for (const std::string& path : calibration_parameter_paths(a)) {
    const ParamRef ra = resolve_calibration_parameter(path, a),
                   rb = resolve_calibration_parameter(path, b);
    if (!rb.info) return path;
    const std::span<double> va = ra.values(x), vb = rb.values(y);
    if (va.size() != vb.size()) return path;
    for (std::size_t k = 0; k < va.size(); ++k)
      if (std::memcmp(&va[k], &vb[k], sizeof(double)) != 0) return path;
  }
  return {};
}

void check_overlay(const std::string& overlay_text, const fs::path& out_dir,
                   const Scenario& fitted) {
  const config::LoadedScenario loaded = config::load_scenario_text(
      overlay_text, (out_dir / "calibrated.yaml").string(), out_dir.string());
  std::string diff = first_parameter_difference(loaded.scenario, fitted);
  if (loaded.scenario.integration.enabled != fitted.integration.enabled ||
      loaded.scenario.integration.programme.enabled != fitted.integration.programme.enabled)
    diff = "integration (a block switched on or off)";
  if (!diff.empty())
    throw std::runtime_error("calibrated.yaml does not reproduce the fitted value of " + diff);
}

namespace {

double start_value(const CalibrationSpec& spec, const ParameterSpec& p) {
  return p.start ? *p.start : default_start(p, spec.scenario.scenario);
}

// What is wrong with the overlay of `params` at `values` ("" when it is exact, or when the values
// break the outcome-share rule: such a candidate is never fitted, so never written).
std::string overlay_problem(const CalibrationSpec& spec, std::span<const ParameterSpec> params,
                            std::span<const double> values, const fs::path& dir) {
  const Scenario fitted = with_parameters(spec.scenario.scenario, params, values);
  if (share_excess(fitted) > 0) return {};
  CalibrationSpec alone = spec;
  alone.parameters.assign(params.begin(), params.end());
  try {
    check_overlay(calibrated_overlay(alone, fitted, dir, ""), dir, fitted);
  } catch (const config::InputError& e) {
    return "it would not load: " + (e.key_path.empty() ? "" : e.key_path + ": ") + e.message +
           (e.hint.empty() ? "" : " (" + e.hint + ")");
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

struct ParameterProblem {
  std::string key;  // "path" (the value as such), "lower" or "upper" (only that bound fails)
  std::string problem;
};

// The problem of `p` alone at its start value or at either bound: the loader may accept a value
// only in part of the range (age_out_rate: 0 needs no destination pool, a positive rate does;
// a saturation of 0 is inside the catalogue's bounds but refused by the loader).
ParameterProblem parameter_problem(const CalibrationSpec& spec, const ParameterSpec& p,
                                   const fs::path& dir) {
  const auto at = [&](double v) {
    return overlay_problem(spec, std::span(&p, 1), std::span(&v, 1), dir);
  };
  if (std::string problem = at(start_value(spec, p)); !problem.empty()) return {"path", problem};
  const std::string lower = at(p.lower), upper = at(p.upper);
  if (!lower.empty() && !upper.empty()) return {"path", lower};
  if (!lower.empty()) return {"lower", lower};
  if (!upper.empty()) return {"upper", upper};
  return {};
}

}  // namespace

void check_parameters_writable(const CalibrationSpec& spec, const Node& parameters) {
  // Where the overlay is checked does not matter (its `extends` is resolved from there): the
  // spec's folder always exists.
  const fs::path folder = fs::path(spec.file).parent_path();
  const fs::path dir = folder.empty() ? fs::current_path() : fs::absolute(folder);
  std::vector<double> starts;
  for (const ParameterSpec& p : spec.parameters) starts.push_back(start_value(spec, p));
  const std::string joint = overlay_problem(spec, spec.parameters, starts, dir);
  const Node base =
      config::parse_yaml(spec.scenario.resolved_yaml, config::share_name(spec.scenario_file));
  for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
    const ParameterSpec& p = spec.parameters[i];
    ParameterProblem found = parameter_problem(spec, p, dir);
    if (found.problem.empty()) continue;
    std::vector<std::string> section = yaml_keys(p, spec.scenario.scenario);
    section.pop_back();
    std::string section_name;
    for (const std::string& k : section) section_name += (section_name.empty() ? "" : ".") + k;
    // A section the scenario lacks is the cause whichever value failed: the loader may accept
    // the default value (0) without the section's other keys, but no other.
    const bool missing = !section.empty() && !find_path(base, section);
    if (missing) found.key = "path";
    const std::string key = config::index_path("parameters", i) + "." + found.key;
    const Node* at =
        i < parameters.children.size() ? parameters.children[i].find(found.key) : nullptr;
    const std::string hint =
        missing
            ? "the scenario has no " + section_name + " section: add one before fitting " + p.path
        : found.key != "path" ? "move " + found.key + " to a value the scenario loader accepts"
                              : "complete the scenario's " + section_name + " section so that " +
                                    p.path + " loads on its own, then fit it";
    throw config::InputError(at ? at->loc : parameters.loc, at ? key : "parameters",
                             p.path + " cannot be written into calibrated.yaml: " + found.problem,
                             hint);
  }
  if (!joint.empty())
    throw config::InputError(
        parameters.loc, "parameters",
        "these parameters together cannot be written into calibrated.yaml: " + joint);
}

}  // namespace chainsim::calibration
