#include <filesystem>
#include <iostream>

#include "chainsim/output/hdf5_results.hpp"
#include "commands.hpp"

namespace chainsim::cli {

void add_inspect(CLI::App& app, InspectOptions& o) {
  CLI::App* cmd = app.add_subcommand("inspect", "List the series of a result file with their units and sizes");
  cmd->add_option("file", o.file, "Result file (.h5)")->required();
}

int inspect(const InspectOptions& o) {
  if (!std::filesystem::exists(o.file)) {
    std::cerr << o.file << ": error: no such file\n";
    return 2;
  }
  try {
    std::cout << output::describe_hdf5(o.file);
  } catch (const output::OutputError& e) {
    // A file that is not a chainsim result is bad input, not an internal failure.
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  }
  return 0;
}

}  // namespace chainsim::cli
