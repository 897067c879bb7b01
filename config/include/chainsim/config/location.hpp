#pragma once
// Where a piece of a scenario came from: file, line and column (1-based; 0 = unknown).
#include <memory>
#include <string>

namespace chainsim::config {

struct Location {
  // Shared by every node of one file, so a large tree does not copy the path per node.
  std::shared_ptr<const std::string> file;
  int line = 0;
  int column = 0;

  const std::string& file_name() const;
};

// A location in `file` (shared), 1-based line and column.
Location make_location(const std::shared_ptr<const std::string>& file, int line, int column);
std::shared_ptr<const std::string> share_name(std::string name);

}  // namespace chainsim::config
