#pragma once
// Converting a model series into the unit of an observed series before they are compared.
#include <optional>
#include <string>

#include "chainsim/model/scenario.hpp"

namespace chainsim::calibration {

enum class ConversionKind {
  none,              // model value as it is
  cases_to_persons,  // model cases x persons per case (unit "cases" -> "persons")
  persons_to_cases,  // model persons / persons per case ("persons" -> "cases")
  share_to_percent,  // model share x 100 ("1" -> "percent")
  factor,            // model value x factor; the unit becomes `unit` (or stays the model's)
};

struct UnitConversion {
  ConversionKind kind = ConversionKind::none;
  double factor = 1.0;  // for ConversionKind::factor
  std::string unit;     // for ConversionKind::factor: the unit after conversion ("" = unchanged)
};

// Persons per case of the scenario as a whole, as the model counts cases: a stock of persons P
// spread over segments like the applications (shares w_s) is P * sum_s w_s / ppc_s cases, so the
// average is the share-weighted harmonic mean 1 / sum_s (w_s / ppc_s).
double mean_persons_per_case(const Scenario& scenario);

// The multiplier the conversion applies to model values (it depends on the scenario for the
// persons/cases conversions).
double conversion_factor(const UnitConversion& c, const Scenario& scenario);

// The unit of the converted series, or nullopt when the conversion does not apply to a series in
// `model_unit` (cases_to_persons on persons, ...).
std::optional<std::string> converted_unit(const UnitConversion& c, const std::string& model_unit);

// "cases_to_persons", ...
std::string to_string(ConversionKind k);

// A hint for an observed unit that differs from the (converted) model unit, e.g.
// "the model counts cases: add `convert: cases_to_persons`"; "" when none applies.
std::string unit_mismatch_hint(const std::string& observed_unit, const std::string& model_unit);

}  // namespace chainsim::calibration
