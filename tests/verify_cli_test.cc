// End-to-end tests of what follows scanning: `phieu verify`, `phieu review list|show|decide`,
// `phieu rescore`, `phieu export answers` and `phieu log show|verify`. The real binary reads scans
// generated here from known answers (synthetic/) on forms it printed, so every verdict and
// every exported cell is checked against the truth; the database is read and tampered with by
// SQLite itself, the review crop decoded by OpenCV.
//
// The forms are printed once for the whole program (tests/scan_test_util.h); each test starts
// from its own copy of that database.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/survey.h"
#include "tests/cli_test_util.h"
#include "tests/scan_test_util.h"
#include "synthetic/answer_plan.h"
#include "synthetic/scan_generator.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;
using e2e::CleanMix;
using e2e::Column;
using e2e::Count;
using e2e::CsvRow;
using e2e::Exec;
using e2e::FindItem;
using e2e::kDpi;
using e2e::Lines;
using e2e::LinesStartingWith;
using e2e::PrintedFormsTest;
using e2e::Query;
using e2e::ReadCsv;
using e2e::ReadText;
using e2e::Rows;
using e2e::RunResult;
using e2e::Value;
using e2e::WriteText;

constexpr int kForms = 3;
constexpr char kBom[] = "\xEF\xBB\xBF";

// `parts` joined by `separator`.
std::string Join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : separator) + part;
  return text;
}

// What the export must hold for an item the respondent meant `truth` for: the option code,
// nothing for blank.
std::string Cell(const ItemTruth& truth) { return Join(truth.intended, ";"); }

// The export's columns and cells for the item `truth` is about (`item` describes it): one
// column, or for multiple choice one per option, "Q2=3", holding 1 when the option was meant,
// 0 when another was and this one was not, nothing when the item was left blank.
std::vector<std::pair<std::string, std::string>> ExpectedCells(const AnswerItem& item,
                                                               const ItemTruth& truth) {
  if (item.kind != QuestionKind::kMulti) return {{item.code, Cell(truth)}};
  std::vector<std::pair<std::string, std::string>> cells;
  for (const Option& o : item.options) {
    const bool meant =
        std::find(truth.intended.begin(), truth.intended.end(), o.code) != truth.intended.end();
    cells.push_back({item.code + "=" + o.code, truth.intended.empty() ? "" : meant ? "1" : "0"});
  }
  return cells;
}

class VerifyCliTest : public PrintedFormsTest {
 protected:
  static void SetUpTestSuite() {
    Print({.forms = kForms, .seed = "boc-tham-2026-03-01", .reserves = 1});
  }
  static void TearDownTestSuite() { Discard(); }

  // Runs `phieu export answers --out a.csv`; checks the byte-order mark and returns the rows.
  std::vector<CsvRow> ExportAnswers() const {
    const std::string out = PhieuOk({"export", "answers", "--out", "a.csv"});
    EXPECT_TRUE(out.starts_with("Wrote a.csv: ")) << out;
    const std::string text = ReadText(dir_ / "a.csv");
    EXPECT_TRUE(text.starts_with(kBom)) << text.substr(0, 40);
    if (!text.starts_with(kBom)) return {};
    return ReadCsv(text.substr(3));
  }

  // The export's row of form `code` (an empty row, and a failure, when there is not one).
  static CsvRow FormRow(const std::vector<CsvRow>& rows, const std::string& code) {
    std::vector<CsvRow> found;
    for (const CsvRow& row : rows) {
      if (row.at("form") == code) found.push_back(row);
    }
    EXPECT_EQ(found.size(), 1u) << "rows of form " << code;
    return found.empty() ? CsvRow{} : found.front();
  }

  // The export's columns and cells for every item of `plan`, in printed order.
  static std::vector<std::pair<std::string, std::string>> TrueCells(const AnswerPlan& plan) {
    const std::vector<AnswerItem> items = AnswerItems(Template().survey);
    std::vector<std::pair<std::string, std::string>> cells;
    for (const ItemTruth& truth : plan.truth) {
      const AnswerItem* item = FindItem(items, truth.item);
      EXPECT_NE(item, nullptr) << truth.item;
      if (item == nullptr) continue;
      for (const auto& cell : ExpectedCells(*item, truth)) cells.push_back(cell);
    }
    return cells;
  }

