#include "chainsim/output/hdf5_tables.hpp"

#include <system_error>

#include "atomic_file.hpp"
#include "hdf5_io.hpp"

namespace chainsim::output {

namespace {

using detail::check;
using detail::checked;
using detail::Handle;

// Opens (creating as needed) every group of "a/b/c"; returns the innermost.
Handle open_groups(hid_t file, const std::string& path) {
  Handle current;
  hid_t at = file;
  std::size_t start = 0;
  while (start < path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::string name =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    Handle next =
        detail::has_link(at, name) ? detail::open_group(at, name) : detail::create_group(at, name);
    current = std::move(next);
    at = current.get();
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return current;
}

void write_attributes(hid_t obj, const Attributes& attributes) {
  for (const auto& [name, value] : attributes) detail::write_attribute(obj, name, value);
}

void write_dataset(hid_t file, const TableDataset& d) {
  const std::size_t slash = d.path.rfind('/');
  Handle group = slash == std::string::npos ? Handle() : open_groups(file, d.path.substr(0, slash));
  const hid_t at = slash == std::string::npos ? file : group.get();
  const std::string name = slash == std::string::npos ? d.path : d.path.substr(slash + 1);
  Handle ds = d.is_text ? detail::write_string_array(at, name, d.strings)
                        : detail::write_doubles(at, name, {static_cast<hsize_t>(d.numbers.size())},
                                                d.numbers.data());
  write_attributes(ds.get(), d.attributes);
}

void write_file(const std::filesystem::path& file_path, const TableFile& contents) {
  Handle file = detail::create_ordered_file(file_path.string());
  write_attributes(file.get(), contents.root_attributes);
  for (const TableGroup& g : contents.groups) {
    Handle group = open_groups(file.get(), g.path);
    write_attributes(group.get(), g.attributes);
  }
  for (const TableDataset& d : contents.datasets) write_dataset(file.get(), d);
  check(file.close(), "cannot close the temporary file " + file_path.string());
}

}  // namespace

void write_hdf5_tables(const std::filesystem::path& path, const TableFile& contents) {
  const std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw OutputError(path.string() + ": directory " + dir.string() + " does not exist");
  detail::Hdf5Session session;
  detail::AtomicFile out(path);
  try {
    write_file(out.temporary(), contents);
  } catch (const OutputError& e) {
    throw OutputError(path.string() + ": not written: " + e.what());
  }
  out.commit();
}

}  // namespace chainsim::output
