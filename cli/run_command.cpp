#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "chainsim/config/load.hpp"
#include "chainsim/model/simulation.hpp"
#include "chainsim/output/hdf5_results.hpp"
#include "chainsim/version.hpp"
#include "clock.hpp"
#include "commands.hpp"
#include "summary_table.hpp"

namespace chainsim::cli {

void add_run(CLI::App& app, RunOptions& o) {
  CLI::App* cmd = app.add_subcommand("run", "Run a scenario, print a summary and write the HDF5 results");
  cmd->add_option("scenario", o.scenario, "Scenario YAML file")->required();
  cmd->add_option("-o,--output", o.output, "Result file (default: results/<scenario name>.h5)");
  cmd->add_option("--set", o.sets, "Override a scenario value: --set path=value (repeatable)");
  cmd->add_option("--csv", o.csv_dir, "Also write the series as CSV into this directory");
  cmd->add_option("--seed", o.seed, "Random seed (stored; the deterministic engine does not use it)");
  cmd->add_flag("-q,--quiet", o.quiet, "Do not print the summary table");
}

int run(const RunOptions& o) {
  const config::LoadedScenario loaded = config::load_scenario(o.scenario, o.sets);
  Simulation simulation(loaded.scenario, o.seed);
  MemoryRecorder recorder;
  simulation.run(recorder);
  const Results results = recorder.take();
  for (const std::string& note : simulation.notes()) std::cerr << "note: " << note << '\n';

  const std::filesystem::path path =
      o.output.empty() ? std::filesystem::path("results") / (loaded.scenario.name + ".h5") : std::filesystem::path(o.output);
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  output::RunMetadata meta;
  meta.scenario_name = loaded.scenario.name;
  meta.scenario_file = o.scenario;
  meta.resolved_yaml = loaded.resolved_yaml;
  meta.chainsim_version = kVersion;
  meta.git_commit = kGitCommit;
  meta.created_utc = utc_now();
  meta.seed = o.seed;
  output::write_hdf5(path, results, meta);
  if (!o.csv_dir.empty()) output::write_csv(o.csv_dir, results);

  if (!o.quiet) {
    std::cout << "chainsim " << kVersion << ": scenario '" << loaded.scenario.name << "' from "
              << to_iso(loaded.scenario.time.start) << " to " << to_iso(loaded.scenario.time.end) << ", step "
              << to_string(loaded.scenario.time.step) << ", " << loaded.scenario.segments.size() << " segments\n\n";
    print_summary(std::cout, results);
  }
  std::cout << "\nwrote " << path.string() << " (" << results.layout.series.size() << " series x "
            << results.periods() << " periods)";
  if (!o.csv_dir.empty()) std::cout << " and CSV files in " << o.csv_dir;
  std::cout << '\n';
  return 0;
}

}  // namespace chainsim::cli
