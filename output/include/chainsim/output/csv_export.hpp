#pragma once
// CSV export of a run, for spreadsheets and tools without HDF5.
#include <filesystem>

#include "chainsim/model/series.hpp"
#include "chainsim/output/output_error.hpp"

namespace chainsim::output {

// Writes two files into `dir` (created if missing), each atomically (temporary file + rename):
//   series.csv  period_end,series,column,value,unit   one row per period, series and column;
//               column is "total" for a total series, else the segment or pool label;
//               a NaN value is written as an empty field (read as missing by pandas and R).
//   kpi.csv     name,value,unit,description
// Fields containing a comma, quote or line break are quoted (RFC 4180). Throws OutputError.
void write_csv(const std::filesystem::path& dir, const Results& results);

}  // namespace chainsim::output
