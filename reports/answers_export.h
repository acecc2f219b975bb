#pragma once
// `phieu export answers`: the readings of every form that came back, written for Excel (a
// workbook with a codebook), another program (CSV or JSON) or publication (anonymous). The
// formats are in verify/answer_export.h and reports/answers_xlsx.h.

#include <string>

#include "core/status.h"
#include "store/database.h"

namespace phieu {

struct AnswersExportRequest {
  std::string csv;         // CSV (or JSON with `json`) to write; "" = none
  bool json = false;       // `csv` gets JSON instead
  std::string xlsx;        // workbook to write; "" = none
  bool anonymous = false;  // no form code and no sample id (CSV and workbook; JSON refuses it)
  // The write-ins people typed (review/writein.h), who and when, after the answers (CSV, JSON
  // and workbook). Refused with `anonymous`: a respondent's own words may name them.
  bool with_text = false;
};

struct AnswersExportSummary {
  int forms = 0;            // rows written for forms that came back
  int channel_answers = 0;  // rows written for answers imported from other channels
  int items = 0;         // answer items of the survey (multiple choice counts once)
  int needs_review = 0;  // forms with something still waiting for a person
};

// Evaluates every form of `db` and writes what `request` asks for. Fails when nothing is asked
// for, when `anonymous` is asked of JSON, or when a file cannot be written (naming it).
Result<AnswersExportSummary> ExportAnswers(Database& db, const AnswersExportRequest& request);

}  // namespace phieu
