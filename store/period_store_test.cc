#include "store/period_store.h"

#include <gtest/gtest.h>

#include "store/test_util.h"

namespace phieu {

TEST(PeriodStoreTest, APeriodIsStoredLoggedAndChangeableBeforeTheFirstScan) {
  TempFolder dir;
  const std::string path = dir.File("d.db");
  auto db = CreateTestDatabase(path);
  EXPECT_FALSE(LoadPeriod(*db).value().has_value());
  ASSERT_TRUE(SetPeriod(*db, ParsePeriod("2026-Q2").value()).ok());
  ASSERT_TRUE(SetPeriod(*db, ParsePeriod("2026-Q3").value()).ok());
  const auto period = LoadPeriod(*db).value();
  ASSERT_TRUE(period.has_value());
  EXPECT_EQ(period->text, "2026-Q3");
  EXPECT_EQ(period->Range(), "2026-07-01..2026-09-30");
  const auto events = ListEvents(*db).value();
  EXPECT_EQ(events.back().kind, "period");
  EXPECT_EQ(events.back().summary, "period 2026-Q3 (2026-07-01..2026-09-30), was 2026-Q2");
  db.reset();
  EXPECT_TRUE(VerifyLogOf(path).problems.empty());
}

TEST(PeriodStoreTest, AfterTheFirstScanThePeriodCannotChange) {
  TempFolder dir;
  const std::string path = dir.File("d.db");
  auto db = CreateTestDatabase(path);
  ASSERT_TRUE(SetPeriod(*db, ParsePeriod("2026").value()).ok());
  RawExec(path,
          "INSERT INTO scan_batch VALUES (1, 'b', 'op', '', '2026-03-01', 't');"
          "INSERT INTO scan_file VALUES ('h', 'a.png', 'a', 1, 1, 1, 1, 't');"
          "INSERT INTO scan_page (file_sha256, page_index, outcome, read_at) "
          "VALUES ('h', 0, 'blank', 't');");
  EXPECT_EQ(SetPeriod(*db, ParsePeriod("2027").value()).message(),
            path + ": the period is 2026 and cannot change: 1 page has been scanned in it; start "
                   "a new database for another period");
  EXPECT_TRUE(SetPeriod(*db, ParsePeriod("2026").value()).ok());
}

TEST(PeriodStoreTest, ADatabaseOfSchema7IsUpgradedWithoutAPeriod) {
  TempFolder dir;
  const std::string path = dir.File("d.db");
  CreateTestDatabase(path).reset();
  RawExec(path, "DROP TABLE channel_answer; DROP TABLE channel_response; "
                "DROP TABLE channel_import; DROP TABLE survey_period; DROP TABLE station_user; "
                "DROP TABLE audit_delivery_pick; DROP TABLE audit_delivery_stratum; "
                "DROP TABLE audit_delivery; DROP TABLE writein; PRAGMA user_version = 7");
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_FALSE(LoadPeriod(**db).value().has_value());
  ASSERT_TRUE(SetPeriod(**db, ParsePeriod("2026-07").value()).ok());
  EXPECT_EQ(LoadPeriod(**db).value()->last_day, "2026-07-31");
  db->reset();
  EXPECT_TRUE(VerifyLogOf(path).problems.empty());
}

}  // namespace phieu
