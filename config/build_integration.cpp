// The optional `integration` section: applicants at work, beneficiaries by years since status,
// the waiting penalty, the civic-integration programme, temporary protection and family
// reunification (docs/integration.md, docs/scenario-reference.md).
#include <string>
#include <vector>

#include "build_sections.hpp"
#include "chainsim/config/applications.hpp"
#include "chainsim/config/errors.hpp"

namespace chainsim::config::build {

namespace {

constexpr double kMaxRatePerMonth = 30.0;
constexpr double kMaxMultiplier = 10.0;

Bounds share() {
  return Bounds::closed(0, 1);
}
Bounds rate() {
  return Bounds::closed(0, kMaxRatePerMonth);
}
Bounds multiplier() {
  return Bounds::closed(0, kMaxMultiplier);
}

// A hazard per year since status: one number (every year) or a list of 1 to 16 numbers (years
// 0, 1, ...; the last holds for the remaining years).
YearValues read_years(const MapReader& m, std::string_view key, const YearValues& fallback) {
  const Node* node = m.get(key);
  if (!node) return fallback;
  const std::string path = m.path_of(key);
  if (node->is_sequence()) {
    if (node->children.empty() ||
        node->children.size() > static_cast<std::size_t>(kYearsSinceStatus)) {
      fail(*node, path,
           "expected 1 to " + std::to_string(kYearsSinceStatus) +
               " values (years since status 0, 1, ...), got " +
               std::to_string(node->children.size()),
           "the last value holds for the remaining years; year 15 stands for 15 years or more");
    }
    std::vector<double> given;
    for (std::size_t i = 0; i < node->children.size(); ++i)
      given.push_back(read_number(node->children[i], index_path(path, i), rate()));
    return expand_years(given);
  }
  return expand_years({read_number(*node, path, rate())});
}

void read_applicants(const Node& node, const std::string& path, IntegrationApplicants& a) {
  const MapReader m(node, path, {"access", "employment_hazard"});
  a.access = m.duration_or("access", a.access);
  a.employment_hazard = m.number_or("employment_hazard", a.employment_hazard, rate());
}

void read_beneficiaries(const Node& node, const std::string& path, const SegmentSet& set,
                        IntegrationBeneficiaries& b) {
  const MapReader m(node, path,
                    {"activation", "job_finding", "separation", "withdrawal", "initial",
                     "working_age_share", "multipliers"});
  b.activation = read_years(m, "activation", b.activation);
  b.job_finding = read_years(m, "job_finding", b.job_finding);
  b.separation = read_years(m, "separation", b.separation);
  b.withdrawal = read_years(m, "withdrawal", b.withdrawal);
  if (const Node* initial = m.get("initial")) {
    const MapReader i(*initial, m.path_of("initial"), {"seeking", "employed"});
    b.initial_seeking = i.number_or("seeking", b.initial_seeking, share());
    b.initial_employed = i.number_or("employed", b.initial_employed, share());
    if (b.initial_seeking + b.initial_employed > 1.0 + kOutcomeSumTolerance) {
      fail_at_key(*initial, m.path_of("initial"),
                  "seeking + employed must be at most 1 (the rest is inactive), got " +
                      format_value(b.initial_seeking + b.initial_employed));
    }
  }
  b.working_age_share = segment_values_or(m, "working_age_share", set, share(), 1.0);
  const Node* mult = m.get("multipliers");
  const MapReader mm(mult ? *mult : empty_map(), m.path_of("multipliers"),
                     {"activation", "job_finding"});
  b.activation_multiplier = segment_values_or(mm, "activation", set, multiplier(), 1.0);
  b.job_finding_multiplier = segment_values_or(mm, "job_finding", set, multiplier(), 1.0);
}

void read_penalty(const Node& node, const std::string& path, IntegrationWaitingPenalty& w) {
  const MapReader m(node, path, {"enabled", "per_year", "reference"});
  w.enabled = m.bool_or("enabled", w.enabled);
  w.per_year = m.number_or("per_year", w.per_year, Bounds::closed(0, 5));
  w.reference = m.duration_or("reference", w.reference);
}

void read_programme(const Node& node, const std::string& path, IntegrationProgramme& p) {
  const MapReader m(
      node, path,
      {"enabled", "enrolment_share", "wait", "duration", "completion_share", "effect", "lock_in"});
  // Giving the section switches the programme on unless it says `enabled: false`.
  p.enabled = m.bool_or("enabled", true);
  p.enrolment_share = m.number_or("enrolment_share", p.enrolment_share, share());
  p.wait = m.duration_or("wait", p.wait);
  p.duration = m.duration_or("duration", p.duration);
  p.completion_share = m.number_or("completion_share", p.completion_share, share());
  p.effect = m.number_or("effect", p.effect, multiplier());
  p.lock_in = m.number_or("lock_in", p.lock_in, multiplier());
}

void read_tp(const Node& node, const std::string& path, const TimeSettings& time,
             const SourceFiles& sources, std::vector<std::string>& files_read,
             IntegrationTemporaryProtection& tp) {
  const MapReader m(node, path,
                    {"grants", "departure_rate", "initial_stock", "initial_employed",
                     "employment_hazard", "separation_rate", "housing"});
  if (const Node* grants = m.get("grants")) {
    tp.monthly_grants =
        read_monthly_applications(*grants, m.path_of("grants"), time, sources, files_read);
  }
  tp.departure_rate = m.number_or("departure_rate", tp.departure_rate, rate());
  tp.initial_stock = m.number_or("initial_stock", tp.initial_stock, Bounds::at_least(0));
  tp.initial_employed = m.number_or("initial_employed", tp.initial_employed, Bounds::at_least(0));
  if (tp.initial_employed > tp.initial_stock) {
    fail(*m.get("initial_employed"), m.path_of("initial_employed"),
         "must be at most initial_stock (" + format_value(tp.initial_stock) + "), got " +
             format_value(tp.initial_employed));
  }
  tp.employment_hazard = m.number_or("employment_hazard", tp.employment_hazard, rate());
  tp.separation_rate = m.number_or("separation_rate", tp.separation_rate, rate());
  if (const Node* housing = m.get("housing")) {
    const MapReader h(*housing, m.path_of("housing"), {"capacity", "share"});
    tp.housing_capacity = h.number_or("capacity", tp.housing_capacity, Bounds::at_least(0));
    tp.housing_share = h.number_or("share", tp.housing_share, share());
  }
}

void read_family(const Node& node, const std::string& path, IntegrationFamilyReunification& f) {
  const MapReader m(node, path, {"share", "delay", "working_age_share", "multiplier"});
  f.share = m.number_or("share", f.share, Bounds::closed(0, 10));
  f.delay = m.duration_or("delay", f.delay);
  f.working_age_share = m.number_or("working_age_share", f.working_age_share, share());
  f.multiplier = m.number_or("multiplier", f.multiplier, multiplier());
}

}  // namespace

void read_integration(const Node& node, const SourceFiles& sources,
                      std::vector<std::string>& files_read, Scenario& sc) {
  const std::string path = "integration";
  const MapReader m(node, path,
                    {"enabled", "applicants", "beneficiaries", "waiting_penalty", "programme",
                     "temporary_protection", "family_reunification"});
  Integration& in = sc.integration;
  in.enabled = true;
  if (const Node* e = m.get("enabled")) {
    if (!e->is_scalar() || (e->text != "true" && e->text != "false"))
      fail(*e, m.path_of("enabled"), "expected true or false");
    in.enabled = e->text == "true";
  }
  const auto section = [&](std::string_view key) -> const Node& {
    const Node* n = m.get(key);
    return n ? *n : empty_map();
  };
  read_applicants(section("applicants"), m.path_of("applicants"), in.applicants);
  read_beneficiaries(section("beneficiaries"), m.path_of("beneficiaries"), sc.segments,
                     in.beneficiaries);
  read_penalty(section("waiting_penalty"), m.path_of("waiting_penalty"), in.waiting_penalty);
  if (const Node* p = m.get("programme")) read_programme(*p, m.path_of("programme"), in.programme);
  read_tp(section("temporary_protection"), m.path_of("temporary_protection"), sc.time, sources,
          files_read, in.temporary_protection);
  read_family(section("family_reunification"), m.path_of("family_reunification"),
              in.family_reunification);
}

}  // namespace chainsim::config::build
