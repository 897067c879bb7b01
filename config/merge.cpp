#include "chainsim/config/merge.hpp"

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chainsim::config {

void deep_merge(Node& base, const Node& overlay) {
  if (!(base.is_map() && overlay.is_map())) {
    std::string key = std::move(base.key);
    const Location key_loc = base.key_loc;
    base = overlay;
    base.key = std::move(key);
    if (!overlay.key_loc.file) base.key_loc = key_loc;
    return;
  }
  // The overlay wrote this map (`cgrs:`), so errors about the map as a whole point at it.
  base.loc = overlay.loc;
  if (overlay.key_loc.file) base.key_loc = overlay.key_loc;

  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < base.children.size(); ++i) index.emplace(base.children[i].key, i);
  std::vector<bool> removed(base.children.size(), false);
  for (const Node& child : overlay.children) {
    const auto it = index.find(child.key);
    if (it == index.end()) {
      index.emplace(child.key, base.children.size());
      base.children.push_back(child);
      removed.push_back(false);
    } else if (child.is_null()) {
      removed[it->second] = true;  // `key: ~` in an overlay removes the key
    } else {
      removed[it->second] = false;
      deep_merge(base.children[it->second], child);
    }
  }
  std::vector<Node> kept;
  kept.reserve(base.children.size());
  for (std::size_t i = 0; i < base.children.size(); ++i)
    if (!removed[i]) kept.push_back(std::move(base.children[i]));
  base.children = std::move(kept);
}

}  // namespace chainsim::config
