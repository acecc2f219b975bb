// The scan session library (intake/scan_session.h) called directly, without the binary: on forms
// printed by `phieu` (tests/scan_test_util.h) and marked with known answers, a session stores
// every page read and says what it did; run again on the same files it reads nothing twice.

#include "intake/scan_session.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/database.h"
#include "tests/scan_test_util.h"

namespace phieu {
namespace {

using e2e::Count;
using e2e::PrintedFormsTest;

// What a session told, kept to look at.
class RecordingObserver : public ScanObserver {
 public:
  void Skipped(const std::string& notice) override { notices.push_back(notice); }
  void Started(int pages) override { started_pages = pages; }
  void Stored(int done, int total) override {
    last_done = done;
    last_total = total;
  }
  std::vector<std::string> notices;
  int started_pages = -1, last_done = 0, last_total = 0;
};

class ScanSessionTest : public PrintedFormsTest {
 protected:
  static void SetUpTestSuite() { Print({.forms = 3, .seed = "hai-tram-quet"}); }
  static void TearDownTestSuite() { Discard(); }

  std::unique_ptr<Database> Open() const {
    auto db = Database::Open(Db().string());
    EXPECT_TRUE(db.ok()) << db.status().message();
    return db.ok() ? std::move(db).value() : nullptr;
  }
};

TEST_F(ScanSessionTest, EveryPageIsStoredAndASecondRunSkipsEveryFile) {
  WriteForm(0, Plan(11), 11, "scans");
  const int pages = PagesPerForm();
  std::unique_ptr<Database> db = Open();
  ASSERT_NE(db, nullptr);
  ScanOptions options;
  options.batch = "lo-1", options.operator_name = "Lan", options.jobs = 2;

  RecordingObserver first;
  Result<ScanReport> report = ScanFiles(*db, {(dir_ / "scans").string()}, options, first);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->batch, "lo-1");
  EXPECT_FALSE(report->continued);
  EXPECT_EQ(report->threads, 2);
  EXPECT_EQ(report->files, pages);
  EXPECT_EQ(report->files_read, pages);
  EXPECT_EQ(report->files_failed, 0) << (report->failures.empty() ? "" : report->failures[0]);
  EXPECT_EQ(report->pages, pages);
  EXPECT_EQ(report->pages_read, pages);
  EXPECT_EQ(report->forms, 1);
  EXPECT_TRUE(report->not_read.empty());
  EXPECT_TRUE(first.notices.empty());
  EXPECT_EQ(first.started_pages, pages);
  EXPECT_EQ(first.last_done, pages);
  EXPECT_EQ(first.last_total, pages);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page WHERE outcome = 'read'"), pages);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file WHERE complete = 1"), pages);

  RecordingObserver second;
  report = ScanFiles(*db, {(dir_ / "scans").string()}, options, second);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->files_read, 0);
  EXPECT_EQ(report->files_skipped, pages);
  EXPECT_EQ(report->batch, "");
  ASSERT_EQ(second.notices.size(), static_cast<std::size_t>(pages));
  EXPECT_EQ(second.notices[0],
            (dir_ / "scans/p1.png").string() + ": already scanned; nothing to do");
  EXPECT_EQ(second.started_pages, -1);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), pages);
}

TEST_F(ScanSessionTest, AFileThatIsNotAnImageIsAFailureInTheReportAndTheOthersAreStored) {
  WriteForm(1, Plan(12), 12, "scans");
  e2e::WriteText(dir_ / "scans/torn.png", "not a png");
  std::unique_ptr<Database> db = Open();
  ASSERT_NE(db, nullptr);
  ScanOptions options;
  options.batch = "lo-2", options.jobs = 1;
  RecordingObserver observer;
  Result<ScanReport> report = ScanFiles(*db, {(dir_ / "scans").string()}, options, observer);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->files_failed, 1);
  ASSERT_EQ(report->failures.size(), 1u);
  EXPECT_NE(report->failures[0].find("torn.png"), std::string::npos) << report->failures[0];
  EXPECT_EQ(report->pages_read, PagesPerForm());
  // The failed file is neither archived nor recorded: the next run tries it again.
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file WHERE original_path LIKE '%torn.png'"), 0);
}

TEST_F(ScanSessionTest, ADatabaseWithoutPrintedFormsIsRefusedNamingIt) {
  RunOk({"init", "--survey", "sipas-2022", "--db", "empty.db"});
  auto db = Database::Open((dir_ / "empty.db").string());
  ASSERT_TRUE(db.ok()) << db.status().message();
  RecordingObserver observer;
  Result<ScanReport> report = ScanFiles(**db, {(dir_ / "scans").string()}, {}, observer);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().message(),
            "no forms were printed from " + (dir_ / "empty.db").string() +
                ", so no scan can be read yet; print them first ('phieu forms print')");
}

}  // namespace
}  // namespace phieu
