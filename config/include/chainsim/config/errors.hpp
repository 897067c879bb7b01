#pragma once
// The one error type of the loader: a user error with a source location.
#include <exception>
#include <string>

#include "chainsim/config/location.hpp"

namespace chainsim::config {

// A user error (bad file, bad YAML, bad value); the CLI maps it to exit code 2.
class InputError : public std::exception {
 public:
  std::string file;          // path as given, "--set" for command-line overrides, or a text's name
  int line = 0, column = 0;  // 1-based; 0 when unknown
  std::string key_path;      // e.g. "reception.pools.network.capacity"; "" for file-level errors
  std::string message;       // what is wrong, e.g. "must be >= 0, got -5"
  std::string hint;          // optional, e.g. "did you mean 'capacity'?"

  InputError() = default;
  InputError(std::string file_, int line_, int column_, std::string key_path_, std::string message_,
             std::string hint_ = {});
  InputError(const Location& where, std::string key_path_, std::string message_,
             std::string hint_ = {});

  // "FILE:LINE:COL: error: KEY: MESSAGE (hint: HINT)"; parts that are unknown are left out.
  const char* what() const noexcept override;

 private:
  mutable std::string what_;
};

}  // namespace chainsim::config
