#include "chainsim/model/cohort_queue.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace chainsim {

namespace {
// Below this many persons a cohort counts as empty and is dropped from the ends of the queue.
constexpr double kEmpty = 1e-12;
// Leak scale factors are folded back into the stored amounts before they underflow.
constexpr double kMinScale = 1e-150;
}  // namespace

CohortQueue::CohortQueue(int lanes)
    : lanes_(lanes), scale_(static_cast<std::size_t>(lanes), 1.0),
      lane_total_(static_cast<std::size_t>(lanes), 0.0),
      lane_front_key_(static_cast<std::size_t>(lanes), std::numeric_limits<int>::max()) {
  assert(lanes > 0);
  grow(16);
}

bool CohortQueue::empty() const { return total() <= kEmpty; }

double CohortQueue::total() const {
  double t = 0.0;
  for (double v : lane_total_) t += v;
  return t;
}

void CohortQueue::grow(int new_capacity) {
  std::vector<double> stored(static_cast<std::size_t>(new_capacity) * lanes_, 0.0);
  std::vector<double> day(static_cast<std::size_t>(new_capacity), 0.0);
  std::vector<double> width(static_cast<std::size_t>(new_capacity), 0.0);
  for (int i = 0; i < count_; ++i) {
    const int slot = slot_of(i);
    std::copy_n(row(slot), lanes_, &stored[static_cast<std::size_t>(i) * lanes_]);
    day[i] = day_[slot];
    width[i] = width_[slot];
  }
  stored_ = std::move(stored);
  day_ = std::move(day);
  width_ = std::move(width);
  capacity_ = new_capacity;
  head_ = 0;
}

int CohortQueue::ensure_cohort(int key, double entry_day, double width_days) {
  if (count_ == 0) {
    base_key_ = key;
    count_ = 1;
    const int slot = slot_of(0);
    std::fill_n(row(slot), lanes_, 0.0);
    day_[slot] = entry_day;
    width_[slot] = width_days;
    return slot;
  }
  if (key < base_key_) {
    // An older cohort comes back (e.g. an annulled decision keeps its application date).
    const int extra = base_key_ - key;
    if (count_ + extra > capacity_) grow(std::max(capacity_ * 2, count_ + extra));
    for (int i = 0; i < extra; ++i) {
      head_ = (head_ - 1 + capacity_) % capacity_;
      std::fill_n(row(head_), lanes_, 0.0);
      // Keys between the new one and the old front hold no one; their day is never read
      // before they are filled, but keep it ordered for safety.
      day_[head_] = entry_day;
      width_[head_] = width_days;
    }
    base_key_ = key;
    count_ += extra;
    return head_;
  }
  const int index = key - base_key_;
  if (index < count_) return slot_of(index);
  const int extra = index - count_ + 1;
  if (count_ + extra > capacity_) grow(std::max(capacity_ * 2, count_ + extra));
  for (int i = 0; i < extra; ++i) {
    const int slot = slot_of(count_ + i);
    std::fill_n(row(slot), lanes_, 0.0);
    day_[slot] = entry_day;
    width_[slot] = width_days;
  }
  count_ += extra;
  return slot_of(index);
}

void CohortQueue::add(int key, double entry_day, double width_days, int lane, double amount) {
  assert(lane >= 0 && lane < lanes_);
  if (!(amount > 0.0)) return;
  const bool is_new_key = count_ == 0 || key < base_key_ || key >= base_key_ + count_;
  const int slot = ensure_cohort(key, entry_day, width_days);
  if (is_new_key || total_of_slot_is_zero(slot)) {
    day_[slot] = entry_day;
    width_[slot] = width_days;
  }
  row(slot)[lane] += amount / scale_[lane];
  lane_total_[lane] += amount;
  lane_front_key_[lane] = std::min(lane_front_key_[lane], key);
}

void CohortQueue::advance_front(int lane) {
  int key = std::max(lane_front_key_[lane], base_key_);
  const int end = base_key_ + count_;
  while (key < end && row(slot_of(key - base_key_))[lane] == 0.0) ++key;
  lane_front_key_[lane] = key < end ? key : std::numeric_limits<int>::max();
}

bool CohortQueue::total_of_slot_is_zero(int slot) const {
  const double* r = row(slot);
  for (int l = 0; l < lanes_; ++l) {
    if (r[l] != 0.0) return false;
  }
  return true;
}

double CohortQueue::amount(int key, int lane) const {
  const int index = key - base_key_;
  if (count_ == 0 || index < 0 || index >= count_) return 0.0;
  return row(slot_of(index))[lane] * scale_[lane];
}

double CohortQueue::cohort_weight(int slot, std::span<const double> cost) const {
  const double* r = row(slot);
  double w = 0.0;
  for (int l = 0; l < lanes_; ++l) w += r[l] * scale_[l] * cost[l];
  return w;
}

void CohortQueue::drop_empty_ends() {
  auto is_empty = [&](int slot) {
    const double* r = row(slot);
    double t = 0.0;
    for (int l = 0; l < lanes_; ++l) t += r[l] * scale_[l];
    return t <= kEmpty;
  };
  while (count_ > 0 && is_empty(slot_of(0))) {
    // Tiny remainders are moved out of the lane totals too, so that conservation stays exact.
    double* r = row(slot_of(0));
    for (int l = 0; l < lanes_; ++l) {
      lane_total_[l] -= r[l] * scale_[l];
      r[l] = 0.0;
    }
    head_ = (head_ + 1) % capacity_;
    ++base_key_;
    --count_;
  }
  while (count_ > 0 && is_empty(slot_of(count_ - 1))) {
    double* r = row(slot_of(count_ - 1));
    for (int l = 0; l < lanes_; ++l) {
      lane_total_[l] -= r[l] * scale_[l];
      r[l] = 0.0;
    }
    --count_;
  }
}

