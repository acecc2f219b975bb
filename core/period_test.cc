#include "core/period.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

TEST(PeriodTest, YearQuarterAndMonthCoverTheirDays) {
  struct Case {
    const char* text;
    const char* first;
    const char* last;
    const char* vietnamese;
  };
  const Case cases[] = {
      {"2026", "2026-01-01", "2026-12-31", "Năm 2026"},
      {"2026-Q1", "2026-01-01", "2026-03-31", "Quý I năm 2026"},
      {"2026-Q3", "2026-07-01", "2026-09-30", "Quý III năm 2026"},
      {"2026-Q4", "2026-10-01", "2026-12-31", "Quý IV năm 2026"},
      {"2028-02", "2028-02-01", "2028-02-29", "Tháng 2 năm 2028"},
      {"2026-02", "2026-02-01", "2026-02-28", "Tháng 2 năm 2026"},
      {"2026-11", "2026-11-01", "2026-11-30", "Tháng 11 năm 2026"},
  };
  for (const Case& c : cases) {
    auto p = ParsePeriod(c.text);
    ASSERT_TRUE(p.ok()) << c.text << ": " << p.status().message();
    EXPECT_EQ(p->text, c.text);
    EXPECT_EQ(p->first_day, c.first) << c.text;
    EXPECT_EQ(p->last_day, c.last) << c.text;
    EXPECT_EQ(PeriodVietnamese(*p), c.vietnamese);
  }
}

TEST(PeriodTest, ContainsOnlyDatesInsideIt) {
  auto q3 = ParsePeriod("2026-Q3");
  ASSERT_TRUE(q3.ok());
  EXPECT_TRUE(q3->Contains("2026-07-01"));
  EXPECT_TRUE(q3->Contains("2026-09-30"));
  EXPECT_FALSE(q3->Contains("2026-06-30"));
  EXPECT_FALSE(q3->Contains("2026-10-01"));
  EXPECT_FALSE(q3->Contains("2026-08"));
  EXPECT_EQ(q3->Range(), "2026-07-01..2026-09-30");
}

TEST(PeriodTest, AnythingElseIsRefusedSayingWhatToWrite) {
  for (const char* text : {"", "26", "2026-Q5", "2026-Q0", "2026-13", "2026-00", "2026-7",
                           "Năm 2026", "1999", "2026-07-01", "2026Q3", "2026-q3"}) {
    auto p = ParsePeriod(text);
    ASSERT_FALSE(p.ok()) << text;
    EXPECT_EQ(p.status().message(),
              "'" + std::string(text) +
                  "' is not a period: write a year (2026), a quarter (2026-Q3) or a month "
                  "(2026-07)");
  }
}

}  // namespace
}  // namespace phieu
