#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "chainsim/calibration/calibrate.hpp"
#include "chainsim/calibration/calibration_report.hpp"
#include "chainsim/calibration/overlay.hpp"
#include "chainsim/calibration/parallel.hpp"
#include "chainsim/config/applications.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/output/text_file.hpp"
#include "chainsim/version.hpp"
#include "clock.hpp"
#include "commands.hpp"
#include "output_location.hpp"

namespace chainsim::cli {

namespace fs = std::filesystem;
using namespace chainsim::calibration;

namespace {

std::string overlay_header(const CalibrationSpec& spec, const CalibrationResult& r) {
  std::ostringstream h;
  h << "Calibrated scenario: the fitted values of spec " << spec.file << " on top of "
    << spec.scenario_file << ".\n"
    << "Written by chainsim " << kVersion << " (" << kGitCommit << ") on " << utc_now() << "; seed "
    << r.seed << ".\n"
    << "Fitted " << config::format_year_month(r.from_month) << " .. "
    << config::format_year_month(r.to_month) << "; objective " << to_string(spec.objective) << " = "
    << csv_number(r.best.objective) << " after " << r.search.evaluations << " model runs.\n";
  for (const ParameterEstimate& e : r.parameters)
    h << "  " << e.spec->label << " = " << csv_number(e.value) << " [" << e.spec->unit() << "]"
      << (e.identified ? " (s.e. " + csv_number(e.std_error) + ")" : " (not identified)") << "\n";
  return h.str();
}

}  // namespace

void add_search_options(CLI::App* cmd, SearchOptions& o, const std::string& spec_help,
                        const std::string& quiet_help) {
  cmd->add_option("spec", o.spec, spec_help)->required();
  cmd->add_option("--jobs", o.jobs, "Threads (default: the number of hardware threads)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--seed", o.seed,
                  "Seed of the starting points and of the stochastic global search");
  cmd->add_flag("-q,--quiet", o.quiet, quiet_help);
}

void add_calibrate(CLI::App& app, CalibrateOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "calibrate", "Fit scenario parameters to observed series (docs/calibration.md)");
  add_search_options(cmd, o, "Calibration spec (YAML)", "Do not print the summary");
  cmd->add_option("-o,--output", o.output_dir,
                  "Output folder (default: results/calibration/<spec name>/)");
}

int calibrate(const CalibrateOptions& o) {
  const CalibrationSpec spec = read_calibration_spec(o.spec);
  check_targets_defined(spec);
  const fs::path dir = o.output_dir.empty() ? fs::path("results") / "calibration" / spec.name
                                            : fs::path(o.output_dir);
  check_writable_folder(dir);
  const int jobs = o.jobs > 0 ? o.jobs : default_jobs();
  const Evaluator evaluator(spec, spec.from_month, spec.to_month, o.seed);
  const CalibrationResult result = calibrate(evaluator, {jobs, o.seed, progress_line(o.quiet)});
  if (!result.best.valid)
    throw config::InputError(
        spec.parameters_where, "parameters",
        "no point inside the bounds gives a valid fit: " + result.best.problem,
        "check the bounds (outcome shares of a segment must sum to at most 1) and the targets");

  // Everything is built and checked before the first file is replaced.
  const std::string overlay =
      calibrated_overlay(spec, result.fitted, dir, overlay_header(spec, result));
  check_overlay(overlay, dir, result.fitted);
  const std::string report = fit_report_csv(result), series = fit_series_csv(result),
                    params = parameters_csv(result);
  output::write_text_file(dir / "fit_report.csv", report);
  output::write_text_file(dir / "fit_series.csv", series);
  output::write_text_file(dir / "parameters.csv", params);
  output::write_text_file(dir / "calibrated.yaml", overlay);

  if (!o.quiet && ::isatty(STDERR_FILENO)) std::cerr << '\n';
  if (!o.quiet) print_calibration_summary(std::cout, spec, result);
  std::cout << "\nwrote " << (dir / "calibrated.yaml").string()
            << ", fit_report.csv, fit_series.csv and parameters.csv in " << dir.string() << '\n';
  return 0;
}

}  // namespace chainsim::cli
