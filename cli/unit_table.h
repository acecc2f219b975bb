#pragma once
// The per-unit coverage table (issued, returned, return rate, accepted, review, rejected by
// reason), printed by `phieu verify` and `phieu tally`.

#include <ostream>
#include <string>
#include <vector>

#include "verify/unit_summary.h"

namespace phieu {

void PrintUnitTable(const std::vector<UnitSummary>& units, std::ostream& out);

// "92.0%"
std::string PercentText(double share);

}  // namespace phieu
