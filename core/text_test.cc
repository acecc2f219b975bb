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

TEST(JoinSplitTest, SplitKeepsEmptyPartsAndJoinUndoesIt) {
  EXPECT_EQ(Split("1;3", ';'), (std::vector<std::string>{"1", "3"}));
  EXPECT_EQ(Split("", ';'), (std::vector<std::string>{""}));
  EXPECT_EQ(Split("a,,b,", ','), (std::vector<std::string>{"a", "", "b", ""}));
  EXPECT_EQ(Join(Split("a,,b,", ','), ","), "a,,b,");
  EXPECT_EQ(Join({}, ", "), "");
}

TEST(FixedTextTest, RoundsToTheDecimalsAsked) {
  EXPECT_EQ(FixedText(78.456, 2), "78.46");
  EXPECT_EQ(FixedText(0.5, 0), "0");  // round half to even, as printf does
  EXPECT_EQ(FixedText(96.04, 1), "96.0");
}

}  // namespace
}  // namespace phieu
