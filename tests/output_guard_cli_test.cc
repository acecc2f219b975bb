// End-to-end tests of "no output may replace an input" (store/output_guard.h): every command that
// writes a file a user names refuses, before it touches anything, a path that is the survey
// database, its journal files, its scan archive or another input of the same run. Each test runs
// the real binary and checks the exit status (2, a usage error), the exact message, and that not
// a byte of the test's folder changed: the database is compared whole, before and after.

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/cli_test_util.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;
using e2e::ReadText;
using e2e::RunResult;
using e2e::WriteText;

// Every file under `dir` (recursively) with its bytes.
std::map<std::string, std::string> Snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_symlink()) {
      files[fs::relative(entry.path(), dir).string()] = "-> " + fs::read_symlink(entry).string();
    } else if (entry.is_regular_file()) {
      files[fs::relative(entry.path(), dir).string()] = ReadText(entry.path());
    }
  }
  return files;
}

// A database with a drawn sample and its forms printed (forms.pdf): every command below would
// otherwise have something to write.
class OutputGuardCliTest : public e2e::PhieuCliTest {
 protected:
  void SetUp() override {
    PhieuCliTest::SetUp();
    Init("d.db");
    WriteFrame("frame.csv", 30);
    RunOk({"sample", "draw", "--frame", "frame.csv", "--seed", "khong-ghi-de", "--size", "3",
           "--db", "d.db"});
    RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
    WriteText(dir_ / "formula.yaml", "not read: the output is refused first\n");
  }

  // Runs `phieu ARGS... --db d.db` and checks that it is refused with exit status 2 and
  // "phieu: refusing to write OUTPUT: it is REASON; choose another OPTION", having changed nothing
  // in the test's folder (the database compared byte for byte).
  void ExpectRefused(std::vector<std::string> args, const std::string& output,
                     const std::string& reason, const std::string& option) const {
    const std::map<std::string, std::string> before = Snapshot(dir_);
    ASSERT_TRUE(before.contains("d.db"));
    args.insert(args.end(), {"--db", "d.db"});
    const RunResult r = RunPhieu(args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "phieu: refusing to write " + output + ": it is " + reason +
                         "; choose another " + option + "\n");
    const std::map<std::string, std::string> after = Snapshot(dir_);
    EXPECT_TRUE(after.at("d.db") == before.at("d.db")) << "the database changed";
    EXPECT_TRUE(after == before) << "a file was written, changed or removed";
  }
};

constexpr char kDatabase[] = "the survey database d.db";

TEST_F(OutputGuardCliTest, ExportAnswersRefusesToWriteOverTheDatabase) {
  ExpectRefused({"export", "answers", "--out", "d.db"}, "d.db", kDatabase, "--out");
  ExpectRefused({"export", "answers", "--json", "--out", "./d.db"}, "./d.db", kDatabase, "--out");
}

TEST_F(OutputGuardCliTest, ExportAnswersRefusesTheDatabaseByItsAbsolutePath) {
  const std::string absolute = (dir_ / "d.db").string();
  ExpectRefused({"export", "answers", "--out", absolute}, absolute, kDatabase, "--out");
}

TEST_F(OutputGuardCliTest, ExportAnswersRefusesASymbolicLinkToTheDatabase) {
  fs::create_symlink("d.db", dir_ / "answers.csv");
  ExpectRefused({"export", "answers", "--out", "answers.csv"}, "answers.csv", kDatabase, "--out");
}

TEST_F(OutputGuardCliTest, ExportAnswersRefusesAHardLinkToTheDatabase) {
  fs::create_hard_link(dir_ / "d.db", dir_ / "answers.csv");
  ExpectRefused({"export", "answers", "--out", "answers.csv"}, "answers.csv", kDatabase, "--out");
}

TEST_F(OutputGuardCliTest, ExportAnswersRefusesTheWriteAheadLog) {
  ExpectRefused({"export", "answers", "--out", "d.db-wal"}, "d.db-wal",
                "the survey database's write-ahead log d.db-wal", "--out");
}

TEST_F(OutputGuardCliTest, ExportTalliesRefusesTheDatabaseAsCsvOrXlsx) {
  ExpectRefused({"export", "tallies", "--out", "d.db"}, "d.db", kDatabase, "--out");
  ExpectRefused({"export", "tallies", "--out", "t.csv", "--xlsx", "d.db"}, "d.db", kDatabase,
                "--xlsx");
  ExpectRefused({"export", "tallies", "--xlsx", "d.db-shm"}, "d.db-shm",
                "the survey database's shared-memory file d.db-shm", "--xlsx");
}

TEST_F(OutputGuardCliTest, ExportTalliesRefusesItsFormulaFileAndOneFileForBothOutputs) {
  ExpectRefused({"export", "tallies", "--formula", "formula.yaml", "--out", "formula.yaml"},
                "formula.yaml", "the formula file formula.yaml", "--out");
  ExpectRefused({"export", "tallies", "--out", "t.csv", "--xlsx", "t.csv"}, "t.csv",
                "the --out output t.csv", "--xlsx");
}

TEST_F(OutputGuardCliTest, ReportRefusesTheDatabaseAndItsFormulaFile) {
  ExpectRefused({"report", "--out", "d.db"}, "d.db", kDatabase, "--out");
  ExpectRefused({"report", "--formula", "formula.yaml", "--out", "formula.yaml"}, "formula.yaml",
                "the formula file formula.yaml", "--out");
}

