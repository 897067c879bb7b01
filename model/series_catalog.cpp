#include "chainsim/model/series_catalog.hpp"

namespace chainsim {

namespace {
using enum SeriesKind;
constexpr SeriesDim T = SeriesDim::total;
constexpr SeriesDim SEG = SeriesDim::segment;
constexpr SeriesDim POOL = SeriesDim::pool;
}  // namespace

const std::array<SeriesSpec, kSeriesCount>& series_catalog() {
  static const std::array<SeriesSpec, kSeriesCount> table = {{
      {"applications", "persons", flow, T, "Applications for international protection lodged in the period"},
      {"applications_by_segment", "persons", flow, SEG, "Applications in the period, by segment"},
      {"cgrs_capacity_cases", "cases", flow, T, "CGRS decision capacity available in the period (officers x decisions per officer)"},
      {"cgrs_decisions_persons", "persons", flow, T, "Persons with a CGRS first-instance decision in the period"},
      {"cgrs_decisions_cases", "cases", flow, T, "CGRS first-instance decisions in the period, in cases (files)"},
      {"cgrs_decisions_persons_by_segment", "persons", flow, SEG, "Persons with a CGRS decision in the period, by segment"},
      {"cgrs_positive", "persons", flow, T, "Persons granted protection (refugee or subsidiary) by the CGRS in the period"},
      {"cgrs_negative", "persons", flow, T, "Persons refused by the CGRS in the period"},
      {"cgrs_pending_persons", "persons", stock, T, "Persons waiting for a CGRS decision at period end (CGRS workload)"},
      {"cgrs_pending_cases", "cases", stock, T, "CGRS workload at period end, in cases (persons / persons per case)"},
      {"cgrs_pending_persons_by_segment", "persons", stock, SEG, "Persons waiting for a CGRS decision at period end, by segment"},
      {"cgrs_wait_mean_days", "days", rate, T, "Mean time from application to CGRS decision of the persons decided in the period"},
      {"cgrs_wait_median_days", "days", rate, T, "Median time from application to CGRS decision of the persons decided in the period"},
      {"cgrs_wait_p90_days", "days", rate, T, "90th percentile of the time from application to CGRS decision of the persons decided in the period"},
      {"cgrs_pending_age_mean_days", "days", rate, T, "Mean time since application of the persons pending at the CGRS at period end"},
      {"cgrs_pending_age_p90_days", "days", rate, T, "90th percentile of the time since application of the persons pending at the CGRS at period end"},
      {"cgrs_pending_over_6mo_share", "1", rate, T, "Share of persons pending at the CGRS at period end who applied more than 6 months earlier"},
      {"reception_capacity", "places", stock, T, "Reception places in the network at period end (nominal)"},
      {"reception_capacity_by_pool", "places", stock, POOL, "Reception places at period end, by pool"},
      {"reception_effective_capacity", "places", stock, T, "Usable places at period end: capacity x saturation threshold"},
      {"reception_occupied", "persons", stock, T, "Persons accommodated in the network at period end"},
      {"reception_occupied_by_segment", "persons", stock, SEG, "Persons accommodated at period end, by segment"},
      {"reception_occupancy_rate", "1", rate, T, "Occupied places / nominal capacity at period end"},
      {"reception_free_places", "places", stock, T, "Usable places not occupied at period end: max(0, effective capacity - occupied)"},
      {"reception_in", "persons", flow, T, "Entries into the network in the period (new arrivals placed and admissions from the waiting list)"},
      {"reception_out", "persons", flow, T, "Exits from the network in the period (end of the stay after a decision)"},
      {"reception_after_procedure", "persons", stock, T, "Persons still accommodated at period end whose procedure has ended (in their exit period)"},
      {"waiting_list", "persons", stock, T, "Persons on the waiting list at period end"},
      {"waiting_list_by_segment", "persons", stock, SEG, "Persons on the waiting list at period end, by segment"},
      {"waiting_list_joined", "persons", flow, T, "Persons who joined the waiting list in the period"},
      {"waiting_list_admitted", "persons", flow, T, "Persons admitted from the waiting list into the network in the period"},
      {"waiting_list_procedure_ended", "persons", flow, T, "Persons who left the waiting list in the period because their CGRS decision came first"},
      {"waiting_list_wait_mean_days", "days", rate, T, "Mean time on the waiting list of the persons admitted in the period"},
      {"waiting_list_wait_p90_days", "days", rate, T, "90th percentile of the time on the waiting list of the persons admitted in the period"},
      {"not_accommodated", "persons", flow, T, "Applicants who asked for reception, found no place and were not put on the waiting list, in the period"},
      {"reception_cost_eur", "EUR", flow, T, "Cost of the reception places available in the period (places x cost per place-day x days)"},
  }};
  return table;
}

const std::array<KpiSpec, kKpiCount>& kpi_catalog() {
  static const std::array<KpiSpec, kKpiCount> table = {{
      {"peak_cgrs_pending_persons", "persons", "Largest CGRS workload at a period end"},
      {"mean_time_to_decision_days", "days", "Mean time from application to CGRS decision over all persons decided in the run"},
      {"p90_time_to_decision_days", "days", "90th percentile of the time from application to CGRS decision over the run"},
      {"share_decided_beyond_6mo", "1", "Share of the persons decided in the run whose decision came more than 6 months after application"},
      {"peak_reception_occupied", "persons", "Largest reception occupancy at a period end"},
      {"peak_waiting_list", "persons", "Largest waiting list at a period end"},
      {"waiting_list_person_days", "person-days", "Sum over the run of the persons on the waiting list times the days they waited"},
      {"total_reception_cost_eur", "EUR", "Cost of the reception places over the run"},
      {"months_saturated", "months", "Time during which occupancy was at or above the effective capacity (saturation)"},
  }};
  return table;
}

}  // namespace chainsim
