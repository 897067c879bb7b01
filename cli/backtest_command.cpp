#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "chainsim/calibration/backtest.hpp"
#include "chainsim/calibration/backtest_report.hpp"
#include "chainsim/calibration/parallel.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/version.hpp"
#include "clock.hpp"
#include "commands.hpp"
#include "output_location.hpp"

namespace chainsim::cli {

namespace fs = std::filesystem;
using namespace chainsim::calibration;

void add_backtest(CLI::App& app, BacktestOptions& o) {
  CLI::App* cmd = app.add_subcommand("backtest",
                                     "Fit up to backtest.fit_to, project to backtest.project_to "
                                     "and score against naive forecasts");
  add_search_options(cmd, o, "Calibration spec with a backtest section (YAML)",
                     "Do not print the score table");
  cmd->add_option("-o,--output", o.output,
                  "Result file (default: results/backtest/<spec name>.h5)");
}

int backtest(const BacktestOptions& o) {
  const CalibrationSpec spec = read_calibration_spec(o.spec);
  if (!spec.backtest)
    throw config::InputError(o.spec, 0, 0, "backtest", "the spec has no backtest section",
                             "add backtest: {fit_to: YYYY-MM, project_to: YYYY-MM}");
  check_targets_defined(spec);
  const fs::path path = o.output.empty() ? fs::path("results") / "backtest" / (spec.name + ".h5")
                                         : fs::path(o.output);
  check_writable_folder(path.parent_path());
  const int jobs = o.jobs > 0 ? o.jobs : default_jobs();
  std::vector<std::unique_ptr<Evaluator>> evaluators;
  const BacktestResult result =
      calibration::backtest(spec, {jobs, o.seed, progress_line(o.quiet)}, evaluators);
  for (const BacktestOrigin& origin : result.origins)
    if (!origin.fit.best.valid)
      throw config::InputError(
          spec.parameters_where, "parameters",
          "no point inside the bounds gives a valid fit: " + origin.fit.best.problem,
          "check the bounds (outcome shares of a segment must sum to at most 1) and the targets");

  output::write_hdf5_tables(path, backtest_tables(spec, result,
                                                  {{"chainsim_version", kVersion},
                                                   {"git_commit", kGitCommit},
                                                   {"created_utc", utc_now()},
                                                   {"seed", std::to_string(o.seed)}}));
  if (!o.quiet && ::isatty(STDERR_FILENO)) std::cerr << '\n';
  print_backtest_notes(std::cerr, spec, result);
  if (!o.quiet) print_backtest_summary(std::cout, spec, result);
  std::cout << "\nwrote " << path.string() << '\n';
  return 0;
}

}  // namespace chainsim::cli
