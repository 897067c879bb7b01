#include "hdf5_io.hpp"

#include <algorithm>

#include "chainsim/output/output_error.hpp"

namespace chainsim::output::detail {

namespace {

std::mutex& hdf5_mutex() {
  static std::mutex m;
  return m;
}

herr_t innermost_error(unsigned n, const H5E_error2_t* err, void* data) {
  if (n == 0 && err != nullptr && err->desc != nullptr)
    *static_cast<std::string*>(data) = err->desc;
  return 0;
}

// A variable-length string type, UTF-8 unless told otherwise.
Handle vlen_string_type(H5T_cset_t cset = H5T_CSET_UTF8) {
  Handle t = checked(H5Tcopy(H5T_C_S1), H5Tclose, "cannot create a string type");
  check(H5Tset_size(t.get(), H5T_VARIABLE), "cannot create a string type");
  check(H5Tset_cset(t.get(), cset), "cannot create a string type");
  return t;
}

Handle scalar_space() {
  return checked(H5Screate(H5S_SCALAR), H5Sclose, "cannot create a dataspace");
}

Handle simple_space(const std::vector<hsize_t>& dims) {
  if (dims.empty()) return scalar_space();
  return checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose,
                 "cannot create a dataspace");
}

std::size_t point_count(hid_t space) {
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  if (n < 0) throw OutputError("cannot read the size of a dataspace: " + hdf5_error_message());
  return static_cast<std::size_t>(n);
}

// Reads the strings held by an attribute or dataset of file type `type` and space `space`;
// `read(memtype, buffer)` performs the H5Aread or H5Dread.
template <class Read>
std::vector<std::string> read_string_values(hid_t type, hid_t space, const std::string& what,
                                            Read read) {
  if (H5Tget_class(type) != H5T_STRING) throw OutputError(what + " is not a string");
  const std::size_t n = point_count(space);
  std::vector<std::string> out;
  out.reserve(n);
  const htri_t variable = H5Tis_variable_str(type);
  if (variable < 0)
    throw OutputError("cannot read the type of " + what + ": " + hdf5_error_message());
  if (variable > 0) {
    Handle mem = vlen_string_type(H5Tget_cset(type));
    std::vector<char*> buffer(n, nullptr);
    if (n > 0) check(read(mem.get(), buffer.data()), "cannot read " + what);
    for (char* s : buffer) {
      out.emplace_back(s != nullptr ? s : "");
      if (s != nullptr) H5free_memory(s);
    }
    return out;
  }
  const std::size_t size = H5Tget_size(type);
  if (size == 0) throw OutputError("cannot read the type of " + what + ": " + hdf5_error_message());
  Handle mem = checked(H5Tcopy(type), H5Tclose, "cannot read " + what);
  const bool space_padded = H5Tget_strpad(type) == H5T_STR_SPACEPAD;
  std::vector<char> buffer(n * size, '\0');
  if (n > 0) check(read(mem.get(), buffer.data()), "cannot read " + what);
  for (std::size_t i = 0; i < n; ++i) {
    const char* first = buffer.data() + i * size;
    std::string s(first, std::find(first, first + size, '\0'));
    if (space_padded) s.erase(s.find_last_not_of(' ') + 1);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Hdf5Session::Hdf5Session() : lock_(hdf5_mutex()) {
  H5Eget_auto2(H5E_DEFAULT, &old_func_, &old_data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Hdf5Session::~Hdf5Session() {
  H5Eset_auto2(H5E_DEFAULT, old_func_, old_data_);
}

std::string hdf5_error_message() {
  std::string message;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost_error, &message);
  return message.empty() ? "HDF5 error" : message;
}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    close();
    id_ = other.id_;
    closer_ = other.closer_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}

herr_t Handle::close() {
  if (id_ < 0 || closer_ == nullptr) return 0;
  const herr_t status = closer_(id_);
  id_ = H5I_INVALID_HID;
  return status;
}

Handle checked(hid_t id, Handle::Closer closer, const std::string& what) {
  if (id < 0) throw OutputError(what + ": " + hdf5_error_message());
  return Handle(id, closer);
}

void check(herr_t status, const std::string& what) {
  if (status < 0) throw OutputError(what + ": " + hdf5_error_message());
}

Handle create_ordered_file(const std::string& path) {
  Handle fcpl = checked(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "cannot create a property list");
  check(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "cannot set link creation order");
  check(H5Pset_attr_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "cannot set attribute creation order");
  return checked(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), H5P_DEFAULT), H5Fclose,
                 "cannot create the temporary file " + path);
}

Handle create_group(hid_t loc, const std::string& name) {
  const std::string what = "cannot create group " + name;
  Handle gcpl = checked(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, what);
  check(H5Pset_link_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        what);
  return checked(H5Gcreate2(loc, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), H5Gclose,
                 what);
}

Handle open_group(hid_t loc, const std::string& name) {
  if (!has_link(loc, name)) throw OutputError("no group " + name);
  return checked(H5Gopen2(loc, name.c_str(), H5P_DEFAULT), H5Gclose, "cannot open group " + name);
}

Handle open_dataset(hid_t loc, const std::string& name) {
  if (!has_link(loc, name)) throw OutputError("no dataset " + name);
  return checked(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), H5Dclose, "cannot open dataset " + name);
}

