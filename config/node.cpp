#include "chainsim/config/node.hpp"

#include <algorithm>
#include <utility>

namespace chainsim::config {

const std::string& Location::file_name() const {
  static const std::string kUnknown;
  return file ? *file : kUnknown;
}

Location make_location(const std::shared_ptr<const std::string>& file, int line, int column) {
  return Location{file, line, column};
}

std::shared_ptr<const std::string> share_name(std::string name) {
  return std::make_shared<const std::string>(std::move(name));
}

const Node* Node::find(std::string_view name) const {
  if (kind != NodeKind::map) return nullptr;
  for (const Node& child : children)
    if (child.key == name) return &child;
  return nullptr;
}

Node* Node::find(std::string_view name) {
  return const_cast<Node*>(static_cast<const Node*>(this)->find(name));
}

bool Node::erase(std::string_view name) {
  if (kind != NodeKind::map) return false;
  const auto it =
      std::find_if(children.begin(), children.end(), [&](const Node& c) { return c.key == name; });
  if (it == children.end()) return false;
  children.erase(it);
  return true;
}

std::size_t Node::size() const {
  std::size_t n = 1;
  for (const Node& child : children) n += child.size();
  return n;
}

std::string describe(const Node& node) {
  switch (node.kind) {
    case NodeKind::null:
      return "nothing (an empty value)";
    case NodeKind::map:
      return "a map";
    case NodeKind::sequence:
      return "a list";
    case NodeKind::scalar:
      return node.quoted ? "the text \"" + node.text + "\"" : "'" + node.text + "'";
  }
  return "?";
}

void relocate(Node& node, const Location& where) {
  node.loc = where;
  node.key_loc = where;
  for (Node& child : node.children) relocate(child, where);
}

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string out(parent);
  out += '.';
  out += key;
  return out;
}

std::string index_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

}  // namespace chainsim::config
