#include "chainsim/config/fields.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

#include "chainsim/config/errors.hpp"
#include "chainsim/config/suggest.hpp"

namespace chainsim::config {

namespace {

constexpr double kMaxDurationYears = 200.0;
constexpr const char* kDurationHint = "durations need a unit: 30d, 6w, 4mo, 2y";

std::string format_number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Decimal YAML number: [+-]? ( digits [. digits*] | . digits ) ( [eE] [+-]? digits )?
bool looks_decimal(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

[[noreturn]] void fail_not_number(const Node& node, const std::string& path) {
  if (!node.is_scalar()) fail(node, path, "expected a number, got " + describe(node));
  if (node.quoted) {
    if (parse_number_text(node.text)) {
      fail(node, path, "expected a number, got the text \"" + node.text + "\"",
           "remove the quotes");
    }
    fail(node, path, "expected a number, got the text \"" + node.text + "\"");
  }
  std::string hint;
  const std::string& t = node.text;
  if (t.find_first_of("_ ") != std::string::npos) {
    std::string stripped;
    for (char c : t)
      if (c != '_' && c != ' ') stripped += c;
    if (parse_number_text(stripped)) {
      hint = "write numbers without digit separators, e.g. " + stripped;
    }
  } else if (t.find(',') != std::string::npos) {
    hint = "use a decimal point, not a comma";
  }
  fail(node, path, "expected a number, got '" + t + "'", hint);
}

}  // namespace

bool Bounds::contains(double v) const {
  if (lo_open ? !(v > lo) : !(v >= lo)) return false;
  if (hi_open ? !(v < hi) : !(v <= hi)) return false;
  return true;
}

std::string Bounds::describe() const {
  const bool has_lo = std::isfinite(lo), has_hi = std::isfinite(hi);
  const std::string lo_s = format_number(lo), hi_s = format_number(hi);
  if (has_lo && has_hi) {
    if (!lo_open && !hi_open) return "between " + lo_s + " and " + hi_s;
    return (lo_open ? "> " : ">= ") + lo_s + " and " + (hi_open ? "< " : "<= ") + hi_s;
  }
  if (has_lo) return (lo_open ? "> " : ">= ") + lo_s;
  if (has_hi) return (hi_open ? "< " : "<= ") + hi_s;
  return "a number";
}

std::optional<double> parse_number_text(std::string_view text) {
  const std::string lower = lowercase(text);
  if (lower == ".nan" || lower == "nan") return std::nan("");
  for (const char* inf : {".inf", "inf", "infinity"}) {
    const std::string s = inf;
    if (lower == s || lower == "+" + s) return HUGE_VAL;
    if (lower == "-" + s) return -HUGE_VAL;
  }
  if (!looks_decimal(text)) return std::nullopt;
  std::string_view body = text;
  if (!body.empty() && body.front() == '+') body.remove_prefix(1);
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), value);
  if (ec == std::errc::result_out_of_range) return HUGE_VAL;  // refused as not finite
  if (ec != std::errc() || ptr != body.data() + body.size()) return std::nullopt;
  return value;
}

void fail(const Node& at_value, const std::string& path, std::string message, std::string hint) {
  throw InputError(at_value.loc, path, std::move(message), std::move(hint));
}

void fail_at_key(const Node& value, const std::string& path, std::string message,
                 std::string hint) {
  throw InputError(value.key_loc.file ? value.key_loc : value.loc, path, std::move(message),
                   std::move(hint));
}

void fail_missing(const Node& map, const std::string& map_path, std::string_view key) {
  const std::string path = join_path(map_path, key);
  if (map_path.empty()) {
    throw InputError(map.loc.file_name(), 0, 0, path,
                     "missing required key '" + std::string(key) + "'");
  }
  const Location& where = map.key_loc.file ? map.key_loc : map.loc;
  throw InputError(where, path, "missing required key '" + std::string(key) + "' in " + map_path);
}

double read_number(const Node& node, const std::string& path, const Bounds& bounds) {
  if (!node.is_scalar() || node.quoted) fail_not_number(node, path);
  const std::optional<double> v = parse_number_text(node.text);
  if (!v) fail_not_number(node, path);
  if (!std::isfinite(*v)) fail(node, path, "must be a finite number, got '" + node.text + "'");
  if (!bounds.contains(*v)) fail(node, path, "must be " + bounds.describe() + ", got " + node.text);
  return *v;
}

int read_integer(const Node& node, const std::string& path) {
  const double v = read_number(node, path, Bounds::closed(-1e9, 1e9));
  if (v != std::floor(v)) fail(node, path, "expected a whole number, got " + node.text);
  return static_cast<int>(v);
}

std::string read_text(const Node& node, const std::string& path) {
  if (!node.is_scalar()) fail(node, path, "expected text, got " + describe(node));
  return node.text;
}

Date read_date(const Node& node, const std::string& path) {
  if (!node.is_scalar()) fail(node, path, "expected a date (YYYY-MM-DD), got " + describe(node));
  const std::optional<Date> d = parse_iso_date(node.text);
  if (!d) {
    fail(node, path, "not a valid date: '" + node.text + "'",
         "dates are written YYYY-MM-DD and must exist in the calendar");
  }
  return *d;
}

