#pragma once
// A small HDF5 file of named arrays in groups, with string attributes: for results that are not
// a run's series (a backtest's observed, projected and naive series, its score table). Written
// atomically like the run results: temporary file, renamed into place once complete.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "chainsim/output/output_error.hpp"

namespace chainsim::output {

using Attributes = std::vector<std::pair<std::string, std::string>>;

struct TableDataset {
  std::string path;                  // "a/b/name": groups a and a/b are created as needed
  std::vector<double> numbers;       // a 1-d float64 array, or ...
  std::vector<std::string> strings;  // ... a 1-d array of UTF-8 strings (when is_text)
  bool is_text = false;
  Attributes attributes;  // e.g. {"unit", "persons"}
};

struct TableGroup {
  std::string path;
  Attributes attributes;
};

struct TableFile {
  Attributes root_attributes;
  std::vector<TableGroup> groups;  // groups with attributes (others are created implicitly)
  std::vector<TableDataset> datasets;
};

// Throws OutputError naming `path`; the directory must exist; `path` is left as it was on failure.
void write_hdf5_tables(const std::filesystem::path& path, const TableFile& contents);

}  // namespace chainsim::output
