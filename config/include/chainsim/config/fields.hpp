#pragma once
// Typed reading of tree nodes: numbers with bounds, text, dates, durations, maps with a fixed
// set of keys. Every failure throws InputError at the offending node with its key path.
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chainsim/config/node.hpp"
#include "chainsim/model/calendar.hpp"
#include "chainsim/model/duration.hpp"

namespace chainsim::config {

// A closed, half-open or open interval for a number.
struct Bounds {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = false;
  bool hi_open = false;

  static Bounds at_least(double lo) { return {lo, std::numeric_limits<double>::infinity()}; }
  static Bounds above(double lo) { return {lo, std::numeric_limits<double>::infinity(), true}; }
  static Bounds closed(double lo, double hi) { return {lo, hi}; }
  static Bounds left_open(double lo, double hi) { return {lo, hi, true, false}; }  // (lo, hi]

  bool contains(double v) const;
  std::string describe() const;  // ">= 0", "between 0 and 1", "> 0 and <= 1"
};

// Parses the text of a plain scalar as a YAML number (int or float, decimal). nullopt if it is
// not a number. NaN and infinities are returned as such (the caller refuses them).
std::optional<double> parse_number_text(std::string_view text);

[[noreturn]] void fail(const Node& at_value, const std::string& path, std::string message,
                       std::string hint = {});
[[noreturn]] void fail_at_key(const Node& value, const std::string& path, std::string message,
                              std::string hint = {});

double read_number(const Node& node, const std::string& path, const Bounds& bounds = {});
int read_integer(const Node& node, const std::string& path);
std::string read_text(const Node& node, const std::string& path);
Date read_date(const Node& node, const std::string& path);
// A duration with a unit ("30d"); `positive` refuses zero.
Duration read_duration(const Node& node, const std::string& path, bool positive = false);
// A duration in days, checked against `bounds` (in days); with `signed_ok` a leading '-' is
// accepted (a negative duration, e.g. an `add` in a policy). Bare numbers are refused (units!).
double read_days(const Node& node, const std::string& path, const Bounds& bounds,
                 bool signed_ok = false);
// `true` or `false` (also True/TRUE/False/FALSE); yes/no/on/off are refused with a hint.
bool read_bool(const Node& node, const std::string& path);
// A list of texts.
std::vector<std::string> read_text_list(const Node& node, const std::string& path);

void expect_map(const Node& node, const std::string& path);
void expect_list(const Node& node, const std::string& path);

// A key that a former draft of the schema had: refused as unknown, with a hint where it went.
struct RetiredKey {
  std::string key;
  std::string hint;  // e.g. "replaced by cgrs.outcomes (refugee, subsidiary, inadmissible)"
};

// A map whose keys must all be among `allowed` (unknown key -> error with a suggestion, or the
// retired key's hint). Keys with a null value ("key:" or "key: ~") count as absent.
class MapReader {
 public:
  MapReader(const Node& node, std::string path, std::vector<std::string> allowed,
            const std::vector<RetiredKey>& retired = {});

  const Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  std::string path_of(std::string_view key) const { return join_path(path_, key); }

  // nullptr when the key is absent or null.
  const Node* get(std::string_view key) const;
  // Throws "missing required key" (located at this map's key) when absent.
  const Node& require(std::string_view key) const;

  double number(std::string_view key, const Bounds& bounds) const;  // required
  double number_or(std::string_view key, double fallback, const Bounds& bounds) const;
  std::string text_or(std::string_view key, std::string fallback) const;
  Duration duration_or(std::string_view key, Duration fallback, bool positive = false) const;
  // A duration in days (bounds in days); `fallback` when absent.
  double days_or(std::string_view key, double fallback, const Bounds& bounds) const;
  bool bool_or(std::string_view key, bool fallback) const;

 private:
  const Node& node_;
  std::string path_;
};

// Error for a required key missing from `map` (located at the map's own key).
[[noreturn]] void fail_missing(const Node& map, const std::string& map_path, std::string_view key);

}  // namespace chainsim::config
