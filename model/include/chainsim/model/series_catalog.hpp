#pragma once
// The fixed catalogue of published series and KPIs: names users script against.
// docs/output-series.md lists the same names; a test keeps the two in step.
#include <array>
#include <string_view>

#include "chainsim/model/series.hpp"

namespace chainsim {

enum class S : int {
  applications,
  applications_by_segment,
  subsequent_applications,
  planned_arrivals,
  registrations,
  dublin_pending,
  dublin_transfers,
  dublin_absconded,
  dublin_to_cgrs,
  cgrs_pending_persons,
  cgrs_pending_cases,
  cgrs_pending_persons_by_segment,
  cgrs_pending_fast_track_persons,
  cgrs_pending_subsequent_persons,
  cgrs_suspended_persons,
  cgrs_decisions_persons,
  cgrs_decisions_cases,
  cgrs_decisions_persons_by_segment,
  cgrs_refugee,
  cgrs_subsidiary,
  cgrs_refusal,
  cgrs_inadmissible,
  cgrs_withdrawals,
  cgrs_officers,
  cgrs_officers_in_training,
  cgrs_capacity_cases,
  cgrs_wait_mean_days,
  cgrs_wait_median_days,
  cgrs_wait_p90_days,
  cgrs_fast_track_wait_mean_days,
  cgrs_pending_age_mean_days,
  cgrs_pending_age_p90_days,
  cgrs_pending_over_6mo_share,
  call_appeals,
  call_appeals_persons,
  call_judgments,
  call_annulments,
  call_grants,
  call_rejections,
  call_pending_cases,
  call_pending_persons,
  call_wait_mean_days,
  pending_all_instances_persons,
  final_positive,
  final_negative,
  protection_rate,
  returns_voluntary,
  returns_forced,
  irregular_stay,
  awaiting_return,
  reception_capacity,
  reception_capacity_by_pool,
  reception_effective_capacity,
  reception_occupied,
  reception_occupied_by_pool,
  reception_occupied_by_segment,
  reception_occupancy_rate,
  reception_free_places,
  reception_in,
  reception_out,
  reception_after_procedure,
  waiting_list,
  waiting_list_by_segment,
  waiting_list_joined,
  waiting_list_admitted,
  waiting_list_gave_up,
  waiting_list_procedure_ended,
  waiting_list_wait_mean_days,
  waiting_list_wait_p90_days,
  not_accommodated,
  not_accommodated_pending,
  humanitarian_places_used,
  reception_cost_eur,
  applicants_employed,
  beneficiaries,
  beneficiaries_employed,
  beneficiaries_employment_rate,
  employment_rate_by_years_since_status,
  activity_rate_by_years_since_status,
  integration_programme_enrolled,
  tp_beneficiaries,
  tp_grants,
  tp_departures,
  tp_employed,
  tp_housed,
  family_reunification_arrivals,
  count_
};

inline constexpr int kSeriesCount = static_cast<int>(S::count_);

// Specs in the order of S.
const std::array<SeriesSpec, kSeriesCount>& series_catalog();

enum class K : int {
  peak_cgrs_pending_persons,
  mean_time_to_decision_days,
  p90_time_to_decision_days,
  share_decided_beyond_6mo,
  peak_reception_occupied,
  peak_waiting_list,
  waiting_list_person_days,
  total_reception_cost_eur,
  months_saturated,
  count_
};

inline constexpr int kKpiCount = static_cast<int>(K::count_);

struct KpiSpec {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
};
const std::array<KpiSpec, kKpiCount>& kpi_catalog();

}  // namespace chainsim
