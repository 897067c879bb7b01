#pragma once
// The `applications` section: persons applying per calendar month, given as a constant
// (per_month), a table (monthly: {2025-01: 3100, ...}) or a CSV file, filled over the horizon.
#include <string>
#include <vector>

#include "chainsim/config/extends.hpp"
#include "chainsim/config/node.hpp"
#include "chainsim/model/calendar.hpp"

namespace chainsim::config {

// Persons per month for every month from time.start's month to time.end's month inclusive, from
// a map with exactly one of per_month, monthly or csv (and after_last). The map may also hold
// `extra_keys` (read by the caller); any other key is an error. `files_read` receives the
// display name of a CSV file that was read. Throws InputError. Used for `applications` and for
// each planned inflow (`applications.planned.NAME`).
std::vector<double> read_monthly_applications(const Node& applications, const std::string& path,
                                              const TimeSettings& time, const SourceFiles& sources,
                                              std::vector<std::string>& files_read,
                                              const std::vector<std::string>& extra_keys = {});

// Months as a single number: year * 12 + (month - 1).
int month_index(int year, int month);
// "2025-03" -> month index; -1 when the text is not exactly YYYY-MM with a month 01..12.
int parse_year_month(std::string_view text);
std::string format_year_month(int month_index);

}  // namespace chainsim::config
