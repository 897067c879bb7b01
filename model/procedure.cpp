// The procedure: Dublin, the CGRS tracks, the CALL, and what follows a final decision.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <span>

#include "chainsim/model/hazard.hpp"
#include "chainsim/model/parameters.hpp"
#include "chainsim/model/policy.hpp"
#include "chainsim/model/simulation.hpp"

namespace chainsim {

namespace {

double sum(const HousingSplit& h) { return h[0] + h[1] + h[2] + h[3]; }

// to[i] += from[i], and to[i] = from[i] * factor[i]: functions with restrict-qualified
// parameters so that GCC vectorises them (see lane_kernels.hpp); the same operations lane by lane.
// Unrolled as well: they run once per served cohort over every lane (64 in a run of 16
// segments), and the loop control was a third of their instructions.
void add_lanes(double* __restrict to, const double* __restrict from, std::ptrdiff_t n) {
#pragma GCC unroll 16
  for (std::ptrdiff_t i = 0; i < n; ++i) to[i] += from[i];
}
void multiply_lanes(double* __restrict to, const double* __restrict from,
                    const double* __restrict factor, std::ptrdiff_t n) {
#pragma GCC unroll 16
  for (std::ptrdiff_t i = 0; i < n; ++i) to[i] = from[i] * factor[i];
}

// A segment's housing split as two pairs, {accommodated, waiting} and {unplaced, outside}: the
// same operations as on a HousingSplit, element by element, two at a time (SSE2).
using Pair = double __attribute__((vector_size(16)));
struct PairSplit {
  Pair held{};  // accommodated, waiting
  Pair rest{};  // unplaced, outside
  HousingSplit split() const { return {held[0], held[1], rest[0], rest[1]}; }
};

Pair positive_pair(Pair x) { return x > 0.0 ? x : Pair{}; }  // as decode_housing, per element

// decode_housing of a segment's four lanes.
PairSplit decode_pairs(const double* l) {
  const Pair held{l[kAccommodatedLane], l[kWaitingLane]};
  const Pair rest = Pair{l[kAskedLane], l[kAllLane] - l[kAccommodatedLane]} - Pair{l[kWaitingLane], l[kAskedLane]};
  return {positive_pair(held), positive_pair(rest)};
}

// housing_in of a segment's lanes (four, or the first only without housing), as pairs.
PairSplit pairs_in(const double* segment_lanes, bool housing) {
  if (housing) return decode_pairs(segment_lanes);
  const double all = segment_lanes[0];
  return {Pair{}, Pair{0.0, all > 0.0 ? all : 0.0}};
}

double sum(const PairSplit& h) { return h.held[0] + h.held[1] + h.rest[0] + h.rest[1]; }  // as sum(HousingSplit)

PairSplit operator*(const PairSplit& h, double factor) { return {h.held * factor, h.rest * factor}; }

}  // namespace

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
// the period ends, so that their length changes often). run_dublin calls it first: Dublin is the
// first procedure stage of every step (Simulation::step), before the CGRS and the CALL.
void Simulation::update_procedure_constants(int k) {
  const double days = calendar_.length(k);
  const auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
  if (parameters_changed_ || bits(days) != bits(hazard_days_)) update_hazard_shares(days);
  if (parameters_changed_) update_outcome_shares();
}

// The shares of a step's hazards.
void Simulation::update_hazard_shares(double days) {
  const Dublin& d = now_.dublin;
  const Cgrs& cg = now_.cgrs;
  hazard_days_ = days;
  dublin_transfer_share_ = hazard_share(d.transfer_rate, days);
  dublin_abscond_share_ = hazard_share(d.abscond_rate, days);
  // Withdrawals, per lane (the same share for every lane of a segment).
  withdrawal_share_.assign(static_cast<std::size_t>(lanes_), 0.0);
  any_withdrawal_ = false;
  double last_rate = -1.0;
  double withdrawing = 0.0;
  for (int s = 0; s < segments_; ++s) {
    // One exp per distinct rate (segments usually share theirs), not per segment or lane.
    if (cg.withdrawal_rate[s] != last_rate) {
      last_rate = cg.withdrawal_rate[s];
      withdrawing = hazard_share(last_rate, days);
    }
    std::fill_n(&withdrawal_share_[lane(s, kAllLane)], lanes_per_segment_, withdrawing);
    any_withdrawal_ = any_withdrawal_ || withdrawing > 0.0;
  }
}

void Simulation::update_outcome_shares() {
  const Cgrs& cg = now_.cgrs;
  const Call& call = now_.call;
  // CGRS decisions: first applications [0], subsequent ones [1] (examined for admissibility first).
  for (int g = 0; g < 2; ++g) {
    std::vector<DecisionShares>& shares = decision_shares_[static_cast<std::size_t>(g)];
    shares.resize(static_cast<std::size_t>(segments_));
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
      shares[s] = {refugee, subsidiary, inadmissible, refusal, appealing, refugee + subsidiary,
                   refusal + inadmissible - appealing};
    }
  }

