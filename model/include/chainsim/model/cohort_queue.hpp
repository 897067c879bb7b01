#pragma once
// The age-tracked FIFO cohort queue: the memory of every capacity-limited stage.
//
// A cohort is everyone who entered in one step (its key, the step index; negative keys are steps
// before the start). Inside a cohort, persons are split over `lanes`, grouped by `group` lanes
// per segment; serving weighs only the first lane of a group (its cost) and reduces every lane
// of a served group in the same proportion, so a group can carry a total and its sub-counts
// (e.g. all persons, of whom accommodated, of whom waiting) with exact ages for everyone.
//
// Cost model: pushing is O(lanes); serving and moving touch only the oldest live cohorts; a
// proportional leak is one scale factor per lane, not a loop over cohorts.
//
// Leaks limited to cohorts older than an entry day (e.g. labour-market access after four
// months) use two scale factors per lane: one for the "old" cohorts (entered on or before the
// last such limit) and one for the "young" ones, with a flag per cohort saying which applies.
// Such a leak scales the old factor only; when the limit moves, only the cohorts crossing it
// are converted, so a step costs O(lanes + crossing cohorts x lanes) instead of a walk over
// every young cohort. The true persons in young cohorts are kept per lane to know how many the
// leak removes.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <memory_resource>
#include <new>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "chainsim/model/age_histogram.hpp"
#include "chainsim/model/lane_kernels.hpp"

namespace chainsim {

enum class QueueOrder { oldest_first, newest_first };

namespace detail {
// An allocator that leaves the elements a vector is sized with uninitialised (construct() with no
// value default-initialises), for storage that is always written before it is read. Its memory
// comes from a memory resource: the system's by default, or a Workspace kept across runs.
template <class T>
struct UninitialisedAllocator {
  using value_type = T;
  // The rings always follow the queue's resource, whether a queue is moved, copied or swapped.
  using propagate_on_container_copy_assignment = std::true_type;
  using propagate_on_container_move_assignment = std::true_type;
  using propagate_on_container_swap = std::true_type;
  std::pmr::memory_resource* memory = std::pmr::new_delete_resource();

  UninitialisedAllocator() = default;
  explicit UninitialisedAllocator(std::pmr::memory_resource* m) noexcept : memory(m) {}
  template <class U>
  UninitialisedAllocator(const UninitialisedAllocator<U>& other) noexcept : memory(other.memory) {}
  T* allocate(std::size_t n) {
    return static_cast<T*>(memory->allocate(n * sizeof(T), alignof(T)));
  }
  void deallocate(T* p, std::size_t n) noexcept { memory->deallocate(p, n * sizeof(T), alignof(T)); }
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  template <class U>
  bool operator==(const UninitialisedAllocator<U>& other) const noexcept {
    return memory == other.memory;
  }
};
}  // namespace detail

// Which lanes a move takes persons from and gives them to, pair by pair: for pair i, m_i persons
// leave from[i] (and also_from[i]) and join to[i] (and also_to[i]). `to`, `also_from` and
// `also_to` may be empty (persons simply leave a sub-count). A source lane appears once and is
// never a lane that persons join or leave through the other lists: what a cohort can give is
// read before anyone moves.
struct LaneTransfer {
  std::span<const int> from;
  std::span<const int> to = {};
  std::span<const int> also_from = {};
  std::span<const int> also_to = {};
};

class CohortQueue {
 public:
  // Consecutive lanes [begin, end) of whole groups.
  struct LaneRun {
    int begin;
    int end;
  };

  // The rings grow in `memory` (a Workspace keeps it from one run to the next; null: the
  // system's).
  explicit CohortQueue(int lanes, int group = 1,
                       std::pmr::memory_resource* memory = std::pmr::new_delete_resource());

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
  // Adds persons to every lane of cohort `key` at once (`amounts` has one value per lane).
  void add_row(int key, double entry_day, double width_days, std::span<const double> amounts);

  double lane_total(int lane) const { return lane_total_[lane]; }
  double total() const;        // sum of all lanes
  double group_total() const;  // sum of the first lane of every group (e.g. all persons)
  double amount(int key, int lane) const;

