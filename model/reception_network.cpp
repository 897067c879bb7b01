#include "chainsim/model/reception_network.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>

namespace chainsim {

ReceptionNetwork::ReceptionNetwork(const Calendar& calendar, const Scenario& scenario)
    : calendar_(calendar), scenario_pools_(scenario.reception.pools) {
  const int segments = scenario.segments.size();
  occupied_.assign(static_cast<std::size_t>(segments) * scenario_pools_.size(), 0.0);
  for (const Pool& p : scenario_pools_) {
    PoolState st;
    for (const CapacityChange& c : p.changes)
      st.changes.push_back({calendar.day_of_date(c.decided) + c.lead_time.days(), c.places});
    pools_.push_back(std::move(st));
  }
  pool_count_ = static_cast<int>(pools_.size());
  build_placement_orders(scenario.segments.profile_count());
  update_capacity(0, scenario.reception);
}

void ReceptionNetwork::build_placement_orders(int profiles) {
  placement_.resize(static_cast<std::size_t>(profiles));
  for (int profile = 0; profile < profiles; ++profile) {
    PlacementOrder& order = placement_[profile];
    for (const bool overflow : {false, true}) {
      for (int i = 0; i < pool_count(); ++i) {
        // Built for every profile, including any past the end of an unfilled takes_profile.
        const std::vector<char>& taken = scenario_pools_[i].takes_profile;
        const bool takes = profile < static_cast<int>(taken.size()) && taken[profile] != 0;
        if (is_overflow(i) == overflow && takes) order.pools.push_back(i);
      }
      if (!overflow) order.regular = order.pools.size();
    }
    order.in_pool_order = order.pools;
    std::sort(order.in_pool_order.begin(), order.in_pool_order.end());
  }
}

namespace {

// The same bits (the same inputs give the same capacities, NaN and -0 included).
bool same(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

}  // namespace

void ReceptionNetwork::update_capacity(int k, const Reception& r) {
  const double day = calendar_.mid_day(k);
  current_day_ = day;
  saturation_ = r.saturation;
  if (capacities_hold(day, r)) return;
  CapacityInputs& in = capacity_inputs_;
  in.capacity.resize(pools_.size());
  in.saturation = r.saturation;
  in.from_day = -std::numeric_limits<double>::infinity();
  in.until_day = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < pools_.size(); ++i) {
    PoolState& p = pools_[i];
    double cap = r.pools[i].capacity;
    in.capacity[i] = cap;
    for (const Change& c : p.changes) {
      if (c.effective_day <= day) {
        cap += c.places;
        in.from_day = std::max(in.from_day, c.effective_day);
      } else {
        in.until_day = std::min(in.until_day, c.effective_day);
      }
    }
    p.capacity = std::max(0.0, cap);
    p.usable = p.capacity * (scenario_pools_[i].overflow ? 1.0 : r.saturation);
    p.margin = 1e-9 * std::max(1.0, p.usable);
  }
  for (PlacementOrder& order : placement_) {
    double size = 0.0;
    for (const int i : order.in_pool_order) size += std::max(1.0, pools_[i].usable);
    order.margin = 1e-9 * size;
  }
  in.valid = true;
}

// The capacities of the last update_capacity hold for `day` too: the same inputs, and a day with
// the same dated changes in effect (none takes effect in between). Capacities change a few times
// a run; this is asked at every step.
bool ReceptionNetwork::capacities_hold(double day, const Reception& r) const {
  const CapacityInputs& in = capacity_inputs_;
  if (!in.valid || !(in.from_day <= day && day < in.until_day) || !same(in.saturation, r.saturation)) return false;
  for (std::size_t i = 0; i < pools_.size(); ++i)
    if (!same(in.capacity[i], r.pools[i].capacity)) return false;
  return true;
}

double ReceptionNetwork::occupied(int pool) const {
  const PoolState& p = pools_[pool];
  if (p.summed_at != epoch_ || !p.summed) {
    const std::size_t stride = static_cast<std::size_t>(pool_count_);
    const std::size_t end = occupied_.size();
    double t = 0.0;
    for (std::size_t i = static_cast<std::size_t>(pool); i < end; i += stride) t += occupied_[i];
    p.total = t;
    p.bound = t;
    p.summed_at = epoch_;
    p.summed = true;
  }
  return p.total;
}

// Placing the segments of a profile one after another lands them in the same pool, and the
// pools change after every step's departures: summing them again before every placement would
// only find what was known, room to spare. Every amount in occupied_ is >= 0 (placements and
// admissions add persons; removals and ageing out take a share <= 1 of what is there), so a sum
// made now is at most the bound plus a few ulps of the pool's size; a margin of 1e-9 of the size
// covers that many times over. Only a pool near full is summed again. (has_room, for one pool,
// is in the header.)

bool ReceptionNetwork::surely_room_for(int profile, double demand) const {
  const PlacementOrder& order = placement_[profile];
  double room = 0.0;
  for (const int i : order.in_pool_order) room += std::max(0.0, pools_[i].usable - pools_[i].bound);
  return room - demand >= order.margin;
}

double ReceptionNetwork::placeable_share(int profile, double demand) const {
  if (surely_room_for(profile, demand)) return 1.0;  // free / demand >= 1 whatever the exact sums
  double free = 0.0;
  for (const int i : placement_[profile].in_pool_order) free += free_places(i);
  return std::min(1.0, free / demand);
}

double ReceptionNetwork::occupied_segment(int segment) const {
  const double* row = &occupied_[row_start(segment)];
  const int n = pool_count();
  double t = 0.0;
  for (int i = 0; i < n; ++i) t += row[i];
  return t;
}

double ReceptionNetwork::occupied_total() const {
  double t = 0.0;
  for (int i = 0; i < pool_count(); ++i) t += occupied(i);
  return t;
}

double ReceptionNetwork::regular_capacity() const {
  double t = 0.0;
  for (int i = 0; i < pool_count(); ++i)
    if (!is_overflow(i)) t += pools_[i].capacity;
  return t;
}

double ReceptionNetwork::regular_usable() const {
  double t = 0.0;
  for (int i = 0; i < pool_count(); ++i)
    if (!is_overflow(i)) t += pools_[i].usable;
  return t;
}

double ReceptionNetwork::regular_occupied() const {
  double t = 0.0;
  for (int i = 0; i < pool_count(); ++i)
    if (!is_overflow(i)) t += occupied(i);
  return t;
}

double ReceptionNetwork::free_places(int pool) const { return std::max(0.0, pools_[pool].usable - occupied(pool)); }

double ReceptionNetwork::regular_free_places() const {
  double t = 0.0;
  for (int i = 0; i < pool_count(); ++i)
    if (!is_overflow(i)) t += free_places(i);
  return t;
}

bool ReceptionNetwork::saturated_for(const std::vector<char>& profiles) const {
  // The regular pools that take one of the profiles, found again only when the profiles change
  // (with the policies: this is asked at every step).
  if (profiles != saturation_profiles_) {
    saturation_profiles_ = profiles;
    saturation_pools_.clear();
    for (int i = 0; i < pool_count(); ++i) {
      if (is_overflow(i)) continue;
      const std::vector<char>& taken = scenario_pools_[i].takes_profile;
      std::size_t p = 0;
      while (p < profiles.size() && !(profiles[p] && taken[p])) ++p;
      if (p < profiles.size()) saturation_pools_.push_back(i);
    }
  }
  for (const int i : saturation_pools_)
    if (pools_[i].usable <= 0.0 || occupied(i) < pools_[i].usable * (1.0 - 1e-9)) return false;
  return !saturation_pools_.empty();
}

double ReceptionNetwork::place_in_order(int segment, const PlacementOrder& order, std::size_t pools,
                                        double amount) {
  double placed = 0.0;
  for (std::size_t j = 0; j < pools && placed < amount; ++j) {
    const int i = order.pools[j];
    const double room = amount - placed;
    const double n = has_room(i, room) ? room : std::min(room, free_places(i));
    if (n <= 0.0) continue;
    at(segment, i) += n;
    added_to(i, n);
    placed += n;
  }
  return placed;
}

namespace {

// remove on one segment's row of `pools` places; false when nothing changed. With the count of
// pools known at compile time (kPools > 0) the two loops unroll.
template <int kPools>
bool take_from_row(double* row, int pools, double amount) {
  const int n = kPools > 0 ? kPools : pools;
  if (!(amount > 0.0)) return false;
  double total = 0.0;  // occupied_segment
  for (int i = 0; i < n; ++i) total += row[i];
  if (!(total > 0.0)) return false;
  const double share = std::min(1.0, amount / total);
  for (int i = 0; i < n; ++i) row[i] -= row[i] * share;
  return true;
}

// Two values (SSE2): one of segments s and s + 1.
using Pair = double __attribute__((vector_size(16)));

// take_from_row on the rows of two segments at once, the same operations per row: the two
// totals summed pool by pool, one division for both shares. A row that gives no one (nothing
// asked, or no one there) takes a share of 0, and row - row x 0 leaves it as it was (no amount
// is negative, nor NaN).
template <int kPools>
void take_from_row_pair(double* __restrict first, double* __restrict second, Pair amount) {
  Pair total{};
  for (int i = 0; i < kPools; ++i) total += Pair{first[i], second[i]};
  const Pair quotient = amount / total;  // inf or NaN where nothing is taken: not used
  const Pair share = (amount > 0.0) & (total > 0.0) ? (quotient < 1.0 ? quotient : 1.0) : 0.0;  // std::min(1, q)
  for (int i = 0; i < kPools; ++i) {
    first[i] -= first[i] * share[0];
    second[i] -= second[i] * share[1];
  }
}

// Rows of kPools places (any count of pools when kPools is 0), two at a time when the count is
// known at compile time.
template <int kPools>
void take_from_rows(double* rows, int pools, std::span<const double> amounts) {
  std::size_t s = 0;
  if constexpr (kPools > 0) {
    for (; s + 2 <= amounts.size(); s += 2) {
      take_from_row_pair<kPools>(rows, rows + kPools, Pair{amounts[s], amounts[s + 1]});
      rows += 2 * kPools;
    }
  }
  for (; s < amounts.size(); ++s) {
    take_from_row<kPools>(rows, pools, amounts[s]);
    rows += pools;
  }
}

}  // namespace

void ReceptionNetwork::remove(int segment, double amount) {
  if (take_from_row<0>(&occupied_[row_start(segment)], pool_count(), amount)) changed_all();
}

// Every segment leaves its pools each step (at least through the contribution rule): one pass,
// after which every pool counts as changed (a pool summed again that did not change gives the
// same total).
void ReceptionNetwork::remove_each(std::span<const double> amounts) {
  // Networks of a few pools, the usual case, get loops of a fixed length.
  const int pools = pool_count();
  double* rows = occupied_.data();
  switch (pools) {
    case 2: take_from_rows<2>(rows, pools, amounts); break;
    case 3: take_from_rows<3>(rows, pools, amounts); break;
    case 4: take_from_rows<4>(rows, pools, amounts); break;
    default: take_from_rows<0>(rows, pools, amounts); break;
  }
  changed_all();
}

double ReceptionNetwork::age_out(double share, int profile, int to, const SegmentSet& segments) {
  if (!(share > 0.0) || to < 0 || profile < 0 || profile >= segments.profile_count()) return 0.0;
  double moved = 0.0;
  const int origins = segments.origin_count();
  if (origins == 0) return 0.0;
  // The profile's segments (one per origin) are every profile_count-th row from the profile's.
  double* const first = &occupied_[row_start(profile)];
  const std::size_t row_step = row_start(segments.profile_count());
  // Pools that do not take the profile hold no one of it: a pool whose rows of the profile are
  // all +0 is left as it is (nor marked changed), as the moves would leave it (m = +0 x share =
  // +0, and adding +0 changes no sum: occupancy is never -0). Only with a share not above 1 (the
  // rate is clamped, so the share lies in [0, 1]): 0 x inf would move NaN.
  const bool may_skip = share <= 1.0;
  const auto holds_none = [&](int i) {  // a pool that holds someone: usually its first row says so
    for (int origin = 0; origin < origins; ++origin)
      if (std::bit_cast<std::uint64_t>(first[static_cast<std::size_t>(origin) * row_step + i]) != 0) return false;
    return true;
  };
  for (int i = 0; i < pool_count(); ++i) {
    if (i == to || (may_skip && holds_none(i))) continue;
    for (int origin = 0; origin < origins; ++origin) {  // the profile's segments
      double* row = first + static_cast<std::size_t>(origin) * row_step;
      const double m = row[i] * share;
      row[i] -= m;
      row[to] += m;
      moved += m;
    }
    lowered(i);
  }
  added_to(to, moved);
  return moved;
}

double ReceptionNetwork::cost(double days, const Reception& r) const {
  // Asked at the end of every step, after the step's removals left every pool's total stale:
  // the totals are summed four pools at a time in one pass over the segments (the loop
  // vectorises) rather than in one strided walk per pool. Each total is still summed in segment
  // order, the value occupied() finds (summing a pool that was not stale again gives the same
  // value); the last pools, fewer than four, are left to occupied().
  constexpr std::size_t kAtOnce = 4;
  const std::size_t n = static_cast<std::size_t>(pool_count_);
  const double* o = occupied_.data();
  for (std::size_t first = 0; first + kAtOnce <= n; first += kAtOnce) {
    const PoolState* p = &pools_[first];
    if (std::all_of(p, p + kAtOnce, [&](const PoolState& q) { return q.summed_at == epoch_ && q.summed; }))
      continue;
    double t[kAtOnce] = {0.0, 0.0, 0.0, 0.0};
    for (std::size_t row = first; row < occupied_.size(); row += n)
      for (std::size_t j = 0; j < kAtOnce; ++j) t[j] += o[row + j];
    for (std::size_t j = 0; j < kAtOnce; ++j) {
      p[j].total = t[j];
      p[j].bound = t[j];
      p[j].summed_at = epoch_;
      p[j].summed = true;
    }
  }
  double c = 0.0;
  for (int i = 0; i < pool_count(); ++i)
    c += (pools_[i].capacity * r.pools[i].cost_per_place_day + occupied(i) * r.pools[i].cost_per_occupied_day) * days;
  return c;
}

double ReceptionNetwork::places_on_order() const {
  double t = 0.0;
  for (int i = 0; i < pool_count(); ++i) {
    if (is_overflow(i)) continue;  // the rule weighs regular places only
    for (const Change& c : pools_[i].changes)
      if (c.effective_day > current_day_) t += c.places;
  }
  return t;
}

// Called at the end of every step with the demand measured then. Reviews fall due every
// `review` (within half a step, so that monthly reviews happen every calendar month); a review
// acts on the demand measured `decision_delay` earlier (again within half a step).
void ReceptionNetwork::review_capacity(int k, const Reception& r, double demand) {
  const CapacityRule& rule = r.capacity_rule;
  if (!rule.enabled) return;
  const double day = calendar_.end_day(k);
  const double half_step = 0.5 * calendar_.length(k);
  observed_.push_back({day, demand});
  if (day < next_review_day_ - half_step) return;
  next_review_day_ = std::max(next_review_day_, day - half_step) + rule.review.days();
  const double seen_by = day - rule.decision_delay.days() + half_step;
  const Observation* seen = nullptr;
  for (const Observation& o : observed_)
    if (o.day <= seen_by) seen = &o;
  if (seen == nullptr) return;

  const double places = regular_capacity();
  const double planned = places + places_on_order();
  const double wanted = seen->demand * (1.0 + rule.buffer) / rule.target;
  PoolState& pool = pools_[rule.pool];
  double pool_planned = pool.capacity;
  for (const Change& c : pool.changes)
    if (c.effective_day > current_day_) pool_planned += c.places;
  double change = 0.0;
  // No places at all and someone to house counts as above the band.
  if ((places <= 0.0 && seen->demand > 0.0) || (places > 0.0 && seen->demand / places > rule.upper)) {
    change = std::max(0.0, wanted - planned);
  } else if (places > 0.0 && seen->demand / places < rule.lower) {
    change = std::min(0.0, wanted - planned);
  }
  change = std::clamp(pool_planned + change, rule.min_capacity, rule.max_capacity) - pool_planned;
  if (change == 0.0) return;
  const double lead = change > 0.0 ? rule.opening_lead_time.days() : rule.closure_lead_time.days();
  pool.changes.push_back({day + lead, change});
  capacity_inputs_.valid = false;  // the next update_capacity sums the changes again
}

}  // namespace chainsim
