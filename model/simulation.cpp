// Set-up, the step loop and the accounting of a run. The procedure and reception flows are in
// procedure.cpp and reception_flows.cpp; docs/model.md states the order of events.
#include "chainsim/model/simulation.hpp"

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <limits>
#include <span>
#include <stdexcept>
#include <utility>

#include "chainsim/model/scenario_shape.hpp"

namespace chainsim {

namespace {

constexpr double kSixMonthsDays = 6.0 * kDaysPerMonth;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Persons arriving in each step, for several monthly series at once: every calendar month's
// count spread evenly over its days. The month boundaries (days since the start) are found once
// with calendar arithmetic, and the pieces a step is cut into at month ends once for all the
// series (one pass rather than one per series); the steps then only compare day numbers.
std::vector<std::vector<double>> per_step(const Calendar& cal,
                                          std::span<const std::vector<double>* const> monthly) {
  const Date start = cal.settings().start;
  std::vector<std::vector<double>> out(monthly.size());
  for (std::vector<double>& series : out) series.assign(static_cast<std::size_t>(cal.steps()), 0.0);
  if (cal.steps() == 0) return out;
  // month_begin[m]: first day of the m-th month counted from the start's month (the first may
  // be before the start); enough months to pass the end of the last step.
  std::vector<long> month_begin;
  const long last_day = static_cast<long>(cal.begin_day(cal.steps()));
  month_begin.reserve(static_cast<std::size_t>(last_day / 28 + 3));
  // Month by month by the length of each (adding a month to a date is far dearer).
  int year = start.year();
  int month = start.month();
  for (long begin = (Date(start.year(), start.month(), 1) - start).days();;) {
    month_begin.push_back(begin);
    if (begin > last_day) break;
    begin += boost::gregorian::gregorian_calendar::end_of_month_day(
        static_cast<unsigned short>(year), static_cast<unsigned short>(month));
    if (++month > 12) {
      month = 1;
      ++year;
    }
  }
  // Each series' counts and output, looked up once rather than through the vectors per piece.
  struct Spread {
    const double* counts;
    std::size_t months;
    double* persons;
  };
  std::vector<Spread> spreads;
  spreads.reserve(monthly.size());
  for (std::size_t i = 0; i < monthly.size(); ++i)
    spreads.push_back({monthly[i]->data(), monthly[i]->size(), out[i].data()});
  std::size_t index = 0;  // month of the current day; days only move forward
  long d = static_cast<long>(cal.begin_day(0));
  for (int k = 0; k < cal.steps(); ++k) {
    const long stop = static_cast<long>(cal.begin_day(k + 1));
    while (d < stop) {
      while (month_begin[index + 1] <= d) ++index;
      const long month_stop = month_begin[index + 1];
      const long piece_stop = std::min(stop, month_stop);
      const double piece_days = static_cast<double>(piece_stop - d);
      const double days_in_month = static_cast<double>(month_stop - month_begin[index]);
      for (const Spread& sp : spreads) {
        const double per_month = index < sp.months ? sp.counts[index] : 0.0;
        sp.persons[k] += per_month * piece_days / days_in_month;
      }
      d = piece_stop;
    }
  }
  return out;
}

// The scenario, refused before anything reads it if its shapes do not fit (a scenario built in
// code reaches the engine without the loader's checks).
Scenario checked(Scenario scenario) {
  if (scenario.segments.size() <= 0) throw std::invalid_argument("scenario has no segments");
  check_shapes(scenario);
  return scenario;
}

double nan_if_empty(const AgeHistogram& h, double value) { return h.empty() ? kNaN : value; }

std::string persons_text(double persons) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f persons", persons);
  return buf;
}

}  // namespace

namespace {
std::pmr::memory_resource* or_system(std::pmr::memory_resource* memory) {
  return memory ? memory : std::pmr::new_delete_resource();
}
}  // namespace

