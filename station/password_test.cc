#include "station/password.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

TEST(PasswordTest, AHashMatchesItsPasswordOnly) {
  auto hash = HashPassword("mật khẩu dài");
  ASSERT_TRUE(hash.ok()) << hash.status().message();
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_TRUE(PasswordMatches(*hash, "mật khẩu dài"));
  EXPECT_FALSE(PasswordMatches(*hash, "mật khẩu dài "));
  EXPECT_FALSE(PasswordMatches("not a hash", "mật khẩu dài"));
  EXPECT_FALSE(PasswordMatches("", ""));
}

TEST(PasswordTest, TheSamePasswordHashesDifferentlyEachTime) {
  EXPECT_NE(HashPassword("aaaaaaaa").value(), HashPassword("aaaaaaaa").value());
}

TEST(PasswordTest, TokensAreHexAndCompareExactly) {
  const std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
  EXPECT_TRUE(TokensEqual(a, a));
  EXPECT_FALSE(TokensEqual(a, b));
  EXPECT_FALSE(TokensEqual(a, a.substr(1)));
}

}  // namespace
}  // namespace phieu
