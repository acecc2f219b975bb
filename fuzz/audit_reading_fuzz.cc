// Fuzz target: the auditors' re-check CSV (audit/audit_reading.h ParseAuditReadings), against the
// answer items of the built-in sipas-2022 survey and the golden scans' form codes as the draw: two
// to re-read, two for the delivery check (forms never returned).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_reading.h"
#include "core/builtin_surveys.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace phieu;
  static const std::vector<AnswerItem> items = AnswerItems(FindBuiltinSurvey("sipas-2022")->survey);
  static const std::vector<std::string> selected = {"GQD-3EM-Q27", "GQD-3EM-Q3F"};
  static const std::vector<std::string> unreturned = {"GQD-3EM-Q4Q", "GQD-3EM-Q5Y"};
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)ParseAuditReadings(text, "fuzz.csv", items, selected, unreturned);
  return 0;
}
