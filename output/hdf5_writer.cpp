// Writes a run's Results to the HDF5 layout of docs/hdf5-layout.md (format version 1).
#include <system_error>

#include "atomic_file.hpp"
#include "chainsim/output/hdf5_results.hpp"
#include "hdf5_io.hpp"
#include "results_check.hpp"

namespace chainsim::output {

namespace {

using detail::check;
using detail::checked;
using detail::Handle;
using detail::write_attribute;

constexpr std::size_t kDateWidth = 10;  // YYYY-MM-DD

void write_labels(hid_t dims, const std::string& name, const std::vector<std::string>& labels,
                  const std::string& description) {
  Handle ds = detail::write_string_array(dims, name, labels);
  write_attribute(ds.get(), "description", description);
}

void write_contents(hid_t file, const Results& results, const RunMetadata& meta) {
  const RunLayout& l = results.layout;
  write_attribute(file, "format_version", kFormatVersion);
  write_attribute(file, "chainsim_version", meta.chainsim_version);
  write_attribute(file, "git_commit", meta.git_commit);
  write_attribute(file, "created_utc", meta.created_utc);
  write_attribute(file, "scenario_name",
                  meta.scenario_name.empty() ? l.scenario_name : meta.scenario_name);
  write_attribute(file, "scenario_file", meta.scenario_file);
  write_attribute(file, "seed", meta.seed);

  {
    Handle ds = detail::write_string_scalar(file, "scenario", meta.resolved_yaml);
    write_attribute(ds.get(), "description",
                    std::string("the fully resolved scenario (YAML) of this run"));
  }
  {
    std::vector<std::string> dates;
    dates.reserve(l.period_ends.size());
    for (const Date& d : l.period_ends) dates.push_back(to_iso(d));
    Handle ds = detail::write_fixed_string_array(file, "time", dates, kDateWidth);
    write_attribute(
        ds.get(), "description",
        std::string(
            "end of each reporting period (its last day, inclusive), YYYY-MM-DD; stocks are "
            "sampled on this day, flows summed over the period"));
  }
  {
    Handle dims = detail::create_group(file, "dims");
    write_labels(
        dims.get(), "segment", l.segments,
        "segment labels (origin/profile), the column order of series with dims time,segment");
    write_labels(dims.get(), "origin", l.origins, "origin groups");
    write_labels(dims.get(), "profile", l.profiles, "household profiles");
    write_labels(dims.get(), "pool", l.pools,
                 "reception pools, the column order of series with dims time,pool");
    write_labels(dims.get(), "years_since_status", l.years_since_status,
                 "years since protection status (15 = 15 or more), the column order of series with "
                 "dims time,years_since_status");
  }
  {
    Handle series = detail::create_group(file, "series");
    const auto periods = static_cast<hsize_t>(l.period_ends.size());
    for (std::size_t i = 0; i < l.series.size(); ++i) {
      const SeriesSpec& spec = l.series[i];
      std::vector<hsize_t> shape{periods};
      if (spec.dim != SeriesDim::total) shape.push_back(static_cast<hsize_t>(l.width[i]));
      Handle ds = detail::write_doubles(series.get(), spec.name, shape, results.values[i].data());
      write_attribute(ds.get(), "unit", spec.unit);
      write_attribute(ds.get(), "kind", to_string(spec.kind));
      write_attribute(ds.get(), "description", spec.description);
      write_attribute(ds.get(), "dims", detail::dims_attribute(spec.dim));
    }
  }
  {
    Handle kpi = detail::create_group(file, "kpi");
    for (const Kpi& k : results.kpis) {
      Handle ds = detail::write_doubles(kpi.get(), k.name, {}, &k.value);
      write_attribute(ds.get(), "unit", k.unit);
      write_attribute(ds.get(), "description", k.description);
    }
  }
}

void write_file(const std::filesystem::path& file_path, const Results& results,
                const RunMetadata& meta) {
  const std::filesystem::path dir = file_path.parent_path().empty() ? "." : file_path.parent_path();
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw OutputError("directory " + dir.string() + " does not exist");

  Handle file = detail::create_ordered_file(file_path.string());
  write_contents(file.get(), results, meta);
  check(file.close(), "cannot close the temporary file " + file_path.string());
}

}  // namespace

void write_hdf5(const std::filesystem::path& path, const Results& results,
                const RunMetadata& meta) {
  try {
    detail::validate(results);
  } catch (const OutputError& e) {
    throw OutputError(path.string() + ": not written: " + e.what());
  }
  detail::Hdf5Session session;
  detail::AtomicFile out(path);
  try {
    write_file(out.temporary(), results, meta);
  } catch (const OutputError& e) {
    throw OutputError(path.string() + ": not written: " + e.what());
  }
  out.commit();
}

}  // namespace chainsim::output
