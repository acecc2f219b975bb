// Several `phieu` processes on one database at once, end to end: two scanning stations, a scan
// while verification and a reviewer work, an audit export while a scan runs, and a command held
// up by another's long write. Each
// either succeeds (SQLite's WAL journal and busy timeout, one short transaction per page) or says
// plainly that the database is busy and changes nothing; afterwards the store is sound (SQLite's
// integrity check), every page is stored exactly once and the tamper-evident log verifies.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tests/cli_test_util.h"
#include "tests/scan_test_util.h"
#include "tests/sha256_util.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;
using e2e::ChildOptions;
using e2e::ChildRun;
using e2e::Count;
using e2e::PhieuProcess;
using e2e::PrintedFormsTest;
using e2e::Query;
using e2e::ReadText;
using e2e::Rows;
using e2e::RunPhieuChild;
using e2e::RunResult;
using e2e::Sha256;
using e2e::Value;

class SharedDatabaseTest : public PrintedFormsTest {
 protected:
  static void SetUpTestSuite() { Print({.forms = 3, .seed = "hai-tram-quet"}); }
  static void TearDownTestSuite() { Discard(); }

  // (form code, page) of every stored page, sorted.
  std::vector<std::pair<std::string, int>> StoredPages() const {
    std::vector<std::pair<std::string, int>> pages;
    for (const auto& row :
         Query(Db(), "SELECT form_code, page FROM scan_page ORDER BY form_code, page")) {
      pages.emplace_back(row[0], std::stoi(row[1]));
    }
    return pages;
  }

  // Every page of forms `forms`, sorted as StoredPages().
  static std::vector<std::pair<std::string, int>> AllPagesOf(const std::vector<int>& forms) {
    std::vector<std::pair<std::string, int>> pages;
    for (int form : forms) {
      for (int page = 1; page <= PagesPerForm(); ++page) pages.emplace_back(Code(form), page);
    }
    std::sort(pages.begin(), pages.end());
    return pages;
  }

  // The store is sound, every file complete, no page twice, and the log verifies.
  void ExpectSoundStore() const {
    EXPECT_EQ(Value(Db(), "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file WHERE complete = 0"), 0);
    EXPECT_EQ(
        Count(Db(), "SELECT count(*) FROM scan_page"),
        Count(Db(),
              "SELECT count(*) FROM (SELECT DISTINCT file_sha256, page_index FROM scan_page)"));
    const RunResult log = Phieu({"log", "verify"});
    EXPECT_EQ(log.exit_code, 0) << log.out << log.err;
  }
};

// Two stations scan different piles into one database at the same moment, neither naming its
// batch: both succeed, each pile is a batch of its own (the time names them both: the second gets
// "NAME (2)"), and every page is stored once.
TEST_F(SharedDatabaseTest, TwoScansAtOnceOfDifferentPilesBothStoreEveryPageOnceInABatchEach) {
  WriteForm(0, Plan(11), 11, "a");
  WriteForm(1, Plan(12), 12, "b");
  PhieuProcess first(dir_, {"scan", "a", "--jobs", "1", "--db", "d.db"});
  PhieuProcess second(dir_, {"scan", "b", "--jobs", "1", "--db", "d.db"});
  const ChildRun a = first.Wait(), b = second.Wait();
  EXPECT_EQ(a.result.exit_code, 0) << a.result.out << a.result.err;
  EXPECT_EQ(b.result.exit_code, 0) << b.result.out << b.result.err;

  EXPECT_EQ(StoredPages(), AllPagesOf({0, 1}));
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page WHERE outcome = 'read'"),
            2 * PagesPerForm());
  // Each pile is one batch, and a batch holds one pile.
  const Rows batches =
      Query(Db(),
            "SELECT b.name, group_concat(DISTINCT substr(f.original_path, 1, 1)) "
            "FROM scan_batch b JOIN scan_file f ON f.batch_id = b.id GROUP BY b.id");
  ASSERT_EQ(batches.size(), 2u);
  EXPECT_NE(batches[0][0], batches[1][0]);
  EXPECT_EQ((std::set<std::string>{batches[0][1], batches[1][1]}),
            (std::set<std::string>{"a", "b"}));
  for (const ChildRun* run : {&a, &b}) {
    EXPECT_NE(run->result.out.find("Scanned " + std::to_string(PagesPerForm()) + " page(s) from " +
                                   std::to_string(PagesPerForm()) + " file(s) into batch '"),
              std::string::npos)
        << run->result.out;
  }
  ExpectSoundStore();
}

