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

CohortQueue::CohortQueue(int lanes, int group)
    : lanes_(lanes),
      group_(group), scale_(static_cast<std::size_t>(lanes), 1.0),
      lane_total_(static_cast<std::size_t>(lanes), 0.0),
      lane_front_key_(static_cast<std::size_t>(lanes), std::numeric_limits<int>::max()) {
  assert(lanes > 0 && group > 0 && lanes % group == 0);
  grow(16);
}

bool CohortQueue::empty() const { return total() <= kEmpty; }

double CohortQueue::total() const {
  double t = 0.0;
  for (double v : lane_total_) t += v;
  return t;
}

double CohortQueue::group_total() const {
  double t = 0.0;
  for (int l = 0; l < lanes_; l += group_) t += lane_total_[l];
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

void CohortQueue::add_row(int key, double entry_day, double width_days, std::span<const double> amounts) {
  assert(static_cast<int>(amounts.size()) == lanes_);
  bool any = false;
  for (double a : amounts) any = any || a > 0.0;
  if (!any) return;
  const bool is_new_key = count_ == 0 || key < base_key_ || key >= base_key_ + count_;
  const int slot = ensure_cohort(key, entry_day, width_days);
  if (is_new_key || total_of_slot_is_zero(slot)) {
    day_[slot] = entry_day;
    width_[slot] = width_days;
  }
  double* r = row(slot);
  for (int l = 0; l < lanes_; ++l) {
    if (!(amounts[l] > 0.0)) continue;
    r[l] += amounts[l] / scale_[l];
    lane_total_[l] += amounts[l];
    lane_front_key_[l] = std::min(lane_front_key_[l], key);
  }
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
  return serve_each(capacity, cost_per_person, std::numeric_limits<double>::infinity(),
                    [&](int, double day, double width, std::span<const double> served) {
                      double persons = 0.0;
                      for (int l = 0; l < lanes_; ++l) {
                        served_per_lane[l] += served[l];
                        if (l % group_ == 0) persons += served[l];
                      }
                      if (served_ages != nullptr) served_ages->add(now_day - day, width, persons);
                    });
}

int CohortQueue::oldest_key_with(std::span<const int> lanes) {
  int front = std::numeric_limits<int>::max();
  for (int l : lanes) {
    if (lane_total_[l] <= kEmpty) continue;
    advance_front(l);
    front = std::min(front, lane_front_key_[l]);
  }
  return front;
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

void CohortQueue::leak_entered_before(std::span<const double> share_per_lane, double latest_entry_day,
                                      std::span<double> removed_per_lane) {
  // Leak everyone, then give the cohorts that entered later back what they lost: only the young
  // end of the queue is walked.
  std::vector<double> removed(static_cast<std::size_t>(lanes_), 0.0);
  leak(share_per_lane, removed);
  for (int i = count_ - 1; i >= 0; --i) {
    const int slot = slot_of(i);
    if (day_[slot] <= latest_entry_day) break;
    double* r = row(slot);
    for (int l = 0; l < lanes_; ++l) {
      const double share = std::clamp(share_per_lane[l], 0.0, 1.0);
      if (share <= 0.0 || share >= 1.0 || r[l] == 0.0) continue;
      // The leak multiplied the lane's scale by (1 - share); this cohort keeps its persons.
      const double restored = r[l] * scale_[l] * share / (1.0 - share);
      r[l] /= 1.0 - share;
      lane_total_[l] += restored;
      removed[l] -= restored;
    }
  }
  for (int l = 0; l < lanes_; ++l) removed_per_lane[l] += removed[l];
}

void CohortQueue::leak_lanes(std::span<const int> lanes, double share, double latest_entry_day,
                             std::span<double> removed_per_lane) {
  share = std::clamp(share, 0.0, 1.0);
  if (share <= 0.0) return;
  for (int l : lanes) {
    if (lane_total_[l] == 0.0) continue;
    const double removed = lane_total_[l] * share;
    lane_total_[l] -= removed;
    removed_per_lane[l] += removed;
    scale_[l] *= 1.0 - share;
    if (scale_[l] < kMinScale) renormalise_lane(l);
  }
  if (share >= 1.0) return;
  // Cohorts younger than the limit keep their persons: the young end of the queue is walked
  // once, cohort by cohort, giving back what the scale took.
  const double keep = 1.0 / (1.0 - share);
  for (int i = count_ - 1; i >= 0; --i) {
    const int slot = slot_of(i);
    if (day_[slot] <= latest_entry_day) break;
    double* r = row(slot);
    for (int l : lanes) {
      if (r[l] == 0.0) continue;
      const double restored = r[l] * scale_[l] * (keep - 1.0);
      r[l] *= keep;
      lane_total_[l] += restored;
      removed_per_lane[l] -= restored;
    }
  }
}

double CohortQueue::move_slot(int index, const LaneTransfer& t, double amount, double now_day,
                              std::span<double> moved_per_pair, AgeHistogram* moved_ages) {
  const int slot = slot_of(index);
  double* r = row(slot);
  double available = 0.0;
  for (int f : t.from) available += r[f] * scale_[f];
  if (!(available > 0.0) || !(amount > 0.0)) return 0.0;
  const double fraction = std::min(1.0, amount / available);
  double moved = 0.0;
  auto change = [&](int lane, double delta) {
    r[lane] += delta / scale_[lane];
    lane_total_[lane] += delta;
    if (delta > 0.0) lane_front_key_[lane] = std::min(lane_front_key_[lane], base_key_ + index);
  };
  for (std::size_t p = 0; p < t.from.size(); ++p) {
    const int f = t.from[p];
    const double m = r[f] * scale_[f] * fraction;
    if (m == 0.0) continue;
    r[f] = fraction >= 1.0 ? 0.0 : r[f] * (1.0 - fraction);
    lane_total_[f] -= m;
    if (!t.to.empty()) change(t.to[p], m);
    if (!t.also_from.empty()) change(t.also_from[p], -m);
    if (!t.also_to.empty()) change(t.also_to[p], m);
    moved_per_pair[p] += m;
    moved += m;
  }
  if (moved_ages != nullptr) moved_ages->add(now_day - day_[slot], width_[slot], moved);
  return moved;
}

double CohortQueue::move(const LaneTransfer& t, double amount, QueueOrder order, double now_day,
                         std::span<double> moved_per_pair, AgeHistogram* moved_ages) {
  double moved_total = 0.0;
  int first = 0;
  if (order == QueueOrder::oldest_first) {
    const int front = oldest_key_with(t.from);
    if (front == std::numeric_limits<int>::max()) return 0.0;
    first = std::max(0, front - base_key_);
  }
  for (int n = first; n < count_ && moved_total < amount; ++n) {
    const int i = order == QueueOrder::oldest_first ? n : count_ - 1 - n;
    moved_total += move_slot(i, t, amount - moved_total, now_day, moved_per_pair, moved_ages);
  }
  return moved_total;
}

double CohortQueue::move_in_cohort(int key, const LaneTransfer& t, double amount, double now_day,
                                   std::span<double> moved_per_pair, AgeHistogram* moved_ages) {
  const int index = key - base_key_;
  if (count_ == 0 || index < 0 || index >= count_) return 0.0;
  return move_slot(index, t, amount, now_day, moved_per_pair, moved_ages);
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
