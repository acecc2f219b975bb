#pragma once
// Tallies of the forms that count (verdict accepted), under an index formula, overall and broken
// down by unit, collector, a column of the sample list, or the answer to a question (Part A).
// Forms still waiting for review are reported as such, never counted.

#include <map>
#include <string>
#include <vector>

#include "core/sample_list.h"
#include "core/survey.h"
#include "reports/index_formula.h"
#include "reports/indexes.h"
#include "verify/unit_summary.h"
#include "verify/verdict.h"

namespace phieu {

struct TallyPart {
  std::string value;     // the unit, the collector, the column's value or the option's label
  IndexResult indexes;   // of the accepted forms in this part (indexes.forms = how many)
};

struct Tally {
  IndexFormula formula;
  int accepted = 0, needs_review = 0, rejected = 0;  // codes that came back
  IndexResult all;                                    // every accepted form
  std::vector<UnitSummary> coverage;                  // per unit, then the total row
  std::string by;                                     // "" = no breakdown
  std::vector<TallyPart> parts;                       // in value order
};

// What --by can name, besides "unit" and "collector": a column of the sample list (procedure,
// agency, completed_on, or any extra column), or a single-choice answer item (e.g. A1), whose
// parts are its options' labels. Fails naming what is known when `by` is neither.
Result<Tally> TallyForms(const Survey& survey, const IndexFormula& formula,
                         const VerifyResult& result,
                         const std::map<std::string, SampleRecord>& sample,  // by sample id
                         const std::string& by);

}  // namespace phieu
