// phieu scan PATH... : read scanned forms in bulk, in parallel, storing every page's raw scores.
// phieu scan --explain IMAGE --out overlay.png : draw what the scanner saw on one page.

#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/progress.h"
#include "core/text.h"
#include "intake/reader_context.h"
#include "intake/scan_session.h"
#include "scanner/explain.h"
#include "scanner/image_source.h"
#include "scanner/page_reader.h"
#include "store/database.h"
#include "store/output_guard.h"

namespace phieu {
namespace {

// Tells a scan session's notices on `out` and its progress on stderr.
class PrintingObserver : public ScanObserver {
 public:
  explicit PrintingObserver(std::ostream& out) : out_(out) {}
  void Skipped(const std::string& notice) override { out_ << notice << "\n"; }
  void Started(int) override { progress_.emplace("Scanning pages"); }
  void Stored(int done, int total) override { progress_->Update(done, total); }

 private:
  std::ostream& out_;
  std::optional<Progress> progress_;
};

void PrintReport(const ScanReport& r, std::ostream& out) {
  out << "Scanned " << r.pages << " page(s) from " << r.files_read - r.files_failed
      << " file(s) into batch '" << r.batch << "'" << (r.continued ? ", continued" : "") << " ("
      << r.threads << " thread(s))\n"
      << "  pages read:           " << r.pages_read << "\n"
      << "  forms identified:     " << r.forms << "\n"
      << "  answers to review:    " << r.items_review << " unsure mark(s), " << r.items_multiple
      << " with several marks\n";
  int not_read = 0;
  for (const auto& [reason, count] : r.not_read) not_read += count;
  out << "  pages not read:       " << not_read << "\n";
  for (const auto& [reason, count] : r.not_read) out << "    " << count << " × " << reason << "\n";
  if (r.files_skipped) out << "  already scanned:      " << r.files_skipped << " file(s)\n";
  if (r.files_failed) {
    out << "  files that failed:    " << r.files_failed << "\n";
    for (const std::string& f : r.failures) out << "    " << f << "\n";
  }
}

}  // namespace

Status RunScan(const ScanArgs& args, std::ostream& out) {
  Result<std::unique_ptr<Database>> db = Database::Open(ResolveDatabasePath(args.db));
  if (!db.ok()) return db.status();
  PrintingObserver observer(out);
  Result<ScanReport> report =
      ScanFiles(**db, args.paths,
                {args.batch, args.operator_name, args.collector, args.received_on, args.jobs,
                 args.max_megapixels, args.max_pages},
                observer);
  if (!report.ok()) return report.status();
  if (report->files_read == 0) {
    out << "Nothing new to scan (" << report->files_skipped << " file(s) already scanned, "
        << report->files_failed << " failed).\n";
    for (const std::string& f : report->failures) out << "  " << f << "\n";
    if (report->files_failed) {
      return Status::Error(std::to_string(report->files_failed) +
                           " file(s) could not be read (listed above)");
    }
    return Status::Ok();
  }
  PrintReport(*report, out);
  if (report->files_failed) {
    // Everything else is stored; the exit status still tells a script that something needs a look.
    return Status::Error(std::to_string(report->files_failed) +
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
    out << ", form " << reading.form_code << " page " << reading.page << " (by "
        << reading.identified_by << "), " << reading.marks_found << " marks, residual "
        << reading.residual_px << " px";
  }
  if (!reading.reason.empty()) out << ": " << reading.reason;
  out << "\n" << ExplainItems(reading, ctx->items, ctx->thresholds);
  out << "Overlay written to " << out_path << "\n";
  return Status::Ok();
}

void AddScanCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<ScanArgs>();
  CLI::App* cmd =
      app.add_subcommand("scan", "Read scanned forms (PNG, JPEG, TIFF, PDF; files or folders)");
  cmd->add_option("PATH", args->paths, "Scan files or folders (searched recursively)");
  cmd->add_option("--batch", args->batch,
                  "Name of this batch; a name used before adds to that batch (default: the "
                  "batch of a half-read file, else a new batch named by the time)");
  cmd->add_option("--operator", args->operator_name, "Who is scanning");
  cmd->add_option("--collector", args->collector, "The collector who handed these forms in");
  cmd->add_option("--received-on", args->received_on,
                  "Date the forms came back, YYYY-MM-DD (default: today)");
  cmd->add_option("--jobs", args->jobs, "Pages read in parallel (default: all cores)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--max-megapixels", args->max_megapixels,
                  "Largest page read, in millions of pixels; larger ones are refused before they "
                  "are decoded (default: 69.6, A3 at 600 dpi)")
      ->check(CLI::Range(0.001, 100000.0));
  cmd->add_option(
         "--max-pages", args->max_pages,
         "Most pages in one file; a longer file is refused before it is read (default: 5000)")
      ->check(CLI::Range(1, 1000000));
  CLI::Option* explain = cmd->add_option("--explain", args->explain,
                                         "Draw what the scanner saw on this one image instead");
  CLI::Option* overlay =
      cmd->add_option("--out", args->out, "With --explain: the overlay PNG to write");
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
        return Status::Error("--received-on '" + args->received_on +
                             "' is not a date written YYYY-MM-DD");
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
