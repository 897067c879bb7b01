#include "chainsim/calibration/backtest_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "chainsim/calibration/calibration_report.hpp"
#include "chainsim/config/applications.hpp"

namespace chainsim::calibration {

namespace {

using output::TableDataset;

TableDataset numbers(std::string path, std::vector<double> v, std::string unit) {
  TableDataset d;
  d.path = std::move(path);
  d.numbers = std::move(v);
  d.attributes = {{"unit", std::move(unit)}};
  return d;
}

TableDataset texts(std::string path, std::vector<std::string> v) {
  TableDataset d;
  d.path = std::move(path);
  d.strings = std::move(v);
  d.is_text = true;
  return d;
}

void add_origin(output::TableFile& f, const CalibrationSpec& spec, const BacktestResult& r,
                const BacktestOrigin& o) {
  const std::string base = "origins/" + config::format_year_month(o.fit_to);
  f.groups.push_back({base,
                      {{"fit_from", config::format_year_month(spec.from_month)},
                       {"fit_to", config::format_year_month(o.fit_to)},
                       {"project_to", config::format_year_month(r.project_to)},
                       {"objective", to_string(spec.objective)},
                       {"objective_value", csv_number(o.fit.best.objective)},
                       {"evaluations", std::to_string(o.fit.search.evaluations)}}});
  std::vector<std::string> names, units;
  std::vector<double> value, lower, upper, se;
  for (const ParameterEstimate& e : o.fit.parameters) {
    names.push_back(e.spec->label);
    units.push_back(e.spec->unit());
    value.push_back(e.value);
    lower.push_back(e.spec->lower);
    upper.push_back(e.spec->upper);
    se.push_back(e.identified ? e.std_error : std::nan(""));
  }
  f.datasets.push_back(texts(base + "/parameters/name", names));
  f.datasets.push_back(texts(base + "/parameters/unit", units));
  f.datasets.push_back(numbers(base + "/parameters/value", value, "see parameters/unit"));
  f.datasets.push_back(numbers(base + "/parameters/lower", lower, "see parameters/unit"));
  f.datasets.push_back(numbers(base + "/parameters/upper", upper, "see parameters/unit"));
  f.datasets.push_back(numbers(base + "/parameters/std_error", se, "see parameters/unit"));
  for (const TargetScore& s : o.scores) {
    const TargetSpec& t = *s.target;
    const std::string g = base + "/targets/" + t.name;
    f.groups.push_back({g,
                        {{"observed_series", t.observed_series},
                         {"model_series", t.model_series},
                         {"kind", to_string(t.kind)},
                         {"unit", t.observed_unit}}});
    std::vector<std::string> starts, ends;
    for (const Observation& p : s.points)
      starts.push_back(to_iso(p.start)), ends.push_back(to_iso(p.end));
    f.datasets.push_back(texts(g + "/period_start", starts));
    f.datasets.push_back(texts(g + "/period_end", ends));
    f.datasets.push_back(numbers(g + "/observed", s.observed, t.observed_unit));
    f.datasets.push_back(numbers(g + "/projected", s.projected, t.observed_unit));
    f.datasets.push_back(numbers(g + "/naive_last", s.naive_last, t.observed_unit));
    f.datasets.push_back(numbers(g + "/naive_seasonal", s.naive_seasonal, t.observed_unit));
  }
}

void add_scores(output::TableFile& f, const BacktestResult& r) {
  std::vector<std::string> origin, target, unit;
  std::vector<double> n, rmse, mae, bias, mape, last_mape, seasonal_mape, mase_last, mase_seasonal,
      n_seasonal;
  for (const BacktestOrigin& o : r.origins)
    for (const TargetScore& s : o.scores) {
      origin.push_back(config::format_year_month(o.fit_to));
      target.push_back(s.target->name);
      unit.push_back(s.target->observed_unit);
      n.push_back(s.model.n);
      rmse.push_back(s.model.rmse);
      mae.push_back(s.model.mae);
      bias.push_back(s.model.bias);
      mape.push_back(s.model.mape);
      last_mape.push_back(s.last.mape);
      seasonal_mape.push_back(s.seasonal.mape);
      mase_last.push_back(s.mase_last);
      mase_seasonal.push_back(s.mase_seasonal);
      n_seasonal.push_back(s.n_seasonal);
    }
  f.datasets.push_back(texts("scores/origin", origin));
  f.datasets.push_back(texts("scores/target", target));
  f.datasets.push_back(texts("scores/unit", unit));
  f.datasets.push_back(numbers("scores/n", n, "points"));
  f.datasets.push_back(numbers("scores/rmse", rmse, "see scores/unit"));
  f.datasets.push_back(numbers("scores/mae", mae, "see scores/unit"));
  f.datasets.push_back(numbers("scores/bias", bias, "see scores/unit"));
  f.datasets.push_back(numbers("scores/mape", mape, "%"));
  f.datasets.push_back(numbers("scores/naive_last_mape", last_mape, "%"));
  f.datasets.push_back(numbers("scores/naive_seasonal_mape", seasonal_mape, "%"));
  f.datasets.push_back(numbers("scores/mase_last", mase_last, "1"));
  f.datasets.push_back(numbers("scores/mase_seasonal", mase_seasonal, "1"));
  f.datasets.push_back(numbers("scores/n_seasonal", n_seasonal, "points"));
}

}  // namespace

output::TableFile backtest_tables(const CalibrationSpec& spec, const BacktestResult& result,
                                  output::Attributes root) {
  output::TableFile f;
  f.root_attributes = std::move(root);
  f.root_attributes.insert(f.root_attributes.begin(),
                           {{"format", "chainsim-backtest"}, {"format_version", "1"}});
  f.root_attributes.push_back({"spec_file", spec.file});
  f.root_attributes.push_back({"scenario_name", spec.scenario.scenario.name});
  f.root_attributes.push_back({"objective", to_string(spec.objective)});
  f.root_attributes.push_back({"fit_from", config::format_year_month(spec.from_month)});
  f.root_attributes.push_back({"project_to", config::format_year_month(result.project_to)});
  for (const BacktestOrigin& o : result.origins) add_origin(f, spec, result, o);
  add_scores(f, result);
  return f;
}

void print_backtest_summary(std::ostream& out, const CalibrationSpec& spec,
                            const BacktestResult& r) {
  out << fmt::format("backtest '{}' of scenario '{}': fit from {}, project to {}, objective {}\n",
                     spec.name, spec.scenario.scenario.name,
                     config::format_year_month(spec.from_month),
                     config::format_year_month(r.project_to), to_string(spec.objective));
  std::size_t pw = 44, tw = 28;  // name columns as wide as the longest name
  for (const ParameterSpec& p : spec.parameters) pw = std::max(pw, p.label.size());
  for (const TargetSpec& t : spec.targets) tw = std::max(tw, t.name.size());
  for (const BacktestOrigin& o : r.origins) {
    out << fmt::format(
        "\norigin {} (fit {} .. {}, {} model runs, objective {:.6g})\n",
        config::format_year_month(o.fit_to), config::format_year_month(spec.from_month),
        config::format_year_month(o.fit_to), o.fit.search.evaluations, o.fit.best.objective);
    for (const ParameterEstimate& e : o.fit.parameters)
      out << fmt::format("  {:<{}} {:>14.6g} [{}]\n", e.spec->label, pw, e.value, e.spec->unit());
    out << fmt::format("  {:<{}} {:>3} {:>10} {:>10} {:>10} {:>14} {:>10} {:>10}  {}\n", "target",
                       tw, "n", "MAPE [%]", "last [%]", "season [%]", "bias", "MASE last",
                       "MASE seas", "bias unit");
    for (const TargetScore& s : o.scores)
      out << fmt::format(
          "  {:<{}} {:>3} {:>10.2f} {:>10.2f} {:>10.2f} {:>14.6g} {:>10.3f} {:>10.3f}  [{}]\n",
          s.target->name, tw, s.model.n, s.model.mape, s.last.mape, s.seasonal.mape, s.model.bias,
          s.mase_last, s.mase_seasonal, s.target->observed_unit);
  }
  out << fmt::format(
      "\nMAPE of the model and of the naive forecasts (last value held, same period a year "
      "earlier) over the months after each origin; MASE < 1: the model beats that naive "
      "forecast. nan: no value.\nwall time: {:.2f} s\n",
      r.seconds);
}

void print_backtest_notes(std::ostream& out, const CalibrationSpec& spec, const BacktestResult& r) {
  for (const BacktestOrigin& o : r.origins) {
    if (o.unconstrained.empty()) continue;
    std::string names;
    for (const TargetSpec* t : o.unconstrained) names += (names.empty() ? "" : ", ") + t->name;
    out << fmt::format(
        "note: origin {}: {} {} no observation in the fit window {} .. {}: {} not constrain "
        "this origin's fit\n",
        config::format_year_month(o.fit_to), o.unconstrained.size() == 1 ? "target" : "targets",
        names + (o.unconstrained.size() == 1 ? " has" : " have"),
        config::format_year_month(spec.from_month), config::format_year_month(o.fit_to),
        o.unconstrained.size() == 1 ? "it does" : "they do");
  }
}

}  // namespace chainsim::calibration