  // CALL judgments, per segment, and the annulled share per lane.
  judgment_shares_.resize(static_cast<std::size_t>(segments_));
  annul_share_.resize(static_cast<std::size_t>(lanes_));
  for (int s = 0; s < segments_; ++s) {
    const double annul = call.outcomes.annul[s];
    const double grant = call.outcomes.refugee[s] + call.outcomes.subsidiary[s];
    judgment_shares_[s] = {annul, grant, std::max(0.0, 1.0 - annul - grant)};
    std::fill_n(&annul_share_[lane(s, kAllLane)], lanes_per_segment_, annul);
  }
}

void Simulation::run_dublin(int k) {
  update_procedure_constants(k);
  const Dublin& d = now_.dublin;
  if (dublin_.empty()) return;
  // Both hazards act on the same stock: the transfer takes its share, absconding its share of
  // the rest, so that together they never exceed it.
  std::vector<double>& transferred = served_buffer_;
  std::vector<double>& absconded = annul_buffer_;
  transferred.assign(static_cast<std::size_t>(lanes_), 0.0);
  absconded.assign(static_cast<std::size_t>(lanes_), 0.0);
  dublin_.leak_two(dublin_transfer_share_, dublin_abscond_share_, transferred, absconded);
  double transfers = series(S::dublin_transfers)[0];
  double absconders = series(S::dublin_absconded)[0];
  for (int s = 0; s < segments_; ++s) {
    const PairSplit t = pairs_in(&transferred[lane(s, kAllLane)], housing_);
    const PairSplit a = pairs_in(&absconded[lane(s, kAllLane)], housing_);
    const PairSplit left = {t.held + a.held, t.rest + a.rest};
    transfers += sum(t);
    absconders += sum(a);
    cumulative_out_[s] += sum(left);
    leave_reception(s, left.split());
  }
  series(S::dublin_transfers)[0] = transfers;
  series(S::dublin_absconded)[0] = absconders;
  // After the time limit the responsibility passes to Belgium: on to the CGRS, application date kept.
  double to_cgrs = series(S::dublin_to_cgrs)[0];
  dublin_.take_entered_before(calendar_.mid_day(k) - d.time_limit.days(),
                              [&](int key, double day, double width, std::span<const double> amounts) {
                                track(Track::normal).add_row(key, day, width, amounts);
                                for (int l : all_lanes_) to_cgrs += amounts[l];
                              });
  series(S::dublin_to_cgrs)[0] = to_cgrs;
}