Simulation::Simulation(Scenario scenario, std::uint64_t seed, std::pmr::memory_resource* memory)
    : base_(checked(std::move(scenario))),
      now_(base_),
      seed_(seed),
      calendar_(base_.time),
      policies_(base_, calendar_),
      segments_(base_.segments.size()),
      housing_(models_housing(base_)),
      lanes_per_segment_(housing_ ? kLanesPerSegment : 1),
      lanes_(segments_ * lanes_per_segment_),
      dublin_(lanes_, lanes_per_segment_, or_system(memory)),
      tracks_{CohortQueue(lanes_, lanes_per_segment_, or_system(memory)),
              CohortQueue(lanes_, lanes_per_segment_, or_system(memory)),
              CohortQueue(lanes_, lanes_per_segment_, or_system(memory))},
      call_filing_(calendar_, lanes_ + 1),
      call_(lanes_, lanes_per_segment_, or_system(memory)),
      exits_(calendar_, segments_ * 2),
      returns_(calendar_, segments_ * 2),
      subsequent_(calendar_, segments_),
      registrations_(calendar_, 1),
      staff_(calendar_, base_.cgrs),
      network_(calendar_, base_),
      integration_(calendar_, base_),
      initial_persons_(static_cast<std::size_t>(segments_), 0.0),
      cumulative_in_(static_cast<std::size_t>(segments_), 0.0),
      cumulative_out_(static_cast<std::size_t>(segments_), 0.0) {
  {
    // Applications, CALL migration litigation, then each planned inflow: spread over the steps in
    // one pass.
    std::vector<const std::vector<double>*> monthly = {&base_.applications.monthly_persons,
                                                       &base_.call.migration_monthly_cases};
    for (const PlannedInflow& p : base_.applications.planned) monthly.push_back(&p.monthly_persons);
    std::vector<std::vector<double>> steps = per_step(calendar_, monthly);
    step_applications_ = std::move(steps[0]);
    step_migration_appeals_ = std::move(steps[1]);
    step_planned_.assign(std::make_move_iterator(steps.begin() + 2), std::make_move_iterator(steps.end()));
  }
  migration_pending_ = base_.call.migration_initial_pending_cases;
  case_cost_.assign(static_cast<std::size_t>(lanes_), 0.0);
  call_cost_.assign(static_cast<std::size_t>(lanes_), 0.0);
  for (int s = 0; s < segments_; ++s) {
    all_lanes_.push_back(lane(s, kAllLane));
    if (housing_) accommodated_lanes_.push_back(lane(s, kAccommodatedLane));
  }
  // The give-up leak, the waiting total and the admissions skip the segments that never wait.
  if (housing_) waiting_segments_ = segments_that_may_wait(base_);
  for (int s : waiting_segments_) waiting_lanes_.push_back(lane(s, kWaitingLane));
  subsequent_due_.assign(static_cast<std::size_t>(segments_), 0.0);
  granted_.assign(static_cast<std::size_t>(segments_), 0.0);
  leaving_pools_.assign(static_cast<std::size_t>(segments_), 0.0);
  granted_day_sum_.assign(static_cast<std::size_t>(segments_), 0.0);
  pending_filing_.assign(static_cast<std::size_t>(lanes_ + 1), 0.0);
  for (auto* v : {&pending_exit_voucher_, &pending_exit_positive_, &pending_exit_negative_})
    v->assign(static_cast<std::size_t>(segments_), 0.0);
  for (PendingAfterNegative& p : pending_after_negative_) {
    p.returns.assign(static_cast<std::size_t>(2 * segments_), 0.0);
    p.subsequent.assign(static_cast<std::size_t>(segments_), 0.0);
  }
  call_origin_day_.assign(static_cast<std::size_t>(calendar_.steps() + 1), 0.0);
  // Waiting-list admissions move, per pool, the waiting persons of the segments it takes into
  // the accommodated sub-count (and out of "asked, not placed").
  admission_.resize(static_cast<std::size_t>(network_.pool_count()));
  for (int pool = 0; pool < network_.pool_count(); ++pool)
    for (int s : waiting_segments_) {
      if (!network_.takes(pool, base_.segments.profile_of(s))) continue;
      admission_[pool].from.push_back(lane(s, kWaitingLane));
      admission_[pool].to.push_back(lane(s, kAccommodatedLane));
      admission_[pool].also_from.push_back(lane(s, kAskedLane));
    }
  place_initial_stocks();
  for (int s = 0; s < segments_; ++s) {
    const HousingSplit h = housing_totals(s);
    initial_persons_[s] = exits_.lane_total(2 * s) + exits_.lane_total(2 * s + 1) + h[0] + h[1] + h[2] + h[3];
  }
}

std::array<CohortQueue*, 5> Simulation::procedure_queues() {
  return {&dublin_, &tracks_[0], &tracks_[1], &tracks_[2], &call_};
}

std::array<const CohortQueue*, 5> Simulation::procedure_queues() const {
  return {&dublin_, &tracks_[0], &tracks_[1], &tracks_[2], &call_};
}

int Simulation::key_of_day(double day) const { return calendar_.step_at_day(day); }

