#pragma once
// Typed parameters of the labour-market and integration block (issue 5): applicants at work,
// beneficiaries of protection by years since status, the waiting penalty, the civic-integration
// programme, temporary protection and family reunification. docs/integration.md gives the
// equations, the sources of the defaults and the YAML keys (section `integration:`).
//
// Conventions as in scenario.hpp: a rate "per month" is a hazard per average month
// (30.436875 days); shares are in [0, 1]; durations carry their unit. Per-year vectors hold one
// value per year since status, years 0..15 (kYearsSinceStatus values; year 15 means "15 years
// or more"). Empty SegmentValues mean the default for every segment (the loader fills them).
#include <cstddef>
#include <vector>

#include "chainsim/model/duration.hpp"
#include "chainsim/model/segments.hpp"

namespace chainsim {

inline constexpr int kYearsSinceStatus = 16;  // years since status 0..15 (15 = 15 or more)

// One value per year since status (0..15); the loader always gives exactly 16 values.
using YearValues = std::vector<double>;

// `first` for years 0..n_first-1, `rest` from year n_first on (16 values).
inline YearValues years_then(double first, int n_first, double rest) {
  YearValues v(kYearsSinceStatus, rest);
  for (int y = 0; y < n_first && y < kYearsSinceStatus; ++y) v[static_cast<std::size_t>(y)] = first;
  return v;
}
// A per-year vector of `given` values (1..16) expanded to 16: the last value holds for the
// remaining years. An empty input gives 16 zeros.
YearValues expand_years(const std::vector<double>& given);

struct IntegrationApplicants {
  // Labour-market access after the application (Belgium: 4 months, orange card; chain_facts
  // 2024 F4). Default 4mo.
  Duration access{4.0, DurationUnit::month};
  // Hazard of an applicant with access being employed, per month. Default 0.02 (ASSUMPTION:
  // no applicant employment figure in the sources; docs/integration.md).
  double employment_hazard = 0.02;
};

// Beneficiaries of international protection (working-age part) move between inactive (I),
// job-seeking (S) and employed (E): I->S activation, S->E job finding, E->S separation,
// S->I withdrawal. Hazards per month by year since status; defaults fitted to the Belgian curve
// (docs/integration.md, "The fit"): 37 % employed after 5 years, 50 % after 10, activity 19 % at
// status and 55 % after 4 years.
struct IntegrationBeneficiaries {
  YearValues activation =
      years_then(0.01225, 5, 0.0006);  // per month; years 0-4 0.01225, 5+ 0.0006
  YearValues job_finding = years_then(0.0314, 0, 0.0314);  // per month; 0.0314 every year
  YearValues separation = years_then(0.0064, 0, 0.0064);   // per month; 0.0064 every year
  YearValues withdrawal = years_then(0.0, 0, 0.0);         // per month; 0 every year
  // Labour state at status (shares of the working-age persons); inactive is the rest.
  double initial_seeking = 0.19;  // share, default 0.19 (activity 19 % at recognition)
  double initial_employed = 0.0;  // share, default 0 (the source does not split the 19 %)
  // Share of new beneficiaries of working age (the employment-rate population, 20-64 by
  // default in the indicator definitions). Default 1 (ASSUMPTION until the age mix is known).
  SegmentValues working_age_share;
  // Per-segment multipliers on the activation and job-finding hazards (default 1).
  SegmentValues activation_multiplier;
  SegmentValues job_finding_multiplier;
};

// Waiting costs integration: the activation and job-finding hazards of a group that waited w
// years between application and status are multiplied by exp(-per_year * (w - reference)).
struct IntegrationWaitingPenalty {
  bool enabled = true;
  // Relative hazard reduction per extra year of waiting (1/year). Default 0.135: one extra year
  // lowers employment 5 years after status by 4.5 percentage points on the fitted curve (Swiss
  // panel evidence: 4-5 points per year, Hainmueller, Hangartner & Lawrence 2016).
  double per_year = 0.135;
  // The wait at which the fitted hazards apply unchanged. Default 1y (ASSUMPTION).
  Duration reference{1.0, DurationUnit::year};
};

// Civic-integration programme (a lever; off by default). A share of new working-age
// beneficiaries enrols; they start `wait` after status, attend for `duration`, and a share
// `completion_share` completes it; completers' activation and job-finding hazards are
// multiplied by `effect` from the end of the programme on, attendees' by `lock_in` while they
// attend. Wait and duration are rounded to whole months (cohorts are calendar months).
struct IntegrationProgramme {
  bool enabled = false;
  double enrolment_share = 0.6;  // share, default 0.6 (ASSUMPTION: no enrolment data)
  Duration wait{4.0,
                DurationUnit::month};  // default 4mo (Flanders: invitation after 4 months, F-CI-02)
  Duration duration{
      12.0, DurationUnit::month};  // default 12mo (BON/BAPA: one year of support, F-CI-13/14)
  double completion_share = 0.7;   // share, default 0.7 (ASSUMPTION: no completion data)
  double effect = 1.2;             // multiplier after completion, default 1.2 (ASSUMPTION)
  double lock_in = 1.0;            // multiplier while attending, default 1 (no lock-in)
};

// Temporary protection (Ukraine): a separate inflow of grants into a stock that leaves at a
// departure rate, housed outside the asylum reception network, with its own employment hazard.
struct IntegrationTemporaryProtection {
  // Grants per calendar month from the month of time.start to the month of time.end
  // (persons/month), spread evenly over the days of each month. Default: none (empty = 0).
  std::vector<double> monthly_grants;
  double departure_rate = 0.0;     // per month, of the TP stock (returns, onward moves); default 0
  double initial_stock = 0.0;      // persons with TP at time.start; default 0
  double initial_employed = 0.0;   // of which employed at time.start (persons); default 0
  double employment_hazard = 0.0;  // per month, non-employed TP holders finding work; default 0
  double separation_rate = 0.0;    // per month, employed TP holders losing work; default 0
  double housing_capacity = 0.0;   // places in regional/collective TP housing; default 0
  double housing_share = 0.0;      // share of TP holders asking for such housing; default 0
};

// Family reunification: persons joining beneficiaries, a share of positive decisions arriving
// after a delay. They join the beneficiaries (years since their arrival), not the procedure.
struct IntegrationFamilyReunification {
  double share = 0.0;  // family members per person granted protection; default 0 (off)
  Duration delay{12.0, DurationUnit::month};  // from the decision to the arrival; default 12mo
  double working_age_share = 0.5;  // share of arrivals of working age; default 0.5 (ASSUMPTION)
  double multiplier = 1.0;         // on their activation and job-finding hazards; default 1
};

struct Integration {
  // The block runs only when enabled (the loader enables it when the scenario has an
  // `integration:` section, unless `enabled: false`); otherwise its series are NaN and a run
  // costs nothing for it.
  bool enabled = false;
  IntegrationApplicants applicants;
  IntegrationBeneficiaries beneficiaries;
  IntegrationWaitingPenalty waiting_penalty;
  IntegrationProgramme programme;
  IntegrationTemporaryProtection temporary_protection;
  IntegrationFamilyReunification family_reunification;
};

}  // namespace chainsim
