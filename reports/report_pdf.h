#pragma once
// The published report (`phieu report`): an A4 PDF in Vietnamese, Noto Sans, page numbers.
//   cover      survey, period, units, date of the data, data fingerprint, log head hash, formula
//   1          the overall index and the blocks and elements as bar charts
//   2          the ranking of the units; a unit on few accepted forms is flagged and not ranked,
//              on fewer still its figures are not printed (small_bases)
//   3, 4       the blocks and elements; every index item (valid answers, exclusions, index, and
//              for shares its 95 % Wilson interval; few valid answers: flagged or not printed)
//   5          coverage and return rates per unit
//   6          verification: what was accepted, waits, was rejected and why; the re-check
//   7          methodology: the formula (name, version, fingerprint, source), denominators and
//              exclusions, the combination of channels (when answers came through several), the
//              sample draw (seed, method, frame), the scorecards' 0–10 score, the log's head hash
//   8          with an earlier period to compare (comparison): both periods' figures side by side,
//              the change, ▲/▼ only where the z test finds it significant, the test named, and
//              the questions that could not be compared
//   9          scorecards (reports/scorecard_pdf.h): every office's, district's and province's
//              0–10 score per period side by side with a trend, then one A4 "easy scorecard"
//              per office
// With answers from other channels than paper, section 1 also gives each channel's indexes and
// all channels pooled.
// Numbers are written as Vietnamese does, with a decimal comma ("82,35 %").
// Deterministic: the same input gives the same bytes (no clock; the date comes from the data or
// the caller). Free-text answers never appear (they are not read; privacy).

#include <optional>
#include <string>

#include "core/status.h"
#include "core/survey.h"
#include "reports/period_compare.h"
#include "reports/scorecard.h"
#include "reports/tally.h"
#include "stats/statistics.h"

namespace phieu {

struct ReportInput {
  Survey survey;
  Tally tally;                 // broken down by unit (tally.by == "unit") for the ranking
  std::string period;          // e.g. "Năm 2026"; "" = not stated
  std::string units;           // the units covered, as text ("" = every unit)
  std::string date;            // YYYY-MM-DD the data is as of
  std::string data_fingerprint;  // SHA-256 of the answers export: what the numbers come from
  std::string log_head;          // the tamper-evident log's head hash
  // The sample draw, when it was made here ("" seed = imported list).
  std::string draw_seed, draw_method, draw_rule, draw_frame, draw_frame_sha256;
  std::string recheck;           // the re-check's summary ("" = none yet)
  // Figures on few answers: a unit's by its accepted forms, a criterion's by its valid answers
  // (flagged and not ranked below flag_below, not printed below suppress_below).
  SmallBaseRule small_bases;
  // An earlier period to compare with (section 8); none = no section 8.
  std::optional<PeriodComparison> comparison;
  // The 0–10 scores per office (district, province) and period (section 9); none = no section 9.
  std::optional<Scorecards> scorecards;
};

Result<std::string> RenderReportPdf(const ReportInput& input);

}  // namespace phieu