double Simulation::pending_cgrs() const {
  double t = 0.0;
  for (const CohortQueue& q : tracks_) t += q.group_total();
  return t;
}

double Simulation::pending_cgrs(int segment, Housing h) const {
  double l[kLanesPerSegment] = {};
  for (const CohortQueue& q : tracks_)
    for (int kind = 0; kind < lanes_per_segment_; ++kind) l[kind] += q.lane_total(lane(segment, LaneKind(kind)));
  return decode_housing(l)[h];
}

HousingSplit Simulation::housing_totals(int segment) const {
  double l[kLanesPerSegment] = {};
  for (int kind = 0; kind < lanes_per_segment_; ++kind) {
    const int ln = lane(segment, LaneKind(kind));
    l[kind] += call_filing_.lane_total(ln);
    for (const CohortQueue* q : procedure_queues()) l[kind] += q->lane_total(ln);
  }
  return decode_housing(l);
}

double Simulation::in_procedure(int segment, Housing h) const { return housing_totals(segment)[h]; }

double Simulation::in_procedure(Housing h) const {
  double t = 0.0;
  for (int s = 0; s < segments_; ++s) t += in_procedure(s, h);
  return t;
}

// Initial pending persons are applied evenly over their spread before the start, in the segment
// shares of applications: CGRS cases in the normal track, appeals in the CALL queue. Those
// entitled who ask for reception are accommodated first; the initial waiting list is taken from
// the newest applicants of waiting-list segments (FIFO: the oldest were admitted already);
// accommodated persons beyond those pending are in their exit period after protection.
void Simulation::place_initial_stocks() {
  const Scenario& sc = base_;
  const Reception& rc = sc.reception;
  const double nominal = nominal_days(sc.time.step);
  auto spread_into = [&](CohortQueue& q, double persons_total, const Duration& spread, bool is_call) {
    const int cohorts = std::max(1, static_cast<int>(std::lround(spread.days() / nominal)));
    // Every cohort of the spread holds the same persons: one row serves them all.
    std::vector<double> row(static_cast<std::size_t>(lanes_), 0.0);
    for (int s = 0; s < segments_; ++s) {
      const double persons = persons_total * sc.applications.segment_share[s] / cohorts;
      const double ask = persons * rc.ask_share[s] * (1.0 - rc.excluded[s]);
      set_housing(row.data(), s, {ask, 0.0, 0.0, persons - ask});
    }
    for (int i = 0; i < cohorts; ++i) {
      const int key = -cohorts + i;
      q.add_row(key, calendar_.mid_day(key), calendar_.width(key), row);
    }
    return is_call ? cohorts : 0;
  };
  spread_into(track(Track::normal), sc.cgrs.initial_pending_persons, sc.cgrs.initial_pending_spread, false);
  // Appeals are counted in cases: persons = cases x persons per case of the segment mix.
  double persons_per_case = 0.0;
  for (int s = 0; s < segments_; ++s) persons_per_case += sc.applications.segment_share[s] * sc.cgrs.persons_per_case[s];
  const int call_cohorts =
      spread_into(call_, sc.call.initial_pending_cases * persons_per_case, sc.call.initial_pending_spread, true);
  // Their application dates are unknown: assume the CGRS decided them half a year after applying.
  call_origin_day_.insert(call_origin_day_.begin(), static_cast<std::size_t>(call_cohorts), 0.0);
  for (int i = 0; i < call_cohorts; ++i) call_origin_day_[i] = calendar_.mid_day(i - call_cohorts) - kSixMonthsDays;
  call_origin_key_.assign(call_origin_day_.size(), 0);
  for (int i = 0; i < call_cohorts; ++i) call_origin_key_[i] = key_of_day(call_origin_day_[i]);
  call_key_offset_ = call_cohorts;
  place_initial_reception();
}

