// The procedure: Dublin, the CGRS tracks, the CALL, and what follows a final decision.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <span>
#include <type_traits>

#include "chainsim/model/hazard.hpp"
#include "chainsim/model/parameters.hpp"
#include "chainsim/model/policy.hpp"
#include "chainsim/model/simulation.hpp"
#include "segment_pairs.hpp"

namespace chainsim {

namespace {

using namespace segment_pairs;  // two segments at a time (segment_pairs.hpp)

// Two segments' lanes by kind. With housing (H), their rows of four lanes are read as Pairs
// ({all, accommodated} and {asked, waiting}) and transposed; without, only `all` is read.
struct LanePairs {
  Pair all{}, accommodated{}, asked{}, waiting{};
};
template <int W, bool H>
LanePairs lanes_of(const double* l) {
  if constexpr (!H) {
    return {load<W>(l)};
  } else {
    const Pair a = load<2>(l), b = load<2>(l + 2);
    const Pair c = W == 2 ? load<2>(l + 4) : Pair{}, d = W == 2 ? load<2>(l + 6) : Pair{};
    return {low(a, c), high(a, c), low(b, d), high(b, d)};
  }
}
// to[lane] += from[lane] * share[segment] over the lanes of the two segments.
template <int W, bool H>
void add_share_of_lanes(double* to, const double* from, Pair share) {
  if constexpr (!H) {
    add_to<W>(to, load<W>(from) * share);
  } else {
    const Pair first{share[0], share[0]};
    add_to<2>(to, load<2>(from) * first);
    add_to<2>(to + 2, load<2>(from + 2) * first);
    if constexpr (W == 2) {
      const Pair second{share[1], share[1]};
      add_to<2>(to + 4, load<2>(from + 4) * second);
      add_to<2>(to + 6, load<2>(from + 6) * second);
    }
  }
}

// Two segments' housing splits, by state (as decode_housing and HousingSplit).
struct HousingPairs {
  Pair accommodated{}, waiting{}, unplaced{}, outside{};
};
Pair sum(const HousingPairs& h) { return h.accommodated + h.waiting + h.unplaced + h.outside; }
HousingPairs operator*(const HousingPairs& h, Pair factor) {
  return {h.accommodated * factor, h.waiting * factor, h.unplaced * factor, h.outside * factor};
}
HousingPairs& operator+=(HousingPairs& to, const HousingPairs& h) {
  to.accommodated += h.accommodated;
  to.waiting += h.waiting;
  to.unplaced += h.unplaced;
  to.outside += h.outside;
  return to;
}
// housing_in of two segments.
template <bool H>
HousingPairs housing_of(const LanePairs& l) {
  if constexpr (!H) {
    return {Pair{}, Pair{}, Pair{}, positive_pair(l.all)};
  } else {
    return {positive_pair(l.accommodated), positive_pair(l.waiting),
            positive_pair(l.asked - l.waiting), positive_pair(l.all - l.accommodated - l.asked)};
  }
}

// Calls body(width, s, take_housing) for every pair of segments (see for_segment_pairs), where
// take_housing(buffer) gives the housing split of the pair in a per-lane buffer of persons (those
// who left the procedure in a step: Dublin transfers, withdrawals) and sets the pair's lanes
// there to 0: the pass leaves the buffer empty for its next use.
template <class Body>
void for_housing_pairs(bool housing, int segments, Body body) {
  with_housing(housing, [&](auto with) {
    constexpr bool H = decltype(with)::value;
    constexpr int lanes = H ? kLanesPerSegment : 1;
    for_segment_pairs(segments, [&](auto width, int s) {
      constexpr int W = decltype(width)::value;
      body(width, s, [&](double* buffer) {
        double* l = buffer + s * lanes;
        const LanePairs read = lanes_of<W, H>(l);
        std::fill_n(l, W * lanes, 0.0);
        return housing_of<H>(read);
      });
    });
  });
}

// One served cohort of the CGRS, in one pass over the segments, two at a time: its lanes added
// to the step's decided lanes `decided`, its persons (first lanes) x its entry day `day` to the
// step's per-segment `day_sum`. Returns its persons, summed in segment order.
double add_served_cohort(bool housing, int segments, const double* served, double day,
                         double* decided, double* day_sum) {
  double persons = 0.0;
  with_housing(housing, [&](auto with) {
    constexpr bool H = decltype(with)::value;
    for_segment_pairs(segments, [&](auto width, int s) {
      constexpr int W = decltype(width)::value;
      Pair all;  // the first lanes of the two segments
      if constexpr (H) {
        const double* from = served + s * kLanesPerSegment;
        double* to = decided + s * kLanesPerSegment;
        const Pair a = load<2>(from), b = load<2>(from + 2);
        add_to<2>(to, a);
        add_to<2>(to + 2, b);
        if constexpr (W == 2) {
          const Pair c = load<2>(from + 4), d = load<2>(from + 6);
          add_to<2>(to + 4, c);
          add_to<2>(to + 6, d);
          all = low(a, c);
        } else {
          all = Pair{a[0], 0.0};
        }
      } else {
        all = load<W>(served + s);
        add_to<W>(decided + s, all);
      }
      add_to<W>(day_sum + s, all * day);
      add_in_order<W>(persons, all);
    });
  });
  return persons;
}

// add_served_cohort for a queue that serves few of the segments (the fast track): only the
// segments of `runs` are visited, one at a time in segment order. Every other lane of `served` is
// +0 (see CohortQueue::served_runs), and adding +0 to the sums, which start at +0, changes none of
// them: the same results as add_served_cohort.
double add_served_runs(bool housing, std::span<const CohortQueue::LaneRun> runs, const double* served,
                       double day, double* decided, double* day_sum) {
  double persons = 0.0;
  with_housing(housing, [&](auto with) {
    constexpr int lanes = decltype(with)::value ? kLanesPerSegment : 1;
    for (const CohortQueue::LaneRun& run : runs)
      for (int s = run.begin / lanes; s < run.end / lanes; ++s) {
        const double* from = served + s * lanes;
        double* to = decided + s * lanes;
        for (int l = 0; l < lanes; ++l) to[l] += from[l];
        const double all = from[kAllLane];
        day_sum[s] += all * day;
        persons += all;
      }
  });
  return persons;
}

// Whether `runs` hold fewer than half of `lanes` lanes.
bool few_lanes(std::span<const CohortQueue::LaneRun> runs, int lanes) {
  int n = 0;
  for (const CohortQueue::LaneRun& run : runs) n += run.end - run.begin;
  return 2 * n < lanes;
}

// One judged cohort of the CALL, in one pass over the segments, two at a time: its lanes added
// to the step's judged lanes `judged`, and multiplied by the annulled share of their lane into
// `annulled`. Returns its persons (first lanes), summed in segment order.
double add_judged_cohort(bool housing, int segments, const double* served, const double* annul_share,
                         double* judged, double* annulled) {
  double persons = 0.0;
  with_housing(housing, [&](auto with) {
    constexpr bool H = decltype(with)::value;
    constexpr int lanes = H ? kLanesPerSegment : 1;
    for_segment_pairs(segments, [&](auto width, int s) {
      constexpr int W = decltype(width)::value;
      const double* from = served + s * lanes;
      const double* share = annul_share + s * lanes;
      double* to = judged + s * lanes;
      double* out = annulled + s * lanes;
      // Pairs of lanes: the lanes of the two segments (W * lanes of them; one Pair without housing).
      constexpr int pairs = H ? W * kLanesPerSegment / 2 : 1;
      constexpr int w = H ? 2 : W;
      Pair first[pairs];
#pragma GCC unroll 4
      for (int i = 0; i < pairs; ++i) {
        const Pair v = load<w>(from + 2 * i);
        add_to<w>(to + 2 * i, v);
        store<w>(out + 2 * i, v * load<w>(share + 2 * i));
        first[i] = v;
      }
      if constexpr (H)
        add_in_order<W>(persons, W == 2 ? low(first[0], first[2]) : first[0]);
      else
        add_in_order<W>(persons, first[0]);
    });
  });
  return persons;
}

// leave_pools for two segments: their accommodated persons `accommodated` above 0 join the
// segments' departures from the pools `leaving` and the series reception_out (`out`); the
// others add +0 to departures that are never -0 (they start at +0 and only gain persons), as
// skipping them did.
template <int W>
void leave_pools_pair(double* leaving, Pair accommodated, PairSum& out) {
  const Pair persons = accommodated > 0.0 ? accommodated : Pair{};
  add_to<W>(leaving, persons);
  out.add<W>(persons);
}

// What two segments' final decisions add to the tallies, per segment.
struct FinalParts {
  Pair positive, waiting_positive, negative, waiting_negative, irregular;
};
// The series a pass's final decisions add to (see PairSum), written back after the pass.
struct FinalTallies {
  PairSum positive, negative, waiting_ended, irregular;
};

}  // namespace

// Where the final decisions of a pass over the segments go: the accommodated stay in reception
// for their exit period; of the others, those granted leave the chain and those refused go on
// to a return, a subsequent application or irregular stay.
struct Simulation::FinalPass {
  double voucher_share;  // of the accommodated granted, those who leave with meal vouchers
  const double* voluntary;  // after a final negative decision, per segment
  const double* forced;
  const double* again;
  double* exit_voucher;  // pending_exit_*, per segment
  double* exit_positive;
  double* exit_negative;
  double* returns;  // per segment x {voluntary, forced}
  double* subsequent;
  double* cumulative_out;
  std::array<double*, 4> tally_series;  // final_positive, final_negative,
                                        // waiting_list_procedure_ended, irregular_stay

