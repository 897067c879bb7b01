#include "chainsim/calibration/observed_series.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>
#include <system_error>
#include <utility>

#include "chainsim/config/csv.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/config/source_text.hpp"

namespace chainsim::calibration {

using config::CsvRecord;
using config::InputError;

namespace {

constexpr std::array<std::string_view, 6> kColumns = {"date", "series", "value",
                                                      "unit", "source", "note"};
enum Column : std::size_t { kDate = 0, kSeries, kValue, kUnit, kSource, kNote };

// The data records (header checked and dropped) of a tidy file.
std::vector<CsvRecord> read_records(const std::string& path) {
  const std::optional<std::string> bytes = config::read_file_bytes(path, path);
  if (!bytes) throw InputError(path, 0, 0, "", "cannot open the file");
  std::vector<CsvRecord> records = config::parse_csv(*bytes, path);
  const std::string expected = "date,series,value,unit,source,note";
  if (records.empty()) {
    throw InputError(path, 1, 0, "", "empty file: expected the header '" + expected + "'");
  }
  const CsvRecord& header = records.front();
  for (std::size_t c = 0; c < kColumns.size(); ++c) {
    if (c >= header.fields.size() || header.fields[c] != kColumns[c]) {
      std::string got;
      for (std::size_t k = 0; k < header.fields.size(); ++k) {
        got += (k ? "," : "") + header.fields[k];
      }
      throw InputError(path, header.line, 0, std::string(kColumns[c]),
                       "wrong header '" + got + "'", "expected '" + expected + "'");
    }
  }
  if (header.fields.size() != kColumns.size()) {
    throw InputError(path, header.line, 0, "",
                     "wrong header: " + std::to_string(header.fields.size()) + " columns",
                     "expected '" + expected + "'");
  }
  records.erase(records.begin());
  for (const CsvRecord& r : records) {
    if (r.fields.size() != kColumns.size()) {
      throw InputError(path, r.line, 0, "",
                       "expected 6 fields, got " + std::to_string(r.fields.size()),
                       "quote fields that contain commas");
    }
    if (r.fields[kSeries].empty()) throw InputError(path, r.line, 0, "series", "empty series name");
  }
  return records;
}

double parse_value(const std::string& path, const CsvRecord& r) {
  const std::string& text = r.fields[kValue];
  if (text.empty()) throw InputError(path, r.line, 0, "value", "empty value");
  double v = 0.0;
  const char* first = text.data();
  const char* last = first + text.size();
  if (*first == '+') ++first;
  const auto [ptr, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || ptr != last || !std::isfinite(v)) {
    throw InputError(path, r.line, 0, "value", "not a number: '" + text + "'");
  }
  return v;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

struct Period {
  Date start, end;
  Frequency frequency;
};

enum class DateShape { label, day, month, year };

DateShape shape_of(std::string_view t) {
  if (t.size() == 10 && all_digits(t.substr(0, 4)) && t[4] == '-' && all_digits(t.substr(5, 2)) &&
      t[7] == '-' && all_digits(t.substr(8, 2))) {
    return DateShape::day;
  }
  if (t.size() == 7 && all_digits(t.substr(0, 4)) && t[4] == '-' && all_digits(t.substr(5, 2))) {
    return DateShape::month;
  }
  if (t.size() == 4 && all_digits(t)) return DateShape::year;
  return DateShape::label;
}

// The period of a time-point date; throws for an impossible date of the right shape.
Period parse_period(const std::string& path, const CsvRecord& r, DateShape shape) {
  const std::string& t = r.fields[kDate];
  const std::string& series = r.fields[kSeries];
  auto bad = [&](const std::string& why) {
    return InputError(path, r.line, 0, "date", "bad date '" + t + "': " + why);
  };
  const int year = to_int(std::string_view(t).substr(0, 4));
  if (year < 1400 || year > 9998) throw bad("year out of range");
  using boost::gregorian::gregorian_calendar;
  const auto y = static_cast<unsigned short>(year);
  switch (shape) {
    case DateShape::day: {
      const std::optional<Date> d = parse_iso_date(t);
      if (!d) throw bad("no such day");
      return {*d, *d, Frequency::day};
    }
    case DateShape::month: {
      const int month = to_int(std::string_view(t).substr(5, 2));
      if (month < 1 || month > 12) throw bad("no such month");
      const auto m = static_cast<unsigned short>(month);
      const Date start(y, m, 1);
      if (series.find("_quarter") != std::string::npos) {
        if ((month - 1) % 3 != 0) {
          throw bad("a quarterly series ('_quarter' in its name) is dated by the quarter's first "
                    "month (01, 04, 07 or 10)");
        }
        const Date last_month(y, static_cast<unsigned short>(month + 2), 1);
        return {start, last_month.end_of_month(), Frequency::quarter};
      }
      return {start, start.end_of_month(), Frequency::month};
    }
    case DateShape::year:
      return {Date(y, 1, 1), Date(y, 12, 31), Frequency::year};
    case DateShape::label:
      break;
  }
  throw bad("not a time point");
}

}  // namespace

std::string to_string(Frequency f) {
  switch (f) {
    case Frequency::day: return "day";
    case Frequency::month: return "month";
    case Frequency::quarter: return "quarter";
    case Frequency::year: return "year";
  }
  return "?";
}

std::map<std::string, ObservedSeries> read_observed(const std::string& csv_path) {
  return read_observed(csv_path, ReadOptions{});
}

std::map<std::string, ObservedSeries> read_observed(const std::string& csv_path,
                                                    const ReadOptions& options) {
  const std::vector<CsvRecord> records = read_records(csv_path);
  std::map<std::string, ObservedSeries> out;
  std::map<std::string, int> first_line;  // series -> line that fixed its frequency and unit
  std::map<std::pair<std::string, Date>, int> seen;
  for (const CsvRecord& r : records) {
    const std::string& name = r.fields[kSeries];
    const DateShape shape = shape_of(r.fields[kDate]);
    if (shape == DateShape::label) {
      if (options.skip_labels) continue;
      throw InputError(csv_path, r.line, 0, "date",
                       "'" + r.fields[kDate] + "' is not a time point (YYYY-MM-DD, YYYY-MM or YYYY)",
                       "a file of labelled rows is read with read_labelled");
    }
    const Period p = parse_period(csv_path, r, shape);
    Observation o{p.start,           p.end,          parse_value(csv_path, r), r.fields[kUnit],
                  r.fields[kSource], r.fields[kNote], r.line};
    auto [it, inserted] = out.try_emplace(name);
    ObservedSeries& s = it->second;
    if (inserted) {
      s.name = name;
      s.unit = o.unit;
      s.frequency = p.frequency;
      first_line[name] = r.line;
    } else {
      const std::string first = std::to_string(first_line[name]);
      if (s.frequency != p.frequency) {
        throw InputError(csv_path, r.line, 0, "date",
                         "series '" + name + "' mixes frequencies: " + to_string(p.frequency) +
                             " here, " + to_string(s.frequency) + " on line " + first);
      }
      if (s.unit != o.unit) {
        if (!options.allow_unit_breaks) {
          throw InputError(csv_path, r.line, 0, "unit",
                           "series '" + name + "' mixes units: '" + o.unit + "' here, '" + s.unit +
                               "' on line " + first);
        }
        s.unit = "mixed";
      }
    }
    const auto [dup, fresh] = seen.try_emplace({name, p.start}, r.line);
    if (!fresh) {
      throw InputError(csv_path, r.line, 0, "date",
                       "duplicate date '" + r.fields[kDate] + "' for series '" + name +
                           "': lines " + std::to_string(dup->second) + " and " +
                           std::to_string(r.line));
    }
    s.points.push_back(std::move(o));
  }
  for (auto& [name, s] : out) {
    std::stable_sort(s.points.begin(), s.points.end(),
                     [](const Observation& a, const Observation& b) { return a.start < b.start; });
  }
  return out;
}

std::vector<LabelledValue> read_labelled(const std::string& csv_path) {
  const std::vector<CsvRecord> records = read_records(csv_path);
  std::vector<LabelledValue> out;
  std::map<std::pair<std::string, std::string>, int> seen;
  for (const CsvRecord& r : records) {
    if (r.fields[kDate].empty()) throw InputError(csv_path, r.line, 0, "date", "empty label");
    const auto [dup, fresh] = seen.try_emplace({r.fields[kSeries], r.fields[kDate]}, r.line);
    if (!fresh) {
      throw InputError(csv_path, r.line, 0, "date",
                       "duplicate label '" + r.fields[kDate] + "' for series '" +
                           r.fields[kSeries] + "': lines " + std::to_string(dup->second) +
                           " and " + std::to_string(r.line));
    }
    out.push_back({r.fields[kDate], r.fields[kSeries], parse_value(csv_path, r), r.fields[kUnit],
                   r.fields[kSource], r.fields[kNote], r.line});
  }
  return out;
}

std::vector<const Observation*> in_window(const ObservedSeries& series, Date from, Date to) {
  std::vector<const Observation*> out;
  for (const Observation& o : series.points) {
    if (o.start >= from && o.end <= to) out.push_back(&o);
  }
  return out;
}

}  // namespace chainsim::calibration
