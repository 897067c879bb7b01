#pragma once
// Rates per month as hazards: the share of a stock that leaves over a step, whatever its length.
#include <cmath>

#include "chainsim/model/duration.hpp"

namespace chainsim {

// Share of a stock leaving over `days` at a constant hazard of `rate_per_month` (per average
// month of 30.436875 days): 1 - exp(-rate x days / 30.436875).
inline double hazard_share(double rate_per_month, double days) {
  return rate_per_month > 0.0 ? 1.0 - std::exp(-rate_per_month * days / kDaysPerMonth) : 0.0;
}

}  // namespace chainsim
