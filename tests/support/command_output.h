#pragma once
// Test helper: the standard output of a tool outside phieu (pdftotext, qpdf, python3), for tests
// that check what phieu wrote with another program.

#include <cstdio>
#include <string>

namespace phieu::test_support {

// The standard output of shell `command`; "" when it cannot be started.
inline std::string CommandOutput(const std::string& command) {
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    pclose(pipe);
  }
  return out;
}

}  // namespace phieu::test_support
