// phieu scan PATH... : read scanned forms in bulk, in parallel, storing every page's raw scores.
// phieu scan --explain IMAGE --out overlay.png : draw what the scanner saw on one page.

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <queue>
#include <set>
#include <thread>

#include "cli/commands.h"
#include "cli/reader_context.h"
#include "cli/progress.h"
#include "core/crypto.h"
#include "core/file.h"
#include "core/layout_json.h"
#include "core/survey_yaml.h"
#include "core/text.h"
#include "scanner/explain.h"
#include "scanner/image_source.h"
#include "scanner/page_reader.h"
#include "store/archive.h"
#include "store/database.h"
#include "store/output_guard.h"
#include "store/scan_store.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

PageRecord ToRecord(int index, const PageReading& r) {
  PageRecord p;
  p.page_index = index;
  p.outcome = PageOutcomeName(r.outcome);
  p.reason = r.reason, p.identified_by = r.identified_by, p.qr_text = r.qr_text;
  p.template_id = r.template_id, p.form_code = r.form_code;
  p.page = r.page, p.tag_valid = r.tag_valid, p.quarter_turns = r.quarter_turns;
  p.marks_found = r.marks_found, p.residual_px = r.residual_px;
  p.paper_level = r.registration.paper_level, p.ink_level = r.registration.ink_level;
  p.transform = r.registration.transform.m;
  p.bubbles = r.bubbles;
  for (const TextBoxInk& t : r.text_boxes) p.text_boxes.push_back({t.question, t.ink, t.has_ink});
  return p;
}

struct FileJob {
  std::string path, sha256;
  int pages = 0;               // CountScanPages(path), counted once
  std::set<int> stored_pages;  // pages of a half-scanned file already in the database
};

// A worker's report: one page read, a file finished, or a file that failed to load.
struct WorkerEvent {
  std::size_t job = 0;
  enum Kind { kPage, kFileDone, kFileFailed } kind = kPage;
  int pages = 0;         // kFileDone: pages in the file
  PageRecord page;       // kPage
  std::string error;     // kFileFailed
};

class EventQueue {
 public:
  void Push(WorkerEvent event) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      events_.push(std::move(event));
    }
    ready_.notify_one();
  }
  WorkerEvent Pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !events_.empty(); });
    WorkerEvent event = std::move(events_.front());
    events_.pop();
    return event;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::queue<WorkerEvent> events_;
};

// "PATH: " for a one-page file, "PATH: page 3: " for a page of a longer one.
std::string PageName(const std::string& path, int index, int count) {
  return path + ": " + (count > 1 ? "page " + std::to_string(index + 1) + ": " : "");
}

// Reads the pages of `job` not stored yet, one at a time, reporting each to `events`, then the
// file done. A file that cannot be opened, is over a limit, or has a page that cannot be decoded
// or read (for lack of memory too) is reported failed: it is not completed, so the next run
// tries it again, from its first page not stored.
void ReadFileJob(std::size_t j, const ScanLimits& limits, PageReader& reader, const FileJob& job,
                 EventQueue& events) {
  Result<std::unique_ptr<ScanPages>> source = ScanPages::Open(job.path, limits);
  if (!source.ok()) {
    events.Push({j, WorkerEvent::kFileFailed, 0, {}, source.status().message()});
    return;
  }
  ScanPages& pages = **source;
  for (int i = 0; i < pages.count(); ++i) {
    if (job.stored_pages.count(i)) continue;
    std::string failure;
    try {
      Result<GreyImage> image = pages.Page(i);
      if (image.ok()) {
        events.Push({j, WorkerEvent::kPage, 0, ToRecord(i, reader.Read(*image)), ""});
        continue;
      }
      failure = image.status().message();
    } catch (const std::bad_alloc&) {
      failure = PageName(job.path, i, pages.count()) +
                "not enough memory to read it; run the scan again with fewer --jobs";
    } catch (const std::exception& e) {  // e.g. an OpenCV error: this file fails, not the run
      failure = PageName(job.path, i, pages.count()) + "cannot be read (" + e.what() +
                "); run the scan again";
    }
    events.Push({j, WorkerEvent::kFileFailed, 0, {}, failure});
    return;
  }
  events.Push({j, WorkerEvent::kFileDone, pages.count(), {}, ""});
}

