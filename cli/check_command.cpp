#include <iostream>

#include "chainsim/config/load.hpp"
#include "chainsim/model/calendar.hpp"
#include "commands.hpp"

namespace chainsim::cli {

void add_check(CLI::App& app, CheckOptions& o) {
  CLI::App* cmd = app.add_subcommand("check", "Validate a scenario without running it");
  cmd->add_option("scenario", o.scenario, "Scenario YAML file")->required();
  cmd->add_option("--set", o.sets, "Override a scenario value: --set path=value (repeatable)");
  cmd->add_flag("--print", o.print_resolved, "Print the resolved scenario (after extends and --set)");
}

int check(const CheckOptions& o) {
  const config::LoadedScenario loaded = config::load_scenario(o.scenario, o.sets);
  const Scenario& s = loaded.scenario;
  const Calendar calendar(s.time);
  std::cout << "ok: scenario '" << s.name << "' (" << o.scenario << "): " << to_iso(s.time.start) << " to "
            << to_iso(s.time.end) << ", " << calendar.steps() << " steps of one " << to_string(s.time.step)
            << ", " << calendar.periods() << " reporting periods, " << s.segments.origin_count() << " origins x "
            << s.segments.profile_count() << " profiles = " << s.segments.size() << " segments, "
            << s.reception.pools.size() << " reception pools\n";
  if (o.print_resolved) std::cout << "\n" << loaded.resolved_yaml << '\n';
  return 0;
}

}  // namespace chainsim::cli