  // Checks that every item's cell of `row` is what `plan` meant.
  static void ExpectCellsAreTheTruth(const CsvRow& row, const AnswerPlan& plan) {
    for (const auto& [column, expected] : TrueCells(plan)) {
      const auto cell = row.find(column);
      ASSERT_NE(cell, row.end()) << "no column " << column;
      EXPECT_EQ(cell->second, expected) << column;
    }
  }

  // The line `phieu verify --forms` prints for a form not accepted: "  CODE  VERDICT: REASONS".
  static std::string FormLine(const std::string& code, const std::string& verdict_and_reasons) {
    return "\n  " + code + "  " + verdict_and_reasons + "\n";
  }

  // Checks that `phieu verify --forms [extra]` rejects form `code` for exactly `reasons`, and
  // that the export says rejected; returns what verify printed.
  std::string ExpectRejected(const std::string& code, const std::string& reasons,
                             const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> args = {"verify", "--forms"};
    args.insert(args.end(), extra.begin(), extra.end());
    const std::string out = PhieuOk(args);
    EXPECT_NE(out.find(FormLine(code, "rejected: " + reasons)), std::string::npos) << out;
    EXPECT_EQ(FormRow(ExportAnswers(), code)["status"], "rejected");
    return out;
  }

  // A form with one ambiguous mark: every page of form 0 filled by a clean respondent, except
  // that one single-answer item on page 2 is shaded in faint pencil (always a person's call).
  struct FaintForm {
    AnswerPlan plan;
    std::string code, item, meant;  // meant: the option the faint mark stands for
  };
  FaintForm ScanFormWithAFaintMark() const {
    FaintForm f{Plan(41), Code(0), "", ""};
    PenMark& mark = f.plan.marks[FirstSingleFilledMark(f.plan, 2)];
    mark.style = MarkStyle::kFaintPencil;
    f.item = mark.question;
    f.meant = mark.option;
    WriteForm(0, f.plan, 41, "scans");
    ScanOk({"scans"});
    return f;
  }

  // Records the person's decision that `f`'s faint mark is what was meant.
  void DecideTheFaintMark(const FaintForm& f) const {
    const std::string out = PhieuOk({"review", "decide", f.code + "/" + f.item, f.meant, "--by",
                                     "Nguyễn Văn A", "--note", "n"});
    EXPECT_TRUE(out.starts_with("Recorded decision 1: " + f.code + "/" + f.item + " = " + f.meant +
                                " by Nguyễn Văn A (the machine read 'unsure " + f.meant))
        << out;
  }
};

// --- accepted forms and the export --------------------------------------------------------------

