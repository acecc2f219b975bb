#pragma once
// Verification of a whole database: loads what verify/verdict.h needs and runs it. Used by
// `phieu verify`, `phieu review` and `phieu export answers`, so they always agree.

#include <string>

#include "core/status.h"
#include "store/database.h"
#include "verify/verdict.h"

namespace phieu {

struct Evaluation {
  VerifyInput input;
  VerifyResult result;
};

// Verifies every form in `db` within `window` (empty: the window of the last `phieu verify` run).
Result<Evaluation> EvaluateDatabase(Database& db, const DateWindow& window = {});

}  // namespace phieu