void Simulation::place_initial_reception() {
  if (!housing_) return;  // no one in reception or waiting at the start (models_housing)
  const Reception& rc = base_.reception;
  std::vector<int> from, to, also_to;
  for (int s = 0; s < segments_; ++s) {
    if (rc.waits[s] >= 0.5) {
      from.push_back(lane(s, kAccommodatedLane));
      to.push_back(lane(s, kWaitingLane));
      also_to.push_back(lane(s, kAskedLane));
    }
  }
  std::vector<double> moved(from.size(), 0.0);
  const double waiting_placed = track(Track::normal).move({from, to, {}, also_to}, rc.initial_waiting,
                                                          QueueOrder::newest_first, 0.0, moved, nullptr);
  if (waiting_placed + 1e-9 < rc.initial_waiting) {
    notes_.push_back("reception.initial.waiting (" + persons_text(rc.initial_waiting) +
                     ") exceeds the pending applicants of waiting-list profiles who ask for reception; " +
                     persons_text(waiting_placed) + " placed on the waiting list");
  }

  const double accommodated_pending = in_procedure(kAccommodated);
  if (rc.initial_accommodated < accommodated_pending) {
    // Pending applicants who asked but are not in the network: they left it or found housing.
    std::vector<double> m(accommodated_lanes_.size(), 0.0);
    double excess = accommodated_pending - rc.initial_accommodated;
    const LaneTransfer leave{accommodated_lanes_};  // from the accommodated sub-count to outside
    excess -= call_.move(leave, excess, QueueOrder::oldest_first, 0.0, m, nullptr);
    track(Track::normal).move(leave, excess, QueueOrder::oldest_first, 0.0, m, nullptr);
  } else if (rc.initial_accommodated > accommodated_pending) {
    const double after_procedure = rc.initial_accommodated - accommodated_pending;
    // They leave evenly over the days [0, exit_after_positive): each step takes the share of those
    // days it covers (steps differ in length: weeks are cut at month ends).
    const double period = rc.exit_after_positive_days;
    for (int j = 0; j == 0 || calendar_.begin_day(j) < period; ++j) {
      const double share =
          period > 0.0 ? (std::min(calendar_.end_day(j), period) - calendar_.begin_day(j)) / period : 1.0;
      for (int s = 0; s < segments_; ++s)
        exits_.add_at(j, 2 * s, after_procedure * base_.applications.segment_share[s] * share);
    }
  }

  // Put everyone accommodated into pools, by profile; beyond the places, into the first pool
  // that takes the profile (the network starts over-full).
  double forced = 0.0;
  for (int s = 0; s < segments_; ++s) {
    const int p = base_.segments.profile_of(s);
    const double persons = in_procedure(s, kAccommodated) + exits_.lane_total(2 * s) + exits_.lane_total(2 * s + 1);
    const double placed = network_.place(s, p, persons, true);
    if (placed + 1e-9 < persons) {
      int pool = 0;
      for (int i = 0; i < network_.pool_count(); ++i)
        if (network_.takes(i, p)) {
          pool = i;
          break;
        }
      network_.add(pool, s, persons - placed);
      forced += persons - placed;
    }
  }
  if (forced > 1e-6) {
    notes_.push_back("reception.initial.accommodated exceeds the usable places of the pools that take their "
                     "profiles by " + persons_text(forced) + "; they start over capacity");
  }
}

void Simulation::build_layout() {
  layout_ = RunLayout{};
  layout_.scenario_name = base_.name;
  layout_.period_ends = calendar_.period_ends();
  layout_.origins = base_.segments.origins;
  layout_.profiles = base_.segments.profiles;
  layout_.segments = base_.segments.labels();
  // Every table's final size is known: reserved, so that none grows (and moves its strings).
  layout_.pools.reserve(base_.reception.pools.size());
  for (const Pool& p : base_.reception.pools) layout_.pools.push_back(p.name);
  layout_.years_since_status.reserve(kYearsSinceStatus);
  for (int y = 0; y < kYearsSinceStatus; ++y) layout_.years_since_status.push_back(std::to_string(y));
  layout_.series.reserve(kSeriesCount);
  layout_.width.reserve(kSeriesCount);
  layout_.offset.reserve(kSeriesCount);
  int offset = 0;
  for (const SeriesSpec& spec : series_catalog()) {
    const int width = spec.dim == SeriesDim::segment ? segments_
                      : spec.dim == SeriesDim::pool  ? static_cast<int>(layout_.pools.size())
                      : spec.dim == SeriesDim::years_since_status ? kYearsSinceStatus
                                                                  : 1;
    layout_.series.push_back(spec);
    layout_.width.push_back(width);
    layout_.offset.push_back(offset);
    offset += width;
  }
  layout_.frame_size = offset;
  frame_.assign(static_cast<std::size_t>(offset), 0.0);
  for (int i = 0; i < kSeriesCount; ++i) series_[i] = &frame_[layout_.offset[i]];
}

void Simulation::run(Recorder& recorder) {
  begin(recorder);
  while (step()) {
  }
  finish();
}

