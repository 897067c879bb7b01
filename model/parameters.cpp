#include "chainsim/model/parameters.hpp"

#include <array>

namespace chainsim {

namespace {

std::span<double> one(double& v) { return {&v, 1}; }
std::span<double> all(SegmentValues& v) { return {v.data(), v.size()}; }

constexpr double kInf = 1e300;
constexpr auto S = ParamShape::scalar;
constexpr auto SEG = ParamShape::segment;
constexpr auto NONE = ParamCollection::none;
constexpr auto POOLS = ParamCollection::pools;

// Data, not code: every parameter a policy, a calibration or a sweep may change, with the
// loader's bounds. Initial stocks and structure (segments, pools, tracks) are not here.
const std::array kCatalog = {
    ParamInfo{"applications.subsequent_share", S, NONE, "1", 0, 1, "Share of applications that are subsequent",
              [](Scenario& s, int) { return one(s.applications.subsequent_share); }},
    ParamInfo{"dublin.share", SEG, NONE, "1", 0, 1, "Share of registered applicants examined under Dublin",
              [](Scenario& s, int) { return all(s.dublin.share); }},
    ParamInfo{"dublin.transfer_rate", S, NONE, "1/month", 0, 30, "Dublin transfers per month",
              [](Scenario& s, int) { return one(s.dublin.transfer_rate); }},
    ParamInfo{"dublin.abscond_rate", S, NONE, "1/month", 0, 30, "Absconding from Dublin per month",
              [](Scenario& s, int) { return one(s.dublin.abscond_rate); }},
    ParamInfo{"cgrs.target_officers", S, NONE, "FTE", 0, kInf, "Officers the CGRS hires up to",
              [](Scenario& s, int) { return one(s.cgrs.target_officers); }},
    ParamInfo{"cgrs.training_productivity", S, NONE, "1", 0, 1, "Output of an officer in training",
              [](Scenario& s, int) { return one(s.cgrs.training_productivity); }},
    ParamInfo{"cgrs.attrition_per_year", S, NONE, "1/year", 0, 1, "Officers leaving per year",
              [](Scenario& s, int) { return one(s.cgrs.attrition_per_year); }},
    ParamInfo{"cgrs.hiring_freeze", S, NONE, "1", 0, 1, "1 = no hiring",
              [](Scenario& s, int) { return one(s.cgrs.hiring_freeze); }},
    ParamInfo{"cgrs.decisions_per_officer_per_month", S, NONE, "cases/officer/month", 0, kInf,
              "Decisions per trained officer per month",
              [](Scenario& s, int) { return one(s.cgrs.decisions_per_officer_per_month); }},
    ParamInfo{"cgrs.productivity", S, NONE, "1", 0, 10, "Multiplier on decisions per officer",
              [](Scenario& s, int) { return one(s.cgrs.productivity); }},
    ParamInfo{"cgrs.persons_per_case", SEG, NONE, "persons/case", 1, 20, "Persons per case (file)",
              [](Scenario& s, int) { return all(s.cgrs.persons_per_case); }},
    ParamInfo{"cgrs.outcomes.refugee", SEG, NONE, "1", 0, 1, "Share of decided persons granted refugee status",
              [](Scenario& s, int) { return all(s.cgrs.outcomes.refugee); }},
    ParamInfo{"cgrs.outcomes.subsidiary", SEG, NONE, "1", 0, 1, "Share granted subsidiary protection",
              [](Scenario& s, int) { return all(s.cgrs.outcomes.subsidiary); }},
    ParamInfo{"cgrs.outcomes.inadmissible", SEG, NONE, "1", 0, 1, "Share declared inadmissible",
              [](Scenario& s, int) { return all(s.cgrs.outcomes.inadmissible); }},
    ParamInfo{"cgrs.fast_track", SEG, NONE, "1", 0, 1, "Share of new applicants put in the fast track",
              [](Scenario& s, int) { return all(s.cgrs.fast_track); }},
    ParamInfo{"cgrs.fast_track_deadline", SEG, NONE, "days", 0, 3650, "Legal deadline of the fast track",
              [](Scenario& s, int) { return all(s.cgrs.fast_track_deadline_days); }},
    ParamInfo{"cgrs.suspended", SEG, NONE, "1", 0, 1, "1 = decisions frozen",
              [](Scenario& s, int) { return all(s.cgrs.suspended); }},
    ParamInfo{"cgrs.subsequent_inadmissible", SEG, NONE, "1", 0, 1,
              "Share of subsequent applications declared inadmissible",
              [](Scenario& s, int) { return all(s.cgrs.subsequent_inadmissible); }},
    ParamInfo{"cgrs.withdrawal_rate", SEG, NONE, "1/month", 0, 30, "Withdrawals per month of pending persons",
              [](Scenario& s, int) { return all(s.cgrs.withdrawal_rate); }},
    ParamInfo{"call.appeal_share.refusal", SEG, NONE, "1", 0, 1, "Share of refused persons who appeal",
              [](Scenario& s, int) { return all(s.call.appeal_share_refusal); }},
    ParamInfo{"call.appeal_share.inadmissible", SEG, NONE, "1", 0, 1, "Share of inadmissible persons who appeal",
              [](Scenario& s, int) { return all(s.call.appeal_share_inadmissible); }},
    ParamInfo{"call.judgments_per_month", S, NONE, "cases/month", 0, kInf, "CALL judgments per month",
              [](Scenario& s, int) { return one(s.call.judgments_per_month); }},
    ParamInfo{"call.outcomes.annul", SEG, NONE, "1", 0, 1, "Share of judgments annulling (back to the CGRS)",
              [](Scenario& s, int) { return all(s.call.outcomes.annul); }},
    ParamInfo{"call.outcomes.refugee", SEG, NONE, "1", 0, 1, "Share of judgments granting refugee status",
              [](Scenario& s, int) { return all(s.call.outcomes.refugee); }},
    ParamInfo{"call.outcomes.subsidiary", SEG, NONE, "1", 0, 1, "Share of judgments granting subsidiary protection",
              [](Scenario& s, int) { return all(s.call.outcomes.subsidiary); }},
    ParamInfo{"returns.voluntary", SEG, NONE, "1", 0, 1, "Share of final negatives returning voluntarily",
              [](Scenario& s, int) { return all(s.returns.voluntary); }},
    ParamInfo{"returns.forced", SEG, NONE, "1", 0, 1, "Share of final negatives returned by force",
              [](Scenario& s, int) { return all(s.returns.forced); }},
    ParamInfo{"returns.subsequent", SEG, NONE, "1", 0, 1, "Share of final negatives applying again",
              [](Scenario& s, int) { return all(s.returns.subsequent); }},
    ParamInfo{"reception.saturation", S, NONE, "1", 0, 1, "Usable share of regular places",
              [](Scenario& s, int) { return one(s.reception.saturation); }},
    ParamInfo{"reception.ask_share", SEG, NONE, "1", 0, 1, "Share of applicants asking for reception",
              [](Scenario& s, int) { return all(s.reception.ask_share); }},
    ParamInfo{"reception.excluded", SEG, NONE, "1", 0, 1, "1 = not entitled to reception",
              [](Scenario& s, int) { return all(s.reception.excluded); }},
    ParamInfo{"reception.waiting_list", SEG, NONE, "1", 0, 1, "1 = waits on the waiting list when full",
              [](Scenario& s, int) { return all(s.reception.waits); }},
    ParamInfo{"reception.give_up_rate", S, NONE, "1/month", 0, 30, "Persons leaving the waiting list per month",
              [](Scenario& s, int) { return one(s.reception.give_up_rate); }},
    ParamInfo{"reception.exit_after_negative", S, NONE, "days", 0, 3650, "Stay after a final negative decision",
              [](Scenario& s, int) { return one(s.reception.exit_after_negative_days); }},
    ParamInfo{"reception.exit_after_positive", S, NONE, "days", 0, 3650, "Transition after protection",
              [](Scenario& s, int) { return one(s.reception.exit_after_positive_days); }},
    ParamInfo{"reception.meal_vouchers.share", S, NONE, "1", 0, 1, "Protected residents leaving with vouchers",
              [](Scenario& s, int) { return one(s.reception.meal_voucher_share); }},
    ParamInfo{"reception.meal_vouchers.exit_after", S, NONE, "days", 0, 3650, "Stay of those leaving with vouchers",
              [](Scenario& s, int) { return one(s.reception.meal_voucher_exit_days); }},
    ParamInfo{"reception.contribution.leave_rate", S, NONE, "1/month", 0, 30,
              "Employed applicants leaving reception per month",
              [](Scenario& s, int) { return one(s.reception.contribution_leave_rate); }},
    ParamInfo{"reception.uam.age_out_rate", S, NONE, "1/month", 0, 30, "Minors turning 18 per month",
              [](Scenario& s, int) { return one(s.reception.uam_age_out_rate); }},
    ParamInfo{"reception.humanitarian.capacity", S, NONE, "places", 0, kInf, "Humanitarian places outside the network",
              [](Scenario& s, int) { return one(s.reception.humanitarian_capacity); }},
    ParamInfo{"reception.humanitarian.uptake", S, NONE, "1", 0, 1, "Share of those not accommodated using them",
              [](Scenario& s, int) { return one(s.reception.humanitarian_uptake); }},
    ParamInfo{"reception.pools.*.capacity", S, POOLS, "places", 0, kInf, "Places of a pool (on top of its dated changes)",
              [](Scenario& s, int i) { return one(s.reception.pools[i].capacity); }},
    ParamInfo{"reception.pools.*.cost_per_place_day", S, POOLS, "EUR/place/day", 0, kInf, "Cost of a place per day",
              [](Scenario& s, int i) { return one(s.reception.pools[i].cost_per_place_day); }},
    ParamInfo{"reception.pools.*.cost_per_occupied_day", S, POOLS, "EUR/place/day", 0, kInf,
              "Extra cost of an occupied place per day",
              [](Scenario& s, int i) { return one(s.reception.pools[i].cost_per_occupied_day); }},
    // Labour market and integration (docs/integration.md).
    ParamInfo{"integration.applicants.employment_hazard", S, NONE, "1/month", 0, 30,
              "Employment hazard of applicants with labour-market access",
              [](Scenario& s, int) { return one(s.integration.applicants.employment_hazard); }},
    ParamInfo{"integration.beneficiaries.multipliers.activation", SEG, NONE, "1", 0, 10,
              "Multiplier on the activation hazard of beneficiaries",
              [](Scenario& s, int) { return all(s.integration.beneficiaries.activation_multiplier); }},
    ParamInfo{"integration.beneficiaries.multipliers.job_finding", SEG, NONE, "1", 0, 10,
              "Multiplier on the job-finding hazard of beneficiaries",
              [](Scenario& s, int) { return all(s.integration.beneficiaries.job_finding_multiplier); }},
    ParamInfo{"integration.waiting_penalty.per_year", S, NONE, "1/year", 0, 5,
              "Relative hazard reduction per extra year of waiting for status",
              [](Scenario& s, int) { return one(s.integration.waiting_penalty.per_year); }},
    ParamInfo{"integration.programme.enrolment_share", S, NONE, "1", 0, 1,
              "Share of new beneficiaries enrolling in the civic-integration programme",
              [](Scenario& s, int) { return one(s.integration.programme.enrolment_share); }},
    ParamInfo{"integration.programme.completion_share", S, NONE, "1", 0, 1,
              "Share of enrolled completing the programme",
              [](Scenario& s, int) { return one(s.integration.programme.completion_share); }},
    ParamInfo{"integration.programme.effect", S, NONE, "1", 0, 10,
              "Multiplier on completers' activation and job-finding hazards",
              [](Scenario& s, int) { return one(s.integration.programme.effect); }},
    ParamInfo{"integration.temporary_protection.departure_rate", S, NONE, "1/month", 0, 30,
              "Departures per month of the temporary-protection stock",
              [](Scenario& s, int) { return one(s.integration.temporary_protection.departure_rate); }},
    ParamInfo{"integration.temporary_protection.employment_hazard", S, NONE, "1/month", 0, 30,
              "Employment hazard of temporary-protection holders",
              [](Scenario& s, int) { return one(s.integration.temporary_protection.employment_hazard); }},
    ParamInfo{"integration.temporary_protection.housing.capacity", S, NONE, "places", 0, kInf,
              "Places in temporary-protection housing",
              [](Scenario& s, int) { return one(s.integration.temporary_protection.housing_capacity); }},
    ParamInfo{"integration.temporary_protection.housing.share", S, NONE, "1", 0, 1,
              "Share of temporary-protection holders asking for such housing",
              [](Scenario& s, int) { return one(s.integration.temporary_protection.housing_share); }},
    ParamInfo{"integration.family_reunification.share", S, NONE, "1", 0, 10,
              "Family members arriving per person granted protection",
              [](Scenario& s, int) { return one(s.integration.family_reunification.share); }},
};

// The stocks at time.start: a calibration fits them (history starts where no census was
// published), a policy cannot change them (the run has started).
const std::array kInitialState = {
    ParamInfo{"cgrs.officers", S, NONE, "FTE", 0, kInf, "Trained protection officers at time.start",
              [](Scenario& s, int) { return one(s.cgrs.officers); }},
    ParamInfo{"cgrs.initial_pending.persons", S, NONE, "persons", 0, kInf, "Persons pending at the CGRS at time.start",
              [](Scenario& s, int) { return one(s.cgrs.initial_pending_persons); }},
    ParamInfo{"call.initial_pending.cases", S, NONE, "cases", 0, kInf, "Asylum appeals pending at the CALL at time.start",
              [](Scenario& s, int) { return one(s.call.initial_pending_cases); }},
    ParamInfo{"call.migration_litigation.initial_pending", S, NONE, "cases", 0, kInf,
              "Migration litigation pending at the CALL at time.start",
              [](Scenario& s, int) { return one(s.call.migration_initial_pending_cases); }},
    ParamInfo{"reception.initial.accommodated", S, NONE, "persons", 0, kInf, "Persons in reception at time.start",
              [](Scenario& s, int) { return one(s.reception.initial_accommodated); }},
    ParamInfo{"reception.initial.waiting", S, NONE, "persons", 0, kInf, "Persons on the waiting list at time.start",
              [](Scenario& s, int) { return one(s.reception.initial_waiting); }},
};

ParamRef resolve_in(std::span<const ParamInfo> catalog, std::string_view path, const Scenario& scenario) {
  for (const ParamInfo& info : catalog) {
    if (info.collection == ParamCollection::none) {
      if (path == info.path) return {&info, 0};
      continue;
    }
    // "reception.pools.*.capacity": match the prefix and suffix around the item name.
    const std::string_view pattern = info.path;
    const std::size_t star = pattern.find('*');
    const std::string_view prefix = pattern.substr(0, star);
    const std::string_view suffix = pattern.substr(star + 1);
    if (path.size() <= prefix.size() + suffix.size() || !path.starts_with(prefix) || !path.ends_with(suffix))
      continue;
    const std::string_view name = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
    const auto& pools = scenario.reception.pools;
    for (std::size_t i = 0; i < pools.size(); ++i)
      if (pools[i].name == name) return {&info, static_cast<int>(i)};
  }
  return {};
}

void append_paths(std::span<const ParamInfo> catalog, const Scenario& scenario, std::vector<std::string>& out) {
  for (const ParamInfo& info : catalog) {
    if (info.collection == ParamCollection::none) {
      out.emplace_back(info.path);
      continue;
    }
    const std::string pattern(info.path);
    const std::size_t star = pattern.find('*');
    for (const Pool& p : scenario.reception.pools)
      out.push_back(pattern.substr(0, star) + p.name + pattern.substr(star + 1));
  }
}

}  // namespace

std::span<const ParamInfo> parameter_catalog() { return kCatalog; }
std::span<const ParamInfo> initial_state_catalog() { return kInitialState; }

ParamRef resolve_parameter(std::string_view path, const Scenario& scenario) {
  return resolve_in(kCatalog, path, scenario);
}

ParamRef resolve_calibration_parameter(std::string_view path, const Scenario& scenario) {
  const ParamRef ref = resolve_in(kCatalog, path, scenario);
  return ref.info != nullptr ? ref : resolve_in(kInitialState, path, scenario);
}

std::vector<std::string> parameter_paths(const Scenario& scenario) {
  std::vector<std::string> out;
  append_paths(kCatalog, scenario, out);
  return out;
}

std::vector<std::string> calibration_parameter_paths(const Scenario& scenario) {
  std::vector<std::string> out = parameter_paths(scenario);
  append_paths(kInitialState, scenario, out);
  return out;
}

}  // namespace chainsim
