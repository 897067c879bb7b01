#include "chainsim/calibration/calibration_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "chainsim/calibration/aggregation.hpp"
#include "chainsim/config/applications.hpp"

namespace chainsim::calibration {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_number(double v) {
  if (std::isnan(v)) return "";
  return fmt::format("{:.10g}", v);
}

std::string fit_report_csv(const CalibrationResult& r) {
  std::ostringstream out;
  out << "target,model_series,unit,n,rmse,mae,bias,mape_pct,n_mape,weight,scale,dispersion\n";
  for (const TargetFit& f : r.targets) {
    const TargetSpec& t = *f.target->spec;
    out << csv_field(t.name) << ',' << t.model_series << ',' << csv_field(t.observed_unit) << ','
        << f.metrics.n << ',' << csv_number(f.metrics.rmse) << ',' << csv_number(f.metrics.mae)
        << ',' << csv_number(f.metrics.bias) << ',' << csv_number(f.metrics.mape) << ','
        << f.metrics.n_mape << ',' << csv_number(t.weight) << ',' << csv_number(f.target->scale)
        << ',' << csv_number(f.dispersion) << '\n';
  }
  return out.str();
}

std::string fit_series_csv(const CalibrationResult& r) {
  std::ostringstream out;
  out << "target,period_start,period_end,observed,fitted,residual,unit\n";
  for (const TargetFit& f : r.targets) {
    const WindowTarget& w = *f.target;
    for (std::size_t i = 0; i < w.points.size() && i < f.fitted.size(); ++i) {
      out << csv_field(w.spec->name) << ',' << to_iso(w.points[i].start) << ','
          << to_iso(w.points[i].end) << ',' << csv_number(w.observed[i]) << ','
          << csv_number(f.fitted[i]) << ',' << csv_number(f.fitted[i] - w.observed[i]) << ','
          << csv_field(w.spec->observed_unit) << '\n';
    }
  }
  return out.str();
}

std::string parameters_csv(const CalibrationResult& r) {
  std::ostringstream out;
  out << "parameter,path,mode,unit,value,lower,upper,at_bound,std_error,ci95_low,ci95_high,"
         "identified\n";
  for (const ParameterEstimate& e : r.parameters) {
    const ParameterSpec& p = *e.spec;
    out << csv_field(p.label) << ',' << p.path << ','
        << (p.mode == ParamMode::set ? "set" : "scale") << ',' << csv_field(p.unit()) << ','
        << csv_number(e.value) << ',' << csv_number(p.lower) << ',' << csv_number(p.upper) << ','
        << (e.at_bound ? "true" : "false") << ',' << csv_number(e.identified ? e.std_error : NAN)
        << ',' << csv_number(e.identified ? e.ci_low : NAN) << ','
        << csv_number(e.identified ? e.ci_high : NAN) << ','
        << (e.identified ? "identified" : "not identified") << '\n';
  }
  return out.str();
}

void print_calibration_summary(std::ostream& out, const CalibrationSpec& spec,
                               const CalibrationResult& r) {
  out << fmt::format("calibration '{}' of scenario '{}', {} .. {}, objective {}\n\n", spec.name,
                     spec.scenario.scenario.name, config::format_year_month(r.from_month),
                     config::format_year_month(r.to_month), to_string(spec.objective));
  // Name columns as wide as the longest name.
  std::size_t pw = 44, tw = 32;
  for (const ParameterEstimate& e : r.parameters) pw = std::max(pw, e.spec->label.size());
  for (const TargetFit& f : r.targets) tw = std::max(tw, f.target->spec->name.size());
  out << fmt::format("{:<{}} {:>14} {:>14} {:>14} {:>14}  {}\n", "parameter", pw, "value", "lower",
                     "upper", "std error", "");
  for (const ParameterEstimate& e : r.parameters) {
    const std::string unit = fmt::format("[{}]", e.spec->unit());
    std::string note = e.at_bound ? "at bound" : "";
    if (!e.identified) note += note.empty() ? "not identified" : ", not identified";
    out << fmt::format("{:<{}} {:>14.6g} {:>14.6g} {:>14.6g} {:>14}  {} {}\n", e.spec->label, pw,
                       e.value, e.spec->lower, e.spec->upper,
                       e.identified ? fmt::format("{:.3g}", e.std_error) : "-", unit, note);
  }
  out << '\n'
      << fmt::format("{:<{}} {:>4} {:>14} {:>14} {:>10}  {}\n", "target", tw, "n", "RMSE", "bias",
                     "MAPE [%]", "unit");
  for (const TargetFit& f : r.targets) {
    out << fmt::format("{:<{}} {:>4} {:>14.6g} {:>14.6g} {:>10.2f}  [{}]\n", f.target->spec->name,
                       tw, f.metrics.n, f.metrics.rmse, f.metrics.bias, f.metrics.mape,
                       f.target->spec->observed_unit);
  }
  out << '\n'
      << fmt::format("objective ({}): {:.8g} (data {:.8g}, priors {:.8g})\n",
                     to_string(spec.objective), r.best.objective, r.best.data_term,
                     r.best.prior_term)
      << fmt::format(
             "evaluations: {} model runs for the search ({} global, {} local in {} runs) + {} for "
             "the "
             "curvature; budget {}\n",
             r.search.evaluations, r.search.global_evaluations, r.search.local_evaluations,
             r.search.local_runs, r.curvature_evaluations, spec.optimizer.max_evaluations)
      << fmt::format("wall time: {:.2f} s on {} thread{}, seed {}\n", r.seconds, r.jobs,
                     r.jobs == 1 ? "" : "s", r.seed);
}

}  // namespace chainsim::calibration
