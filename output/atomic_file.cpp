#include "atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <system_error>

#include "chainsim/output/output_error.hpp"

namespace chainsim::output::detail {

namespace {

// Best effort: make the data (or a directory entry) durable before relying on it.
void sync_path(const std::filesystem::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
  static std::atomic<unsigned> counter{0};
  std::string name(1, '.');  // built by appending: GCC 12 warns falsely (-Wrestrict) on "." + s
  name.append(target_.filename().string());
  name.append(".tmp-");
  name.append(std::to_string(::getpid()));
  name.append("-");
  name.append(std::to_string(counter.fetch_add(1)));
  temporary_ = target_.parent_path() / name;
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    std::error_code ec;
    std::filesystem::remove(temporary_, ec);
  }
}

void AtomicFile::commit() {
  sync_path(temporary_, O_RDONLY);
  std::error_code ec;
  std::filesystem::rename(temporary_, target_, ec);
  if (ec) {
    const std::string reason = ec.message();
    std::filesystem::remove(temporary_, ec);
    throw OutputError(target_.string() + ": cannot move the finished file into place: " + reason);
  }
  committed_ = true;
  const std::filesystem::path dir = target_.parent_path().empty() ? "." : target_.parent_path();
  sync_path(dir, O_RDONLY | O_DIRECTORY);
}

}  // namespace chainsim::output::detail
