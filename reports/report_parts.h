#pragma once
// The parts of the published report (reports/report_pdf.h) that live in files of their own, and
// the small texts they share with report_pdf.cc. Internal to reports/: every function draws on
// `flow` or returns Vietnamese text, and cannot fail.

#include <string>
#include <vector>

#include "forms/page_flow.h"
#include "reports/index_formula.h"
#include "reports/report_pdf.h"

namespace phieu {

// An index or score as printed: "82,35 %" for a share, "7,85" for a mean, "–" when undefined.
std::string IndexValueText(const IndexFormula& formula, bool defined, double value);

// A unit's name as printed: the name, or "(mã không được phát ra)" for the codes that were never
// issued (verify/unit_summary.h kNotIssuedUnit).
std::string UnitNameVietnamese(const std::string& unit);

// The cover (report_cover.cc): the official heading (Nghị định 30/2020/NĐ-CP, Phụ lục I) on a
// new page, the title, then the result and its coverage.
void ReportCover(PageFlow& flow, const ReportInput& in);

// Section 10 (report_questions.cc), on a new page: the respondents' profile and every question
// with options outside the index, as distributions; nothing when there is none. Draft questions
// and free text are left out.
void OtherQuestions(PageFlow& flow, const ReportInput& in);

// How the sample was drawn, in words, for the methodology (report_annex.cc); its seed, frame and
// fingerprints are in the annex.
std::string SampleDrawText(const ReportInput& in);

// The annex (report_annex.cc), on a new page: what an auditor checks the report against.
void ReportAnnex(PageFlow& flow, const ReportInput& in);

// The design weighting (report_weights.cc; reports/tally.h PaperWeighting). Each is "" or draws
// nothing when the figures are not weighted.
// Beside the overall index: Kish's design effect and the effective base of every respondent
// counted, and the unweighted index; `long_form` (section 1) also says the paper forms' own and
// that the tables' counts are unweighted.
std::string WeightingSummaryText(const ReportInput& in, bool long_form);
// The methodology's paragraphs: how the weights are formed; the design effect and how an interval
// uses the effective base; how channel answers count and what is left unweighted.
std::vector<std::string> WeightingMethodText(const ReportInput& in);
// An effective base as printed ("60,9").
std::string EffectiveBaseText(double effective_n);
// The annex's table of the strata: frame size, valid paper forms, weight, normalised weight.
void WeightsTable(PageFlow& flow, const ReportInput& in);

}  // namespace phieu
