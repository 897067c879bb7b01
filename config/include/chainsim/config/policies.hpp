#pragma once
// The `policies` section: dated parameter changes addressed by catalogue path
// (model/parameters.hpp), in either of two forms:
//
//   policies:                        # map form (recommended): name -> policy; overlays that
//     hire-59:                       # `extends` a scenario add or change policies by name
//       from: 2025-03-01
//       add: {cgrs.target_officers: 59}
//
//   policies:                        # list form: each item has a `name`; an overlay replaces
//     - name: hire-59                # the whole list
//       from: 2025-03-01
//       add: {cgrs.target_officers: 59}
#include <string>
#include <vector>

#include "chainsim/config/node.hpp"
#include "chainsim/model/policy.hpp"
#include "chainsim/model/scenario.hpp"

namespace chainsim::config {

// Reads the policies at `path` against `scenario` (segments and pools already built): every
// path must resolve with resolve_parameter, every value fits the parameter's shape and bounds
// (`set`: the catalogue's bounds; `add`: any finite number; `scale`: >= 0). Throws InputError.
std::vector<Policy> read_policies(const Node& node, const std::string& path,
                                  const Scenario& scenario);

}  // namespace chainsim::config
