// phieu export answers: the readings of every form that came back, for Excel or another program
// (format: verify/answer_export.h).

#include <iostream>

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
  const std::string text = json ? AnswersJson(survey->name, survey->version, e->input, e->result)
                                : AnswersCsv(e->input, e->result);
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(out_file, text));
  int rows = 0, review = 0;
  for (const FormResult& f : e->result.forms) {
    if (f.verdict == Verdict::kNotReturned) continue;
    ++rows;
    if (f.verdict == Verdict::kNeedsReview) ++review;
  }
  out << "Wrote " << out_file << ": " << rows << " forms, " << AnswerColumns(e->input).size()
      << " items"
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

void AddExportCommand(CLI::App& app, Action& action) {
  struct Args {
    std::string db, out;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* exp = app.add_subcommand("export", "Write data for other programs");
  CLI::App* answers = exp->add_subcommand(
      "answers", "One row per returned form: its status and the answer to every item");
  answers->add_option("--out", args->out, "File to write (CSV, UTF-8 with BOM)")->required();
  answers->add_flag("--json", args->json, "Write JSON instead of CSV");
  AddDatabaseOption(*answers, args->db);
  answers->callback([args, &action] {
    action = [args] { return RunExportAnswers(args->db, args->out, args->json, std::cout); };
  });

  auto tallies_args = std::make_shared<ExportTalliesArgs>();
  CLI::App* tallies = exp->add_subcommand(
      "tallies", "The indexes and answer counts of the accepted forms, for Excel");
  tallies->add_option("--out", tallies_args->csv, "CSV file to write (UTF-8 with BOM)");
  tallies->add_option("--xlsx", tallies_args->xlsx, "Excel workbook to write");
  tallies->add_option("--by", tallies_args->by,
                      "Break down by unit, collector, a sample-list column, or a question code");
  tallies->add_option("--formula", tallies_args->formula,
                      "An index formula file (default: the built-in one for the survey)");
  AddDatabaseOption(*tallies, tallies_args->db);
  tallies->callback([tallies_args, &action] {
    action = [tallies_args] { return RunExportTallies(*tallies_args, std::cout); };
  });
}

}  // namespace phieu
