#pragma once
// The scorecards in the published report (section 9, reports/report_pdf.h), on the report's one
// page flow (forms/page_flow.h):
//   - every office's, district's and province's 0–10 score per period side by side, the change
//     since the period before and the latest period's rank band;
//   - then one A4 "easy scorecard" per office (public-service-centre style): its score with the
//     95 % interval, rank band, number of respondents, a trend chart over the periods, and the
//     three best and three worst criteria.
// Small bases follow Scorecards::small_bases: a score on fewer respondents than flag_below is
// marked * and not ranked, on fewer than suppress_below it is not printed ("–").
// Numbers are written with a decimal comma ("7,85").

#include <string>

#include "forms/page_flow.h"
#include "reports/scorecard.h"

namespace phieu {

// Section 9 on new pages of `flow`; nothing when `cards` has no row.
void ScorecardPages(PageFlow& flow, const Scorecards& cards);

// The methodology's paragraph on the 0–10 score, its interval and its rank bands (Vietnamese).
std::string ScorecardMethodText(const Scorecards& cards);

}  // namespace phieu
