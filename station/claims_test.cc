#include "station/claims.h"

#include <gtest/gtest.h>

#include "station/sessions.h"

namespace phieu {
namespace {

TEST(ClaimTableTest, ARunningClaimKeepsOthersOutUntilItRunsOut) {
  ClaimTable claims(300);
  EXPECT_TRUE(claims.Take("AAA/Q1", "An", 1000));
  EXPECT_FALSE(claims.Take("AAA/Q1", "Bình", 1299));
  EXPECT_EQ(claims.Holder("AAA/Q1", 1299)->holder, "An");
  EXPECT_TRUE(claims.Holds("AAA/Q1", "An", 1299));
  EXPECT_FALSE(claims.Holds("AAA/Q1", "An", 1300));  // ran out
  EXPECT_TRUE(claims.Take("AAA/Q1", "Bình", 1300));
  EXPECT_FALSE(claims.Holds("AAA/Q1", "An", 1300));
}

TEST(ClaimTableTest, TakingAgainRenewsOnesOwnClaim) {
  ClaimTable claims(300);
  EXPECT_TRUE(claims.Take("AAA/Q1", "An", 1000));
  EXPECT_TRUE(claims.Take("AAA/Q1", "An", 1200));
  EXPECT_EQ(claims.Holder("AAA/Q1", 1200)->until, 1500);
}

TEST(ClaimTableTest, OnlyTheHolderReleases) {
  ClaimTable claims(300);
  claims.Take("AAA/Q1", "An", 1000);
  claims.Release("AAA/Q1", "Bình");
  EXPECT_TRUE(claims.Holds("AAA/Q1", "An", 1001));
  claims.Release("AAA/Q1", "An");
  EXPECT_FALSE(claims.Holder("AAA/Q1", 1001).has_value());
}

TEST(SessionTableTest, ASessionIsFoundByItsTokenUntilIdleTooLongOrEnded) {
  SessionTable sessions(60);
  const Session s = sessions.Start("An", "reviewer", 1000);
  EXPECT_EQ(s.token.size(), 64u);
  EXPECT_NE(s.token, s.csrf);
  EXPECT_EQ(sessions.Find(s.token, 1050)->name, "An");
  EXPECT_TRUE(sessions.Find(s.token, 1110).has_value());  // seen at 1050: still within 60 s
  EXPECT_FALSE(sessions.Find(s.token, 1171).has_value());
  const Session t = sessions.Start("Bình", "supervisor", 2000);
  sessions.End(t.token);
  EXPECT_FALSE(sessions.Find(t.token, 2000).has_value());
  EXPECT_FALSE(sessions.Find("", 2000).has_value());
}

}  // namespace
}  // namespace phieu
