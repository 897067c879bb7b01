#include "chainsim/output/text_file.hpp"

#include <fstream>

#include "atomic_file.hpp"

namespace chainsim::output {

void write_text_file(const std::filesystem::path& path, std::string_view text) {
  detail::AtomicFile file(path);
  {
    std::ofstream out(file.temporary(), std::ios::binary | std::ios::trunc);
    if (!out) throw OutputError(path.string() + ": cannot create " + file.temporary().string());
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) throw OutputError(path.string() + ": cannot write the file");
  }
  file.commit();
}

}  // namespace chainsim::output
