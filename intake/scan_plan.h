#pragma once
// The first step of a scan session: which of the files given are read, by their content
// (SHA-256), so a file scanned before, or given twice, is never read twice.

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace phieu {

// A file to read, and what of it is stored already.
struct FileJob {
  std::string path, sha256;
  int pages = 0;               // CountScanPages(path), counted once
  std::set<int> stored_pages;  // pages of a half-scanned file already in the database
};

struct ScanPlan {
  std::vector<FileJob> jobs;          // in the order given
  int files = 0;                      // files given
  int files_skipped = 0;              // scanned before, or a copy of a file earlier in the list
  std::vector<std::string> failures;  // files that could not be read at all, with the reason
  // The batch a file of this run was left half-read in by a killed or failed run ("" = none).
  std::string unfinished_batch;
  int pages_to_read = 0;  // pages of `jobs` not stored yet
};

// Sorts `files` into those to read and those not to. Each file skipped is told to `skipped` as a
// sentence for a person ("PATH: already scanned; nothing to do"). Fails only when the database
// cannot be read.
Result<ScanPlan> PlanScan(Database& db, const std::vector<std::string>& files,
                          const std::function<void(const std::string& notice)>& skipped);

}  // namespace phieu