  // Serves up to `capacity` units, oldest cohort first. A person in lane l uses
  // cost_per_person[l] units (e.g. 1/persons_per_case to count capacity in cases); give a cost
  // to the first lane of a group only: the group's other lanes follow it, and a group whose
  // first lane costs 0 is skipped (e.g. a suspended segment). Inside a cohort that is only partly
  // served, every served lane is served in the same proportion. Adds the served persons to
  // served_per_lane and, if given, the ages at `now_day` of the persons in the costed lanes to
  // `served_ages`. Returns the capacity used.
  double serve(double capacity, std::span<const double> cost_per_person, double now_day,
               std::span<double> served_per_lane, AgeHistogram* served_ages);

  // The same, for cohorts that entered on or before `latest_entry_day` only (a minimum age,
  // e.g. registration), calling on_cohort(key, entry_day, width_days, served_lanes) for every
  // cohort served so that callers can route persons by cohort (annulments keep their date).
  // on_cohort must not change this queue.
  template <class F>
  double serve_each(double capacity, std::span<const double> cost_per_person,
                    double latest_entry_day, F&& on_cohort);
  // The lanes serve_each serves (called from on_cohort: those of the current call), ascending:
  // every other lane of the served_lanes it passes is 0.
  std::span<const LaneRun> served_runs() const { return served_runs_; }

  // Removes the share `share_per_lane[l]` (in [0, 1]) of every cohort's lane l (proportional
  // leak). Adds the removed persons to removed_per_lane. O(lanes).
  void leak(std::span<const double> share_per_lane, std::span<double> removed_per_lane);
  // Two leaks of every lane in one pass: `first` of the stock, then `second` of what is left
  // (competing hazards, e.g. Dublin transfers and absconding). The two buffers must be distinct.
  void leak_two(double first, double second, std::span<double> removed_first,
                std::span<double> removed_second);
  // The same for the cohorts that entered on or before `latest_entry_day` only (e.g. applicants
  // with access to the labour market). O(lanes + younger cohorts).
  void leak_entered_before(std::span<const double> share_per_lane, double latest_entry_day,
                           std::span<double> removed_per_lane);

  // The same share for a few lanes, in the cohorts that entered on or before `latest_entry_day`
  // (+infinity: all): O(lanes given + younger cohorts x lanes given).
  void leak_lanes(std::span<const int> lanes, double share, double latest_entry_day,
                  std::span<double> removed_per_lane);
  // The same for lane `kind` of every group (e.g. the accommodated sub-count of every segment):
  // O(groups in use + younger cohorts x groups in use).
  void leak_kind(int kind, double share, double latest_entry_day,
                 std::span<double> removed_per_lane);
  // leak_lanes(lanes, share, +infinity, ...), then leak_kind(kind, kind_share, latest_entry_day,
  // ...), in one call (e.g. the reception leaks of a step: giving up waiting, then the
  // contribution rule). With `lanes` apart from the lanes of `kind`, what each leak removes stays
  // apart in removed_per_lane.
  void leak_lanes_and_kind(std::span<const int> lanes, double share, int kind, double kind_share,
                           double latest_entry_day, std::span<double> removed_per_lane);

  // Moves up to `amount` persons as `transfer` says, cohort by cohort in `order`; inside a cohort
  // every pair moves in the same proportion. Adds the persons moved per pair to moved_per_pair
  // and their ages at `now_day` to `moved_ages`. Returns the number moved.
  double move(const LaneTransfer& transfer, double amount, QueueOrder order, double now_day,
              std::span<double> moved_per_pair, AgeHistogram* moved_ages);
  // The same inside cohort `key` only.
  double move_in_cohort(int key, const LaneTransfer& transfer, double amount, double now_day,
                        std::span<double> moved_per_pair, AgeHistogram* moved_ages);
  // Key of the oldest cohort holding anyone in `lanes`; INT_MAX when none.
  int oldest_key_with(std::span<const int> lanes);

  // Removes every cohort that entered on or before `latest_entry_day`, calling
  // f(key, entry_day, width_days, amounts) for each (e.g. Dublin cases lapsing to the CGRS).
  // f must not change this queue.
  template <class F>
  void take_entered_before(double latest_entry_day, F&& f);

  // Ages (days at `now_day`) of the persons in the given lanes; replaces the histogram content.
  void age_distribution(std::span<const int> lanes, double now_day, AgeHistogram& out) const;

