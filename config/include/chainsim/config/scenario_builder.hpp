#pragma once
// Validation and conversion: the merged YAML tree -> the typed chainsim::Scenario. Every key,
// default and bound of schema 1 lives here and in the section readers it calls
// (build_procedure.cpp, build_reception.cpp, policies.cpp), and in docs/scenario-reference.md.
#include <string>
#include <vector>

#include "chainsim/config/extends.hpp"
#include "chainsim/config/node.hpp"
#include "chainsim/model/scenario.hpp"

namespace chainsim::config {

inline constexpr std::size_t kMaxNameLength = 64;
inline constexpr int kMaxHorizonYears = 200;
inline constexpr int kFirstYear = 1900;  // dates outside these years are refused
inline constexpr int kLastYear = 2999;
inline constexpr double kShareSumTolerance = 1e-6;

// Builds the scenario from the merged tree (`extends` already resolved, --set applied).
// `sources` resolves relative paths (CSV files); files read are appended to `files_read`.
// Throws InputError at the offending node.
Scenario build_scenario(const Node& root, const SourceFiles& sources,
                        std::vector<std::string>& files_read);

}  // namespace chainsim::config
