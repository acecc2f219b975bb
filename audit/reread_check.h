#pragma once
// `phieu audit check`'s re-reading: every page the scanner read is read again from its archived
// image with today's scanner, on every core, and compared with what is stored. Scores may move by
// a hair on another machine (another OpenCV build); a bubble differs when a score moves by more
// than kRereadTolerance or its decision (filled / empty / unsure) changes.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace phieu {

inline constexpr double kRereadTolerance = 0.02;

// Which pages are read again: a share drawn from a seed the auditor gives, by the published ticket
// method of the sample draw (core/sample_draw.h DrawTicket), or, asked for explicitly, every one:
//   ticket(page) = lowercase hex SHA-256 of SEED + "," + ARCHIVE_PATH + "#" + PAGE (1-based page
//   within its archived file); the read pages ordered by ticket ascending, the first
//   n = ceil(share x read pages) (at least 1) read again.
// Anyone with the bundle and the seed can repeat it.
// There is no default draw: neither a seed nor `all` is refused (a share drawn from a seed the
// auditor did not choose would be no check of the exporter, who could pick it).
struct RereadOptions {
  std::string seed;     // the auditor's seed: a share of the read pages is drawn from it
  double share = 0.05;  // with a seed: the share of the read pages drawn, in (0, 1]
  bool all = false;     // every read page (no seed may be given then)
  int threads = 0;      // 0 = every core

  // Every read page.
  static RereadOptions Every() {
    RereadOptions o;
    o.all = true;
    return o;
  }
  // A share of the read pages, drawn from `seed`.
  static RereadOptions Drawn(std::string seed, double share = 0.05) {
    RereadOptions o;
    o.seed = std::move(seed);
    o.share = share;
    return o;
  }
};

inline constexpr const char* kRereadDrawMethod =
    "sha256-ticket-v1 over read pages: sha256(SEED,ARCHIVE#PAGE) ascending, "
    "n = ceil(share x read pages)";

// Ok when `options` asks for one thing: a seed (and a share in (0, 1]) or every page. The
// messages name no command-line flag, e.g. "no pages to read again: give a seed ...".
Status CheckRereadOptions(const RereadOptions& options);

// A read page's id in the draw: its archive path, "#" and its 1-based page in that file.
std::string RereadPageId(const std::string& archive_path, int page_index);

struct RereadCheck {
  int files = 0;                      // archived files opened
  int pages = 0;                      // pages read again
  int read_pages = 0;                 // pages the scanner read (all of them, drawn or not)
  std::vector<std::string> drawn;     // with a seed: the pages drawn (RereadPageId), by ticket
  std::vector<std::string> problems;  // each names the file and page; empty = every page agrees
};

// Re-reads the read pages of `db` that `options` draws (an audit bundle's copy: QR tags are not
// checked, the secret is withheld) from the archived scans in the bundle folder `bundle`: an
// archive path that would leave the bundle (audit/bundle_path.h) is a problem, and is not opened.
// The files are read on `options.threads` threads, each file by one of them; the problems are
// listed in the same order however many threads read. `progress`, when given, is told each page
// read again (from one thread at a time). Fails when the database cannot be read, when neither a
// seed nor `all` is given or both are, or when the share is outside (0, 1].
Result<RereadCheck> RereadArchivedPages(
    Database& db, const std::string& bundle, const RereadOptions& options,
    const std::function<void(int done, int total)>& progress = {});

}  // namespace phieu