bool has_link(hid_t loc, const std::string& name) {
  const htri_t exists = H5Lexists(loc, name.c_str(), H5P_DEFAULT);
  if (exists < 0) throw OutputError("cannot look up " + name + ": " + hdf5_error_message());
  return exists > 0;
}

std::vector<std::string> link_names(hid_t group) {
  H5G_info_t info;
  check(H5Gget_info(group, &info), "cannot list a group");
  Handle gcpl = checked(H5Gget_create_plist(group), H5Pclose, "cannot list a group");
  unsigned flags = 0;
  check(H5Pget_link_creation_order(gcpl.get(), &flags), "cannot list a group");
  const H5_index_t index =
      (flags & H5P_CRT_ORDER_TRACKED) != 0 ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t size =
        H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (size < 0) throw OutputError("cannot list a group: " + hdf5_error_message());
    std::vector<char> buffer(static_cast<std::size_t>(size) + 1, '\0');
    if (H5Lget_name_by_idx(group, ".", index, H5_ITER_INC, i, buffer.data(), buffer.size(),
                           H5P_DEFAULT) < 0)
      throw OutputError("cannot list a group: " + hdf5_error_message());
    names.emplace_back(buffer.data(), static_cast<std::size_t>(size));
  }
  return names;
}

namespace {

void write_attribute_raw(hid_t obj, const std::string& name, hid_t file_type, hid_t mem_type,
                         const void* data) {
  const std::string what = "cannot write attribute " + name;
  Handle space = scalar_space();
  Handle attr =
      checked(H5Acreate2(obj, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
              H5Aclose, what);
  check(H5Awrite(attr.get(), mem_type, data), what);
  check(attr.close(), what);
}

Handle open_attribute(hid_t obj, const std::string& name) {
  if (!has_attribute(obj, name)) throw OutputError("no attribute " + name);
  return checked(H5Aopen(obj, name.c_str(), H5P_DEFAULT), H5Aclose,
                 "cannot open attribute " + name);
}

Handle open_scalar_integer_attribute(hid_t obj, const std::string& name) {
  Handle attr = open_attribute(obj, name);
  Handle type = checked(H5Aget_type(attr.get()), H5Tclose, "cannot read attribute " + name);
  Handle space = checked(H5Aget_space(attr.get()), H5Sclose, "cannot read attribute " + name);
  if (H5Tget_class(type.get()) != H5T_INTEGER || point_count(space.get()) != 1)
    throw OutputError("attribute " + name + " is not a single integer");
  return attr;
}

}  // namespace

void write_attribute(hid_t obj, const std::string& name, const std::string& value) {
  Handle type = vlen_string_type();
  const char* text = value.c_str();
  write_attribute_raw(obj, name, type.get(), type.get(), &text);
}

void write_attribute(hid_t obj, const std::string& name, int value) {
  write_attribute_raw(obj, name, H5T_STD_I32LE, H5T_NATIVE_INT, &value);
}

void write_attribute(hid_t obj, const std::string& name, std::uint64_t value) {
  write_attribute_raw(obj, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, &value);
}

bool has_attribute(hid_t obj, const std::string& name) {
  const htri_t exists = H5Aexists(obj, name.c_str());
  if (exists < 0)
    throw OutputError("cannot look up attribute " + name + ": " + hdf5_error_message());
  return exists > 0;
}

std::string read_string_attribute(hid_t obj, const std::string& name) {
  Handle attr = open_attribute(obj, name);
  const std::string what = "attribute " + name;
  Handle type = checked(H5Aget_type(attr.get()), H5Tclose, "cannot read " + what);
  Handle space = checked(H5Aget_space(attr.get()), H5Sclose, "cannot read " + what);
  std::vector<std::string> values =
      read_string_values(type.get(), space.get(), what,
                         [&](hid_t mem, void* buffer) { return H5Aread(attr.get(), mem, buffer); });
  if (values.size() != 1) throw OutputError(what + " is not a single string");
  return values.front();
}

long long read_integer_attribute(hid_t obj, const std::string& name) {
  Handle attr = open_scalar_integer_attribute(obj, name);
  long long value = 0;
  check(H5Aread(attr.get(), H5T_NATIVE_LLONG, &value), "cannot read attribute " + name);
  return value;
}

std::uint64_t read_uint64_attribute(hid_t obj, const std::string& name) {
  Handle attr = open_scalar_integer_attribute(obj, name);
  std::uint64_t value = 0;
  check(H5Aread(attr.get(), H5T_NATIVE_UINT64, &value), "cannot read attribute " + name);
  return value;
}

Handle write_string_scalar(hid_t loc, const std::string& name, const std::string& value) {
  const std::string what = "cannot write dataset " + name;
  Handle type = vlen_string_type();
  Handle space = scalar_space();
  Handle ds = checked(
      H5Dcreate2(loc, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      H5Dclose, what);
  const char* text = value.c_str();
  check(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &text), what);
  return ds;
}

Handle write_string_array(hid_t loc, const std::string& name,
                          const std::vector<std::string>& values) {
  const std::string what = "cannot write dataset " + name;
  Handle type = vlen_string_type();
  Handle space = simple_space({values.size()});
  Handle ds = checked(
      H5Dcreate2(loc, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      H5Dclose, what);
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const std::string& v : values) pointers.push_back(v.c_str());
  if (!values.empty())
    check(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), what);
  return ds;
}

