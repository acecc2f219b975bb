#pragma once
// Scorecards per office per period (issue 16 part 4): an M-Score style score out of 10 for every
// unit (office), and for every district and province the sample frame names, in each period a
// report covers; the rank bands of the latest period; and each area's criteria, best and worst.
//
// The score (written out in Vietnamese in the report's methodology):
//   - an answer to an index criterion (an item with a group) scores
//       10 × (value − lowest) ÷ (highest − lowest)
//     where value is the option code read as a number and lowest/highest are the criterion's
//     lowest and highest numeric option codes: on the 5-level scale (level − 1) × 2,5, so
//     "Rất không hài lòng" = 0, "Bình thường" = 5, "Rất hài lòng" = 10; a 0–10 scale is
//     unchanged. Only answers with one numeric option count (blank, several marks, invalid,
//     waiting for review or missing do not); a criterion with fewer than two numeric options is
//     not scored;
//   - a respondent's score is the mean of their scored answers (a respondent with none is not
//     counted);
//   - an area's score is the mean of its respondents' scores, each respondent counting once
//     whatever the channel, with the Student t 95 % interval of that mean (stats/statistics.h
//     EstimateMean): respondents are the independent draws, their answers are not;
//   - a criterion's score in an area is the mean of the area's scored answers to it.
// Pure functions of the forms given: callers pass the forms that count (accepted paper forms and
// channel answers).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/sample_list.h"
#include "core/survey.h"
#include "stats/statistics.h"
#include "verify/verdict.h"

namespace phieu {

// Where a unit lies, as the sample frame says ("" = the frame has no such column).
struct UnitPlace {
  std::string district, province;
};

// The units' places from the sample records' (by id) `district` and `province` columns (attributes,
// or any column SampleRecord::Column knows): the first non-empty value seen for a unit wins.
std::map<std::string, UnitPlace> UnitPlaces(const std::map<std::string, SampleRecord>& sample);

enum class AreaLevel { kUnit, kDistrict, kProvince };

struct CriterionScore {
  std::string item;  // the criterion's code ("Q9.15")
  std::string text;  // its wording
  int valid = 0;     // scored answers
  bool defined = false;
  double score = 0;  // 0–10
};

// One area's figures in one period.
struct AreaScore {
  int respondents = 0;                   // respondents with at least one scored answer
  std::optional<MeanEstimate> score;     // none when no respondent
  std::vector<CriterionScore> criteria;  // every scored criterion of the period's survey, in order
};

// The scores of every area in one period.
struct PeriodScores {
  std::string period;  // as the report names it ("Quý III năm 2026"; "" = not stated)
  // By level, then by area name.
  std::map<AreaLevel, std::map<std::string, AreaScore>> areas;
};

// The period's scores of `forms` (of `survey`), grouped by FormResult::unit and by the unit's
// district and province in `places` (an unknown unit, or one without a district or province, adds
// to no district or province).
PeriodScores ScorePeriod(const Survey& survey, const std::vector<const FormResult*>& forms,
                         const std::map<std::string, UnitPlace>& places, std::string period);

// The 0–10 score of one answer to a criterion with `options` (see above); none when the answer
// does not count or the criterion is not scored.
std::optional<double> AnswerScore(const Answer& answer, const std::vector<Option>& options);

// One area across the periods.
struct ScorecardRow {
  AreaLevel level = AreaLevel::kUnit;
  std::string name;
  std::vector<std::optional<AreaScore>> periods;  // one per Scorecards::periods; none = no forms
  // The latest period: how its base is shown (stats/statistics.h ClassifyBase on respondents)
  // and, for a reliable base, its rank band among the reliable areas of the same level (by the
  // score's 95 % interval).
  BaseClass base = BaseClass::kSuppressed;
  std::optional<RankBand> rank;
  // The latest period's score against the period before's (stats/statistics.h TestMeanChange,
  // Welch's t test at 5 %), when neither is suppressed and a test is possible; else none.
  std::optional<MeanChange> change;
  // The latest period's best and worst three criteria by score (among those with at least
  // `small_bases.suppress_below` scored answers), best first and worst first; a criterion is in
  // both lists only when there are fewer than six.
  std::vector<CriterionScore> best, worst;
};

struct Scorecards {
  std::vector<std::string> periods;  // earliest first; the last is the report's own
  std::vector<ScorecardRow> rows;    // units, then districts, then provinces; each by name
  SmallBaseRule small_bases;
};

// The scorecards of `periods` (earliest first, at least one). Every area seen in any period has
// a row.
Scorecards AssembleScorecards(std::vector<PeriodScores> periods, const SmallBaseRule& small_bases);

// "Đơn vị", "Cấp huyện", "Cấp tỉnh" (printed); "unit", "district", "province" (CSV, XLSX).
std::string AreaLevelVietnamese(AreaLevel level);
std::string AreaLevelName(AreaLevel level);

// The rank band as printed: "3" when strict, "2–5" otherwise.
std::string RankText(const RankBand& band);

}  // namespace phieu
