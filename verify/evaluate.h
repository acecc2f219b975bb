#pragma once
// Verification of a whole database: loads what verify/verdict.h needs and runs it. Used by
// `phieu verify`, `phieu review` and `phieu export answers`, so they always agree.

#include <string>
#include <vector>

#include "core/status.h"
#include "store/database.h"
#include "verify/verdict.h"

namespace phieu {

struct Evaluation {
  VerifyInput input;
  VerifyResult result;  // the paper forms
  // Answers imported from other channels (verify/channel_forms.h), their own category: accepted
  // as imported, never checked against the sample list, and not in `result`.
  std::vector<FormResult> channel_forms;
};

// Verifies every form in `db` within `window` (empty: the window of the last `phieu verify` run),
// and loads the channel answers beside them.
Result<Evaluation> EvaluateDatabase(Database& db, const DateWindow& window = {});

}  // namespace phieu