// Two stations scan the same pile at once (a pile handed to both by mistake): both succeed, every
// page is stored once, and each file is archived once, whole (the two archive the same file at
// the same moment: each writes a temporary file of its own).
TEST_F(SharedDatabaseTest, TwoScansAtOnceOfTheSamePileStoreEachPageOnceAndArchiveEachFileWhole) {
  WriteForm(0, Plan(51), 51, "pile");
  WriteForm(1, Plan(52), 52, "pile/more");
  PhieuProcess first(dir_, {"scan", "pile", "--jobs", "1", "--db", "d.db"});
  PhieuProcess second(dir_, {"scan", "pile", "--jobs", "1", "--db", "d.db"});
  const ChildRun a = first.Wait(), b = second.Wait();
  EXPECT_EQ(a.result.exit_code, 0) << a.result.out << a.result.err;
  EXPECT_EQ(b.result.exit_code, 0) << b.result.out << b.result.err;

  EXPECT_EQ(StoredPages(), AllPagesOf({0, 1}));
  const Rows files = Query(Db(), "SELECT sha256, archive_path, original_path FROM scan_file");
  ASSERT_EQ(files.size(), static_cast<std::size_t>(2 * PagesPerForm()));
  for (const auto& file : files) {
    EXPECT_EQ(Sha256(ReadText(dir_ / file[1])), file[0]) << file[2];
    EXPECT_EQ(ReadText(dir_ / file[1]), ReadText(dir_ / file[2])) << file[2];
  }
  // Nothing but the archived files in the archive: no temporary file left.
  int archived = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / "d.archive")) {
    archived += entry.is_regular_file();
  }
  EXPECT_EQ(archived, 2 * PagesPerForm());
  ExpectSoundStore();
}

// A scan runs while verification runs again and again and a reviewer records decisions: every
// command succeeds, every decision is kept, and the last verification sees every page.
TEST_F(SharedDatabaseTest, AScanWhileVerifyAndReviewDecisionsRunLetsEveryOneSucceed) {
  // Form 0 comes back first, with one faint mark that a person decides.
  AnswerPlan faint = Plan(21);
  PenMark& mark = faint.marks[FirstSingleFilledMark(faint, 2)];
  mark.style = MarkStyle::kFaintPencil;
  const std::string item = Code(0) + "/" + mark.question;
  WriteForm(0, faint, 21, "first");
  ScanOk({"first"});
  PhieuOk({"verify"});
  // Forms 1 and 2 are scanned while the others work.
  WriteForm(1, Plan(22), 22, "later/f1");
  WriteForm(2, Plan(23), 23, "later/f2");
  PhieuProcess scan(dir_, {"scan", "later", "--jobs", "1", "--db", "d.db"});
  int decisions = 0, verifications = 0;
  const auto stored_now = [&] {
    return Count(Db(), "SELECT count(*) FROM scan_page") == 3 * PagesPerForm();
  };
  // At least two rounds, and on until the scan has stored everything.
  for (int round = 0; round < 2 || (!stored_now() && round < 200); ++round) {
    const RunResult verify = Phieu({"verify"});
    EXPECT_EQ(verify.exit_code, 0) << verify.err;
    verifications += verify.exit_code == 0;
    const RunResult decide = Phieu({"review", "decide", item, mark.option, "--by", "Lê Thị C"});
    EXPECT_EQ(decide.exit_code, 0) << decide.err;
    decisions += decide.exit_code == 0;
  }
  const ChildRun scanned = scan.Wait();
  EXPECT_EQ(scanned.result.exit_code, 0) << scanned.result.out << scanned.result.err;

  EXPECT_EQ(StoredPages(), AllPagesOf({0, 1, 2}));
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM decision"), decisions);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM verify_run"), verifications + 1);
  const std::string out = PhieuOk({"verify", "--forms"});
  EXPECT_NE(out.find("3 codes came back"), std::string::npos) << out;
  ExpectSoundStore();
}