  // Calls f(key, entry_day, width_days, persons) for every cohort, oldest first, with the
  // persons in the given lanes.
  template <class F>
  void for_each_cohort_sum(std::span<const int> lanes, F&& f) const {
    for (int i = 0; i < count_; ++i) {
      const int slot = slot_of(i);
      const double* r = row(slot);
      const double* sc = scale_of(slot);
      double persons = 0.0;
      for (int l : lanes) persons += r[l] * sc[l];
      f(base_key_ + i, day_[slot], width_[slot], persons);
    }
  }

  // The same with the persons in the first lane of every group (e.g. all persons of every
  // segment): walks the groups in use only.
  template <class F>
  void for_each_cohort_group_sum(F&& f) const {
    // Eight cohorts at a time, as four pairs of GCC vector elements: the eight sums advance
    // together, so that the additions of one do not wait for the one before, and each element
    // still adds its cohort's lanes in the same order with the same operations. A batch in one
    // region (nearly all: cohorts are young only at the newest end) loads each lane's scale
    // once for the eight.
    constexpr int kBatch = 8;
    using Pair = double __attribute__((vector_size(16)));
    auto sums = [&](const double* const* r, auto scale, double* persons) {
      Pair sum[kBatch / 2] = {};
      for (const LaneRun& run : used_runs_)
        for (int l = run.begin; l < run.end; l += group_) {
#pragma GCC unroll 4
          for (int p = 0; p < kBatch / 2; ++p)
            sum[p] += Pair{r[2 * p][l], r[2 * p + 1][l]} * Pair{scale(2 * p)[l], scale(2 * p + 1)[l]};
        }
      for (int p = 0; p < kBatch / 2; ++p) {
        persons[2 * p] = sum[p][0];
        persons[2 * p + 1] = sum[p][1];
      }
    };
    int i = 0;
    for (; i + kBatch <= count_; i += kBatch) {
      int slot[kBatch];
      const double* r[kBatch];
      const double* sc[kBatch];
      bool one_region = true;
      for (int c = 0; c < kBatch; ++c) {
        slot[c] = slot_of(i + c);
        r[c] = row(slot[c]);
        sc[c] = scale_of(slot[c]);
        one_region = one_region && sc[c] == sc[0];
      }
      double persons[kBatch];
      if (one_region)
        sums(r, [shared = sc[0]](int) { return shared; }, persons);
      else
        sums(r, [&sc](int c) { return sc[c]; }, persons);
      for (int c = 0; c < kBatch; ++c) f(base_key_ + i + c, day_[slot[c]], width_[slot[c]], persons[c]);
    }
    for (; i < count_; ++i) {
      const int slot = slot_of(i);
      const double* r = row(slot);
      const double* sc = scale_of(slot);
      double persons = 0.0;
      for (const LaneRun& run : used_runs_)
        for (int l = run.begin; l < run.end; l += group_) persons += r[l] * sc[l];
      f(base_key_ + i, day_[slot], width_[slot], persons);
    }
  }

  // Calls f(key, entry_day, width_days, amounts) for every cohort, oldest first, with the
  // persons of every lane; for tests and inspection.
  template <class F>
  void for_each_cohort(F&& f) const {
    std::vector<double> amounts(static_cast<std::size_t>(lanes_));
    for (int i = 0; i < count_; ++i) {
      const int slot = slot_of(i);
      const double* r = row(slot);
      const double* sc = scale_of(slot);
      for (int l = 0; l < lanes_; ++l) amounts[l] = r[l] * sc[l];
      f(base_key_ + i, day_[slot], width_[slot], std::span<const double>(amounts));
    }
  }

