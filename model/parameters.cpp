#include "chainsim/model/parameters.hpp"

#include <array>

namespace chainsim {

namespace {

std::span<double> one(double& v) { return {&v, 1}; }
std::span<double> all(SegmentValues& v) { return {v.data(), v.size()}; }

constexpr double kInf = 1e300;

// Data, not code: every addressable parameter. Bounds are the loader's bounds.
const std::array kCatalog = {
    ParamInfo{"cgrs.officers", ParamShape::scalar, ParamCollection::none, "FTE", 0, kInf,
              "Protection officers (full-time equivalents)",
              [](Scenario& s, int) { return one(s.cgrs.officers); }},
    ParamInfo{"cgrs.decisions_per_officer_per_month", ParamShape::scalar, ParamCollection::none,
              "cases/officer/month", 0, kInf, "Decisions per officer per month",
              [](Scenario& s, int) { return one(s.cgrs.decisions_per_officer_per_month); }},
    ParamInfo{"cgrs.persons_per_case", ParamShape::segment, ParamCollection::none, "persons/case", 1,
              20, "Persons per case (file)", [](Scenario& s, int) { return all(s.cgrs.persons_per_case); }},
    ParamInfo{"cgrs.positive_share", ParamShape::segment, ParamCollection::none, "1", 0, 1,
              "Share of decided persons granted protection",
              [](Scenario& s, int) { return all(s.cgrs.positive_share); }},
    ParamInfo{"reception.saturation", ParamShape::scalar, ParamCollection::none, "1", 0, 1,
              "Usable share of the places", [](Scenario& s, int) { return one(s.reception.saturation); }},
    ParamInfo{"reception.ask_share", ParamShape::segment, ParamCollection::none, "1", 0, 1,
              "Share of applicants asking for reception",
              [](Scenario& s, int) { return all(s.reception.ask_share); }},
    ParamInfo{"reception.pools.*.capacity", ParamShape::scalar, ParamCollection::pools, "places", 0, kInf,
              "Places of a pool", [](Scenario& s, int i) { return one(s.reception.pools[i].capacity); }},
    ParamInfo{"reception.pools.*.cost_per_place_day", ParamShape::scalar, ParamCollection::pools,
              "EUR/place/day", 0, kInf, "Cost of a place per day",
              [](Scenario& s, int i) { return one(s.reception.pools[i].cost_per_place_day); }},
};

}  // namespace

std::span<const ParamInfo> parameter_catalog() { return kCatalog; }

ParamRef resolve_parameter(std::string_view path, const Scenario& scenario) {
  for (const ParamInfo& info : kCatalog) {
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

std::vector<std::string> parameter_paths(const Scenario& scenario) {
  std::vector<std::string> out;
  for (const ParamInfo& info : kCatalog) {
    if (info.collection == ParamCollection::none) {
      out.emplace_back(info.path);
      continue;
    }
    const std::string pattern(info.path);
    const std::size_t star = pattern.find('*');
    for (const Pool& p : scenario.reception.pools)
      out.push_back(pattern.substr(0, star) + p.name + pattern.substr(star + 1));
  }
  return out;
}

}  // namespace chainsim
