#pragma once
// A Belgian-sized scenario built in code: 4 origin groups x 4 profiles = 16 segments, ten
// years, a backlog and a saturated network, so every branch of the step runs.
#include "chainsim/model/scenario.hpp"

namespace chainsim::bench {

inline Scenario belgian_sized(StepUnit step, int years = 10) {
  Scenario s;
  s.name = "belgian-sized";
  s.time = {Date(2025, 1, 1), Date(static_cast<unsigned short>(2025 + years - 1), 12, 31), step, ReportUnit::month};
  s.segments.origins = {"high_recognition", "protected_elsewhere", "safe_country", "other"};
  s.segments.profiles = {"single_man", "family", "vulnerable", "uam"};
  const double origin_share[] = {0.45, 0.122, 0.05, 0.378};
  const double profile_share[] = {0.55, 0.30, 0.09, 0.06};
  const double positive[] = {0.75, 0.35, 0.05, 0.20};
  for (int o = 0; o < 4; ++o)
    for (int p = 0; p < 4; ++p) {
      s.applications.segment_share.push_back(origin_share[o] * profile_share[p]);
      s.cgrs.positive_share.push_back(positive[o]);
      s.cgrs.persons_per_case.push_back(p == 1 ? 2.5 : 1.0);
      s.reception.ask_share.push_back(0.92);
    }
  s.applications.monthly_persons.assign(static_cast<std::size_t>(12 * years), 3301.0);
  for (int m = 0; m < 12 * years; m += 12) s.applications.monthly_persons[m + 9] = 4383.0;  // October peaks
  s.cgrs.officers = 300.0;
  s.cgrs.decisions_per_officer_per_month = 7.63;
  s.cgrs.initial_pending_persons = 32007.0;
  s.cgrs.initial_pending_spread = {12.0, DurationUnit::month};
  s.reception.pools = {{"network", 36205.0, 62.0}};
  s.reception.priority = {3, 2, 1, 0};
  s.reception.profile_waits = {true, false, false, false};
  s.reception.exit_after_positive = {4.0, DurationUnit::month};
  s.reception.initial_accommodated = 34033.0;
  s.reception.initial_waiting = 2809.0;
  return s;
}

}  // namespace chainsim::bench
