#pragma once
// Numbers and dates as Vietnamese documents write them: the one formatter for every number and
// date that a published document (the report, its scorecards, its annex) prints. The CSV and XLSX
// exports keep the decimal point and ISO dates, for spreadsheets and programs.

#include <string>
#include <string_view>

namespace phieu {

// `value` with `decimals` digits after a decimal comma and a dot between thousands, rounded as
// printf rounds: VietnameseNumber(82.346, 2) == "82,35", VietnameseNumber(36525.5, 1) ==
// "36.525,5", VietnameseNumber(-0.5, 2) == "-0,50". A value that rounds to zero has no sign.
std::string VietnameseNumber(double value, int decimals);

// A change as a signed number: VietnameseChange(1.254, 2) == "+1,25", VietnameseChange(-0.8, 2)
// == "-0,80" (a hyphen-minus: Noto Sans has no U+2212), and a change that rounds to zero has no
// sign ("0,00").
std::string VietnameseChange(double value, int decimals);

// The mark a published table puts after a change that a test found significant: "▲" for a rise,
// "▼" for a fall; "" when the change is not significant.
std::string SignificanceArrow(bool significant, double difference);

// A count with a dot between thousands: VietnameseCount(36525) == "36.525", VietnameseCount(980)
// == "980".
std::string VietnameseCount(long long value);

// A percentage, `value` already in percent: VietnamesePercent(44.04, 2) == "44,04 %" (a space
// before the sign, as the report has always written it).
std::string VietnamesePercent(double value, int decimals);

// A date written YYYY-MM-DD as dd/mm/yyyy ("2026-12-05" -> "05/12/2026"); any other text is
// returned as it is (a date that is not stated stays "").
std::string VietnameseDate(std::string_view iso);

// A date written YYYY-MM-DD as an administrative document dates itself (Nghị định 30/2020/NĐ-CP,
// Phụ lục I): "ngày 05 tháng 12 năm 2026"; a day below 10 and the months 1 and 2 take a leading
// zero ("ngày 05 tháng 01", "ngày 15 tháng 3"). Any other text gives the blank form to fill by
// hand, "ngày … tháng … năm …".
std::string VietnameseLongDate(std::string_view iso);

}  // namespace phieu
