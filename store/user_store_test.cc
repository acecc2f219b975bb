#include "store/user_store.h"

#include <gtest/gtest.h>

#include "store/bundle_copy.h"
#include "store/event_log.h"
#include "store/test_util.h"

namespace phieu {
namespace {

TEST(UserStoreTest, AnAddedPersonIsFoundWithTheirRoleAndHash) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("u.db"));
  auto added = AddStationUser(*db, {"Trần Thị B", "reviewer", "$argon2id$v=19$hash", ""});
  ASSERT_TRUE(added.ok()) << added.status().message();
  EXPECT_FALSE(added->added_at.empty());
  auto found = FindStationUser(*db, "Trần Thị B");
  ASSERT_TRUE(found.ok()) << found.status().message();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->role, "reviewer");
  EXPECT_EQ((*found)->password_hash, "$argon2id$v=19$hash");
  auto missing = FindStationUser(*db, "Trần Thị C");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST(UserStoreTest, ATakenNameOrAnUnknownRoleIsRefusedAndNothingChanges) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("u.db"));
  ASSERT_TRUE(AddStationUser(*db, {"An", "supervisor", "h1", ""}).ok());
  auto again = AddStationUser(*db, {"An", "reviewer", "h2", ""});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(),
            "a person named 'An' can already sign in; choose another name");
  auto role = AddStationUser(*db, {"Bình", "admin", "h3", ""});
  ASSERT_FALSE(role.ok());
  EXPECT_EQ(role.status().message(), "a role is 'reviewer' or 'supervisor', not 'admin'");
  EXPECT_EQ((*FindStationUser(*db, "An"))->password_hash, "h1");
  EXPECT_FALSE(FindStationUser(*db, "Bình")->has_value());
}

TEST(UserStoreTest, AddingIsLoggedWithoutTheHashAndTheLogPasses) {
  TempFolder dir;
  const std::string path = dir.File("u.db");
  {
    auto db = CreateTestDatabase(path);
    ASSERT_TRUE(AddStationUser(*db, {"An", "reviewer", "secret-hash", ""}).ok());
    auto events = ListEvents(*db);
    ASSERT_TRUE(events.ok());
    EXPECT_EQ(events->back().kind, "user");
    EXPECT_EQ(events->back().summary, "An may sign in as reviewer");
    EXPECT_EQ(events->back().records, 0);
  }
  EXPECT_EQ(AllProblems(VerifyLogOf(path)), "");
}

TEST(UserStoreTest, AnAuditBundleCopyKeepsNoAccount) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("u.db"));
  ASSERT_TRUE(AddStationUser(*db, {"An", "reviewer", "secret-hash", ""}).ok());
  ASSERT_TRUE(WriteBundleCopy(*db, dir.File("copy.db"), false).ok());
  auto copy = Database::Open(dir.File("copy.db"));
  ASSERT_TRUE(copy.ok()) << copy.status().message();
  EXPECT_FALSE(FindStationUser(**copy, "An")->has_value());
  EXPECT_EQ(AllProblems(VerifyLogOf(dir.File("copy.db"))), "");
}

}  // namespace
}  // namespace phieu