void Simulation::run_cgrs(int k, double capacity_cases) {
  const Cgrs& cg = now_.cgrs;
  series(S::cgrs_capacity_cases)[0] += capacity_cases;

  // Withdrawals: a proportional leak of every track.
  const std::vector<double>& share = withdrawal_share_;
  if (any_withdrawal_) {
    std::vector<double>& withdrawn = served_buffer_;
    withdrawn.assign(static_cast<std::size_t>(lanes_), 0.0);
    for (CohortQueue& q : tracks_) q.leak(share, withdrawn);
    double withdrawals = series(S::cgrs_withdrawals)[0];
    for (int s = 0; s < segments_; ++s) {
      const PairSplit w = pairs_in(&withdrawn[lane(s, kAllLane)], housing_);
      leave_reception(s, w.split());
      const double persons = sum(w);
      withdrawals += persons;
      cumulative_out_[s] += persons;
    }
    series(S::cgrs_withdrawals)[0] = withdrawals;
  }

  // Capacity goes to the tracks by priority; inside a track, oldest application first across
  // segments. Applications younger than the registration delay are not yet at the CGRS.
  const double now = calendar_.mid_day(k);
  const double latest_entry = now - now_.registration.delay.days();
  double remaining = capacity_cases;
  // The normal and fast tracks share their outcomes: their decisions are routed together, once
  // per step; subsequent applications apart (admissibility first).
  for (int g = 0; g < 2; ++g) {
    decided_lanes_[g].assign(static_cast<std::size_t>(lanes_), 0.0);
    decided_day_sum_[g].assign(static_cast<std::size_t>(segments_), 0.0);
  }
  for (Track t : cg.track_priority) {
    if (remaining <= 0.0) break;
    const int g = t == Track::subsequent ? 1 : 0;
    double* served_step = decided_lanes_[g].data();
    double* day_sum = decided_day_sum_[g].data();
    remaining -= track(t).serve_each(remaining, case_cost_, latest_entry,
                                     [&](int, double day, double width, std::span<const double> served) {
                                       double persons = 0.0;
                                       add_lanes(served_step, served.data(), lanes_);
                                       for (int s = 0; s < segments_; ++s) {
                                         const double p = served[lane(s, kAllLane)];
                                         day_sum[s] += p * day;
                                         persons += p;
                                       }
                                       decided_ages_period_.add(now - day, width, persons);
                                       if (t == Track::fast_track) {
                                         fast_track_ages_period_.add(now - day, width, persons);
                                         count_over_deadline(now - day, width, served);
                                       }
                                     });
  }
  route_cgrs_decisions(k);
}

// Fast-track persons of one cohort decided after their segment's deadline: the cohort's ages are
// uniform over [age - width/2, age + width/2] (clamped at 0), so the share beyond the deadline
// is the part of that interval beyond it.
void Simulation::count_over_deadline(double age, double width, std::span<const double> served) {
  const double lo = std::max(0.0, age - 0.5 * width);
  const double hi = std::max(lo, age + 0.5 * width);
  for (int s = 0; s < segments_; ++s) {
    const double persons = served[lane(s, kAllLane)];
    if (persons <= 0.0) continue;
    const double deadline = now_.cgrs.fast_track_deadline_days[s];
    const double late = hi <= lo ? (lo > deadline ? 1.0 : 0.0) : std::clamp((hi - deadline) / (hi - lo), 0.0, 1.0);
    fast_track_decided_ += persons;
    fast_track_late_ += persons * late;
  }
}

