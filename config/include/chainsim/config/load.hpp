#pragma once
// The loader's entry points: a YAML scenario (with its `extends` chain and --set overrides) ->
// one immutable, fully typed chainsim::Scenario, plus the resolved YAML stored with results.
#include <string>
#include <vector>

#include "chainsim/config/errors.hpp"  // InputError: every user error, with file:line:column
#include "chainsim/model/scenario.hpp"

namespace chainsim::config {

struct LoadedScenario {
  Scenario scenario;
  // The fully merged document (after extends and --set), as YAML text; defaults are not filled
  // in. Loading it again gives the same Scenario. Stored in every result file.
  std::string resolved_yaml;
  std::vector<std::string> files;  // every file read, the scenario first
};

// Loads the scenario file at `path`, resolves `extends` (relative to each file), applies
// `set_overrides` ("path=value", in order), validates and converts. Throws InputError.
LoadedScenario load_scenario(const std::string& path,
                             const std::vector<std::string>& set_overrides = {});

// Same from text (tests): `display_name` names the text in errors; `extends` and CSV files are
// resolved relative to `base_dir`.
LoadedScenario load_scenario_text(const std::string& yaml_text, const std::string& display_name,
                                  const std::string& base_dir,
                                  const std::vector<std::string>& set_overrides = {});

}  // namespace chainsim::config
