#pragma once
// The reception network: pools with capacity paths, who occupies them, what they cost, and the
// planner's capacity rule.
//
// Occupancy is kept per pool and segment. Persons leave a segment's places in proportion to
// where that segment is accommodated (pools differ by the profiles they take, so this is where
// the segment's persons are). Usable places are capacity x saturation for regular pools and the
// full capacity for overflow pools (emergency places, hotels).
#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "chainsim/model/calendar.hpp"
#include "chainsim/model/scenario.hpp"

namespace chainsim {

class ReceptionNetwork {
 public:
  ReceptionNetwork(const Calendar& calendar, const Scenario& scenario);

  // Capacities for step k: the pool's capacity under the policies in force, plus its dated
  // changes and the capacity rule's orders that have taken effect by the step's midpoint.
  void update_capacity(int k, const Reception& r);
  // The capacity rule: reviews when due and orders openings or closures. `demand` is what the
  // planner measures (accommodated + waiting + not accommodated, persons).
  void review_capacity(int k, const Reception& r, double demand);

  int pool_count() const { return pool_count_; }
  double capacity(int pool) const { return pools_[pool].capacity; }
  double usable(int pool) const { return pools_[pool].usable; }
  double occupied(int pool) const;
  double occupied_segment(int segment) const;
  double occupied_total() const;
  double regular_capacity() const;
  double regular_usable() const;
  double regular_occupied() const;
  double free_places(int pool) const;
  // Σ over regular pools of max(0, usable - occupied): one pool's room does not hide another's shortage.
  double regular_free_places() const;
  // Every regular pool that takes one of the marked profiles is full (none: false).
  bool saturated_for(const std::vector<char>& profiles) const;

  // min(1, free places of the pools that take `profile` / demand), the free places summed in
  // pool order; demand > 0.
  double placeable_share(int profile, double demand) const;
  // Places up to `amount` persons of `segment` (of `profile`) in the regular pools that take the
  // profile, in pool order, then, if `use_overflow`, in overflow pools. Returns those placed.
  // Usually the first of those pools has room for everyone: that case is inlined (arrivals
  // place every segment every step).
  double place(int segment, int profile, double amount, bool use_overflow) {
    const PlacementOrder& order = placement_[profile];
    const std::size_t pools = use_overflow ? order.pools.size() : order.regular;
    if (!(amount > 0.0) || pools == 0 || !has_room(order.pools[0], amount))
      return place_in_order(segment, order, pools, amount);
    at(segment, order.pools[0]) += amount;
    added_to(order.pools[0], amount);
    return amount;
  }
  // Adds persons of a segment to one pool (admissions from the waiting list).
  void add(int pool, int segment, double amount) {
    at(segment, pool) += amount;
    added_to(pool, amount);
  }
  // Removes persons of a segment, in proportion to where the segment is accommodated.
  void remove(int segment, double amount);
  // The same for every segment at once: amounts[s] persons of segment s.
  void remove_each(std::span<const double> amounts);
  // Minors turning 18: moves a share of the accommodated persons of `profile` in every pool
  // other than `to` into pool `to` (they keep their segment in the procedure). Returns those moved.
  double age_out(double share, int profile, int to, const SegmentSet& segments);
  bool takes(int pool, int profile) const { return scenario_pools_[pool].takes_profile[profile] != 0; }
  bool is_overflow(int pool) const { return scenario_pools_[pool].overflow; }

  // Cost of `days` at the current capacities and occupancy, EUR.
  double cost(double days, const Reception& r) const;
  double places_on_order() const;

 private:
  struct Change {
    double effective_day;
    double places;
  };
  static constexpr std::uint64_t kNotSummed = ~std::uint64_t{0};
  struct PoolState {
    double capacity = 0.0;
    double usable = 0.0;
    double margin = 0.0;  // 1e-9 x max(1, usable): has_room's allowance for rounding
    // Persons in the pool, summed again (in segment order, always the same value) only after a
    // change: occupancy is read far more often than it changes. Valid while summed_at == epoch_
    // and nothing was added since (summed).
    mutable double total = 0.0;
    mutable std::uint64_t summed_at = kNotSummed;
    mutable bool summed = false;
    // An upper bound of the persons in the pool, up to rounding: the last sum plus everyone
    // added since (removals only lower the occupancy). Enough to see room to spare without
    // summing again (has_room, surely_room_for).
    mutable double bound = 0.0;
    std::vector<Change> changes;   // dated changes and rule orders, any order
  };

  // Where a segment's persons by pool begin in occupied_.
  std::size_t row_start(int segment) const {
    return static_cast<std::size_t>(segment) * static_cast<std::size_t>(pool_count_);
  }
  double& at(int segment, int pool) { return occupied_[row_start(segment) + pool]; }
  // A change to one pool marks that pool; persons added also raise its bound. A remove changes
  // every pool: it moves epoch_ on rather than marking each pool.
  void lowered(int pool) { pools_[pool].summed = false; }
  void added_to(int pool, double amount) {
    pools_[pool].summed = false;
    pools_[pool].bound += amount;
  }
  void changed_all() { ++epoch_; }
  // The pool surely has `room` free places, as free_places would find after summing again
  // (see reception_network.cpp).
  bool has_room(int pool, double room) const {
    const PoolState& p = pools_[pool];
    return p.usable - p.bound - room >= p.margin;
  }
  // The same for `demand` places over the pools that take the profile (placeable_share 1).
  bool surely_room_for(int profile, double demand) const;

  // The pools that take a profile in the order place fills them: regular pools, then overflow
  // pools, each in pool order.
  struct PlacementOrder {
    std::vector<int> pools;
    std::size_t regular = 0;  // the first `regular` of `pools`
    std::vector<int> in_pool_order;  // the same pools in pool order (free places are summed so)
    double margin = 0.0;  // 1e-9 x the sum of max(1, usable) over them (surely_room_for)
  };
  void build_placement_orders(int profiles);
  // place, walking the first `pools` of `order`.
  double place_in_order(int segment, const PlacementOrder& order, std::size_t pools, double amount);

  const Calendar& calendar_;
  std::vector<Pool> scenario_pools_;
  std::vector<PoolState> pools_;
  // pools_.size(), kept apart: the size of a vector of PoolState is a division (by a
  // multiplication), and the pool count is read in every placement (row_start) and loop.
  int pool_count_ = 0;
  std::vector<PlacementOrder> placement_;  // per profile
  // Persons by segment and pool, segment-major: persons leave a segment from all its pools at
  // once (remove), which happens far more often than anything else.
  std::vector<double> occupied_;
  std::uint64_t epoch_ = 0;  // moved on by every remove (changed_all)
  double saturation_ = 1.0;
  // What the capacities were last worked out from (update_capacity): the policies' capacities
  // and saturation, and the days [from_day, until_day) over which the dated changes in effect
  // stay the same. Invalid after a change is added.
  struct CapacityInputs {
    std::vector<double> capacity;
    double saturation = 0.0;
    double from_day = 0.0, until_day = 0.0;
    bool valid = false;
  };
  CapacityInputs capacity_inputs_;
  bool capacities_hold(double day, const Reception& r) const;
  // saturated_for's regular pools that take one of saturation_profiles_.
  mutable std::vector<char> saturation_profiles_;
  mutable std::vector<int> saturation_pools_;
  // Capacity rule state.
  struct Observation {
    double day;
    double demand;
  };
  std::vector<Observation> observed_;
  double next_review_day_ = 0.0;
  double current_day_ = 0.0;
};

}  // namespace chainsim
