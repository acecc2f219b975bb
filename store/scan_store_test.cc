#include "store/scan_store.h"

#include <gtest/gtest.h>

#include "store/test_util.h"
#include "store/verify_store.h"

namespace phieu {
namespace {

TEST(ScanBatchTest, ANameUsedAgainContinuesItsBatchAndANewNameStartsOne) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  auto first = OpenScanBatch(*db, {"lo-1", "An", "BĐ-02", "2026-03-10"});
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_FALSE(first->continued);
  // The rerun (another operator, collector and date not given) adds to the same batch.
  auto again = OpenScanBatch(*db, {"lo-1", "Bình", "", ""});
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_TRUE(again->continued);
  EXPECT_EQ(again->id, first->id);
  auto same = OpenScanBatch(*db, {"lo-1", "An", "BĐ-02", "2026-03-10"});
  ASSERT_TRUE(same.ok()) << same.status().message();
  EXPECT_EQ(same->id, first->id);
  auto other = OpenScanBatch(*db, {"lo-2", "An", "", ""});
  ASSERT_TRUE(other.ok()) << other.status().message();
  EXPECT_FALSE(other->continued);
  EXPECT_NE(other->id, first->id);
}

TEST(ScanBatchTest, ContinuingABatchForAnotherCollectorOrDateIsRefused) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  ASSERT_TRUE(OpenScanBatch(*db, {"lo-1", "An", "BĐ-02", "2026-03-10"}).ok());
  EXPECT_EQ(OpenScanBatch(*db, {"lo-1", "An", "BĐ-03", ""}).status().message(),
            "batch 'lo-1' was started for collector 'BĐ-02', not 'BĐ-03': give another --batch "
            "name");
  EXPECT_EQ(OpenScanBatch(*db, {"lo-1", "An", "", "2026-03-11"}).status().message(),
            "batch 'lo-1' was started as received on 2026-03-10, not 2026-03-11: give another "
            "--batch name");
  ASSERT_TRUE(OpenScanBatch(*db, {"lo-2", "An", "", "2026-03-10"}).ok());
  EXPECT_EQ(OpenScanBatch(*db, {"lo-2", "An", "BĐ-03", ""}).status().message(),
            "batch 'lo-2' was started for no collector, not 'BĐ-03': give another --batch name");
}

// Two stations that start scanning in the same second, each without a batch name, get a batch
// each: their piles are never numbered as one.
TEST(ScanBatchTest, ANewBatchWhoseNameIsTakenGetsTheNextFreeName) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  const ScanBatchInfo info{"scan 2026-03-10T08:00:00Z", "An", "", ""};
  auto first = StartNewScanBatch(*db, info);
  auto second = StartNewScanBatch(*db, info);
  auto third = StartNewScanBatch(*db, info);
  ASSERT_TRUE(first.ok() && second.ok() && third.ok());
  EXPECT_EQ(first->name, "scan 2026-03-10T08:00:00Z");
  EXPECT_EQ(second->name, "scan 2026-03-10T08:00:00Z (2)");
  EXPECT_EQ(third->name, "scan 2026-03-10T08:00:00Z (3)");
  EXPECT_FALSE(second->continued);
  EXPECT_NE(first->id, second->id);
  EXPECT_NE(second->id, third->id);
  // A rerun that names the second continues it.
  auto again = OpenScanBatch(*db, {second->name, "An", "", ""});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, second->id);
  EXPECT_TRUE(again->continued);
}

}  // namespace
}  // namespace phieu

namespace phieu {
namespace {

TEST(ScanPageTest, EveryBubblesEvidenceIsStoredAndLoadedAsMeasured) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  auto batch = OpenScanBatch(*db, {"lo-1", "An", "", ""});
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  ASSERT_TRUE(StartScanFile(*db, std::string(64, 'a'), "scan.png", "", 10, 1, batch->id).ok());
  PageRecord page;
  page.outcome = PageOutcome::kRead, page.identified_by = PageIdentification::kQr;
  page.form_code = "F1", page.page = 1;
  BubbleScore tick{"Q9.1", "2", 0.10, 0.35, 0.02};
  tick.coverage = 0.16, tick.peak = 0.9, tick.cross_mask = 0b1, tick.halo_mask = 0b10;
  tick.free_mask = 0b111, tick.ring = 0.8, tick.long_line = true;
  tick.span = 0.85, tick.thickness = 0.17;
  BubbleScore older{"Q9.1", "3", 0.01, 0.02, 0.0};  // as an older phieu measured it
  page.bubbles = {tick, older};
  const Status stored = StorePage(*db, std::string(64, 'a'), page);
  ASSERT_TRUE(stored.ok()) << stored.message();

  auto pages = LoadIdentifiedPages(*db);
  ASSERT_TRUE(pages.ok()) << pages.status().message();
  ASSERT_EQ(pages->size(), 1u);
  ASSERT_EQ((*pages)[0].bubbles.size(), 2u);
  const BubbleScore& b = (*pages)[0].bubbles[0];
  EXPECT_DOUBLE_EQ(b.coverage, 0.16);
  EXPECT_EQ(b.cross_mask, 0b1);
  EXPECT_EQ(b.halo_mask, 0b10);
  EXPECT_TRUE(b.long_line);
  EXPECT_DOUBLE_EQ(b.span, 0.85);
  EXPECT_DOUBLE_EQ(b.thickness, 0.17);
  // No evidence stored: "not measured", decided by the older rules.
  EXPECT_EQ((*pages)[0].bubbles[1].coverage, -1);
  EXPECT_EQ((*pages)[0].bubbles[1].span, -1);
}

TEST(ScanPageTest, APageStateThisPhieuDoesNotKnowIsRefusedNotGuessed) {
  TempFolder dir;
  const std::string path = dir.File("a.db");
  {
    auto db = CreateTestDatabase(path);
    auto batch = OpenScanBatch(*db, {"lo-1", "An", "", ""});
    ASSERT_TRUE(batch.ok()) << batch.status().message();
    ASSERT_TRUE(StartScanFile(*db, std::string(64, 'a'), "scan.png", "", 10, 1, batch->id).ok());
    PageRecord page;
    page.outcome = PageOutcome::kRead, page.identified_by = PageIdentification::kOcr;
    page.form_code = "F1", page.page = 1;
    ASSERT_TRUE(StorePage(*db, std::string(64, 'a'), page).ok());
    auto pages = ListScanPages(*db);
    ASSERT_TRUE(pages.ok()) << pages.status().message();
    ASSERT_EQ(pages->size(), 1u);
    EXPECT_EQ((*pages)[0].outcome, PageOutcome::kRead);
    EXPECT_EQ((*pages)[0].identified_by, PageIdentification::kOcr);
  }
  // The schema checks the outcome's name itself; how a page was identified is the store's to
  // check, e.g. a way a newer phieu might add.
  RawExec(path, "UPDATE scan_page SET identified_by = 'barcode'");
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().message();
  auto pages = ListScanPages(**db);
  ASSERT_FALSE(pages.ok());
  EXPECT_NE(pages.status().message().find("scan_page.identified_by holds 'barcode'"),
            std::string::npos)
      << pages.status().message();
  EXPECT_NE(pages.status().message().find("newer phieu"), std::string::npos);
}

}  // namespace
}  // namespace phieu
