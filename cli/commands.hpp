#pragma once
// The verbs of the chainsim command line. Each registers its options on a CLI11 subcommand and
// runs when chosen; errors propagate as exceptions that main() maps to exit codes.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace chainsim::cli {

struct RunOptions {
  std::string scenario;
  std::string output;  // default results/<scenario name>.h5
  std::string csv_dir;
  std::vector<std::string> sets;
  std::uint64_t seed = 0;
  bool quiet = false;
};

struct CheckOptions {
  std::string scenario;
  std::vector<std::string> sets;
  bool print_resolved = false;
};

struct InspectOptions {
  std::string file;
};

// What calibrate and backtest share: the spec and how the search runs.
struct SearchOptions {
  std::string spec;
  int jobs = 0;  // 0: hardware concurrency
  std::uint64_t seed = 0;
  bool quiet = false;
};
// Registers the spec and --jobs, --seed, -q on a verb; `quiet_help` says what -q silences.
void add_search_options(CLI::App* cmd, SearchOptions& o, const std::string& spec_help,
                        const std::string& quiet_help);

struct CalibrateOptions : SearchOptions {
  std::string output_dir;  // default results/calibration/<spec name>/
};

void add_run(CLI::App& app, RunOptions& options);
void add_check(CLI::App& app, CheckOptions& options);
void add_inspect(CLI::App& app, InspectOptions& options);
void add_calibrate(CLI::App& app, CalibrateOptions& options);

struct BacktestOptions : SearchOptions {
  std::string output;  // default results/backtest/<spec name>.h5
};
void add_backtest(CLI::App& app, BacktestOptions& options);
int backtest(const BacktestOptions& options);

int run(const RunOptions& options);
int check(const CheckOptions& options);
int inspect(const InspectOptions& options);
int calibrate(const CalibrateOptions& options);

}  // namespace chainsim::cli
