#include "chainsim/calibration/unit_conversion.hpp"

namespace chainsim::calibration {

double mean_persons_per_case(const Scenario& scenario) {
  const SegmentValues& share = scenario.applications.segment_share;
  const SegmentValues& ppc = scenario.cgrs.persons_per_case;
  double cases_per_person = 0.0;
  for (std::size_t s = 0; s < share.size() && s < ppc.size(); ++s)
    cases_per_person += share[s] / ppc[s];
  return cases_per_person > 0.0 ? 1.0 / cases_per_person : 1.0;
}

double conversion_factor(const UnitConversion& c, const Scenario& scenario) {
  switch (c.kind) {
    case ConversionKind::none:
      return 1.0;
    case ConversionKind::cases_to_persons:
      return mean_persons_per_case(scenario);
    case ConversionKind::persons_to_cases:
      return 1.0 / mean_persons_per_case(scenario);
    case ConversionKind::share_to_percent:
      return 100.0;
    case ConversionKind::factor:
      return c.factor;
  }
  return 1.0;
}

std::optional<std::string> converted_unit(const UnitConversion& c, const std::string& model_unit) {
  switch (c.kind) {
    case ConversionKind::none:
      return model_unit;
    case ConversionKind::cases_to_persons:
      if (model_unit != "cases") return std::nullopt;
      return std::string("persons");
    case ConversionKind::persons_to_cases:
      if (model_unit != "persons") return std::nullopt;
      return std::string("cases");
    case ConversionKind::share_to_percent:
      if (model_unit != "1") return std::nullopt;
      return std::string("percent");
    case ConversionKind::factor:
      return c.unit.empty() ? model_unit : c.unit;
  }
  return std::nullopt;
}

std::string to_string(ConversionKind k) {
  switch (k) {
    case ConversionKind::none:
      return "none";
    case ConversionKind::cases_to_persons:
      return "cases_to_persons";
    case ConversionKind::persons_to_cases:
      return "persons_to_cases";
    case ConversionKind::share_to_percent:
      return "share_to_percent";
    case ConversionKind::factor:
      return "factor";
  }
  return "none";
}

std::string unit_mismatch_hint(const std::string& observed_unit, const std::string& model_unit) {
  if (model_unit == "cases" && observed_unit == "persons")
    return "the model series counts cases: add `convert: cases_to_persons`, or choose the series "
           "in persons";
  if (model_unit == "persons" && observed_unit == "cases")
    return "the model series counts persons: add `convert: persons_to_cases`, or choose the "
           "series in cases";
  if (model_unit == "1" && observed_unit == "percent")
    return "the model series is a share: add `convert: share_to_percent`";
  return "if the two units mean the same thing here, say so with `convert: {factor: 1, unit: " +
         observed_unit + "}`";
}

}  // namespace chainsim::calibration
