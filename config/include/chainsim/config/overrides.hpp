#pragma once
// `--set path=value` overrides from the command line, applied to the merged scenario tree.
#include <string>
#include <string_view>
#include <vector>

#include "chainsim/config/node.hpp"

namespace chainsim::config {

// The file name used in errors about --set overrides.
inline constexpr const char* kSetFile = "--set";

struct SetOverride {
  std::vector<std::string> path;  // map keys, outermost first
  Node value;                     // parsed as YAML; located in "--set" (line and column 0)
};

// Parses "cgrs.officers=320" or "reception.waiting_list=[single_man]". Throws InputError (file
// "--set") when there is no '=', the path is empty or has an empty part, or the value is not
// valid YAML.
SetOverride parse_set_override(std::string_view text);

// Applies the override: creates missing intermediate maps, replaces the value (maps are merged as
// in extends; a null value removes the key). Throws InputError when the path runs through a
// value that is not a map.
void apply_set_override(Node& root, const SetOverride& override_);

// Parses and applies each override in order.
void apply_set_overrides(Node& root, const std::vector<std::string>& overrides);

}  // namespace chainsim::config