struct ScanSummary {
  int files = 0, files_skipped = 0, files_failed = 0;
  int pages = 0, pages_read = 0;
  std::set<std::string> forms;
  int items_review = 0, items_multiple = 0;
  std::map<std::string, int> rejected;  // outcome: reason -> pages
  std::vector<std::string> failures;
};

}  // namespace

Status RunScan(const ScanArgs& args, std::ostream& out) {
  const std::string db_path = ResolveDatabasePath(args.db);
  Result<std::unique_ptr<Database>> db = Database::Open(db_path);
  if (!db.ok()) return db.status();
  Result<ReaderContext> ctx = LoadReaderContext(**db);
  if (!ctx.ok()) return ctx.status();
  if (ctx->layouts.empty()) {
    return Status::Error("no forms were printed from " + db_path + ", so no scan can be read yet; "
                         "print them first ('phieu forms print')");
  }
  Result<ScanFileList> list = CollectScanFiles(args.paths);
  if (!list.ok()) return list.status();
  for (const std::string& skipped : list->skipped) out << "Skipped " << skipped << "\n";

  ScanSummary summary;
  std::vector<FileJob> jobs;
  std::map<std::string, std::string> this_run;  // sha256 -> first path, so a copy is read once
  std::string unfinished_batch;  // the batch of a file a killed or failed run left half-read
  int total_pages = 0;
  for (const std::string& path : list->files) {
    ++summary.files;
    Result<std::string> bytes = ReadFile(path);
    if (!bytes.ok()) {
      ++summary.files_failed;
      summary.failures.push_back(bytes.status().message());
      continue;
    }
    const std::string sha = Sha256Hex(*bytes);
    Result<KnownScanFile> known = LookupScanFile(**db, sha);
    if (!known.ok()) return known.status();
    if (known->complete) {
      ++summary.files_skipped;
      out << path << ": already scanned" << (known->original_path != path ? " (as " + known->original_path + ")" : "")
          << "; nothing to do\n";
      continue;
    }
    if (const auto [first, added] = this_run.emplace(sha, path); !added) {
      ++summary.files_skipped;
      out << path << ": the same file as " << first->second << "; read once\n";
      continue;
    }
    if (known->known && unfinished_batch.empty()) unfinished_batch = known->batch;
    jobs.push_back({path, sha, CountScanPages(path), known->stored_pages});
    total_pages += std::max(0, jobs.back().pages - static_cast<int>(known->stored_pages.size()));
  }
  if (jobs.empty()) {
    out << "Nothing new to scan (" << summary.files_skipped << " file(s) already scanned, "
        << summary.files_failed << " failed).\n";
    for (const std::string& f : summary.failures) out << "  " << f << "\n";
    if (summary.files_failed) {
      return Status::Error(std::to_string(summary.files_failed) +
                           " file(s) could not be read (listed above)");
    }
    return Status::Ok();
  }

  // A rerun continues its batch: the one named, or without a name the one a half-read file of
  // this run was started in (a run that was killed), so that its sheets are numbered as one pile.
  // Without either, a new batch named by the time (made unique: another station may have started
  // one in the same second).
  const bool named = !args.batch.empty() || !unfinished_batch.empty();
  const ScanBatchInfo info{!args.batch.empty()         ? args.batch
                           : !unfinished_batch.empty() ? unfinished_batch
                                                       : "scan " + UtcTimestampNow(),
                           args.operator_name, args.collector, args.received_on};
  Result<OpenedBatch> batch = named ? OpenScanBatch(**db, info) : StartNewScanBatch(**db, info);
  if (!batch.ok()) return batch.status();
  const std::int64_t batch_id = batch->id;
  const std::string& batch_name = batch->name;

  ScanLimits limits;
  if (args.max_megapixels > 0) {
    limits.max_pixels = static_cast<std::int64_t>(std::llround(args.max_megapixels * 1e6));
  }
  if (args.max_pages > 0) limits.max_pages = args.max_pages;
  const int threads = std::max(1, args.jobs > 0 ? args.jobs
                                                : static_cast<int>(std::thread::hardware_concurrency()));
  EventQueue events;
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      PageReader reader = ctx->MakeReader();
      for (std::size_t j = next++; j < jobs.size(); j = next++) ReadFileJob(j, limits, reader, jobs[j], events);
    });
  }

  // The database is written from this thread only, one transaction per page.
  Progress progress("Scanning pages");
  std::size_t finished = 0;
  std::set<std::size_t> started;
  Status failure;
  while (finished < jobs.size()) {
    WorkerEvent event = events.Pop();
    const FileJob& job = jobs[event.job];
    if (!failure.ok()) {
      if (event.kind != WorkerEvent::kPage) ++finished;
      continue;  // drain the workers after a database failure
    }
    if (event.kind == WorkerEvent::kFileFailed) {
      ++finished, ++summary.files_failed;
      summary.failures.push_back(event.error);
      continue;
    }
    if (!started.count(event.job)) {
      // The file loaded: archive it (a file that fails to load is neither archived nor recorded,
      // so it is tried again next time).
      started.insert(event.job);
      Result<std::string> bytes = ReadFile(job.path);
      Result<std::string> archived =
          bytes.ok() ? ArchiveScanFile(db_path, *bytes, job.sha256,
                                       AsciiLower(fs::path(job.path).extension().string()))
                     : Result<std::string>(bytes.status());
      if (!archived.ok()) {
        failure = archived.status();
        continue;
      }
      failure = StartScanFile(**db, job.sha256, job.path, *archived,
                              static_cast<std::int64_t>(fs::file_size(job.path)),
                              job.pages, batch_id);
      if (!failure.ok()) continue;
    }
    if (event.kind == WorkerEvent::kFileDone) {
      ++finished;
      failure = CompleteScanFile(**db, job.sha256);
      continue;
    }
    const PageRecord& page = event.page;
    failure = StorePage(**db, job.sha256, page);
    ++summary.pages;
    progress.Update(summary.pages, std::max(total_pages, summary.pages));
    if (page.outcome != "read") {
      ++summary.rejected[page.outcome + (page.reason.empty() ? "" : ": " + page.reason)];
      continue;
    }
    ++summary.pages_read;
    summary.forms.insert(page.form_code);
    for (const ItemReading& item : DecideItems(ctx->items, page.bubbles, ctx->thresholds)) {
      summary.items_review += item.state == ItemState::kReview;
      summary.items_multiple += item.state == ItemState::kMultiple;
    }
  }
  for (std::thread& w : workers) w.join();
  if (!failure.ok()) {
    return Status::Error(failure.message() + "\nThe pages stored so far are kept; run the same "
                         "command again to finish.");
  }

  out << "Scanned " << summary.pages << " page(s) from " << jobs.size() - summary.files_failed
      << " file(s) into batch '" << batch_name << "'" << (batch->continued ? ", continued" : "")
      << " (" << threads << " thread(s))\n"
      << "  pages read:           " << summary.pages_read << "\n"
      << "  forms identified:     " << summary.forms.size() << "\n"
      << "  answers to review:    " << summary.items_review << " unsure mark(s), "
      << summary.items_multiple << " with several marks\n";
  int rejected = 0;
  for (const auto& [reason, count] : summary.rejected) rejected += count;
  out << "  pages not read:       " << rejected << "\n";
  for (const auto& [reason, count] : summary.rejected) out << "    " << count << " × " << reason << "\n";
  if (summary.files_skipped) out << "  already scanned:      " << summary.files_skipped << " file(s)\n";
  if (summary.files_failed) {
    out << "  files that failed:    " << summary.files_failed << "\n";
    for (const std::string& f : summary.failures) out << "    " << f << "\n";
    // Everything else is stored; the exit status still tells a script that something needs a look.
    return Status::Error(std::to_string(summary.files_failed) +
                         " file(s) could not be read (listed above); the other pages are stored. "
                         "Scan those sheets again and run the command again");
  }
  return Status::Ok();
}

