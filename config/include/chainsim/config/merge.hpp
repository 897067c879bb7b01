#pragma once
// Deep merge of scenario trees (used by `extends:` and by `--set`).
#include "chainsim/config/node.hpp"

namespace chainsim::config {

// Merges `overlay` on top of `base`, in place:
// - maps merge key by key, recursively; keys new in the overlay are appended in its order;
// - scalars and lists replace (a list is never merged item by item);
// - a key whose overlay value is null (`key: ~` or `key:`) removes that key from the base
//   (a null value on its own means "not given", as everywhere in a scenario);
// - every node keeps the location of the file it came from.
void deep_merge(Node& base, const Node& overlay);

}  // namespace chainsim::config
