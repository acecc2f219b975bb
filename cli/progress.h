#pragma once
// Progress of long work on stderr: a line rewritten in place on a terminal, or a plain line every
// tenth of the way when stderr is a file or a pipe (logs stay readable).

#include <chrono>
#include <string>

namespace phieu {

class Progress {
 public:
  explicit Progress(std::string what);  // e.g. "Rendering forms"
  // Reports `done` of `total` items.
  void Update(int done, int total);

 private:
  std::string what_;
  bool terminal_;
  int last_tenth_ = -1;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace phieu
