#pragma once
// The one exception type of output/: a result file could not be written or read.
#include <stdexcept>

namespace chainsim::output {

// Every message names the file concerned and says what went wrong.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace chainsim::output
