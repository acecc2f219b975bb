#pragma once
// Loading a tally for the commands that print or export it: the database's survey, the formula
// (a file, or the built-in one for the survey), the verdicts and the sample list.

#include <string>

#include "core/status.h"
#include "core/survey.h"
#include "reports/tally.h"

namespace phieu {

struct TallySource {
  Survey survey;
  Tally tally;
};

// `formula_file` "" = the built-in formula of the database's survey.
Result<TallySource> LoadTally(const std::string& db_flag, const std::string& formula_file,
                              const std::string& by);

}  // namespace phieu
