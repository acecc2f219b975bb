// phieu scan PATH... : read scanned forms in bulk, in parallel, storing every page's raw scores.
// phieu scan --explain IMAGE --out overlay.png : draw what the scanner saw on one page.

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
        << PageIdentificationName(reading.identified_by) << "), " << reading.marks_found
        << " marks, residual " << reading.residual_px << " px";
  }
  if (!reading.reason.empty()) out << ": " << reading.reason;
  out << "\n" << ExplainItems(reading, ctx->items, ctx->thresholds);
  out << "Overlay written to " << out_path << "\n";
  return Status::Ok();
}

}  // namespace phieu