Handle write_fixed_string_array(hid_t loc, const std::string& name,
                                const std::vector<std::string>& values, std::size_t width) {
  const std::string what = "cannot write dataset " + name;
  Handle type = checked(H5Tcopy(H5T_C_S1), H5Tclose, what);
  check(H5Tset_size(type.get(), width), what);
  check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), what);
  check(H5Tset_cset(type.get(), H5T_CSET_ASCII), what);
  Handle space = simple_space({values.size()});
  Handle ds = checked(
      H5Dcreate2(loc, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      H5Dclose, what);
  std::vector<char> buffer(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (values[i].size() > width)
      throw OutputError(what + ": '" + values[i] + "' is longer than " + std::to_string(width));
    std::copy(values[i].begin(), values[i].end(),
              buffer.begin() + static_cast<std::ptrdiff_t>(i * width));
  }
  if (!values.empty())
    check(H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()), what);
  return ds;
}

std::vector<std::string> read_strings(hid_t dataset) {
  Handle type = checked(H5Dget_type(dataset), H5Tclose, "cannot read a string dataset");
  Handle space = checked(H5Dget_space(dataset), H5Sclose, "cannot read a string dataset");
  if (H5Sget_simple_extent_ndims(space.get()) > 1)
    throw OutputError("a string dataset has more than one dimension");
  return read_string_values(type.get(), space.get(), "a string dataset",
                            [&](hid_t mem, void* buffer) {
                              return H5Dread(dataset, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
                            });
}

Handle write_doubles(hid_t loc, const std::string& name, const std::vector<hsize_t>& dims,
                     const double* data) {
  const std::string what = "cannot write dataset " + name;
  Handle space = simple_space(dims);
  Handle ds = checked(H5Dcreate2(loc, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                                 H5P_DEFAULT, H5P_DEFAULT),
                      H5Dclose, what);
  if (point_count(space.get()) > 0)
    check(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), what);
  return ds;
}

std::vector<hsize_t> dataset_shape(hid_t dataset) {
  Handle space = checked(H5Dget_space(dataset), H5Sclose, "cannot read a dataset's shape");
  const int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 0) throw OutputError("cannot read a dataset's shape: " + hdf5_error_message());
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0)
    check(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0 ? -1 : 0,
          "cannot read a dataset's shape");
  return dims;
}

std::vector<double> read_doubles(hid_t dataset) {
  Handle type = checked(H5Dget_type(dataset), H5Tclose, "cannot read a numeric dataset");
  const H5T_class_t cls = H5Tget_class(type.get());
  if (cls != H5T_FLOAT && cls != H5T_INTEGER) throw OutputError("dataset is not numeric");
  Handle space = checked(H5Dget_space(dataset), H5Sclose, "cannot read a numeric dataset");
  std::vector<double> values(point_count(space.get()));
  if (!values.empty())
    check(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          "cannot read a numeric dataset");
  return values;
}

}  // namespace chainsim::output::detail
