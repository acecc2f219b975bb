// phieu report: the published PDF report (reports/report_pdf.h) of the accepted forms.

#include "cli/commands.h"
#include "core/file.h"
#include "reports/report_build.h"
#include "reports/report_pdf.h"
#include "reports/tally_csv.h"
#include "store/database.h"
#include "store/output_guard.h"

namespace phieu {

Status RunReport(const ReportArgs& args, std::ostream& out) {
  const std::string db_path = ResolveDatabasePath(args.db);
  PHIEU_RETURN_IF_ERROR(
      CheckOutputPath(args.out, "--out", db_path,
                      {{"the formula file", args.formula},
                       {"the earlier database", args.compare},
                       {"the question map", args.question_map}}));
  auto db = Database::Open(db_path);
  if (!db.ok()) return db.status();
  auto built = BuildReport(
      **db, {args.period, args.units, args.date, args.formula, args.compare, args.question_map});
  if (!built.ok()) return built.status();
  const TallySource* source = &built->source;
  const ReportInput& in = built->input;
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(args.out, built->pdf));
  const IndexResult& all = source->tally.all;
  out << "Wrote " << args.out << ": " << source->tally.formula.title << " "
      << (all.overall_defined ? IndexText(true, all.overall) : std::string("(no value)"))
      << (source->tally.formula.score == IndexScore::kShare && all.overall_defined ? " %" : "")
      << " over " << source->tally.accepted << " accepted forms";
  if (source->tally.needs_review > 0) {
    out << " (" << source->tally.needs_review
        << " forms still wait for review and are not counted)";
  }
  out << ".\nData fingerprint " << in.data_fingerprint.substr(0, 16) << ", log head "
      << in.log_head.substr(0, 16) << ", data as of " << (in.date.empty() ? "-" : in.date) << ".\n";
  return Status::Ok();
}

}  // namespace phieu
