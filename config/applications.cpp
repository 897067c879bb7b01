#include "chainsim/config/applications.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "chainsim/config/csv.hpp"
#include "chainsim/config/errors.hpp"
#include "chainsim/config/fields.hpp"
#include "chainsim/config/source_text.hpp"
#include "chainsim/config/suggest.hpp"

namespace chainsim::config {

namespace {

namespace fs = std::filesystem;

enum class AfterLast { error, hold, zero };

// Month index -> persons, with where each month was given (for messages).
using MonthData = std::map<int, double>;

MonthData read_monthly_table(const Node& table, const std::string& path) {
  expect_map(table, path);
  MonthData data;
  for (const Node& entry : table.children) {
    const std::string entry_path = join_path(path, entry.key);
    const int m = parse_year_month(entry.key);
    if (m < 0) {
      std::string hint = "monthly keys are months written YYYY-MM, e.g. 2025-03";
      fail_at_key(entry, entry_path, "not a month: '" + entry.key + "'", hint);
    }
    data[m] = read_number(entry, entry_path, Bounds::at_least(0));
  }
  if (data.empty()) fail(table, path, "the table of months is empty");
  return data;
}

std::optional<std::size_t> column_of(const std::vector<std::string>& header,
                                     const std::string& name) {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header.begin());
}

MonthData read_csv_table(const Node& node, const std::string& path, const SourceFiles& sources,
                         std::vector<std::string>& files_read) {
  const MapReader csv(node, path,
                      {"file", "date_column", "value_column", "series_column", "series"});
  const Node& file_node = csv.require("file");
  const std::string file = read_text(file_node, csv.path_of("file"));
  if (file.empty()) fail(file_node, csv.path_of("file"), "expected a file name, got empty text");
  const std::string date_column = csv.text_or("date_column", "date");
  const std::string value_column = csv.text_or("value_column", "value");
  const Node* series_node = csv.get("series");
  const std::optional<std::string> series =
      series_node ? std::optional(read_text(*series_node, csv.path_of("series"))) : std::nullopt;
  if (csv.get("series_column") && !series) {
    fail_at_key(*csv.get("series_column"), csv.path_of("series_column"),
                "series_column needs series: the value of that column to select");
  }
  const std::string series_column = csv.text_or("series_column", "series");

  const SourceFiles::Resolved where = sources.resolve(file_node.loc.file_name(), file);
  const std::optional<std::string> bytes = read_file_bytes(where.path, where.display);
  if (!bytes) {
    fail(file_node, csv.path_of("file"),
         "cannot open CSV file '" + file + "' (resolved to " +
             fs::absolute(where.path).lexically_normal().string() + ")");
  }
  files_read.push_back(where.display);
  const std::string& display = where.display;
  const std::vector<CsvRecord> records = parse_csv(*bytes, display);
  if (records.empty()) fail(file_node, csv.path_of("file"), "the CSV file '" + file + "' is empty");

  const std::vector<std::string>& header = records.front().fields;
  const auto need = [&](const std::string& name, const char* key) {
    const std::optional<std::size_t> col = column_of(header, name);
    if (!col) {
      const Node* given = csv.get(key);
      const Node& at = given ? *given : file_node;
      fail(at, csv.path_of(given ? key : "file"),
           "column '" + name + "' not found in " + display + " (columns: " + join_names(header) +
               ")",
           given ? suggestion_hint(name, header) : "name the column with " + std::string(key));
    }
    return *col;
  };
  const std::size_t date_col = need(date_column, "date_column");
  const std::size_t value_col = need(value_column, "value_column");
  const std::size_t series_col = series ? need(series_column, "series_column") : 0;

  MonthData data;
  std::map<int, int> line_of;
  std::set<std::string> series_seen;
  const auto row_error = [&](const CsvRecord& r, std::string message, std::string hint = {}) {
    throw InputError(display, r.line, 0, path, std::move(message), std::move(hint));
  };
  for (std::size_t k = 1; k < records.size(); ++k) {
    const CsvRecord& r = records[k];
    const std::size_t needed = std::max({date_col, value_col, series_col}) + 1;
    if (r.fields.size() < needed) {
      row_error(r, "the row has " + std::to_string(r.fields.size()) + " fields, the header " +
                       std::to_string(header.size()));
    }
    if (series) {
      series_seen.insert(r.fields[series_col]);
      if (r.fields[series_col] != *series) continue;
    }
    const std::string& date = r.fields[date_col];
    const int m = parse_year_month(date);
    if (m < 0) {
      row_error(r, "date '" + date + "' is not a month (YYYY-MM)",
                series ? "" : "select one monthly series with series: NAME");
    }
    const std::string& value = r.fields[value_col];
    const std::optional<double> v = parse_number_text(value);
    if (!v) row_error(r, "value '" + value + "' for " + date + " is not a number");
    if (!std::isfinite(*v) || *v < 0) {
      row_error(r, "value for " + date + " must be a finite number >= 0, got " + value);
    }
    if (const auto it = line_of.find(m); it != line_of.end()) {
      row_error(r, "duplicate month " + date + " (also on line " + std::to_string(it->second) + ")",
                !series && column_of(header, series_column)
                    ? "the file holds several series; select one with series: NAME"
                    : "");
    }
    line_of[m] = r.line;
    data[m] = *v;
  }
  if (data.empty()) {
    if (series) {
      const std::vector<std::string> seen(series_seen.begin(), series_seen.end());
      fail(*series_node, csv.path_of("series"),
           "no rows with " + series_column + " = '" + *series + "' in " + display,
           suggestion_hint(*series, seen));
    }
    fail(file_node, csv.path_of("file"), "the CSV file " + display + " has no data rows");
  }
  return data;
}

std::string month_ranges(const std::vector<int>& months) {
  constexpr std::size_t kShow = 6;
  std::vector<std::string> parts;
  std::size_t i = 0, ranges = 0;
  while (i < months.size()) {
    std::size_t j = i;
    while (j + 1 < months.size() && months[j + 1] == months[j] + 1) ++j;
    if (ranges++ < kShow) {
      parts.push_back(i == j ? format_year_month(months[i])
                             : format_year_month(months[i]) + ".." + format_year_month(months[j]));
    }
    i = j + 1;
  }
  std::string out = join_names(parts);
  if (ranges > kShow) out += " and " + std::to_string(ranges - kShow) + " more ranges";
  return out;
}

}  // namespace