void Simulation::begin(Recorder& recorder) {
  recorder_ = &recorder;
  build_layout();
  recorder_->begin(layout_);
}

bool Simulation::step() {
  if (step_ >= calendar_.steps()) return false;
  const int k = step_;
  const bool changed = !policies_.empty() && policies_.apply(calendar_.mid_day(k), now_);
  parameters_changed_ = k == 0 || changed;
  // What follows from the parameters alone is worked out at the first step and again only when
  // a policy changed them. Capacity counts cases: the first lane of a segment (all its persons)
  // costs 1/persons per case; a suspended segment costs 0 at the CGRS and so is skipped.
  if (k == 0 || changed) {
    for (int s = 0; s < segments_; ++s) {
      call_cost_[lane(s, kAllLane)] = 1.0 / now_.cgrs.persons_per_case[s];
      case_cost_[lane(s, kAllLane)] = now_.cgrs.suspended[s] >= 0.5 ? 0.0 : call_cost_[lane(s, kAllLane)];
    }
    waiting_profiles();
  }
  network_.update_capacity(k, now_.reception);
  const double capacity_cases = staff_.step(k, now_.cgrs);
  run_dublin(k);
  run_cgrs(k, capacity_cases);
  flush_filings(k);
  run_call(k);
  pass_beneficiaries(k);
  release_returns(k);
  flush_exits(k);
  release_exits(k);
  flush_after_negative(k);
  apply_reception_rates(k);
  admit_arrivals(k);
  admit_from_waiting_list(k);
  account_step(k);
  if (calendar_.ends_period(k)) close_period(k);
  ++step_;
  return step_ < calendar_.steps();
}

// Profiles with at least one segment on the waiting list now (all profiles when none waits).
const std::vector<char>& Simulation::waiting_profiles() {
  std::vector<char>& waits = waiting_profiles_;
  waits.assign(static_cast<std::size_t>(base_.segments.profile_count()), 0);
  bool any = false;
  for (int s = 0; s < segments_; ++s)
    if (now_.reception.waits[s] >= 0.5) {
      waits[base_.segments.profile_of(s)] = 1;
      any = true;
    }
  if (!any) std::fill(waits.begin(), waits.end(), 1);
  return waits;
}

void Simulation::account_step(int k) {
  const double days = calendar_.length(k);
  const double cost = network_.cost(days, now_.reception);
  series(S::reception_cost_eur)[0] += cost;
  total_cost_ += cost;
  double waiting_now = 0.0;
  double unplaced_now = 0.0;
  // The whole housing split is read only by the period close and the capacity rule; every other
  // step needs the waiting total alone (the same sums, in the same order, as housing_totals).
  if (calendar_.ends_period(k) || now_.reception.capacity_rule.enabled) {
    step_housing_.resize(static_cast<std::size_t>(segments_));
    for (int s = 0; s < segments_; ++s) {
      const HousingSplit h = housing_totals(s);
      step_housing_[s] = h;
      waiting_now += h[kWaiting];
      unplaced_now += h[kUnplaced];
    }
  } else {
    for (int s : waiting_segments_) {
      const int ln = lane(s, kWaitingLane);
      double w = call_filing_.lane_total(ln);
      for (const CohortQueue* q : procedure_queues()) w += q->lane_total(ln);
      waiting_now += std::max(0.0, w);
    }
  }
  step_waiting_ = waiting_now;
  step_unplaced_ = unplaced_now;
  waiting_person_days_ += waiting_now * days;
  network_.review_capacity(k, now_.reception, network_.occupied_total() + waiting_now + unplaced_now);
  if (network_.saturated_for(waiting_profiles_)) saturated_days_ += days;
  double registered = 0.0;
  registrations_.take(k, std::span<double>(&registered, 1));
  series(S::registrations)[0] += registered;
}

