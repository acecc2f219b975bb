#include "store/writein_store.h"

#include <gtest/gtest.h>

#include "store/bundle_copy.h"
#include "store/scan_store.h"
#include "store/test_util.h"

namespace phieu {
namespace {

// A database holding one scanned page of form F1 whose boxes Q11 and Q2.8.other were measured.
std::string PageDatabase(const TempFolder& dir) {
  const std::string path = dir.File("a.db");
  auto db = CreateTestDatabase(path);
  auto batch = OpenScanBatch(*db, {"lo-1", "An", "", ""});
  EXPECT_TRUE(batch.ok()) << batch.status().message();
  EXPECT_TRUE(StartScanFile(*db, std::string(64, 'a'), "scan.png", "", 10, 1, batch->id).ok());
  PageRecord page;
  page.outcome = PageOutcome::kRead, page.identified_by = PageIdentification::kQr;
  page.form_code = "F1", page.page = 4;
  page.text_boxes = {{"Q11", 0.031, true}, {"Q2.8.other", 0.0, false}};
  EXPECT_TRUE(StorePage(*db, std::string(64, 'a'), page).ok());
  return path;
}

Transcription Typed(const std::string& box, WriteInState state, const std::string& text,
                    const std::string& by) {
  Transcription t;
  t.form_code = "F1", t.page = 4, t.box = box, t.state = state, t.text = text, t.page_id = 1;
  t.by = by;
  return t;
}

TEST(WriteInStoreTest, TheInkOfEveryBoxIsListedAsTheScannerMeasuredIt) {
  TempFolder dir;
  auto db = Database::Open(PageDatabase(dir));
  ASSERT_TRUE(db.ok());
  auto ink = ListBoxInk(**db);
  ASSERT_TRUE(ink.ok()) << ink.status().message();
  ASSERT_EQ(ink->size(), 2u);
  EXPECT_EQ((*ink)[0].box, "Q11");
  EXPECT_DOUBLE_EQ((*ink)[0].ink, 0.031);
  EXPECT_EQ((*ink)[1].box, "Q2.8.other");
  EXPECT_EQ((*ink)[1].page_id, 1);
}

TEST(WriteInStoreTest, ACorrectionIsANewRecordAndEveryRecordIsLogged) {
  TempFolder dir;
  const std::string path = PageDatabase(dir);
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    auto first = RecordTranscription(
        **db, Typed("Q11", WriteInState::kText, "Cán bộ phường làm việc nhanh", "An"));
    ASSERT_TRUE(first.ok()) << first.status().message();
    EXPECT_EQ(first->id, 1);
    EXPECT_EQ(first->at.size(), 20u);  // YYYY-MM-DDTHH:MM:SSZ
    // The illegible record keeps no text, whatever was typed.
    auto second = RecordTranscription(**db, Typed("Q11", WriteInState::kIllegible, "x", "Bình"));
    ASSERT_TRUE(second.ok()) << second.status().message();
    auto list = ListTranscriptions(**db);
    ASSERT_TRUE(list.ok()) << list.status().message();
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].text, "Cán bộ phường làm việc nhanh");
    EXPECT_EQ((*list)[0].by, "An");
    EXPECT_EQ((*list)[1].state, WriteInState::kIllegible);
    EXPECT_EQ((*list)[1].text, "");
    EXPECT_EQ((*list)[1].by, "Bình");
    auto events = ListEvents(**db);
    ASSERT_TRUE(events.ok());
    EXPECT_EQ(events->back().kind, "writein");
    // The log is public: it names the box, never the respondent's words.
    EXPECT_EQ(events->back().summary, "F1/Q11 transcribed (illegible) by Bình");
    EXPECT_EQ((*events)[events->size() - 2].summary, "F1/Q11 transcribed (text) by An");
  }
  EXPECT_TRUE(VerifyLogOf(path).ok()) << AllProblems(VerifyLogOf(path));
  RawExec(path, "UPDATE writein SET text = 'Cán bộ phường làm việc chậm' WHERE id = 1");
  const LogCheck check = VerifyLogOf(path);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(AllProblems(check).find("writein 1: changed after event"), 0u) << AllProblems(check);
}

TEST(WriteInStoreTest, ADatabaseOfSchema10UpgradesWithNoTranscriptionAndItsLogStillPasses) {
  TempFolder dir;
  const std::string path = PageDatabase(dir);
  RawExec(path, "DROP INDEX writein_box; DROP TABLE writein; PRAGMA user_version = 10");
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok()) << db.status().message();
    auto list = ListTranscriptions(**db);
    ASSERT_TRUE(list.ok()) << list.status().message();
    EXPECT_TRUE(list->empty());
    EXPECT_TRUE(RecordTranscription(**db, Typed("Q11", WriteInState::kEmpty, "", "An")).ok());
  }
  const LogCheck check = VerifyLogOf(path);
  EXPECT_TRUE(check.ok()) << AllProblems(check);
}

TEST(WriteInStoreTest, ARedactedBundleCopyKeepsNoWordsOfAWriteInAndItsLogPasses) {
  TempFolder dir;
  const std::string path = PageDatabase(dir);
  const std::string copy_path = dir.File("bundle.db");
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(RecordTranscription(
                    **db, Typed("Q11", WriteInState::kText, "Ông Nguyễn Văn Tư đòi tiền", "An"))
                    .ok());
    auto summary = WriteBundleCopy(**db, copy_path, true);
    ASSERT_TRUE(summary.ok()) << summary.status().message();
    EXPECT_EQ(summary->withheld, 2);  // the secret and the write-in
  }
  std::ifstream in(copy_path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.find("Nguyễn Văn Tư"), std::string::npos);
  const LogCheck check = VerifyLogOf(copy_path);
  EXPECT_TRUE(check.ok()) << AllProblems(check);
  EXPECT_EQ(check.withheld, 2);
}

}  // namespace
}  // namespace phieu
