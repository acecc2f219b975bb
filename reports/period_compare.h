#pragma once
// This period's figures beside an earlier period's (`phieu report --compare EARLIER.db`): the
// overall index, the blocks and elements the two questionnaires share, and every index item the
// question map pairs (reports/question_map.h), each with the change and, for shares, the
// two-sided two-proportion z test at 5 % (stats/statistics.h TestProportionChange). Index items
// the map leaves out are named, never silently dropped.

#include <optional>
#include <string>
#include <vector>

#include "core/survey.h"
#include "reports/question_map.h"
#include "reports/tally.h"
#include "stats/statistics.h"

namespace phieu {

struct FigureChange {
  std::string code;          // this period's item or group code ("" = the overall index)
  std::string earlier_code;  // the earlier period's
  std::string text;          // this period's wording or title
  int base1 = 0, base2 = 0;  // valid answers (the overall: forms, or respondents for all-satisfied)
  bool defined1 = false, defined2 = false;
  double value1 = 0, value2 = 0;  // percent for shares, else the mean score
  // Shares with answers in both periods: the z test of the difference. None for means, for
  // groups and for an overall index that is a mean of blocks (they are not one proportion).
  std::optional<ProportionChange> test;
};

struct PeriodComparison {
  std::string earlier_period;  // as the report names it ("Quý II năm 2026"); "" = not stated
  std::string earlier_survey;  // "sipas-2017 2017.1"
  FigureChange overall;
  std::vector<FigureChange> groups;  // groups with the same code in both, this period's order
  std::vector<FigureChange> items;   // index items the map pairs, this period's order
  std::vector<std::string> not_compared_earlier;  // earlier index items with no counterpart
  std::vector<std::string> not_compared_current;  // this period's index items with none
};

// Compares `earlier` (of `earlier_survey`) with `current` through `map`; both tallies under one
// formula (the caller checks). alpha: the test's significance level.
PeriodComparison ComparePeriods(const Survey& earlier_survey, const Tally& earlier,
                                const Survey& current_survey, const Tally& current,
                                const QuestionMap& map, double alpha = 0.05);

}  // namespace phieu
