#pragma once
// Reading a scenario (or data) file as bytes, and the checks made before YAML parsing:
// size, UTF-8, NUL bytes and tab indentation, each reported with a line and column.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace chainsim::config {

inline constexpr std::size_t kMaxFileBytes = 16u * 1024u * 1024u;  // 16 MiB

// The whole file, or nullopt when it cannot be opened or read (the caller words the error).
// Throws InputError (file-level, named `display`) when the file is larger than kMaxFileBytes.
std::optional<std::string> read_file_bytes(const std::filesystem::path& path,
                                           const std::string& display);

// Throws InputError located in `display` when the text is not valid UTF-8, holds a NUL byte or
// other control character, or indents a line with a tab.
void check_source_text(std::string_view text, const std::string& display);

// Line and column (1-based, column in bytes) of byte `offset`.
struct TextPosition {
  int line = 1;
  int column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

}  // namespace chainsim::config
