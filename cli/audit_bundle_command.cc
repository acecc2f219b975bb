// phieu audit export | check: the bundle an auditor takes to their own machine
// (audit/bundle_export.h), and the check they run there (audit/bundle_check.h).

#include <memory>
#include <optional>
#include <utility>

#include "audit/bundle_check.h"
#include "audit/bundle_export.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "store/database.h"
#include "store/output_guard.h"

namespace phieu {

Status RunAuditExport(const AuditExportArgs& args, std::ostream& out) {
  const std::string db_path = ResolveDatabasePath(args.db);
  PHIEU_RETURN_IF_ERROR(
      CheckOutputPath(args.dir, "folder", db_path, {{"the formula file", args.formula}}));
  auto db = Database::Open(db_path);
  if (!db.ok()) return db.status();
  ReportOptions report;
  report.period = args.period, report.units = args.units, report.date = args.date;
  report.formula = args.formula;
  report.issuer = args.issuer;
  auto bundle = ExportAuditBundle(**db, args.dir, {args.redact, report});
  if (!bundle.ok()) return bundle.status();
  out << "Wrote the audit bundle " << args.dir << ": " << bundle->files << " files ("
      << bundle->archived_scans << " archived scans, " << bundle->templates
      << " template(s), the report and the answers and tallies it counts).\n";
  out << "Withheld from its database: the form secret"
      << (args.redact ? "; names, addresses, phones and extra columns of " +
                            std::to_string(bundle->withheld_people) + " people"
                      : " (personal data is included: use --redact to remove it)")
      << ".\n";
  out << "Log head: " << bundle->log_head << "\n";
  out << "Root hash: " << bundle->root << "\n";
  out << "Publish the root hash; the auditor runs: phieu audit check " << args.dir << " --root "
      << bundle->root << " --seed SEED (a seed of their own choosing; --all reads every page)\n";
  return Status::Ok();
}

Status RunAuditCheck(const AuditCheckArgs& args, std::ostream& out) {
  const std::string& dir = args.dir;
  const std::string& root = args.root;
  if (args.all == !args.seed.empty()) {
    // No seed is made up for the auditor: one derived from the bundle (its root hash, say) could
    // be steered by whoever exported it, re-exporting until the draw misses an edited page.
    return Status::UsageError(
        args.all ? "--all reads every page again; --seed draws a share of them: give one, not both"
                 : "which pages should be read again? Give --seed SEED to read a share of them "
                   "(--share, 0.05 by default) drawn from a seed of your own choosing (any text, "
                   "e.g. your name and today's date), or --all to read every page");
  }
  std::optional<Progress> progress;
  const RereadOptions reread =
      args.all ? RereadOptions::Every() : RereadOptions::Drawn(args.seed, args.share);
  auto check = CheckAuditBundle(dir, root, reread, [&](int done, int total) {
    if (!progress) progress.emplace("Reading archived pages again");
    progress->Update(done, total);
  });
  if (!check.ok()) return check.status();
  for (const BundleCheckLine& line : check->lines) {
    out << (line.problems.empty() ? "PASS " : "FAIL ") << line.name << "\n";
    if (!line.detail.empty()) out << "     " << line.detail << "\n";
    if (line.name.rfind("re-reading", 0) == 0) {
      for (const std::string& page : check->reread_drawn) out << "     drawn: " << page << "\n";
    }
    for (const std::string& p : line.problems) out << "     - " << p << "\n";
  }
  if (check->failed() > 0) {
    return Status::Error(dir + ": " + std::to_string(check->failed()) + " of " +
                         std::to_string(check->lines.size()) + " checks failed");
  }
  out << "All " << check->lines.size() << " checks pass: the bundle is what phieu recorded"
      << (root.empty() ? " (give --root HASH to compare with the published root hash)" : "")
      << ".\n";
  return Status::Ok();
}

}  // namespace phieu
