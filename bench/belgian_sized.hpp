#pragma once
// A Belgian-sized scenario built in code: 4 origin groups x 4 profiles = 16 segments, ten
// years, every stage switched on (Dublin, three CGRS tracks with staff hiring and training,
// withdrawals, CALL appeals with annulments, returns and subsequent applications, three pools
// with a waiting list, overflow and a capacity opening, a dated suspension), so that every
// branch of the step runs.
#include "chainsim/model/scenario.hpp"
#include "chainsim/model/scenario_defaults.hpp"

namespace chainsim::bench {

inline Scenario belgian_sized(StepUnit step, int years = 10) {
  Scenario s;
  s.name = "belgian-sized";
  s.time = {Date(2025, 1, 1), Date(static_cast<unsigned short>(2025 + years - 1), 12, 31), step, ReportUnit::month};
  s.segments.origins = {"high_recognition", "protected_elsewhere", "safe_country", "other"};
  s.segments.profiles = {"single_man", "family", "vulnerable", "uam"};
  const double origin_share[] = {0.45, 0.122, 0.05, 0.378};
  const double profile_share[] = {0.55, 0.30, 0.09, 0.06};
  const double refugee[] = {0.70, 0.30, 0.02, 0.15};
  const double inadmissible[] = {0.02, 0.40, 0.05, 0.05};
  for (int o = 0; o < 4; ++o)
    for (int p = 0; p < 4; ++p) {
      s.applications.segment_share.push_back(origin_share[o] * profile_share[p]);
      s.cgrs.outcomes.refugee.push_back(refugee[o]);
      s.cgrs.outcomes.subsidiary.push_back(0.03);
      s.cgrs.outcomes.inadmissible.push_back(inadmissible[o]);
      s.cgrs.persons_per_case.push_back(p == 1 ? 2.5 : 1.0);
      s.cgrs.fast_track.push_back(o == 2 ? 1.0 : 0.0);
      s.cgrs.withdrawal_rate.push_back(0.01);
      s.dublin.share.push_back(o == 1 ? 0.0 : 0.08);
      s.reception.ask_share.push_back(0.92);
      s.reception.waits.push_back(p == 0 ? 1.0 : 0.0);
      s.call.appeal_share_refusal.push_back(0.6);
      s.call.appeal_share_inadmissible.push_back(0.3);
      s.call.outcomes.annul.push_back(0.144);
      s.call.outcomes.refugee.push_back(0.088);
      s.call.outcomes.subsidiary.push_back(0.007);
      s.returns.voluntary.push_back(0.15);
      s.returns.forced.push_back(0.10);
      s.returns.subsequent.push_back(0.15);
    }
  s.applications.monthly_persons.assign(static_cast<std::size_t>(12 * years), 3301.0);
  for (int m = 0; m < 12 * years; m += 12) s.applications.monthly_persons[m + 9] = 4383.0;  // October peaks
  s.applications.subsequent_share = 0.1;
  s.dublin.transfer_rate = 0.1;
  s.dublin.abscond_rate = 0.05;
  s.cgrs.officers = 300.0;
  s.cgrs.target_officers = 300.0;
  s.cgrs.attrition_per_year = 0.08;
  s.cgrs.recruitment_delay = {3.0, DurationUnit::month};
  s.cgrs.decisions_per_officer_per_month = 7.63;
  s.cgrs.initial_pending_persons = 32007.0;
  s.cgrs.initial_pending_spread = {12.0, DurationUnit::month};
  s.call.judgments_per_month = 1630.0;
  s.call.initial_pending_cases = 17509.0;
  s.reception.pools = {make_pool("collective", 26000.0, 62.0, {1, 1, 1, 0}),
                       make_pool("individual", 7000.0, 55.0, {0, 1, 1, 0}),
                       make_pool("uam", 3250.0, 110.0, {0, 0, 0, 1}),
                       make_pool("emergency", 800.0, 120.0, {0, 1, 1, 1}, true)};
  s.reception.pools[0].changes.push_back({Date(2025, 3, 1), {6.0, DurationUnit::month}, 3500.0});
  s.reception.priority = {3, 2, 1, 0};
  s.reception.give_up_rate = 0.05;
  s.reception.exit_after_positive_days = 4.0 * kDaysPerMonth;
  s.reception.meal_voucher_share = 0.3;
  s.reception.contribution_leave_rate = 0.01;
  s.reception.uam_age_out_rate = 0.03;
  s.reception.uam_age_out_pool = 0;
  s.reception.uam_profile = 3;
  s.reception.humanitarian_capacity = 2000.0;
  s.reception.humanitarian_uptake = 0.5;
  s.reception.initial_accommodated = 34033.0;
  s.reception.initial_waiting = 2809.0;
  Policy suspension;
  suspension.name = "suspension";
  suspension.from = Date(2025, 1, 1);
  suspension.to = Date(2025, 7, 1);
  suspension.changes.push_back({"cgrs.suspended", ChangeOp::set, std::vector<double>(16, 1.0),
                                {1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}});
  Policy hiring;
  hiring.name = "hiring";
  hiring.from = Date(2026, 1, 1);
  hiring.changes.push_back({"cgrs.target_officers", ChangeOp::add, {59.0}, {1}});
  s.policies = {suspension, hiring};
  fill_defaults(s);
  return s;
}

}  // namespace chainsim::bench
