// Reception: placing new applicants, the waiting list, leaving reception.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "chainsim/model/hazard.hpp"
#include "chainsim/model/simulation.hpp"
#include "segment_pairs.hpp"

namespace chainsim {

void Simulation::take_leavers_from_pools() {
  network_.remove_each(leaving_pools_);
  std::fill(leaving_pools_.begin(), leaving_pools_.end(), 0.0);
}

using namespace segment_pairs;  // two segments at a time (segment_pairs.hpp)

// Persons whose exit period ends leave their pools: the protected leave the chain, the others
// go on as after a final negative decision (a return, a subsequent application or irregular
// stay; their exit period is spent). Two segments at a time, without branches: the same
// operations per segment, the sums over segments in segment order. What leaves the delay line
// is never negative nor -0, so a segment with no one leaving adds +0 everywhere, which changes
// no sum (leave_pools and the tests for persons > 0 skipped those additions).
void Simulation::release_exits(int k) {
  std::vector<double>& out = segment_buffer_;
  out.resize(static_cast<std::size_t>(2 * segments_));
  exits_.take_into(k, out);  // per segment: {protected, negative}
  const Returns& r = now_.returns;
  PendingAfterNegative& after = pending_after_negative_[static_cast<int>(AfterNegative::after_exit)];
  double reception_out = series(S::reception_out)[0];
  double irregular_stay = series(S::irregular_stay)[0];
  for_segment_pairs(segments_, [&](auto width, int s) {
    constexpr int W = decltype(width)::value;
    const Pair first = load<2>(&out[2 * s]);
    const Pair second = W == 2 ? load<2>(&out[2 * s + 2]) : Pair{};
    const Pair protected_persons = low(first, second), negative = high(first, second);
    const Pair leaving = protected_persons + negative;
    add_to<W>(&leaving_pools_[s], leaving);  // leave_pools
    add_in_order<W>(reception_out, leaving);
    const Pair voluntary = negative * load<W>(&r.voluntary[s]);
    const Pair forced = negative * load<W>(&r.forced[s]);
    const Pair again = negative * load<W>(&r.subsequent[s]);
    const Pair irregular = positive_pair(negative - voluntary - forced - again);
    add_to<2>(&after.returns[2 * s], low(voluntary, forced));
    if constexpr (W == 2) add_to<2>(&after.returns[2 * s + 2], high(voluntary, forced));
    add_to<W>(&after.subsequent[s], again);
    add_in_order<W>(irregular_stay, irregular);
    add_to<W>(&cumulative_out_[s], protected_persons);  // protected persons leave the chain
    add_to<W>(&cumulative_out_[s], irregular);
  });
  series(S::reception_out)[0] = reception_out;
  series(S::irregular_stay)[0] = irregular_stay;
}

double Simulation::RepeatedShare::of(double rate_per_month, double step_days) {
  if (rate_per_month != rate || step_days != days) {
    rate = rate_per_month;
    days = step_days;
    share = hazard_share(rate, days);
  }
  return share;
}

void Simulation::apply_reception_rates(int k) {
  if (!housing_) {  // nobody in reception or waiting, ever
    take_leavers_from_pools();
    return;
  }
  const Reception& r = now_.reception;
  const double days = calendar_.length(k);

  // Giving up waiting: the waiting sub-count leaks; those persons stay "asked, not placed".
  // Contribution rule: applicants with labour-market access who work leave reception at a rate
  // (the accommodated sub-count leaks; they are outside from then on). Both leaks of a queue in
  // one call; the waiting and accommodated lanes are apart, so one buffer keeps what each removes.
  const double give_up = give_up_share_.of(r.give_up_rate, days);
  const double leave = contribution_share_.of(r.contribution_leave_rate, days);
  if (give_up > 0.0 || leave > 0.0) {
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double>& removed = served_buffer_;
    removed.assign(static_cast<std::size_t>(lanes_), 0.0);
    const double latest = calendar_.mid_day(k) - r.contribution_after.days();
    // Appellants applied long before they lodged their appeal: all of them have access.
    for (CohortQueue* q : procedure_queues())
      q->leak_lanes_and_kind(waiting_lanes_, give_up, kAccommodatedLane, leave, q == &call_ ? inf : latest, removed);
    if (give_up > 0.0) {
      double gave_up = series(S::waiting_list_gave_up)[0];
      for (int l : waiting_lanes_) gave_up += removed[l];
      series(S::waiting_list_gave_up)[0] = gave_up;
    }
    if (leave > 0.0) {
      double reception_out = series(S::reception_out)[0];
      for (int s = 0; s < segments_; ++s) leave_pools(s, removed[lane(s, kAccommodatedLane)], reception_out);
      series(S::reception_out)[0] = reception_out;
    }
  }

  take_leavers_from_pools();
  network_.age_out(age_out_share_.of(r.uam_age_out_rate, days), r.uam_profile, r.uam_age_out_pool, base_.segments);
}

namespace {

// Whether `priority` names each of the profiles once (the scenario's checks only ask for valid
// profiles). Profiles are few: the pairs are compared.
bool names_every_profile_once(const std::vector<int>& priority, int profiles) {
  if (static_cast<int>(priority.size()) != profiles) return false;
  for (std::size_t i = 0; i < priority.size(); ++i)
    for (std::size_t j = i + 1; j < priority.size(); ++j)
      if (priority[i] == priority[j]) return false;
  return true;
}

// The persons of two paths (arrival rows `rows[0]` and `rows[1]`) split by housing, in the
// segment's lanes from `first_lane` (one lane without housing): the sums of encode_housing, the
// same operations per row, two rows at a time. A path with no one writes zeros (0 x share), as a
// cleared row holds.
void write_arrival_lanes(double* const rows[2], int first_lane, bool housing, Pair persons, const HousingSplit& share) {
  const Pair accommodated = persons * share[kAccommodated];
  const Pair waiting = persons * share[kWaiting];
  const Pair unplaced = persons * share[kUnplaced];
  const Pair all = accommodated + waiting + unplaced + persons * share[kOutside];
  const Pair asked = waiting + unplaced;
  if (!housing) {
    rows[0][first_lane] = all[0];
    rows[1][first_lane] = all[1];
    return;
  }
  // Lanes {all, accommodated} and {asked, waiting} of each row.
  static_assert(kAccommodatedLane == kAllLane + 1 && kWaitingLane == kAskedLane + 1);
  store_pair(rows[0] + first_lane + kAllLane, low(all, accommodated));
  store_pair(rows[0] + first_lane + kAskedLane, low(asked, waiting));
  store_pair(rows[1] + first_lane + kAllLane, high(all, accommodated));
  store_pair(rows[1] + first_lane + kAskedLane, high(asked, waiting));
}

// The four arrival rows of a segment: the persons of rows {0, 1} and {2, 3}, clamped at 0, by
// housing.
void write_arrival_rows(std::array<std::vector<double>, 4>& arrival_rows, int first_lane, bool housing, Pair rows01,
                        Pair rows23, const HousingSplit& share) {
  double* const rows[4] = {arrival_rows[0].data(), arrival_rows[1].data(), arrival_rows[2].data(),
                           arrival_rows[3].data()};
  write_arrival_lanes(rows, first_lane, housing, positive_pair(rows01), share);
  write_arrival_lanes(rows + 2, first_lane, housing, positive_pair(rows23), share);
}

}  // namespace

// The series the arrivals of a step add to, held in locals during the pass over the segments
// and written back after it: the same additions in the same order, without a load and a store
// each (the stores into the arrival rows would otherwise make the compiler reload every one).
struct Simulation::ArrivalTallies {
  double applications, subsequent, joined, reception_in, not_accommodated, off_list;
  double registered, joined_step;
};

// What arrivals read per segment from the policies in force, together and worked out once per
// change of the policies (the same values: ask is ask_share x (1 - excluded) as add_arrivals
// computed it).
void Simulation::update_arrival_shares() {
  const Reception& r = now_.reception;
  arrival_shares_.resize(static_cast<std::size_t>(segments_));
  for (int s = 0; s < segments_; ++s) {
    ArrivalShares& a = arrival_shares_[s];
    a.ask_share = r.ask_share[s];
    a.not_excluded = 1.0 - r.excluded[s];
    a.ask = a.ask_share * a.not_excluded;
    a.dublin = now_.dublin.share[s];
    a.fast_track = now_.cgrs.fast_track[s];
    a.waits = r.waits[s] >= 0.5;
  }
}

// New applicants of the step: spontaneous applications, planned arrivals and subsequent
// applications, placed by profile priority.
void Simulation::admit_arrivals(int k) {
  const SegmentSet& seg = base_.segments;
  const Reception& r = now_.reception;
  std::vector<double>& first = segment_buffer_;
  std::vector<double>& planned = planned_buffer_;
  first.resize(static_cast<std::size_t>(segments_));
  planned.assign(static_cast<std::size_t>(segments_), 0.0);
  for (int s = 0; s < segments_; ++s) first[s] = step_applications_[k] * now_.applications.segment_share[s];
  if (!step_planned_.empty()) {  // without planned inflows the series stays as it is (+0)
    for (int s = 0; s < segments_; ++s) {
      for (std::size_t i = 0; i < step_planned_.size(); ++i)
        planned[s] += step_planned_[i][k] * base_.applications.planned[i].segment_share[s];
      series(S::planned_arrivals)[0] += planned[s];
    }
  }
  // add_arrivals writes every lane of its segment in the four rows: the rows need clearing only
  // when the priority leaves a profile out.
  for (std::vector<double>& row : arrival_rows_) row.resize(static_cast<std::size_t>(lanes_));
  if (!names_every_profile_once(r.priority, seg.profile_count()))
    for (std::vector<double>& row : arrival_rows_) std::fill(row.begin(), row.end(), 0.0);
  ArrivalTallies tallies{series(S::applications)[0],     series(S::subsequent_applications)[0],
                         series(S::waiting_list_joined)[0], series(S::reception_in)[0],
                         series(S::not_accommodated)[0],  series(S::not_accommodated_off_list)[0],
                         0.0,                             joined_list_step_};
  // The segments of profile p are p, p + profiles, ... (SegmentSet::index), one per origin.
  const int profiles = seg.profile_count();
  const int end = seg.origin_count() * profiles;
  if (parameters_changed_) update_arrival_shares();
  const ArrivalShares* shares = arrival_shares_.data();
  for (int p : r.priority) {
    // Places go to the profile as a whole, then to its segments in proportion to their demand.
    double demand = 0.0;
    for (int s = p; s < end; s += profiles) {
      if (shares[s].waits) continue;
      demand += (first[s] + planned[s] + subsequent_due_[s]) * shares[s].ask_share * shares[s].not_excluded;
    }
    const double placed_share = demand > 0.0 ? network_.placeable_share(p, demand) : 0.0;
    for (int s = p; s < end; s += profiles)
      add_arrivals(s, p, first[s], planned[s], subsequent_due_[s], placed_share, shares[s], tallies);
  }
  series(S::applications)[0] = tallies.applications;
  series(S::subsequent_applications)[0] = tallies.subsequent;
  series(S::waiting_list_joined)[0] = tallies.joined;
  series(S::reception_in)[0] = tallies.reception_in;
  series(S::not_accommodated)[0] = tallies.not_accommodated;
  series(S::not_accommodated_off_list)[0] = tallies.off_list;
  joined_list_step_ = tallies.joined_step;
  registrations_.add(k, delays_.registration, 0, tallies.registered);
  const double day = calendar_.mid_day(k);
  const double width = calendar_.width(k);
  dublin_.add_row(k, day, width, arrival_rows_[0]);
  for (int t = 0; t < kTrackCount; ++t) tracks_[t].add_row(k, day, width, arrival_rows_[1 + t]);
}

// Counts one segment's arrivals and splits them into the procedure paths (Dublin or a CGRS
// track) with their housing, in the segment's lanes of the arrival rows; the rows are pushed
// once per step by admit_arrivals. Spontaneous applications include the given share of
// subsequent ones and go through Dublin; planned arrivals (resettlement, relocation, corridors)
// are first applications outside Dublin. `profile` is the segment's (admit_arrivals walks the
// segments by profile).
inline void Simulation::add_arrivals(int s, int profile, double first, double planned, double subsequent_generated,
                                     double placed_share, const ArrivalShares& shares, ArrivalTallies& t) {
  const double persons = first + planned + subsequent_generated;
  if (persons <= 0.0) {
    write_arrival_rows(arrival_rows_, lane(s, kAllLane), housing_, Pair{}, Pair{}, HousingSplit{});
    return;
  }
  const double given_subsequent = first * now_.applications.subsequent_share;
  cumulative_in_[s] += first + planned;  // generated subsequent applicants were already in the chain
  t.applications += persons;
  series(S::applications_by_segment)[s] += persons;
  t.subsequent += given_subsequent + subsequent_generated;
  t.registered += persons;  // enters the registration delay once per step (admit_arrivals)

  // Housing on arrival, the same share for every path.
  HousingSplit share{};
  const double ask = shares.ask;
  if (shares.waits) {
    share[kWaiting] = ask;
    t.joined += persons * ask;
    t.joined_step += persons * ask;
  } else {
    const double placed = network_.place(s, profile, persons * ask * placed_share, true);
    share[kAccommodated] = placed / persons;
    share[kUnplaced] = std::max(0.0, ask - share[kAccommodated]);
    t.reception_in += placed;
    t.not_accommodated += persons * share[kUnplaced];
    t.off_list += persons * share[kUnplaced];
  }
  share[kOutside] = 1.0 - ask;

  const double subsequent = given_subsequent + subsequent_generated;
  const double first_time = persons - subsequent;
  const double dublin = (first - given_subsequent) * shares.dublin;
  const double fast = (first_time - dublin) * shares.fast_track;
  // Rows: Dublin, then the tracks (normal, fast, subsequent).
  write_arrival_rows(arrival_rows_, lane(s, kAllLane), housing_, Pair{dublin, first_time - dublin - fast},
                     Pair{fast, subsequent}, share);
}

// Free places go to the waiting list, oldest application first across all procedure stages,
// pool by pool (a pool admits only the profiles it takes).
void Simulation::admit_from_waiting_list(int k) {
  const double now = calendar_.mid_day(k);
  const std::array<CohortQueue*, 4> by_application{&dublin_, &tracks_[0], &tracks_[1], &tracks_[2]};
  // Arrivals of this step admitted in it were placed on arrival; the rest of them were not
  // accommodated on arrival (Fedasil's count), whether they stay on the list or not.
  double admitted_on_arrival = 0.0;
  for (int pool = 0; pool < network_.pool_count(); ++pool) {
    const PoolAdmission& lanes = admission_[pool];
    if (lanes.from.empty() || network_.is_overflow(pool)) continue;
    double free = network_.free_places(pool);
    // A pool filled to the last place sits on zero free places within rounding: only room beyond
    // a tolerance relative to the pool's size admits anyone, so the order of the sums upstream
    // cannot flip noise-level admissions (1e-11 persons) on and off.
    const double nothing_free = 1e-9 * std::max(1.0, network_.capacity(pool));
    if (free <= nothing_free) continue;
    const LaneTransfer admit{lanes.from, lanes.to, lanes.also_from};
    std::vector<double>& moved = moved_buffer_;
    moved.assign(lanes.from.size(), 0.0);
    // Oldest waiting key of each queue in this pool's lanes. Admissions only empty waiting
    // lanes, so a queue's key changes only when persons leave it: ask that queue alone again.
    std::array<int, by_application.size()> keys;
    for (std::size_t q = 0; q < by_application.size(); ++q)
      keys[q] = by_application[q]->oldest_key_with(lanes.from);
    while (true) {
      // The oldest key wins; on a tie, the first queue in application order.
      const auto oldest = std::min_element(keys.begin(), keys.end());
      const int key = *oldest;
      if (key == std::numeric_limits<int>::max()) break;
      CohortQueue* queue = by_application[static_cast<std::size_t>(oldest - keys.begin())];
      const double m = queue->move_in_cohort(key, admit, free, now, moved, &admitted_ages_period_);
      if (m <= 0.0) break;
      if (key == k) admitted_on_arrival += m;
      free -= m;
      if (free <= nothing_free) break;
      *oldest = queue->oldest_key_with(lanes.from);
    }
    // Appellants still waiting come after every applicant at the CGRS (their own order: FIFO).
    if (free > nothing_free) call_.move(admit, free, QueueOrder::oldest_first, now, moved, &admitted_ages_period_);
    for (std::size_t i = 0; i < lanes.from.size(); ++i) {
      if (moved[i] <= 0.0) continue;
      // The lane's segment: lanes_per_segment_ is kLanesPerSegment with housing, else 1, so a
      // shift rather than a division (lanes are >= 0).
      const unsigned from = static_cast<unsigned>(lanes.from[i]);
      const int segment = static_cast<int>(housing_ ? from / unsigned{kLanesPerSegment} : from);
      network_.add(pool, segment, moved[i]);
      series(S::waiting_list_admitted)[0] += moved[i];
      series(S::reception_in)[0] += moved[i];
    }
  }
  const double waiting_on_arrival = std::max(0.0, joined_list_step_ - admitted_on_arrival);
  series(S::not_accommodated)[0] += waiting_on_arrival;
  series(S::not_accommodated_on_list)[0] += waiting_on_arrival;
  joined_list_step_ = 0.0;
}

}  // namespace chainsim
