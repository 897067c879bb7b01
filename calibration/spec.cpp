#include "chainsim/calibration/spec.hpp"

#include <fmt/format.h>
#include <nlopt.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "chainsim/calibration/aggregation.hpp"
#include "chainsim/calibration/overlay.hpp"
#include "chainsim/config/applications.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/config/fields.hpp"
#include "chainsim/config/overrides.hpp"
#include "chainsim/config/source_text.hpp"
#include "chainsim/config/suggest.hpp"
#include "chainsim/config/yaml_io.hpp"
#include "chainsim/model/series_catalog.hpp"
#include "chainsim/model/simulation.hpp"

namespace chainsim::calibration {

namespace fs = std::filesystem;
using config::Bounds;
using config::fail;
using config::fail_at_key;
using config::InputError;
using config::MapReader;
using config::Node;

namespace {

// Every key of the spec, by map ("" = the top level); docs/calibration.md lists each one.
const std::map<std::string, std::vector<std::string>> kKeys = {
    {"",
     {"description", "scenario", "overrides", "period", "objective", "parameters", "targets",
      "optimizer", "backtest"}},
    {"period", {"from", "to"}},
    {"parameters", {"path", "origin", "profile", "mode", "lower", "upper", "start", "prior"}},
    {"prior", {"normal", "lognormal"}},
    {"prior.normal", {"mean", "sd"}},
    {"prior.lognormal", {"median", "sd_log"}},
    {"targets", {"name", "observed", "model", "convert", "weight", "scale", "dispersion"}},
    {"observed", {"file", "series"}},
    {"convert", {"factor", "unit"}},
    {"optimizer", {"global", "local", "starts", "max_evaluations", "tolerance"}},
    {"backtest", {"fit_to", "project_to", "origins"}},
};

const std::vector<std::string>& keys(const std::string& map) {
  return kKeys.at(map);
}

// 0/1 switches of the catalogue: structure, not something to fit.
const std::set<std::string> kSwitches = {"cgrs.suspended", "reception.excluded",
                                         "reception.waiting_list"};

std::string format_value(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string describe_bounds(const ParamInfo& info) {
  const std::string hi = info.hi >= 1e299 ? "inf" : format_value(info.hi);
  return fmt::format("[{}, {}] {}", format_value(info.lo), hi, info.unit);
}

int read_month(const Node& node, const std::string& path) {
  const std::string text = config::read_text(node, path);
  const int m = config::parse_year_month(text);
  if (m < 0) fail(node, path, "expected a month YYYY-MM, got '" + text + "'");
  return m;
}

Node parse_spec_file(const std::string& path) {
  const std::optional<std::string> bytes = config::read_file_bytes(path, path);
  if (!bytes) {
    std::error_code ec;
    throw InputError(path, 0, 0, "",
                     fs::exists(path, ec) ? "cannot read the calibration spec"
                                          : "cannot open the calibration spec: no such file");
  }
  config::check_source_text(*bytes, path);
  Node root = config::parse_yaml(*bytes, config::share_name(path));
  if (root.is_null()) throw InputError(path, 0, 0, "", "the calibration spec is empty");
  return root;
}

config::LoadedScenario load_base(const MapReader& top, const fs::path& spec_dir,
                                 std::string& scenario_file, std::vector<std::string>& overrides) {
  const Node& scen = top.require("scenario");
  const std::string rel = config::read_text(scen, "scenario");
  scenario_file = (spec_dir / rel).lexically_normal().string();
  if (const Node* o = top.get("overrides")) overrides = config::read_text_list(*o, "overrides");
  std::error_code ec;
  if (!fs::is_regular_file(scenario_file, ec)) {
    fail(scen, "scenario",
         "cannot open the scenario '" + rel + "' (resolved to " + scenario_file + ")",
         "the path is relative to the spec file");
  }
  try {
    return config::load_scenario(scenario_file, overrides);
  } catch (const InputError& e) {
    // An override's error is about the spec's own text: point there.
    if (e.file != config::kSetFile) throw;
    const Node* o = top.get("overrides");
    fail(*o, e.key_path.empty() ? "overrides" : "overrides." + e.key_path, e.message, e.hint);
  }
}

// Segments selected by `origin:` / `profile:` (a name or a list of names each).
std::vector<int> read_selection(const MapReader& map, const Scenario& scenario, bool segmented) {
  const SegmentSet& seg = scenario.segments;
  std::vector<bool> origin_ok(seg.origins.size(), true), profile_ok(seg.profiles.size(), true);
  const auto pick = [&](const char* key, const std::vector<std::string>& names,
                        std::vector<bool>& ok) {
    const Node* n = map.get(key);
    if (!n) return;
    if (!segmented)
      fail_at_key(*n, map.path_of(key),
                  "'" + std::string(key) + "' selects segments, but this parameter is a scalar");
    const std::vector<std::string> chosen =
        n->is_sequence() ? config::read_text_list(*n, map.path_of(key))
                         : std::vector<std::string>{config::read_text(*n, map.path_of(key))};
    std::fill(ok.begin(), ok.end(), false);
    for (const std::string& c : chosen) {
      const auto it = std::find(names.begin(), names.end(), c);
      if (it == names.end())
        fail(*n, map.path_of(key), "unknown " + std::string(key) + " '" + c + "'",
             config::suggestion_hint(c, names));
      ok[static_cast<std::size_t>(it - names.begin())] = true;
    }
  };
  pick("origin", seg.origins, origin_ok);
  pick("profile", seg.profiles, profile_ok);
  if (!segmented) return {0};
  std::vector<int> out;
  for (int s = 0; s < seg.size(); ++s)
    if (origin_ok[seg.origin_of(s)] && profile_ok[seg.profile_of(s)]) out.push_back(s);
  return out;
}

Prior read_prior(const Node& node, const std::string& path) {
  const MapReader map(node, path, keys("prior"));
  const Node* normal = map.get("normal");
  const Node* lognormal = map.get("lognormal");
  if ((normal != nullptr) == (lognormal != nullptr))
    fail(node, path, "give exactly one of normal or lognormal",
         "e.g. prior: {normal: {mean: 8, sd: 1}} or {lognormal: {median: 8, sd_log: 0.2}}");
  Prior p;
  if (normal) {
    const MapReader m(*normal, map.path_of("normal"), keys("prior.normal"));
    p.kind = PriorKind::normal;
    p.centre = m.number("mean", {});
    p.spread = m.number("sd", Bounds::above(0));
  } else {
    const MapReader m(*lognormal, map.path_of("lognormal"), keys("prior.lognormal"));
    p.kind = PriorKind::lognormal;
    p.centre = m.number("median", Bounds::above(0));
    p.spread = m.number("sd_log", Bounds::above(0));
  }
  return p;
}

// A bound, start or value: a duration with a unit when the parameter is in days and set.
double read_param_value(const MapReader& map, const char* key, bool days) {
  const Node& n = map.require(key);
  return days ? config::read_days(n, map.path_of(key), {})
              : config::read_number(n, map.path_of(key));
}

ParameterSpec read_parameter(const Node& node, const std::string& path, Scenario& scenario) {
  const MapReader map(node, path, keys("parameters"));
  ParameterSpec p;
  const Node& path_node = map.require("path");
  p.path = config::read_text(path_node, map.path_of("path"));
  p.ref = resolve_calibration_parameter(p.path, scenario);
  if (!p.ref.info)
    fail(path_node, map.path_of("path"), "unknown parameter path '" + p.path + "'",
         config::suggestion_hint(p.path, calibration_parameter_paths(scenario)));
  if (kSwitches.contains(p.path))
    fail(path_node, map.path_of("path"), p.path + " is a 0/1 switch, not a parameter to fit");
  // Writing such a value into calibrated.yaml would switch the block on (a section present means
  // enabled), so the overlay would not be the fitted scenario.
  if (p.path.starts_with("integration.") && !scenario.integration.enabled)
    fail(path_node, map.path_of("path"),
         p.path + " belongs to the integration block, which is off in this scenario",
         "add an `integration:` section to the scenario first");
  if (p.path.starts_with("integration.programme.") && !scenario.integration.programme.enabled)
    fail(path_node, map.path_of("path"),
         p.path + " belongs to the civic-integration programme, which is off in this scenario",
         "add `integration: {programme: {...}}` to the scenario first");
  const ParamInfo& info = *p.ref.info;
  const bool segmented = info.shape == ParamShape::segment;
  p.segments = read_selection(map, scenario, segmented);
  if (p.segments.empty()) fail(node, path, "the origin and profile given select no segment");
  p.label = p.path;
  for (const char* key : {"origin", "profile"})
    if (const Node* n = map.get(key)) {
      std::string v =
          n->is_sequence() ? config::join_names(config::read_text_list(*n, ""), "+") : n->text;
      p.label += fmt::format("[{}={}]", key, v);
    }

  const std::string mode = map.text_or("mode", "set");
  if (mode == "set")
    p.mode = ParamMode::set;
  else if (mode == "scale")
    p.mode = ParamMode::scale;
  else
    fail(*map.get("mode"), map.path_of("mode"), "unknown mode '" + mode + "'",
         config::suggestion_hint(mode, {"set", "scale"}));

  const bool days = p.mode == ParamMode::set && info.unit == "days";
  p.lower = read_param_value(map, "lower", days);
  p.upper = read_param_value(map, "upper", days);
  if (!(p.lower < p.upper))
    fail(map.require("upper"), map.path_of("upper"),
         "must be greater than lower (" + format_value(p.lower) + ")");
  const std::span<double> base = p.ref.values(scenario);
  for (const char* key : {"lower", "upper"}) {
    const double bound = std::string(key) == "lower" ? p.lower : p.upper;
    const Node& at = map.require(key);
    if (p.mode == ParamMode::set) {
      if (bound < info.lo || bound > info.hi)
        fail(at, map.path_of(key),
             "outside the bounds of " + p.path + ": " + describe_bounds(info));
      continue;
    }
    if (bound < 0) fail(at, map.path_of(key), "a scale factor must be >= 0");
    for (int s : p.segments) {
      const double v = base[static_cast<std::size_t>(s)] * bound;
      if (v < info.lo || v > info.hi)
        fail(at, map.path_of(key),
             "scaling " + p.path + " by " + format_value(bound) + " gives " + format_value(v) +
                 ", outside its bounds " + describe_bounds(info));
    }
  }
  if (map.get("start")) {
    p.start = read_param_value(map, "start", days);
    if (*p.start < p.lower || *p.start > p.upper)
      fail(map.require("start"), map.path_of("start"),
           "must lie between lower and upper (" + format_value(p.lower) + " .. " +
               format_value(p.upper) + ")");
  }
  if (const Node* pr = map.get("prior")) p.prior = read_prior(*pr, map.path_of("prior"));
  return p;
}

void check_overlaps(const std::vector<ParameterSpec>& params, const Node& list) {
  std::map<std::pair<std::string, int>, std::size_t> owner;
  for (std::size_t i = 0; i < params.size(); ++i)
    for (int s : params[i].segments) {
      const auto [it, fresh] = owner.emplace(std::make_pair(params[i].path, s), i);
      if (!fresh)
        fail(list.children[i], config::index_path("parameters", i),
             params[i].label + " changes values that parameters[" + std::to_string(it->second) +
                 "] (" + params[it->second].label + ") already changes");
    }
}

UnitConversion read_conversion(const Node& node, const std::string& path) {
  UnitConversion c;
  if (node.is_scalar()) {
    const std::string t = config::read_text(node, path);
    const std::vector<std::string> names = {"cases_to_persons", "persons_to_cases",
                                            "share_to_percent"};
    if (t == names[0])
      c.kind = ConversionKind::cases_to_persons;
    else if (t == names[1])
      c.kind = ConversionKind::persons_to_cases;
    else if (t == names[2])
      c.kind = ConversionKind::share_to_percent;
    else
      fail(node, path, "unknown conversion '" + t + "'",
           config::suggestion_hint(t, names) + " (or {factor: NUMBER, unit: UNIT})");
    return c;
  }
  const MapReader map(node, path, keys("convert"));
  c.kind = ConversionKind::factor;
  c.factor = map.number("factor", Bounds::above(0));
  c.unit = map.text_or("unit", "");
  return c;
}

const SeriesSpec* find_series(const std::string& name) {
  for (const SeriesSpec& s : series_catalog())
    if (s.name == name) return &s;
  return nullptr;
}

std::vector<std::string> series_names() {
  std::vector<std::string> out;
  for (const SeriesSpec& s : series_catalog()) out.push_back(s.name);
  return out;
}

// The observed series named in `observed: {file, series}`.
ObservedSeries read_observed_target(const MapReader& target, const fs::path& spec_dir,
                                    std::string& file_shown) {
  const Node& obs = target.require("observed");
  const MapReader map(obs, target.path_of("observed"), keys("observed"));
  const Node& file_node = map.require("file");
  file_shown = config::read_text(file_node, map.path_of("file"));
  const fs::path file = spec_dir / file_shown;
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    fail(file_node, map.path_of("file"),
         "cannot open '" + file_shown + "' (resolved to " + file.lexically_normal().string() + ")",
         "the path is relative to the spec file");
  ReadOptions options;
  options.allow_unit_breaks = true;  // refused below only when the series itself switches unit
  options.skip_labels = true;
  std::map<std::string, ObservedSeries> all =
      read_observed(file.lexically_normal().string(), options);
  const Node& series_node = map.require("series");
  const std::string name = config::read_text(series_node, map.path_of("series"));
  const auto it = all.find(name);
  if (it == all.end()) {
    std::vector<std::string> names;
    for (const auto& [n, s] : all) names.push_back(n);
    fail(series_node, map.path_of("series"), "no series '" + name + "' in " + file_shown,
         config::suggestion_hint(name, names));
  }
  if (it->second.unit == "mixed")
    fail(series_node, map.path_of("series"),
         "the series '" + name + "' switches unit between observations",
         "use a series with one unit");
  return it->second;
}

const Node& obs_node(const MapReader& map) {
  return map.require("observed");
}

TargetSpec read_target(const Node& node, const std::string& path, const fs::path& spec_dir,
                       ObjectiveKind objective) {
  const MapReader map(node, path, keys("targets"));
  TargetSpec t;
  const ObservedSeries observed = read_observed_target(map, spec_dir, t.observed_file);
  t.observed_series = observed.name;
  t.observed_unit = observed.unit;
  t.frequency = observed.frequency;
  t.points = observed.points;
  t.name = map.text_or("name", observed.name);
  if (t.name.empty() ||
      t.name.find_first_not_of(
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") != std::string::npos)
    fail(map.get("name") ? *map.get("name") : node, map.path_of("name"),
         "a target name uses letters, digits, '.', '_' and '-' only, got '" + t.name + "'");

  const Node& model_node = map.require("model");
  t.model_series = config::read_text(model_node, map.path_of("model"));
  const SeriesSpec* spec = find_series(t.model_series);
  if (!spec)
    fail(model_node, map.path_of("model"), "unknown model series '" + t.model_series + "'",
         config::suggestion_hint(t.model_series, series_names()));
  if (spec->dim != SeriesDim::total)
    fail(model_node, map.path_of("model"),
         t.model_series + " is given by " + to_string(spec->dim) + ", not a total",
         "choose the total series (without _by_...)");
  t.kind = spec->kind;
  t.model_unit = spec->unit;
  if (const Node* c = map.get("convert")) t.convert = read_conversion(*c, map.path_of("convert"));
  const std::optional<std::string> unit = converted_unit(t.convert, t.model_unit);
  if (!unit)
    fail(*map.get("convert"), map.path_of("convert"),
         to_string(t.convert.kind) + " does not apply to " + t.model_series + ", which is in " +
             t.model_unit);
  if (*unit != t.observed_unit) {
    const Node& at = map.get("convert") ? *map.get("convert") : model_node;
    fail(at, map.get("convert") ? map.path_of("convert") : map.path_of("model"),
         "unit mismatch: " + t.observed_series + " is in " + t.observed_unit + " but " +
             t.model_series +
             (t.convert.kind == ConversionKind::none ? " is in " : " converted is in ") + *unit,
         unit_mismatch_hint(t.observed_unit, *unit));
  }
  if (t.kind == SeriesKind::flow && t.frequency == Frequency::day)
    fail(model_node, map.path_of("model"),
         t.model_series + " is a flow, but " + t.observed_series + " holds dated snapshots",
         "compare flows with monthly, quarterly or annual observations");
  t.where = model_node.loc;
  t.key_path = map.path_of("model");
  if (objective == ObjectiveKind::negative_binomial)
    for (const Observation& o : t.points)
      if (o.value < 0)
        fail(obs_node(map), map.path_of("observed"),
             "negative_binomial needs counts >= 0, but " + t.observed_series + " has " +
                 format_value(o.value) + " on line " + std::to_string(o.line));
  t.weight = map.number_or("weight", 1.0, Bounds::at_least(0));
  if (map.get("scale")) t.scale = map.number("scale", Bounds::above(0));
  if (const Node* d = map.get("dispersion")) {
    if (objective != ObjectiveKind::negative_binomial)
      fail_at_key(*d, map.path_of("dispersion"),
                  "dispersion is only used by objective negative_binomial");
    t.dispersion = map.number("dispersion", Bounds::above(0));
  }
  return t;
}

// Every observation of a target in the window must be comparable with the model's periods.
void check_target_window(const TargetSpec& t, const Node& node, const std::string& path,
                         const Scenario& scenario, int from, int to) {
  const Calendar calendar(scenario.time);
  const PeriodGrid grid{scenario.time.start, calendar.period_ends()};
  const std::vector<double> zeros(grid.ends.size(), 0.0);
  int count = 0;
  for (const Observation& o : t.points) {
    if (o.start < first_day_of_month(from) || o.end > last_day_of_month(to)) continue;
    ++count;
    const Aggregated a = aggregate(zeros, grid, t.kind, o.start, o.end);
    if (!a.value)
      fail(node, path,
           "cannot compare " + t.observed_series + " (line " + std::to_string(o.line) +
               ") with the model: " + a.problem,
           "the scenario reports by " + to_string(scenario.time.report) +
               "; `time.report: month` fits monthly, quarterly and annual data");
  }
  if (count == 0)
    fail(node, path,
         "no observation of " + t.observed_series + " between " + config::format_year_month(from) +
             " and " + config::format_year_month(to));
}

void check_algorithm(const MapReader& map, const char* key, const std::string& name,
                     const char* prefix) {
  if (name == "none") return;
  const nlopt_algorithm a = nlopt_algorithm_from_string(name.c_str());
  if (static_cast<int>(a) < 0 || name.rfind(prefix, 0) != 0)
    fail(*map.get(key), map.path_of(key),
         "'" + name + "' is not a derivative-free NLopt " +
             (std::string(prefix) == "GN_" ? "global" : "local") + " algorithm",
         std::string("use a name starting with ") + prefix + " (e.g. " +
             (std::string(prefix) == "GN_" ? "GN_CRS2_LM, GN_DIRECT_L, GN_ISRES"
                                           : "LN_BOBYQA, LN_NELDERMEAD, LN_SBPLX") +
             ") or none");
  // These drive a subsidiary optimiser of their own, which a spec cannot give.
  if (name.find("MLSL") != std::string::npos || name.find("AUGLAG") != std::string::npos)
    fail(*map.get(key), map.path_of(key), "'" + name + "' needs a subsidiary optimiser",
         "the global and local phases already combine two algorithms: use e.g. GN_CRS2_LM with "
         "LN_BOBYQA");
}

int integer_or(const MapReader& map, const char* key, int fallback, int lo, int hi) {
  const Node* n = map.get(key);
  if (!n) return fallback;
  const int v = config::read_integer(*n, map.path_of(key));
  if (v < lo || v > hi)
    fail(*n, map.path_of(key),
         "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " +
             std::to_string(v));
  return v;
}

OptimizerSettings read_optimizer(const Node& node) {
  const MapReader map(node, "optimizer", keys("optimizer"));
  OptimizerSettings o;
  o.global = map.text_or("global", o.global);
  o.local = map.text_or("local", o.local);
  check_algorithm(map, "global", o.global, "GN_");
  check_algorithm(map, "local", o.local, "LN_");
  if (o.global == "none" && o.local == "none")
    fail(node, "optimizer", "global and local are both none: nothing would search");
  o.starts = integer_or(map, "starts", o.starts, 1, 1000);
  o.max_evaluations = integer_or(map, "max_evaluations", o.max_evaluations, 1, 1000000000);
  o.tolerance = map.number_or("tolerance", o.tolerance, Bounds::above(0));
  return o;
}

BacktestSettings read_backtest(const Node& node, const Scenario& scenario, int from) {
  const MapReader map(node, "backtest", keys("backtest"));
  BacktestSettings b;
  b.fit_to = read_month(map.require("fit_to"), map.path_of("fit_to"));
  b.project_to = read_month(map.require("project_to"), map.path_of("project_to"));
  if (b.fit_to < from)
    fail(map.require("fit_to"), map.path_of("fit_to"),
         "must not be before period.from (" + config::format_year_month(from) + ")");
  if (b.project_to <= b.fit_to)
    fail(map.require("project_to"), map.path_of("project_to"), "must be after fit_to");
  if (last_day_of_month(b.project_to) > scenario.time.end)
    fail(map.require("project_to"), map.path_of("project_to"),
         "after the scenario's end (" + to_iso(scenario.time.end) + ")");
  if (const Node* o = map.get("origins")) {
    config::expect_list(*o, map.path_of("origins"));
    for (std::size_t i = 0; i < o->children.size(); ++i) {
      const std::string p = config::index_path(map.path_of("origins"), i);
      const int m = read_month(o->children[i], p);
      if (m < from || m >= b.project_to)
        fail(o->children[i], p, "a fit_to month between period.from and before project_to");
      b.extra_origins.push_back(m);
    }
  }
  return b;
}

ObjectiveKind read_objective(const MapReader& top) {
  const std::string t = top.text_or("objective", "wls");
  const std::vector<std::string> names = {"wls", "gaussian", "negative_binomial"};
  if (t == names[0]) return ObjectiveKind::wls;
  if (t == names[1]) return ObjectiveKind::gaussian;
  if (t == names[2]) return ObjectiveKind::negative_binomial;
  fail(*top.get("objective"), "objective", "unknown objective '" + t + "'",
       config::suggestion_hint(t, names));
}

}  // namespace

const std::map<std::string, std::vector<std::string>>& spec_keys() {
  return kKeys;
}

void check_targets_defined(const CalibrationSpec& spec) {
  const Results r = simulate(spec.scenario.scenario);
  for (const TargetSpec& t : spec.targets) {
    const std::vector<double> v = r.column(t.model_series);
    if (std::any_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); })) continue;
    throw InputError(t.where, t.key_path,
                     t.model_series + " has no value in any period of this scenario (NaN)",
                     "e.g. integration series need an `integration:` section in the scenario; "
                     "waiting times have no value where nobody was decided or admitted");
  }
}

std::string ParameterSpec::unit() const {
  return mode == ParamMode::scale ? "factor" : std::string(ref.info->unit);
}

Date first_day_of_month(int m) {
  return Date(static_cast<unsigned short>(m / 12), static_cast<unsigned short>(m % 12 + 1), 1);
}
Date last_day_of_month(int m) {
  return first_day_of_month(m + 1) - boost::gregorian::days(1);
}

CalibrationSpec read_calibration_spec(const std::string& path) {
  const Node root = parse_spec_file(path);
  const MapReader top(root, "", keys(""));
  CalibrationSpec spec;
  spec.file = path;
  spec.name = fs::path(path).stem().string();
  spec.description = top.text_or("description", "");
  const fs::path dir = fs::path(path).parent_path();
  spec.scenario = load_base(top, dir, spec.scenario_file, spec.overrides);
  Scenario& scenario = spec.scenario.scenario;

  const MapReader period(top.require("period"), "period", keys("period"));
  spec.from_month = read_month(period.require("from"), "period.from");
  spec.to_month = read_month(period.require("to"), "period.to");
  if (spec.to_month < spec.from_month)
    fail(period.require("to"), "period.to", "must not be before period.from");
  if (first_day_of_month(spec.from_month) < scenario.time.start)
    fail(period.require("from"), "period.from",
         "before the scenario's start (" + to_iso(scenario.time.start) + ")");
  if (last_day_of_month(spec.to_month) > scenario.time.end)
    fail(period.require("to"), "period.to",
         "after the scenario's end (" + to_iso(scenario.time.end) + ")");
  spec.objective = read_objective(top);

  const Node& params = top.require("parameters");
  spec.parameters_where = params.key_loc.line > 0 ? params.key_loc : params.loc;
  config::expect_list(params, "parameters");
  if (params.children.empty()) fail(params, "parameters", "at least one parameter is needed");
  for (std::size_t i = 0; i < params.children.size(); ++i)
    spec.parameters.push_back(
        read_parameter(params.children[i], config::index_path("parameters", i), scenario));
  check_overlaps(spec.parameters, params);
  check_parameters_writable(spec, params);

  const Node& targets = top.require("targets");
  config::expect_list(targets, "targets");
  if (targets.children.empty()) fail(targets, "targets", "at least one target is needed");
  std::set<std::string> names;
  for (std::size_t i = 0; i < targets.children.size(); ++i) {
    const std::string p = config::index_path("targets", i);
    TargetSpec t = read_target(targets.children[i], p, dir, spec.objective);
    if (!names.insert(t.name).second)
      fail(targets.children[i], p, "two targets are named '" + t.name + "'",
           "give each a distinct `name:`");
    check_target_window(t, targets.children[i], p, scenario, spec.from_month, spec.to_month);
    spec.targets.push_back(std::move(t));
  }
  if (const Node* o = top.get("optimizer")) spec.optimizer = read_optimizer(*o);
  if (const Node* b = top.get("backtest")) {
    spec.backtest = read_backtest(*b, scenario, spec.from_month);
    for (std::size_t i = 0; i < spec.targets.size(); ++i)
      check_target_window(spec.targets[i], targets.children[i], config::index_path("targets", i),
                          scenario, spec.from_month, spec.backtest->project_to);
  }
  return spec;
}

}  // namespace chainsim::calibration