TEST_F(OutputGuardCliTest, ReportScorecardsRefuseTheDatabaseEveryEarlierPeriodAndThePdf) {
  ExpectRefused({"report", "--out", "r.pdf", "--scorecards-csv", "d.db"}, "d.db", kDatabase,
                "--scorecards-csv");
  ExpectRefused({"report", "--out", "r.pdf", "--compare", "q1.db,q2.db", "--scorecards-xlsx",
                 "q2.db"},
                "q2.db", "the earlier database q2.db", "--scorecards-xlsx");
  ExpectRefused({"report", "--out", "r.pdf", "--scorecards-csv", "r.pdf"}, "r.pdf",
                "the --out output r.pdf", "--scorecards-csv");
}

TEST_F(OutputGuardCliTest, FormsPrintRefusesTheDatabaseAndIssuesNoForm) {
  ExpectRefused({"forms", "print", "--reserves", "--out", "d.db"}, "d.db", kDatabase, "--out");
}

TEST_F(OutputGuardCliTest, FormsReprintRefusesTheDatabaseAndVoidsNoForm) {
  const std::vector<e2e::CsvRow> forms =
      e2e::ReadCsv(RunOk({"forms", "list", "--csv", "--db", "d.db"}));
  ASSERT_FALSE(forms.empty());
  ExpectRefused({"forms", "reprint", forms[0].at("code"), "--reason", "lost", "--out", "d.db"},
                "d.db", kDatabase, "--out");
}

TEST_F(OutputGuardCliTest, FormsDeliveryListRefusesTheDatabaseAsPdfOrCsv) {
  ExpectRefused({"forms", "delivery-list", "--out", "d.db"}, "d.db", kDatabase, "--out");
  ExpectRefused({"forms", "delivery-list", "--csv", "--out", "d.db"}, "d.db", kDatabase, "--out");
}

TEST_F(OutputGuardCliTest, FormsLayoutRefusesTheDatabase) {
  ExpectRefused({"forms", "layout", "--json", "d.db"}, "d.db", kDatabase, "--json");
}

TEST_F(OutputGuardCliTest, AuditDrawRefusesTheDatabaseAsPdfOrCsvAndOneFileForBoth) {
  ExpectRefused({"audit", "draw", "--seed", "s", "--pdf", "d.db"}, "d.db", kDatabase, "--pdf");
  ExpectRefused({"audit", "draw", "--seed", "s", "--csv", "d.db"}, "d.db", kDatabase, "--csv");
  ExpectRefused({"audit", "draw", "--seed", "s", "--pdf", "list", "--csv", "list"}, "list",
                "the --pdf output list", "--csv");
}

TEST_F(OutputGuardCliTest, AuditSheetRefusesTheDatabaseAsPdfOrCsv) {
  ExpectRefused({"audit", "sheet", "--out", "d.db"}, "d.db", kDatabase, "--out");
  ExpectRefused({"audit", "sheet", "--out", "sheets.pdf", "--csv", "d.db"}, "d.db", kDatabase,
                "--csv");
}

TEST_F(OutputGuardCliTest, AuditCompareRefusesTheDatabase) {
  ExpectRefused({"audit", "compare", "--out", "d.db"}, "d.db", kDatabase, "--out");
}

TEST_F(OutputGuardCliTest, AuditExportRefusesTheArchiveAndAFolderInsideIt) {
  fs::create_directories(dir_ / "d.archive/ab");
  WriteText(dir_ / "d.archive/ab/abcdef.png", "a scan");
  ExpectRefused({"audit", "export", "d.archive"}, "d.archive", "the scan archive d.archive",
                "folder");
  ExpectRefused({"audit", "export", "d.archive/bundle"}, "d.archive/bundle",
                "inside the scan archive d.archive", "folder");
}

TEST_F(OutputGuardCliTest, ReviewShowRefusesAFileInsideTheArchive) {
  fs::create_directories(dir_ / "d.archive/ab");
  WriteText(dir_ / "d.archive/ab/abcdef.png", "a scan");
  ExpectRefused({"review", "show", "K7Q-M4R-X2P", "--out", "d.archive/ab/abcdef.png"},
                "d.archive/ab/abcdef.png", "inside the scan archive d.archive", "--out");
  ExpectRefused({"review", "show", "K7Q-M4R-X2P", "--out", "d.db"}, "d.db", kDatabase, "--out");
}

TEST_F(OutputGuardCliTest, ScanExplainRefusesTheImageItExplainsAndTheDatabase) {
  WriteText(dir_ / "page.png", "the scan being explained");
  ExpectRefused({"scan", "--explain", "page.png", "--out", "page.png"}, "page.png",
                "the scan being explained page.png", "--out");
  ExpectRefused({"scan", "--explain", "page.png", "--out", "d.db"}, "d.db", kDatabase, "--out");
}

// PHIEU_DB names the database as --db does.
TEST_F(OutputGuardCliTest, TheDatabaseNamedByPhieuDbIsGuardedToo) {
  const std::string before = ReadText(dir_ / "d.db");
  const RunResult r = RunPhieu({"export", "answers", "--out", "d.db"}, {{"PHIEU_DB", "d.db"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "phieu: refusing to write d.db: it is the survey database d.db; choose another "
                   "--out\n");
  EXPECT_TRUE(ReadText(dir_ / "d.db") == before);
}

}  // namespace
}  // namespace phieu
