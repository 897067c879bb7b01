#include "chainsim/config/source_text.hpp"

#include <cstdio>
#include <fstream>
#include <system_error>

#include "chainsim/config/errors.hpp"

namespace chainsim::config {

namespace {

std::string mib(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return buf;
}

[[noreturn]] void fail_at(std::string_view text, std::size_t offset, const std::string& display,
                          std::string message, std::string hint = {}) {
  const TextPosition p = position_of(text, offset);
  throw InputError(display, p.line, p.column, "", std::move(message), std::move(hint));
}

// Length of the UTF-8 sequence starting at text[i], or 0 when it is not valid UTF-8 (overlong
// forms, surrogates and code points above U+10FFFF are invalid too).
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned min = 0;
  unsigned cp = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, cp = c & 0x1Fu, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, cp = c & 0x0Fu, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, cp = c & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const unsigned char cc = byte(i + k);
    if ((cc & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

void check_encoding(std::string_view text, const std::string& display) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      fail_at(text, i, display, "the file contains a NUL byte", "is it a binary file?");
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "the file contains the control character 0x%02X", c);
      fail_at(text, i, display, buf);
    }
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "the file is not valid UTF-8 (byte 0x%02X)", c);
      fail_at(text, i, display, buf, "save the file as UTF-8");
    }
    i += n;
  }
}

// Whether a line opens a block scalar ("key: |", "- >-", "key: |2 # note").
bool opens_block_scalar(std::string_view line) {
  for (std::size_t k = 0; k + 1 < line.size(); ++k) {
    if ((line[k] == ' ' || line[k] == '\t') && line[k + 1] == '#') {
      line = line.substr(0, k);
      break;
    }
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
    line.remove_suffix(1);
  while (!line.empty() &&
         (line.back() == '-' || line.back() == '+' || (line.back() >= '0' && line.back() <= '9')))
    line.remove_suffix(1);
  if (line.empty() || (line.back() != '|' && line.back() != '>')) return false;
  line.remove_suffix(1);
  return line.empty() || line.back() == ' ' || line.back() == '\t';
}

void check_tabs(std::string_view text, const std::string& display) {
  int block_indent = -1;  // indentation of the line that opened a block scalar; -1: none
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(begin, end - begin);
    std::size_t spaces = 0;
    while (spaces < line.size() && line[spaces] == ' ') ++spaces;
    std::size_t ws = spaces;
    while (ws < line.size() && (line[ws] == ' ' || line[ws] == '\t')) ++ws;
    const bool blank = ws == line.size() || line[ws] == '\r';
    const bool in_block = block_indent >= 0 && (blank || static_cast<int>(spaces) > block_indent);
    if (!in_block) {
      block_indent = -1;
      if (ws > spaces && !blank && line[ws] != '#') {
        fail_at(text, begin + spaces, display, "a tab character is used for indentation",
                "YAML does not allow tabs for indentation; use spaces");
      }
      if (opens_block_scalar(line)) block_indent = static_cast<int>(spaces);
    }
    if (end == text.size()) break;
    begin = end + 1;
  }
}

}  // namespace

std::optional<std::string> read_file_bytes(const std::filesystem::path& path,
                                           const std::string& display) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes;
  char buf[65536];
  while (in) {
    in.read(buf, sizeof buf);
    bytes.append(buf, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > kMaxFileBytes) {
      throw InputError(display, 0, 0, "",
                       "the file is too large (more than " + mib(kMaxFileBytes) + ")");
    }
  }
  if (in.bad()) return std::nullopt;
  return bytes;
}

void check_source_text(std::string_view text, const std::string& display) {
  if (text.size() > kMaxFileBytes) {
    throw InputError(
        display, 0, 0, "",
        "the text is too large (" + mib(text.size()) + ", at most " + mib(kMaxFileBytes) + ")");
  }
  check_encoding(text, display);
  check_tabs(text, display);
}

TextPosition position_of(std::string_view text, std::size_t offset) {
  TextPosition p;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.column = static_cast<int>(offset - line_start) + 1;
  return p;
}

}  // namespace chainsim::config