// Splits the persons decided in a step into outcomes, per segment and housing: first
// applications (normal and fast track, group 0) and subsequent ones (group 1, examined for
// admissibility first), in one pass over the segments. The step's final decisions of a segment
// go on together (final_positive and final_negative are linear in the persons they get).
// `decided_day_sum_` holds, per segment, decided persons x their application day (for the
// appeals, whose annulment returns them to the CGRS with that date).
void Simulation::route_cgrs_decisions(int) {
  count_cgrs_decisions();
  FinalTallies tallies = final_tallies();
  for (int s = 0; s < segments_; ++s) {
    PairSplit positive, negative;
    bool any = false;
    for (int g = 0; g < 2; ++g) {
      const double* served = &decided_lanes_[g][lane(s, kAllLane)];
      const double decided = served[kAllLane];
      if (decided <= 0.0) continue;
      any = true;
      const PairSplit by_h = pairs_in(served, housing_);
      const DecisionShares& d = decision_shares_[g][s];
      const double day_sum = decided_day_sum_[g][s];
      if (now_.integration.enabled) {  // granted_ feeds the integration block only
        granted_[s] += decided * d.granted;
        granted_day_sum_[s] += day_sum * d.granted;
      }
      // Negative decisions: a share appeals (and stays in the procedure), the rest is final.
      const double appealing = d.appealing;
      if (appealing > 0.0) {
        double* filing = &pending_filing_[lane(s, kAllLane)];
        if (housing_)
          for (int kind = 0; kind < kLanesPerSegment; ++kind) filing[kind] += served[kind] * appealing;
        else
          filing[0] += served[0] * appealing;
        pending_filing_[lanes_] += day_sum * appealing;
      }
      positive.held += by_h.held * d.granted;
      positive.rest += by_h.rest * d.granted;
      negative.held += by_h.held * d.final_negative;
      negative.rest += by_h.rest * d.final_negative;
    }
    if (!any) continue;
    final_positive(s, positive.split(), tallies);
    final_negative(s, negative.split(), tallies);
  }
  store_final_tallies(tallies);
}

// The decision series of a step, in a pass of their own (few values live, no spills), in the
// order route_cgrs_decisions meets the decisions.
void Simulation::count_cgrs_decisions() {
  const double* persons_per_case = now_.cgrs.persons_per_case.data();
  double persons = 0.0, cases = 0.0, refugees = 0.0, subsidiaries = 0.0, refusals = 0.0, inadmissibles = 0.0;
  double* by_segment = series(S::cgrs_decisions_persons_by_segment);
  for (int s = 0; s < segments_; ++s)
    for (int g = 0; g < 2; ++g) {
      const double decided = decided_lanes_[g][lane(s, kAllLane)];
      if (decided <= 0.0) continue;
      const DecisionShares& d = decision_shares_[g][s];
      persons += decided;
      cases += decided / persons_per_case[s];
      by_segment[s] += decided;
      refugees += decided * d.refugee;
      subsidiaries += decided * d.subsidiary;
      refusals += decided * d.refusal;
      inadmissibles += decided * d.inadmissible;
    }
  series(S::cgrs_decisions_persons)[0] += persons;
  series(S::cgrs_decisions_cases)[0] += cases;
  series(S::cgrs_refugee)[0] += refugees;
  series(S::cgrs_subsidiary)[0] += subsidiaries;
  series(S::cgrs_refusal)[0] += refusals;
  series(S::cgrs_inadmissible)[0] += inadmissibles;
}

