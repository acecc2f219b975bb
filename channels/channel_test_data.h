#pragma once
// Test data for channels/: the Hà Nội 2014 survey (four criteria H.1..H.4, "1" not satisfied,
// "2" satisfied), a kiosk map that speaks labels and an SMS map that speaks option codes.

#include <string>

#include "core/builtin_surveys.h"
#include "core/period.h"
#include "channels/channel_rows.h"

namespace phieu::channel_test {

inline const Survey& Hanoi() { return FindBuiltinSurvey("hanoi-2014")->survey; }

inline constexpr const char* kKioskMap = R"yaml(channel: tablet
id: ma
unit: don_vi
date: ngay
date_format: DD/MM/YYYY
values:
  "Hài lòng": "2"
  "Không hài lòng": "1"
blank: ["-"]
ignore: [ghi_chu]
questions:
  H.1: tieu_chi_1
  H.2: tieu_chi_2
  H.3: tieu_chi_3
  H.4: tieu_chi_4
)yaml";

inline constexpr const char* kSmsMap = R"yaml(channel: sms
id: msg_id
unit: office
date: date
questions:
  H.1: q1
  H.2: q2
  H.3: q3
  H.4: q4
)yaml";

inline constexpr const char* kKioskHeader = "ma,don_vi,ngay,tieu_chi_1,tieu_chi_2,tieu_chi_3,tieu_chi_4,ghi_chu\n";

inline ChannelRowRules Q3Rules() {
  return {{"Phường A", "Xã B"}, ParsePeriod("2026-Q3").value()};
}

}  // namespace phieu::channel_test
