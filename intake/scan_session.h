#pragma once
// A scan session (`phieu scan`): scanned files read in bulk and in parallel, each file archived and
// every page's raw scores stored, in a batch. Safe to run again on the same files: a file read
// whole before is skipped, a half-read one (a killed or failed run) is finished in its batch.

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace phieu {

struct ScanOptions {
  // The batch: a name used before adds to that batch. "" = the batch a half-read file of this run
  // was started in, else a new batch named by the time.
  std::string batch;
  std::string operator_name;  // who is scanning
  std::string collector;      // who handed the forms in ("" = not known)
  std::string received_on;    // YYYY-MM-DD the forms came back ("" = today)
  int jobs = 0;               // threads reading pages (0 = all cores)
  double max_megapixels = 0;  // largest page read (0 = scanner/image_source.h ScanLimits' default)
  int max_pages = 0;          // most pages in one file (0 = ScanLimits' default)
};

// What a session tells as it goes. Every method has an empty default; all are called from the
// thread that called ScanFiles.
class ScanObserver {
 public:
  virtual ~ScanObserver() = default;
  // A file that is not read, as a sentence for a person: not a scan file, scanned before, or a copy
  // of a file given earlier.
  virtual void Skipped(const std::string& /*notice*/) {}
  // Reading starts: `pages` pages to read (0 when their count is not known).
  virtual void Started(int /*pages*/) {}
  // `done` pages of about `total` read and stored.
  virtual void Stored(int /*done*/, int /*total*/) {}
};

struct ScanReport {
  std::string batch;       // "" when there was nothing new to read
  bool continued = false;  // the batch existed before this run
  int threads = 0;
  int files = 0;                        // files given (scan files found in the folders given)
  int files_read = 0;                   // files read or tried (not skipped)
  int files_skipped = 0;                // scanned before, or a copy of a file given earlier
  int files_failed = 0;                 // not read, or not read whole: `failures` says why
  int pages = 0;                        // pages stored this run
  int pages_read = 0;                   // of them, read (a form and page found and registered)
  int forms = 0;                        // forms those pages are from
  int items_review = 0;                 // answers with an unsure mark
  int items_multiple = 0;               // answers with several marks
  std::map<std::string, int> not_read;  // "outcome: reason" -> pages stored but not read
  std::vector<std::string> failures;    // each names the file (and page)
};

// Reads the scan files and folders `paths` (folders searched recursively) into `db`, archiving
// each file beside it (store/archive.h) before its first page is stored, one transaction per page.
// A file that cannot be read is not a failure of the session: it is in the report's failures, is
// neither archived nor completed, and is tried again by the next run. Fails when no forms were
// printed from `db`, when a path does not exist, and when the database or the archive cannot be
// written; the pages stored before are kept, and the same call again finishes the work.
Result<ScanReport> ScanFiles(Database& db, const std::vector<std::string>& paths,
                             const ScanOptions& options, ScanObserver& observer);

}  // namespace phieu