Status RunExplain(const std::string& db_flag, const std::string& image_path,
                  const std::string& out_path, std::ostream& out) {
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(out_path, "--out", ResolveDatabasePath(db_flag),
                                        {{"the scan being explained", image_path}}));
  Result<std::unique_ptr<Database>> db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  Result<ReaderContext> ctx = LoadReaderContext(**db);
  if (!ctx.ok()) return ctx.status();
  Result<std::unique_ptr<ScanPages>> pages = ScanPages::Open(image_path);
  if (!pages.ok()) return pages.status();
  Result<GreyImage> image = (*pages)->Page(0);
  if (!image.ok()) return image.status();
  PageReader reader = ctx->MakeReader();
  const PageReading reading = reader.Read(*image);
  const LayoutPage* layout = nullptr;
  if (const auto found = ctx->layouts.find(reading.template_id);
      found != ctx->layouts.end() && reading.page >= 1 &&
      reading.page <= static_cast<int>(found->second.pages.size())) {
    layout = &found->second.pages[reading.page - 1];
  }
  PHIEU_RETURN_IF_ERROR(WriteExplainOverlay(*image, reading, layout, ctx->thresholds, out_path));
  out << image_path << ": " << PageOutcomeName(reading.outcome);
  if (!reading.form_code.empty()) {
    out << ", form " << reading.form_code << " page " << reading.page << " (by " << reading.identified_by
        << "), " << reading.marks_found << " marks, residual " << reading.residual_px << " px";
  }
  if (!reading.reason.empty()) out << ": " << reading.reason;
  out << "\n" << ExplainItems(reading, ctx->items, ctx->thresholds);
  out << "Overlay written to " << out_path << "\n";
  return Status::Ok();
}

void AddScanCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd = app.add_subcommand("scan", "Read scanned forms (PNG, JPEG, TIFF, PDF; files or folders)");
  cmd->add_option("PATH", args->paths, "Scan files or folders (searched recursively)");
  cmd->add_option("--batch", args->batch,
                  "Name of this batch; a name used before adds to that batch (default: the "
                  "batch of a half-read file, else a new batch named by the time)");
  cmd->add_option("--operator", args->operator_name, "Who is scanning");
  cmd->add_option("--collector", args->collector, "The collector who handed these forms in");
  cmd->add_option("--received-on", args->received_on, "Date the forms came back, YYYY-MM-DD (default: today)");
  cmd->add_option("--jobs", args->jobs, "Pages read in parallel (default: all cores)")->check(CLI::Range(1, 256));
  cmd->add_option("--max-megapixels", args->max_megapixels,
                  "Largest page read, in millions of pixels; larger ones are refused before they "
                  "are decoded (default: 69.6, A3 at 600 dpi)")
      ->check(CLI::Range(0.001, 100000.0));
  cmd->add_option("--max-pages", args->max_pages,
                  "Most pages in one file; a longer file is refused before it is read (default: 5000)")
      ->check(CLI::Range(1, 1000000));
  CLI::Option* explain =
      cmd->add_option("--explain", args->explain, "Draw what the scanner saw on this one image instead");
  CLI::Option* overlay = cmd->add_option("--out", args->out, "With --explain: the overlay PNG to write");
  explain->needs(overlay);
  overlay->needs(explain);
  AddDatabaseOption(*cmd, args->db);
  cmd->callback([args, &action] {
    if (args->explain.empty() && args->paths.empty()) {
      throw CLI::ValidationError("PATH", "name the scan files or folders to read");
    }
    action = [args]() -> Status {
      if (!args->explain.empty()) return RunExplain(args->db, args->explain, args->out, std::cout);
      if (!args->received_on.empty() && !IsIsoDate(args->received_on)) {
        return Status::Error("--received-on '" + args->received_on + "' is not a date written YYYY-MM-DD");
      }
      if (args->operator_name.empty()) {
        const char* user = std::getenv("USER");
        args->operator_name = user ? user : "";
      }
      return RunScan(*args, std::cout);
    };
  });
}

}  // namespace phieu
