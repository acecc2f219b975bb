// End-to-end tests of `phieu scan`: the real binary reads scans of forms it printed, and what it
// stored is checked from the outside: the database with SQLite itself, the archive's bytes with
// OpenSSL's SHA-256, the overlay with OpenCV. The scans are generated here from a known answer
// vector (synthetic/), so the answers read are checked against the truth, not a snapshot.
//
// The forms are printed once for the whole program (tests/scan_test_util.h); each test starts
// from its own copy of that database.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/geometry.h"
#include "core/mark_decision.h"
#include "scanner/grey_image.h"
#include "scanner/image_source.h"
#include "tests/cli_test_util.h"
#include "tests/scan_test_util.h"
#include "tests/sha256_util.h"
#include "synthetic/answer_plan.h"
#include "tests/synthetic/reading_check.h"
#include "synthetic/scan_generator.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;
using e2e::ChildOptions;
using e2e::ChildRun;
using e2e::CleanMix;
using e2e::Column;
using e2e::Count;
using e2e::Exec;
using e2e::kDpi;
using e2e::MarkedPage;
using e2e::PhieuCliTest;
using e2e::PrintedFormsTest;
using e2e::Query;
using e2e::ReadCsv;
using e2e::ReadText;
using e2e::Rows;
using e2e::RunPhieuChild;
using e2e::RunResult;
using e2e::Sha256;
using e2e::Value;
using e2e::WriteText;

// --- the database, read with SQLite itself ------------------------------------------------------

// The raw bubble scores stored for the scan_page row `page_id`, as doubles.
std::vector<BubbleScore> StoredScores(const fs::path& db, const std::string& page_id) {
  sqlite3* handle = nullptr;
  std::vector<BubbleScore> scores;
  sqlite3_stmt* query = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(handle,
                         "SELECT item, option, fill, ink, outside FROM bubble_score "
                         "WHERE page_id = ?",
                         -1, &query, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << db << ": " << sqlite3_errmsg(handle);
  } else {
    sqlite3_bind_int64(query, 1, std::stoll(page_id));
    while (sqlite3_step(query) == SQLITE_ROW) {
      scores.push_back({reinterpret_cast<const char*>(sqlite3_column_text(query, 0)),
                        reinterpret_cast<const char*>(sqlite3_column_text(query, 1)),
                        sqlite3_column_double(query, 2), sqlite3_column_double(query, 3),
                        sqlite3_column_double(query, 4)});
    }
  }
  sqlite3_finalize(query);
  sqlite3_close(handle);
  return scores;
}

// Today's date in UTC, YYYY-MM-DD.
std::string UtcToday() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char date[16];
  std::strftime(date, sizeof date, "%Y-%m-%d", &utc);
  return date;
}

// True when every line of `err` is a plain progress line, as written when stderr is not a
// terminal; the numbers of the lines are returned in `done` and `total`.
bool OnlyProgressLines(const std::string& err, std::vector<int>& done, std::vector<int>& total) {
  static const std::regex line("Scanning pages: ([0-9]+)/([0-9]+) \\([0-9]+/s\\)");
  std::istringstream lines(err);
  for (std::string text; std::getline(lines, text);) {
    std::smatch m;
    if (!std::regex_match(text, m, line)) return false;
    done.push_back(std::stoi(m[1]));
    total.push_back(std::stoi(m[2]));
  }
  return err.empty() || err.back() == '\n';
}

// The lines of `out` that start with `prefix`.
int LinesStartingWith(const std::string& out, const std::string& prefix) {
  int count = 0;
  std::istringstream lines(out);
  for (std::string text; std::getline(lines, text);) count += text.starts_with(prefix);
  return count;
}

// --- the forms, printed once --------------------------------------------------------------------

constexpr int kForms = 2;
constexpr char kSeed[] = "xo-so-2026-06-01";

class ScanCliTest : public PrintedFormsTest {
 protected:
  static void SetUpTestSuite() { Print({.forms = kForms, .seed = kSeed}); }
  static void TearDownTestSuite() { Discard(); }

  // Writes `pages` as one multi-page TIFF, by OpenCV.
  void WriteTiff(const std::vector<MarkedPage>& pages, const std::string& relative) const {
    std::vector<cv::Mat> mats;
    for (const MarkedPage& p : pages) {
      mats.push_back(cv::Mat(p.image.height, p.image.width, CV_8UC1,
                             const_cast<std::uint8_t*>(p.image.pixels.data()))
                         .clone());
    }
    fs::create_directories((dir_ / relative).parent_path());
    ASSERT_TRUE(cv::imwrite((dir_ / relative).string(), mats)) << relative;
  }

  // Runs `phieu scan ARGS... --jobs 2 --db d.db` (two threads on any machine: the summary's
  // thread count is known).
  RunResult Scan(std::vector<std::string> args) const {
    args.insert(args.begin(), "scan");
    args.insert(args.end(), {"--jobs", "2", "--db", "d.db"});
    return RunPhieu(args);
  }

