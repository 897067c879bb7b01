#include "chainsim/model/simulation.hpp"

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace chainsim {

namespace {

constexpr double kSixMonthsDays = 6.0 * kDaysPerMonth;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Persons applying in each step: every calendar month's count spread evenly over its days.
std::vector<double> applications_per_step(const Calendar& cal, const Applications& apps) {
  const Date start = cal.settings().start;
  const Date first_month(start.year(), start.month(), 1);
  std::vector<double> out(static_cast<std::size_t>(cal.steps()), 0.0);
  for (int k = 0; k < cal.steps(); ++k) {
    Date d = cal.step_begin_date(k);
    const Date stop = cal.step_begin_date(k + 1);
    while (d < stop) {
      const Date month_start(d.year(), d.month(), 1);
      const Date month_stop = month_start + boost::gregorian::months(1);
      const Date piece_stop = std::min(stop, month_stop);
      const long months_in = (d.year() - first_month.year()) * 12 + (d.month() - first_month.month());
      const double per_month = months_in < static_cast<long>(apps.monthly_persons.size())
                                   ? apps.monthly_persons[months_in]
                                   : 0.0;
      const double days_in_month = static_cast<double>((month_stop - month_start).days());
      out[k] += per_month * static_cast<double>((piece_stop - d).days()) / days_in_month;
      d = piece_stop;
    }
  }
  return out;
}

double nan_if_empty(const AgeHistogram& h, double value) { return h.empty() ? kNaN : value; }

}  // namespace

Simulation::Simulation(Scenario scenario, std::uint64_t seed)
    : scenario_(std::move(scenario)),
      seed_(seed),
      calendar_(scenario_.time),
      segments_(scenario_.segments.size()),
      lanes_(segments_ * kHousingStates),
      cgrs_(lanes_),
      exits_(calendar_, segments_),
      initial_persons_(static_cast<std::size_t>(segments_), 0.0),
      cumulative_in_(static_cast<std::size_t>(segments_), 0.0),
      cumulative_out_(static_cast<std::size_t>(segments_), 0.0) {
  if (segments_ <= 0) throw std::invalid_argument("scenario has no segments");
  step_applications_ = applications_per_step(calendar_, scenario_.applications);
  case_cost_.assign(static_cast<std::size_t>(lanes_), 0.0);
  for (int l = 0; l < lanes_; ++l) case_cost_[l] = 1.0 / scenario_.cgrs.persons_per_case[l / kHousingStates];
  for (int s = 0; s < segments_; ++s) {
    all_lanes_.insert(all_lanes_.end(), {lane(s, kAccommodated), lane(s, kWaiting), lane(s, kOutside)});
    waiting_lanes_.push_back(lane(s, kWaiting));
    accommodated_lanes_of_waiting_.push_back(lane(s, kAccommodated));
  }
  place_initial_stocks();
  for (int s = 0; s < segments_; ++s) {
    initial_persons_[s] = cgrs_.lane_total(lane(s, kAccommodated)) + cgrs_.lane_total(lane(s, kWaiting)) +
                          cgrs_.lane_total(lane(s, kOutside)) + exits_.lane_total(s);
  }
}

double Simulation::nominal_capacity() const {
  double c = 0.0;
  for (const Pool& p : scenario_.reception.pools) c += p.capacity;
  return c;
}

double Simulation::effective_capacity() const { return nominal_capacity() * scenario_.reception.saturation; }

double Simulation::pending(int segment, Housing h) const { return cgrs_.lane_total(lane(segment, h)); }

double Simulation::occupied() const {
  double acc = exits_.total();
  for (int s = 0; s < segments_; ++s) acc += cgrs_.lane_total(lane(s, kAccommodated));
  return acc;
}

double Simulation::waiting() const {
  double w = 0.0;
  for (int l : waiting_lanes_) w += cgrs_.lane_total(l);
  return w;
}

// Initial pending persons are applied evenly over `initial_pending_spread` before the start, in
// the segment shares of applications. Those who ask for reception are accommodated first; the
// initial waiting list is taken from the newest applicants of waiting-list profiles (FIFO means
// the oldest were admitted already); accommodated persons beyond the pending ones are in their
// exit period, leaving evenly over the positive-decision exit period.
void Simulation::place_initial_stocks() {
  const Cgrs& cg = scenario_.cgrs;
  const Reception& rc = scenario_.reception;
  const StepUnit unit = scenario_.time.step;
  const int cohorts =
      std::max(1, static_cast<int>(std::lround(cg.initial_pending_spread.days() / nominal_days(unit))));
  for (int i = 0; i < cohorts; ++i) {
    const int key = -cohorts + i;
    for (int s = 0; s < segments_; ++s) {
      const double persons = cg.initial_pending_persons * scenario_.applications.segment_share[s] / cohorts;
      const double ask = persons * rc.ask_share[s];
      cgrs_.add(key, calendar_.mid_day(key), calendar_.width(key), lane(s, kAccommodated), ask);
      cgrs_.add(key, calendar_.mid_day(key), calendar_.width(key), lane(s, kOutside), persons - ask);
    }
  }

  std::vector<int> from, to;
  for (int s = 0; s < segments_; ++s) {
    if (rc.profile_waits[scenario_.segments.profile_of(s)]) {
      from.push_back(lane(s, kAccommodated));
      to.push_back(lane(s, kWaiting));
    }
  }
  std::vector<double> moved(from.size(), 0.0);
  const double waiting_placed =
      cgrs_.move(from, to, rc.initial_waiting, QueueOrder::newest_first, 0.0, moved, nullptr);
  if (waiting_placed + 1e-9 < rc.initial_waiting) {
    notes_.push_back("reception.initial.waiting (" + std::to_string(rc.initial_waiting) +
                     ") exceeds the pending applicants of waiting-list profiles who ask for reception; " +
                     std::to_string(waiting_placed) + " placed on the waiting list");
  }

  double accommodated_pending = 0.0;
  for (int s = 0; s < segments_; ++s) accommodated_pending += cgrs_.lane_total(lane(s, kAccommodated));
  if (rc.initial_accommodated < accommodated_pending) {
    // Pending applicants who asked but are not in the network: they left it or found housing.
    std::vector<int> acc, out;
    for (int s = 0; s < segments_; ++s) {
      acc.push_back(lane(s, kAccommodated));
      out.push_back(lane(s, kOutside));
    }
    std::vector<double> m(acc.size(), 0.0);
    cgrs_.move(acc, out, accommodated_pending - rc.initial_accommodated, QueueOrder::oldest_first, 0.0, m,
               nullptr);
  } else if (rc.initial_accommodated > accommodated_pending) {
    const double after_procedure = rc.initial_accommodated - accommodated_pending;
    const int spread = std::max(1, static_cast<int>(std::lround(rc.exit_after_positive.days() / nominal_days(unit))));
    for (int j = 0; j < spread; ++j)
      for (int s = 0; s < segments_; ++s)
        exits_.add_at(j, s, after_procedure * scenario_.applications.segment_share[s] / spread);
  }
}

void Simulation::build_layout() {
  layout_ = RunLayout{};
  layout_.scenario_name = scenario_.name;
  layout_.period_ends = calendar_.period_ends();
  layout_.origins = scenario_.segments.origins;
  layout_.profiles = scenario_.segments.profiles;
  layout_.segments = scenario_.segments.labels();
  for (const Pool& p : scenario_.reception.pools) layout_.pools.push_back(p.name);
  int offset = 0;
  for (const SeriesSpec& spec : series_catalog()) {
    const int width = spec.dim == SeriesDim::segment ? segments_
                      : spec.dim == SeriesDim::pool  ? static_cast<int>(layout_.pools.size())
                                                     : 1;
    layout_.series.push_back(spec);
    layout_.width.push_back(width);
    layout_.offset.push_back(offset);
    offset += width;
  }
  layout_.frame_size = offset;
  frame_.assign(static_cast<std::size_t>(offset), 0.0);
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
  decide(k);
  release_exits(k);
  admit_arrivals(k);
  admit_from_waiting_list(k);
  account_step(k);
  if (calendar_.ends_period(k)) close_period(k);
  ++step_;
  return step_ < calendar_.steps();
}

void Simulation::decide(int k) {
  const Cgrs& cg = scenario_.cgrs;
  const double capacity_cases = cg.officers * cg.decisions_per_officer_per_month * calendar_.length(k) / kDaysPerMonth;
  series(S::cgrs_capacity_cases)[0] += capacity_cases;
  std::vector<double> served(static_cast<std::size_t>(lanes_), 0.0);
  cgrs_.serve(capacity_cases, case_cost_, calendar_.mid_day(k), served, &decided_ages_period_);

  const double pos_exit = scenario_.reception.exit_after_positive.days();
  const double neg_exit = scenario_.reception.exit_after_negative.days();
  for (int s = 0; s < segments_; ++s) {
    const double acc = served[lane(s, kAccommodated)];
    const double wait = served[lane(s, kWaiting)];
    const double decided = acc + wait + served[lane(s, kOutside)];
    if (decided <= 0.0) continue;
    const double share = cg.positive_share[s];
    exits_.add(k, pos_exit, s, acc * share);
    exits_.add(k, neg_exit, s, acc * (1.0 - share));
    cumulative_out_[s] += decided - acc;  // those not accommodated leave the chain at the decision
    series(S::cgrs_decisions_persons)[0] += decided;
    series(S::cgrs_decisions_cases)[0] += decided / cg.persons_per_case[s];
    series(S::cgrs_decisions_persons_by_segment)[s] += decided;
    series(S::cgrs_positive)[0] += decided * share;
    series(S::cgrs_negative)[0] += decided * (1.0 - share);
    series(S::waiting_list_procedure_ended)[0] += wait;
  }
}

void Simulation::release_exits(int k) {
  std::vector<double> out(static_cast<std::size_t>(segments_), 0.0);
  exits_.take(k, out);
  for (int s = 0; s < segments_; ++s) {
    cumulative_out_[s] += out[s];
    series(S::reception_out)[0] += out[s];
  }
}

void Simulation::admit_arrivals(int k) {
  const Reception& rc = scenario_.reception;
  const SegmentSet& seg = scenario_.segments;
  const int key = k;
  const double day = calendar_.mid_day(k);
  const double width = calendar_.width(k);
  double free = std::max(0.0, effective_capacity() - occupied());

  for (int p : rc.priority) {
    double demand = 0.0;
    for (int o = 0; o < seg.origin_count(); ++o) {
      const int s = seg.index(o, p);
      demand += step_applications_[k] * scenario_.applications.segment_share[s] * rc.ask_share[s];
    }
    const bool waits = rc.profile_waits[p];
    const double placed_share = waits || demand <= 0.0 ? 0.0 : std::min(1.0, free / demand);
    for (int o = 0; o < seg.origin_count(); ++o) {
      const int s = seg.index(o, p);
      const double persons = step_applications_[k] * scenario_.applications.segment_share[s];
      const double ask = persons * rc.ask_share[s];
      const double placed = ask * placed_share;
      cumulative_in_[s] += persons;
      series(S::applications)[0] += persons;
      series(S::applications_by_segment)[s] += persons;
      cgrs_.add(key, day, width, lane(s, kOutside), persons - ask);
      if (waits) {
        cgrs_.add(key, day, width, lane(s, kWaiting), ask);
        series(S::waiting_list_joined)[0] += ask;
      } else {
        cgrs_.add(key, day, width, lane(s, kAccommodated), placed);
        cgrs_.add(key, day, width, lane(s, kOutside), ask - placed);
        series(S::reception_in)[0] += placed;
        series(S::not_accommodated)[0] += ask - placed;
      }
    }
    if (!waits) free = std::max(0.0, free - demand * placed_share);
  }
}

void Simulation::admit_from_waiting_list(int k) {
  const double free = effective_capacity() - occupied();
  if (free <= 0.0) return;
  std::vector<double> moved(waiting_lanes_.size(), 0.0);
  const double admitted = cgrs_.move(waiting_lanes_, accommodated_lanes_of_waiting_, free, QueueOrder::oldest_first,
                                     calendar_.mid_day(k), moved, &admitted_ages_period_);
  series(S::waiting_list_admitted)[0] += admitted;
  series(S::reception_in)[0] += admitted;
}

void Simulation::account_step(int k) {
  const double days = calendar_.length(k);
  double cost = 0.0;
  for (const Pool& p : scenario_.reception.pools) cost += p.capacity * p.cost_per_place_day * days;
  series(S::reception_cost_eur)[0] += cost;
  total_cost_ += cost;
  const double w = waiting();
  waiting_person_days_ += w * days;
  const double eff = effective_capacity();
  if (eff > 0.0 && occupied() >= eff * (1.0 - 1e-9)) saturated_days_ += days;
}

void Simulation::close_period(int k) {
  const Cgrs& cg = scenario_.cgrs;
  const double now = calendar_.end_day(k);
  double pending_cases = 0.0;
  for (int s = 0; s < segments_; ++s) {
    const double p = pending(s, kAccommodated) + pending(s, kWaiting) + pending(s, kOutside);
    series(S::cgrs_pending_persons_by_segment)[s] = p;
    series(S::reception_occupied_by_segment)[s] = pending(s, kAccommodated) + exits_.lane_total(s);
    series(S::waiting_list_by_segment)[s] = pending(s, kWaiting);
    pending_cases += p / cg.persons_per_case[s];
  }
  const double pending_persons = cgrs_.total();
  series(S::cgrs_pending_persons)[0] = pending_persons;
  series(S::cgrs_pending_cases)[0] = pending_cases;

  const AgeHistogram& d = decided_ages_period_;
  series(S::cgrs_wait_mean_days)[0] = nan_if_empty(d, d.mean());
  series(S::cgrs_wait_median_days)[0] = nan_if_empty(d, d.quantile(0.5));
  series(S::cgrs_wait_p90_days)[0] = nan_if_empty(d, d.quantile(0.9));
  cgrs_.age_distribution(all_lanes_, now, pending_ages_);
  series(S::cgrs_pending_age_mean_days)[0] = nan_if_empty(pending_ages_, pending_ages_.mean());
  series(S::cgrs_pending_age_p90_days)[0] = nan_if_empty(pending_ages_, pending_ages_.quantile(0.9));
  series(S::cgrs_pending_over_6mo_share)[0] = nan_if_empty(pending_ages_, pending_ages_.share_older_than(kSixMonthsDays));

  const double capacity = nominal_capacity();
  const double eff = effective_capacity();
  const double occ = occupied();
  series(S::reception_capacity)[0] = capacity;
  for (std::size_t i = 0; i < scenario_.reception.pools.size(); ++i)
    series(S::reception_capacity_by_pool)[i] = scenario_.reception.pools[i].capacity;
  series(S::reception_effective_capacity)[0] = eff;
  series(S::reception_occupied)[0] = occ;
  series(S::reception_occupancy_rate)[0] = capacity > 0.0 ? occ / capacity : kNaN;
  series(S::reception_free_places)[0] = std::max(0.0, eff - occ);
  series(S::reception_after_procedure)[0] = exits_.total();
  series(S::waiting_list)[0] = waiting();
  const AgeHistogram& a = admitted_ages_period_;
  series(S::waiting_list_wait_mean_days)[0] = nan_if_empty(a, a.mean());
  series(S::waiting_list_wait_p90_days)[0] = nan_if_empty(a, a.quantile(0.9));

  peak_pending_ = std::max(peak_pending_, pending_persons);
  peak_occupied_ = std::max(peak_occupied_, occ);
  peak_waiting_ = std::max(peak_waiting_, waiting());

  recorder_->record(calendar_.period_of_step(k), frame_);
  std::fill(frame_.begin(), frame_.end(), 0.0);
  decided_ages_run_.merge(decided_ages_period_);
  decided_ages_period_.clear();
  admitted_ages_period_.clear();
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
    const double now = pending(s, kAccommodated) + pending(s, kWaiting) + pending(s, kOutside) + exits_.lane_total(s);
    const double expected = initial_persons_[s] + cumulative_in_[s] - cumulative_out_[s];
    const double scale = std::max(1.0, initial_persons_[s] + cumulative_in_[s]);
    worst = std::max(worst, std::abs(now - expected) / scale);
  }
  return worst;
}

Results simulate(const Scenario& scenario, std::uint64_t seed) {
  MemoryRecorder recorder;
  Simulation sim(scenario, seed);
  sim.run(recorder);
  return recorder.take();
}

}  // namespace chainsim
