#pragma once
// Small text outputs (CSV tables, YAML overlays) written like the HDF5 results: to a temporary
// file in the same directory, renamed over the target only once complete.
#include <filesystem>
#include <string_view>

#include "chainsim/output/output_error.hpp"

namespace chainsim::output {

// Writes `text` to `path` atomically; the directory must exist. Throws OutputError (and leaves
// `path` as it was) on failure.
void write_text_file(const std::filesystem::path& path, std::string_view text);

}  // namespace chainsim::output
