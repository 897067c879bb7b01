#include "chainsim/config/load.hpp"

#include <filesystem>
#include <new>
#include <optional>
#include <utility>

#include "chainsim/config/extends.hpp"
#include "chainsim/config/overrides.hpp"
#include "chainsim/config/scenario_builder.hpp"
#include "chainsim/config/source_text.hpp"
#include "chainsim/config/yaml_io.hpp"

namespace chainsim::config {

namespace fs = std::filesystem;

namespace {

// A CSV path inherited from a parent in another directory would not resolve from the scenario's
// own directory; make it absolute so that the resolved YAML loads on its own.
void anchor_csv_file(Node* inflow, const SourceFiles& sources) {
  Node* csv = inflow ? inflow->find("csv") : nullptr;
  Node* file = csv ? csv->find("file") : nullptr;
  if (!file || !file->is_scalar() || file->text.empty()) return;
  if (fs::path(file->text).is_absolute()) return;
  const fs::path dir = sources.dir_of(file->loc.file_name());
  if (dir.lexically_normal() == sources.root_dir.lexically_normal()) return;
  file->text = fs::absolute(dir / file->text).lexically_normal().string();
}

// applications.csv and applications.planned.NAME.csv.
void anchor_csv_paths(Node& root, const SourceFiles& sources) {
  Node* apps = root.find("applications");
  anchor_csv_file(apps, sources);
  Node* planned = apps ? apps->find("planned") : nullptr;
  if (!planned || !planned->is_map()) return;
  for (Node& inflow : planned->children) anchor_csv_file(&inflow, sources);
}

LoadedScenario load(std::string_view text, const std::string& display, const fs::path& base_dir,
                    const std::optional<fs::path>& own_path,
                    const std::vector<std::string>& set_overrides) {
  ResolvedDocument doc = resolve_extends(text, display, base_dir, own_path);
  apply_set_overrides(doc.root, set_overrides);
  LoadedScenario out;
  out.files = doc.sources.files;
  out.scenario = build_scenario(doc.root, doc.sources, out.files);
  anchor_csv_paths(doc.root, doc.sources);
  out.resolved_yaml = emit_yaml(doc.root);
  return out;
}

}  // namespace

LoadedScenario load_scenario(const std::string& path,
                             const std::vector<std::string>& set_overrides) {
  const fs::path p(path);
  std::optional<std::string> bytes;
  try {
    bytes = read_file_bytes(p, path);
  } catch (const std::bad_alloc&) {
    throw InputError(path, 0, 0, "", "the file is too large to read");
  }
  if (!bytes) {
    std::error_code ec;
    const bool exists = fs::exists(p, ec);
    throw InputError(path, 0, 0, "",
                     exists ? (fs::is_directory(p, ec) ? "is a directory, not a scenario file"
                                                       : "cannot read the scenario file")
                            : "cannot open the scenario file: no such file");
  }
  return load(*bytes, path, p.parent_path(), p, set_overrides);
}

LoadedScenario load_scenario_text(const std::string& yaml_text, const std::string& display_name,
                                  const std::string& base_dir,
                                  const std::vector<std::string>& set_overrides) {
  return load(yaml_text, display_name, fs::path(base_dir), std::nullopt, set_overrides);
}

}  // namespace chainsim::config
