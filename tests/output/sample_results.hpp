#pragma once
// A small hand-made run for the output tests: 4 monthly periods (or fewer), 2 total series
// (one with a NaN), 1 segment series over 3 segments, 1 pool series over 2 pools, 2 KPIs.
#include "chainsim/model/series.hpp"
#include "chainsim/output/run_metadata.hpp"

namespace chainsim::output::testing {

// periods: 1..4; the values of the first periods do not depend on how many there are.
Results sample_results(int periods = 4);
RunMetadata sample_metadata();

}  // namespace chainsim::output::testing
