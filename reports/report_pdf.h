#pragma once
// The published report (`phieu report`): an A4 PDF in Vietnamese, Noto Sans, page numbers, laid
// out as an administrative report (Nghị định 30/2020/NĐ-CP, Phụ lục I).
//   cover      the official heading (issuing agency and its parent, document number; national
//              heading and motto; place and date), the title, then the result and its coverage:
//              the overall index, forms issued, returned, accepted, the return rate, and the units
//              with no valid forms named
//   1          the overall index and the blocks and elements as bar charts
//   2          the ranking of the units; a unit on few accepted forms is flagged and not ranked,
//              on fewer still its figures are not printed (small_bases)
//   3, 4       the blocks and elements; every index item (valid answers, exclusions, index, and
//              for shares its 95 % Wilson interval; few valid answers: flagged or not printed);
//              then how each criterion's valid answers spread over the scale's levels, a stacked
//              bar with the criterion's text, the weakest and strongest criteria highlighted
//   5          coverage and return rates per unit
//   6          verification: what was accepted, waits, was rejected and why; the re-check
//   7          methodology: the formula (name, version, source), denominators and exclusions, the
//              combination of channels (when answers came through several), how the sample was
//              drawn (in words), the scorecards' 0–10 score
//   8          with an earlier period to compare (comparison): both periods' figures side by side,
//              the change, ▲/▼ only where the z test finds it significant, the test named, and
//              the questions that could not be compared
//   9          scorecards (reports/scorecard_pdf.h): every office's, district's and province's
//              0–10 score per period side by side with a trend, then one A4 "easy scorecard"
//              per office
//   10         the respondents' profile and every other question with options, outside the
//              index: a table of each option's count and share of the valid answers, a grid as a
//              stacked bar per row; draft rows and free text left out, small bases as elsewhere
//   Phụ lục    what an auditor checks the report against: the data fingerprint, the log's head
//              hash, the formula's fingerprint, the sample draw's seed, method, size rule, frame
//              (its file's base name and SHA-256) and how to repeat it
// With answers from other channels than paper, section 1 also gives each channel's indexes and
// all channels pooled.
// When the sample was drawn here in several strata (tally.weighting, reports/tally.h), every
// share and mean is design-weighted (frame size over valid paper forms per stratum; channel
// answers weigh 1): the cover and section 1 print Kish's design effect, the effective base and the
// unweighted index beside the weighted one, section 4 takes each interval on the criterion's
// effective base and prints that base, the methodology says how, and the annex lists the strata's
// weights. Counts stay counts; section 8 compares unweighted figures; the scorecards are unweighted.
// Every sentence is Vietnamese, and no file path is printed. Numbers and dates are written as
// Vietnamese does, by one formatter (core/vietnamese_format.h): "82,35 %", "1.170", "05/12/2026".
// Deterministic: the same input gives the same bytes (no clock; the date comes from the data or
// the caller). Free-text answers never appear (they are not read; privacy).

#include <optional>
#include <string>

#include "core/status.h"
#include "core/survey.h"
#include "reports/report_issuer.h"
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
  ReportIssuer issuer;         // as given: the blanks are filled when the cover is drawn
  std::string data_fingerprint;  // SHA-256 of the answers export: what the numbers come from
  std::string log_head;          // the tamper-evident log's head hash
  // The sample draw, when it was made here ("" seed = imported list): as stored
  // (store/sample_store.h DrawInfo); the frame as its file's name, a path is cut to its base name.
  std::string draw_seed, draw_method, draw_rule, draw_frame, draw_frame_sha256, draw_stratify_by;
  int draw_frame_records = 0, draw_reserves = 0;
  std::string recheck;           // the re-check's summary, in Vietnamese ("" = none yet)
  std::string recheck_seed;      // the seed of the re-check's draw, for the annex
  // Figures on few answers: a unit's by its accepted forms, a criterion's by its valid answers
  // (flagged and not ranked below flag_below, not printed below suppress_below).
  SmallBaseRule small_bases;
  // An earlier period to compare with (section 8); none = no section 8.
  std::optional<PeriodComparison> comparison;
  // The 0–10 scores per office (district, province) and period (section 9); none = no section 9.
  std::optional<Scorecards> scorecards;
};

// The report's bytes; fails only when the PDF cannot be made (fonts missing, libharu).
Result<std::string> RenderReportPdf(const ReportInput& input);

}  // namespace phieu
