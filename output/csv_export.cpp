// CSV export: series.csv (tidy long) and kpi.csv.
#include "chainsim/output/csv_export.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <system_error>

#include "atomic_file.hpp"
#include "results_check.hpp"

namespace chainsim::output {

namespace {

// RFC 4180: quote a field containing a separator, a quote or a line break; double the quotes.
std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (const char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + '"';
}

// Shortest text that reads back to the same double; NaN is an empty (missing) field.
std::string number(double v) {
  if (std::isnan(v)) return "";
  return fmt::format("{}", v);
}

template <class WriteRows>
void write_atomically(const std::filesystem::path& target, WriteRows write_rows) {
  detail::AtomicFile out(target);
  {
    std::ofstream os(out.temporary(), std::ios::binary | std::ios::trunc);
    if (!os)
      throw OutputError(target.string() + ": cannot create the temporary file " +
                        out.temporary().string());
    write_rows(os);
    os.close();
    if (!os) throw OutputError(target.string() + ": write failed (disk full?)");
  }
  out.commit();
}

}  // namespace

void write_csv(const std::filesystem::path& dir, const Results& results) {
  try {
    detail::validate(results);
  } catch (const OutputError& e) {
    throw OutputError(dir.string() + ": CSV not written: " + e.what());
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    throw OutputError(dir.string() + ": cannot create the CSV directory" +
                      (ec ? ": " + ec.message() : std::string()));

  const RunLayout& l = results.layout;
  write_atomically(dir / "series.csv", [&](std::ostream& os) {
    os << "period_end,series,column,value,unit\n";
    std::vector<std::string> dates;
    for (const Date& d : l.period_ends) dates.push_back(to_iso(d));
    for (std::size_t i = 0; i < l.series.size(); ++i) {
      const SeriesSpec& s = l.series[i];
      const std::string name = field(s.name);
      const std::string unit = field(s.unit);
      const auto width = static_cast<std::size_t>(l.width[i]);
      for (std::size_t p = 0; p < dates.size(); ++p)
        for (std::size_t c = 0; c < width; ++c)
          os << dates[p] << ',' << name << ','
             << field(detail::column_label(l, s.dim, static_cast<int>(c))) << ','
             << number(results.values[i][p * width + c]) << ',' << unit << '\n';
    }
  });
  write_atomically(dir / "kpi.csv", [&](std::ostream& os) {
    os << "name,value,unit,description\n";
    for (const Kpi& k : results.kpis)
      os << field(k.name) << ',' << number(k.value) << ',' << field(k.unit) << ','
         << field(k.description) << '\n';
  });
}

}  // namespace chainsim::output
