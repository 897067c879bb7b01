#pragma once
// YAML text <-> the loader's source-located tree (Node).
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "chainsim/config/node.hpp"

namespace chainsim::config {

struct ParseLimits {
  // Nodes in one document, counting every node an alias expands to (guards against
  // "billion laughs" alias bombs).
  std::size_t max_nodes = 200'000;
  // Nesting depth of maps and lists (guards against stack exhaustion).
  int max_depth = 64;
};

// Parses one YAML document into a tree. An empty stream (or only comments) gives a null node.
// Throws InputError, located in `file`, for syntax errors, several documents, duplicate keys,
// non-text keys, explicit tags, and when a limit is exceeded.
Node parse_yaml(std::string_view text, const std::shared_ptr<const std::string>& file,
                const ParseLimits& limits = {});

// Emits the tree as block-style YAML text, keys in document order; quoted scalars stay quoted so
// that parse_yaml(emit_yaml(n)) gives the same tree (up to locations).
std::string emit_yaml(const Node& node);

}  // namespace chainsim::config
