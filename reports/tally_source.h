#pragma once
// A tally loaded for those who print, export or publish it: the database's survey, the formula
// (a file, or the built-in one for the survey), the verdicts and the sample list.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/survey.h"
#include "reports/tally.h"
#include "store/database.h"
#include "store/sample_store.h"
#include "verify/evaluate.h"

namespace phieu {

struct TallySource {
  Survey survey;
  Tally tally;
  Evaluation evaluation;  // its result limited to `units` when they were given
  std::string log_head;   // store/event_log.h LogHead()
  std::optional<StoredDraw> draw;
  std::map<std::string, SampleRecord> sample;  // the sample list by id (units' places, columns)
};

// The tally of `db` by `by` (reports/tally.h TallyForms). `formula_file` "" = the built-in formula
// of the database's survey; `units` empty = every unit (otherwise only forms of those units count,
// and codes never issued are left out). The verdicts, the log head, the draw and the sample are
// read as one snapshot. `design_weights`: weigh the paper forms of a stratified draw
// (reports/tally.h WeighPaperForms) — the published report does, `phieu tally` counts unweighted;
// with `units` only when the draw is stratified by unit (a stratum's frame size per unit is not
// stored).
// Fails naming the cause when the survey has no built-in formula, the
// formula file cannot be read or is for another survey, a unit has no form, or `db` cannot be read.
Result<TallySource> LoadTally(Database& db, const std::string& formula_file, const std::string& by,
                              const std::vector<std::string>& units = {},
                              bool design_weights = false);

}  // namespace phieu
