#pragma once
// Atomic replacement of a file: write a temporary in the same directory, then rename it over the
// target. A failed or interrupted write never leaves a half-written file where a good one was.
#include <filesystem>

namespace chainsim::output::detail {

class AtomicFile {
 public:
  // Chooses the temporary "<dir>/.<name>.tmp-<pid>-<n>"; creates nothing yet.
  explicit AtomicFile(std::filesystem::path target);
  // Removes the temporary unless commit() succeeded.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& temporary() const { return temporary_; }
  // Flushes the closed temporary to disk and renames it over the target; throws OutputError
  // (and removes the temporary) on failure.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  bool committed_ = false;
};

}  // namespace chainsim::output::detail
