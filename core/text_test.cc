#include "core/text.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

TEST(Utf8Test, AcceptsVietnameseAndRejectsBrokenSequences) {
  EXPECT_FALSE(FindInvalidUtf8("Rất hài lòng, Đồng bằng").has_value());
  EXPECT_EQ(FindInvalidUtf8("ab\xC3"), 2u);                 // truncated
  EXPECT_EQ(FindInvalidUtf8("a\xC0\xAF"), 1u);              // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("\xED\xA0\x80"), 0u);           // surrogate
  EXPECT_EQ(FindInvalidUtf8("ok\xF4\x90\x80\x80"), 2u);     // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("x\xFF"), 1u);
}

TEST(IsoDateTest, AcceptsRealDatesOnly) {
  EXPECT_TRUE(IsIsoDate("2026-03-31"));
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2026-02-29"));
  EXPECT_FALSE(IsIsoDate("2026-02-30"));
  EXPECT_FALSE(IsIsoDate("2026-13-01"));
  EXPECT_FALSE(IsIsoDate("31/03/2026"));
  EXPECT_FALSE(IsIsoDate("2026-3-31"));
}

TEST(DisplayWidthTest, CountsLettersNotBytesOrCombiningMarks) {
  EXPECT_EQ(DisplayWidth("Hòa Bình"), 8u);
  EXPECT_EQ(DisplayWidth("Ho\xCC\x80" "a"), 3u);  // 'o' + combining grave
  EXPECT_EQ(PadRight("Đà", 4), "Đà  ");
}

}  // namespace
}  // namespace phieu
