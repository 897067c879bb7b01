#pragma once
// A small RFC 4180 CSV reader (comma separated, double-quoted fields with "" escapes, CRLF or LF)
// that keeps the line number of every record for error messages.
#include <string>
#include <string_view>
#include <vector>

namespace chainsim::config {

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

// Parses the whole text; the first record is the header. Throws InputError (file `display`)
// for an unterminated quote or a stray quote inside an unquoted field.
std::vector<CsvRecord> parse_csv(std::string_view text, const std::string& display);

}  // namespace chainsim::config
