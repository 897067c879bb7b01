#pragma once
// The short monthly summary `chainsim run` prints: the numbers a planner looks at first.
#include <ostream>

#include "chainsim/model/series.hpp"

namespace chainsim::cli {

// Prints one row per reporting period (for long runs: the first 24 periods, then the last
// period of each year), then the KPIs, every number with its unit.
void print_summary(std::ostream& out, const Results& results);

}  // namespace chainsim::cli
