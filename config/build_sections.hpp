#pragma once
// Internal to config/: the sections of build_scenario, split by stage, and the helpers they
// share. Each reader fills its part of the Scenario from one YAML map and throws InputError at
// the offending node. Absent optional sections are read as an empty map (all defaults).
#include <string>
#include <string_view>
#include <vector>

#include "chainsim/config/extends.hpp"
#include "chainsim/config/fields.hpp"
#include "chainsim/config/node.hpp"
#include "chainsim/config/segment_values.hpp"
#include "chainsim/model/scenario.hpp"

namespace chainsim::config::build {

// Per-segment sums of outcome shares may exceed 1 by this much (rounding in YAML values).
inline constexpr double kOutcomeSumTolerance = 1e-9;

bool is_name(std::string_view s, bool allow_dot);
std::string format_value(double v);  // "%.9g"

// An empty map at the location of nothing: read in place of an absent optional section.
const Node& empty_map();

// The segment value under `key`, or `fallback` for every segment when the key is absent.
SegmentValues segment_values_or(const MapReader& map, std::string_view key, const SegmentSet& set,
                                const Bounds& bounds, double fallback,
                                const SegmentValueForms& forms = {});

// Shares that split one group of persons: their per-segment sum must be <= 1 (the rest being
// `rest`, e.g. "refusal"). Fails at `at` (a map's key) naming the first segment over 1.
struct ShareTerm {
  std::string name;
  const SegmentValues* values;
};
void check_share_sum(const Node& at, const std::string& path, const SegmentSet& set,
                     const std::vector<ShareTerm>& terms, const std::string& rest);

// A pool name -> index in sc.reception.pools (unknown -> error with did-you-mean).
int read_pool_name(const Node& node, const std::string& path, const Reception& reception);

// A list of profile names, each at most once.
std::vector<int> read_profile_list(const Node& node, const std::string& path,
                                   const SegmentSet& set);

void read_registration(const Node& node, Scenario& sc);
void read_dublin(const Node& node, Scenario& sc);
void read_cgrs(const Node& node, Scenario& sc);
void read_call(const Node& node, const SourceFiles& sources, std::vector<std::string>& files_read,
               Scenario& sc);
void read_returns(const Node& node, Scenario& sc);
void read_reception(const Node& node, Scenario& sc);
// The optional `integration` section (labour market, programme, TP, family reunification);
// `sources`/`files_read` for the TP grants given as a CSV file.
void read_integration(const Node& node, const SourceFiles& sources,
                      std::vector<std::string>& files_read, Scenario& sc);

}  // namespace chainsim::config::build
