#pragma once
// The age-tracked FIFO cohort queue: the memory of every capacity-limited stage.
//
// A cohort is everyone who entered in one step (its key, the step index; negative keys are steps
// before the start). Inside a cohort, persons are split over `lanes`: one lane per combination of
// segment and attribute (e.g. accommodated / waiting / outside), so that serving oldest first
// across segments and moving persons between attributes keep the exact age of everyone.
//
// Cost model: pushing is O(lanes); serving and moving touch only the oldest live cohorts; a
// proportional leak is one scale factor per lane, not a loop over cohorts.
#include <cstdint>
#include <span>
#include <vector>

#include "chainsim/model/age_histogram.hpp"

namespace chainsim {

enum class QueueOrder { oldest_first, newest_first };

class CohortQueue {
 public:
  explicit CohortQueue(int lanes);

  int lanes() const { return lanes_; }
  bool empty() const;
  int cohort_count() const { return count_; }
  // Keys of the oldest and newest cohort held (including empty ones in between).
  int oldest_key() const { return base_key_; }
  int newest_key() const { return base_key_ + count_ - 1; }

  // Adds persons to cohort `key`, creating it (at its place in age order) if needed.
  // `entry_day` is the midpoint of the entry step and `width_days` its length; both are stored
  // when the cohort is created and must be the same for every later add to that key.
  void add(int key, double entry_day, double width_days, int lane, double amount);

  // Persons in one lane, in all lanes, in one cohort and lane.
  double lane_total(int lane) const { return lane_total_[lane]; }
  double total() const;
  double amount(int key, int lane) const;

  // Serves up to `capacity` units, oldest cohort first. A person in lane l uses
  // cost_per_person[l] units (e.g. 1/persons_per_case to count capacity in cases; 0 skips the
  // lane). Inside a cohort that is only partly served, every served lane is served in the same
  // proportion. Adds the served persons to served_per_lane and, if given, their ages at
  // `now_day` to `served_ages`. Returns the capacity used.
  double serve(double capacity, std::span<const double> cost_per_person, double now_day,
               std::span<double> served_per_lane, AgeHistogram* served_ages);

  // Removes the share `share_per_lane[l]` of every cohort's lane l (proportional leak).
  // Adds the removed persons to removed_per_lane. O(lanes).
  void leak(std::span<const double> share_per_lane, std::span<double> removed_per_lane);

  // Moves up to `amount` persons from lanes `from[i]` to lanes `to[i]`, cohort by cohort in
  // `order`; inside a cohort every pair moves in the same proportion. Adds moved persons per
  // source lane to moved_per_from_lane (indexed like `from`) and their ages at `now_day` to
  // `moved_ages`. Returns the number moved.
  double move(std::span<const int> from, std::span<const int> to, double amount, QueueOrder order,
              double now_day, std::span<double> moved_per_from_lane, AgeHistogram* moved_ages);

  // Removes the whole of the given lanes from every cohort (e.g. everyone whose procedure ended
  // elsewhere). Adds removed persons to removed_per_lane.
  void clear_lanes(std::span<const int> lanes, std::span<double> removed_per_lane);

  // Ages (days at `now_day`) of the persons in the given lanes; replaces the histogram content.
  void age_distribution(std::span<const int> lanes, double now_day, AgeHistogram& out) const;

  // Calls f(key, entry_day, width_days, amounts) for every cohort, oldest first, with the
  // persons of every lane; for moving whole cohorts between queues and for tests.
  template <class F>
  void for_each_cohort(F&& f) const {
    std::vector<double> amounts(static_cast<std::size_t>(lanes_));
    for (int i = 0; i < count_; ++i) {
      const int slot = slot_of(i);
      const double* r = row(slot);
      for (int l = 0; l < lanes_; ++l) amounts[l] = r[l] * scale_[l];
      f(base_key_ + i, day_[slot], width_[slot], std::span<const double>(amounts));
    }
  }

 private:
  int slot_of(int index) const { return (head_ + index) % capacity_; }
  double* row(int slot) { return &stored_[static_cast<std::size_t>(slot) * lanes_]; }
  const double* row(int slot) const { return &stored_[static_cast<std::size_t>(slot) * lanes_]; }
  int ensure_cohort(int key, double entry_day, double width_days);  // returns slot
  void grow(int new_capacity);
  void drop_empty_ends();
  double cohort_weight(int slot, std::span<const double> cost) const;
  bool total_of_slot_is_zero(int slot) const;
  void renormalise_lane(int lane);

  int lanes_;
  int capacity_ = 0;  // cohorts the ring can hold before growing
  int head_ = 0;      // slot of the oldest cohort
  int count_ = 0;     // cohorts held, oldest_key .. newest_key
  int base_key_ = 0;  // key of the oldest cohort
  std::vector<double> stored_;      // [slot][lane], persons divided by scale_[lane]
  std::vector<double> day_;         // [slot] entry midpoint
  std::vector<double> width_;       // [slot] entry step length
  std::vector<double> scale_;       // [lane] multiplier from stored to true persons (leaks)
  std::vector<double> lane_total_;  // [lane] true persons
  // [lane] every cohort older than this key holds no one in the lane: oldest-first moves start
  // there instead of walking emptied cohorts again (the waiting list is near the young end).
  std::vector<int> lane_front_key_;
  void advance_front(int lane);
};

}  // namespace chainsim
