#pragma once
// Protection officers as a stock: recruitment, training, attrition.
//
// Hiring keeps (trained + in training + being recruited) at the target (scaled down by a hiring
// freeze). A recruit starts after the recruitment delay, decides at `training_productivity` of
// a trained officer during training, then fully. Attrition is a proportional loss of trained
// officers, replaced by hiring like any other gap.
#include "chainsim/model/calendar.hpp"
#include "chainsim/model/delay_line.hpp"
#include "chainsim/model/scenario.hpp"

namespace chainsim {

class OfficerStock {
 public:
  OfficerStock(const Calendar& calendar, const Cgrs& cgrs);

  // Advances step k under the current parameters; returns the decision capacity of the step in
  // cases.
  double step(int k, const Cgrs& cgrs);

  double trained() const { return trained_; }
  double in_training() const { return training_.total(); }
  double being_recruited() const { return recruiting_.total(); }

 private:
  // x^y, remembered for the last (x, y): the rates and step lengths repeat from step to step.
  struct CachedPow {
    double x = 0.0;
    double y = 0.0;
    double value = 1.0;  // 0^0
    double operator()(double base, double exponent);
  };

  const Calendar& calendar_;
  double trained_;
  CachedPow stay_;      // share of trained officers staying over the step
  CachedPow unfilled_;  // share of the hiring gap left unfilled over the step
  DelayLine recruiting_;  // hired, not yet started
  DelayLine training_;    // started, not yet fully productive
};

}  // namespace chainsim