 private:
  int wrap(int slot) const { return slot & (capacity_ - 1); }  // capacity_ is a power of 2
  int slot_of(int index) const { return wrap(head_ + index); }
  double* row(int slot) { return &stored_[static_cast<std::size_t>(slot) * lanes_]; }
  const double* row(int slot) const { return &stored_[static_cast<std::size_t>(slot) * lanes_]; }
  // Multipliers from stored to true persons for the cohort in `slot` (its region's).
  const double* scale_of(int slot) const {
    return young_[slot] ? young_scale_.data() : scale_.data();
  }
  // Books a change of `delta` true persons in lane `lane` of the cohort in `slot` in the totals.
  void book(int slot, int lane, double delta) {
    lane_total_[lane] += delta;
    if (young_[slot]) young_total_[lane] += delta;
  }
  // Returns the slot of cohort `key`, creating it (and the empty ones up to the queue) if needed.
  // The usual case, the cohort after the newest, is inline in cohort_queue.cpp; the others go to
  // ensure_any_cohort.
  int ensure_cohort(int key, double entry_day, double width_days, bool zero_new = true);
  int ensure_any_cohort(int key, double entry_day, double width_days, bool zero_new);
  // Sets the entry day and width of a new or all-zero cohort, and its region.
  void date_cohort(int slot, int key, double entry_day, double width_days);
  void grow(int min_capacity);  // to at least min_capacity cohorts and twice the capacity
  void drop_empty_ends();
  bool drop_if_empty(int slot);  // clears the cohort if it is empty (see slot_is_empty)
  // Lowers the scale floor by `keep`; renormalises the lanes whose scales near underflow once it
  // falls below kMinScale.
  void lower_scale_floor(double keep);
  bool slot_is_empty(int slot) const;  // holds at most kEmpty persons
  void clear_slot(int slot);  // moves whatever the cohort holds out of the totals, then zeroes it
  bool total_of_slot_is_zero(int slot) const;  // inline in cohort_queue.cpp
  bool lanes_in_use_are_zero(int slot) const;   // the same, every lane looked at
  void renormalise_lane(int lane);
  // Scales lane `lane` of every cohort (both regions) by 1 - share; adds the removed persons.
  void leak_all_cohorts(int lane, double share, std::span<double> removed_per_lane);
  // Moves the old/young limit to `latest_entry_day`, converting the cohorts that cross it.
  void set_young_limit(double latest_entry_day);
  void convert_cohort(int slot, bool to_young);
  // The lanes an age-limited leak is about to reach join the age-limited lanes (see
  // age_limited_), their young totals summed from the young cohorts.
  void limit_ages_of(std::span<const int> lanes);
  void limit_ages_of_lane(int lane);
  void limit_ages_of_kind(int kind);  // lane `kind` of every group
  void collect_converted_lanes();
  bool other_lanes_have_equal_scales() const;  // the lanes not age-limited (an assertion)
  // Scales lane `lane` of the old cohorts only by 1 - share.
  void leak_old_cohorts(int lane, double share, std::span<double> removed_per_lane);
  // Lane `lane` of cohort `key` may hold persons now (the common case, at or after the front,
  // is inline).
  void note_nonzero(int lane, int key) {
    if (key < lane_front_key_[lane]) note_older(lane, key);
    note_used(lane);
  }
  // Lane `lane` may hold a non-zero amount from now on: its group joins used_groups_.
  void note_used(int lane) {
    if (!group_used_[lane_group_[lane]]) use_group(lane_group_[lane]);
  }
  void use_group(int group_index);
  // The groups not in use yet that `amounts` (one per lane) adds to join the groups in use;
  // true when there was any.
  bool use_groups_added_to(const double* amounts);
  void note_older(int lane, int key);
  static constexpr int kNoKey = std::numeric_limits<int>::max();
  int lane_front(int lane);  // oldest key holding anyone in the lane; INT_MAX when none
  int advance_lane_front(int lane);  // the same, inline in cohort_queue.cpp
  // A key no younger than lane_front(lane), found without walking: before the front, only the
  // islands can hold anyone, and an island may have emptied since.
  int front_bound(int lane) const;
  double move_slot(int index, const LaneTransfer& t, double amount, double now_day,
                   std::span<double> moved, AgeHistogram* ages);

