#pragma once
// The typed, fully resolved scenario: everything a run needs, nothing read from disk.
//
// The loader (config/) builds it from YAML, expands per-origin/per-profile values, checks every
// bound and refuses what it cannot use; the engine trusts it. Each field states its unit and,
// where one exists, its default. Bounds are enforced by the loader and listed in
// docs/scenario-reference.md.
#include <string>
#include <vector>

#include "chainsim/model/calendar.hpp"
#include "chainsim/model/duration.hpp"
#include "chainsim/model/policy.hpp"
#include "chainsim/model/segments.hpp"

namespace chainsim {

inline constexpr int kSchemaVersion = 1;

struct Applications {
  // Persons applying in each calendar month, from the month of time.start to the month of
  // time.end inclusive (persons/month). A month is spread evenly over its days.
  std::vector<double> monthly_persons;
  // Share of applicants in each segment (sums to 1).
  SegmentValues segment_share;
};

struct Cgrs {
  double officers = 0.0;                         // protection officers, full-time equivalents
  double decisions_per_officer_per_month = 0.0;  // cases per officer per month
  SegmentValues persons_per_case;                // persons/case, >= 1 (default 1.2)
  SegmentValues positive_share;                  // share of decided persons granted protection
  double initial_pending_persons = 0.0;          // persons pending at time.start
  // Initial pending persons applied evenly over this period before time.start (default 6mo).
  Duration initial_pending_spread{6.0, DurationUnit::month};
};

struct Pool {
  std::string name;
  double capacity = 0.0;            // places
  double cost_per_place_day = 0.0;  // EUR per available place per day
};

struct Reception {
  std::vector<Pool> pools;
  double saturation = 0.94;  // share of places that can be used (Fedasil: 94 %)
  SegmentValues ask_share;   // share of new applicants asking for reception (default 1)
  // Profiles in allocation order, highest priority first (indices into segments.profiles).
  std::vector<int> priority;
  // Per profile: true = waits on the waiting list when the network is full; false = stays
  // outside the network and is counted as not accommodated.
  std::vector<bool> profile_waits;
  Duration exit_after_negative{30.0, DurationUnit::day};
  Duration exit_after_positive{2.0, DurationUnit::month};
  double initial_accommodated = 0.0;  // persons in reception at time.start
  double initial_waiting = 0.0;       // persons on the waiting list at time.start
};

struct Scenario {
  int schema = kSchemaVersion;
  std::string name;
  std::string description;
  TimeSettings time;
  SegmentSet segments;
  Applications applications;
  Cgrs cgrs;
  Reception reception;
  std::vector<Policy> policies;  // dated parameter changes, in the order given
};

}  // namespace chainsim
