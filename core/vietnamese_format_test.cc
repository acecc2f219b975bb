#include "core/vietnamese_format.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

TEST(VietnameseNumberTest, WritesADecimalCommaAndDotsBetweenThousands) {
  EXPECT_EQ(VietnameseNumber(82.346, 2), "82,35");
  EXPECT_EQ(VietnameseNumber(44.04, 2), "44,04");
  EXPECT_EQ(VietnameseNumber(100, 2), "100,00");
  EXPECT_EQ(VietnameseNumber(36525.5, 1), "36.525,5");
  EXPECT_EQ(VietnameseNumber(1234567, 0), "1.234.567");
  EXPECT_EQ(VietnameseNumber(999.999, 2), "1.000,00");
  EXPECT_EQ(VietnameseNumber(-0.5, 2), "-0,50");
  EXPECT_EQ(VietnameseNumber(-1234.5, 1), "-1.234,5");
}

TEST(VietnameseNumberTest, AValueThatRoundsToZeroHasNoSign) {
  EXPECT_EQ(VietnameseNumber(-0.001, 2), "0,00");
  EXPECT_EQ(VietnameseNumber(-0.4, 0), "0");
}

TEST(VietnameseChangeTest, SignsARiseAndAFallButNotAChangeThatRoundsToZero) {
  EXPECT_EQ(VietnameseChange(1.254, 2), "+1,25");
  EXPECT_EQ(VietnameseChange(-0.8, 2), "-0,80");
  EXPECT_EQ(VietnameseChange(0.004, 2), "0,00");
  EXPECT_EQ(VietnameseChange(-0.004, 2), "0,00");
  EXPECT_EQ(VietnameseChange(1234.5, 1), "+1.234,5");
}

TEST(SignificanceArrowTest, MarksOnlyASignificantChangeByItsDirection) {
  EXPECT_EQ(SignificanceArrow(true, 0.03), "▲");
  EXPECT_EQ(SignificanceArrow(true, -0.03), "▼");
  EXPECT_EQ(SignificanceArrow(false, 0.03), "");
  EXPECT_EQ(SignificanceArrow(false, -0.03), "");
}

TEST(VietnameseCountTest, GroupsThousandsWithDots) {
  EXPECT_EQ(VietnameseCount(0), "0");
  EXPECT_EQ(VietnameseCount(980), "980");
  EXPECT_EQ(VietnameseCount(1170), "1.170");
  EXPECT_EQ(VietnameseCount(36525), "36.525");
  EXPECT_EQ(VietnameseCount(240000), "240.000");
  EXPECT_EQ(VietnameseCount(-1500), "-1.500");
}

TEST(VietnamesePercentTest, PutsASpaceBeforeTheSign) {
  EXPECT_EQ(VietnamesePercent(44.04, 2), "44,04 %");
  EXPECT_EQ(VietnamesePercent(10, 1), "10,0 %");
}

TEST(VietnameseDateTest, WritesDayMonthYear) {
  EXPECT_EQ(VietnameseDate("2026-12-05"), "05/12/2026");
  EXPECT_EQ(VietnameseDate("2026-01-31"), "31/01/2026");
  EXPECT_EQ(VietnameseDate(""), "");
  EXPECT_EQ(VietnameseDate("Quý III"), "Quý III");
  EXPECT_EQ(VietnameseDate("2026-02-30"), "2026-02-30");  // not a date: left as it is
}

TEST(VietnameseLongDateTest, FollowsDecree30OnLeadingZeros) {
  EXPECT_EQ(VietnameseLongDate("2026-12-05"), "ngày 05 tháng 12 năm 2026");
  EXPECT_EQ(VietnameseLongDate("2026-01-15"), "ngày 15 tháng 01 năm 2026");
  EXPECT_EQ(VietnameseLongDate("2026-02-09"), "ngày 09 tháng 02 năm 2026");
  EXPECT_EQ(VietnameseLongDate("2026-03-20"), "ngày 20 tháng 3 năm 2026");
  EXPECT_EQ(VietnameseLongDate("2026-10-01"), "ngày 01 tháng 10 năm 2026");
  EXPECT_EQ(VietnameseLongDate(""), "ngày … tháng … năm …");
}

}  // namespace
}  // namespace phieu