Duration read_duration(const Node& node, const std::string& path, bool positive) {
  if (!node.is_scalar())
    fail(node, path, "expected a duration, got " + describe(node), kDurationHint);
  const std::string& t = node.text;
  if (parse_number_text(t))
    fail(node, path, "a duration needs a unit, got '" + t + "'", kDurationHint);
  if (!t.empty() && t.front() == '-') fail(node, path, "must be >= 0, got '" + t + "'");
  const std::optional<Duration> d = parse_duration(t);
  if (!d) fail(node, path, "not a duration: '" + t + "'", kDurationHint);
  if (positive && !(d->value > 0.0)) fail(node, path, "must be > 0, got '" + t + "'");
  if (d->days() > kMaxDurationYears * kDaysPerYear) {
    fail(node, path, "must be at most " + format_number(kMaxDurationYears) + "y, got '" + t + "'");
  }
  return *d;
}

double read_days(const Node& node, const std::string& path, const Bounds& bounds, bool signed_ok) {
  if (!node.is_scalar())
    fail(node, path, "expected a duration, got " + describe(node), kDurationHint);
  const bool negative =
      signed_ok && !node.text.empty() && node.text.front() == '-' && !parse_number_text(node.text);
  Node body = node;
  if (negative) body.text.erase(0, 1);
  const double days = read_duration(body, path).days() * (negative ? -1.0 : 1.0);
  if (!bounds.contains(days)) {
    fail(node, path,
         "must be " + bounds.describe() + " days, got '" + node.text + "' (" + format_number(days) +
             " days)");
  }
  return days;
}

bool read_bool(const Node& node, const std::string& path) {
  if (node.is_scalar() && !node.quoted) {
    const std::string& t = node.text;
    if (t == "true" || t == "True" || t == "TRUE") return true;
    if (t == "false" || t == "False" || t == "FALSE") return false;
    const std::string l = lowercase(t);
    if (l == "yes" || l == "on" || l == "y") {
      fail(node, path, "expected true or false, got '" + t + "'", "write true");
    }
    if (l == "no" || l == "off" || l == "n") {
      fail(node, path, "expected true or false, got '" + t + "'", "write false");
    }
  }
  fail(node, path, "expected true or false, got " + describe(node));
}

std::vector<std::string> read_text_list(const Node& node, const std::string& path) {
  expect_list(node, path);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < node.children.size(); ++i)
    out.push_back(read_text(node.children[i], index_path(path, i)));
  return out;
}

void expect_map(const Node& node, const std::string& path) {
  if (!node.is_map()) fail(node, path, "expected a map (key: value lines), got " + describe(node));
}

void expect_list(const Node& node, const std::string& path) {
  if (!node.is_sequence())
    fail(node, path, "expected a list ([a, b] or '- ' lines), got " + describe(node));
}

MapReader::MapReader(const Node& node, std::string path, std::vector<std::string> allowed,
                     const std::vector<RetiredKey>& retired)
    : node_(node), path_(std::move(path)) {
  expect_map(node_, path_);
  for (const Node& child : node_.children) {
    if (std::find(allowed.begin(), allowed.end(), child.key) != allowed.end()) continue;
    const std::string where = path_.empty() ? "at the top level" : "in " + path_;
    std::string hint = suggestion_hint(child.key, allowed);
    for (const RetiredKey& r : retired)
      if (r.key == child.key) hint = r.hint;
    fail_at_key(child, path_of(child.key), "unknown key '" + child.key + "' " + where, hint);
  }
}

const Node* MapReader::get(std::string_view key) const {
  const Node* n = node_.find(key);
  return n && !n->is_null() ? n : nullptr;
}

const Node& MapReader::require(std::string_view key) const {
  const Node* n = node_.find(key);
  if (!n) fail_missing(node_, path_, key);
  if (n->is_null()) {
    fail(*n, path_of(key), "missing value for required key '" + std::string(key) + "'");
  }
  return *n;
}

double MapReader::number(std::string_view key, const Bounds& bounds) const {
  return read_number(require(key), path_of(key), bounds);
}

double MapReader::number_or(std::string_view key, double fallback, const Bounds& bounds) const {
  const Node* n = get(key);
  return n ? read_number(*n, path_of(key), bounds) : fallback;
}

std::string MapReader::text_or(std::string_view key, std::string fallback) const {
  const Node* n = get(key);
  return n ? read_text(*n, path_of(key)) : std::move(fallback);
}

Duration MapReader::duration_or(std::string_view key, Duration fallback, bool positive) const {
  const Node* n = get(key);
  return n ? read_duration(*n, path_of(key), positive) : fallback;
}

double MapReader::days_or(std::string_view key, double fallback, const Bounds& bounds) const {
  const Node* n = get(key);
  return n ? read_days(*n, path_of(key), bounds) : fallback;
}

bool MapReader::bool_or(std::string_view key, bool fallback) const {
  const Node* n = get(key);
  return n ? read_bool(*n, path_of(key)) : fallback;
}

}  // namespace chainsim::config
