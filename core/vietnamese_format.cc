#include "core/vietnamese_format.h"

#include <cstdio>
#include <cstdlib>

#include "core/text.h"

namespace phieu {
namespace {

// `digits` (ASCII digits only) with a dot before every group of three from the right.
std::string GroupThousands(const std::string& digits) {
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
    grouped += digits[i];
  }
  return grouped;
}

}  // namespace

std::string VietnameseNumber(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string s = text;
  bool negative = !s.empty() && s.front() == '-';
  if (negative) s.erase(0, 1);
  // "-0,00": a value that rounds to zero is zero, whatever side it came from.
  if (s.find_first_not_of("0.") == std::string::npos) negative = false;
  const std::size_t point = s.find('.');
  std::string whole = s.substr(0, point);
  std::string out = (negative ? "-" : "") + GroupThousands(whole);
  if (point != std::string::npos) out += "," + s.substr(point + 1);
  return out;
}

std::string VietnameseChange(double value, int decimals) {
  const std::string text = VietnameseNumber(value, decimals);
  const bool zero = text.find_first_of("123456789") == std::string::npos;
  return zero || text.front() == '-' ? text : "+" + text;
}

std::string SignificanceArrow(bool significant, double difference) {
  if (!significant || difference == 0) return "";
  return difference > 0 ? "▲" : "▼";
}

std::string VietnameseCount(long long value) {
  const std::string digits = std::to_string(value < 0 ? -value : value);
  return (value < 0 ? "-" : "") + GroupThousands(digits);
}

std::string VietnamesePercent(double value, int decimals) {
  return VietnameseNumber(value, decimals) + " %";
}

std::string VietnameseDate(std::string_view iso) {
  if (!IsIsoDate(iso)) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "/" + std::string(iso.substr(5, 2)) + "/" +
         std::string(iso.substr(0, 4));
}

std::string VietnameseLongDate(std::string_view iso) {
  if (!IsIsoDate(iso)) return "ngày … tháng … năm …";
  const int month = std::atoi(std::string(iso.substr(5, 2)).c_str());
  const std::string month_text =
      month <= 2 ? std::string(iso.substr(5, 2)) : std::to_string(month);
  return "ngày " + std::string(iso.substr(8, 2)) + " tháng " + month_text + " năm " +
         std::string(iso.substr(0, 4));
}

}  // namespace phieu
