#pragma once
// What a result file says about the run that produced it (its root attributes and /scenario).
#include <cstdint>
#include <string>

namespace chainsim::output {

// Version of the HDF5 layout documented in docs/hdf5-layout.md. Bump it on any change a reader
// could notice (renamed object, changed shape or type), and keep reading the older versions.
inline constexpr int kFormatVersion = 1;

struct RunMetadata {
  std::string scenario_name;
  std::string scenario_file;
  std::string resolved_yaml;     // the fully resolved scenario, stored in /scenario
  std::string chainsim_version;  // chainsim::kVersion (generated/chainsim/version.hpp)
  std::string git_commit;        // chainsim::kGitCommit
  std::string created_utc;       // ISO 8601, e.g. 2026-11-23T19:30:00Z
  std::uint64_t seed = 0;

  friend bool operator==(const RunMetadata&, const RunMetadata&) = default;
};

}  // namespace chainsim::output
