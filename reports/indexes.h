#pragma once
// The indexes and per-item counts of a set of forms under a formula (reports/index_formula.h).
// Only the forms given are counted: callers pass the accepted ones (verify/verdict.h); a form
// still waiting for review is never counted silently.

#include <map>
#include <string>
#include <vector>

#include "core/survey.h"
#include "reports/index_formula.h"
#include "verify/verdict.h"

namespace phieu {

// Counts for one answer item over the forms.
struct ItemTally {
  std::string item;
  std::string group;                   // "" = not in the index
  std::map<std::string, int> options;  // valid answers per option code
  int valid = 0;                       // respondents with a valid answer
  int satisfied = 0;                   // share formulas: valid answers in `satisfied`
  double sum = 0;                      // mean formulas: sum of the valid answers' values
  int blank = 0, invalid = 0, review = 0, missing = 0;  // excluded from the denominator
  int not_asked = 0;  // of `missing`: answers from a channel that does not ask this item (an SMS
                      // asks five criteria), not pages that did not come back
  bool defined = false;                // a value exists (at least one valid answer)
  double value = 0;                    // share: percent; mean: the mean score
  // Over the valid answers, each counted with its form's design weight (every weight 1 when the
  // forms are not weighted, so that these are then `valid`, `satisfied`, `sum` and `options`
  // exactly): `value` is computed from them.
  double weighted_valid = 0, weighted_satisfied = 0, weighted_sum = 0;
  double weight_squares = 0;  // Σ w² over the valid answers: n_eff = weighted_valid² / this
  std::map<std::string, double> weighted_options;
};

struct GroupIndex {
  std::string code, title, level, parent;
  int depth = 0;         // 0 for a top group (block)
  bool defined = false;
  double value = 0;
  int valid = 0;         // valid answers under it
};

struct IndexResult {
  int forms = 0;                   // forms counted
  std::vector<ItemTally> items;    // every bubble item of the survey, printed order
  std::vector<GroupIndex> groups;  // the aggregation tree, depth first
  bool overall_defined = false;
  double overall = 0;
  // respondent 'all-satisfied': respondents with a valid answer to every index item, and of them
  // those satisfied on all.
  int respondents_complete = 0, respondents_satisfied = 0;
  // The same with the forms' design weights (the overall index of that rule is computed from
  // them), and Σ w² over the complete respondents.
  double weighted_complete = 0, weighted_satisfied = 0, complete_weight_squares = 0;
  // The forms' weights: Σ w and Σ w² over every form counted (Kish's design effect of the
  // respondents: stats/design_weights.h). Both are `forms` when unweighted.
  double weight_sum = 0, weight_squares = 0;
  bool weighted = false;  // the forms were given weights that are not all 1
};

// The indexes of `forms`. `weights` (one per form, in the same order, each positive and finite)
// are the forms' design weights: every share and mean is then weighted (Σ w·y / Σ w) while the
// counts stay counts; empty = every form weighs 1, and the figures are the unweighted ones, bit for
// bit.
IndexResult ComputeIndexes(const Survey& survey, const IndexFormula& formula,
                           const std::vector<const FormResult*>& forms,
                           const std::vector<double>& weights = {});

}  // namespace phieu
