#pragma once
// From the model's reporting periods to an observed period (a month, quarter, year or one day).
//
//   flow   summed over the model periods that make up the observed period exactly;
//   stock  the value at the observed period's last day: exact when that day ends a model period,
//          otherwise interpolated linearly in days between the two model period ends around it
//          (a dated snapshot such as 2017-05-17 lies between the April and May month ends);
//   rate   the mean of the model periods that make up the observed period; for a one-day
//          observation, the value of the model period that contains the day.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "chainsim/model/calendar.hpp"
#include "chainsim/model/series.hpp"

namespace chainsim::calibration {

// The model's reporting periods: period p covers [start of p, ends[p]], the first one starting on
// `start` and each next one on the day after the previous end.
struct PeriodGrid {
  Date start;
  std::vector<Date> ends;
};

struct Aggregated {
  std::optional<double> value;  // nullopt when the observed period cannot be built
  std::string problem;          // why not, e.g. "2025-02-15 is inside a model period"
};

// `values` holds one value per model period (the total column of a series).
Aggregated aggregate(std::span<const double> values, const PeriodGrid& grid, SeriesKind kind,
                     Date first_day, Date last_day);

}  // namespace chainsim::calibration