// Every queue keys its cohorts by entry step with that step's midpoint and length, so the
// persons of one key, summed over the queues, make one bin: the histogram comes out in age order
// (one bin per key, no overlap), which keeps its quantiles a linear walk. The midpoint and length
// are the calendar's (an empty filler cohort may hold any date, but it adds no one).
void Simulation::pending_age_distribution(std::span<const CohortQueue* const> queues, double now,
                                          AgeHistogram& out) {
  int first = std::numeric_limits<int>::max();
  int last = std::numeric_limits<int>::min();
  for (const CohortQueue* q : queues) {
    if (q->cohort_count() == 0) continue;
    first = std::min(first, q->oldest_key());
    last = std::max(last, q->newest_key());
  }
  out.clear();
  if (first > last) return;
  std::vector<double>& persons = by_key_persons_;
  persons.assign(static_cast<std::size_t>(last - first + 1), 0.0);
  for (const CohortQueue* q : queues)
    q->for_each_cohort_group_sum(
        [&](int key, [[maybe_unused]] double day, [[maybe_unused]] double width, double p) {
          assert(!(p > 0.0) || (day == calendar_.mid_day(key) && width == calendar_.width(key)));
          persons[static_cast<std::size_t>(key - first)] += p;
        });
  const Calendar& calendar = calendar_;
  const double* const by_key = persons.data();
  out.add_distinct_each(persons.size(), [&calendar, by_key, first, now](std::size_t i) {
    const int key = first + static_cast<int>(i);
    return AgeHistogram::Spread{now - calendar.mid_day(key), calendar.width(key), by_key[i]};
  });
  // Consecutive keys abut (the end of step k is the beginning of step k + 1), up to rounding
  // far below the histogram's tolerance.
  out.known_oldest_first();
}

void Simulation::close_period(int k) {
  const double now = calendar_.end_day(k);
  double pending_cases = 0.0;
  double pending_suspended = 0.0;
  for (int s = 0; s < segments_; ++s) {
    double p = 0.0;
    for (const CohortQueue& q : tracks_) p += q.lane_total(lane(s, kAllLane));
    series(S::cgrs_pending_persons_by_segment)[s] = p;
    series(S::reception_occupied_by_segment)[s] = network_.occupied_segment(s);
    series(S::waiting_list_by_segment)[s] =
        step_housing_[s][kWaiting];  // as at the end of the step
    pending_cases += p / now_.cgrs.persons_per_case[s];
    if (now_.cgrs.suspended[s] >= 0.5) pending_suspended += p;
  }
  const double pending_persons = pending_cgrs();
  series(S::cgrs_pending_persons)[0] = pending_persons;
  series(S::cgrs_pending_cases)[0] = pending_cases;
  series(S::cgrs_pending_fast_track_persons)[0] = track(Track::fast_track).group_total();
  series(S::cgrs_pending_subsequent_persons)[0] = track(Track::subsequent).group_total();
  series(S::cgrs_suspended_persons)[0] = pending_suspended;
  series(S::cgrs_officers)[0] = staff_.trained();
  series(S::cgrs_officers_in_training)[0] = staff_.in_training();

  const AgeHistogram& d = decided_ages_period_;
  series(S::cgrs_wait_mean_days)[0] = nan_if_empty(d, d.mean());
  constexpr std::array<double, 2> kMedianP90{0.5, 0.9};
  std::array<double, 2> wait{};
  d.quantiles(kMedianP90, wait);  // one walk for both
  series(S::cgrs_wait_median_days)[0] = nan_if_empty(d, wait[0]);
  series(S::cgrs_wait_p90_days)[0] = nan_if_empty(d, wait[1]);
  series(S::cgrs_fast_track_wait_mean_days)[0] = nan_if_empty(fast_track_ages_period_, fast_track_ages_period_.mean());
  series(S::cgrs_fast_track_over_deadline_share)[0] =
      fast_track_decided_ > 0.0 ? fast_track_late_ / fast_track_decided_ : kNaN;
  fast_track_decided_ = 0.0;
  fast_track_late_ = 0.0;
  AgeHistogram& pending_ages = scratch_ages_;
  const std::array<const CohortQueue*, kTrackCount> cgrs{&tracks_[0], &tracks_[1], &tracks_[2]};
  pending_age_distribution(cgrs, now, pending_ages);
  const AgeHistogram::Summary pending = pending_ages.summary(0.9, kSixMonthsDays);
  series(S::cgrs_pending_age_mean_days)[0] = nan_if_empty(pending_ages, pending.mean);
  series(S::cgrs_pending_age_p90_days)[0] = nan_if_empty(pending_ages, pending.quantile);
  series(S::cgrs_pending_over_6mo_share)[0] = nan_if_empty(pending_ages, pending.share_older);

  double call_cases = 0.0;
  double filing = 0.0;
  for (int s = 0; s < segments_; ++s) {
    call_cases += call_.lane_total(lane(s, kAllLane)) / now_.cgrs.persons_per_case[s];
    filing += call_filing_.lane_total(lane(s, kAllLane));
  }
  series(S::call_pending_cases)[0] = call_cases;
  series(S::call_migration_pending_cases)[0] = migration_pending_;
  series(S::call_all_pending_cases)[0] = call_cases + migration_pending_;
  series(S::call_pending_persons)[0] = call_.group_total() + filing;
  series(S::call_wait_mean_days)[0] = nan_if_empty(call_ages_period_, call_ages_period_.mean());
  series(S::dublin_pending)[0] = dublin_.group_total();
  series(S::pending_all_instances_persons)[0] = dublin_.group_total() + pending_persons + call_.group_total() + filing;
  const double merits = series(S::cgrs_refugee)[0] + series(S::cgrs_subsidiary)[0] + series(S::cgrs_refusal)[0];
  series(S::cgrs_positive)[0] = series(S::cgrs_refugee)[0] + series(S::cgrs_subsidiary)[0];
  series(S::protection_rate)[0] = merits > 0.0 ? series(S::cgrs_positive)[0] / merits : kNaN;
  series(S::awaiting_return)[0] = returns_.total() + subsequent_.total();

  const double regular_capacity = network_.regular_capacity();
  double occupied_total = 0.0;
  double effective = 0.0;
  for (int i = 0; i < network_.pool_count(); ++i) {
    series(S::reception_capacity_by_pool)[i] = network_.capacity(i);
    series(S::reception_occupied_by_pool)[i] = network_.occupied(i);
    occupied_total += network_.occupied(i);
    effective += network_.usable(i);
  }
  double capacity_total = 0.0;
  for (int i = 0; i < network_.pool_count(); ++i) capacity_total += network_.capacity(i);
  series(S::reception_capacity)[0] = capacity_total;
  series(S::reception_effective_capacity)[0] = effective;
  series(S::reception_occupied)[0] = occupied_total;
  series(S::reception_occupancy_rate)[0] = regular_capacity > 0.0 ? network_.regular_occupied() / regular_capacity : kNaN;
  series(S::reception_free_places)[0] = network_.regular_free_places();
  series(S::reception_after_procedure)[0] = exits_.total();
  const double waiting_now = step_waiting_;
  const double unplaced_now = step_unplaced_;
  series(S::waiting_list)[0] = waiting_now;
  series(S::not_accommodated_pending)[0] = unplaced_now;
  series(S::humanitarian_places_used)[0] =
      std::min(now_.reception.humanitarian_capacity, now_.reception.humanitarian_uptake * (waiting_now + unplaced_now));
  const AgeHistogram& a = admitted_ages_period_;
  series(S::waiting_list_wait_mean_days)[0] = nan_if_empty(a, a.mean());
  series(S::waiting_list_wait_p90_days)[0] = nan_if_empty(a, a.quantile(0.9));

  publish_integration(now);

  peak_pending_ = std::max(peak_pending_, pending_persons);
  peak_occupied_ = std::max(peak_occupied_, occupied_total);
  peak_waiting_ = std::max(peak_waiting_, waiting_now);

  recorder_->record(calendar_.period_of_step(k), frame_);
  std::fill(frame_.begin(), frame_.end(), 0.0);
  decided_ages_run_.merge(decided_ages_period_);
  decided_ages_period_.clear();
  fast_track_ages_period_.clear();
  call_ages_period_.clear();
  admitted_ages_period_.clear();
}

