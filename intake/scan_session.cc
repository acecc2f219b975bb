#include "intake/scan_session.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <set>
#include <thread>

#include "core/file.h"
#include "core/mark_decision.h"
#include "core/text.h"
#include "intake/file_readers.h"
#include "intake/reader_context.h"
#include "intake/scan_plan.h"
#include "scanner/image_source.h"
#include "core/memory_reuse.h"
#include "store/archive.h"
#include "store/scan_store.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

// A rerun continues its batch: the one named, or without a name the one a half-read file of this
// run was started in (a run that was killed), so that its sheets are numbered as one pile.
// Without either, a new batch named by the time (made unique: another station may have started
// one in the same second).
Result<OpenedBatch> OpenBatch(Database& db, const ScanOptions& options,
                              const std::string& unfinished_batch) {
  const bool named = !options.batch.empty() || !unfinished_batch.empty();
  const ScanBatchInfo info{!options.batch.empty()      ? options.batch
                           : !unfinished_batch.empty() ? unfinished_batch
                                                       : "scan " + UtcTimestampNow(),
                           options.operator_name, options.collector, options.received_on};
  return named ? OpenScanBatch(db, info) : StartNewScanBatch(db, info);
}

ScanLimits LimitsOf(const ScanOptions& options) {
  ScanLimits limits;
  if (options.max_megapixels > 0) {
    limits.max_pixels = static_cast<std::int64_t>(std::llround(options.max_megapixels * 1e6));
  }
  if (options.max_pages > 0) limits.max_pages = options.max_pages;
  return limits;
}

// Archives the file of `job` and records it in `batch_id`: done when its first page arrives, so a
// file that fails to load is neither archived nor recorded, and is tried again next time.
Status StartFile(Database& db, const FileJob& job, std::int64_t batch_id) {
  Result<std::string> bytes = ReadFile(job.path);
  if (!bytes.ok()) return bytes.status();
  Result<std::string> archived = ArchiveScanFile(
      db.path(), *bytes, job.sha256, AsciiLower(fs::path(job.path).extension().string()));
  if (!archived.ok()) return archived.status();
  return StartScanFile(db, job.sha256, job.path, *archived,
                       static_cast<std::int64_t>(fs::file_size(job.path)), job.pages, batch_id);
}

}  // namespace

Result<ScanReport> ScanFiles(Database& db, const std::vector<std::string>& paths,
                             const ScanOptions& options, ScanObserver& observer) {
  Result<ReaderContext> ctx = LoadReaderContext(db);
  if (!ctx.ok()) return ctx.status();
  if (ctx->layouts.empty()) {
    return Status::Error("no forms were printed from " + db.path() +
                         ", so no scan can be read yet; print them first ('phieu forms print')");
  }
  Result<ScanFileList> list = CollectScanFiles(paths);
  if (!list.ok()) return list.status();
  for (const std::string& skipped : list->skipped) observer.Skipped("Skipped " + skipped);

  Result<ScanPlan> plan =
      PlanScan(db, list->files, [&](const std::string& notice) { observer.Skipped(notice); });
  if (!plan.ok()) return plan.status();
  ScanReport report;
  report.files = plan->files;
  report.files_read = static_cast<int>(plan->jobs.size());
  report.files_skipped = plan->files_skipped;
  report.files_failed = static_cast<int>(plan->failures.size());
  report.failures = plan->failures;
  if (plan->jobs.empty()) return report;

  Result<OpenedBatch> batch = OpenBatch(db, options, plan->unfinished_batch);
  if (!batch.ok()) return batch.status();
  report.batch = batch->name;
  report.continued = batch->continued;
  report.threads = std::max(
      1, options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency()));

  // The database is written from this thread only, one transaction per page.
  const std::vector<FileJob>& jobs = plan->jobs;
  observer.Started(plan->pages_to_read);
  KeepFreedMemoryForReuse();
  FileReaders readers(*ctx, jobs, LimitsOf(options), report.threads);
  std::size_t finished = 0;
  std::set<std::size_t> started;
  std::set<std::string> forms;
  Status failure;
  while (finished < jobs.size()) {
    WorkerEvent event = readers.Next();
    const FileJob& job = jobs[event.job];
    if (!failure.ok()) {
      if (event.kind != WorkerEvent::kPage) ++finished;
      continue;  // drain the workers after a database failure
    }
    if (event.kind == WorkerEvent::kFileFailed) {
      ++finished, ++report.files_failed;
      report.failures.push_back(event.error);
      continue;
    }
    if (!started.count(event.job)) {
      started.insert(event.job);
      failure = StartFile(db, job, batch->id);
      if (!failure.ok()) continue;
    }
    if (event.kind == WorkerEvent::kFileDone) {
      ++finished;
      failure = CompleteScanFile(db, job.sha256);
      continue;
    }
    const PageRecord& page = event.page;
    failure = StorePage(db, job.sha256, page);
    ++report.pages;
    observer.Stored(report.pages, std::max(plan->pages_to_read, report.pages));
    if (page.outcome != PageOutcome::kRead) {
      ++report.not_read[std::string(PageOutcomeName(page.outcome)) +
                        (page.reason.empty() ? "" : ": " + page.reason)];
      continue;
    }
    ++report.pages_read;
    forms.insert(page.form_code);
    for (const ItemReading& item : DecideItems(ctx->items, page.bubbles, ctx->thresholds)) {
      report.items_review += item.state == ItemState::kReview;
      report.items_multiple += item.state == ItemState::kMultiple;
    }
  }
  report.forms = static_cast<int>(forms.size());
  if (!failure.ok()) {
    return Status::Error(failure.message() +
                         "\nThe pages stored so far are kept; run the same command again to "
                         "finish.");
  }
  return report;
}

}  // namespace phieu
