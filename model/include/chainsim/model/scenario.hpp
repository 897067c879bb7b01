#pragma once
// The typed, fully resolved scenario: everything a run needs, nothing read from disk.
//
// The loader (config/) builds it from YAML, expands per-origin/per-profile values, checks every
// bound and refuses what it cannot use; the engine trusts it. Each field states its unit and,
// where one exists, its default; docs/scenario-reference.md lists the YAML keys and bounds.
// Rates "per month" are hazards per average month (30.436875 days); shares are in [0, 1].
#include <string>
#include <vector>

#include "chainsim/model/calendar.hpp"
#include "chainsim/model/duration.hpp"
#include "chainsim/model/integration_params.hpp"
#include "chainsim/model/policy.hpp"
#include "chainsim/model/segments.hpp"

namespace chainsim {

inline constexpr int kSchemaVersion = 1;

// A planned inflow outside the spontaneous applications (resettlement, relocation,
// humanitarian corridor): persons who arrive and lodge an application in their segments.
struct PlannedInflow {
  std::string name;
  std::vector<double> monthly_persons;  // persons per calendar month, months as in Applications
  SegmentValues segment_share;          // sums to 1
};

struct Applications {
  // Persons applying in each calendar month, from the month of time.start to the month of
  // time.end inclusive (persons/month). A month is spread evenly over its days.
  std::vector<double> monthly_persons;
  SegmentValues segment_share;     // share of applicants in each segment (sums to 1)
  double subsequent_share = 0.0;   // share of these applications that are subsequent ones
  std::vector<PlannedInflow> planned;
};

struct Registration {
  Duration delay{3.0, DurationUnit::day};  // Immigration Office: application to registration
};

struct Dublin {
  SegmentValues share;              // share of registered applicants examined under Dublin (default 0)
  double transfer_rate = 0.0;       // per month: transfers out of those in the Dublin procedure
  double abscond_rate = 0.0;        // per month: absconding from the Dublin procedure
  Duration time_limit{6.0, DurationUnit::month};  // after it the case goes on to the CGRS
};

// First-instance decision outcomes, shares of decided persons per segment; refusal is the rest.
struct Outcomes {
  SegmentValues refugee;
  SegmentValues subsidiary;
  SegmentValues inadmissible;
};

enum class Track : int { normal = 0, fast_track = 1, subsequent = 2 };
inline constexpr int kTrackCount = 3;

struct Cgrs {
  // Staff: protection officers as a stock. Hiring keeps trained + in training + being recruited
  // at target_officers (unless frozen); recruits arrive after recruitment_delay, decide at
  // training_productivity of a trained officer for `training`, then fully.
  double officers = 0.0;                         // trained officers at time.start (FTE)
  double target_officers = 0.0;                  // FTE (the loader's default: officers)
  Duration recruitment_delay{0.0, DurationUnit::day};
  Duration training{6.0, DurationUnit::month};
  double training_productivity = 0.0;            // share of full output while in training
  double attrition_per_year = 0.0;               // share of officers leaving per year
  double hiring_freeze = 0.0;                    // share of the hiring gap left unfilled per month (1 = no hiring)
  double decisions_per_officer_per_month = 0.0;  // cases per trained officer per month
  double productivity = 1.0;                     // multiplier on decisions per officer

  SegmentValues persons_per_case;                // persons/case, >= 1 (default 1.2)
  Outcomes outcomes;
  SegmentValues fast_track;                      // share of a segment's applicants in the fast track (0/1)
  SegmentValues fast_track_deadline_days;        // legal deadline of the fast track, days (default 21)
  SegmentValues suspended;                       // 1 = decisions frozen for the segment
  std::vector<Track> track_priority{Track::fast_track, Track::subsequent, Track::normal};
  SegmentValues subsequent_inadmissible;         // share of subsequent applications declared inadmissible
  SegmentValues withdrawal_rate;                 // per month, of persons pending at the CGRS

