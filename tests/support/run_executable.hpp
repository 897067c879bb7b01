#pragma once
// Runs the chainsim executable (CHAINSIM_EXE) with arguments through the shell and captures what
// it printed: the end-to-end tests check exit codes and messages exactly as a user sees them.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace chainsim::testing {

struct Outcome {
  int code;
  std::string output;  // stdout and stderr together
};

inline Outcome run_chainsim(const std::string& args) {
  const std::string command = std::string(CHAINSIM_EXE) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace chainsim::testing
