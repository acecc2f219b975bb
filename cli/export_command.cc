// phieu export answers: the readings of every form that came back, for Excel or another program
// (format: verify/answer_export.h).

#include "cli/commands.h"
#include "core/csv.h"
#include "core/file.h"
#include "reports/tally_csv.h"
#include "reports/tally_source.h"
#include "reports/tally_xlsx.h"
#include "store/database.h"
#include "store/output_guard.h"
#include "verify/answer_export.h"
#include "verify/evaluate.h"

namespace phieu {

Status RunExportAnswers(const std::string& db_flag, const std::string& out_file, bool json,
                        std::ostream& out) {
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(out_file, "--out", ResolveDatabasePath(db_flag)));
  auto db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  auto survey = (*db)->Survey();
  if (!survey.ok()) return survey.status();
  auto e = EvaluateDatabase(**db);
  if (!e.ok()) return e.status();
  const std::string text = json ? AnswersJson(survey->name, survey->version, e->input, e->result,
                                              e->channel_forms)
                                : AnswersCsv(e->input, e->result, e->channel_forms);
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(out_file, text));
  int rows = 0, review = 0;
  for (const FormResult& f : e->result.forms) {
    if (f.verdict == Verdict::kNotReturned) continue;
    ++rows;
    if (f.verdict == Verdict::kNeedsReview) ++review;
  }
  out << "Wrote " << out_file << ": " << rows << " forms"
      << (e->channel_forms.empty()
              ? ""
              : " and " + std::to_string(e->channel_forms.size()) + " channel answers")
      << ", " << AnswerColumns(e->input, e->channel_forms).size() << " items"
      << (review ? "; " + std::to_string(review) + " forms still need review ('?')" : "") << ".\n";
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
