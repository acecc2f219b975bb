#pragma once
// The export of readings (`phieu export answers`): one row per form that came back.
//
// CSV (UTF-8 with a byte-order mark, so Excel shows Vietnamese; RFC 4180; CRLF):
//   form, sample, unit, collector, status, then the answer columns in printed order: one per
//   item (grid rows are items: Q9.15), except multiple-choice items, which have one column per
//   option, "Q2=3" for option 3 of Q2 ('=' is in no code, so no header can be taken twice).
//   status: accepted | needs_review | rejected. With `anonymous`, no form and sample columns.
//   An item's cell holds the option code; an option's cell 1 when it is ticked, 0 when another
//   option of the item is and this one is not (so no cell ever holds a list, which would break
//   on a PC whose list separator is ';'). Either is empty when the item is blank (or on a page
//   that did not come back); '?' while a person still has to decide; '*' for more than one mark
//   on a single-answer item, or an answer a person judged invalid.
//   Channel answers (verify/channel_forms.h; form "sms:M-0042") follow the paper forms, with a
//   `channel` column after `status` ("paper" or the channel; JSON: a "channel" key); an item the
//   channel does not ask is empty. Without channel answers the file is as it always was.
// JSON: {"survey": NAME, "version": V, "items": [codes], "forms": [{"form", "sample", "unit",
//   "collector", "status", "reasons": [codes], "answers": {item: cell}}]}, one cell per item:
//   as above, multiple choice the codes joined by ';'.
// Free-text boxes are not read by the machine. What people typed from them (review/writein.h) is
// added only when asked (`--with-text`: TextColumns below), after the answer columns: for each box,
// in printed order, "BOX:text" (the words; '*' a box a person found illegible; '?' writing no one
// has typed yet; empty: no writing, or a person found it empty), "BOX:by" and "BOX:at" (who typed
// the record in force, and when). JSON: "text": {header: cell} per form.

#include <map>
#include <string>
#include <vector>

#include "verify/verdict.h"

namespace phieu {

// The text of one item's cell (see above; multiple choice: the codes joined by ';').
std::string AnswerCell(const Answer& answer);

// The answer items: the items of every template, in printed order, each once; then the items of
// `channel_forms` no template used has (a database with channel answers and no paper).
std::vector<std::string> AnswerColumns(const VerifyInput& input,
                                       const std::vector<FormResult>& channel_forms = {});

// Columns after the answers, the same for every form (`--with-text`).
struct TextColumns {
  std::vector<std::string> headers;
  std::map<std::string, std::vector<std::string>> cells;  // form code -> one cell per header
};

// One answer column of the table: an item's cell, or one option of a multiple-choice item.
struct AnswerColumn {
  std::string header;  // "Q9.15", or "Q2=3"
  AnswerItem item;     // the item, with its question's code, text and options
  std::string option;  // "" for the item's own cell, else the option this 0/1 column is for
};

// The answers of the forms that came back, as the CSV and the workbook lay them out.
struct AnswerTable {
  struct Row {
    std::string form, sample, unit, collector;
    std::string channel;  // "" for paper
    Verdict verdict = Verdict::kAccepted;
    std::vector<std::string> cells;  // one per column (see above)
    std::vector<std::string> text;   // one per text header (empty without TextColumns)
  };
  std::vector<AnswerColumn> columns;
  std::vector<std::string> text_headers;  // TextColumns::headers, when given
  std::vector<Row> rows;  // in the result's order
};
AnswerTable BuildAnswerTable(const VerifyInput& input, const VerifyResult& result,
                             const std::vector<FormResult>& channel_forms = {},
                             const TextColumns* text = nullptr);

// The cell of `column` for `answer`, an answer to the column's item (see above).
std::string ColumnCell(const AnswerColumn& column, const Answer& answer);

std::string AnswersCsv(const VerifyInput& input, const VerifyResult& result,
                       const std::vector<FormResult>& channel_forms = {}, bool anonymous = false,
                       const TextColumns* text = nullptr);
std::string AnswersJson(const std::string& survey, const std::string& version,
                        const VerifyInput& input, const VerifyResult& result,
                        const std::vector<FormResult>& channel_forms = {},
                        const TextColumns* text = nullptr);

}  // namespace phieu
