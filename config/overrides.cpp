#include "chainsim/config/overrides.hpp"

#include <utility>

#include "chainsim/config/errors.hpp"
#include "chainsim/config/merge.hpp"
#include "chainsim/config/source_text.hpp"
#include "chainsim/config/yaml_io.hpp"

namespace chainsim::config {

namespace {

constexpr const char* kSetExample = "write --set path=value, e.g. --set cgrs.officers=320";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

[[noreturn]] void set_error(std::string key_path, std::string message,
                            std::string hint = kSetExample) {
  throw InputError(kSetFile, 0, 0, std::move(key_path), std::move(message), std::move(hint));
}

std::string dotted(const std::vector<std::string>& path, std::size_t upto) {
  std::string out;
  for (std::size_t i = 0; i < upto && i < path.size(); ++i) out = join_path(out, path[i]);
  return out;
}

}  // namespace

SetOverride parse_set_override(std::string_view text) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    set_error("", "malformed override '" + std::string(text) + "': no '='");
  }
  const std::string_view path_text = trim(text.substr(0, eq));
  if (path_text.empty()) {
    set_error("", "malformed override '" + std::string(text) + "': the path before '=' is empty");
  }
  SetOverride out;
  std::size_t begin = 0;
  while (true) {
    const std::size_t dot = path_text.find('.', begin);
    const std::string_view part = path_text.substr(
        begin, dot == std::string_view::npos ? std::string_view::npos : dot - begin);
    if (trim(part).empty()) {
      set_error(std::string(path_text),
                "malformed override '" + std::string(text) + "': empty part in the path");
    }
    out.path.emplace_back(trim(part));
    if (dot == std::string_view::npos) break;
    begin = dot + 1;
  }
  const std::string key_path = dotted(out.path, out.path.size());
  if (out.path.front() == "extends") {
    set_error(key_path, "extends cannot be set from the command line",
              "write a small scenario file that extends the other one");
  }

  const std::string_view value_text = text.substr(eq + 1);
  try {
    check_source_text(value_text, kSetFile);
    out.value = parse_yaml(value_text, share_name(kSetFile));
  } catch (const InputError& e) {
    set_error(key_path, "invalid value '" + std::string(value_text) + "': " + e.message, e.hint);
  }
  relocate(out.value, make_location(share_name(kSetFile), 0, 0));
  return out;
}

void apply_set_override(Node& root, const SetOverride& override_) {
  const Location here = make_location(share_name(kSetFile), 0, 0);
  Node* map = &root;
  for (std::size_t i = 0; i + 1 < override_.path.size(); ++i) {
    Node* next = map->find(override_.path[i]);
    if (!next) {
      Node created;
      created.kind = NodeKind::map;
      created.key = override_.path[i];
      created.loc = here;
      created.key_loc = here;
      map->children.push_back(std::move(created));
      next = &map->children.back();
    } else if (next->is_null()) {
      next->kind = NodeKind::map;
      next->loc = here;
    } else if (!next->is_map()) {
      set_error(dotted(override_.path, override_.path.size()),
                "cannot set inside " + dotted(override_.path, i + 1) + ": it is " +
                    describe(*next) + ", not a map",
                "set the whole value instead: --set " + dotted(override_.path, i + 1) + "=...");
    }
    map = next;
  }
  // Reuse the merge rules: the override is a one-key overlay on the innermost map.
  Node overlay;
  overlay.kind = NodeKind::map;
  overlay.loc = map->loc;
  overlay.key_loc = map->key_loc;
  Node value = override_.value;
  value.key = override_.path.back();
  value.key_loc = here;
  overlay.children.push_back(std::move(value));
  const Location keep_loc = map->loc, keep_key_loc = map->key_loc;
  deep_merge(*map, overlay);
  map->loc = keep_loc;
  map->key_loc = keep_key_loc;
}

void apply_set_overrides(Node& root, const std::vector<std::string>& overrides) {
  for (const std::string& text : overrides) apply_set_override(root, parse_set_override(text));
}

}  // namespace chainsim::config
