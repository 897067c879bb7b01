// chainsim: command-line entry point. Exit codes: 0 success, 2 bad input, 1 internal error.
#include <exception>
#include <iostream>

#include "chainsim/config/load.hpp"
#include "chainsim/output/hdf5_results.hpp"
#include "chainsim/version.hpp"
#include "commands.hpp"

namespace {
constexpr int kExitBadInput = 2;
constexpr int kExitInternal = 1;
}  // namespace

int main(int argc, char** argv) {
  using namespace chainsim;
  CLI::App app{"chainsim: simulator of the asylum reception and integration chain"};
  app.set_version_flag("--version", std::string(kVersion) + " (" + kGitCommit + ")");
  app.require_subcommand(1);
  cli::RunOptions run_options;
  cli::CheckOptions check_options;
  cli::InspectOptions inspect_options;
  cli::CalibrateOptions calibrate_options;
  cli::BacktestOptions backtest_options;
  cli::add_run(app, run_options);
  cli::add_check(app, check_options);
  cli::add_inspect(app, inspect_options);
  cli::add_calibrate(app, calibrate_options);
  cli::add_backtest(app, backtest_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }

  try {
    if (app.got_subcommand("run")) return cli::run(run_options);
    if (app.got_subcommand("check")) return cli::check(check_options);
    if (app.got_subcommand("inspect")) return cli::inspect(inspect_options);
    if (app.got_subcommand("calibrate")) return cli::calibrate(calibrate_options);
    if (app.got_subcommand("backtest")) return cli::backtest(backtest_options);
  } catch (const config::InputError& e) {
    std::cerr << e.what() << '\n';
    return kExitBadInput;
  } catch (const output::OutputError& e) {
    std::cerr << "error: " << e.what() << '\n';
    return kExitInternal;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << '\n';
    return kExitInternal;
  }
  return kExitInternal;
}