TEST_F(VerifyCliTest, CompleteFilledFormsAreAcceptedAndExportedAsMeant) {
  std::vector<AnswerPlan> plans;
  for (int form = 0; form < kForms; ++form) {
    plans.push_back(Plan(11 + form));
    WriteForm(form, plans.back(), 11 + form, "scans/form" + std::to_string(form));
  }
  ScanOk({"scans"});

  const RunResult verify = Phieu({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_EQ(verify.err, "");
  EXPECT_TRUE(
      verify.out.starts_with("Verified d.db: 3 forms issued to the sample, 3 codes came "
                             "back.\n"))
      << verify.out;
  EXPECT_NE(verify.out.find("\n0 marks and 0 forms wait for a person.\n"), std::string::npos)
      << verify.out;

  const std::vector<CsvRow> rows = ExportAnswers();
  const std::string csv = ReadText(dir_ / "a.csv");
  // The header: the form's columns, then every answer item in printed order, multiple-choice
  // items one column per option.
  std::vector<std::string> header = {"form", "sample", "unit", "collector", "status"};
  for (const auto& [column, cell] : TrueCells(plans[0])) header.push_back(column);
  EXPECT_TRUE(csv.starts_with(kBom + Join(header, ",") + "\r\n")) << csv.substr(0, 200);
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(kForms));
  // No cell holds a list (Excel on a Vietnamese-locale PC splits it at ';').
  EXPECT_EQ(csv.find(';'), std::string::npos);
  // The answers include blanks and several options of a multiple-choice item.
  int blank = 0, several = 0;
  for (const AnswerPlan& plan : plans) {
    for (const ItemTruth& truth : plan.truth) {
      blank += truth.intended.empty();
      several += truth.intended.size() > 1;
    }
  }
  EXPECT_GT(blank, 0);
  EXPECT_GT(several, 0);
  for (int form = 0; form < kForms; ++form) {
    SCOPED_TRACE(Code(form));
    const CsvRow row = FormRow(rows, Code(form));
    EXPECT_EQ(row.at("sample"), printed_->samples[form]);
    EXPECT_EQ(row.at("unit"), printed_->units[form]);
    EXPECT_EQ(row.at("collector"), printed_->collectors[form]);
    EXPECT_EQ(row.at("status"), "accepted");
    ExpectCellsAreTheTruth(row, plans[form]);
  }
}

TEST_F(VerifyCliTest, TheWorkbookHasTheAnswersAndACodebookAndTheAnonymousExportNoIds) {
  std::vector<AnswerPlan> plans;
  for (int form = 0; form < kForms; ++form) {
    plans.push_back(Plan(41 + form));
    WriteForm(form, plans.back(), 41 + form, "scans/form" + std::to_string(form));
  }
  ScanOk({"scans"});
  PhieuOk({"verify"});
  const std::string out = PhieuOk({"export", "answers", "--xlsx", "a.xlsx"});
  EXPECT_TRUE(out.starts_with("Wrote a.xlsx: 3 forms, ")) << out;
  EXPECT_EQ(e2e::XlsxSheets(dir_ / "a.xlsx"), "ok\nTrả lời\nGiải thích mã\n");

  // The answers sheet: the forms' columns in Vietnamese, then the CSV's answer columns; every
  // cell as the respondent meant it.
  const auto answers = e2e::XlsxRows(dir_ / "a.xlsx", "Trả lời");
  ASSERT_EQ(answers.size(), 1u + kForms);
  std::vector<std::string> header = {"Mã phiếu", "Mã mẫu", "Đơn vị", "Điều tra viên", "Trạng thái"};
  for (const auto& [column, cell] : TrueCells(plans[0])) header.push_back(column);
  EXPECT_EQ(answers[0], header);
  for (int form = 0; form < kForms; ++form) {
    SCOPED_TRACE(Code(form));
    const std::vector<std::string>* row = nullptr;
    for (const auto& r : answers) {
      if (r.at(0) == Code(form)) row = &r;
    }
    ASSERT_NE(row, nullptr);
    std::vector<std::string> expected = {Code(form), printed_->samples[form], printed_->units[form],
                                         printed_->collectors[form], "Hợp lệ"};
    for (const auto& [column, cell] : TrueCells(plans[form])) expected.push_back(cell);
    // Empty cells at the end of a row are not in the sheet at all.
    for (std::size_t i = row->size(); i < expected.size(); ++i) EXPECT_EQ(expected[i], "") << i;
    expected.resize(row->size());
    EXPECT_EQ(*row, expected);
  }

  // The codebook: a row for every column, with the question's code; every option's label; what
  // the special cells and the statuses mean.
  const auto codebook = e2e::XlsxRows(dir_ / "a.xlsx", "Giải thích mã");
  std::map<std::string, std::string> question_of;  // column -> question code
  std::set<std::string> meanings;
  for (const auto& r : codebook) {
    if (r.size() >= 2 && !r[1].empty()) question_of[r[0]] = r[1];
    if (r.size() >= 5) meanings.insert(r[4]);
  }
  for (const AnswerItem& item : AnswerItems(Template().survey)) {
    if (item.kind == QuestionKind::kText) continue;  // never read, not exported
    if (item.kind == QuestionKind::kMulti) {
      for (const Option& o : item.options) {
        EXPECT_EQ(question_of[item.code + "=" + o.code], item.question)
            << item.code << "=" << o.code;
        EXPECT_EQ(meanings.count("Có chọn phương án " + o.code + ": " + o.label), 1u) << o.label;
      }
      continue;
    }
    EXPECT_EQ(question_of[item.code], item.question) << item.code;
    for (const Option& o : item.options) EXPECT_EQ(meanings.count(o.label), 1u) << o.label;
  }
  std::set<std::string> values;
  for (const auto& r : codebook) {
    if (r.size() >= 4) values.insert(r[3]);
  }
  for (const char* value : {"?", "*", "(trống)", "Hợp lệ", "Chờ xem xét", "Bị loại"}) {
    EXPECT_EQ(values.count(value), 1u) << value;
  }

  // Anonymous: neither the form codes nor the sample ids, in the CSV or in the workbook.
  PhieuOk({"export", "answers", "--anonymous", "--out", "anon.csv", "--xlsx", "anon.xlsx"});
  const std::string csv = ReadText(dir_ / "anon.csv");
  EXPECT_TRUE(csv.starts_with(std::string(kBom) + "unit,collector,status,")) << csv.substr(0, 80);
  std::string workbook_text;
  for (const auto& r : e2e::XlsxRows(dir_ / "anon.xlsx", "Trả lời"))
    workbook_text += Join(r, "|") + "\n";
  EXPECT_TRUE(workbook_text.starts_with("Đơn vị|Điều tra viên|Trạng thái|")) << workbook_text;
  for (int form = 0; form < kForms; ++form) {
    for (const std::string& id : {printed_->samples[form], Code(form)}) {
      EXPECT_EQ(csv.find(id), std::string::npos) << id;
      EXPECT_EQ(workbook_text.find(id), std::string::npos) << id;
    }
  }
  EXPECT_EQ(ReadCsv(csv.substr(3)).size(), static_cast<std::size_t>(kForms));
}

// --- each reason for rejecting a form -----------------------------------------------------------

TEST_F(VerifyCliTest, TheOldCopyOfAReprintedFormIsRejectedAsVoided) {
  PhieuOk({"forms", "reprint", Code(0), "--draft", "--reason", "damaged", "--out", "reprint.pdf"});
  WriteForm(0, Plan(21), 21, "scans");
  ScanOk({"scans"});
  ExpectRejected(Code(0), "voided");
}

TEST_F(VerifyCliTest, TheFormOfAPersonReplacedInTheSampleIsRejected) {
  PhieuOk({"sample", "replace", printed_->samples[1], "--reason", "moved"});
  WriteForm(1, Plan(22), 22, "scans");
  ScanOk({"scans"});
  ExpectRejected(Code(1), "replaced-member");
}

TEST_F(VerifyCliTest, AFormWithPagesMissingIsRejectedAsIncomplete) {
  WriteForm(2, Plan(23), 23, "scans", {}, {1, 2, 3});
  ScanOk({"scans"});
  const std::string out = ExpectRejected(Code(2), "incomplete");
  EXPECT_NE(out.find("\n      pages 4, 5, 6 of 6 missing; a person may accept the rest: "
                     "phieu review decide " +
                     Code(2) + " accept --by NAME\n"),
            std::string::npos)
      << out;
}

TEST_F(VerifyCliTest, AnUnfilledFormIsRejectedAsBlank) {
  for (int page = 1; page <= PagesPerForm(); ++page) {
    Write(PrintedPage(0, page), "scans/p" + std::to_string(page) + ".png");
  }
  ScanOk({"scans"});
  ExpectRejected(Code(0), "blank");
}

TEST_F(VerifyCliTest, AFormReceivedOutsideTheFieldworkWindowIsRejected) {
  WriteForm(1, Plan(24), 24, "scans");
  ScanOk({"scans", "--received-on", "2026-05-02"});
  ExpectRejected(Code(1), "outside-window", {"--window", "2026-03-01..2026-03-31"});
}

TEST_F(VerifyCliTest, AFormPrintedFromAnotherDatabaseIsRejectedForItsTagAndItsCode) {
  const ForeignForm foreign = PrintFromAnotherDatabase();
  const std::string& forged = foreign.code;
  ASSERT_EQ(std::count(printed_->codes.begin(), printed_->codes.end(), forged), 0);
  const AnswerPlan plan = Plan(25);
  Write(DrawPenMarks(foreign.first_page, Template().layout.pages[0], plan.marks, kDpi, 25),
        "scans/forged.png");
  ScanOk({"scans"});
  ExpectRejected(forged, "unknown-code bad-tag");
  // The sheet can still be looked at, though the scanner refused it.
  PhieuOk({"review", "show", forged, "--out", "forged-view.png"});
  const cv::Mat view = cv::imread((dir_ / "forged-view.png").string(), cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(view.empty());
  EXPECT_GT(view.rows, view.cols);  // a whole portrait page
}

// --- the same form scanned more than once -------------------------------------------------------

TEST_F(VerifyCliTest, AFormScannedTwiceWithTheSameMarksIsAcceptedAndCountedOnce) {
  const AnswerPlan plan = Plan(31);
  WriteForm(0, plan, 31, "first");
  ScanConditions noisy;
  noisy.noise_sigma = 4;
  WriteForm(0, plan, 31, "second", noisy);
  ASSERT_NE(ReadText(dir_ / "first/p2.png"), ReadText(dir_ / "second/p2.png"));
  ScanOk({"first", "second"});
  ASSERT_EQ(Count(Db(), "SELECT count(*) FROM scan_page WHERE form_code = '" + Code(0) + "'"),
            2 * PagesPerForm());

  const std::string out = PhieuOk({"verify"});
  EXPECT_TRUE(out.starts_with("Verified d.db: 3 forms issued to the sample, 1 codes came back.\n"))
      << out;
  const std::vector<CsvRow> rows = ExportAnswers();
  EXPECT_EQ(rows.size(), 1u);
  const CsvRow row = FormRow(rows, Code(0));
  EXPECT_EQ(row.at("status"), "accepted");
  ExpectCellsAreTheTruth(row, plan);
  const std::string notes =
      Value(Db(), "SELECT notes FROM verdict WHERE subject = '" + Code(0) + "'");
  // The two scans are listed in the order they were stored, which is the order the scan's
  // threads finished them: either way round.
  for (int page = 1; page <= PagesPerForm(); ++page) {
    const std::string p = "p" + std::to_string(page) + ".png";
    const std::string head =
        "page " + std::to_string(page) + " scanned 2 times with identical readings (";
    const bool in_order =
        notes.find(head + "first/" + p + ", second/" + p + "); counted once") != std::string::npos;
    const bool reversed =
        notes.find(head + "second/" + p + ", first/" + p + "); counted once") != std::string::npos;
    EXPECT_TRUE(in_order || reversed) << notes;
  }
}

TEST_F(VerifyCliTest, APhotocopyWithADifferentMarkSendsTheFormAndTheItemToAPerson) {
  const AnswerPlan plan = Plan(32);
  WriteForm(1, plan, 32, "original");
  // The copy of page 2 has one answer changed to another option of the same item.
  AnswerPlan altered = plan;
  PenMark& mark = altered.marks[FirstSingleFilledMark(altered, 2)];
  const std::vector<AnswerItem> items = AnswerItems(Template().survey);
  const AnswerItem* item = FindItem(items, mark.question);
  ASSERT_NE(item, nullptr);
  const std::string meant = mark.option;
  mark.option =
      item->options.front().code == meant ? item->options.back().code : item->options.front().code;
  Write(Marked(1, 2, altered, 32).image, "copy/p2.png");
  ScanOk({"original", "copy"});

  const std::string code = Code(1);
  const std::string out = PhieuOk({"verify", "--forms"});
  EXPECT_NE(out.find(FormLine(code, "needs_review: duplicate-conflict marks-to-review")),
            std::string::npos)
      << out;
  const std::string list = PhieuOk({"review", "list"});
  const std::vector<std::string> form_lines = LinesStartingWith(list, code + " ");
  ASSERT_EQ(form_lines.size(), 1u) << list;
  EXPECT_NE(form_lines[0].find("scans of the same form disagree"), std::string::npos) << list;
  const std::vector<std::string> item_lines = LinesStartingWith(list, code + "/");
  ASSERT_EQ(item_lines.size(), 1u) << list;
  EXPECT_TRUE(item_lines[0].starts_with(code + "/" + item->code + " ")) << list;
  EXPECT_NE(item_lines[0].find("the scans of this page disagree"), std::string::npos) << list;

  const CsvRow row = FormRow(ExportAnswers(), code);
  EXPECT_EQ(row.at("status"), "needs_review");
  EXPECT_EQ(row.at(item->code), "?");
}

// --- a person's review --------------------------------------------------------------------------

TEST_F(VerifyCliTest, AFaintMarkIsListedForReviewAndItsCropCanBeSeen) {
  const FaintForm f = ScanFormWithAFaintMark();
  const std::string list = PhieuOk({"review", "list"});
  const std::vector<std::string> lines = LinesStartingWith(list, f.code);
  ASSERT_EQ(lines.size(), 1u) << list;
  EXPECT_TRUE(lines[0].starts_with(f.code + "/" + f.item + " ")) << list;
  EXPECT_NE(lines[0].find("unsure " + f.meant), std::string::npos) << list;
  EXPECT_NE(lines[0].find("a mark the scanner is unsure of"), std::string::npos) << list;

  const std::string show = PhieuOk({"review", "show", f.code + "/" + f.item, "--out", "crop.png"});
  EXPECT_NE(show.find("Item " + f.item + ": the machine read 'unsure " + f.meant),
            std::string::npos)
      << show;
  EXPECT_NE(show.find("Wrote crop.png (1 scan, "), std::string::npos) << show;
  ASSERT_TRUE(fs::exists(dir_ / "crop.png"));
  EXPECT_GT(fs::file_size(dir_ / "crop.png"), 0u);
  const cv::Mat crop = cv::imread((dir_ / "crop.png").string(), cv::IMREAD_UNCHANGED);
  ASSERT_FALSE(crop.empty()) << "crop.png does not decode";
  EXPECT_GT(crop.cols, crop.rows);  // a row of bubbles
}

TEST_F(VerifyCliTest, DecidingTheMarkAsMeantExportsThatValueAndAcceptsTheForm) {
  const FaintForm f = ScanFormWithAFaintMark();
  EXPECT_EQ(FormRow(ExportAnswers(), f.code)["status"], "needs_review");
  DecideTheFaintMark(f);
  const std::string out = PhieuOk({"verify"});
  EXPECT_NE(out.find("\n0 marks and 0 forms wait for a person.\n"), std::string::npos) << out;
  const CsvRow row = FormRow(ExportAnswers(), f.code);
  EXPECT_EQ(row.at("status"), "accepted");
  EXPECT_EQ(row.at(f.item), f.meant);
  ExpectCellsAreTheTruth(row, f.plan);
  EXPECT_EQ(PhieuOk({"review", "list"}), "Nothing waits for a person.\n");
}

TEST_F(VerifyCliTest, RescoringKeepsAPersonsDecision) {
  const FaintForm f = ScanFormWithAFaintMark();
  DecideTheFaintMark(f);
  const std::vector<CsvRow> before = ExportAnswers();
  const std::string out = PhieuOk({"rescore", "--filled", "0.3"});
  EXPECT_TRUE(
      out.starts_with("Thresholds: filled from 0.30 (was 0.25), empty below 0.04 (was "
                      "0.04).\n"))
      << out;
  EXPECT_NE(out.find("; 1 people's decisions kept.\n"), std::string::npos) << out;
  const std::vector<CsvRow> after = ExportAnswers();
  EXPECT_EQ(FormRow(after, f.code).at(f.item), f.meant);
  EXPECT_EQ(after, before);
}

TEST_F(VerifyCliTest, ADecisionIsStoredApartAndTheMachineReadingIsUntouched) {
  const FaintForm f = ScanFormWithAFaintMark();
  const std::string scores_sql = "SELECT * FROM bubble_score ORDER BY page_id, item, option";
  const std::string pages_sql = "SELECT * FROM scan_page ORDER BY id";
  const Rows scores = Query(Db(), scores_sql);
  const Rows pages = Query(Db(), pages_sql);
  ASSERT_FALSE(scores.empty());
  DecideTheFaintMark(f);
  PhieuOk({"rescore", "--filled", "0.3"});
  PhieuOk({"verify"});

  const Rows decisions =
      Query(Db(), "SELECT form_code, item, value, decided_by, note, machine FROM decision");
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(std::vector<std::string>(decisions[0].begin(), decisions[0].begin() + 5),
            (std::vector<std::string>{f.code, f.item, f.meant, "Nguyễn Văn A", "n"}));
  EXPECT_TRUE(decisions[0][5].starts_with("unsure " + f.meant)) << decisions[0][5];
  EXPECT_EQ(Query(Db(), scores_sql), scores);
  EXPECT_EQ(Query(Db(), pages_sql), pages);
}

TEST_F(VerifyCliTest, DecidingAValueThatIsNotAnOptionExits1NamingTheOptions) {
  const FaintForm f = ScanFormWithAFaintMark();
  const std::vector<AnswerItem> items = AnswerItems(Template().survey);
  const AnswerItem* item = FindItem(items, f.item);
  ASSERT_NE(item, nullptr);
  std::vector<std::string> options;
  for (const Option& option : item->options) options.push_back(option.code);
  const RunResult r = Phieu({"review", "decide", f.code + "/" + f.item, "Z9", "--by", "An"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "phieu: 'Z9' is not an option of " + f.item +
                       " (options: " + Join(options, ", ") + "; or blank, invalid)\n");
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM decision"), 0);
}

// --- the tamper-evident log ---------------------------------------------------------------------

TEST_F(VerifyCliTest, TheLogOfADatabaseUsedOnlyByPhieuVerifies) {
  ScanFormWithAFaintMark();
  PhieuOk({"verify"});
  const RunResult r = Phieu({"log", "verify"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("\nThe log is intact: every record matches the event that last wrote it.\n"),
            std::string::npos)
      << r.out;
}

TEST_F(VerifyCliTest, AScoreEditedBehindPhieusBackFailsTheLogNamingItsPage) {
  ScanFormWithAFaintMark();
  PhieuOk({"verify"});
  const std::string page = Value(Db(), "SELECT min(page_id) FROM bubble_score");
  Exec(Db(),
       "UPDATE bubble_score SET fill = 1 - fill WHERE rowid = "
       "(SELECT min(rowid) FROM bubble_score WHERE page_id = " +
           page + ")");

  const RunResult r = Phieu({"log", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  const std::vector<std::string> problems = LinesStartingWith(r.out, "  FAIL ");
  ASSERT_EQ(problems.size(), 1u) << r.out;
  EXPECT_TRUE(problems[0].starts_with("  FAIL scan_page " + page + ": changed after event "))
      << r.out;
  EXPECT_TRUE(r.err.starts_with("phieu: d.db: the log does not match the database")) << r.err;
}

TEST_F(VerifyCliTest, AnEventDeletedFromTheLogFailsItNamingTheEventAfterTheGap) {
  ScanFormWithAFaintMark();
  PhieuOk({"verify"});
  const int deleted = Count(Db(), "SELECT min(seq) FROM event WHERE kind = 'scan'");
  ASSERT_LT(deleted, Count(Db(), "SELECT max(seq) FROM event"));
  const std::string seq = std::to_string(deleted);
  Exec(Db(), "PRAGMA foreign_keys = OFF; DELETE FROM event_record WHERE event_seq = " + seq +
                 "; DELETE FROM event WHERE seq = " + seq + ";");

  const RunResult r = Phieu({"log", "verify"});
  EXPECT_EQ(r.exit_code, 1);
  const std::vector<std::string> problems = LinesStartingWith(r.out, "  FAIL ");
  ASSERT_FALSE(problems.empty()) << r.out;
  EXPECT_TRUE(problems[0].starts_with("  FAIL event " + std::to_string(deleted + 1) + " ("))
      << r.out;
  EXPECT_TRUE(problems[0].ends_with("): event " + seq + " missing: deleted from the log")) << r.out;
  EXPECT_TRUE(r.err.starts_with("phieu: d.db: the log does not match the database")) << r.err;
}

TEST_F(VerifyCliTest, TheLogShowsEveryKindOfChange) {
  const FaintForm f = ScanFormWithAFaintMark();
  PhieuOk({"verify"});
  DecideTheFaintMark(f);
  const std::string out = PhieuOk({"log", "show", "--last", "0"});
  std::set<std::string> kinds;
  for (const std::string& line : Lines(out)) {
    if (line.empty() || line[0] == ' ' || line.starts_with("Head hash: ")) continue;
    std::istringstream fields(line);
    std::string seq, at, kind;
    fields >> seq >> at >> kind;
    kinds.insert(kind);
  }
  for (const std::string kind : {"init", "draw", "issue", "print", "scan", "verify", "decision"}) {
    EXPECT_TRUE(kinds.contains(kind)) << kind << " not in:\n" << out;
  }
  EXPECT_NE(out.find(" " + f.code + "/" + f.item + " = " + f.meant + " by Nguyễn Văn A"),
            std::string::npos)
      << out;
}

// --- signals for auditors -----------------------------------------------------------------------

TEST_F(VerifyCliTest, SignalsNameTwoFormsFilledWithIdenticalAnswers) {
  const AnswerPlan same = Plan(51);
  WriteForm(0, same, 51, "scans/a");
  WriteForm(1, same, 51, "scans/b");
  WriteForm(2, Plan(52), 52, "scans/c");
  ScanOk({"scans"});
  const std::string out = PhieuOk({"verify", "--signals"});
  EXPECT_NE(out.find("\n  identical-answers  2 forms give the same answer to every item\n"
                     "      forms: " +
                     Code(0) + " " + Code(1) + "\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find(Code(2)), std::string::npos) << out;
}

// The demo's contradiction, end to end: a form issued to one collector comes back in a batch
// another collector handed in. The batch's collector is stored by `scan --collector`.
TEST_F(VerifyCliTest, SignalsNameABatchHoldingAFormIssuedToAnotherCollector) {
  const std::string& owner = printed_->collectors[1];
  ASSERT_FALSE(owner.empty());
  ASSERT_NE(owner, "ĐTV-99");
  WriteForm(0, Plan(61), 61, "own");
  ScanOk({"own", "--batch", "lo-1", "--collector", printed_->collectors[0]});
  WriteForm(1, Plan(62), 62, "other");
  ScanOk({"other", "--batch", "lo-2", "--collector", "ĐTV-99"});
  const std::string out = PhieuOk({"verify", "--signals"});
  EXPECT_NE(out.find("\n  custody            lô lo-2 do điều tra viên ĐTV-99 nộp có 1 phiếu đã "
                     "giao cho điều tra viên " +
                     owner + " (" + Code(1) +
                     ") / batch lo-2 handed in by collector ĐTV-99 "
                     "holds 1 form(s) issued to collector " +
                     owner + ": " + Code(1) + "\n      forms: " + Code(1) + "\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("lô lo-1"), std::string::npos) << "the collector's own batch: " << out;
}

}  // namespace
}  // namespace phieu
