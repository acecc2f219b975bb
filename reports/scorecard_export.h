#pragma once
// The scorecards (reports/scorecard.h) as data, for spreadsheets (`phieu report
// --scorecards-csv FILE --scorecards-xlsx FILE`).
//
// CSV (RFC 4180, CRLF, decimal points, no byte-order mark), one row per area and period, then one
// per area, period and criterion:
//   level, area, period, kind, code, title, respondents, score, lower, upper, base, rank,
//   change_p_value, change_significant
// level: unit | district | province; period: the period's name ("" when not stated); kind: area
// | criterion. For an area: respondents, the 0–10 score with 2 decimals and its 95 % interval
// ("" when there is none), base: reliable | flagged | suppressed (stats/statistics.h
// ClassifyBase), rank: the latest period's rank band ("3" or "2-5", "" = not ranked). For a
// criterion: code and title, respondents = its scored answers, score. A suppressed area's figures
// are left empty, as in the report, and so are its criteria. On the latest period's area row, the
// change since the period before (ScorecardRow::change): Welch's p value (6 significant digits)
// and 1 | 0 for significant at 5 %; both "" when there is no test.

//
// XLSX, one workbook through reports/xlsx_workbook.h:
//   "Điểm theo kỳ"  one row per area: level, name, then each period's respondents and score, the
//                   latest period's interval and rank band, the change's p value and
//                   "tăng" | "giảm" | "không" (significant rise, fall, or neither);
//   "Tiêu chí"      the CSV's criterion rows.

#include <string>

#include "core/status.h"
#include "reports/scorecard.h"

namespace phieu {

std::string ScorecardCsv(const Scorecards& cards);

// Writes the workbook to `path` through a temporary file and a rename: `path` is whole or as it
// was. Fails with "PATH: cannot write the workbook (reason)", leaving no file behind.
Status WriteScorecardXlsx(const Scorecards& cards, const std::string& path);

}  // namespace phieu
