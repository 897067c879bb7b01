#pragma once
// The labour-market and integration block (issue 5): beneficiaries of protection by years since
// status with labour-market states, the civic-integration programme, family reunification,
// temporary protection (Ukraine), and the employment of applicants. Pure: no I/O, no globals.
// docs/integration.md states the equations; this header states what each call does.
//
// How the Simulation drives it, every step k (in this order):
//   1. add_beneficiaries(k, segment, persons, mean_wait_days) for each segment with persons
//      granted protection in step k (CGRS or CALL), with the mean time they waited since their
//      application (days);
//   2. step(k, params, positive_decisions) once, with the parameters in force in step k (after
//      policies) and the persons granted protection in step k (all segments; the base of family
//      reunification);
//   3. when step k ends a reporting period: read the stocks and rates below, and
//      take_period_flows() for the flows summed since the previous call; and
//      applicants_employed(pending_ages, params) with the ages (days since application) of the
//      applicants still pending at the end of the step.
//
// Semantics.
// - Cohorts are calendar months of status. Persons added in step k join the cohort of the
//   calendar month that holds mid_day(k) (steps never straddle a month when reporting monthly).
//   A cohort of month m is in year-since-status k = floor((M - m) / 12) during calendar month M:
//   exactly 12k months after its month it enters year k. Years 15 and more are one bucket
//   ("15+"); cohorts that reach it are merged, so the cost does not grow with the horizon.
// - Explicit scheme, as in the rest of the engine: persons added in step k are exposed to the
//   hazards from step k+1 on. With monthly steps a cohort of month m has been exposed exactly
//   M - m months at the end of month M.
// - Within a step the hazards are constant on each part of the step that lies in one calendar
//   month (a step crossing a month end is cut there), and the labour states move by the exact
//   solution of the linear system (matrix exponential), so the result does not depend on the
//   step except for the exposure convention above.
// - Only the working-age share of each new beneficiary has a labour state; `beneficiaries()`
//   counts everyone, the rates are over the working-age persons (indicator definitions:
//   docs/integration.md).
// - Temporary protection: grants of a calendar month are spread evenly over its days; the stock
//   and its employed part follow the exact solution with constant inflow, so TP figures are the
//   same on day, week and month steps.
#include <array>
#include <vector>

#include "chainsim/model/age_histogram.hpp"
#include "chainsim/model/calendar.hpp"
#include "chainsim/model/integration_params.hpp"
#include "chainsim/model/scenario.hpp"

namespace chainsim {

class IntegrationChain {
 public:
  // Labour states of the working-age beneficiaries.
  enum State : int { inactive = 0, seeking = 1, employed = 2 };
  using ByYear = std::array<double, kYearsSinceStatus>;

  IntegrationChain(const Calendar& calendar, const Scenario& scenario);

  // Persons of `segment` granted protection in step `step`, who waited `mean_wait_days` on
  // average between application and status. Call before step(step, ...).
  void add_beneficiaries(int step, int segment, double persons, double mean_wait_days);

  // Advances step `step` (steps must be taken in order 0, 1, 2, ...): family-reunification
  // arrivals scheduled from `positive_decisions` (persons granted in this step), hazards over the
  // step, TP grants and departures, then the persons added for this step and the family members
  // arriving in it join their cohorts.
  void step(int step, const Integration& params, double positive_decisions);

  // Expected employed applicants among the pending ones: a person of age a (days since
  // application) is employed with probability 1 - exp(-h (a - access)) when a > access, h the
  // applicants' hazard per day. Integrated exactly over each uniform bin of `pending_ages`.
  double applicants_employed(const AgeHistogram& pending_ages, const Integration& params) const;

  // Stocks at the end of the last step taken (persons).
  double beneficiaries() const;              // everyone with status (and family members)
  double beneficiaries_working_age() const;  // those with a labour state
  double beneficiaries_employed() const;
  double beneficiaries_active() const;  // seeking + employed
  double beneficiaries_in_state(State s) const;
  // Employed / working age (NaN when there is nobody).
  double beneficiaries_employment_rate() const;
  // By year since status 0..15 (15 = 15 or more), at the end of the last step: employed or
  // active / working-age persons of that year (NaN where there is nobody).
  ByYear employment_rate_by_years_since_status() const;
  ByYear activity_rate_by_years_since_status() const;
  ByYear working_age_by_years_since_status() const;  // persons
  // Working-age persons attending the civic-integration programme now.
  double integration_programme_enrolled() const;

  double tp_beneficiaries() const { return tp_[0] + tp_[1]; }
  double tp_employed() const { return tp_[1]; }
  double tp_housed() const { return tp_housed_; }  // in TP housing: min(capacity, share x stock)

  // Flows since the previous call (persons), then reset.
  struct PeriodFlows {
    double beneficiaries_granted = 0.0;  // persons added by add_beneficiaries
    double family_reunification_arrivals = 0.0;
    double tp_grants = 0.0;
    double tp_departures = 0.0;
  };
  PeriodFlows take_period_flows();
  const PeriodFlows& period_flows() const { return flows_; }

  // Calendar month index (year * 12 + month - 1) of a day since the start.
  int month_of_day(double day) const;
  // The calendar month of the end of the last step taken (the "now" of the getters).
  int current_month() const { return current_month_; }

 private:
  struct Group {            // one segment (or the family-reunification group) within one cohort
    double working = 0.0;   // working-age persons
    double wait_sum = 0.0;  // working-age persons x mean wait (days)
    // [track][state]; track 0 = not enrolled (or dropped out), track 1 = enrolled (completers
    // after the programme ends).
    std::array<std::array<double, 3>, 2> x{};
    // The waiting penalty last computed and what it was computed from: a group's mean wait
    // changes only while its month is still granting, so most steps reuse it (no exp).
    struct {
      double working = -1.0, wait_sum = 0.0, per_year = 0.0, reference_days = 0.0, value = 1.0;
    } penalty;
  };
  struct Cohort {
    int month = 0;             // calendar month index of status
    double all_persons = 0.0;  // everyone, working age or not
    bool split = false;        // programme ended: dropouts moved to track 0
    bool tail = false;         // the merged 15+ cohort
    std::vector<Group> groups;
  };
  struct Pending {
    double all_persons = 0.0, working = 0.0, wait_sum = 0.0;
  };

  int year_of(const Cohort& c, int month) const;
  Cohort& cohort_for_month(int month);
  void join(Cohort& c, int group, double working, double wait_sum, const Integration& params);
  void advance(double days, int month, const Integration& params);
  void advance_tp(double days, int month, const Integration& params);
  void split_programme(Cohort& c, const Integration& params);
  void merge_old_cohorts(int month, const Integration& params);
  double penalty(Group& g, int group, const Integration& params) const;

  const Calendar& calendar_;
  int segments_ = 0;
  int start_month_ = 0;
  int current_month_ = 0;
  std::vector<Cohort> cohorts_;     // ordered by month; the tail (if any) first
  std::vector<Pending> pending_;    // per group: added for the coming step
  std::vector<double> family_due_;  // per step: family members arriving
  std::array<double, 2> tp_{};      // TP [not employed, employed]
  double tp_housed_ = 0.0;
  int programme_wait_months_ = 1 << 30;  // as of the last step (for integration_programme_enrolled)
  PeriodFlows flows_;
};

}  // namespace chainsim
