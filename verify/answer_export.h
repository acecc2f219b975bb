#pragma once
// The export of readings (`phieu export answers`): one row per form that came back.
//
// CSV (UTF-8 with a byte-order mark, so Excel shows Vietnamese; RFC 4180; CRLF):
//   form, sample, unit, collector, status, then one column per answer item in printed order
//   (grid rows are items: Q9.15). status: accepted | needs_review | rejected.
//   A cell holds the option code; for multiple choice the codes joined by ';'; empty when blank
//   (or on a page that did not come back); '?' while a person still has to decide; '*' for more
//   than one mark on a single-answer item, or an answer a person judged invalid.
//   Channel answers (form "sms:M-0042"): an item the channel does not ask is empty.
// JSON: {"survey": NAME, "version": V, "items": [codes], "forms": [{"form", "sample", "unit",
//   "collector", "status", "reasons": [codes], "answers": {item: cell}}]} with the same cells.
// Free-text questions are not exported: their boxes are kept as images, never read.

#include <string>
#include <vector>

#include "verify/verdict.h"

namespace phieu {

// The text of one cell (see above).
std::string AnswerCell(const Answer& answer);

// The item columns: the items of every template, in printed order, each once; then the items of
// `channel_forms` no template has (a database with channel answers and no paper).
std::vector<std::string> AnswerColumns(const VerifyInput& input,
                                       const std::vector<FormResult>& channel_forms = {});

// With channel answers (verify/channel_forms.h), their rows follow the paper forms' and a
// `channel` column follows `status` ("paper" or the channel; JSON: a "channel" key); without,
// the file is as it always was.
std::string AnswersCsv(const VerifyInput& input, const VerifyResult& result,
                       const std::vector<FormResult>& channel_forms = {});
std::string AnswersJson(const std::string& survey, const std::string& version,
                        const VerifyInput& input, const VerifyResult& result,
                        const std::vector<FormResult>& channel_forms = {});

}  // namespace phieu