// Persons granted protection in step k (CGRS and CALL) join the beneficiaries, with the mean
// time they waited since their application.
void Simulation::pass_beneficiaries(int k) {
  if (!now_.integration.enabled) return;
  const double now = calendar_.mid_day(k);
  double total = 0.0;
  for (int s = 0; s < segments_; ++s) {
    if (granted_[s] > 0.0) integration_.add_beneficiaries(k, s, granted_[s], now - granted_day_sum_[s] / granted_[s]);
    total += granted_[s];
  }
  integration_.step(k, now_.integration, total);
  std::fill(granted_.begin(), granted_.end(), 0.0);
  std::fill(granted_day_sum_.begin(), granted_day_sum_.end(), 0.0);
}

void Simulation::publish_integration(double period_end_day) {
  if (!now_.integration.enabled) {
    for (S s : {S::applicants_employed, S::beneficiaries, S::beneficiaries_employed, S::beneficiaries_employment_rate,
                S::integration_programme_enrolled, S::tp_beneficiaries, S::tp_grants, S::tp_departures,
                S::tp_employed, S::tp_housed, S::family_reunification_arrivals})
      series(s)[0] = std::numeric_limits<double>::quiet_NaN();
    for (int y = 0; y < kYearsSinceStatus; ++y) {
      series(S::employment_rate_by_years_since_status)[y] = std::numeric_limits<double>::quiet_NaN();
      series(S::activity_rate_by_years_since_status)[y] = std::numeric_limits<double>::quiet_NaN();
    }
    return;
  }
  const IntegrationChain& ic = integration_;
  series(S::beneficiaries)[0] = ic.beneficiaries();
  series(S::beneficiaries_employed)[0] = ic.beneficiaries_employed();
  series(S::beneficiaries_employment_rate)[0] = ic.beneficiaries_employment_rate();
  const IntegrationChain::ByYear employment = ic.employment_rate_by_years_since_status();
  const IntegrationChain::ByYear activity = ic.activity_rate_by_years_since_status();
  for (int y = 0; y < kYearsSinceStatus; ++y) {
    series(S::employment_rate_by_years_since_status)[y] = employment[y];
    series(S::activity_rate_by_years_since_status)[y] = activity[y];
  }
  series(S::integration_programme_enrolled)[0] = ic.integration_programme_enrolled();
  series(S::tp_beneficiaries)[0] = ic.tp_beneficiaries();
  series(S::tp_employed)[0] = ic.tp_employed();
  series(S::tp_housed)[0] = ic.tp_housed();
  const IntegrationChain::PeriodFlows f = integration_.take_period_flows();
  series(S::tp_grants)[0] = f.tp_grants;
  series(S::tp_departures)[0] = f.tp_departures;
  series(S::family_reunification_arrivals)[0] = f.family_reunification_arrivals;
  // Applicants at work: everyone pending at any instance, by time since application.
  AgeHistogram& pending = scratch_ages_;
  const std::array<const CohortQueue*, 5> queues = std::as_const(*this).procedure_queues();
  pending_age_distribution(queues, period_end_day, pending);
  series(S::applicants_employed)[0] = integration_.applicants_employed(pending, now_.integration);
}

