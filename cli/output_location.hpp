#pragma once
// Checks, before any long work, that a command will be able to write its outputs where asked.
#include <filesystem>

namespace chainsim::cli {

// Creates `dir` if needed and writes and removes a probe file in it. Throws output::OutputError
// (exit 1) naming the folder and the reason when it cannot: a calibration or backtest then stops
// before its search rather than after minutes of fitting.
void check_writable_folder(const std::filesystem::path& dir);

}  // namespace chainsim::cli