  // The scan_page row of page `page_index` of the file at `path` (as given to phieu):
  // id, outcome, reason, form_code, page, quarter_turns, tag_valid, identified_by, template_id.
  std::vector<std::string> PageRow(const std::string& path, int page_index = 0) const {
    const std::string where =
        " WHERE f.original_path = '" + path + "' AND p.page_index = " + std::to_string(page_index);
    const Rows rows = Query(Db(),
                            "SELECT p.id, p.outcome, p.reason, p.form_code, p.page, "
                            "p.quarter_turns, p.tag_valid, p.identified_by, p.template_id "
                            "FROM scan_page p JOIN scan_file f ON f.sha256 = p.file_sha256" +
                                where);
    if (rows.size() != 1) {
      ADD_FAILURE() << "no single page " << page_index << " of " << path;
      return std::vector<std::string>(9);
    }
    return rows[0];
  }

  // Checks that page `page_index` of `path` was read as `marked`, and that the answers decided
  // from its stored scores are what the respondent meant.
  void ExpectReadAsMeant(const std::string& path, const MarkedPage& marked,
                         int page_index = 0) const {
    SCOPED_TRACE(path + " page " + std::to_string(page_index));
    const std::vector<std::string> row = PageRow(path, page_index);
    EXPECT_EQ(row[1], "read") << row[2];
    EXPECT_EQ(row[3], marked.code);
    EXPECT_EQ(row[4], std::to_string(marked.page));
    EXPECT_EQ(row[8], Template().id);
    if (row[0].empty()) return;
    const std::vector<BubbleScore> scores = StoredScores(Db(), row[0]);
    EXPECT_EQ(scores.size(), Template().layout.pages[marked.page - 1].bubbles.size());
    const ReadingTally tally = TallyPage(
        DecideItems(AnswerItems(Template().survey), scores, MarkThresholds()), marked.truth);
    EXPECT_EQ(tally.items, static_cast<int>(marked.truth.size()));
    EXPECT_EQ(tally.missing, 0);
    EXPECT_EQ(tally.misread, 0);
    for (const std::string& m : tally.misreads) ADD_FAILURE() << "misread " << m;
  }
};

// --- reading a folder ---------------------------------------------------------------------------

TEST_F(ScanCliTest, AFolderIsSearchedRecursivelyAndEveryPageStoredAndArchivedUnchanged) {
  const std::vector<std::pair<std::string, MarkedPage>> files = {
      {"scans/a.png", Marked(0, 1, 11, {}, CleanMix())},
      {"scans/b.jpg", Marked(0, 2, 12, {}, CleanMix())},
      {"scans/lô 2/c.png", Marked(1, 4, 13, {}, CleanMix())}};
  for (const auto& [path, marked] : files) Write(marked.image, path);

  const RunResult r = Scan({"scans", "--batch", "b1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Scanned 3 page(s) from 3 file(s) into batch 'b1' (2 thread(s))\n"
            "  pages read:           3\n"
            "  forms identified:     2\n"
            "  answers to review:    0 unsure mark(s), 0 with several marks\n"
            "  pages not read:       0\n");
  std::vector<int> done, total;
  EXPECT_TRUE(OnlyProgressLines(r.err, done, total)) << r.err;
  ASSERT_FALSE(done.empty()) << "no progress at all";
  EXPECT_EQ(done.back(), 3);
  EXPECT_EQ(total.back(), 3);

  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_batch"), 1);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file"), 3);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), 3);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page WHERE outcome = 'read'"), 3);
  for (const auto& [path, marked] : files) {
    SCOPED_TRACE(path);
    const std::vector<std::string> row = PageRow(path);
    EXPECT_EQ(row[1], "read") << row[2];
    EXPECT_EQ(row[2], "");
    EXPECT_EQ(row[3], marked.code);
    EXPECT_EQ(row[4], std::to_string(marked.page));
    EXPECT_EQ(row[5], "0");  // upright
    EXPECT_EQ(row[6], "1");  // the QR tag checked out
    EXPECT_EQ(row[7], "qr");
    EXPECT_EQ(Count(Db(), "SELECT count(*) FROM bubble_score WHERE page_id = " + row[0]),
              static_cast<int>(Template().layout.pages[marked.page - 1].bubbles.size()));
    EXPECT_EQ(Count(Db(), "SELECT count(*) FROM text_box_ink WHERE page_id = " + row[0]),
              static_cast<int>(Template().layout.pages[marked.page - 1].text_boxes.size()));

    // The original is archived by content beside the database, byte for byte.
    const std::string bytes = ReadText(dir_ / path);
    const std::string sha = Sha256(bytes);
    const std::string extension = fs::path(path).extension().string();
    const std::string archived = "d.archive/" + sha.substr(0, 2) + "/" + sha + extension;
    const std::string where = " WHERE sha256 = '" + sha + "' AND original_path = '" + path + "'";
    const Rows file =
        Query(Db(), "SELECT archive_path, bytes, pages, complete FROM scan_file" + where);
    ASSERT_EQ(file.size(), 1u);
    EXPECT_EQ(file[0],
              (std::vector<std::string>{archived, std::to_string(bytes.size()), "1", "1"}));
    ASSERT_TRUE(fs::exists(dir_ / archived)) << archived;
    EXPECT_EQ(Sha256(ReadText(dir_ / archived)), sha);
  }
  EXPECT_EQ(Count(Db(),
                  "SELECT count(*) FROM scan_file WHERE batch_id = "
                  "(SELECT id FROM scan_batch WHERE name = 'b1')"),
            3);
}