int month_index(int year, int month) {
  return year * 12 + (month - 1);
}

int parse_year_month(std::string_view t) {
  if (t.size() != 7 || t[4] != '-') return -1;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
    if (t[i] < '0' || t[i] > '9') return -1;
  const int year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  const int month = (t[5] - '0') * 10 + (t[6] - '0');
  if (month < 1 || month > 12) return -1;
  return month_index(year, month);
}

std::string format_year_month(int m) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", m / 12, m % 12 + 1);
  return buf;
}

std::vector<double> read_monthly_applications(const Node& applications, const std::string& path,
                                              const TimeSettings& time, const SourceFiles& sources,
                                              std::vector<std::string>& files_read,
                                              const std::vector<std::string>& extra_keys) {
  std::vector<std::string> allowed = {"per_month", "monthly", "csv", "after_last"};
  allowed.insert(allowed.end(), extra_keys.begin(), extra_keys.end());
  const MapReader apps(applications, path, allowed);
  const int first = month_index(time.start.year(), time.start.month());
  const int last = month_index(time.end.year(), time.end.month());
  const std::size_t months = static_cast<std::size_t>(last - first + 1);

  const char* forms[] = {"per_month", "monthly", "csv"};
  const char* chosen = nullptr;
  for (const char* f : forms) {
    const Node* n = apps.get(f);
    if (!n) continue;
    if (chosen) {
      fail_at_key(*n, apps.path_of(f),
                  std::string("give only one of per_month, monthly or csv (found ") + chosen +
                      " and " + f + ")",
                  std::string("in a scenario that extends another, remove the parent's with `") +
                      chosen + ": ~`");
    }
    chosen = f;
  }
  if (!chosen) {
    fail_at_key(applications, path, "give one of per_month, monthly or csv",
                "e.g. " + path + ": {per_month: 3000}");
  }

  AfterLast after_last = AfterLast::error;
  if (const Node* n = apps.get("after_last")) {
    const std::string t = read_text(*n, apps.path_of("after_last"));
    if (t == "error")
      after_last = AfterLast::error;
    else if (t == "hold")
      after_last = AfterLast::hold;
    else if (t == "zero")
      after_last = AfterLast::zero;
    else {
      fail(*n, apps.path_of("after_last"), "expected error, hold or zero, got '" + t + "'",
           suggestion_hint(t, {"error", "hold", "zero"}));
    }
  }

  const std::string chosen_path = apps.path_of(chosen);
  const Node& source = *apps.get(chosen);
  if (std::string_view(chosen) == "per_month") {
    return std::vector<double>(months, read_number(source, chosen_path, Bounds::at_least(0)));
  }
  const MonthData data = std::string_view(chosen) == "monthly"
                             ? read_monthly_table(source, chosen_path)
                             : read_csv_table(source, chosen_path, sources, files_read);

  const int last_given = data.rbegin()->first;
  std::vector<double> out(months, 0.0);
  std::vector<int> missing;
  bool missing_after_last = false;
  for (int m = first; m <= last; ++m) {
    double& v = out[static_cast<std::size_t>(m - first)];
    if (const auto it = data.find(m); it != data.end()) {
      v = it->second;
    } else if (m > last_given && after_last == AfterLast::hold) {
      v = data.rbegin()->second;
    } else if (m > last_given && after_last == AfterLast::zero) {
      v = 0.0;
    } else {
      missing.push_back(m);
      missing_after_last = missing_after_last || m > last_given;
    }
  }
  if (!missing.empty()) {
    fail(source, chosen_path, "applications missing for " + month_ranges(missing),
         missing_after_last ? "add the months, or set " + apps.path_of("after_last") +
                                  ": hold (repeat the last month) or zero"
                            : "add the missing months");
  }
  return out;
}

}  // namespace chainsim::config