  // The final decisions of segments s (and s + 1): granted `pos`, refused `neg`; as
  // final_positive, final_negative and split_after_negative did for each segment.
  template <int W>
  FinalParts finish(int s, const HousingPairs& pos, const HousingPairs& neg) const {
    const Pair none{};
    const Pair granted = sum(pos);
    const auto any_granted = granted > 0.0;
    add_to<W>(exit_voucher + s, any_granted ? pos.accommodated * voucher_share : none);
    add_to<W>(exit_positive + s, any_granted ? pos.accommodated * (1.0 - voucher_share) : none);
    const Pair leaving = any_granted ? granted - pos.accommodated : none;

    const Pair refused = sum(neg);
    const auto any_refused = refused > 0.0;
    add_to<W>(exit_negative + s, any_refused ? neg.accommodated : none);
    // Those no longer in reception (split_after_negative).
    const Pair out = refused - neg.accommodated;
    const auto any_out = any_refused & (out > 0.0);
    const Pair vol = out * load<W>(voluntary + s);
    const Pair frc = out * load<W>(forced + s);
    const Pair agn = out * load<W>(again + s);
    const Pair rest = out - vol - frc - agn;
    const Pair irregular = any_out & (rest > 0.0) ? rest : none;  // std::max(0.0, rest)
    // The returns' lanes interleave the segments' voluntary and forced returns.
    const Pair returning_vol = any_out ? vol : none;
    const Pair returning_frc = any_out ? frc : none;
    add_to<2>(returns + 2 * s, low(returning_vol, returning_frc));
    if constexpr (W == 2) add_to<2>(returns + 2 * s + 2, high(returning_vol, returning_frc));
    add_to<W>(subsequent + s, any_out ? agn : none);
    add_to<W>(cumulative_out + s, leaving);
    add_to<W>(cumulative_out + s, irregular);
    return {any_granted ? granted : none, any_granted ? pos.waiting : none,
            any_refused ? refused : none, any_refused ? neg.waiting : none, irregular};
  }
  // Adds two segments' parts to the tallies.
  template <int W>
  static void tally(const FinalParts& p, FinalTallies& t) {
    t.positive.add<W>(p.positive);
    t.negative.add<W>(p.negative);
    t.waiting_ended.add<W>(p.waiting_positive + p.waiting_negative);
    t.irregular.add<W>(p.irregular);
  }
  // Adds the tallies of a pass to their series.
  void store(const FinalTallies& t) const {
    tally_series[0][0] += t.positive.value();
    tally_series[1][0] += t.negative.value();
    tally_series[2][0] += t.waiting_ended.value();
    tally_series[3][0] += t.irregular.value();
  }
};

Simulation::FinalPass Simulation::final_pass() {
  const Returns& r = now_.returns;
  PendingAfterNegative& p = pending_after_negative_[static_cast<int>(AfterNegative::at_decision)];
  return {now_.reception.meal_voucher_share,
          r.voluntary.data(),
          r.forced.data(),
          r.subsequent.data(),
          pending_exit_voucher_.data(),
          pending_exit_positive_.data(),
          pending_exit_negative_.data(),
          p.returns.data(),
          p.subsequent.data(),
          cumulative_out_.data(),
          {series(S::final_positive), series(S::final_negative), series(S::waiting_list_procedure_ended),
           series(S::irregular_stay)}};
}

std::vector<double>& Simulation::empty_lanes(int which) {
  std::vector<double>& b = empty_lanes_[static_cast<std::size_t>(which)];
  if (b.size() != static_cast<std::size_t>(lanes_)) b.assign(static_cast<std::size_t>(lanes_), 0.0);
  return b;
}

HousingSplit decode_housing(const double* l) {
  // Sub-counts may carry rounding residues below 0: clamp (branch-free).
  auto positive = [](double x) { return x > 0.0 ? x : 0.0; };
  HousingSplit h{};
  h[kAccommodated] = positive(l[kAccommodatedLane]);
  h[kWaiting] = positive(l[kWaitingLane]);
  h[kUnplaced] = positive(l[kAskedLane] - l[kWaitingLane]);
  h[kOutside] = positive(l[kAllLane] - l[kAccommodatedLane] - l[kAskedLane]);
  return h;
}

std::vector<int> segments_that_may_wait(Scenario& scenario) {
  bool policy_on_waits = false;
  for (const Policy& policy : scenario.policies)
    for (const ParameterChange& change : policy.changes) {
      const ParamRef ref = resolve_parameter(change.path, scenario);
      policy_on_waits = policy_on_waits ||
                        (ref.info != nullptr && ref.values(scenario).data() == scenario.reception.waits.data());
    }
  std::vector<int> out;
  for (int s = 0; s < scenario.segments.size(); ++s)
    if (policy_on_waits || scenario.reception.waits[static_cast<std::size_t>(s)] >= 0.5) out.push_back(s);
  return out;
}

bool models_housing(const Scenario& scenario) {
  const Reception& r = scenario.reception;
  if (r.initial_accommodated > 0.0 || r.initial_waiting > 0.0) return true;
  for (std::size_t s = 0; s < r.ask_share.size(); ++s)
    if (r.ask_share[s] * (1.0 - r.excluded[s]) > 0.0) return true;
  for (const Policy& policy : scenario.policies)
    for (const ParameterChange& change : policy.changes)
      if (change.path.starts_with("reception.")) return true;
  return false;
}

// The procedure's constants derived from parameters and the step length (the hazard shares of
// a step, the outcome shares per segment). A policy may change any parameter at any step:
// step() notes whether applying the policies changed anything (parameters_changed_, also set at
// the first step), and the hazard shares depend on the step length too (weekly steps are cut at
// the period ends, so that their length changes often, among a few values: the shares of each
// length are kept until the parameters change). run_dublin calls it first: Dublin is the first
// procedure stage of every step (Simulation::step), before the CGRS and the CALL.
void Simulation::update_procedure_constants(int k) {
  const double days = calendar_.length(k);
  if (parameters_changed_) {
    hazard_lengths_ = 0;
    update_outcome_shares();
    update_delays();
  }
  const auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
  if (hazard_lengths_ > 0 && bits(hazards_->days) == bits(days)) return;
  for (std::size_t i = 0; i < hazard_lengths_; ++i)
    if (bits(hazard_shares_[i].days) == bits(days)) {
      hazards_ = &hazard_shares_[i];
      return;
    }
  update_hazard_shares(days);
}

// The shares of a step's hazards for a step length not met since the parameters last changed:
// a new entry (a handful of lengths at most; past kMaxLengths the entries start over).
void Simulation::update_hazard_shares(double days) {
  constexpr std::size_t kMaxLengths = 16;
  if (hazard_lengths_ == kMaxLengths) hazard_lengths_ = 0;
  if (hazard_shares_.size() == hazard_lengths_) hazard_shares_.emplace_back();
  HazardShares& h = hazard_shares_[hazard_lengths_++];
  hazards_ = &h;
  const Dublin& d = now_.dublin;
  const Cgrs& cg = now_.cgrs;
  h.days = days;
  h.dublin_transfer = hazard_share(d.transfer_rate, days);
  h.dublin_abscond = hazard_share(d.abscond_rate, days);
  // Withdrawals, per lane (the same share for every lane of a segment).
  h.withdrawal.assign(static_cast<std::size_t>(lanes_), 0.0);
  h.any_withdrawal = false;
  double last_rate = -1.0;
  double withdrawing = 0.0;
  for (int s = 0; s < segments_; ++s) {
    // One exp per distinct rate (segments usually share theirs), not per segment or lane.
    if (cg.withdrawal_rate[s] != last_rate) {
      last_rate = cg.withdrawal_rate[s];
      withdrawing = hazard_share(last_rate, days);
    }
    std::fill_n(&h.withdrawal[lane(s, kAllLane)], lanes_per_segment_, withdrawing);
    h.any_withdrawal = h.any_withdrawal || withdrawing > 0.0;
  }
}

void Simulation::update_delays() {
  ProcedureDelays& d = delays_;
  d.registration = now_.registration.delay.days();
  d.dublin_limit = now_.dublin.time_limit.days();
  d.filing = now_.call.filing_delay.days();
  const Returns& r = now_.returns;
  for (int when = 0; when < 2; ++when) {
    const double elapsed = when == 0 ? 0.0 : now_.reception.exit_after_negative_days;
    d.returns[static_cast<std::size_t>(when)] = std::max(0.0, r.delay.days() - elapsed);
    d.subsequent[static_cast<std::size_t>(when)] = std::max(0.0, r.subsequent_delay.days() - elapsed);
  }
}

void Simulation::update_outcome_shares() {
  const Cgrs& cg = now_.cgrs;
  const Call& call = now_.call;
  // CGRS decisions: first applications [0], subsequent ones [1] (examined for admissibility first).
  const std::size_t n = static_cast<std::size_t>(segments_);
  for (int g = 0; g < 2; ++g) {
    std::vector<double>& shares = decision_shares_[static_cast<std::size_t>(g)];
    shares.assign((n + 1) / 2 * 2 * kDecisionShares, 0.0);
    for (int s = 0; s < segments_; ++s) {
      double refugee = cg.outcomes.refugee[s];
      double subsidiary = cg.outcomes.subsidiary[s];
      double inadmissible = cg.outcomes.inadmissible[s];
      if (g == 1) {
        const double si = cg.subsequent_inadmissible[s];
        refugee *= 1.0 - si;
        subsidiary *= 1.0 - si;
        inadmissible = si + (1.0 - si) * inadmissible;
      }
      const double refusal = std::max(0.0, 1.0 - refugee - subsidiary - inadmissible);
      const double appealing =
          refusal * call.appeal_share_refusal[s] + inadmissible * call.appeal_share_inadmissible[s];
      double* block = &shares[static_cast<std::size_t>(s / 2 * 2 * kDecisionShares + s % 2)];
      const auto set = [&](DecisionShare share, double value) { block[2 * share] = value; };
      set(kRefugee, refugee);
      set(kSubsidiary, subsidiary);
      set(kInadmissible, inadmissible);
      set(kRefusal, refusal);
      set(kAppealing, appealing > 0.0 ? appealing : 0.0);  // nobody appeals otherwise
      set(kGranted, refugee + subsidiary);
      set(kFinalNegative, refusal + inadmissible - appealing);
      set(kPersonsPerCase, cg.persons_per_case[s]);
    }
  }

  // CALL judgments, per segment, and the annulled share per lane.
  JudgmentShares& j = judgment_shares_;
  for (auto* v : {&j.annul, &j.grant, &j.reject}) v->resize(n);
  annul_share_.resize(static_cast<std::size_t>(lanes_));
  for (int s = 0; s < segments_; ++s) {
    const double annul = call.outcomes.annul[s];
    const double grant = call.outcomes.refugee[s] + call.outcomes.subsidiary[s];
    j.annul[s] = annul;
    j.grant[s] = grant;
    j.reject[s] = std::max(0.0, 1.0 - annul - grant);
    std::fill_n(&annul_share_[lane(s, kAllLane)], lanes_per_segment_, annul);
  }
}

void Simulation::run_dublin(int k) {
  update_procedure_constants(k);
  if (dublin_.empty()) return;
  // Both hazards act on the same stock: the transfer takes its share, absconding its share of
  // the rest, so that together they never exceed it.
  std::vector<double>& transferred = empty_lanes(0);
  std::vector<double>& absconded = empty_lanes(1);
  dublin_.leak_two(hazards_->dublin_transfer, hazards_->dublin_abscond, transferred, absconded);
  // Those who left, two segments at a time (see for_segment_pairs); they leave reception now
  // (leave_reception; the series summed here, in locals: see PairSum). The pass empties the
  // buffers.
  PairSum transfers, absconders, waiting_ended, reception_out;
  for_housing_pairs(housing_, segments_, [&](auto width, int s, auto housing) {
    constexpr int W = decltype(width)::value;
    const HousingPairs t = housing(transferred.data());
    const HousingPairs a = housing(absconded.data());
    HousingPairs left = t;
    left += a;
    transfers.add<W>(sum(t));
    absconders.add<W>(sum(a));
    add_to<W>(&cumulative_out_[s], sum(left));
    leave_pools_pair<W>(&leaving_pools_[s], left.accommodated, reception_out);
    waiting_ended.add<W>(left.waiting);
  });
  series(S::dublin_transfers)[0] += transfers.value();
  series(S::dublin_absconded)[0] += absconders.value();
  series(S::waiting_list_procedure_ended)[0] += waiting_ended.value();
  series(S::reception_out)[0] += reception_out.value();
  // After the time limit the responsibility passes to Belgium: on to the CGRS, application date kept.
  double to_cgrs = series(S::dublin_to_cgrs)[0];
  dublin_.take_entered_before(calendar_.mid_day(k) - delays_.dublin_limit,
                              [&](int key, double day, double width, std::span<const double> amounts) {
                                track(Track::normal).add_row(key, day, width, amounts);
                                // The first lanes in segment order (unrolled: less loop overhead).
                                const double* all = amounts.data() + kAllLane;
                                const int step = lanes_per_segment_;
#pragma GCC unroll 4
                                for (int s = 0; s < segments_; ++s) to_cgrs += all[s * step];
                              });
  series(S::dublin_to_cgrs)[0] = to_cgrs;
}

void Simulation::run_cgrs(int k, double capacity_cases) {
  const Cgrs& cg = now_.cgrs;
  series(S::cgrs_capacity_cases)[0] += capacity_cases;

  // Withdrawals: a proportional leak of every track.
  const std::vector<double>& share = hazards_->withdrawal;
  if (hazards_->any_withdrawal) {
    std::vector<double>& withdrawn = empty_lanes(0);
    for (CohortQueue& q : tracks_) q.leak(share, withdrawn);
    // They leave reception now (as in run_dublin), two segments at a time; the pass empties
    // the buffer.
    PairSum withdrawals, waiting_ended, reception_out;
    for_housing_pairs(housing_, segments_, [&](auto width, int s, auto housing) {
      constexpr int W = decltype(width)::value;
      const HousingPairs w = housing(withdrawn.data());
      leave_pools_pair<W>(&leaving_pools_[s], w.accommodated, reception_out);
      waiting_ended.add<W>(w.waiting);
      const Pair persons = sum(w);
      withdrawals.add<W>(persons);
      add_to<W>(&cumulative_out_[s], persons);
    });
    series(S::cgrs_withdrawals)[0] += withdrawals.value();
    series(S::waiting_list_procedure_ended)[0] += waiting_ended.value();
    series(S::reception_out)[0] += reception_out.value();
  }

  // Capacity goes to the tracks by priority; inside a track, oldest application first across
  // segments. Applications younger than the registration delay are not yet at the CGRS.
  const double now = calendar_.mid_day(k);
  const double latest_entry = now - delays_.registration;
  double remaining = capacity_cases;
  // The normal and fast tracks share their outcomes: their decisions are routed together, once
  // per step; subsequent applications apart (admissibility first).
  // route_cgrs_decisions leaves the decided lanes and day sums at 0 for the next step.
  for (int g = 0; g < 2; ++g) {
    if (decided_lanes_[g].size() != static_cast<std::size_t>(lanes_))
      decided_lanes_[g].assign(static_cast<std::size_t>(lanes_), 0.0);
    if (decided_day_sum_[g].size() != static_cast<std::size_t>(segments_))
      decided_day_sum_[g].assign(static_cast<std::size_t>(segments_), 0.0);
  }
  for (Track t : cg.track_priority) {
    if (remaining <= 0.0) break;
    const int g = t == Track::subsequent ? 1 : 0;
    double* served_step = decided_lanes_[g].data();
    double* day_sum = decided_day_sum_[g].data();
    CohortQueue& q = track(t);
    int few = -1;  // the served runs are the same for every cohort of the call: decided once
    remaining -= q.serve_each(remaining, case_cost_, latest_entry,
                              [&](int, double day, double width, std::span<const double> served) {
                                // A track serving less than half the lanes (the fast track, a
                                // few segments): its segments only; otherwise all, two at a time.
                                const std::span<const CohortQueue::LaneRun> runs = q.served_runs();
                                if (few < 0) few = few_lanes(runs, lanes_) ? 1 : 0;
                                const double persons =
                                    few ? add_served_runs(housing_, runs, served.data(), day, served_step,
                                                          day_sum)
                                        : add_served_cohort(housing_, segments_, served.data(), day,
                                                            served_step, day_sum);
                                decided_ages_period_.add(now - day, width, persons);
                                if (t == Track::fast_track) {
                                  fast_track_ages_period_.add(now - day, width, persons);
                                  count_over_deadline(now - day, width, served, runs);
                                }
                              });
  }
  route_cgrs_decisions(k);
}

// Fast-track persons of one cohort decided after their segment's deadline: the cohort's ages are
// uniform over [age - width/2, age + width/2] (clamped at 0), so the share beyond the deadline
// is the part of that interval beyond it. Only the segments of the served `runs` can hold anyone.
void Simulation::count_over_deadline(double age, double width, std::span<const double> served,
                                     std::span<const CohortQueue::LaneRun> runs) {
  const double lo = std::max(0.0, age - 0.5 * width);
  const double hi = std::max(lo, age + 0.5 * width);
  const double* deadlines = now_.cgrs.fast_track_deadline_days.data();
  double decided = fast_track_decided_;  // summed in locals, in segment order
  double late_persons = fast_track_late_;
  const int lanes = lanes_per_segment_;
  for (const CohortQueue::LaneRun& run : runs)
    for (int l = run.begin, s = run.begin / lanes; l < run.end; l += lanes, ++s) {
      const double persons = served[l + kAllLane];
      if (persons <= 0.0) continue;
      const double deadline = deadlines[s];
      const double late = hi <= lo ? (lo > deadline ? 1.0 : 0.0)
                                   : std::clamp((hi - deadline) / (hi - lo), 0.0, 1.0);
      decided += persons;
      late_persons += persons * late;
    }
  fast_track_decided_ = decided;
  fast_track_late_ = late_persons;
}

// Splits the persons decided in a step into outcomes, per segment and housing: first
// applications (normal and fast track, group 0) and subsequent ones (group 1, examined for
// admissibility first). The step's final decisions of a segment go on together (they are linear
// in the persons). `decided_day_sum_` holds, per segment, decided persons x their application
// day (for the appeals, whose annulment returns them to the CGRS with that date).
// One pass over the segments, two at a time (see FinalPass); the series are summed in segment
// order, first then subsequent applications, as the scalar loops did. The pass empties the
// decided lanes and day sums as it reads them, for the next step.
void Simulation::route_cgrs_decisions(int) {
  if (housing_)
    route_cgrs_decisions<true>();
  else
    route_cgrs_decisions<false>();
}

template <bool H>
void Simulation::route_cgrs_decisions() {
  constexpr int lanes = H ? kLanesPerSegment : 1;
  const FinalPass pass = final_pass();
  double* filing = pending_filing_.data();
  double* by_segment = series(S::cgrs_decisions_persons_by_segment);
  const bool integration = now_.integration.enabled;  // granted_ feeds the integration block only
  PairSum persons, cases, refugees, subsidiaries, refusals, inadmissibles;
  double filing_days = pending_filing_[lanes_];  // state (the appeals' dates): in segment order
  FinalTallies tallies;
  for_segment_pairs(segments_, [&](auto width, int s) {
    constexpr int W = decltype(width)::value;
    const Pair none{};
    HousingPairs positive, negative;
    std::array<Pair, 2> decided, in_cases, refugee, subsidiary, refusal, inadmissible, appeal_days;
#pragma GCC unroll 2
    for (int g = 0; g < 2; ++g) {
      const double* block = decision_shares_[g].data() + s / 2 * 2 * kDecisionShares;
      const auto share = [&](DecisionShare which) { return load<W>(block + 2 * which); };
      double* l = decided_lanes_[g].data() + s * lanes;
      const LanePairs lanes_now = lanes_of<W, H>(l);
      const auto any = lanes_now.all > 0.0;
      const Pair all = any ? lanes_now.all : none;
      const Pair granted = any ? share(kGranted) : none;
      const Pair final_negative = any ? share(kFinalNegative) : none;
      const Pair appealing = any ? share(kAppealing) : none;
      const Pair day_sum = load<W>(&decided_day_sum_[g][s]);
      store<W>(&decided_day_sum_[g][s], none);
      decided[g] = all;
      in_cases[g] = any ? lanes_now.all / share(kPersonsPerCase) : none;
      refugee[g] = all * share(kRefugee);
      subsidiary[g] = all * share(kSubsidiary);
      refusal[g] = all * share(kRefusal);
      inadmissible[g] = all * share(kInadmissible);
      appeal_days[g] = day_sum * appealing;
      add_to<W>(by_segment + s, all);
      if (integration) {
        add_to<W>(&granted_[s], all * granted);
        add_to<W>(&granted_day_sum_[s], day_sum * granted);
      }
      // Negative decisions: a share appeals (and stays in the procedure), the rest is final.
      add_share_of_lanes<W, H>(filing + s * lanes, l, appealing);
      std::fill_n(l, W * lanes, 0.0);  // read: empty for the next step
      const HousingPairs h = housing_of<H>(lanes_now);
      positive += h * granted;
      negative += h * final_negative;
    }
    FinalPass::tally<W>(pass.finish<W>(s, positive, negative), tallies);
    persons.add<W>(decided[0] + decided[1]);
    cases.add<W>(in_cases[0] + in_cases[1]);
    refugees.add<W>(refugee[0] + refugee[1]);
    subsidiaries.add<W>(subsidiary[0] + subsidiary[1]);
    refusals.add<W>(refusal[0] + refusal[1]);
    inadmissibles.add<W>(inadmissible[0] + inadmissible[1]);
    add_in_order<W>(filing_days, appeal_days[0], appeal_days[1]);
  });
  pending_filing_[lanes_] = filing_days;
  pass.store(tallies);
  series(S::cgrs_decisions_persons)[0] += persons.value();
  series(S::cgrs_decisions_cases)[0] += cases.value();
  series(S::cgrs_refugee)[0] += refugees.value();
  series(S::cgrs_subsidiary)[0] += subsidiaries.value();
  series(S::cgrs_refusal)[0] += refusals.value();
  series(S::cgrs_inadmissible)[0] += inadmissibles.value();
}

void Simulation::run_call(int k) {
  const Call& call = now_.call;
  const double now = calendar_.mid_day(k);
  // Judgments first, on the appeals lodged before this step. The judges are shared with the
  // migration litigation in proportion to the cases pending (processor sharing): both parts of
  // the workload clear at the same rate, as one court working its whole list would.
  const double capacity = call.judgments_per_month * calendar_.length(k) / kDaysPerMonth;
  // Persons to cases two segments at a time (one division for both), summed in segment order.
  const double* persons_per_case = now_.cgrs.persons_per_case.data();
  double asylum_cases = 0.0;
  for_segment_pairs(segments_, [&](auto width, int s) {
    constexpr int W = decltype(width)::value;
    const Pair persons{call_.lane_total(lane(s, kAllLane)), W == 2 ? call_.lane_total(lane(s + 1, kAllLane)) : 0.0};
    add_in_order<W>(asylum_cases, persons / divisor<W>(persons_per_case + s));
  });
  const double all_cases = asylum_cases + migration_pending_;
  const double migration_share = all_cases > 0.0 ? migration_pending_ / all_cases : 0.0;
  double migration_judged = std::min(migration_pending_, capacity * migration_share);
  std::vector<double>& judged_step = empty_lanes(0);  // route_judgments empties it
  // Per lane: the share of judged persons whose decision is annulled (their segment's).
  const std::vector<double>& annul_share = annul_share_;
  const bool count_grants = now_.integration.enabled;  // granted_ feeds the integration block only
  const double used = call_.serve_each(
      capacity - migration_judged, call_cost_, now, [&](int key, double day, double width, std::span<const double> served) {
        // The judged lanes of the step, and those annulled: back to the CGRS with the original
        // application date.
        std::vector<double>& annulled = annul_buffer_;
        annulled.resize(static_cast<std::size_t>(lanes_));
        const double persons = add_judged_cohort(housing_, segments_, served.data(), annul_share.data(),
                                                 judged_step.data(), annulled.data());
        call_ages_period_.add(now - day, width, persons);
        const std::size_t index = static_cast<std::size_t>(key + call_key_offset_);
        const double origin = call_origin_day_[index];
        const int origin_key = call_origin_key_[index];
        if (count_grants)
          for (int s = 0; s < segments_; ++s) {
            const double grants = served[lane(s, kAllLane)] *
                                  (call.outcomes.refugee[s] + call.outcomes.subsidiary[s]);
            granted_[s] += grants;
            granted_day_sum_[s] += grants * origin;
          }
        track(Track::normal).add_row(origin_key, calendar_.mid_day(origin_key), calendar_.width(origin_key), annulled);
      });
  series(S::call_judgments)[0] += used;
  // What the asylum appeals left unused goes to the migration litigation, and vice versa above.
  migration_judged = std::min(migration_pending_, capacity - used);
  migration_pending_ -= migration_judged;
  series(S::call_migration_judgments)[0] += migration_judged;
  series(S::call_all_judgments)[0] += used + migration_judged;
  // The judgments per segment: one pass over the segments, two at a time (see FinalPass).
  if (housing_)
    route_judgments<true>(judged_step.data());
  else
    route_judgments<false>(judged_step.data());

  // Appeals lodged in this step join the queue.
  std::vector<double>& lodged = lodged_buffer_;
  lodged.resize(static_cast<std::size_t>(lanes_ + 1));
  call_filing_.take_into(k, lodged);
  // The asylum appeals in cases count in two series (with the migration litigation in the
  // second). The persons lodged are summed in segment order (they date the new cohort).
  double persons = 0.0;
  PairSum appeals;
  for_segment_pairs(segments_, [&](auto width, int s) {
    constexpr int W = decltype(width)::value;
    const Pair lodged_persons{lodged[lane(s, kAllLane)], W == 2 ? lodged[lane(s + 1, kAllLane)] : 0.0};
    const Pair cases = lodged_persons / divisor<W>(persons_per_case + s);
    add_in_order<W>(persons, lodged_persons);
    appeals.add<W>(cases);
  });
  series(S::call_appeals)[0] += appeals.value();
  series(S::call_appeals_persons)[0] += persons;
  const double migration_lodged = step_migration_appeals_[static_cast<std::size_t>(k)];
  migration_pending_ += migration_lodged;
  series(S::call_migration_appeals)[0] += migration_lodged;
  series(S::call_all_appeals)[0] += appeals.value() + migration_lodged;
  if (persons > 0.0) {
    call_.add_row(k, now, calendar_.width(k), std::span<const double>(lodged.data(), lanes_));
    const std::size_t index = static_cast<std::size_t>(k + call_key_offset_);
    call_origin_day_[index] = lodged[lanes_] / persons;
    call_origin_key_[index] = key_of_day(call_origin_day_[index]);
  }
}

// Splits the persons judged in a step (per lane) into outcomes, per segment and housing.
template <bool H>
void Simulation::route_judgments(double* judged) {
  constexpr int lanes = H ? kLanesPerSegment : 1;
  const FinalPass pass = final_pass();
  const JudgmentShares& j = judgment_shares_;
  FinalTallies tallies;
  PairSum annulments, grants, rejections;
  for_segment_pairs(segments_, [&](auto width, int s) {
    constexpr int W = decltype(width)::value;
    const Pair none{};
    const LanePairs l = lanes_of<W, H>(judged + s * lanes);
    std::fill_n(judged + s * lanes, W * lanes, 0.0);  // read: empty for the next step
    const auto any = l.all > 0.0;
    const Pair persons = any ? l.all : none;
    const Pair grant = any ? load<W>(&j.grant[s]) : none;
    const Pair reject = any ? load<W>(&j.reject[s]) : none;
    annulments.add<W>(persons * load<W>(&j.annul[s]));
    grants.add<W>(persons * grant);
    rejections.add<W>(persons * reject);
    const HousingPairs h = housing_of<H>(l);
    FinalPass::tally<W>(pass.finish<W>(s, h * grant, h * reject), tallies);
  });
  series(S::call_annulments)[0] += annulments.value();
  series(S::call_grants)[0] += grants.value();
  series(S::call_rejections)[0] += rejections.value();
  pass.store(tallies);
}

// The step's entries into the delays, one add per delay (see the pending_* buffers).
void Simulation::flush_filings(int k) {
  call_filing_.add_and_clear(k, delays_.filing, pending_filing_, 0, 1);
}

void Simulation::flush_exits(int k) {
  const Reception& r = now_.reception;
  exits_.add_and_clear(k, r.meal_voucher_exit_days, pending_exit_voucher_, 0, 2);
  exits_.add_and_clear(k, r.exit_after_positive_days, pending_exit_positive_, 0, 2);
  exits_.add_and_clear(k, r.exit_after_negative_days, pending_exit_negative_, 1, 2);
}

void Simulation::flush_after_negative(int k) {
  for (std::size_t when = 0; when < 2; ++when) {  // at the decision, after the exit period
    PendingAfterNegative& p = pending_after_negative_[when];
    returns_.add_and_clear(k, delays_.returns[when], p.returns, 0, 1);
    subsequent_.add_and_clear(k, delays_.subsequent[when], p.subsequent, 0, 1);
  }
}

void Simulation::release_returns(int k) {
  std::vector<double>& out = segment_buffer_;
  out.resize(static_cast<std::size_t>(2 * segments_));
  returns_.take_into(k, out);
  // Two segments at a time (see for_segment_pairs): their lanes {voluntary, forced} transposed.
  PairSum voluntary, forced;
  for_segment_pairs(segments_, [&](auto width, int s) {
    constexpr int W = decltype(width)::value;
    const Pair first = load<2>(&out[2 * s]);
    const Pair second = W == 2 ? load<2>(&out[2 * s + 2]) : Pair{};
    const Pair vol = low(first, second), frc = high(first, second);
    voluntary.add<W>(vol);
    forced.add<W>(frc);
    add_to<W>(&cumulative_out_[s], vol + frc);
  });
  series(S::returns_voluntary)[0] += voluntary.value();
  series(S::returns_forced)[0] += forced.value();
  subsequent_.take_into(k, subsequent_due_);
}

}  // namespace chainsim
