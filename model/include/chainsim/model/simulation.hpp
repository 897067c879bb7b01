#pragma once
// One run of the chain: a pure function of (Scenario, seed) that publishes to a Recorder.
//
// Persons move through the procedure (Dublin, the CGRS tracks, the CALL) in age-tracked cohort
// queues keyed by the step of their application; each queue lane is a segment x housing state
// (accommodated / waiting / not placed / outside), so reception follows every person through the
// procedure. docs/model.md gives the order of events in a step and every equation.
#include <algorithm>
#include <array>
#include <cstdint>
#include <memory_resource>
#include <string>
#include <vector>

#include "chainsim/model/age_histogram.hpp"
#include "chainsim/model/calendar.hpp"
#include "chainsim/model/cohort_queue.hpp"
#include "chainsim/model/delay_line.hpp"
#include "chainsim/model/integration_chain.hpp"
#include "chainsim/model/officer_stock.hpp"
#include "chainsim/model/policy_schedule.hpp"
#include "chainsim/model/reception_network.hpp"
#include "chainsim/model/scenario.hpp"
#include "chainsim/model/series.hpp"
#include "chainsim/model/series_catalog.hpp"

namespace chainsim {

// Housing state of a person in the procedure.
enum Housing : int {
  kAccommodated = 0,  // in a reception pool
  kWaiting = 1,       // on the waiting list
  kUnplaced = 2,      // asked for reception, found no place, not on the waiting list
  kOutside = 3,       // did not ask, is not entitled, or left reception
};
inline constexpr int kHousingStates = 4;
using HousingSplit = std::array<double, kHousingStates>;

// Lanes of one segment in every procedure queue: all persons, of whom accommodated, of whom
// asked but not placed (waiting or not), of whom waiting. Those outside are the rest, so the
// housing changes that only remove persons from a sub-count (leaving reception under the
// contribution rule, giving up waiting) are proportional leaks, O(lanes).
// A run in which nobody can ever ask for reception (every ask share 0 or excluded, no initial
// occupancy or waiting list, no policy on reception.*) keeps the first lane only: the sub-counts
// would be 0 throughout, and the queues do a quarter of the work (models_housing).
enum LaneKind : int { kAllLane = 0, kAccommodatedLane = 1, kAskedLane = 2, kWaitingLane = 3 };
inline constexpr int kLanesPerSegment = 4;
bool models_housing(const Scenario& scenario);
// Segments whose waiting lane can ever hold anyone: those that wait at the start, or every
// segment when a policy changes who waits (the scenario is only read; the parameter catalogue
// gives mutable views).
std::vector<int> segments_that_may_wait(Scenario& scenario);
HousingSplit decode_housing(const double* segment_lanes);
// Inline: every arrival row is encoded segment by segment.
inline void encode_housing(const HousingSplit& h, double* l) {
  l[kAllLane] = h[kAccommodated] + h[kWaiting] + h[kUnplaced] + h[kOutside];
  l[kAccommodatedLane] = h[kAccommodated];
  l[kAskedLane] = h[kWaiting] + h[kUnplaced];
  l[kWaitingLane] = h[kWaiting];
}

class Simulation {
 public:
  // `memory`, when given, is where the queues grow; a Workspace (workspace.hpp) keeps it for the
  // next run. The results are the same whatever memory the run gets.
  explicit Simulation(Scenario scenario, std::uint64_t seed = 0,
                      std::pmr::memory_resource* memory = nullptr);
  // Parts of the state refer to others (the delay lines and the network to the calendar, the
  // hazard shares in use to their cache): a copy would point into the original.
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Runs every step, publishing each reporting period and the KPIs to `recorder`.
  void run(Recorder& recorder);

  // Step-by-step use (tests): begin, then step() until it returns false, then finish().
  void begin(Recorder& recorder);
  bool step();
  void finish();

  const Scenario& scenario() const { return base_; }
  const Calendar& calendar() const { return calendar_; }
  int steps_done() const { return step_; }

  // State, for tests and checks (persons).
  double pending_cgrs() const;                      // all tracks
  double pending_cgrs(int segment, Housing h) const;
  double in_procedure(int segment, Housing h) const;  // every procedure stage
  double in_procedure(Housing h) const;
  double occupied() const { return network_.occupied_total(); }
  double waiting() const { return in_procedure(kWaiting); }
  double in_exit_period() const { return exits_.total(); }
  const ReceptionNetwork& network() const { return network_; }
  const OfficerStock& officers() const { return staff_; }
  const IntegrationChain& integration() const { return integration_; }

