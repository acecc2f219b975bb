#include "reports/answers_export.h"

#include <optional>

#include "core/file.h"
#include "core/survey_yaml.h"
#include "reports/answers_xlsx.h"
#include "review/writein.h"
#include "verify/answer_export.h"
#include "verify/evaluate.h"

namespace phieu {

Result<AnswersExportSummary> ExportAnswers(Database& db, const AnswersExportRequest& request) {
  if (request.csv.empty() && request.xlsx.empty()) {
    return Status::Error(
        "say where to write: --out FILE.csv (or .json with --json) and/or "
        "--xlsx FILE.xlsx");
  }
  if (request.anonymous && request.json && !request.csv.empty()) {
    return Status::Error(
        "--anonymous is for the CSV and the workbook; the JSON export always "
        "names the forms");
  }
  if (request.anonymous && request.with_text) {
    return Status::Error(
        "--with-text names no one but is not anonymous: a respondent's own words may name them "
        "or others; export the text without --anonymous, and never publish it");
  }
  Result<StoredSurvey> stored = db.Survey();
  if (!stored.ok()) return stored.status();
  Result<Evaluation> e = EvaluateDatabase(db);
  if (!e.ok()) return e.status();
  std::optional<TextColumns> text;
  if (request.with_text) {
    auto options = LoadWriteInOptions(db);
    if (!options.ok()) return options.status();
    auto columns = WriteInColumns(db, *e, *options);
    if (!columns.ok()) return columns.status();
    text = std::move(columns).value();
  }
  const TextColumns* text_columns = text ? &*text : nullptr;
  if (!request.csv.empty()) {
    const std::string text = request.json
                                 ? AnswersJson(stored->name, stored->version, e->input, e->result,
                                               e->channel_forms, text_columns)
                                 : AnswersCsv(e->input, e->result, e->channel_forms,
                                              request.anonymous, text_columns);
    PHIEU_RETURN_IF_ERROR(WriteFileAtomically(request.csv, text));
  }
  const AnswerTable table =
      BuildAnswerTable(e->input, e->result, e->channel_forms, text_columns);
  if (!request.xlsx.empty()) {
    Result<Survey> survey =
        ParseSurveyYaml(stored->definition_yaml, "survey '" + stored->name + "'");
    if (!survey.ok()) return survey.status();
    PHIEU_RETURN_IF_ERROR(WriteAnswersXlsx(*survey, table, request.anonymous, request.xlsx));
  }
  AnswersExportSummary summary;
  summary.forms = static_cast<int>(table.rows.size() - e->channel_forms.size());
  summary.channel_answers = static_cast<int>(e->channel_forms.size());
  summary.items = static_cast<int>(AnswerColumns(e->input, e->channel_forms).size());
  for (const AnswerTable::Row& r : table.rows)
    summary.needs_review += r.verdict == Verdict::kNeedsReview;
  return summary;
}

}  // namespace phieu
