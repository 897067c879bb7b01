#pragma once
// Historical (observed) series in the project's tidy CSV format
//   date,series,value,unit,source,note
// (RFC 4180 quoting; see calibration/data/README.md). Every error is a
// chainsim::config::InputError with file:line and the column name as key_path.
#include <map>
#include <string>
#include <vector>

#include "chainsim/model/calendar.hpp"

namespace chainsim::calibration {

struct Observation {
  Date start;  // inclusive period the value covers: a month, a quarter, a year,
  Date end;    // or one day for a dated snapshot (start == end)
  double value = 0.0;
  std::string unit, source, note;
  int line = 0;  // 1-based line of the CSV record
};

enum class Frequency {
  day,  // dated snapshot (YYYY-MM-DD)
  month,
  quarter,  // YYYY-MM on the quarter's first month, series name contains "_quarter"
  year,
};

std::string to_string(Frequency f);

struct ObservedSeries {
  std::string name;
  std::string unit;  // the unit of every point; "mixed" only with ReadOptions::allow_unit_breaks
  Frequency frequency = Frequency::month;
  std::vector<Observation> points;  // sorted by start
};

// Relaxations of read_observed's rules, for files with known breaks (belgium_annual.csv).
struct ReadOptions {
  // A series may switch unit (UNHCR's cases/persons switches). Each Observation keeps its own
  // unit; the series' unit is "mixed" when it holds more than one.
  bool allow_unit_breaks = false;
  // Rows whose date is not a time point (e.g. the period label "2007-2021") are left out instead
  // of refused; read them with read_labelled.
  bool skip_labels = false;
};

// Series by name. Dates: YYYY-MM-DD = a snapshot (day); YYYY-MM = a month, or the quarter
// starting that month when the series name contains "_quarter" (the month must be 01, 04, 07 or
// 10); YYYY = a year. Refuses other date texts, a series mixing frequencies or units, a duplicate
// (series, date), a wrong header, a bad or empty value, a missing file. Gaps are allowed.
std::map<std::string, ObservedSeries> read_observed(const std::string& csv_path);
std::map<std::string, ObservedSeries> read_observed(const std::string& csv_path,
                                                    const ReadOptions& options);

// A raw row whose date column is a label (e.g. belgium_integration.csv's
// "registered_2010_in_2011"), not a time point.
struct LabelledValue {
  std::string label, series;
  double value = 0.0;
  std::string unit, source, note;
  int line = 0;
};

// Every row of the file, in file order, with the same header, value and duplicate checks as
// read_observed (a duplicate is the same (series, label)); the label is not interpreted.
std::vector<LabelledValue> read_labelled(const std::string& csv_path);

// Observations whose whole period [start, end] lies inside [from, to] (both inclusive).
std::vector<const Observation*> in_window(const ObservedSeries& series, Date from, Date to);

}  // namespace chainsim::calibration
