// Fuzz target: a channel's CSV read through a mapping (channels/channel_rows.h ReadChannelRows),
// with a kiosk map of sipas-2022 that speaks labels, DD/MM/YYYY dates and blanks.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "channels/channel_rows.h"
#include "core/builtin_surveys.h"

namespace {

const phieu::ChannelMap& Map() {
  static const phieu::ChannelMap map =
      phieu::ParseChannelMap(
          "id: ma\nunit: don_vi\ndate: ngay\ndate_format: DD/MM/YYYY\nblank: [\"-\"]\n"
          "values:\n  \"Hài lòng\": \"4\"\n  \"Rất hài lòng\": \"5\"\n  \"Không hài lòng\": \"2\"\n"
          "ignore: [ghi_chu]\nquestions:\n  Q9.15: c1\n  Q9.16: c2\n  Q2: {column: c3, values: "
          "{\"a\": \"1\", \"b\": \"2\"}}\n",
          "fuzz.yaml", phieu::FindBuiltinSurvey("sipas-2022")->survey)
          .value();
  return map;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const phieu::ChannelRowRules rules{{"Phường A", "Xã B"},
                                            phieu::ParsePeriod("2026-Q3").value()};
  (void)phieu::ReadChannelRows(text, "fuzz.csv", Map(), rules);
  return 0;
}
