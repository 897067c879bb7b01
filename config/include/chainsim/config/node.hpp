#pragma once
// The loader's own YAML tree: every node remembers the file, line and column it came from,
// so that errors found after merging (extends, --set) still point at the right place.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "chainsim/config/location.hpp"

namespace chainsim::config {

enum class NodeKind { null, scalar, sequence, map };

struct Node {
  NodeKind kind = NodeKind::null;
  std::string text;     // scalar text
  bool quoted = false;  // scalar written quoted or as a block scalar: always text, never a number
  Location loc;         // where the value starts
  std::string key;      // when this node is a value in a map: its key …
  Location key_loc;     // … and where the key is written
  std::vector<Node> children;  // sequence items, or map values (with their keys) in order

  bool is_null() const { return kind == NodeKind::null; }
  bool is_scalar() const { return kind == NodeKind::scalar; }
  bool is_sequence() const { return kind == NodeKind::sequence; }
  bool is_map() const { return kind == NodeKind::map; }

  // Map lookup by key (linear; maps in scenarios are small). nullptr when absent.
  const Node* find(std::string_view name) const;
  Node* find(std::string_view name);
  // Removes a map entry; returns whether it was there.
  bool erase(std::string_view name);

  // Number of nodes in this subtree, this one included.
  std::size_t size() const;
};

// "a map", "a list", "text", "nothing": for messages such as "expected a number, got a map".
std::string describe(const Node& node);

// Sets the location of every node of the subtree (values and keys) to `where`.
void relocate(Node& node, const Location& where);

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c".
std::string join_path(std::string_view parent, std::string_view key);
// "a.b" + 2 -> "a.b[2]" (0-based, as in most tools).
std::string index_path(std::string_view parent, std::size_t index);

}  // namespace chainsim::config