  double initial_pending_persons = 0.0;          // persons pending at time.start (normal track)
  Duration initial_pending_spread{6.0, DurationUnit::month};
};

struct CallOutcomes {  // shares of judged persons per segment; rejection is the rest
  SegmentValues annul;
  SegmentValues refugee;
  SegmentValues subsidiary;
};

struct Call {
  SegmentValues appeal_share_refusal;       // share of refused persons who appeal (default 0)
  SegmentValues appeal_share_inadmissible;  // share of persons declared inadmissible who appeal
  Duration filing_delay{20.0, DurationUnit::day};
  double judgments_per_month = 0.0;         // cases per month
  CallOutcomes outcomes;
  double initial_pending_cases = 0.0;
  Duration initial_pending_spread{6.0, DurationUnit::month};
  // The CALL's other litigation (appeals against Immigration Office decisions: visas, family
  // reunification, regularisation, removal). It is outside the asylum chain but shares the
  // judges: the published CALL totals (EMN 2024: 23 159 appeals, 19 579 judgments, 17 509
  // pending) count both. Cases only; no persons follow them into the chain.
  std::vector<double> migration_monthly_cases;  // cases lodged per calendar month (as Applications)
  double migration_initial_pending_cases = 0.0;
};

struct Returns {  // what follows a final negative decision; irregular stay is the rest
  SegmentValues voluntary;
  SegmentValues forced;
  SegmentValues subsequent;  // lodge a subsequent application
  Duration delay{3.0, DurationUnit::month};             // final negative to return
  Duration subsequent_delay{6.0, DurationUnit::month};  // final negative to the new application
};

// A dated change of a pool's places: decided on `decided`, effective `lead_time` later.
struct CapacityChange {
  Date decided{2000, 1, 1};
  Duration lead_time{0.0, DurationUnit::day};
  double places = 0.0;  // + opening, - closure
};

struct Pool {
  std::string name;
  double capacity = 0.0;               // places at time.start
  std::vector<CapacityChange> changes;
  std::vector<char> takes_profile;     // per profile: 1 if the pool may accommodate it (default all)
  double cost_per_place_day = 0.0;     // EUR per available place per day
  double cost_per_occupied_day = 0.0;  // EUR per occupied place per day, on top
  bool overflow = false;  // emergency/hotel places used only when the regular pools are full
};

// A planner's rule that orders places when demand nears capacity and closes them when it falls
// (off by default). Reviewed every `review`; acts on what it saw `decision_delay` earlier.
struct CapacityRule {
  bool enabled = false;
  int pool = 0;                          // index of the pool whose places it changes
  Duration review{1.0, DurationUnit::month};
  Duration decision_delay{1.0, DurationUnit::month};
  Duration opening_lead_time{6.0, DurationUnit::month};
  Duration closure_lead_time{3.0, DurationUnit::month};
  double upper = 0.97;   // demand / places above this: open places
  double lower = 0.80;   // demand / places below this: close places
  double target = 0.90;  // demand / places aimed at when acting
  double buffer = 0.0;   // extra share of places kept on top of the target
  double min_capacity = 0.0;
  double max_capacity = 1e12;
};

struct Reception {
  std::vector<Pool> pools;
  double saturation = 0.94;  // share of a regular pool's places that can be used (Fedasil: 94 %)
  SegmentValues ask_share;   // share of new applicants asking for reception (default 1)
  SegmentValues excluded;    // 1 = not entitled to reception (e.g. protected elsewhere), default 0
  // Profiles in allocation order, highest priority first (indices into segments.profiles).
  std::vector<int> priority;
  // Per segment (set per profile): 1 = waits on the waiting list when the network is full;
  // 0 = overflow pool if any, else outside the network, counted as not accommodated.
  SegmentValues waits;
  double give_up_rate = 0.0;  // per month, persons on the waiting list who stop waiting
  double exit_after_negative_days = 30.0;   // stay after a final negative decision, days
  double exit_after_positive_days = 60.87375;  // transition after protection, days (default 2mo)
  double meal_voucher_share = 0.0;          // share of protected residents leaving with vouchers
  double meal_voucher_exit_days = 15.0;     // their (shorter) stay after the decision, days
  double contribution_leave_rate = 0.0;     // per month, employed applicants leaving (Cumul)
  Duration contribution_after{4.0, DurationUnit::month};  // labour-market access after application
  double uam_age_out_rate = 0.0;  // per month, accommodated minors turning 18
  int uam_profile = -1;           // profile of the minors (-1: none)
  int uam_age_out_pool = -1;      // pool they move to from any other pool (-1: none)
  double humanitarian_capacity = 0.0;  // places outside the network (Brussels deal)
  double humanitarian_uptake = 0.0;    // share of those not accommodated who use them
  CapacityRule capacity_rule;
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
  Registration registration;
  Dublin dublin;
  Cgrs cgrs;
  Call call;
  Returns returns;
  Reception reception;
  Integration integration;
  std::vector<Policy> policies;  // dated parameter changes, in the order given
};

}  // namespace chainsim
