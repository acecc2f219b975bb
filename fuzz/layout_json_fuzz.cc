// Fuzz target: a template's layout JSON (core/layout_json.h LayoutFromJson). A layout it accepts,
// written with LayoutToJson, must read back and write the same text again.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/layout_json.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace phieu;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Result<ParsedLayout> parsed = LayoutFromJson(text, "fuzz.json");
  if (!parsed.ok()) return 0;
  const std::string written = LayoutToJson(parsed->layout, parsed->template_id);
  const Result<ParsedLayout> again = LayoutFromJson(written, "again.json");
  FUZZ_CHECK(again.ok(), "a layout LayoutToJson wrote does not read back");
  FUZZ_CHECK(LayoutToJson(again->layout, again->template_id) == written,
             "a layout changed in a round trip");
  return 0;
}
