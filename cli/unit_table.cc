#include "cli/unit_table.h"

#include "core/text.h"

namespace phieu {

std::string PercentText(double share) { return FixedText(share * 100, 1) + "%"; }

void PrintUnitTable(const std::vector<UnitSummary>& units, std::ostream& out) {
  std::size_t unit_w = 6;
  for (const UnitSummary& u : units) unit_w = std::max(unit_w, DisplayWidth(u.unit) + 2);
  out << PadRight("UNIT", unit_w) << PadRight("ISSUED", 8) << PadRight("RETURNED", 10)
      << PadRight("RATE", 8) << PadRight("ACCEPTED", 10) << PadRight("REVIEW", 8) << "REJECTED\n";
  for (const UnitSummary& u : units) {
    const std::string name = u.unit.empty() ? "all units" : u.unit;
    out << PadRight(name, unit_w) << PadRight(std::to_string(u.issued), 8)
        << PadRight(std::to_string(u.returned), 10)
        << PadRight(u.issued ? PercentText(u.ReturnRate()) : "-", 8)
        << PadRight(std::to_string(u.accepted), 10) << PadRight(std::to_string(u.needs_review), 8)
        << u.rejected;
    std::string by;
    for (const auto& [reason, count] : u.rejected_by) {
      by += (by.empty() ? "" : ", ") + std::to_string(count) + " " + std::string(ReasonCode(reason));
    }
    out << (by.empty() ? "" : " (" + by + ")") << "\n";
  }
}

}  // namespace phieu