void Simulation::run_call(int k) {
  const Call& call = now_.call;
  const double now = calendar_.mid_day(k);
  // Judgments first, on the appeals lodged before this step. The judges are shared with the
  // migration litigation in proportion to the cases pending (processor sharing): both parts of
  // the workload clear at the same rate, as one court working its whole list would.
  const double capacity = call.judgments_per_month * calendar_.length(k) / kDaysPerMonth;
  double asylum_cases = 0.0;
  for (int s = 0; s < segments_; ++s) asylum_cases += call_.lane_total(lane(s, kAllLane)) / now_.cgrs.persons_per_case[s];
  const double all_cases = asylum_cases + migration_pending_;
  const double migration_share = all_cases > 0.0 ? migration_pending_ / all_cases : 0.0;
  double migration_judged = std::min(migration_pending_, capacity * migration_share);
  std::vector<double>& judged_step = served_buffer_;
  judged_step.assign(static_cast<std::size_t>(lanes_), 0.0);
  // Per lane: the share of judged persons whose decision is annulled (their segment's).
  const std::vector<double>& annul_share = annul_share_;
  const bool count_grants = now_.integration.enabled;  // granted_ feeds the integration block only
  const double used = call_.serve_each(
      capacity - migration_judged, call_cost_, now, [&](int key, double day, double width, std::span<const double> served) {
        double persons = 0.0;
        add_lanes(judged_step.data(), served.data(), lanes_);
        for (int l : all_lanes_) persons += served[l];
        call_ages_period_.add(now - day, width, persons);
        // Annulled: back to the CGRS with the original application date.
        const std::size_t index = static_cast<std::size_t>(key + call_key_offset_);
        const double origin = call_origin_day_[index];
        const int origin_key = call_origin_key_[index];
        std::vector<double>& annulled = annul_buffer_;
        annulled.resize(static_cast<std::size_t>(lanes_));
        multiply_lanes(annulled.data(), served.data(), annul_share.data(), lanes_);
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
  FinalTallies tallies = final_tallies();
  double annulments = series(S::call_annulments)[0];
  double grants = series(S::call_grants)[0];
  double rejections = series(S::call_rejections)[0];
  for (int s = 0; s < segments_; ++s) {
    const double judged = judged_step[lane(s, kAllLane)];
    if (judged <= 0.0) continue;
    const PairSplit by_h = pairs_in(&judged_step[lane(s, kAllLane)], housing_);
    const JudgmentShares& j = judgment_shares_[s];
    annulments += judged * j.annul;
    grants += judged * j.grant;
    rejections += judged * j.reject;
    final_positive(s, (by_h * j.grant).split(), tallies);
    final_negative(s, (by_h * j.reject).split(), tallies);
  }
  series(S::call_annulments)[0] = annulments;
  series(S::call_grants)[0] = grants;
  series(S::call_rejections)[0] = rejections;
  store_final_tallies(tallies);

  // Appeals lodged in this step join the queue.
  std::vector<double>& lodged = lodged_buffer_;
  lodged.resize(static_cast<std::size_t>(lanes_ + 1));
  call_filing_.take_into(k, lodged);
  // The asylum appeals in cases count in two series (with the migration litigation in the
  // second): each sums the same quotients in segment order, in a local.
  double persons = 0.0;
  double appeals = series(S::call_appeals)[0];
  double all_appeals = series(S::call_all_appeals)[0];
  for (int s = 0; s < segments_; ++s) {
    persons += lodged[lane(s, kAllLane)];
    const double cases = lodged[lane(s, kAllLane)] / now_.cgrs.persons_per_case[s];
    appeals += cases;
    all_appeals += cases;
  }
  series(S::call_appeals)[0] = appeals;
  series(S::call_appeals_persons)[0] += persons;
  const double migration_lodged = step_migration_appeals_[static_cast<std::size_t>(k)];
  migration_pending_ += migration_lodged;
  series(S::call_migration_appeals)[0] += migration_lodged;
  series(S::call_all_appeals)[0] = all_appeals + migration_lodged;
  if (persons > 0.0) {
    call_.add_row(k, now, calendar_.width(k), std::span<const double>(lodged.data(), lanes_));
    const std::size_t index = static_cast<std::size_t>(k + call_key_offset_);
    call_origin_day_[index] = lodged[lanes_] / persons;
    call_origin_key_[index] = key_of_day(call_origin_day_[index]);
  }
}

Simulation::FinalTallies Simulation::final_tallies() {
  return {series(S::final_positive)[0], series(S::final_negative)[0],
          series(S::waiting_list_procedure_ended)[0], series(S::irregular_stay)[0]};
}

void Simulation::store_final_tallies(const FinalTallies& tallies) {
  series(S::final_positive)[0] = tallies.positive;
  series(S::final_negative)[0] = tallies.negative;
  series(S::waiting_list_procedure_ended)[0] = tallies.waiting_ended;
  series(S::irregular_stay)[0] = tallies.irregular;
}

void Simulation::final_positive(int segment, const HousingSplit& by_housing, FinalTallies& tallies) {
  const double persons = sum(by_housing);
  if (persons <= 0.0) return;
  const Reception& r = now_.reception;
  tallies.positive += persons;
  const double accommodated = by_housing[kAccommodated];
  // Accommodated persons stay for the transition (shorter with meal vouchers); everyone else
  // leaves the chain now (to the beneficiaries of protection).
  pending_exit_voucher_[segment] += accommodated * r.meal_voucher_share;
  pending_exit_positive_[segment] += accommodated * (1.0 - r.meal_voucher_share);
  tallies.waiting_ended += by_housing[kWaiting];
  cumulative_out_[segment] += persons - accommodated;
}

void Simulation::final_negative(int segment, const HousingSplit& by_housing, FinalTallies& tallies) {
  const double persons = sum(by_housing);
  if (persons <= 0.0) return;
  tallies.negative += persons;
  const double accommodated = by_housing[kAccommodated];
  pending_exit_negative_[segment] += accommodated;
  tallies.waiting_ended += by_housing[kWaiting];
  split_after_negative(segment, persons - accommodated, AfterNegative::at_decision, tallies.irregular);
}

// What follows a final negative decision, for persons no longer in reception: a return after
// the return delay, a subsequent application after its delay, or irregular stay (leaves now).
// Those leaving reception after their exit period have already spent it (`when`).
void Simulation::split_after_negative(int segment, double persons, AfterNegative when) {
  split_after_negative(segment, persons, when, series(S::irregular_stay)[0]);
}

void Simulation::split_after_negative(int segment, double persons, AfterNegative when,
                                             double& irregular_stay) {
  if (persons <= 0.0) return;
  const Returns& r = now_.returns;
  const double voluntary = persons * r.voluntary[segment];
  const double forced = persons * r.forced[segment];
  const double again = persons * r.subsequent[segment];
  const double irregular = std::max(0.0, persons - voluntary - forced - again);
  PendingAfterNegative& p = pending_after_negative_[static_cast<int>(when)];
  p.returns[2 * segment] += voluntary;
  p.returns[2 * segment + 1] += forced;
  p.subsequent[segment] += again;
  irregular_stay += irregular;
  cumulative_out_[segment] += irregular;
}

// The step's entries into the delays, one add per delay (see the pending_* buffers).
void Simulation::flush_filings(int k) {
  call_filing_.add_and_clear(k, now_.call.filing_delay.days(), pending_filing_, 0, 1);
}

void Simulation::flush_exits(int k) {
  const Reception& r = now_.reception;
  exits_.add_and_clear(k, r.meal_voucher_exit_days, pending_exit_voucher_, 0, 2);
  exits_.add_and_clear(k, r.exit_after_positive_days, pending_exit_positive_, 0, 2);
  exits_.add_and_clear(k, r.exit_after_negative_days, pending_exit_negative_, 1, 2);
}

void Simulation::flush_after_negative(int k) {
  const Returns& r = now_.returns;
  for (int when = 0; when < 2; ++when) {
    PendingAfterNegative& p = pending_after_negative_[when];
    const double elapsed = when == 0 ? 0.0 : now_.reception.exit_after_negative_days;
    const double delay = std::max(0.0, r.delay.days() - elapsed);
    returns_.add_and_clear(k, delay, p.returns, 0, 1);
    subsequent_.add_and_clear(k, std::max(0.0, r.subsequent_delay.days() - elapsed), p.subsequent,
                              0, 1);
  }
}

void Simulation::release_returns(int k) {
  std::vector<double>& out = segment_buffer_;
  out.resize(static_cast<std::size_t>(2 * segments_));
  returns_.take_into(k, out);
  double voluntary = series(S::returns_voluntary)[0];
  double forced = series(S::returns_forced)[0];
  for (int s = 0; s < segments_; ++s) {
    voluntary += out[2 * s];
    forced += out[2 * s + 1];
    cumulative_out_[s] += out[2 * s] + out[2 * s + 1];
  }
  series(S::returns_voluntary)[0] = voluntary;
  series(S::returns_forced)[0] = forced;
  subsequent_.take_into(k, subsequent_due_);
}

}  // namespace chainsim