TEST_F(ScanCliTest, TheAnswersDecidedFromTheStoredScoresAreTheKnownTruth) {
  // Every page of one form, marked the way people do (a few X's and partial fills among them).
  std::vector<MarkedPage> pages;
  for (int page = 1; page <= PagesPerForm(); ++page) {
    pages.push_back(Marked(1, page, 100 + page));
    Write(pages.back().image, "scans/p" + std::to_string(page) + ".png");
  }
  const RunResult r = Scan({"scans"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  pages read:           " + std::to_string(PagesPerForm()) + "\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  forms identified:     1\n"), std::string::npos) << r.out;

  int review = 0, multiple = 0, items = 0;
  for (int page = 1; page <= PagesPerForm(); ++page) {
    const std::string path = "scans/p" + std::to_string(page) + ".png";
    ExpectReadAsMeant(path, pages[page - 1]);
    for (const ItemReading& item :
         DecideItems(AnswerItems(Template().survey), StoredScores(Db(), PageRow(path)[0]),
                     MarkThresholds())) {
      ++items;
      review += item.state == ItemState::kReview;
      multiple += item.state == ItemState::kMultiple;
    }
  }
  // Every answer item of the survey is on one page of the form, and was checked.
  EXPECT_EQ(items, static_cast<int>(PlanAnswers(Template().survey, {}, 1).truth.size()));
  // The summary's review count is what the stored scores decide.
  EXPECT_NE(r.out.find("  answers to review:    " + std::to_string(review) + " unsure mark(s), " +
                       std::to_string(multiple) + " with several marks\n"),
            std::string::npos)
      << r.out;
}

TEST_F(ScanCliTest, AnUpsideDownPageIsReadTheRightWayUp) {
  ScanConditions upside_down;
  upside_down.upside_down = true;
  const MarkedPage marked = Marked(1, 3, 31, upside_down);
  Write(marked.image, "turned.png");
  const RunResult r = Scan({"turned.png"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  pages read:           1\n"), std::string::npos) << r.out;
  ExpectReadAsMeant("turned.png", marked);
  EXPECT_EQ(PageRow("turned.png")[5], "2");  // two quarter turns
}

TEST_F(ScanCliTest, AMultiPageTiffIsReadPageByPage) {
  const std::vector<MarkedPage> pages = {Marked(0, 1, 41), Marked(1, 5, 42), Marked(0, 6, 43)};
  WriteTiff(pages, "multi.tif");
  const RunResult r = Scan({"multi.tif"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Scanned 3 page(s) from 1 file(s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  pages read:           3\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  forms identified:     2\n"), std::string::npos) << r.out;
  EXPECT_EQ(Value(Db(), "SELECT pages || ' ' || complete FROM scan_file"), "3 1");
  for (int i = 0; i < 3; ++i) ExpectReadAsMeant("multi.tif", pages[i], i);
}

TEST_F(ScanCliTest, TheUnmarkedPrintedPdfIsReadPageByPageWithEveryItemBlank) {
  fs::copy_file(printed_->dir / "forms.pdf", dir_ / "forms.pdf");
  // Each form's page count is even, so no blank backs: kForms * PagesPerForm() pages.
  const int pages = kForms * PagesPerForm();

  const RunResult r = Scan({"forms.pdf"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Scanned " + std::to_string(pages) + " page(s) from 1 file(s)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  pages read:           " + std::to_string(pages) + "\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  answers to review:    0 unsure mark(s), 0 with several marks\n"),
            std::string::npos)
      << r.out;

  // Progress on a file (not a terminal): plain lines, counting up to the last page.
  std::vector<int> done, total;
  EXPECT_TRUE(OnlyProgressLines(r.err, done, total)) << r.err;
  ASSERT_GE(done.size(), 2u) << r.err;
  EXPECT_TRUE(std::is_sorted(done.begin(), done.end())) << r.err;
  EXPECT_EQ(done.back(), pages);
  EXPECT_EQ(std::set<int>(total.begin(), total.end()), std::set<int>{pages});

  const Rows rows = Query(Db(),
                          "SELECT page_index, outcome, form_code, page, id FROM scan_page "
                          "ORDER BY page_index");
  ASSERT_EQ(static_cast<int>(rows.size()), pages);
  const std::vector<AnswerItem> items = AnswerItems(Template().survey);
  for (int i = 0; i < pages; ++i) {
    SCOPED_TRACE("PDF page " + std::to_string(i + 1));
    const int form = i / PagesPerForm(), page = i % PagesPerForm() + 1;
    ASSERT_EQ(printed_->first_pages[form] - 1 + page - 1, i);
    EXPECT_EQ(rows[i][0], std::to_string(i));
    EXPECT_EQ(rows[i][1], "read");
    EXPECT_EQ(rows[i][2], Code(form));
    EXPECT_EQ(rows[i][3], std::to_string(page));
    const std::vector<ItemReading> readings =
        DecideItems(items, StoredScores(Db(), rows[i][4]), MarkThresholds());
    EXPECT_FALSE(readings.empty());
    for (const ItemReading& item : readings) {
      EXPECT_EQ(item.state, ItemState::kBlank) << item.item;
    }
  }
}

// --- scanning again -----------------------------------------------------------------------------

TEST_F(ScanCliTest, ScanningTheSameFilesAgainDoesNothing) {
  Write(Marked(0, 1, 51).image, "scans/a.png");
  Write(Marked(1, 2, 52).image, "scans/b.png");
  ASSERT_EQ(Scan({"scans"}).exit_code, 0);
  const Rows before = Query(Db(), "SELECT * FROM scan_page ORDER BY id");
  const int scores = Count(Db(), "SELECT count(*) FROM bubble_score");

  RunResult r = Scan({"scans"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "scans/a.png: already scanned; nothing to do\n"
            "scans/b.png: already scanned; nothing to do\n"
            "Nothing new to scan (2 file(s) already scanned, 0 failed).\n");
  EXPECT_EQ(r.err, "");

  // The same bytes under another name are recognised too.
  fs::copy_file(dir_ / "scans/a.png", dir_ / "copy.png");
  r = Scan({"copy.png"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "copy.png: already scanned (as scans/a.png); nothing to do\n"
            "Nothing new to scan (1 file(s) already scanned, 0 failed).\n");

  EXPECT_EQ(Query(Db(), "SELECT * FROM scan_page ORDER BY id"), before);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM bubble_score"), scores);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file"), 2);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_batch"), 1);
}

TEST_F(ScanCliTest, TheSameFileTwiceInOneRunIsStoredAndCountedOnce) {
  const MarkedPage marked = Marked(0, 1, 56);
  Write(marked.image, "scans/a.png");
  fs::create_directories(dir_ / "scans/again");
  fs::copy_file(dir_ / "scans/a.png", dir_ / "scans/again/a.png");
  const RunResult r = Scan({"scans"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), 1);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file"), 1);
  // The copy is named and read once.
  EXPECT_NE(r.out.find("scans/again/a.png: the same file as scans/a.png; read once\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  pages read:           1\n"), std::string::npos) << r.out;
}

TEST_F(ScanCliTest, AScanKilledHalfWayIsFinishedByRunningItAgain) {
  std::vector<MarkedPage> pages;
  for (int page = 1; page <= 4; ++page) pages.push_back(Marked(0, page, 60 + page));
  WriteTiff(pages, "scans/form.tif");
  Write(Marked(1, 1, 69).image, "scans/other.png");
  ASSERT_EQ(Scan({"scans"}).exit_code, 0);
  const std::string page_columns =
      "SELECT file_sha256, page_index, outcome, reason, form_code, page, tag_valid, "
      "quarter_turns, marks_found FROM scan_page ORDER BY file_sha256, page_index";
  const Rows full = Query(Db(), page_columns);
  ASSERT_EQ(full.size(), 5u);
  const int scores = Count(Db(), "SELECT count(*) FROM bubble_score");
  const int boxes = Count(Db(), "SELECT count(*) FROM text_box_ink");
  const std::string sha = Sha256(ReadText(dir_ / "scans/form.tif"));

  // As if the run had been killed after storing pages 0 and 3 of the TIFF.
  const std::string lost =
      "(SELECT id FROM scan_page WHERE file_sha256 = '" + sha + "' AND page_index IN (1, 2))";
  Exec(Db(), "DELETE FROM bubble_score WHERE page_id IN " + lost + ";" +
                 "DELETE FROM text_box_ink WHERE page_id IN " + lost + ";" +
                 "DELETE FROM scan_page WHERE id IN " + lost + ";" +
                 "UPDATE scan_file SET complete = 0 WHERE sha256 = '" + sha + "';");
  ASSERT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), 3);
  ASSERT_LT(Count(Db(), "SELECT count(*) FROM text_box_ink"), boxes);  // page 2 has a text box

  const RunResult r = Scan({"scans", "--batch", "again"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(
      r.out.starts_with("scans/other.png: already scanned; nothing to do\n"
                        "Scanned 2 page(s) from 1 file(s) into batch 'again'"))
      << r.out;
  EXPECT_NE(r.out.find("  pages read:           2\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  already scanned:      1 file(s)\n"), std::string::npos) << r.out;
  std::vector<int> done, total;
  EXPECT_TRUE(OnlyProgressLines(r.err, done, total)) << r.err;
  ASSERT_FALSE(done.empty());
  EXPECT_EQ(done.back(), 2);
  EXPECT_EQ(total.back(), 2);

  EXPECT_EQ(Query(Db(), page_columns), full);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM bubble_score"), scores);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM text_box_ink"), boxes);
  EXPECT_EQ(Value(Db(), "SELECT complete FROM scan_file WHERE sha256 = '" + sha + "'"), "1");
  for (int i = 0; i < 4; ++i) ExpectReadAsMeant("scans/form.tif", pages[i], i);

  // Now it is whole: a third run has nothing to do.
  const RunResult third = Scan({"scans"});
  EXPECT_EQ(third.exit_code, 0);
  EXPECT_NE(third.out.find("Nothing new to scan (2 file(s) already scanned, 0 failed).\n"),
            std::string::npos)
      << third.out;
}

// Pages stored in the database at `db` so far, read while a scan may be writing (0 while the
// database is busy).
int StoredPagesNow(const fs::path& db) {
  sqlite3* handle = nullptr;
  int pages = 0;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(handle, 1000);
    sqlite3_stmt* query = nullptr;
    if (sqlite3_prepare_v2(handle, "SELECT count(*) FROM scan_page", -1, &query, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(query) == SQLITE_ROW) {
      pages = sqlite3_column_int(query, 0);
    }
    sqlite3_finalize(query);
  }
  sqlite3_close(handle);
  return pages;
}

// A real `phieu scan` killed (SIGKILL) in the middle of a multi-page file, then run again without
// a batch name: the rerun finishes the file in the batch the killed run opened, every page is
// stored once, the sheets are one pile and the log verifies.
TEST_F(ScanCliTest, AScanKilledMidFileAndRunAgainContinuesItsBatchWithNothingLostOrDoubled) {
  std::vector<MarkedPage> pages;
  for (int page = 1; page <= 4; ++page) pages.push_back(Marked(0, page, 80 + page));
  WriteTiff(pages, "scans/form.tif");
  Write(Marked(1, 1, 89).image, "scans/other.png");

  // Killed once two of the TIFF's four pages are stored (files are read in name order).
  ChildOptions kill_midway;
  kill_midway.kill_when = [&](std::chrono::milliseconds) { return StoredPagesNow(Db()) >= 2; };
  const ChildRun killed =
      RunPhieuChild(dir_, {"scan", "scans", "--jobs", "1", "--db", "d.db"}, kill_midway);
  ASSERT_TRUE(killed.killed) << "the scan ended before it could be killed: " << killed.result.err;
  const int stored = Count(Db(), "SELECT count(*) FROM scan_page");
  ASSERT_GE(stored, 2);
  ASSERT_LT(stored, 5);
  ASSERT_EQ(Count(Db(), "SELECT count(*) FROM scan_batch"), 1);
  const std::string batch = Value(Db(), "SELECT name FROM scan_batch");

  const RunResult r = Scan({"scans"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("into batch '" + batch + "', continued ("), std::string::npos) << r.out;
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_batch"), 1);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), 5);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM (SELECT DISTINCT file_sha256, page_index "
                        "FROM scan_page)"),
            5);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file WHERE complete = 1"), 2);
  for (int i = 0; i < 4; ++i) ExpectReadAsMeant("scans/form.tif", pages[i], i);
  const RunResult log = RunPhieu({"log", "verify", "--db", "d.db"});
  EXPECT_EQ(log.exit_code, 0) << log.out << log.err;
}

// --- what cannot be read ------------------------------------------------------------------------

TEST_F(ScanCliTest, BadFilesAreReportedByNameAndTheRestOfTheBatchIsRead) {
  const MarkedPage good = Marked(0, 2, 71);
  Write(good.image, "in/good.png");
  const std::string png = ReadText(dir_ / "in/good.png");
  WriteText(dir_ / "in/x.png", "");
  WriteText(dir_ / "in/truncated.png", png.substr(0, 200));
  WriteText(dir_ / "in/notes.jpg", "Ghi chú: lô này thiếu 2 phiếu.\n");
  WriteText(dir_ / "in/readme.txt", "not a scan\n");

  // The good pages are stored, and the run exits 1 so that a script notices the bad files.
  const std::string failed =
      "phieu: 3 file(s) could not be read (listed above); the other pages are stored. Scan those "
      "sheets again and run the command again\n";
  const RunResult r = Scan({"in"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(r.err.ends_with(failed)) << r.err;
  EXPECT_TRUE(
      r.out.starts_with("Skipped in/readme.txt: not a scan (unsupported extension '.txt')\n"
                        "Scanned 1 page(s) from 1 file(s) into batch"))
      << r.out;
  EXPECT_NE(r.out.find("  pages read:           1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n  files that failed:    3\n"), std::string::npos) << r.out;
  for (const std::string& failure : std::vector<std::string>{
           "in/x.png: the file is empty (0 bytes)",
           "in/truncated.png: the image cannot be decoded (corrupt or truncated?); scan it again",
           "in/notes.jpg: the image cannot be decoded (corrupt or truncated?); scan it again"}) {
    EXPECT_NE(r.out.find("\n    " + failure + "\n"), std::string::npos) << failure << " in:\n"
                                                                        << r.out;
  }
  EXPECT_EQ(LinesStartingWith(r.out, "    "), 3) << r.out;
  // Progress lines, then phieu's message. libpng itself (inside OpenCV's decoder) also prints
  // "libpng error: ..." for the truncated file; phieu cannot silence it, so it is set aside here.
  std::string progress_lines;
  std::istringstream err_lines(r.err.substr(0, r.err.size() - std::min(r.err.size(), failed.size())));
  for (std::string line; std::getline(err_lines, line);) {
    if (!line.starts_with("libpng ")) progress_lines += line + "\n";
  }
  std::vector<int> done, total;
  EXPECT_TRUE(OnlyProgressLines(progress_lines, done, total)) << r.err;

  ExpectReadAsMeant("in/good.png", good);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), 1);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file"), 1);

  // The bad files are tried again next time (they are not recorded as scanned).
  const RunResult again = Scan({"in"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(again.err.ends_with(failed)) << again.err;
  EXPECT_NE(again.out.find("in/good.png: already scanned; nothing to do\n"), std::string::npos)
      << again.out;
  EXPECT_NE(again.out.find("  files that failed:    3\n"), std::string::npos) << again.out;
}

TEST_F(ScanCliTest, BlankAndNotAFormPagesAreCountedAsNotReadWithTheirReasons) {
  const int width = static_cast<int>(kA4.width_pt * kDpi / 72);
  const int height = static_cast<int>(kA4.height_pt * kDpi / 72);
  Write(GreyImage(width, height), "pages/blank.png");
  GreyImage lines(width, height);  // a page of ruled lines, no QR code and no corner marks
  for (int y = 200; y < height - 200; y += 60) {
    for (int dy = 0; dy < 3; ++dy) {
      for (int x = 150; x < width - 150; ++x) lines.at(x, y + dy) = 30;
    }
  }
  Write(lines, "pages/lines.png");
  const MarkedPage good = Marked(1, 1, 81);
  Write(good.image, "pages/good.png");

  const RunResult r = Scan({"pages", "--batch", "b"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Scanned 3 page(s) from 3 file(s) into batch 'b' (2 thread(s))\n"
            "  pages read:           1\n"
            "  forms identified:     1\n"
            "  answers to review:    0 unsure mark(s), 0 with several marks\n"
            "  pages not read:       2\n"
            "    1 × blank: a blank page\n"
            "    1 × not-a-form: no QR code and no registration marks: not a phieu form (or badly "
            "cut off)\n");
  EXPECT_EQ(PageRow("pages/blank.png")[1], "blank");
  EXPECT_EQ(PageRow("pages/blank.png")[2], "a blank page");
  EXPECT_EQ(PageRow("pages/lines.png")[1], "not-a-form");
  EXPECT_EQ(PageRow("pages/lines.png")[3], "");
  ExpectReadAsMeant("pages/good.png", good);
  // Pages not read have no scores: they can never be taken for answers.
  EXPECT_EQ(Count(Db(),
                  "SELECT count(*) FROM bubble_score b JOIN scan_page p ON p.id = "
                  "b.page_id WHERE p.outcome != 'read'"),
            0);
  // ... but they are stored, and their files complete: scanning again does nothing.
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file WHERE complete = 1"), 3);
}

TEST_F(ScanCliTest, AFormPrintedFromAnotherDatabaseIsUnidentifiedByItsTag) {
  const ForeignForm other = PrintFromAnotherDatabase();
  const std::string& other_code = other.code;
  Write(other.first_page, "other-page1.png");

  const RunResult r = Scan({"other-page1.png"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string reason =
      "the QR code's integrity tag is wrong: a forged or altered code, or a form printed from "
      "another database";
  EXPECT_NE(r.out.find("  pages read:           0\n"
                       "  forms identified:     0\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("  pages not read:       1\n"
                       "    1 × unidentified: " +
                       reason + "\n"),
            std::string::npos)
      << r.out;
  const std::vector<std::string> row = PageRow("other-page1.png");
  EXPECT_EQ(row[1], "unidentified");
  EXPECT_EQ(row[2], reason);
  EXPECT_EQ(row[3], other_code);  // what the QR says, kept for the record
  EXPECT_EQ(row[6], "0");
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM bubble_score"), 0);
}

// --- the batch ----------------------------------------------------------------------------------

TEST_F(ScanCliTest, TheBatchRecordsWhoScannedWhoseFormsAndWhenTheyCameBack) {
  Write(Marked(0, 1, 91).image, "a.png");
  const RunResult r = Scan({"a.png", "--received-on", "2026-03-31", "--collector", "ĐTV-01",
                            "--batch", "lô-1", "--operator", "An"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("Scanned 1 page(s) from 1 file(s) into batch 'lô-1'")) << r.out;
  const Rows batch = Query(Db(),
                           "SELECT id, name, operator, collector, received_on, started_at "
                           "FROM scan_batch");
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(std::vector<std::string>(batch[0].begin() + 1, batch[0].begin() + 5),
            (std::vector<std::string>{"lô-1", "An", "ĐTV-01", "2026-03-31"}));
  EXPECT_TRUE(std::regex_match(
      batch[0][5], std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")))
      << batch[0][5];
  EXPECT_EQ(Value(Db(), "SELECT batch_id FROM scan_file"), batch[0][0]);
}

TEST_F(ScanCliTest, WithoutBatchDetailsTheBatchIsNamedByTimeByUserReceivedToday) {
  Write(Marked(0, 1, 92).image, "a.png");
  const std::string before = UtcToday();
  const RunResult r = RunPhieu({"scan", "a.png", "--db", "d.db"}, {{"USER", "thu"}});
  const std::string after = UtcToday();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const Rows batch = Query(Db(), "SELECT name, operator, collector, received_on FROM scan_batch");
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_TRUE(std::regex_match(
      batch[0][0], std::regex("scan [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")))
      << batch[0][0];
  EXPECT_EQ(batch[0][1], "thu");
  EXPECT_EQ(batch[0][2], "");
  EXPECT_TRUE(batch[0][3] == before || batch[0][3] == after) << batch[0][3];
  EXPECT_NE(r.out.find("into batch '" + batch[0][0] + "' ("), std::string::npos) << r.out;
}

TEST_F(ScanCliTest, AReceivedOnDateNotWrittenYyyyMmDdExits1AndScansNothing) {
  Write(Marked(0, 1, 93).image, "a.png");
  for (const std::string& date :
       std::vector<std::string>{"31/03/2026", "2026-02-30", "2026-3-31"}) {
    SCOPED_TRACE(date);
    const RunResult r = Scan({"a.png", "--received-on", date});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "phieu: --received-on '" + date + "' is not a date written YYYY-MM-DD\n");
  }
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_batch"), 0);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file"), 0);
  EXPECT_FALSE(fs::exists(dir_ / "d.archive"));
}

// --- bounded memory ----------------------------------------------------------------------------

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;  // shadow memory: neither an address-space limit nor RSS holds
#else
constexpr bool kSanitized = false;
#endif

// Runs `phieu ARGS...` in `dir`, its address space limited to `address_space` bytes (0: no
// limit), measuring its peak resident memory.
ChildRun RunMeasured(const fs::path& dir, const std::vector<std::string>& args,
                     rlim_t address_space = 0) {
  ChildOptions options;
  options.address_space = address_space;
  return RunPhieuChild(dir, args, options);
}

// CRC-32 as PNG chunks carry it (ISO 3309).
std::uint32_t Crc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFF;
  for (const char c : bytes) {
    crc ^= static_cast<std::uint8_t>(c);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320 & (0 - (crc & 1)));
  }
  return ~crc;
}

// A PNG whose header declares `width` x `height` grey pixels, followed by a few rows of data: a
// decoder that trusts the header allocates the whole image before it finds the data short.
std::string PngDeclaring(std::uint32_t width, std::uint32_t height) {
  const auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  const auto chunk = [&](const std::string& type, const std::string& data) {
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(Crc32(type + data));
  };
  // zlib: one stored (uncompressed) block of up to 4 rows of zeros (filter byte 0 and pixels).
  const std::uint32_t size = std::min<std::uint32_t>(65535, 4 * (width + 1));
  std::string idat = "\x78\x01\x01";
  idat += {static_cast<char>(size & 0xFF), static_cast<char>(size >> 8),
           static_cast<char>(~size & 0xFF), static_cast<char>((~size >> 8) & 0xFF)};
  idat += std::string(size, '\0') + be32((size % 65521) << 16 | 1);  // Adler-32 of the zeros
  return std::string("\x89PNG\r\n\x1a\n", 8) +
         chunk("IHDR", be32(width) + be32(height) + std::string("\x08\x00\x00\x00\x00", 5)) +
         chunk("IDAT", idat) + chunk("IEND", "");
}

TEST_F(ScanCliTest, APngDeclaring32000By32000PixelsIsRefusedBeforeDecodingAndNothingIsStored) {
  const MarkedPage good = Marked(0, 1, 201);
  Write(good.image, "scans/good.png");
  WriteText(dir_ / "scans/scan-07.png", PngDeclaring(32000, 32000));

  const ChildRun run = RunMeasured(dir_, {"scan", "scans", "--jobs", "2", "--db", "d.db"});
  const RunResult& r = run.result;
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("\n  files that failed:    1\n"
                       "    scans/scan-07.png: 32000 x 32000 pixels is more than the limit of 69.6 "
                       "megapixels (A3 at 600 dpi): rescan at 300 dpi, or raise --max-megapixels\n"),
            std::string::npos)
      << r.out;
  EXPECT_TRUE(r.err.ends_with("phieu: 1 file(s) could not be read (listed above); the other pages "
                              "are stored. Scan those sheets again and run the command again\n"))
      << r.err;
  ExpectReadAsMeant("scans/good.png", good);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file"), 1);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), 1);
  EXPECT_FALSE(fs::exists(dir_ / "d.archive" / (Sha256(PngDeclaring(32000, 32000)) + ".png")));
  // Decoding it would have taken 1 GB.
  if (!kSanitized) { EXPECT_LT(run.max_rss_kb, 300 * 1024); }
}

TEST_F(ScanCliTest, AManyPageTiffIsReadOnePageAtATimeWithEveryPageStoredOnce) {
  // A form page first and last, 78 ruled A4 pages at 300 dpi between them: 8.7 MB each decoded,
  // 680 MB if the file were decoded whole before its pages were read.
  constexpr int kPages = 80;
  const MarkedPage first = Marked(0, 1, 211), last = Marked(1, 2, 212);
  const auto mat = [](const GreyImage& image) {
    return cv::Mat(image.height, image.width, CV_8UC1,
                   const_cast<std::uint8_t*>(image.pixels.data())).clone();
  };
  cv::Mat ruled(3508, 2480, CV_8UC1, cv::Scalar(255));
  for (int y = 300; y < 3200; y += 80) ruled.rowRange(y, y + 3).colRange(200, 2280) = 30;
  std::vector<cv::Mat> pages{mat(first.image)};
  for (int i = 1; i < kPages - 1; ++i) pages.push_back(ruled);
  pages.push_back(mat(last.image));
  ASSERT_TRUE(cv::imwritemulti((dir_ / "batch.tif").string(), pages));

  const ChildRun run = RunMeasured(dir_, {"scan", "batch.tif", "--jobs", "2", "--db", "d.db"});
  const RunResult& r = run.result;
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Scanned 80 page(s) from 1 file(s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  pages read:           2\n"), std::string::npos) << r.out;
  EXPECT_EQ(Value(Db(), "SELECT pages || ' ' || complete FROM scan_file"), "80 1");
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), kPages);
  EXPECT_EQ(Count(Db(), "SELECT count(DISTINCT page_index) FROM scan_page "
                        "WHERE page_index BETWEEN 0 AND 79"),
            kPages);
  ExpectReadAsMeant("batch.tif", first, 0);
  ExpectReadAsMeant("batch.tif", last, kPages - 1);
  if (!kSanitized) { EXPECT_LT(run.max_rss_kb, 600 * 1024) << "peak memory"; }
}

TEST_F(ScanCliTest, AFileWithMorePagesThanTheLimitIsRefusedBeforeAnyPageIsRead) {
  const std::vector<MarkedPage> pages = {Marked(0, 1, 221), Marked(0, 2, 222), Marked(0, 3, 223)};
  WriteTiff(pages, "three.tif");
  const RunResult r = Scan({"three.tif", "--max-pages", "2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("    three.tif: more than 2 pages (the limit per file): split it into "
                       "smaller files, or raise --max-pages\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file"), 0);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), 0);

  // Not recorded, so tried again: with the default limit it is read.
  const RunResult again = Scan({"three.tif"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  for (int i = 0; i < 3; ++i) ExpectReadAsMeant("three.tif", pages[i], i);
}

TEST_F(ScanCliTest, APageThatRunsOutOfMemoryFailsItsFileWhichIsTriedAgainNeverStoredAsNotAForm) {
  if (kSanitized) GTEST_SKIP() << "an address-space limit cannot hold a sanitized process";
  const MarkedPage good = Marked(1, 1, 231);
  Write(good.image, "scans/good.png");
  WriteText(dir_ / "scans/huge.png", PngDeclaring(32000, 32000));  // 1 GB to decode
  const std::vector<std::string> args{"scan",  "scans",        "--jobs", "1",
                                      "--max-megapixels", "2000", "--db", "d.db"};
  const std::string failed =
      "    scans/huge.png: not enough memory to decode its 32000 x 32000 pixels; run the scan "
      "again with fewer --jobs\n";

  // 900 MB of address space: enough for phieu and a page, not for the huge one.
  const ChildRun run = RunMeasured(dir_, args, rlim_t{900} << 20);
  EXPECT_EQ(run.result.exit_code, 1) << run.result.out << run.result.err;
  EXPECT_NE(run.result.out.find(failed), std::string::npos) << run.result.out;
  ExpectReadAsMeant("scans/good.png", good);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_file"), 1);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), 1);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page WHERE outcome = 'not-a-form'"), 0);

  // The next run tries it again (it was not recorded as scanned).
  const ChildRun again = RunMeasured(dir_, args, rlim_t{900} << 20);
  EXPECT_EQ(again.result.exit_code, 1);
  EXPECT_NE(again.result.out.find("scans/good.png: already scanned; nothing to do\n"),
            std::string::npos)
      << again.result.out;
  EXPECT_NE(again.result.out.find(failed), std::string::npos) << again.result.out;
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), 1);
}

// --- --explain ----------------------------------------------------------------------------------

TEST_F(ScanCliTest, ExplainDrawsAnOverlayTheSizeOfThePageAndStoresNothing) {
  const MarkedPage marked = Marked(1, 2, 101);
  Write(marked.image, "PAGE.png");
  const RunResult r =
      RunPhieu({"scan", "--explain", "PAGE.png", "--out", "overlay.png", "--db", "d.db"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(r.out.starts_with("PAGE.png: read, form " + marked.code + " page 2 (by qr)"))
      << r.out;
  EXPECT_TRUE(std::regex_match(r.out, std::regex("PAGE\\.png: read, form [^ ]+ page 2 \\(by qr\\), "
                                                 "[0-9]+ marks, residual [0-9.e-]+ px\n"
                                                 "(Q[^\n]+\n(    option [^\n]+\n)+)*"
                                                 "Overlay written to overlay\\.png\n")))
      << r.out;
  ASSERT_TRUE(fs::exists(dir_ / "overlay.png"));
  EXPECT_TRUE(ReadText(dir_ / "overlay.png").starts_with("\x89PNG\r\n\x1a\n"));
  const cv::Mat overlay = cv::imread((dir_ / "overlay.png").string(), cv::IMREAD_UNCHANGED);
  ASSERT_FALSE(overlay.empty());
  EXPECT_EQ(overlay.cols, marked.image.width);
  EXPECT_EQ(overlay.rows, marked.image.height);
  // Explaining is not scanning.
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), 0);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_batch"), 0);
}

// --- refusals -----------------------------------------------------------------------------------

TEST_F(ScanCliTest, AMissingPathExits1AndNoPathIsAUsageError) {
  RunResult r = Scan({"nowhere"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "phieu: nowhere: no such file or folder\n");
  r = RunPhieu({"scan", "--db", "d.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "phieu: PATH: name the scan files or folders to read\n"
                   "Run 'phieu --help' for the commands and options.\n");
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_batch"), 0);
}

// Tests that need no printed forms (and so do not wait for them to be printed).
class ScanCliRefusalTest : public PhieuCliTest {
 protected:
  // A white A4 page at kDpi, written as PNG to `file`.
  void WriteWhitePage(const std::string& file) const {
    const GreyImage white(static_cast<int>(kA4.width_pt * kDpi / 72),
                          static_cast<int>(kA4.height_pt * kDpi / 72));
    const Status written = WritePng(white, (dir_ / file).string());
    ASSERT_TRUE(written.ok()) << written.message();
  }
};

TEST_F(ScanCliRefusalTest, ExplainWithoutOutIsAUsageError) {
  Init("d.db");
  WriteWhitePage("PAGE.png");
  const RunResult r = RunPhieu({"scan", "--explain", "PAGE.png", "--db", "d.db"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "phieu: --explain requires --out\nRun 'phieu --help' for the commands and options.\n");
}

TEST_F(ScanCliRefusalTest, ScanningBeforeAnyFormWasPrintedExits1) {
  Init("empty.db");
  WriteWhitePage("a.png");
  const RunResult r = RunPhieu({"scan", "a.png", "--db", "empty.db"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "phieu: no forms were printed from empty.db, so no scan can be read yet; print them "
            "first ('phieu forms print')\n");
  EXPECT_FALSE(fs::exists(dir_ / "empty.archive"));
}

}  // namespace
}  // namespace phieu