std::vector<Kpi> Simulation::kpis() const {
  std::vector<double> v(kKpiCount, kNaN);
  auto set = [&](K k, double x) { v[static_cast<int>(k)] = x; };
  const AgeHistogram& d = decided_ages_run_;
  set(K::peak_cgrs_pending_persons, peak_pending_);
  set(K::mean_time_to_decision_days, nan_if_empty(d, d.mean()));
  set(K::p90_time_to_decision_days, nan_if_empty(d, d.quantile(0.9)));
  set(K::share_decided_beyond_6mo, nan_if_empty(d, d.share_older_than(kSixMonthsDays)));
  set(K::peak_reception_occupied, peak_occupied_);
  set(K::peak_waiting_list, peak_waiting_);
  set(K::waiting_list_person_days, waiting_person_days_);
  set(K::total_reception_cost_eur, total_cost_);
  set(K::months_saturated, saturated_days_ / kDaysPerMonth);
  std::vector<Kpi> out;
  for (int i = 0; i < kKpiCount; ++i) {
    const KpiSpec& spec = kpi_catalog()[i];
    out.push_back({std::string(spec.name), std::string(spec.unit), std::string(spec.description), v[i]});
  }
  return out;
}

void Simulation::finish() {
  const std::vector<Kpi> k = kpis();
  recorder_->finish(k);
}

double Simulation::conservation_error() const {
  double worst = 0.0;
  for (int s = 0; s < segments_; ++s) {
    const HousingSplit housing = housing_totals(s);
    const double procedure = housing[0] + housing[1] + housing[2] + housing[3];
    const double exiting = exits_.lane_total(2 * s) + exits_.lane_total(2 * s + 1);
    const double after = returns_.lane_total(2 * s) + returns_.lane_total(2 * s + 1) + subsequent_.lane_total(s);
    const double now = procedure + exiting + after;
    const double expected = initial_persons_[s] + cumulative_in_[s] - cumulative_out_[s];
    const double scale = std::max(1.0, initial_persons_[s] + cumulative_in_[s]);
    worst = std::max(worst, std::abs(now - expected) / scale);
    // Housing: persons in pools are the accommodated in the procedure and those exiting.
    const double housed = housing[kAccommodated] + exiting;
    worst = std::max(worst, std::abs(network_.occupied_segment(s) - housed) / scale);
  }
  return worst;
}

Results simulate(const Scenario& scenario, std::uint64_t seed, std::pmr::memory_resource* memory) {
  MemoryRecorder recorder;
  Simulation sim(scenario, seed, memory);
  sim.run(recorder);
  return recorder.take();
}

}  // namespace chainsim
