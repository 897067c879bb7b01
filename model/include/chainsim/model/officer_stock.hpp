#pragma once
// Protection officers as a stock: recruitment, training, attrition.
//
// Hiring keeps (trained + in training + being recruited) at the target (scaled down by a hiring
// freeze). A recruit starts after the recruitment delay, decides at `training_productivity` of
// a trained officer during training, then fully. Attrition is a proportional loss of trained
// officers, replaced by hiring like any other gap.
#include <array>
#include <bit>
#include <cstdint>

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
  // base^(days / days_per_unit), remembered for the last few (base, days): the rates repeat
  // from step to step, and so do the step lengths, though weekly steps cut at the period ends
  // take a few lengths in turn (one remembered value would be worked out again at most steps).
  class CachedPow {
   public:
    double of(double base, double days, double days_per_unit) {
      const Entry& last = entries_[last_];
      if (last.holds(base, days)) return last.value;
      return find_or_add(base, days, days_per_unit);
    }

   private:
    struct Entry {
      double base = 0.0, days = 0.0, value = 1.0;  // 0^0
      // The same bits (one test; a NaN finds its own entry, -0 and +0 have their own).
      bool holds(double b, double d) const {
        const auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
        return ((bits(base) ^ bits(b)) | (bits(days) ^ bits(d))) == 0;
      }
    };
    double find_or_add(double base, double days, double days_per_unit);
    static constexpr int kEntries = 8;
    std::array<Entry, kEntries> entries_{};
    int count_ = 1;  // entries in use
    int last_ = 0;   // the entry found last
    int next_ = 0;   // the entry replaced next once all are in use
  };

  const Calendar& calendar_;
  double trained_;
  CachedPow stay_;      // share of trained officers staying over the step
  CachedPow unfilled_;  // share of the hiring gap left unfilled over the step
  DelayLine recruiting_;  // hired, not yet started
  DelayLine training_;    // started, not yet fully productive
};

}  // namespace chainsim
