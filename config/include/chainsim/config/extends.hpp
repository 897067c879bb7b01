#pragma once
// `extends:`: a scenario may name a parent scenario; the parent is loaded first (recursively) and
// the child is deep-merged on top of it (see merge.hpp).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chainsim/config/node.hpp"

namespace chainsim::config {

inline constexpr int kMaxExtendsDepth = 16;

// The files a scenario was read from, and the directory each one's relative paths start from.
struct SourceFiles {
  std::vector<std::string> files;  // display names, in reading order, the scenario first
  std::map<std::string, std::filesystem::path> dirs;
  std::filesystem::path root_dir;  // the scenario's own directory (used for --set values)

  void add(const std::string& display, const std::filesystem::path& dir);
  // Directory for relative paths written in `display` (root_dir when unknown, e.g. "--set").
  std::filesystem::path dir_of(const std::string& display) const;

  // A path written in the file `written_in` (relative to that file), as a path to open and as a
  // display name relative to the scenario's display name (e.g. "scenarios/data.csv").
  struct Resolved {
    std::filesystem::path path;
    std::string display;
  };
  Resolved resolve(const std::string& written_in, const std::string& relative) const;
};

struct ResolvedDocument {
  Node root;  // the merged tree, without `extends`
  SourceFiles sources;
};

// Checks and parses `text` (named `display`; relative paths start at `base_dir`) and resolves its
// `extends` chain. `own_path` is the file's path when it was read from disk (for cycle
// detection). Throws InputError.
ResolvedDocument resolve_extends(std::string_view text, const std::string& display,
                                 const std::filesystem::path& base_dir,
                                 const std::optional<std::filesystem::path>& own_path);

}  // namespace chainsim::config
