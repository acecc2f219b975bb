#pragma once
// The verification summary per unit: issued, returned, accepted, needs review, rejected by reason
// and the return rate.

#include <map>
#include <string>
#include <vector>

#include "verify/verdict.h"

namespace phieu {

struct UnitSummary {
  std::string unit;          // kNotIssuedUnit for codes never issued; "" in the total row
  int issued = 0;            // forms issued (not voided) to sampled people
  int returned = 0;          // ... of which at least one page came back
  int accepted = 0, needs_review = 0, rejected = 0;  // every code that came back
  std::map<Reason, int> rejected_by;  // a form rejected for two reasons counts under both
  double ReturnRate() const { return issued == 0 ? 0.0 : static_cast<double>(returned) / issued; }
};

inline constexpr const char* kNotIssuedUnit = "(not issued)";

// One row per unit in name order, then a total row (unit "").
std::vector<UnitSummary> SummariseByUnit(const VerifyResult& result);

}  // namespace phieu
