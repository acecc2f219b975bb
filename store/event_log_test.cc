#include "store/event_log.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/form_store.h"
#include "store/sample_store.h"
#include "store/scan_store.h"
#include "store/test_util.h"

namespace phieu {
namespace {

// A database that went through import, issue, print, scan and rescore; returns its path.
std::string BusyDatabase(const TempFolder& dir) {
  const std::string path = dir.File("log.db");
  auto db = CreateTestDatabase(path);
  std::vector<SampleRecord> list;
  for (const char* id : {"S1", "S2"}) {
    SampleRecord r;
    r.id = id;
    r.unit = "U1";
    list.push_back(r);
  }
  EXPECT_TRUE(ImportSampleList(*db, "l.csv", "h", list).ok());
  int next = 0;
  auto forms = IssueForms(*db, {"T1", "hash", "yaml", "{}", 1}, {},
                          [&] { return "C" + std::to_string(++next); });
  EXPECT_TRUE(forms.ok());
  EXPECT_TRUE(RecordPrintRun(*db, "forms.pdf", "abc", 2, {{"C1", 1}, {"C2", 2}}).ok());
  auto batch = CreateScanBatch(*db, {"b", "op", "ĐTV-01", "2026-03-10"});
  EXPECT_TRUE(StartScanFile(*db, "f1", "scan.png", "a/f1.png", 10, 1, *batch).ok());
  PageRecord page;
  page.outcome = PageOutcome::kRead;
  page.form_code = "C1";
  page.page = 1;
  page.bubbles = {{"Q1", "1", 0.9, 0.95, 0.0}, {"Q1", "2", 0.01, 0.02, 0.0}};
  EXPECT_TRUE(StorePage(*db, "f1", page).ok());
  MarkThresholds t;
  t.filled_from = 0.25;
  EXPECT_TRUE(SaveMarkThresholds(*db, t, "filled from 0.25").ok());
  return path;
}

TEST(EventLogTest, EveryChangeOfStateAppendsAnEventAndAnUntouchedDatabasePasses) {
  TempFolder dir;
  const std::string path = BusyDatabase(dir);
  auto db = Database::Open(path);
  auto events = ListEvents(**db);
  ASSERT_TRUE(events.ok());
  std::vector<std::string> kinds;
  for (const auto& e : *events) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"init", "import", "issue", "print", "scan", "rescore"}));
  EXPECT_EQ(events->front().prev_hash, std::string(64, '0'));
  for (std::size_t i = 1; i < events->size(); ++i) {
    EXPECT_EQ((*events)[i].prev_hash, (*events)[i - 1].hash);
  }
  db->reset();
  const LogCheck check = VerifyLogOf(path);
  EXPECT_TRUE(check.ok()) << AllProblems(check);
  EXPECT_EQ(check.events, 6);
  EXPECT_EQ(check.head, events->back().hash);
}

TEST(EventLogTest, AnEditedReadingIsFoundAndNamed) {
  TempFolder dir;
  const std::string path = BusyDatabase(dir);
  RawExec(path, "UPDATE bubble_score SET fill = 0.02 WHERE item = 'Q1' AND option = '1'");
  const LogCheck check = VerifyLogOf(path);
  ASSERT_FALSE(check.ok());
  EXPECT_NE(AllProblems(check).find("scan_page 1: changed after event 5 (scan"), std::string::npos)
      << AllProblems(check);
}

TEST(EventLogTest, ADeletedEventBreaksTheChainThere) {
  TempFolder dir;
  const std::string path = BusyDatabase(dir);
  RawExec(path, "PRAGMA foreign_keys = OFF; DELETE FROM event_record WHERE event_seq = 4; "
                "DELETE FROM event WHERE seq = 4");
  const LogCheck check = VerifyLogOf(path);
  ASSERT_FALSE(check.ok());
  EXPECT_NE(check.problems.front().find("event 5 (scan"), std::string::npos) << AllProblems(check);
  EXPECT_NE(check.problems.front().find("event 4 missing"), std::string::npos);
  // The print run it recorded is now outside the log.
  EXPECT_NE(AllProblems(check).find("print_run 1: not in the log"), std::string::npos);
}

TEST(EventLogTest, AnEditedEventOrARecordAddedBehindPhieusBackIsFound) {
  TempFolder dir;
  const std::string path = BusyDatabase(dir);
  RawExec(path, "UPDATE event SET actor = 'someone else' WHERE seq = 2;"
                "INSERT INTO form VALUES ('C9', 'S1', 'T1', 'voided', 't', NULL, 'x', 't')");
  const LogCheck check = VerifyLogOf(path);
  const std::string problems = AllProblems(check);
  EXPECT_NE(problems.find("event 2 (import"), std::string::npos) << problems;
  EXPECT_NE(problems.find("form C9: not in the log"), std::string::npos) << problems;
}

TEST(EventLogTest, ADeletedRecordIsFound) {
  TempFolder dir;
  const std::string path = BusyDatabase(dir);
  RawExec(path, "DELETE FROM setting WHERE key = 'mark.filled_from'");
  EXPECT_NE(AllProblems(VerifyLogOf(path)).find("setting mark.filled_from: deleted after event 6"),
            std::string::npos);
}

TEST(EventLogTest, AChangedFormSecretIsFound) {
  TempFolder dir;
  const std::string path = BusyDatabase(dir);
  RawExec(path, "UPDATE meta SET value = 'guessable' WHERE key = 'form_secret'");
  EXPECT_NE(AllProblems(VerifyLogOf(path)).find("meta form_secret: changed after event 1 (init"),
            std::string::npos);
}

TEST(EventLogTest, UpgradingADatabaseWithoutALogRecordsWhatItHeld) {
  TempFolder dir;
  const std::string path = BusyDatabase(dir);
  // Make it look like schema 3: no log tables, data kept.
  RawExec(path, "DROP TABLE audit_delivery_pick; DROP TABLE audit_delivery_stratum; "
                "DROP TABLE audit_delivery; "
                "DROP TABLE redaction; DROP TABLE audit_cell; DROP TABLE audit_record; "
                "DROP TABLE audit_pick; DROP TABLE audit_stratum; DROP TABLE audit_draw; "
                "DROP TABLE event_record; DROP TABLE event; DROP TABLE verdict; "
                "DROP TABLE verify_run; DROP TABLE decision; DROP TABLE bubble_evidence; "
                "DROP TABLE bubble_shape; DROP TABLE channel_answer; DROP TABLE channel_response; "
                "DROP TABLE channel_import; DROP TABLE survey_period; DROP TABLE station_user; "
                "DROP TABLE writein; PRAGMA user_version = 3");
  const LogCheck check = VerifyLogOf(path);
  EXPECT_TRUE(check.ok()) << AllProblems(check);
  EXPECT_EQ(check.events, 1);
  auto db = Database::Open(path);
  EXPECT_EQ(ListEvents(**db)->front().kind, "upgrade");
}

}  // namespace
}  // namespace phieu