double CohortQueue::serve(double capacity, std::span<const double> cost_per_person, double now_day,
                          std::span<double> served_per_lane, AgeHistogram* served_ages) {
  assert(static_cast<int>(cost_per_person.size()) == lanes_);
  assert(static_cast<int>(served_per_lane.size()) == lanes_);
  double used = 0.0;
  for (int i = 0; i < count_ && used < capacity; ++i) {
    const int slot = slot_of(i);
    const double weight = cohort_weight(slot, cost_per_person);
    if (!(weight > 0.0)) continue;
    const double fraction = std::min(1.0, (capacity - used) / weight);
    double* r = row(slot);
    double persons = 0.0;
    for (int l = 0; l < lanes_; ++l) {
      if (cost_per_person[l] <= 0.0 || r[l] == 0.0) continue;
      const double moved = r[l] * scale_[l] * fraction;
      r[l] = fraction >= 1.0 ? 0.0 : r[l] * (1.0 - fraction);
      lane_total_[l] -= moved;
      served_per_lane[l] += moved;
      persons += moved;
    }
    used += weight * fraction;
    if (served_ages != nullptr) served_ages->add(now_day - day_[slot], width_[slot], persons);
  }
  drop_empty_ends();
  return used;
}

void CohortQueue::leak(std::span<const double> share_per_lane, std::span<double> removed_per_lane) {
  assert(static_cast<int>(share_per_lane.size()) == lanes_);
  for (int l = 0; l < lanes_; ++l) {
    const double share = std::clamp(share_per_lane[l], 0.0, 1.0);
    if (share <= 0.0) continue;
    const double removed = lane_total_[l] * share;
    removed_per_lane[l] += removed;
    lane_total_[l] -= removed;
    scale_[l] *= (1.0 - share);
    if (scale_[l] < kMinScale) renormalise_lane(l);
  }
}

void CohortQueue::renormalise_lane(int lane) {
  for (int i = 0; i < count_; ++i) row(slot_of(i))[lane] *= scale_[lane];
  scale_[lane] = 1.0;
}

double CohortQueue::move(std::span<const int> from, std::span<const int> to, double amount,
                         QueueOrder order, double now_day, std::span<double> moved_per_from_lane,
                         AgeHistogram* moved_ages) {
  assert(from.size() == to.size() && moved_per_from_lane.size() == from.size());
  double moved_total = 0.0;
  int first = 0;
  if (order == QueueOrder::oldest_first) {
    int front = std::numeric_limits<int>::max();
    for (int f : from) front = std::min(front, lane_front_key_[f]);
    if (front == std::numeric_limits<int>::max()) return 0.0;
    first = std::max(0, front - base_key_);
  }
  for (int n = first; n < count_ && moved_total < amount; ++n) {
    const int i = order == QueueOrder::oldest_first ? n : count_ - 1 - n;
    const int slot = slot_of(i);
    double* r = row(slot);
    double available = 0.0;
    for (std::size_t p = 0; p < from.size(); ++p) available += r[from[p]] * scale_[from[p]];
    if (!(available > 0.0)) continue;
    const double fraction = std::min(1.0, (amount - moved_total) / available);
    double cohort_moved = 0.0;
    for (std::size_t p = 0; p < from.size(); ++p) {
      const int f = from[p];
      const int t = to[p];
      const double m = r[f] * scale_[f] * fraction;
      if (m == 0.0) continue;
      r[f] = fraction >= 1.0 ? 0.0 : r[f] * (1.0 - fraction);
      r[t] += m / scale_[t];
      lane_front_key_[t] = std::min(lane_front_key_[t], base_key_ + i);
      lane_total_[f] -= m;
      lane_total_[t] += m;
      moved_per_from_lane[p] += m;
      cohort_moved += m;
    }
    moved_total += cohort_moved;
    if (moved_ages != nullptr) moved_ages->add(now_day - day_[slot], width_[slot], cohort_moved);
  }
  if (order == QueueOrder::oldest_first)
    for (int f : from) advance_front(f);
  return moved_total;
}

void CohortQueue::clear_lanes(std::span<const int> lanes, std::span<double> removed_per_lane) {
  for (int l : lanes) {
    removed_per_lane[l] += lane_total_[l];
    for (int i = 0; i < count_; ++i) row(slot_of(i))[l] = 0.0;
    lane_total_[l] = 0.0;
    scale_[l] = 1.0;
    lane_front_key_[l] = std::numeric_limits<int>::max();
  }
  drop_empty_ends();
}

void CohortQueue::age_distribution(std::span<const int> lanes, double now_day,
                                   AgeHistogram& out) const {
  out.clear();
  for (int i = 0; i < count_; ++i) {
    const int slot = slot_of(i);
    const double* r = row(slot);
    double persons = 0.0;
    for (int l : lanes) persons += r[l] * scale_[l];
    out.add(now_day - day_[slot], width_[slot], persons);
  }
}

}  // namespace chainsim