  int lanes_;
  int group_;
  int capacity_ = 0;  // cohorts the ring can hold before growing (a power of 2)
  int head_ = 0;      // slot of the oldest cohort
  int count_ = 0;     // cohorts held, oldest_key .. newest_key
  int base_key_ = 0;  // key of the oldest cohort
  // [slot][lane], persons divided by scale_[lane]; the slots beyond the cohorts held are undefined.
  template <class T>
  using Ring = std::vector<T, detail::UninitialisedAllocator<T>>;
  detail::UninitialisedAllocator<double> memory_;  // where the rings grow
  Ring<double> stored_;
  Ring<double> day_;    // [slot] entry midpoint
  Ring<double> width_;  // [slot] entry step length
  std::vector<double> scale_;  // [lane] multiplier from stored to true persons (leaks), old cohorts
  std::vector<double> young_scale_;  // [lane] the same for the young cohorts
  // A lower bound on every scale factor (old and young): the whole-queue leaks multiply it by
  // their smallest keep factor and only look for scales near underflow once it falls below
  // kMinScale, rather than scanning every lane at every leak.
  double scale_floor_ = 1.0;
  Ring<unsigned char> young_;  // [slot] 1 when the cohort entered after young_limit_day_
  std::vector<double> lane_total_;    // [lane] true persons
  // [lane] true persons in young cohorts; kept for the age-limited lanes only (see age_limited_).
  std::vector<double> young_total_;
  // Entry day of the last age-limited leak: cohorts that entered after it are young.
  double young_limit_day_;
  // Every cohort with a smaller key is old: forward scans start here.
  int young_begin_key_;
  // [lane] 1 once an age-limited leak reached the lane. Only such a leak scales the old factor
  // alone, so the other lanes have equal old and young scales (converting a cohort leaves their
  // stored amounts as they are), and only such a leak reads the young totals: a cohort crossing
  // the limit converts the age-limited lanes only (the accommodated lanes of the reception leak,
  // a quarter of them), and the young totals of the other lanes are not kept (they mean nothing
  // until the lane joins, when they are summed afresh).
  std::vector<unsigned char> age_limited_;
  std::vector<int> converted_lanes_;  // the age-limited lanes of the groups in use, ascending
  std::vector<unsigned char> kind_limited_;  // [kind] 1 when its lane of every group is age-limited
  // [lane] every cohort older than this key holds no one in the lane: oldest-first moves start
  // there instead of walking emptied cohorts again (the waiting list is near the young end).
  // A lane with no one has its front at the end of the queue (the newest key + 1) when last
  // looked at; before any look, at the smallest int.
  std::vector<int> lane_front_key_;
  int latest_front_ = std::numeric_limits<int>::min();  // >= every lane_front_key_
  // [lane] keys older than lane_front_key_ that gained persons later, newest first.
  std::vector<std::vector<int>> lane_islands_;
  // The first fronted_count_ entries: the lanes looked at so far (front above the smallest int).
  // A row pushed before the latest front is noted in these only (the served first lanes and the
  // waiting lanes, not all).
  std::vector<int> fronted_lanes_;
  int fronted_count_ = 0;
  std::vector<double> scratch_;         // per-cohort buffer of take_entered_before
  std::size_t scratch_for_groups_ = 0;  // the number of groups in use it was zeroed for
  std::vector<int> move_pairs_;  // scratch of move_slot: the pairs with anyone (room for all)
  // Groups (by first lane, ascending) that ever held anyone: every lane of the other groups is
  // exactly 0 in every cohort, so per-cohort walks skip them (a track used by a few segments
  // only, Dublin for the origins it concerns).
  std::vector<int> used_groups_;
  std::vector<unsigned char> group_used_;  // [group]
  // The lanes of the groups in use as runs of consecutive lanes [begin, end), ascending: the
  // per-cohort walks and the whole-queue leaks loop over these (one run of every lane when all
  // groups are in use), so that their inner loops are long and vectorise.
  std::vector<LaneRun> used_runs_;
  std::vector<LaneRun> unused_runs_;  // the lanes of the other groups, the same way
  // The groups served by the last serve_each, as runs of lanes, and how many; the costs and the
  // number of groups in use they were found for (a group joining makes them stale).
  std::vector<LaneRun> served_runs_;
  int served_group_count_ = 0;
  std::vector<double> served_costs_;
  std::size_t served_for_groups_ = 0;
  // Per-cohort buffer of serve_each: 0 in every lane outside served_runs_ (zeroed when they are
  // found; the lanes inside are written for every cohort served before anyone reads them).
  std::vector<double> served_;
  std::vector<int> lane_group_;  // [lane] group index

