#include "core/form_code.h"

#include <gtest/gtest.h>

#include <set>

namespace phieu {
namespace {

TEST(FormCodeTest, NewCodesAreWellFormedDistinctAndFollowTheP2RuleOnly) {
  std::set<std::string> seen;
  for (int i = 0; i < 500; ++i) {
    const std::string code = NewFormCode();
    ASSERT_EQ(code.size(), 11u);
    EXPECT_EQ(code[3], '-');
    EXPECT_EQ(code[7], '-');
    EXPECT_EQ(NormalizeFormCode(code), code);
    EXPECT_EQ(FormCodeCheckOf(code), FormCodeCheck::kP2) << code;
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 500u);
}

TEST(FormCodeTest, TheP1CheckCharacterIsTheWeightedSumModulo31) {
  // "22222222": every value 0 -> sum 0 -> '2'. "32222222": value 1 at weight 1 -> '3'.
  EXPECT_EQ(FormCodeCheckCharacter("22222222", FormCodeCheck::kP1), '2');
  EXPECT_EQ(FormCodeCheckCharacter("32222222", FormCodeCheck::kP1), '3');
  EXPECT_EQ(FormCodeCheckCharacter("23222222", FormCodeCheck::kP1), '4');  // value 1 at weight 2
}

TEST(FormCodeTest, TheP2CheckCharacterBringsTheWeightedSumToZeroModulo31) {
  EXPECT_EQ(FormCodeCheckCharacter("22222222"), '2');
  // Value 1 at weight 2: the check's value is 31 - 2 = 29, 'Y'; at weight 3, 28, 'X'.
  EXPECT_EQ(FormCodeCheckCharacter("32222222"), 'Y');
  EXPECT_EQ(FormCodeCheckCharacter("23222222"), 'X');
  // Every character 'Z' (value 30 = -1): the sum is -(2 + ... + 9) = -44 = 18 (mod 31), so the
  // check is -18 = 13, 'F'.
  EXPECT_EQ(FormCodeCheckCharacter("ZZZZZZZZ"), 'F');
}

// A code printed before P2 still reads, as a P1 code.
TEST(FormCodeTest, ACodeIssuedUnderP1StillNormalisesAndIsKnownAsP1) {
  EXPECT_EQ(NormalizeFormCode("aaa22222k"), "AAA-222-22K");
  EXPECT_EQ(FormCodeCheckOf("AAA-222-22K"), FormCodeCheck::kP1);
  EXPECT_EQ(FormCodeCheckOf("AAA-222-22Q"), FormCodeCheck::kP2);  // the same data under P2
  EXPECT_EQ(FormCodeCheckOf("AAA-222-22X"), std::nullopt);
  EXPECT_EQ(FormCodeCheckOf("AAA22222Q"), std::nullopt);  // not canonical
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

// The nine characters of canonical `code`, and back.
std::string Chars(const std::string& code) {
  std::string chars;
  for (char c : code) {
    if (c != '-') chars.push_back(c);
  }
  return chars;
}
std::string Dashed(const std::string& chars) {
  return chars.substr(0, 3) + "-" + chars.substr(3, 3) + "-" + chars.substr(6, 3);
}
int Value(char c) { return static_cast<int>(kFormCodeAlphabet.find(c)); }

TEST(FormCodeTest, UnderItsRuleEverySingleSubstitutionAndEverySwapIsCaught) {
  for (int round = 0; round < 20; ++round) {
    const std::string code = NewFormCode();
    const std::string chars = Chars(code);
    for (std::size_t i = 0; i < chars.size(); ++i) {
      for (char c : kFormCodeAlphabet) {
        if (c == chars[i]) continue;
        std::string wrong = chars;
        wrong[i] = c;
        EXPECT_NE(FormCodeCheckOf(Dashed(wrong)), FormCodeCheck::kP2) << code << " -> " << wrong;
      }
      // Any two characters swapped, neighbours or not (P1 caught neighbours only).
      for (std::size_t j = i + 1; j < chars.size(); ++j) {
        if (chars[i] == chars[j]) continue;
        std::string swapped = chars;
        std::swap(swapped[i], swapped[j]);
        EXPECT_NE(FormCodeCheckOf(Dashed(swapped)), FormCodeCheck::kP2)
            << code << " -> " << swapped;
      }
    }
  }
}

// The same misreading (one character's value shifted by the same amount, as 6 read as G) in two,
// three or four places: P2 catches it anywhere; P1 missed it in the first and check places.
TEST(FormCodeTest, TheSameMisreadingInUpToFourPlacesIsCaughtUnderP2) {
  for (int round = 0; round < 10; ++round) {
    const std::string chars = Chars(NewFormCode());
    for (int shift = 1; shift < 31; ++shift) {
      const auto misread = [&](std::string s, std::size_t i) {
        s[i] = kFormCodeAlphabet[(Value(s[i]) + shift) % 31];
        return s;
      };
      for (std::size_t i = 0; i < 9; ++i) {
        for (std::size_t j = i + 1; j < 9; ++j) {
          const std::string two = misread(misread(chars, i), j);
          EXPECT_NE(FormCodeCheckOf(Dashed(two)), FormCodeCheck::kP2) << chars << " -> " << two;
          for (std::size_t k = j + 1; k < 9; ++k) {
            const std::string three = misread(two, k);
            EXPECT_NE(FormCodeCheckOf(Dashed(three)), FormCodeCheck::kP2)
                << chars << " -> " << three;
            for (std::size_t l = k + 1; l < 9; ++l) {
              const std::string four = misread(three, l);
              EXPECT_NE(FormCodeCheckOf(Dashed(four)), FormCodeCheck::kP2)
                  << chars << " -> " << four;
            }
          }
        }
      }
    }
  }
  // The case that led to P2: a P1 code with 6 first and 6 last, both read as G, stays valid.
  const std::string data = "6ABCDEF7";
  std::string p1 = data + FormCodeCheckCharacter(data, FormCodeCheck::kP1);
  ASSERT_EQ(p1.back(), '6');
  p1.front() = 'G', p1.back() = 'G';
  EXPECT_EQ(FormCodeCheckOf(Dashed(p1)), FormCodeCheck::kP1);
}

TEST(FormCodeTest, UnderP1EverySingleSubstitutionAndNeighbourSwapIsStillCaught) {
  const std::string data = "K7QM4RX2";
  const std::string chars = data + FormCodeCheckCharacter(data, FormCodeCheck::kP1);
  for (std::size_t i = 0; i < chars.size(); ++i) {
    for (char c : kFormCodeAlphabet) {
      if (c == chars[i]) continue;
      std::string wrong = chars;
      wrong[i] = c;
      EXPECT_NE(FormCodeCheckOf(Dashed(wrong)), FormCodeCheck::kP1) << wrong;
    }
    if (i + 1 < chars.size() && chars[i] != chars[i + 1]) {
      std::string swapped = chars;
      std::swap(swapped[i], swapped[i + 1]);
      EXPECT_NE(FormCodeCheckOf(Dashed(swapped)), FormCodeCheck::kP1) << swapped;
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
