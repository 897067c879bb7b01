#pragma once
// The HDF5 result file of a run: writer, reader and a text description (layout in
// docs/hdf5-layout.md). Also brings in the CSV export, the other way results leave a run.
#include <filesystem>
#include <string>

#include "chainsim/model/series.hpp"
#include "chainsim/output/csv_export.hpp"
#include "chainsim/output/output_error.hpp"
#include "chainsim/output/run_metadata.hpp"

namespace chainsim::output {

// Writes `results` to `path` atomically: everything goes to a temporary file in the same
// directory, which is renamed over `path` only once complete and closed. On any failure the
// temporary is removed and `path` is left as it was. The directory must exist.
// The scenario name stored is meta.scenario_name, or results.layout.scenario_name if that is empty.
// Throws OutputError (inconsistent results are refused before anything is written).
void write_hdf5(const std::filesystem::path& path, const Results& results, const RunMetadata& meta);

struct StoredRun {
  Results results;  // layout.width, offset and frame_size recomputed; scenario_name from meta
  RunMetadata meta;
  int format_version = 0;
};

// Throws OutputError naming the file for a missing file, a file that is not HDF5 or not a
// chainsim result, an unsupported format_version, or a malformed object.
StoredRun read_hdf5(const std::filesystem::path& path);

// Human-readable description for `chainsim inspect`: the root attributes, the time axis, a table
// of series (name, kind, unit, shape, dims, description) and the KPIs with values and units.
std::string describe_hdf5(const std::filesystem::path& path);

}  // namespace chainsim::output