  // The groups in use whose first lane costs anything, as runs of lanes; counts them in `groups`.
  std::span<const LaneRun> collect_served_runs(const double* cost, int& groups);
  void rebuild_served_runs(const double* cost);
  // Whether `amounts` (one per lane) has a positive amount in one of the runs.
  static bool adds_to(const std::vector<LaneRun>& runs, const double* amounts);
};

template <class F>
double CohortQueue::serve_each(double capacity, std::span<const double> cost_per_person,
                               double latest_entry_day, F&& on_cohort) {
  double used = 0.0;
  // Groups whose first lane costs nothing are not served: their lanes stay 0 in `served`.
  int groups_served = 0;
  const std::span<const LaneRun> runs = collect_served_runs(cost_per_person.data(), groups_served);
  std::vector<double>& served = served_;  // 0 outside the runs (see served_)
  const double* cost = cost_per_person.data();
  double* total = lane_total_.data();
  // Cohorts older than the oldest one holding anyone in a served group weigh nothing: start
  // there (persons of a suspended segment keep old cohorts alive, which would be walked again
  // at every step). The same past a run of such cohorts between served ones (cohorts that
  // gained served persons later, e.g. annulments, among the suspended ones): from its second
  // cohort on, jump to the next cohort holding anyone in a served group.
  bool skipped = false;
  bool after_nothing = false;  // the cohort before weighed nothing
  for (int i = 0; i < count_ && used < capacity; ++i) {
    const int slot = slot_of(i);
    if (day_[slot] > latest_entry_day) break;  // cohorts are in entry order
    double* r = row(slot);
    const double* sc = scale_of(slot);
    double weight = 0.0;  // the first lanes of the served groups, in order
    for (const LaneRun& run : runs)
      for (int g = run.begin; g < run.end; g += group_) weight += r[g] * sc[g] * cost[g];
    if (!(weight > 0.0)) {
      if (!skipped || after_nothing) {
        skipped = true;
        int start_key = kNoKey;
        for (const LaneRun& run : runs)
          for (int g = run.begin; g < run.end; g += group_)
            start_key = std::min(start_key, lane_front(g));
        if (start_key == kNoKey) break;
        i = std::max(i, start_key - base_key_ - 1);  // the loop's ++i lands on start_key
      }
      after_nothing = true;
      continue;
    }
    after_nothing = false;
    const double fraction = std::min(1.0, (capacity - used) / weight);
    for (const LaneRun& run : runs) {
      // An empty lane serves 0 and stays 0, exactly.
      const std::ptrdiff_t n = run.end - run.begin;
      if (young_[slot])
        lane_kernels::serve<true>(r + run.begin, sc + run.begin, served.data() + run.begin,
                                  total + run.begin, young_total_.data() + run.begin, n, fraction);
      else
        lane_kernels::serve<false>(r + run.begin, sc + run.begin, served.data() + run.begin,
                                   total + run.begin, nullptr, n, fraction);
    }
    used += weight * fraction;
    on_cohort(base_key_ + i, day_[slot], width_[slot], std::span<const double>(served));
    // The front cohort served whole, in every group that holds anyone, is exactly empty: pop it
    // here rather than summing its lanes again in drop_empty_ends.
    if (i == 0 && fraction >= 1.0 && groups_served == static_cast<int>(used_groups_.size())) {
      head_ = wrap(head_ + 1);
      ++base_key_;
      --count_;
      i = -1;  // the next cohort is the new front
    }
  }
  drop_empty_ends();
  return used;
}

template <class F>
void CohortQueue::take_entered_before(double latest_entry_day, F&& f) {
  // 0 outside the groups in use (zeroed when a group joins); the lanes inside are written for
  // every cohort taken before anyone reads them.
  std::vector<double>& amounts = scratch_;
  if (scratch_for_groups_ != used_groups_.size() || amounts.empty()) {
    amounts.assign(static_cast<std::size_t>(lanes_), 0.0);
    scratch_for_groups_ = used_groups_.size();
  }
  for (int i = 0; i < count_; ++i) {
    const int slot = slot_of(i);
    if (day_[slot] > latest_entry_day) break;
    double* r = row(slot);
    const double* sc = scale_of(slot);
    double* young = young_[slot] ? young_total_.data() : nullptr;
    bool any = false;
    for (const LaneRun& run : used_runs_) {
      const std::ptrdiff_t b = run.begin;
      const std::ptrdiff_t n = run.end - run.begin;
      if (young)
        lane_kernels::take<true>(r + b, sc + b, amounts.data() + b, lane_total_.data() + b,
                                 young + b, n);
      else
        lane_kernels::take<false>(r + b, sc + b, amounts.data() + b, lane_total_.data() + b,
                                  nullptr, n);
      any = any || std::any_of(amounts.data() + b, amounts.data() + b + n,
                               [](double v) { return v != 0.0; });
    }
    if (any) f(base_key_ + i, day_[slot], width_[slot], std::span<const double>(amounts));
    if (i == 0) {  // every lane is now exactly 0: pop the front without summing it again
      head_ = wrap(head_ + 1);
      ++base_key_;
      --count_;
      i = -1;
    }
  }
  drop_empty_ends();
}

}  // namespace chainsim
