// Reads a result file written by write_hdf5 back into Results and RunMetadata.
#include <system_error>

#include "chainsim/output/hdf5_results.hpp"
#include "hdf5_io.hpp"
#include "results_check.hpp"

namespace chainsim::output {

namespace {

using detail::checked;
using detail::Handle;

std::vector<std::string> read_labels(hid_t dims, const std::string& name) {
  Handle ds = detail::open_dataset(dims, name);
  return detail::read_strings(ds.get());
}

std::string shape_text(const std::vector<hsize_t>& shape) {
  std::string s = "[";
  for (std::size_t i = 0; i < shape.size(); ++i)
    s += (i > 0 ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

SeriesSpec read_series(hid_t group, const std::string& name, RunLayout& layout,
                       std::vector<double>& values) {
  const std::string where = "/series/" + name;
  Handle ds = detail::open_dataset(group, name);
  SeriesSpec spec;
  spec.name = name;
  spec.unit = detail::read_string_attribute(ds.get(), "unit");
  spec.description = detail::read_string_attribute(ds.get(), "description");
  const std::string kind = detail::read_string_attribute(ds.get(), "kind");
  const std::optional<SeriesKind> k = detail::parse_kind(kind);
  if (!k) throw OutputError(where + ": unknown kind '" + kind + "' (expected stock, flow or rate)");
  spec.kind = *k;
  const std::string dims = detail::read_string_attribute(ds.get(), "dims");
  const std::optional<SeriesDim> d = detail::parse_dims_attribute(dims);
  if (!d)
    throw OutputError(where + ": unknown dims '" + dims +
                      "' (expected time, time,segment or time,pool)");
  spec.dim = *d;

  std::vector<hsize_t> expected{static_cast<hsize_t>(layout.period_ends.size())};
  if (spec.dim != SeriesDim::total)
    expected.push_back(static_cast<hsize_t>(detail::expected_width(layout, spec.dim)));
  const std::vector<hsize_t> shape = detail::dataset_shape(ds.get());
  if (shape != expected)
    throw OutputError(where + ": shape " + shape_text(shape) + " does not match its dims " + dims +
                      " " + shape_text(expected));
  values = detail::read_doubles(ds.get());
  return spec;
}

Kpi read_kpi(hid_t group, const std::string& name) {
  Handle ds = detail::open_dataset(group, name);
  Kpi k;
  k.name = name;
  k.unit = detail::read_string_attribute(ds.get(), "unit");
  k.description = detail::read_string_attribute(ds.get(), "description");
  const std::vector<double> v = detail::read_doubles(ds.get());
  if (v.size() != 1) throw OutputError("/kpi/" + name + " is not a single number");
  k.value = v.front();
  return k;
}

StoredRun read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw OutputError("no such file");
  if (std::filesystem::is_directory(path, ec))
    throw OutputError("is a directory, not a result file");
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 < 0) throw OutputError("cannot read the file: " + detail::hdf5_error_message());
  if (is_hdf5 == 0)
    throw OutputError("not an HDF5 file (expected a chainsim result written by 'chainsim run')");
  Handle file =
      checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "cannot open the file");

  StoredRun run;
  if (!detail::has_attribute(file.get(), "format_version"))
    throw OutputError("not a chainsim result file (no format_version attribute)");
  const long long version = detail::read_integer_attribute(file.get(), "format_version");
  if (version != kFormatVersion)
    throw OutputError("unsupported format_version " + std::to_string(version) +
                      " (this chainsim reads version " + std::to_string(kFormatVersion) + ")");
  run.format_version = static_cast<int>(version);

  RunMetadata& meta = run.meta;
  meta.chainsim_version = detail::read_string_attribute(file.get(), "chainsim_version");
  meta.git_commit = detail::read_string_attribute(file.get(), "git_commit");
  meta.created_utc = detail::read_string_attribute(file.get(), "created_utc");
  meta.scenario_name = detail::read_string_attribute(file.get(), "scenario_name");
  meta.scenario_file = detail::read_string_attribute(file.get(), "scenario_file");
  meta.seed = detail::read_uint64_attribute(file.get(), "seed");
  {
    Handle ds = detail::open_dataset(file.get(), "scenario");
    const std::vector<std::string> text = detail::read_strings(ds.get());
    if (text.size() != 1) throw OutputError("/scenario is not a single string");
    meta.resolved_yaml = text.front();
  }

  Results& results = run.results;
  RunLayout& layout = results.layout;
  layout.scenario_name = meta.scenario_name;
  {
    Handle ds = detail::open_dataset(file.get(), "time");
    for (const std::string& text : detail::read_strings(ds.get())) {
      const std::optional<Date> d = parse_iso_date(text);
      if (!d) throw OutputError("/time: '" + text + "' is not a date YYYY-MM-DD");
      layout.period_ends.push_back(*d);
    }
  }
  {
    Handle dims = detail::open_group(file.get(), "dims");
    layout.segments = read_labels(dims.get(), "segment");
    layout.origins = read_labels(dims.get(), "origin");
    layout.profiles = read_labels(dims.get(), "profile");
    layout.pools = read_labels(dims.get(), "pool");
    // Files written before the integration block have no years dimension.
    if (detail::has_link(dims.get(), "years_since_status"))
      layout.years_since_status = read_labels(dims.get(), "years_since_status");
  }
  {
    Handle group = detail::open_group(file.get(), "series");
    for (const std::string& name : detail::link_names(group.get())) {
      std::vector<double> values;
      layout.series.push_back(read_series(group.get(), name, layout, values));
      results.values.push_back(std::move(values));
    }
  }
  {
    Handle group = detail::open_group(file.get(), "kpi");
    for (const std::string& name : detail::link_names(group.get()))
      results.kpis.push_back(read_kpi(group.get(), name));
  }
  detail::recompute_layout(layout);
  return run;
}

}  // namespace

StoredRun read_hdf5(const std::filesystem::path& path) {
  detail::Hdf5Session session;
  try {
    return read_file(path);
  } catch (const OutputError& e) {
    throw OutputError(path.string() + ": " + e.what());
  }
}

}  // namespace chainsim::output