  // Largest relative violation, over segments, of
  //   persons in the chain = initial persons + cumulative inflows - cumulative outflows,
  // and of: persons in pools = accommodated in the procedure + persons in their exit period.
  double conservation_error() const;

  // Notes on how the initial stocks were placed when they did not fit the scenario exactly.
  const std::vector<std::string>& notes() const { return notes_; }

 private:
  // Lane of a segment's count `kind` (only kAllLane when housing_ is off).
  int lane(int segment, LaneKind kind) const { return segment * lanes_per_segment_ + kind; }
  // The housing of segment `segment` in a buffer of per-lane amounts, and the reverse. Without
  // housing the sub-counts are 0: the values decode_housing gives for zero lanes.
  HousingSplit housing_in(const double* lanes, int segment) const {
    if (housing_) return decode_housing(&lanes[lane(segment, kAllLane)]);
    const double all = lanes[segment];
    return {0.0, 0.0, 0.0, all > 0.0 ? all : 0.0};
  }
  void set_housing(double* lanes, int segment, const HousingSplit& h) const {
    if (housing_)
      encode_housing(h, &lanes[lane(segment, kAllLane)]);
    else
      lanes[segment] = h[kAccommodated] + h[kWaiting] + h[kUnplaced] + h[kOutside];
  }
  double* series(S s) { return series_[static_cast<int>(s)]; }
  CohortQueue& track(Track t) { return tracks_[static_cast<int>(t)]; }
  std::array<CohortQueue*, 5> procedure_queues();
  std::array<const CohortQueue*, 5> procedure_queues() const;
  int key_of_day(double day) const;

  // Set-up (simulation.cpp).
  void build_layout();
  void place_initial_stocks();
  void place_initial_reception();
  // Procedure (procedure.cpp).
  void run_dublin(int k);
  void run_cgrs(int k, double capacity_cases);
  // Routes the persons a step decided (decided_lanes_): first and subsequent applications.
  void route_cgrs_decisions(int k);
  template <bool housing>
  void route_cgrs_decisions();
  template <bool housing>
  void route_judgments(double* judged);  // the persons a CALL step judged, per lane; empties it
  void run_call(int k);
  void pass_beneficiaries(int k);
  void count_over_deadline(double age, double width, std::span<const double> served,
                           std::span<const CohortQueue::LaneRun> runs);
  // Where the final decisions of a pass over the segments go, two segments at a time
  // (procedure.cpp).
  struct FinalPass;
  FinalPass final_pass();
  enum class AfterNegative { at_decision = 0, after_exit = 1 };
  void flush_filings(int k);
  void flush_exits(int k);
  void flush_after_negative(int k);
  void release_returns(int k);
  // Reception (reception_flows.cpp).
  // Persons whose procedure ended without an exit period (transfer, withdrawal): the
  // accommodated leave their place now, the waiting leave the list. Defined here (as
  // leave_pools) so that the procedure's per-segment loops inline them: they run ~60 times a step.
  void leave_reception(int segment, const HousingSplit& by_housing) {
    leave_pools(segment, by_housing[kAccommodated]);
    series(S::waiting_list_procedure_ended)[0] += by_housing[kWaiting];
  }
  // Every departure from the pools of a step happens before the pools are next read (ageing
  // out, then placing): they are gathered per segment in leaving_pools_ and taken once, in
  // proportion to the segment's pools (several proportional removals in a row are one removal
  // of their sum).
  void leave_pools(int segment, double persons) {
    leave_pools(segment, persons, series(S::reception_out)[0]);
  }
  // The same with the series reception_out in `out` (a pass over the segments sums it in a local).
  void leave_pools(int segment, double persons, double& out) {
    if (!(persons > 0.0)) return;
    leaving_pools_[segment] += persons;
    out += persons;
  }
  void take_leavers_from_pools();
  HousingSplit housing_totals(int segment) const;
  void release_exits(int k);
  void apply_reception_rates(int k);
  void admit_arrivals(int k);
  void admit_from_waiting_list(int k);
  struct ArrivalTallies;  // the series of a step's arrivals, in locals (reception_flows.cpp)
  // Per segment, the shares of the policies in force that arrivals read (update_arrival_shares,
  // when the policies change).
  struct ArrivalShares {
    double ask_share, not_excluded, ask, dublin, fast_track;
    bool waits;
  };
  std::vector<ArrivalShares> arrival_shares_;
  void update_arrival_shares();
  void add_arrivals(int segment, int profile, double first, double planned, double subsequent_generated,
                    double placed_share, const ArrivalShares& shares, ArrivalTallies& tallies);
  // Accounting (simulation.cpp).
  void account_step(int k);
  const std::vector<char>& waiting_profiles();  // fills waiting_profiles_
  void close_period(int k);
  void pending_age_distribution(std::span<const CohortQueue* const> queues, double now,
                                AgeHistogram& out);
  void publish_integration(double period_end_day);
  std::vector<Kpi> kpis() const;

