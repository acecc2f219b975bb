// phieu export answers: the readings of every form that came back, for Excel or another program
// (reports/answers_export.h).

#include "cli/commands.h"
#include "core/csv.h"
#include "core/file.h"
#include "reports/answers_export.h"
#include "reports/tally_csv.h"
#include "reports/tally_source.h"
#include "reports/tally_xlsx.h"
#include "store/database.h"
#include "store/output_guard.h"

namespace phieu {

Status RunExportAnswers(const ExportAnswersArgs& args, std::ostream& out) {
  const std::string db_path = ResolveDatabasePath(args.db);
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(args.out, "--out", db_path));
  PHIEU_RETURN_IF_ERROR(
      CheckOutputPath(args.xlsx, "--xlsx", db_path, {{"the --out output", args.out}}));
  auto db = Database::Open(db_path);
  if (!db.ok()) return db.status();
  Result<AnswersExportSummary> summary =
      ExportAnswers(**db, {args.out, args.json, args.xlsx, args.anonymous, args.with_text});
  if (!summary.ok()) return summary.status();
  for (const std::string& file : {args.out, args.xlsx}) {
    if (file.empty()) continue;
    out << "Wrote " << file << ": " << summary->forms << " forms"
        << (summary->channel_answers
                ? " and " + std::to_string(summary->channel_answers) + " channel answers"
                : "")
        << ", " << summary->items << " items"
        << (summary->needs_review
                ? "; " + std::to_string(summary->needs_review) + " forms still need review ('?')"
                : "")
        << (args.anonymous ? "; no form codes or sample ids" : "")
        << (args.with_text ? "; with the write-ins typed (not for publication)" : "") << ".\n";
  }
  return Status::Ok();
}

Status RunExportTallies(const ExportTalliesArgs& args, std::ostream& out) {
  if (args.csv.empty() && args.xlsx.empty()) {
    return Status::Error("say where to write: --out FILE.csv and/or --xlsx FILE.xlsx");
  }
  const std::string db_path = ResolveDatabasePath(args.db);
  const GuardedInput formula{"the formula file", args.formula};
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(args.csv, "--out", db_path, {formula}));
  PHIEU_RETURN_IF_ERROR(
      CheckOutputPath(args.xlsx, "--xlsx", db_path, {formula, {"the --out output", args.csv}}));
  auto db = Database::Open(db_path);
  if (!db.ok()) return db.status();
  auto source = LoadTally(**db, args.formula, args.by);
  if (!source.ok()) return source.status();
  if (!args.csv.empty()) {
    PHIEU_RETURN_IF_ERROR(WriteFileAtomically(
        args.csv, std::string(kUtf8Bom) + TallyCsv(source->survey, source->tally)));
    out << "Wrote " << args.csv << "\n";
  }
  if (!args.xlsx.empty()) {
    PHIEU_RETURN_IF_ERROR(WriteTallyXlsx(source->survey, source->tally, args.xlsx));
    out << "Wrote " << args.xlsx << "\n";
  }
  out << "Tallies of " << source->tally.accepted << " accepted forms under formula "
      << source->tally.formula.name << " " << source->tally.formula.version << "; "
      << source->tally.needs_review << " forms waiting for review are not counted.\n";
  return Status::Ok();
}

}  // namespace phieu
