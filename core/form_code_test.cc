#include "core/form_code.h"

#include <gtest/gtest.h>

#include <set>

namespace phieu {
namespace {

TEST(FormCodeTest, NewCodesAreWellFormedAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 500; ++i) {
    const std::string code = NewFormCode();
    ASSERT_EQ(code.size(), 11u);
    EXPECT_EQ(code[3], '-');
    EXPECT_EQ(code[7], '-');
    EXPECT_EQ(NormalizeFormCode(code), code);
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 500u);
}

TEST(FormCodeTest, CheckCharacterIsWeightedSumModulo31) {
  // "22222222": every value 0 -> sum 0 -> '2'. "32222222": value 1 at weight 1 -> '3'.
  EXPECT_EQ(FormCodeCheckCharacter("22222222"), '2');
  EXPECT_EQ(FormCodeCheckCharacter("32222222"), '3');
  EXPECT_EQ(FormCodeCheckCharacter("23222222"), '4');  // value 1 at weight 2
}

TEST(FormCodeTest, AcceptsLowercaseAndMissingDashes) {
  const std::string code = NewFormCode();
  std::string loose;
  for (char c : code) {
    if (c != '-') loose.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  EXPECT_EQ(NormalizeFormCode(loose), code);
  EXPECT_EQ(NormalizeFormCode(" " + code + "\n"), code);  // as OCR returns it
}

TEST(FormCodeTest, EverySingleSubstitutionAndNeighbourSwapIsCaught) {
  const std::string code = NewFormCode();
  std::string chars;
  for (char c : code) {
    if (c != '-') chars.push_back(c);
  }
  for (std::size_t i = 0; i < chars.size(); ++i) {
    for (char c : kFormCodeAlphabet) {
      if (c == chars[i]) continue;
      std::string wrong = chars;
      wrong[i] = c;
      EXPECT_FALSE(NormalizeFormCode(wrong).has_value()) << wrong;
    }
    if (i + 1 < chars.size() && chars[i] != chars[i + 1]) {
      std::string swapped = chars;
      std::swap(swapped[i], swapped[i + 1]);
      EXPECT_FALSE(NormalizeFormCode(swapped).has_value()) << swapped;
    }
  }
}

TEST(FormCodeTest, RefusesLettersOutsideTheAlphabet) {
  EXPECT_FALSE(NormalizeFormCode("K7Q-M4R-X2O").has_value());  // O is not used
  EXPECT_FALSE(NormalizeFormCode("K7Q-M4R").has_value());
  EXPECT_FALSE(NormalizeFormCode("").has_value());
}

}  // namespace
}  // namespace phieu