  Scenario base_;
  Scenario now_;  // base_ with the policies in force this step
  std::uint64_t seed_;
  Calendar calendar_;
  PolicySchedule policies_;
  int segments_;
  bool housing_;            // the housing sub-counts are tracked (models_housing)
  int lanes_per_segment_;   // kLanesPerSegment, or 1 without housing
  int lanes_;

  CohortQueue dublin_;
  std::array<CohortQueue, kTrackCount> tracks_;
  DelayLine call_filing_;  // lanes + 1: the last lane carries persons x application day
  CohortQueue call_;
  std::vector<double> call_origin_day_;  // per CALL key + call_key_offset_: mean application day
  std::vector<int> call_origin_key_;     // the same, as the key (step) of that day
  int call_key_offset_ = 0;              // initial appeals have keys -offset..-1
  DelayLine exits_;        // per segment: accommodated persons whose procedure ended
  DelayLine returns_;      // per segment x {voluntary, forced}
  DelayLine subsequent_;   // per segment: will lodge a subsequent application
  DelayLine registrations_;  // 1 lane: applications registered (series only)
  OfficerStock staff_;
  ReceptionNetwork network_;
  IntegrationChain integration_;
  // Persons granted protection in the current step, per segment, and x their application day.
  std::vector<double> granted_, granted_day_sum_;
  // Persons of the step leaving the pools, per segment, until take_leavers_from_pools.
  std::vector<double> leaving_pools_;

  std::vector<double> step_applications_;  // persons per step
  std::vector<double> step_migration_appeals_;  // CALL migration litigation lodged per step, cases
  double migration_pending_ = 0.0;              // CALL migration litigation pending, cases
  std::vector<double> subsequent_due_;     // per segment: subsequent applications of this step
  std::vector<std::vector<double>> step_planned_;  // per inflow, persons per step
  std::vector<double> case_cost_;          // per lane: cases per person (0 when suspended)
  std::vector<double> call_cost_;          // per lane: cases per person
  std::vector<int> all_lanes_, waiting_lanes_, accommodated_lanes_;
  std::vector<int> waiting_segments_;  // segments whose waiting lane may hold anyone (ascending)
  struct PoolAdmission {
    std::vector<int> from, to, also_from;  // lanes of the segments the pool takes
  };
  std::vector<PoolAdmission> admission_;  // per pool
  std::vector<char> waiting_profiles_;
  // Housing of the persons in the procedure at the end of the step (account_step), per segment,
  // and the waiting and unplaced totals: the period close reads them instead of summing again.
  // The split and the unplaced total are only filled at a period end or with the capacity rule on.
  std::vector<HousingSplit> step_housing_;
  double step_waiting_ = 0.0;
  double step_unplaced_ = 0.0;

  Recorder* recorder_ = nullptr;
  RunLayout layout_;
  std::vector<double> frame_;
  std::array<double*, kSeriesCount> series_{};  // where each series starts in frame_
  int step_ = 0;

