#include "chainsim/config/errors.hpp"

#include <utility>

namespace chainsim::config {

InputError::InputError(std::string file_, int line_, int column_, std::string key_path_,
                       std::string message_, std::string hint_)
    : file(std::move(file_)),
      line(line_),
      column(column_),
      key_path(std::move(key_path_)),
      message(std::move(message_)),
      hint(std::move(hint_)) {}

InputError::InputError(const Location& where, std::string key_path_, std::string message_,
                       std::string hint_)
    : InputError(where.file_name(), where.line, where.column, std::move(key_path_),
                 std::move(message_), std::move(hint_)) {}

const char* InputError::what() const noexcept {
  try {
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": error: ";
    if (!key_path.empty()) out += key_path + ": ";
    out += message;
    if (!hint.empty()) out += " (hint: " + hint + ")";
    what_ = std::move(out);
    return what_.c_str();
  } catch (...) {
    return message.c_str();
  }
}

}  // namespace chainsim::config
