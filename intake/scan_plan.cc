#include "intake/scan_plan.h"

#include <algorithm>
#include <map>

#include "core/crypto.h"
#include "core/file.h"
#include "scanner/image_source.h"
#include "store/scan_store.h"

namespace phieu {

Result<ScanPlan> PlanScan(Database& db, const std::vector<std::string>& files,
                          const std::function<void(const std::string& notice)>& skipped) {
  ScanPlan plan;
  std::map<std::string, std::string> this_run;  // sha256 -> first path, so a copy is read once
  for (const std::string& path : files) {
    ++plan.files;
    Result<std::string> bytes = ReadFile(path);
    if (!bytes.ok()) {
      plan.failures.push_back(bytes.status().message());
      continue;
    }
    const std::string sha = Sha256Hex(*bytes);
    Result<KnownScanFile> known = LookupScanFile(db, sha);
    if (!known.ok()) return known.status();
    if (known->complete) {
      ++plan.files_skipped;
      skipped(path + ": already scanned" +
              (known->original_path != path ? " (as " + known->original_path + ")" : "") +
              "; nothing to do");
      continue;
    }
    if (const auto [first, added] = this_run.emplace(sha, path); !added) {
      ++plan.files_skipped;
      skipped(path + ": the same file as " + first->second + "; read once");
      continue;
    }
    if (known->known && plan.unfinished_batch.empty()) plan.unfinished_batch = known->batch;
    plan.jobs.push_back({path, sha, CountScanPages(path), known->stored_pages});
    plan.pages_to_read +=
        std::max(0, plan.jobs.back().pages - static_cast<int>(known->stored_pages.size()));
  }
  return plan;
}

}  // namespace phieu
