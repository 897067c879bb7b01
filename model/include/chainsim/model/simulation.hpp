#pragma once
// One run of the chain: a pure function of (Scenario, seed) that publishes to a Recorder.
//
// Step order (docs/model.md): 1. the CGRS decides on whoever was pending at the start of the
// step; 2. reception exits that fall due leave; 3. new applicants arrive and are placed by
// profile priority, put on the waiting list, or stay outside; 4. the waiting list is admitted
// oldest first into the places still free. Persons entering a stage in step k are served from
// step k+1 on, as in any explicit stock-flow model.
#include <cstdint>
#include <string>
#include <vector>

#include "chainsim/model/age_histogram.hpp"
#include "chainsim/model/calendar.hpp"
#include "chainsim/model/cohort_queue.hpp"
#include "chainsim/model/delay_line.hpp"
#include "chainsim/model/scenario.hpp"
#include "chainsim/model/series.hpp"
#include "chainsim/model/series_catalog.hpp"

namespace chainsim {

// Housing attribute of a person in the procedure: the lanes of the CGRS queue are
// segment * kHousingStates + housing.
enum Housing : int { kAccommodated = 0, kWaiting = 1, kOutside = 2 };
inline constexpr int kHousingStates = 3;

class Simulation {
 public:
  Simulation(Scenario scenario, std::uint64_t seed = 0);

  // Runs every step, publishing each reporting period and the KPIs to `recorder`.
  void run(Recorder& recorder);

  // Step-by-step use (tests): begin, then step() until it returns false, then finish().
  void begin(Recorder& recorder);
  bool step();
  void finish();

  const Scenario& scenario() const { return scenario_; }
  const Calendar& calendar() const { return calendar_; }
  int steps_done() const { return step_; }

  // State, for tests and checks (persons).
  double pending(int segment, Housing h) const;
  double pending_total() const { return cgrs_.total(); }
  double occupied() const;
  double waiting() const;
  double in_exit_period() const { return exits_.total(); }
  const CohortQueue& cgrs_queue() const { return cgrs_; }

  // Largest relative violation, over segments, of
  //   persons in the chain = initial persons + cumulative inflows - cumulative outflows.
  double conservation_error() const;

  // Notes on how the initial stocks were placed when they did not fit the scenario exactly
  // (e.g. more initially waiting persons than pending applicants of waiting-list profiles).
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  int lane(int segment, Housing h) const { return segment * kHousingStates + h; }
  double effective_capacity() const;
  double nominal_capacity() const;
  double* series(S s) { return &frame_[layout_.offset[static_cast<int>(s)]]; }

  void build_layout();
  void place_initial_stocks();
  void decide(int k);
  void release_exits(int k);
  void admit_arrivals(int k);
  void admit_from_waiting_list(int k);
  void account_step(int k);
  void close_period(int k);
  std::vector<Kpi> kpis() const;

  Scenario scenario_;
  std::uint64_t seed_;
  Calendar calendar_;
  int segments_;
  int lanes_;
  CohortQueue cgrs_;
  DelayLine exits_;  // lanes: segments; accommodated persons whose procedure has ended
  std::vector<double> step_applications_;  // persons per step
  std::vector<double> case_cost_;          // per lane: cases per person
  std::vector<int> waiting_lanes_;
  std::vector<int> accommodated_lanes_of_waiting_;
  std::vector<int> all_lanes_;

  Recorder* recorder_ = nullptr;
  RunLayout layout_;
  std::vector<double> frame_;
  int step_ = 0;

  AgeHistogram decided_ages_period_;
  AgeHistogram decided_ages_run_;
  AgeHistogram admitted_ages_period_;
  AgeHistogram pending_ages_;  // scratch

  // Conservation bookkeeping, per segment.
  std::vector<double> initial_persons_;
  std::vector<double> cumulative_in_;
  std::vector<double> cumulative_out_;

  // KPI accumulators.
  double peak_pending_ = 0.0;
  double peak_occupied_ = 0.0;
  double peak_waiting_ = 0.0;
  double waiting_person_days_ = 0.0;
  double total_cost_ = 0.0;
  double saturated_days_ = 0.0;

  std::vector<std::string> notes_;
};

// Runs a scenario and returns everything it published.
Results simulate(const Scenario& scenario, std::uint64_t seed = 0);

}  // namespace chainsim
