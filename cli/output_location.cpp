#include "output_location.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "chainsim/output/output_error.hpp"

namespace chainsim::cli {

namespace fs = std::filesystem;

void check_writable_folder(const fs::path& dir) {
  const fs::path folder = dir.empty() ? fs::path(".") : dir;
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec)
    throw output::OutputError("cannot create the output folder " + folder.string() + ": " +
                              ec.message());
  if (!fs::is_directory(folder))
    throw output::OutputError("the output folder " + folder.string() + " is not a folder");
  // The outputs are written to temporary files in the folder and renamed: creating one is the
  // test (permissions alone do not tell, e.g. a read-only file system).
  std::string probe = (folder / ".chainsim-write-check-XXXXXX").string();
  const int fd = ::mkstemp(probe.data());
  if (fd < 0)
    throw output::OutputError("cannot write in the output folder " + folder.string() + ": " +
                              std::strerror(errno));
  ::close(fd);
  ::unlink(probe.c_str());
}

}  // namespace chainsim::cli
