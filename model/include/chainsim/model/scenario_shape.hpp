#pragma once
// The structural consistency of a scenario built in code: the loader refuses bad shapes with a
// file, line and key, but a scenario assembled by a program (tests, sweeps, bindings) reaches the
// engine directly, and a per-segment vector one value short would be read past its end.
#include "chainsim/model/scenario.hpp"

namespace chainsim {

// Throws std::invalid_argument naming the field when a per-segment value has not one value per
// segment, a pool's profile list not one entry per profile, or an index (priority, minors'
// profile and pool) points outside its list. Call fill_defaults first for the empty ones.
void check_shapes(const Scenario& scenario);

}  // namespace chainsim
