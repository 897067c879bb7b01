#include "chainsim/model/scenario_shape.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

#include "chainsim/model/parameters.hpp"

namespace chainsim {

namespace {

// The message is built only when the check fails: a run checks every shape once, and building
// the texts of the checks that pass cost more than the checks themselves.
template <class Message>
void require(bool ok, Message&& what) {
  if (!ok) throw std::invalid_argument("scenario: " + std::string(what()));
}

std::string count_text(std::size_t got, int wanted, const char* of) {
  return std::to_string(got) + " values for " + std::to_string(wanted) + " " + of;
}

// Per-segment values whose empty vector means "1 for every segment" (integration_chain.cpp).
constexpr std::string_view kMayBeEmpty[] = {"integration.beneficiaries.multipliers.activation",
                                            "integration.beneficiaries.multipliers.job_finding"};

bool may_be_empty(std::string_view path) {
  for (std::string_view p : kMayBeEmpty)
    if (p == path) return true;
  return false;
}

}  // namespace

void check_shapes(const Scenario& scenario) {
  const int segments = scenario.segments.size();
  const int profiles = scenario.segments.profile_count();
  // The catalogue's accessors only read here; they take a mutable scenario because policies
  // write through them.
  Scenario& readable = const_cast<Scenario&>(scenario);
  for (const ParamInfo& info : parameter_catalog()) {
    if (info.shape != ParamShape::segment) continue;
    const std::size_t n = info.access(readable, 0).size();
    if (n == 0 && may_be_empty(info.path)) continue;
    require(n == static_cast<std::size_t>(segments),
            [&] { return std::string(info.path) + " has " + count_text(n, segments, "segments"); });
  }
  for (const PlannedInflow& p : scenario.applications.planned)
    require(p.segment_share.size() == static_cast<std::size_t>(segments), [&] {
      return "planned inflow '" + p.name + "' has " + count_text(p.segment_share.size(), segments, "segments");
    });
  const Reception& r = scenario.reception;
  const int pools = static_cast<int>(r.pools.size());
  for (const Pool& p : r.pools)
    require(p.takes_profile.size() == static_cast<std::size_t>(profiles), [&] {
      return "pool '" + p.name + "' takes_profile has " + count_text(p.takes_profile.size(), profiles, "profiles");
    });
  for (int p : r.priority)
    require(p >= 0 && p < profiles, [&] {
      return "reception.priority names profile " + std::to_string(p) + " of " + std::to_string(profiles);
    });
  require(r.uam_profile >= -1 && r.uam_profile < profiles,
          [] { return "reception.uam_profile is outside the profiles"; });
  require(r.uam_age_out_pool >= -1 && r.uam_age_out_pool < pools,
          [] { return "reception.uam_age_out_pool is outside the pools"; });
  require(!r.capacity_rule.enabled || (r.capacity_rule.pool >= 0 && r.capacity_rule.pool < pools),
          [] { return "reception.capacity_rule.pool is outside the pools"; });
}

}  // namespace chainsim
