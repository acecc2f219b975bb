#pragma once
// The answers as an Excel workbook (`phieu export answers --xlsx FILE`), in Vietnamese:
//   "Trả lời"       one row per form that came back: form code and sample id (left out when
//                   `anonymous`), unit, collector, status in words, then the answer columns of
//                   verify/answer_export.h (multiple choice as one 0/1 column per option);
//                   option codes, 0 and 1 are numbers, '?' and '*' text, blank an empty cell;
//   "Giải thích mã" the codebook: every column with its question, the item's text and each
//                   value's meaning (option labels), what '?', '*' and an empty cell mean, and
//                   the statuses.
// The workbook's creation date is fixed, so the same answers give the same file.

#include <string>

#include "core/status.h"
#include "core/survey.h"
#include "verify/answer_export.h"

namespace phieu {

// The status of a form as the workbook writes it: "Hợp lệ", "Chờ xem xét", "Bị loại".
std::string VerdictWords(Verdict verdict);

// Writes the workbook to `path` (whole or not at all). `survey` gives the questions' text.
// Fails with "PATH: cannot write the workbook (reason)".
Status WriteAnswersXlsx(const Survey& survey, const AnswerTable& table, bool anonymous,
                        const std::string& path);

}  // namespace phieu