// Audit bundles exported while a scan stores pages: each describes one state of the database
// (its report, answers, tallies and archived scans agree with its database), so `audit check`
// passes on every one.
TEST_F(SharedDatabaseTest, AnAuditExportWhileAScanRunsGivesABundleThatPassesItsCheck) {
  WriteForm(0, Plan(41), 41, "first");
  ScanOk({"first"});
  PhieuOk({"verify"});
  WriteForm(1, Plan(42), 42, "later/f1");
  WriteForm(2, Plan(43), 43, "later/f2");
  PhieuProcess scan(dir_, {"scan", "later", "--jobs", "1", "--db", "d.db"});
  const auto stored_all = [&] {
    return Count(Db(), "SELECT count(*) FROM scan_page") == 3 * PagesPerForm();
  };
  for (int round = 0; round < 2 || (!stored_all() && round < 100); ++round) {
    const std::string bundle = "bundle-" + std::to_string(round);
    const RunResult exported = Phieu({"audit", "export", bundle});
    EXPECT_EQ(exported.exit_code, 0) << exported.err;
    const RunResult check = RunPhieu({"audit", "check", bundle, "--all"});
    EXPECT_EQ(check.exit_code, 0) << bundle << ":\n" << check.out << check.err;
    fs::remove_all(dir_ / bundle);
  }
  const ChildRun scanned = scan.Wait();
  EXPECT_EQ(scanned.result.exit_code, 0) << scanned.result.out << scanned.result.err;
  EXPECT_EQ(StoredPages(), AllPagesOf({0, 1, 2}));
  ExpectSoundStore();
}

// Another program holds the write lock longer than the busy timeout (here 0.3 s): `scan`,
// `verify` and `review decide` each say the database is busy, exit 1 and change nothing; once the
// lock is released the same commands succeed.
TEST_F(SharedDatabaseTest, ACommandHeldUpByAnotherWriteSaysTheDatabaseIsBusyAndChangesNothing) {
  WriteForm(0, Plan(31), 31, "scans");
  const std::string count_all =
      "SELECT (SELECT count(*) FROM scan_batch) || ' ' || (SELECT count(*) FROM scan_file) || ' ' "
      "|| (SELECT count(*) FROM scan_page) || ' ' || (SELECT count(*) FROM verify_run) || ' ' || "
      "(SELECT count(*) FROM event)";
  const std::string before = Value(Db(), count_all);
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(Db().c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  const std::string busy =
      "phieu: d.db is busy: another command has been writing to it for 0.3 s; "
      "nothing was changed by this one: run it again when the other has "
      "finished\n";
  ChildOptions options;
  options.env = {{"PHIEU_BUSY_TIMEOUT_MS", "300"}};
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"scan", "scans", "--jobs", "1", "--db", "d.db"},
        std::vector<std::string>{"verify", "--db", "d.db"}}) {
    SCOPED_TRACE(args[0]);
    const ChildRun run = RunPhieuChild(dir_, args, options);
    EXPECT_EQ(run.result.exit_code, 1);
    EXPECT_TRUE(run.result.err.ends_with(busy)) << run.result.err;
  }
  EXPECT_EQ(sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(holder);
  EXPECT_EQ(Value(Db(), count_all), before);

  ScanOk({"scans"});
  PhieuOk({"verify"});
  EXPECT_EQ(StoredPages(), AllPagesOf({0}));
  ExpectSoundStore();
}

}  // namespace
}  // namespace phieu
