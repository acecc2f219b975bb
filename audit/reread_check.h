#pragma once
// `phieu audit check`'s re-reading: every page the scanner read is read again from its archived
// image with today's scanner, on every core, and compared with what is stored. Scores may move by
// a hair on another machine (another OpenCV build); a bubble differs when a score moves by more
// than kRereadTolerance or its decision (filled / empty / unsure) changes.

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace phieu {

inline constexpr double kRereadTolerance = 0.02;

struct RereadCheck {
  int files = 0;                      // archived files opened
  int pages = 0;                      // pages read again
  std::vector<std::string> problems;  // each names the file and page; empty = every page agrees
};

// Re-reads every read page of `db` (an audit bundle's copy: QR tags are not checked, the secret
// is withheld) from the archived scans in the bundle folder `bundle`: an archive path that would
// leave the bundle (audit/bundle_path.h) is a problem, and is not opened. The files are read on
// `threads` threads (0 = every core), each file by one of them; the problems are listed in the
// same order however many threads read. `progress`, when given, is told each page read again
// (from one thread at a time). Fails only when the database cannot be read.
Result<RereadCheck> RereadArchivedPages(
    Database& db, const std::string& bundle,
    const std::function<void(int done, int total)>& progress = {}, int threads = 0);

}  // namespace phieu
