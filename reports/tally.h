#pragma once
// Tallies of the forms that count (verdict accepted), under an index formula, overall and broken
// down by unit, collector, a column of the sample list, or the answer to a question (Part A).
// Forms still waiting for review are reported as such, never counted.

#include <map>
#include <string>
#include <vector>

#include <optional>

#include "core/sample_list.h"
#include "core/survey.h"
#include "reports/index_formula.h"
#include "reports/indexes.h"
#include "stats/design_weights.h"
#include "store/sample_store.h"
#include "verify/unit_summary.h"
#include "verify/verdict.h"

namespace phieu {

struct TallyPart {
  std::string value;     // the unit, the collector, the column's value or the option's label
  IndexResult indexes;   // of the accepted forms in this part (indexes.forms = how many)
};

// The name of a form's channel in tallies: "paper", or the channel its answers came from.
std::string ChannelOf(const FormResult& form);

// The design weights of the accepted paper forms of a stratified draw (stats/design_weights.h):
// a form weighs, for its sampled person's stratum, the stratum's frame size over its accepted paper
// forms, normalised to a mean of 1 over the paper forms. Channel answers are not drawn from the
// frame and have no design weight: each counts 1, so the paper forms together weigh as many
// respondents as they are, as in the unweighted pooling.
struct PaperWeighting {
  std::string stratify_by;                        // the draw's stratifying column
  DesignWeights design;                           // per stratum, in the draw's stratum order
  std::map<std::string, std::string> stratum_of;  // sample id -> stratum, every drawn person
  std::map<std::string, double> weight_of;        // stratum -> normalised weight

  // The weight of accepted form `f`: its stratum's for a paper form, 1 for a channel answer.
  double WeightOf(const FormResult& f) const;
};

// The weighting of `result`'s accepted paper forms under `draw`, or std::nullopt when there is
// none to apply: the draw has a single stratum (every form weighs the same), no paper form was
// accepted, or an accepted form's sampled person was not drawn (added by an imported list:
// the draw's fractions say nothing about them).
std::optional<PaperWeighting> WeighPaperForms(const StoredDraw& draw, const VerifyResult& result);

struct Tally {
  IndexFormula formula;
  int accepted = 0, needs_review = 0, rejected = 0;  // paper codes that came back
  int channel_answers = 0;                            // answers imported from other channels
  // Every accepted form and every channel answer, pooled: each respondent counts once, whatever
  // the channel (the combination rule the report's methodology states). With `weighting`, every
  // share and mean here, in `channels` and in `parts` is design-weighted (the counts stay counts).
  IndexResult all;
  // The paper forms' design weighting, when one applies (WeighPaperForms); and then `all` without
  // the weights, for whoever needs the plain counts' figures.
  std::optional<PaperWeighting> weighting;
  std::optional<IndexResult> unweighted;
  // With channel answers: the indexes of each channel alone, "paper" first, then the channels by
  // name. Empty when every answer is on paper.
  std::vector<TallyPart> channels;
  std::vector<UnitSummary> coverage;                  // per unit, then the total row
  std::string by;                                     // "" = no breakdown
  std::vector<TallyPart> parts;                       // in value order
};

// What --by can name, besides "unit", "collector" and "channel": a column of the sample list
// (procedure, agency, completed_on, or any extra column), or a single-choice answer item (e.g.
// A1), whose parts are its options' labels. Fails naming what is known when `by` is neither.
// `channel_forms` (verify/channel_forms.h) count beside the accepted paper forms: in `all`, in
// the parts (a channel answer has no collector and no sample columns: its part is "(CHANNEL)"
// and "" there) and in `channels`.
Result<Tally> TallyForms(const Survey& survey, const IndexFormula& formula,
                         const VerifyResult& result,
                         const std::map<std::string, SampleRecord>& sample,  // by sample id
                         const std::string& by,
                         const std::vector<FormResult>& channel_forms = {},
                         const std::optional<PaperWeighting>& weighting = std::nullopt);

}  // namespace phieu
