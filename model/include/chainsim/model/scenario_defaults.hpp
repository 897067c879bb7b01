#pragma once
// Documented defaults for the per-segment values of a scenario built in code (the loader fills
// them itself): every empty SegmentValues gets one value per segment.
#include <string>
#include <vector>

#include "chainsim/model/scenario.hpp"

namespace chainsim {

// Fills every empty per-segment vector with its default (persons_per_case 1.2, fast-track
// deadline 21 days, subsequent_inadmissible 0.8, ask_share 1, the rest 0), pools' empty
// takes_profile with "all profiles", an empty priority with profile order, and
// target_officers (when 0) with officers.
void fill_defaults(Scenario& scenario);

// A pool built in code: `takes_profile` empty means every profile (see fill_defaults).
Pool make_pool(std::string name, double capacity, double cost_per_place_day = 0.0,
               std::vector<char> takes_profile = {}, bool overflow = false);

// Every per-segment vector of a scenario, for code that changes the segments (tests, sweeps).
std::vector<SegmentValues*> segment_value_fields(Scenario& scenario);
// Clears every per-segment vector and fills the defaults again: after changing origins or
// profiles, set the values that matter again.
void reset_segment_values(Scenario& scenario);

}  // namespace chainsim
