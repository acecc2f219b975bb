// phieu export answers: the readings of every form that came back, for Excel or another program
// (format: verify/answer_export.h).

#include <iostream>

#include "cli/commands.h"
#include "core/file.h"
#include "verify/answer_export.h"
#include "verify/evaluate.h"

namespace phieu {

Status RunExportAnswers(const std::string& db_flag, const std::string& out_file, bool json,
                        std::ostream& out) {
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
      << " items" << (review ? "; " + std::to_string(review) + " forms still need review ('?')" : "")
      << ".\n";
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
}

}  // namespace phieu
