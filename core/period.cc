#include "core/period.h"

#include <cctype>
#include <cstdio>

namespace phieu {
namespace {

bool Digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string Day(int year, int month, int day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
  return text;
}

// Months first..last of `year`.
Period Months(std::string_view text, int year, int first, int last) {
  return {std::string(text), Day(year, first, 1), Day(year, last, DaysIn(year, last))};
}

}  // namespace

bool Period::Contains(std::string_view date) const {
  return date.size() == 10 && date >= first_day && date <= last_day;
}

Result<Period> ParsePeriod(std::string_view text) {
  const auto refused = [&] {
    return Status::Error("'" + std::string(text) +
                         "' is not a period: write a year (2026), a quarter (2026-Q3) or a month "
                         "(2026-07)");
  };
  if (text.size() < 4 || !Digits(text.substr(0, 4))) return refused();
  const int year = std::stoi(std::string(text.substr(0, 4)));
  if (year < 2000 || year > 2099) return refused();
  if (text.size() == 4) return Months(text, year, 1, 12);
  if (text.size() == 7 && text[4] == '-' && text[5] == 'Q' && text[6] >= '1' && text[6] <= '4') {
    const int quarter = text[6] - '0';
    return Months(text, year, 3 * quarter - 2, 3 * quarter);
  }
  if (text.size() == 7 && text[4] == '-' && Digits(text.substr(5, 2))) {
    const int month = std::stoi(std::string(text.substr(5, 2)));
    if (month >= 1 && month <= 12) return Months(text, year, month, month);
  }
  return refused();
}

std::string PeriodVietnamese(const Period& period) {
  const std::string year = period.text.substr(0, 4);
  if (period.text.size() == 4) return "Năm " + year;
  if (period.text[5] == 'Q') {
    static constexpr const char* kRoman[] = {"I", "II", "III", "IV"};
    return std::string("Quý ") + kRoman[period.text[6] - '1'] + " năm " + year;
  }
  return "Tháng " + std::to_string(std::stoi(period.text.substr(5, 2))) + " năm " + year;
}

}  // namespace phieu
