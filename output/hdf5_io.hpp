#pragma once
// A thin, exception-safe layer over the HDF5 C API, private to output/.
#include <hdf5.h>

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace chainsim::output::detail {

// The serial HDF5 library is not thread-safe: every public entry point of output/ that calls
// HDF5 holds a session, which serialises them and silences HDF5's own printing to stderr
// (errors are reported through OutputError instead), restoring the previous handler afterwards.
class Hdf5Session {
 public:
  Hdf5Session();
  ~Hdf5Session();
  Hdf5Session(const Hdf5Session&) = delete;
  Hdf5Session& operator=(const Hdf5Session&) = delete;

 private:
  std::unique_lock<std::mutex> lock_;
  H5E_auto2_t old_func_ = nullptr;
  void* old_data_ = nullptr;
};

// The innermost message of the current HDF5 error stack ("" if none).
std::string hdf5_error_message();

// An owned HDF5 identifier, closed by the matching H5?close function.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  ~Handle() { close(); }
  Handle(Handle&& other) noexcept : id_(other.id_), closer_(other.closer_) {
    other.id_ = H5I_INVALID_HID;
  }
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t get() const { return id_; }
  // Closes now; returns the status of the close (negative on failure; 0 if nothing was open).
  herr_t close();

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// Wraps a freshly returned identifier; throws OutputError("<what>: <HDF5 message>") if invalid.
Handle checked(hid_t id, Handle::Closer closer, const std::string& what);
void check(herr_t status, const std::string& what);

// Creation and opening, by kind of object.
// A new file (truncating) whose objects and root attributes list in the order written.
Handle create_ordered_file(const std::string& path);
Handle create_group(hid_t loc, const std::string& name);  // link creation order tracked
Handle open_group(hid_t loc, const std::string& name);
Handle open_dataset(hid_t loc, const std::string& name);
bool has_link(hid_t loc, const std::string& name);
// Names of the links in a group, in creation order when the group tracks it, else by name.
std::vector<std::string> link_names(hid_t group);

// Attributes. Strings are written as variable-length UTF-8 (h5py reads them as str); the reader
// accepts variable- and fixed-length strings.
void write_attribute(hid_t obj, const std::string& name, const std::string& value);
void write_attribute(hid_t obj, const std::string& name, int value);
void write_attribute(hid_t obj, const std::string& name, std::uint64_t value);
bool has_attribute(hid_t obj, const std::string& name);
std::string read_string_attribute(hid_t obj, const std::string& name);
long long read_integer_attribute(hid_t obj, const std::string& name);
std::uint64_t read_uint64_attribute(hid_t obj, const std::string& name);

// String datasets: a scalar variable-length UTF-8 string, a 1-d array of variable-length UTF-8
// strings, or a 1-d array of fixed-length ASCII strings of `width` bytes (null-padded).
// Each writer returns the new dataset, for its attributes.
Handle write_string_scalar(hid_t loc, const std::string& name, const std::string& value);
Handle write_string_array(hid_t loc, const std::string& name,
                          const std::vector<std::string>& values);
Handle write_fixed_string_array(hid_t loc, const std::string& name,
                                const std::vector<std::string>& values, std::size_t width);
// Reads any string dataset (scalar or 1-d, variable or fixed length) as a list of strings.
std::vector<std::string> read_strings(hid_t dataset);

// Float64 datasets of any rank (dims empty for a scalar).
Handle write_doubles(hid_t loc, const std::string& name, const std::vector<hsize_t>& dims,
                     const double* data);
std::vector<hsize_t> dataset_shape(hid_t dataset);
std::vector<double> read_doubles(hid_t dataset);

}  // namespace chainsim::output::detail
