#include "chainsim/config/extends.hpp"

#include <system_error>
#include <utility>

#include "chainsim/config/errors.hpp"
#include "chainsim/config/fields.hpp"
#include "chainsim/config/merge.hpp"
#include "chainsim/config/source_text.hpp"
#include "chainsim/config/yaml_io.hpp"

namespace chainsim::config {

namespace fs = std::filesystem;

namespace {

struct ChainLink {
  std::string display;
  fs::path canonical;  // empty for text that was not read from a file
};

fs::path canonical_or_absolute(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  if (ec) c = fs::absolute(p, ec).lexically_normal();
  return c;
}

// Each file must be a map; a file written for another schema is refused even if its child
// declares the right one.
void check_document(const Node& doc, const std::string& display) {
  if (doc.is_null()) throw InputError(display, 0, 0, "", "the scenario file is empty");
  if (!doc.is_map()) {
    fail(doc, "", "a scenario is a map of keys (schema:, name:, time:, ...), got " + describe(doc));
  }
  if (const Node* schema = doc.find("schema"); schema && !schema->is_null()) {
    const int version = read_integer(*schema, "schema");
    if (version != 1) {
      fail(*schema, "schema",
           "unsupported schema version " + std::to_string(version) + " (this chainsim reads 1)");
    }
  }
}

Node load_document(std::string_view text, const std::string& display, const fs::path& base_dir,
                   std::vector<ChainLink>& chain, SourceFiles& sources) {
  check_source_text(text, display);
  Node doc = parse_yaml(text, share_name(display));
  check_document(doc, display);

  const Node* ext = doc.find("extends");
  if (!ext || ext->is_null()) {
    doc.erase("extends");
    return doc;
  }
  const std::string rel = read_text(*ext, "extends");
  if (rel.empty()) fail(*ext, "extends", "expected the path of a scenario file, got empty text");
  const fs::path rel_path(rel);
  const fs::path parent_path = rel_path.is_absolute() ? rel_path : base_dir / rel_path;
  const std::string parent_display =
      rel_path.is_absolute()
          ? rel
          : (fs::path(display).parent_path() / rel_path).lexically_normal().string();
  const fs::path canonical = canonical_or_absolute(parent_path);

  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (!chain[i].canonical.empty() && chain[i].canonical == canonical) {
      std::string cycle;
      for (std::size_t k = i; k < chain.size(); ++k) cycle += chain[k].display + " → ";
      cycle += parent_display;
      fail(*ext, "extends", "extends cycle: " + cycle);
    }
  }
  if (static_cast<int>(chain.size()) > kMaxExtendsDepth) {
    fail(*ext, "extends",
         "extends chain is too long (more than " + std::to_string(kMaxExtendsDepth) + " files)");
  }

  std::optional<std::string> bytes = read_file_bytes(parent_path, parent_display);
  if (!bytes) {
    fail(*ext, "extends",
         "cannot open extended scenario '" + rel + "' (resolved to " +
             fs::absolute(parent_path).lexically_normal().string() + ")");
  }
  sources.add(parent_display, parent_path.parent_path());
  chain.push_back({parent_display, canonical});
  Node merged = load_document(*bytes, parent_display, parent_path.parent_path(), chain, sources);
  chain.pop_back();

  doc.erase("extends");
  deep_merge(merged, doc);
  return merged;
}

}  // namespace

void SourceFiles::add(const std::string& display, const fs::path& dir) {
  files.push_back(display);
  dirs.emplace(display, dir);
}

fs::path SourceFiles::dir_of(const std::string& display) const {
  const auto it = dirs.find(display);
  return it == dirs.end() ? root_dir : it->second;
}

SourceFiles::Resolved SourceFiles::resolve(const std::string& written_in,
                                           const std::string& relative) const {
  const fs::path rel(relative);
  if (rel.is_absolute()) return {rel, relative};
  const bool known = dirs.count(written_in) > 0;
  const std::string& display_base = known ? written_in : (files.empty() ? written_in : files[0]);
  return {dir_of(written_in) / rel,
          (fs::path(display_base).parent_path() / rel).lexically_normal().string()};
}

ResolvedDocument resolve_extends(std::string_view text, const std::string& display,
                                 const fs::path& base_dir,
                                 const std::optional<fs::path>& own_path) {
  ResolvedDocument out;
  out.sources.root_dir = base_dir;
  out.sources.add(display, base_dir);
  std::vector<ChainLink> chain{{display, own_path ? canonical_or_absolute(*own_path) : fs::path()}};
  out.root = load_document(text, display, base_dir, chain, out.sources);
  return out;
}

}  // namespace chainsim::config
