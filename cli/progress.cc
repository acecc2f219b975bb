#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace phieu {

Progress::Progress(std::string what)
    : what_(std::move(what)), terminal_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()) {}

void Progress::Update(int done, int total) {
  if (total <= 0) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? done / seconds : 0;
  const double left = rate > 0 ? (total - done) / rate : 0;
  if (terminal_) {
    std::fprintf(stderr, "\r%s: %d/%d (%.0f/s, %.0f s left)   ", what_.c_str(), done, total, rate,
                 left);
    if (done == total) std::fprintf(stderr, "\n");
    return;
  }
  const int tenth = done * 10 / total;
  if (tenth == last_tenth_) return;
  last_tenth_ = tenth;
  std::fprintf(stderr, "%s: %d/%d (%.0f/s)\n", what_.c_str(), done, total, rate);
}

}  // namespace phieu
