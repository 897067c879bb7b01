#pragma once
// Small scenarios built in code, so that model tests do not depend on the YAML loader.
#include "chainsim/model/scenario.hpp"
#include "chainsim/model/scenario_defaults.hpp"

namespace chainsim::testing {

// One origin, one profile, constant applications; reception ample unless changed. No
// registration delay, so that an application is decided from the next step on.
inline Scenario single_segment(Date start, Date end, StepUnit step, double per_month) {
  Scenario s;
  s.name = "test";
  s.time = {start, end, step, ReportUnit::month};
  s.segments.origins = {"any"};
  s.segments.profiles = {"adult"};
  const Calendar cal(s.time);
  const int months = (end.year() - start.year()) * 12 + (end.month() - start.month()) + 1;
  s.applications.monthly_persons.assign(static_cast<std::size_t>(months), per_month);
  s.applications.segment_share = {1.0};
  s.cgrs.officers = 1.0;
  s.cgrs.decisions_per_officer_per_month = 0.0;
  s.cgrs.persons_per_case = {1.0};
  s.cgrs.outcomes.refugee = {0.5};
  s.cgrs.initial_pending_persons = 0.0;
  s.registration.delay = Duration::of_days(0);
  s.reception.pools = {make_pool("network", 1e9)};
  s.reception.saturation = 1.0;
  s.reception.ask_share = {1.0};
  s.reception.priority = {0};
  s.reception.waits = {0.0};
  fill_defaults(s);
  return s;
}

// Two origins x two profiles (family first in priority, single_man waits), the shape of the
// Belgian case in miniature.
inline Scenario two_by_two(StepUnit step) {
  Scenario s;
  s.name = "two-by-two";
  s.time = {Date(2025, 1, 1), Date(2026, 12, 31), step, ReportUnit::month};
  s.segments.origins = {"high", "low"};
  s.segments.profiles = {"family", "single_man"};
  s.applications.monthly_persons.assign(24, 3000.0);
  for (int m = 6; m < 12; ++m) s.applications.monthly_persons[m] = 4500.0;
  s.applications.segment_share = {0.24, 0.36, 0.16, 0.24};
  s.cgrs.officers = 300.0;
  s.cgrs.decisions_per_officer_per_month = 8.0;
  s.cgrs.persons_per_case = {1.5, 1.0, 1.5, 1.0};
  s.cgrs.outcomes.refugee = {0.8, 0.8, 0.2, 0.2};
  s.cgrs.initial_pending_persons = 20000.0;
  s.reception.pools = {make_pool("network", 30000.0, 60.0)};
  s.reception.saturation = 0.94;
  s.reception.ask_share = {1.0, 0.9, 1.0, 0.9};
  s.reception.priority = {0, 1};
  s.reception.waits = {0.0, 1.0, 0.0, 1.0};
  s.reception.exit_after_negative_days = 30.0;
  s.reception.exit_after_positive_days = 2.0 * kDaysPerMonth;
  s.reception.initial_accommodated = 25000.0;
  s.reception.initial_waiting = 1500.0;
  fill_defaults(s);
  return s;
}

}  // namespace chainsim::testing
