#pragma once
// The period a survey run belongs to: a year ("2026"), a quarter ("2026-Q3") or a month
// ("2026-07"). One database is one run of one period (store/period_store.h keeps it); answers
// collected through other channels must be dated inside it, and the report prints it.

#include <string>
#include <string_view>

#include "core/status.h"

namespace phieu {

struct Period {
  std::string text;       // as written: "2026", "2026-Q3", "2026-07"
  std::string first_day;  // YYYY-MM-DD, inclusive
  std::string last_day;   // YYYY-MM-DD, inclusive

  // Whether the ISO date `date` (YYYY-MM-DD) lies in the period.
  bool Contains(std::string_view date) const;
  // "2026-07-01..2026-09-30".
  std::string Range() const { return first_day + ".." + last_day; }
};

// Reads a period. Fails with "'2026-Q5' is not a period: write a year (2026), a quarter (2026-Q3)
// or a month (2026-07)" for anything else (years 2000 to 2099).
Result<Period> ParsePeriod(std::string_view text);

// The period as an official Vietnamese document names it: "Năm 2026", "Quý III năm 2026",
// "Tháng 7 năm 2026".
std::string PeriodVietnamese(const Period& period);

}  // namespace phieu
