#include "chainsim/model/cohort_queue.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

namespace chainsim {

namespace {
// Below this many persons a cohort counts as empty and is dropped from the ends of the queue.
constexpr double kEmpty = 1e-12;
// Leak scale factors are folded back into the stored amounts before they underflow.
constexpr double kMinScale = 1e-150;

// The precondition of a move (see LaneTransfer): no source lane repeats or is changed by a pair.
[[maybe_unused]] bool sources_are_apart(const LaneTransfer& t) {
  for (std::size_t p = 0; p < t.from.size(); ++p)
    for (std::span<const int> lanes : {t.from, t.to, t.also_from, t.also_to})
      for (std::size_t q = 0; q < lanes.size(); ++q)
        if (lanes[q] == t.from[p] && !(lanes.data() == t.from.data() && q == p)) return false;
  return true;
}
}  // namespace

CohortQueue::CohortQueue(int lanes, int group, std::pmr::memory_resource* memory)
    : lanes_(lanes),
      group_(group),
      memory_(memory ? memory : std::pmr::new_delete_resource()),
      stored_(memory_),
      day_(memory_),
      width_(memory_),
      scale_(static_cast<std::size_t>(lanes), 1.0),
      young_scale_(static_cast<std::size_t>(lanes), 1.0),
      young_(memory_),
      lane_total_(static_cast<std::size_t>(lanes), 0.0),
      young_total_(static_cast<std::size_t>(lanes), 0.0),
      // No age-limited leak yet: every cohort is old.
      young_limit_day_(std::numeric_limits<double>::infinity()),
      young_begin_key_(std::numeric_limits<int>::max()),
      age_limited_(static_cast<std::size_t>(lanes), 0),
      lane_front_key_(static_cast<std::size_t>(lanes), std::numeric_limits<int>::min()),
      lane_islands_(static_cast<std::size_t>(lanes)),
      fronted_lanes_(static_cast<std::size_t>(lanes), 0) {
  assert(lanes > 0 && group > 0 && lanes % group == 0);
  group_used_.assign(static_cast<std::size_t>(lanes / group), 0);
  kind_limited_.assign(static_cast<std::size_t>(group), 0);
  for (int l = 0; l < lanes; ++l) lane_group_.push_back(l / group);
  unused_runs_.push_back({0, lanes});
  grow(16);
}

bool CohortQueue::empty() const {
  return total() <= kEmpty;
}

double CohortQueue::total() const {
  // The lanes of the groups not in use hold exactly +0: leaving them out changes no sum.
  // Unrolled (the runs are groups of lanes, 4 in the model): the same additions in the same
  // order, with less loop overhead per lane (empty() asks every step).
  double t = 0.0;
  for (const LaneRun& run : used_runs_)
#pragma GCC unroll 4
    for (int l = run.begin; l < run.end; ++l) t += lane_total_[l];
  return t;
}

double CohortQueue::group_total() const {
  double t = 0.0;
  for (int l = 0; l < lanes_; l += group_) t += lane_total_[l];
  return t;
}

void CohortQueue::grow(int min_capacity) {
  // A power of 2 at least twice the old one: slots wrap with a mask.
  const int new_capacity =
      static_cast<int>(std::bit_ceil(static_cast<unsigned>(std::max(min_capacity, 2 * capacity_))));
  // Not zeroed: a cohort's row is zeroed or written whole when the cohort is created, and the
  // rows beyond the cohorts held are never read.
  const auto slots = static_cast<std::size_t>(new_capacity);
  Ring<double> stored(slots * static_cast<std::size_t>(lanes_), memory_);
  Ring<double> day(slots, 0.0, memory_);
  Ring<double> width(slots, 0.0, memory_);
  Ring<unsigned char> young(slots, 0, memory_);
  for (int i = 0; i < count_; ++i) {
    const int slot = slot_of(i);
    std::copy_n(row(slot), lanes_, &stored[static_cast<std::size_t>(i) * lanes_]);
    day[i] = day_[slot];
    width[i] = width_[slot];
    young[i] = young_[slot];
  }
  stored_ = std::move(stored);
  day_ = std::move(day);
  width_ = std::move(width);
  young_ = std::move(young);
  capacity_ = new_capacity;
  head_ = 0;
}

inline void CohortQueue::date_cohort(int slot, int key, double entry_day, double width_days) {
  day_[slot] = entry_day;
  width_[slot] = width_days;
  // The cohort holds no one, so its region can change without converting anything.
  young_[slot] = entry_day > young_limit_day_ ? 1 : 0;
  if (young_[slot]) young_begin_key_ = std::min(young_begin_key_, key);
}

// Inline into add and add_row: usually the cohort after the newest, with room in the ring.
[[gnu::always_inline]] inline int CohortQueue::ensure_cohort(int key, double entry_day,
                                                             double width_days, bool zero_new) {
  if (count_ > 0 && key == base_key_ + count_ && count_ < capacity_) {
    const int slot = slot_of(count_++);
    if (zero_new) std::fill_n(row(slot), lanes_, 0.0);
    date_cohort(slot, key, entry_day, width_days);
    return slot;
  }
  return ensure_any_cohort(key, entry_day, width_days, zero_new);
}

// Inline (add, add_row, drop_if_empty, set_young_limit): usually the first lane in use holds
// anyone; otherwise a test of the bits of every lane in use, out of line.
[[gnu::always_inline]] inline bool CohortQueue::total_of_slot_is_zero(int slot) const {
  if (used_runs_.empty()) return true;
  if (row(slot)[used_runs_.front().begin] != 0.0) return false;
  return lanes_in_use_are_zero(slot);
}

bool CohortQueue::lanes_in_use_are_zero(int slot) const {
  // A test of the bits (vectorises), the sign bit left out: -0 is 0 too.
  const double* r = row(slot);
  return std::all_of(used_runs_.begin(), used_runs_.end(), [&](const LaneRun& run) {
    return lane_kernels::all_zero_magnitudes(r + run.begin, run.end - run.begin);
  });
}

int CohortQueue::ensure_any_cohort(int key, double entry_day, double width_days, bool zero_new) {
  // A new cohort's row is zeroed, unless the caller writes every lane of it (zero_new false);
  // the empty cohorts created between it and the queue are always zeroed.
  auto create = [&](int slot, int slot_key, bool is_target) {
    if (zero_new || !is_target) std::fill_n(row(slot), lanes_, 0.0);
    date_cohort(slot, slot_key, entry_day, width_days);
  };
  if (count_ == 0) {
    base_key_ = key;
    count_ = 1;
    create(slot_of(0), key, true);
    return slot_of(0);
  }
  if (key < base_key_) {
    // An older cohort comes back (e.g. an annulled decision keeps its application date).
    const int extra = base_key_ - key;
    if (count_ + extra > capacity_) grow(count_ + extra);
    for (int i = 0; i < extra; ++i) {
      head_ = wrap(head_ - 1);
      // Keys between the new one and the old front hold no one; their day is never read
      // before they are filled, but keep it ordered for safety.
      create(head_, key, i == extra - 1);
    }
    base_key_ = key;
    count_ += extra;
    return head_;
  }
  const int index = key - base_key_;
  if (index < count_) return slot_of(index);
  const int extra = index - count_ + 1;
  if (count_ + extra > capacity_) grow(count_ + extra);
  for (int i = 0; i < extra; ++i)
    create(slot_of(count_ + i), base_key_ + count_ + i, i == extra - 1);
  count_ += extra;
  return slot_of(index);
}

void CohortQueue::add(int key, double entry_day, double width_days, int lane, double amount) {
  assert(lane >= 0 && lane < lanes_);
  if (!(amount > 0.0)) return;
  const bool is_new_key = count_ == 0 || key < base_key_ || key >= base_key_ + count_;
  const int slot = ensure_cohort(key, entry_day, width_days);
  if (is_new_key || total_of_slot_is_zero(slot)) date_cohort(slot, key, entry_day, width_days);
  row(slot)[lane] += amount / scale_of(slot)[lane];
  book(slot, lane, amount);
  note_nonzero(lane, key);
}

// Inline (add_row asks for every lane with a front when its row is older than the latest front;
// mostly the key goes in front of the islands: no search).
[[gnu::always_inline]] inline void CohortQueue::note_older(int lane, int key) {
  const int front = lane_front_key_[lane];
  if (key >= front) return;
  // An older cohort gains persons (e.g. an annulled decision keeps its application date):
  // remember it apart instead of moving the front back, so that the cohorts between it and the
  // front, known to be empty in the lane, are not walked again.
  std::vector<int>& islands = lane_islands_[lane];  // descending: the oldest at the back
  // Nearly always the newest island, or noted already as such (annulments and lapses come step
  // after step, often several a step): no search.
  if (islands.empty() || key > islands.front()) {
    islands.insert(islands.begin(), key);
    return;
  }
  if (key == islands.front()) return;
  const auto at = std::lower_bound(islands.begin(), islands.end(), key, std::greater<int>());
  if (at == islands.end() || *at != key) islands.insert(at, key);
}

// Inline into oldest_key_with, which asks for two or three lanes a call.
[[gnu::always_inline]] inline int CohortQueue::advance_lane_front(int lane) {
  int& front = lane_front_key_[lane];
  // The first look at a lane: remember it (the list has room for every lane: no allocation).
  if (front == std::numeric_limits<int>::min()) fronted_lanes_[fronted_count_++] = lane;
  // Move the front past the cohorts emptied in the lane. With no one left, the front is the end:
  // a cohort created later is after it.
  const int end = base_key_ + count_;
  int key = std::max(front, base_key_);
  while (key < end && row(slot_of(key - base_key_))[lane] == 0.0) ++key;
  front = key;
  latest_front_ = std::max(latest_front_, key);
  std::vector<int>& islands = lane_islands_[lane];
  while (!islands.empty()) {
    const int index = islands.back() - base_key_;
    if (index >= 0 && index < count_ && row(slot_of(index))[lane] != 0.0) break;
    islands.pop_back();  // emptied or dropped
  }
  if (!islands.empty()) return islands.back();  // islands are older than the front
  return key < end ? key : kNoKey;
}

int CohortQueue::lane_front(int lane) {
  return advance_lane_front(lane);
}

void CohortQueue::add_row(int key, double entry_day, double width_days,
                          std::span<const double> amounts) {
  assert(static_cast<int>(amounts.size()) == lanes_);
  const double* a = amounts.data();
  // Groups not in use join when the row adds to them; the row is pushed into the groups in use
  // only, every lane of the others adding nothing (a lane adding nothing adds 0 exactly).
  const bool joined = used_groups_.size() < group_used_.size() && use_groups_added_to(a);
  if (!joined && !adds_to(used_runs_, a)) return;
  const bool is_new_key = count_ == 0 || key < base_key_ || key >= base_key_ + count_;
  // A new cohort with every group in use: the push writes every lane, no need to zero them first
  // (0 + x is x).
  const bool fills_row = is_new_key && unused_runs_.empty();
  const int slot = ensure_cohort(key, entry_day, width_days, !fills_row);
  // A new cohort is dated by ensure_cohort; an existing one that holds no one takes the new date.
  if (!is_new_key && total_of_slot_is_zero(slot)) date_cohort(slot, key, entry_day, width_days);
  // Branch-free (vectorises). Amounts are never negative here (rows of persons), but keep the
  // old rule of ignoring anything not positive.
  double* r = row(slot);
  const double* sc = scale_of(slot);
  double* young = young_[slot] ? young_total_.data() : nullptr;
  for (const LaneRun& run : used_runs_) {
    const std::ptrdiff_t n = run.end - run.begin;
    const std::ptrdiff_t b = run.begin;
    if (fills_row && young)
      lane_kernels::push<true, true>(a + b, r + b, sc + b, lane_total_.data() + b, young + b, n);
    else if (fills_row)
      lane_kernels::push<true, false>(a + b, r + b, sc + b, lane_total_.data() + b, nullptr, n);
    else if (young)
      lane_kernels::push<false, true>(a + b, r + b, sc + b, lane_total_.data() + b, young + b, n);
    else
      lane_kernels::push<false, false>(a + b, r + b, sc + b, lane_total_.data() + b, nullptr, n);
  }
  // Usually the key is at or after every lane front: no lane needs noting. Otherwise only the
  // lanes with a front can be behind it.
  if (key < latest_front_)
    for (int i = 0; i < fronted_count_; ++i) {
      const int l = fronted_lanes_[i];
      if (a[l] > 0.0 && key < lane_front_key_[l]) note_older(l, key);
    }
}

bool CohortQueue::use_groups_added_to(const double* amounts) {
  // Usually the row adds nothing to them, and is +0 in each of their lanes (rows are zeroed,
  // then filled for the segments concerned): a test of the bits (vectorises) settles it.
  if (std::all_of(unused_runs_.begin(), unused_runs_.end(), [&](const LaneRun& run) {
        return lane_kernels::all_zero_bits(amounts + run.begin, run.end - run.begin);
      }))
    return false;
  if (!adds_to(unused_runs_, amounts)) return false;
  for (int g = 0; g < static_cast<int>(group_used_.size()); ++g) {
    if (group_used_[g]) continue;
    const double* a = amounts + static_cast<std::ptrdiff_t>(g) * group_;
    if (std::any_of(a, a + group_, [](double v) { return v > 0.0; })) use_group(g);
  }
  return true;
}

bool CohortQueue::adds_to(const std::vector<LaneRun>& runs, const double* amounts) {
  for (const LaneRun& run : runs)
    for (int l = run.begin; l < run.end; ++l)
      if (amounts[l] > 0.0) return true;
  return false;
}

void CohortQueue::use_group(int group_index) {
  group_used_[group_index] = 1;
  const int first = group_index * group_;
  used_groups_.insert(std::lower_bound(used_groups_.begin(), used_groups_.end(), first), first);
  used_runs_.clear();
  unused_runs_.clear();
  for (int g = 0; g < static_cast<int>(group_used_.size()); ++g) {
    std::vector<LaneRun>& runs = group_used_[g] ? used_runs_ : unused_runs_;
    const int begin = g * group_;
    if (!runs.empty() && runs.back().end == begin)
      runs.back().end = begin + group_;
    else
      runs.push_back({begin, begin + group_});
  }
  collect_converted_lanes();
}

void CohortQueue::collect_converted_lanes() {
  converted_lanes_.clear();
  for (int l = 0; l < lanes_; ++l)
    if (age_limited_[l] && group_used_[lane_group_[l]]) converted_lanes_.push_back(l);
}

void CohortQueue::limit_ages_of(std::span<const int> lanes) {
  bool joined = false;
  for (int l : lanes)
    if (!age_limited_[l]) {
      limit_ages_of_lane(l);
      joined = true;
    }
  if (joined) collect_converted_lanes();
}

void CohortQueue::limit_ages_of_kind(int kind) {
  for (int l = kind; l < lanes_; l += group_)
    if (!age_limited_[l]) limit_ages_of_lane(l);
  kind_limited_[kind] = 1;
  collect_converted_lanes();
}

void CohortQueue::limit_ages_of_lane(int lane) {
  age_limited_[lane] = 1;
  // Usually no cohort is young yet (the first age-limited leak): the total is 0.
  double young = 0.0;
  const long start = std::max(0L, static_cast<long>(young_begin_key_) - base_key_);
  for (int i = static_cast<int>(std::min<long>(start, count_)); i < count_; ++i) {
    const int slot = slot_of(i);
    if (young_[slot]) young += row(slot)[lane] * young_scale_[lane];
  }
  young_total_[lane] = young;
}

std::span<const CohortQueue::LaneRun> CohortQueue::collect_served_runs(const double* cost,
                                                                       int& groups) {
  // Usually the same costs as at the last call (a copy is kept), with the same groups in use:
  // the runs are known. Comparing the bytes of every lane is cheaper than testing each group.
  const std::size_t bytes = static_cast<std::size_t>(lanes_) * sizeof(double);
  if (served_costs_.empty() || served_for_groups_ != used_groups_.size() ||
      std::memcmp(cost, served_costs_.data(), bytes) != 0)
    rebuild_served_runs(cost);
  groups = served_group_count_;
  return served_runs_;
}

void CohortQueue::rebuild_served_runs(const double* cost) {
  served_costs_.assign(cost, cost + lanes_);
  served_.assign(static_cast<std::size_t>(lanes_), 0.0);
  served_for_groups_ = used_groups_.size();
  served_runs_.clear();
  served_group_count_ = 0;
  for (int g : used_groups_) {
    if (!(cost[g] > 0.0)) continue;
    ++served_group_count_;
    if (!served_runs_.empty() && served_runs_.back().end == g)
      served_runs_.back().end = g + group_;
    else
      served_runs_.push_back({g, g + group_});
  }
}

double CohortQueue::amount(int key, int lane) const {
  const int index = key - base_key_;
  if (count_ == 0 || index < 0 || index >= count_) return 0.0;
  const int slot = slot_of(index);
  return row(slot)[lane] * scale_of(slot)[lane];
}

void CohortQueue::clear_slot(int slot) {
  double* r = row(slot);
  const double* sc = scale_of(slot);
  for (const LaneRun& run : used_runs_)
    for (int l = run.begin; l < run.end; ++l) {
      if (r[l] == 0.0) continue;
      book(slot, l, -r[l] * sc[l]);
      r[l] = 0.0;
    }
}

bool CohortQueue::slot_is_empty(int slot) const {
  const double* r = row(slot);
  const double* sc = scale_of(slot);
  double t = 0.0;
  for (const LaneRun& run : used_runs_)
    for (int l = run.begin; l < run.end; ++l) {
      t += r[l] * sc[l];
      if (t > kEmpty) return false;  // amounts are not negative: the sum can only grow
    }
  return true;
}

// Inline into drop_empty_ends, its only caller, which asks once or twice per call and mostly
// hears "no" at the first test.
[[gnu::always_inline]] inline bool CohortQueue::drop_if_empty(int slot) {
  // Usually the first lane in use holds more than kEmpty persons, which settles both tests
  // below the same way (slot_is_empty's sum starts with that lane and stops there).
  if (!used_runs_.empty()) {
    const int first = used_runs_.front().begin;
    if (row(slot)[first] * scale_of(slot)[first] > kEmpty) return false;
  }
  // A cohort served whole is exactly 0 in every lane: nothing to sum or to move out of the
  // totals. The test stops at the first lane holding anyone, the first one for most cohorts.
  if (total_of_slot_is_zero(slot)) return true;
  if (!slot_is_empty(slot)) return false;
  clear_slot(slot);  // tiny remainders leave the lane totals too, so conservation stays exact
  return true;
}

void CohortQueue::drop_empty_ends() {
  while (count_ > 0 && drop_if_empty(slot_of(0))) {
    head_ = wrap(head_ + 1);
    ++base_key_;
    --count_;
  }
  while (count_ > 0 && drop_if_empty(slot_of(count_ - 1))) --count_;
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
  int oldest = kNoKey;
  for (int l : lanes) {
    // A lane that cannot hold anyone older than the oldest found so far is not walked (the
    // segments that wait usually have their fronts in the same cohort).
    if (lane_total_[l] <= kEmpty || front_bound(l) >= oldest) continue;
    oldest = std::min(oldest, advance_lane_front(l));
  }
  return oldest;
}

int CohortQueue::front_bound(int lane) const {
  const int front = std::max(lane_front_key_[lane], base_key_);
  const std::vector<int>& islands = lane_islands_[lane];
  return islands.empty() ? front : std::min(front, islands.back());
}

void CohortQueue::leak(std::span<const double> share_per_lane, std::span<double> removed_per_lane) {
  assert(static_cast<int>(share_per_lane.size()) == lanes_);
  // Only the groups in use: every lane of the others is 0 in every cohort, and their scales may
  // stay as they are (a row pushed later is stored against whatever scale its lane has).
  // A share of 0 multiplies by 1 and removes 0, exactly.
  double largest_share = 0.0;
  for (const LaneRun& run : used_runs_) {
    const double* shares = share_per_lane.data() + run.begin;
    const std::ptrdiff_t n = run.end - run.begin;
    assert(std::all_of(shares, shares + n, [](double v) { return v >= 0.0 && v <= 1.0; }));
    largest_share = std::max(
        largest_share,
        lane_kernels::leak(shares, lane_total_.data() + run.begin, young_total_.data() + run.begin,
                           scale_.data() + run.begin, young_scale_.data() + run.begin,
                           removed_per_lane.data() + run.begin, n));
  }
  lower_scale_floor(1.0 - largest_share);
}

void CohortQueue::leak_two(double first_share, double second_share, std::span<double> removed_first,
                           std::span<double> removed_second) {
  assert(removed_first.data() != removed_second.data());
  const double first = std::clamp(first_share, 0.0, 1.0);
  const double second = std::clamp(second_share, 0.0, 1.0);
  for (const LaneRun& run : used_runs_)  // the groups in use only (see leak)
    lane_kernels::leak_two(first, second, lane_total_.data() + run.begin,
                           young_total_.data() + run.begin, scale_.data() + run.begin,
                           young_scale_.data() + run.begin, removed_first.data() + run.begin,
                           removed_second.data() + run.begin, run.end - run.begin);
  lower_scale_floor((1.0 - first) * (1.0 - second));
}

void CohortQueue::lower_scale_floor(double keep) {
  scale_floor_ *= keep;
  if (scale_floor_ >= kMinScale) return;
  // Rare: fold the scale factors back into the stored amounts (same test as leak_all_cohorts),
  // then the floor is the true smallest scale again.
  double smallest = 1.0;
  for (int l = 0; l < lanes_; ++l) {
    if (scale_[l] < kMinScale || young_scale_[l] < kMinScale) renormalise_lane(l);
    smallest = std::min(smallest, std::min(scale_[l], young_scale_[l]));
  }
  scale_floor_ = smallest;
}

void CohortQueue::leak_all_cohorts(int l, double share, std::span<double> removed_per_lane) {
  if (share <= 0.0) return;
  const double removed = lane_total_[l] * share;
  removed_per_lane[l] += removed;
  lane_total_[l] -= removed;
  young_total_[l] *= 1.0 - share;
  scale_[l] *= 1.0 - share;
  young_scale_[l] *= 1.0 - share;
  if (scale_[l] < kMinScale || young_scale_[l] < kMinScale) renormalise_lane(l);
  scale_floor_ = std::min(scale_floor_, std::min(scale_[l], young_scale_[l]));
}

void CohortQueue::leak_old_cohorts(int l, double share, std::span<double> removed_per_lane) {
  if (share <= 0.0 || lane_total_[l] == 0.0) return;
  if (share >= 1.0) {
    // Everyone goes, young cohorts included (an age limit is meaningless for a certain leak).
    leak_all_cohorts(l, share, removed_per_lane);
    return;
  }
  const double removed = (lane_total_[l] - young_total_[l]) * share;
  removed_per_lane[l] += removed;
  lane_total_[l] -= removed;
  scale_[l] *= 1.0 - share;
  if (scale_[l] < kMinScale) renormalise_lane(l);
  scale_floor_ = std::min(scale_floor_, scale_[l]);
}

void CohortQueue::renormalise_lane(int lane) {
  for (int i = 0; i < count_; ++i) {
    const int slot = slot_of(i);
    row(slot)[lane] *= scale_of(slot)[lane];
  }
  scale_[lane] = 1.0;
  young_scale_[lane] = 1.0;
}

void CohortQueue::convert_cohort(int slot, bool to_young) {
  if (static_cast<bool>(young_[slot]) == to_young) return;
  // The age-limited lanes only: the others have equal scales in both regions, and their young
  // totals are not kept (see age_limited_).
  assert(other_lanes_have_equal_scales());
  double* r = row(slot);
  const double* from = scale_of(slot);
  const int* lanes = converted_lanes_.data();
  const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(converted_lanes_.size());
  if (to_young)
    lane_kernels::convert<true>(lanes, n, r, from, young_scale_.data(), young_total_.data());
  else
    lane_kernels::convert<false>(lanes, n, r, from, scale_.data(), young_total_.data());
  young_[slot] = to_young ? 1 : 0;
}

bool CohortQueue::other_lanes_have_equal_scales() const {
  for (int l = 0; l < lanes_; ++l)
    if (!age_limited_[l] && scale_[l] != young_scale_[l]) return false;
  return true;
}

void CohortQueue::set_young_limit(double latest_entry_day) {
  if (latest_entry_day == young_limit_day_) return;
  if (latest_entry_day > young_limit_day_) {
    // The limit moved forward: young cohorts that entered by then become old. Cohorts are in
    // entry order, so the scan stops at the first young cohort holding anyone that is still young.
    const long start = std::max(0L, static_cast<long>(young_begin_key_) - base_key_);
    int first_young = std::numeric_limits<int>::max();
    for (int i = static_cast<int>(std::min<long>(start, count_)); i < count_; ++i) {
      const int slot = slot_of(i);
      if (!young_[slot]) continue;
      if (day_[slot] <= latest_entry_day) {
        convert_cohort(slot, false);
        continue;
      }
      first_young = std::min(first_young, base_key_ + i);
      if (!total_of_slot_is_zero(slot)) break;  // an empty cohort may hold any day: look on
    }
    young_begin_key_ = first_young;
  } else {
    // The limit moved back (or is set for the first time): old cohorts after it become young,
    // walking from the young end.
    for (int i = count_ - 1; i >= 0; --i) {
      const int slot = slot_of(i);
      if (young_[slot]) continue;
      if (day_[slot] > latest_entry_day) {
        convert_cohort(slot, true);
        young_begin_key_ = std::min(young_begin_key_, base_key_ + i);
      } else if (!total_of_slot_is_zero(slot)) {
        break;
      }
    }
  }
  young_limit_day_ = latest_entry_day;
  // With no young cohort left, their totals are exactly zero (no rounding residue).
  if (young_begin_key_ >= base_key_ + count_)
    std::fill(young_total_.begin(), young_total_.end(), 0.0);
}

void CohortQueue::leak_entered_before(std::span<const double> share_per_lane,
                                      double latest_entry_day, std::span<double> removed_per_lane) {
  assert(static_cast<int>(share_per_lane.size()) == lanes_);
  for (int kind = 0; kind < group_; ++kind)  // every lane
    if (!kind_limited_[kind]) limit_ages_of_kind(kind);
  set_young_limit(latest_entry_day);
  for (int l = 0; l < lanes_; ++l)
    leak_old_cohorts(l, std::clamp(share_per_lane[l], 0.0, 1.0), removed_per_lane);
}

void CohortQueue::leak_lanes(std::span<const int> lanes, double share, double latest_entry_day,
                             std::span<double> removed_per_lane) {
  share = std::clamp(share, 0.0, 1.0);
  if (share <= 0.0) return;
  const int* ls = lanes.data();
  const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(lanes.size());
  // A limit after the newest cohort (e.g. +infinity) leaks every cohort, and a certain leak
  // (share 1) everyone whatever their age: no region to keep.
  if (count_ == 0 || latest_entry_day >= day_[slot_of(count_ - 1)] || share >= 1.0) {
    lane_kernels::leak_lanes(ls, n, share, lane_total_.data(), young_total_.data(), scale_.data(),
                             young_scale_.data(), removed_per_lane.data());
  } else {
    limit_ages_of(lanes);
    set_young_limit(latest_entry_day);
    lane_kernels::leak_old_lanes(ls, n, share, lane_total_.data(), young_total_.data(),
                                 scale_.data(), removed_per_lane.data());
  }
  lower_scale_floor(1.0 - share);
}

void CohortQueue::leak_kind(int kind, double share, double latest_entry_day,
                            std::span<double> removed_per_lane) {
  assert(kind >= 0 && kind < group_);
  share = std::clamp(share, 0.0, 1.0);
  if (share <= 0.0) return;
  // As leak_lanes, over the groups in use only (the lanes of the others hold no one and are left
  // alone there too): a strided walk of each run of groups.
  const bool every_cohort =
      count_ == 0 || latest_entry_day >= day_[slot_of(count_ - 1)] || share >= 1.0;
  if (!every_cohort) {
    if (!kind_limited_[kind]) limit_ages_of_kind(kind);
    set_young_limit(latest_entry_day);
  }
  for (const LaneRun& run : used_runs_) {
    const std::ptrdiff_t b = run.begin + kind;
    const std::ptrdiff_t length = run.end - run.begin;  // lanes b, b + group_, ... below b + length
    if (every_cohort)
      lane_kernels::leak_strided(length, group_, share, lane_total_.data() + b,
                                 young_total_.data() + b, scale_.data() + b,
                                 young_scale_.data() + b, removed_per_lane.data() + b);
    else
      lane_kernels::leak_old_strided(length, group_, share, lane_total_.data() + b,
                                     young_total_.data() + b, scale_.data() + b,
                                     removed_per_lane.data() + b);
  }
  lower_scale_floor(1.0 - share);
}

void CohortQueue::leak_lanes_and_kind(std::span<const int> lanes, double share, int kind,
                                      double kind_share, double latest_entry_day,
                                      std::span<double> removed_per_lane) {
  share = std::clamp(share, 0.0, 1.0);
  if (share > 0.0) {  // leak_lanes with no age limit
    lane_kernels::leak_lanes(lanes.data(), static_cast<std::ptrdiff_t>(lanes.size()), share,
                             lane_total_.data(), young_total_.data(), scale_.data(),
                             young_scale_.data(), removed_per_lane.data());
    lower_scale_floor(1.0 - share);
  }
  leak_kind(kind, kind_share, latest_entry_day, removed_per_lane);
}

double CohortQueue::move_slot(int index, const LaneTransfer& t, double amount, double now_day,
                              std::span<double> moved_per_pair, AgeHistogram* moved_ages) {
  assert(sources_are_apart(t));
  const int slot = slot_of(index);
  const int key = base_key_ + index;
  double* r = row(slot);
  const double* sc = scale_of(slot);
  double* total = lane_total_.data();
  double* young = young_[slot] ? young_total_.data() : nullptr;  // the totals book() keeps
  // Only the pairs whose source lane holds anyone in this cohort move persons (a pool takes
  // many segments, few of which wait): find them once. Leaving out the zero terms leaves the
  // sum unchanged, to the sign of an all-zero sum, which moves no one either way.
  if (move_pairs_.size() < t.from.size()) move_pairs_.resize(t.from.size());
  int* pairs = move_pairs_.data();
  int pair_count = 0;
  double available = 0.0;
  for (std::size_t p = 0; p < t.from.size(); ++p) {
    const int f = t.from[p];
    if (r[f] == 0.0) continue;
    available += r[f] * sc[f];
    pairs[pair_count++] = static_cast<int>(p);
  }
  if (!(available > 0.0) || !(amount > 0.0)) return 0.0;
  const double fraction = std::min(1.0, amount / available);
  double moved = 0.0;
  auto change = [&](int lane, double delta) {
    note_used(lane);  // even a removal may leave a (tiny negative) amount
    r[lane] += delta / sc[lane];
    total[lane] += delta;
    if (young) young[lane] += delta;
    if (delta > 0.0 && key < lane_front_key_[lane]) note_older(lane, key);
  };
  for (int k = 0; k < pair_count; ++k) {
    const int p = pairs[k];
    const int f = t.from[p];
    const double m = r[f] * sc[f] * fraction;
    if (m == 0.0) continue;
    r[f] = fraction >= 1.0 ? 0.0 : r[f] * (1.0 - fraction);
    total[f] -= m;
    if (young) young[f] -= m;
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
  for_each_cohort_sum(lanes, [&](int, double day, double width, double persons) {
    out.add(now_day - day, width, persons);
  });
}

}  // namespace chainsim
