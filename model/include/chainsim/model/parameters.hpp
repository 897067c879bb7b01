#pragma once
// The catalogue of numeric parameters that can be addressed by path: by policies (dated
// changes), by calibration (free parameters) and by sweeps. Each entry has a unit and bounds.
// Paths name scenario keys, e.g. "cgrs.officers", "reception.ask_share",
// "reception.pools.<pool>.capacity" (`*` in the catalogue stands for an item's name).
#include <span>
#include <string>
#include <string_view>

#include "chainsim/model/scenario.hpp"

namespace chainsim {

enum class ParamShape { scalar, segment };
// Parameters of named items (pools) are addressed through the item's name.
enum class ParamCollection { none, pools };

struct ParamInfo {
  std::string_view path;
  ParamShape shape;
  ParamCollection collection;
  std::string_view unit;  // "days" marks a duration: written with a unit in YAML ("30d")
  double lo;
  double hi;
  std::string_view description;
  // The parameter's values inside a scenario (1 for scalars, one per segment otherwise);
  // `item` is the index in the collection (0 when there is none).
  std::span<double> (*access)(Scenario&, int item);
};

std::span<const ParamInfo> parameter_catalog();

// A resolved path: which catalogue entry and which item.
struct ParamRef {
  const ParamInfo* info = nullptr;
  int item = 0;
  std::span<double> values(Scenario& s) const { return info->access(s, item); }
};

// Resolves "reception.pools.network.capacity" etc. against a scenario's item names; nullopt
// info when the path is unknown.
ParamRef resolve_parameter(std::string_view path, const Scenario& scenario);
// Every addressable path of this scenario (items expanded), for suggestions.
std::vector<std::string> parameter_paths(const Scenario& scenario);

// The stocks at time.start (trained officers, initial backlogs, initial occupancy): free
// parameters of a calibration, never of a policy (a dated change of a stock that was only read
// at the start would do nothing).
std::span<const ParamInfo> initial_state_catalog();
// resolve_parameter, then the initial stocks: what a calibration or a sweep may set.
ParamRef resolve_calibration_parameter(std::string_view path, const Scenario& scenario);
std::vector<std::string> calibration_parameter_paths(const Scenario& scenario);

}  // namespace chainsim
