#pragma once
// Which question of an earlier questionnaire version is which question now, for comparing
// periods (reports/period_compare.h). The mapping is data, a YAML file:
//
//   from: sipas-2017        # the earlier database's survey
//   to: sipas-2022          # this database's survey
//   items:                  # earlier item code -> current item code
//     TC1.1: Q9.15
//     TC1.2: Q9.16
//
// Items of either survey's index left out of the map are named in the report as not compared.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/survey.h"

namespace phieu {

struct QuestionMap {
  std::string from, to;  // survey names
  std::vector<std::pair<std::string, std::string>> items;  // earlier -> current, in file order
};

// Every item with the same code in both surveys, in the current survey's printed order (the map
// between two databases of the same questionnaire, or of versions that kept their codes).
QuestionMap SameCodes(const Survey& earlier, const Survey& current);

// Reads a mapping file. Every problem is reported with its line: 'from' or 'to' that are not the
// two surveys' names, an item code that is not a question of its survey ("map.yaml:6: 'TC9.9' is
// not a question of sipas-2017"), an item mapped twice, unknown keys.
Result<QuestionMap> ParseQuestionMap(std::string_view text, std::string_view file_name,
                                     const Survey& earlier, const Survey& current);

}  // namespace phieu