  AgeHistogram decided_ages_period_;
  AgeHistogram decided_ages_run_;
  AgeHistogram fast_track_ages_period_;
  double fast_track_decided_ = 0.0;  // persons decided in the fast track this period
  double fast_track_late_ = 0.0;     // of whom after their deadline
  AgeHistogram call_ages_period_;
  AgeHistogram admitted_ages_period_;
  AgeHistogram scratch_ages_;
  std::vector<double> by_key_persons_;  // scratch of pending_age_distribution, per key

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
  // Scratch buffers reused every step (no allocation in the step loop).
  std::vector<double> served_buffer_, annul_buffer_;
  // Decided persons per lane and persons x application day per segment of a step, first
  // applications [0] (normal and fast track: same outcomes) and subsequent ones [1].
  std::array<std::vector<double>, 2> decided_lanes_, decided_day_sum_;
  // Per-lane buffers of the procedure steps (departures, judgments), 0 in every lane between
  // uses: the pass that reads one sets it to 0 as it goes, instead of each step zeroing it
  // first. empty_lanes(i) sizes one on first use.
  std::array<std::vector<double>, 2> empty_lanes_;
  std::vector<double>& empty_lanes(int which);
  std::array<std::vector<double>, 4> arrival_rows_;  // Dublin, then the tracks in Track order
  std::vector<double> segment_buffer_, planned_buffer_, lodged_buffer_, moved_buffer_;
  // hazard_share of one reception rate, computed again only when the rate or the step length
  // changes: steps of a day or a week repeat both, and exp is the dearest part.
  struct RepeatedShare {
    double rate = 0.0, days = 0.0, share = 0.0;  // hazard_share(0, days) is 0
    double of(double rate_per_month, double step_days);
  };
  RepeatedShare give_up_share_, contribution_share_, age_out_share_;
  double joined_list_step_ = 0.0;  // arrivals of the step put on the waiting list
  // Entries into the delays gathered during a step and added once per delay (flush_*).
  std::vector<double> pending_filing_;  // lanes + 1 (persons x application day)
  std::vector<double> pending_exit_voucher_, pending_exit_positive_, pending_exit_negative_;
  struct PendingAfterNegative {
    std::vector<double> returns;     // per segment x {voluntary, forced}, as the lanes of returns_
    std::vector<double> subsequent;  // per segment
  };
  std::array<PendingAfterNegative, 2> pending_after_negative_;  // at decision, after the exit period

  // Constants of the procedure steps derived from parameters and the step length
  // (update_procedure_constants, procedure.cpp), derived again when step() finds that the
  // policies changed a parameter (and at the first step), or when the step length changes.
  void update_procedure_constants(int k);
  void update_hazard_shares(double days);
  void update_outcome_shares();
  void update_delays();
  bool parameters_changed_ = true;  // set by step() before the procedure runs
  // The shares of a step's hazards for one step length. Weekly steps are cut at the period ends
  // and take a few lengths in turn: the shares of every length met since the parameters last
  // changed are kept (the first hazard_lengths_ entries; the storage of the others is reused).
  struct HazardShares {
    double days = 0.0;  // the step length they were derived for
    double dublin_transfer = 0.0, dublin_abscond = 0.0;
    std::vector<double> withdrawal;  // per lane
    bool any_withdrawal = false;
  };
  // The procedure's delays in days, worked out again when the parameters change: registration,
  // Dublin's time limit, filing an appeal, and from a final negative decision to a return and to
  // a subsequent application, at the decision [0] and after the exit period [1].
  struct ProcedureDelays {
    double registration = 0.0, dublin_limit = 0.0, filing = 0.0;
    std::array<double, 2> returns{}, subsequent{};
  };
  ProcedureDelays delays_;
  std::vector<HazardShares> hazard_shares_;
  std::size_t hazard_lengths_ = 0;
  const HazardShares* hazards_ = nullptr;  // the entry of the current step
  // How the CGRS decisions of first [0] and subsequent [1] applications split, per segment, in
  // blocks of two segments (the pass over the segments works on two at a time): a block holds
  // each DecisionShare of segments 2p and 2p + 1 (0 for a segment past the last).
  enum DecisionShare : int {
    kRefugee,
    kSubsidiary,
    kInadmissible,
    kRefusal,
    kAppealing,  // of the decided persons, those who appeal (refused or inadmissible); 0 when
                 // that share is not above 0
    kGranted,          // refugee + subsidiary
    kFinalNegative,    // refusal + inadmissible - appealing
    kPersonsPerCase,   // cgrs.persons_per_case
    kDecisionShares
  };
  std::array<std::vector<double>, 2> decision_shares_;
  struct JudgmentShares {  // of the CALL's judgments, per segment
    std::vector<double> annul, grant, reject;
  };
  JudgmentShares judgment_shares_;
  std::vector<double> annul_share_;  // per lane
};

// Runs a scenario and returns everything it published (its queues in `memory` when given, e.g.
// a Workspace kept from run to run).
Results simulate(const Scenario& scenario, std::uint64_t seed = 0,
                 std::pmr::memory_resource* memory = nullptr);

}  // namespace chainsim
