#pragma once
// Applies the policies in force on a day to the working copy of a scenario.
#include <vector>

#include "chainsim/model/calendar.hpp"
#include "chainsim/model/parameters.hpp"
#include "chainsim/model/scenario.hpp"

namespace chainsim {

// Scales down, per segment, any group of shares that must sum to at most 1 (CGRS outcomes, CALL
// outcomes, the return split) and sums to more. Returns whether it changed any value.
bool normalise_share_groups(Scenario& scenario);

class PolicySchedule {
 public:
  // `base` holds the parameters without policies; paths are resolved against it.
  // Throws std::invalid_argument for an unknown path or a value of the wrong size (the loader
  // refuses both before; this guards programmatic use).
  PolicySchedule(const Scenario& base, const Calendar& calendar);

  bool empty() const { return changes_.empty(); }
  // Sets every parameter touched by a policy in `current` to its base value, then applies the
  // policies in force on `day` (days since the start). `current` must be a copy of `base`, and
  // from the second call on the scenario of the previous call, changed only by this class.
  // Returns false when `current` is left as it was: the same changes are in force with the same
  // weights as at the previous call, which left a state that applying again reproduces.
  bool apply(double day, Scenario& current);

 private:
  struct Resolved {
    ParamRef ref;
    const ParameterChange* change;
    double from_day;
    double to_day;  // +inf when open
    double ramp_days;
  };
  struct Touched {
    ParamRef ref;
    std::vector<double> base;
  };
  // The weight of a change on `day`: 0..1 along its ramp, kNotInForce outside its dates.
  static double weight(const Resolved& r, double day);
  static constexpr double kNotInForce = -1.0;

  std::vector<Resolved> changes_;
  std::vector<Touched> touched_;
  std::vector<double> weights_;  // [change] of the previous apply
  // The previous apply ran and its share normalisation changed nothing: its result is a fixed
  // point of apply with the same weights.
  bool settled_ = false;
};

}  // namespace chainsim
