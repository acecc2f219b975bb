// End-to-end tests of `phieu forms`: the real binary prints forms for a drawn sample, and what it
// wrote is checked from the outside against truth computed here, never with phieu's own code:
// page counts by poppler's pdfinfo, text by pdftotext, the QR by rasterising the PDF with pdftoppm
// and decoding it with ZXing's reader, the QR tag with OpenSSL's HMAC under the secret read
// straight from the database with SQLite, the code check characters by the rule written out
// below, and the layout with nlohmann::json against the survey definition.

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#define ZX_USE_UTF8
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/cli_test_util.h"
#include "tests/support/pgm_image.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;
using e2e::Column;
using e2e::CsvRow;
using e2e::PhieuCliTest;
using e2e::ReadCsv;
using e2e::ReadText;
using e2e::RunResult;
using e2e::ShellQuote;

// --- truth computed here ------------------------------------------------------------------------

// The form-code rules, written out again from their specification (core/form_code.h): 8 data
// characters v1..v8 from this 31-character alphabet and a check c. P1 (codes issued before P2):
// c = (1*v1 + ... + 8*v8) mod 31. P2 (every new code): c + 2*v1 + ... + 9*v8 = 0 (mod 31).
constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

// True when `code` is written XXX-XXX-XXX in the alphabet and its check character is right
// under P1 (`p1`) or P2.
bool HasRightCheckCharacter(const std::string& code, bool p1 = false) {
  static const std::regex shape("[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}");
  if (!std::regex_match(code, shape)) return false;
  std::string chars;
  for (char c : code) {
    if (c != '-') chars += c;
  }
  int sum = 0;
  const int first_weight = p1 ? 1 : 2;
  for (int i = 0; i < 8; ++i) {
    sum += (i + first_weight) * static_cast<int>(kAlphabet.find(chars[i]));
  }
  return p1 ? chars[8] == kAlphabet[sum % 31]
            : (sum + static_cast<int>(kAlphabet.find(chars[8]))) % 31 == 0;
}

// True when `code` is a code phieu issues now: right under P2, and not under P1 (which would
// make it read as a P1 code).
bool IsNewCode(const std::string& code) {
  return HasRightCheckCharacter(code) && !HasRightCheckCharacter(code, /*p1=*/true);
}

// `code` with its check character replaced by a later one in the alphabet that is right under
// neither rule: a code that is wrong.
std::string WithWrongCheckCharacter(const std::string& code) {
  std::string wrong = code;
  do {
    wrong.back() = kAlphabet[(kAlphabet.find(wrong.back()) + 1) % kAlphabet.size()];
  } while (HasRightCheckCharacter(wrong) || HasRightCheckCharacter(wrong, /*p1=*/true));
  return wrong;
}

// A well-formed code that phieu did not issue (the data characters are fixed, so its chance of
// colliding with a random issued code is 12 in 31^8).
std::string UnissuedCode() {
  for (char check : kAlphabet) {
    const std::string code = std::string("222-333-44") + check;
    if (HasRightCheckCharacter(code)) return code;
  }
  return "none";
}

// The first 10 hex digits, upper case, of HMAC-SHA-256(key, message), by OpenSSL.
std::string QrTag(const std::string& key, const std::string& message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest,
           &size) == nullptr) {
    return "HMAC failed";
  }
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string hex;
  for (unsigned int i = 0; i < size && hex.size() < 10; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

// The database's form secret, read with SQLite itself (read-only).
std::string FormSecret(const fs::path& db_file) {
  sqlite3* db = nullptr;
  std::string secret;
  if (sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* query = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'form_secret'", -1, &query,
                           nullptr) == SQLITE_OK &&
        sqlite3_step(query) == SQLITE_ROW) {
      secret = reinterpret_cast<const char*>(sqlite3_column_text(query, 0));
    }
    sqlite3_finalize(query);
  }
  sqlite3_close(db);
  EXPECT_NE(secret, "") << "no form_secret in " << db_file;
  return secret;
}

using test_support::ReadPgm;

// The text of the QR code on `image`, by ZXing's reader; "" when none is found.
std::string DecodeQr(const GreyImage& image) {
  if (image.pixels.empty()) return "";
  const ZXing::Result result = ZXing::ReadBarcode(
      ZXing::ImageView(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum),
      ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
  return result.isValid() ? result.text() : "";
}

// The bubbles each answerable item of sipas-2022 has, from core/surveys/sipas-2022.yaml: single
// and multi questions one per option, grids one per row and scale point, text questions none.
std::map<std::string, int> Sipas2022OptionCounts() {
  std::map<std::string, int> options = {{"A1", 2}, {"A2", 5}, {"A3", 2}, {"A4", 6}, {"A5", 7},
                                        {"A6", 2}, {"A7", 3}, {"Q2", 7}, {"Q3", 5}, {"Q4", 3},
                                        {"Q5", 3}, {"Q6", 3}, {"Q7", 3}};
  const struct {
    const char* grid;
    int rows, scale;
  } grids[] = {{"Q1", 8, 3}, {"Q8", 7, 2}, {"Q9", 33, 5}, {"Q10", 10, 3}};
  for (const auto& g : grids) {
    for (int row = 1; row <= g.rows; ++row) {
      options[std::string(g.grid) + "." + std::to_string(row)] = g.scale;
    }
  }
  return options;
}

// --- the fixture --------------------------------------------------------------------------------

constexpr char kSeed[] = "xo-so-2026-06-01";
constexpr char kSummary[] =
    "Printed ([0-9]+) form\\(s\\), ([0-9]+) pages \\(([0-9]+) per form, each starting on a new "
    "sheet\\), [0-9]+ KB, to ([^\n]+)\nTemplate ([0-9A-F]{8}) \\(sipas-2022 2022\\.1\\)\n";

// What `forms print` and `forms reprint` report, parsed.
struct PrintSummary {
  int forms = -1, pages = -1, pages_per_form = -1;
  std::string file, template_id;
};

PrintSummary ParseSummary(const std::string& text) {
  std::smatch m;
  PrintSummary summary;
  if (!std::regex_search(text, m, std::regex(kSummary)) || m.suffix().length() != 0) {
    ADD_FAILURE() << "not a print summary:\n" << text;
    return summary;
  }
  summary.forms = std::stoi(m[1]);
  summary.pages = std::stoi(m[2]);
  summary.pages_per_form = std::stoi(m[3]);
  summary.file = m[4];
  summary.template_id = m[5];
  return summary;
}

// The rows of `rows` (a `forms list --csv`) whose status is `status`.
std::vector<CsvRow> WithStatus(const std::vector<CsvRow>& rows, const std::string& status) {
  std::vector<CsvRow> kept;
  for (const CsvRow& row : rows) {
    if (row.at("status") == status) kept.push_back(row);
  }
  return kept;
}

class PhieuFormsTest : public PhieuCliTest {
 protected:
  // Creates d.db for sipas-2022 and draws 12 of a 100-person synthetic frame by unit, with one
  // reserve per unit.
  void DrawSample() {
    Init("d.db");
    WriteFrame("frame.csv", 100);
    RunOk({"sample", "draw", "--frame", "frame.csv", "--seed", kSeed, "--size", "12", "--by",
           "unit", "--reserves", "1", "--db", "d.db"});
  }

  // Runs `command` (a shell command) in the test's folder; returns its stdout. It must exit 0.
  std::string Tool(const std::string& command) const {
    const std::string full = "cd " + ShellQuote(dir_.string()) + " && " + command;
    FILE* pipe = popen(full.c_str(), "r");
    if (pipe == nullptr) {
      ADD_FAILURE() << "popen failed: " << command;
      return "";
    }
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
      out.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << command;
    return out;
  }

  // The page count of `pdf`, by pdfinfo.
  int PdfPages(const std::string& pdf) const {
    std::smatch m;
    const std::string info = Tool("pdfinfo " + ShellQuote(pdf));
    if (!std::regex_search(info, m, std::regex("\nPages: +([0-9]+)\n"))) {
      ADD_FAILURE() << "no page count in:\n" << info;
      return -1;
    }
    return std::stoi(m[1]);
  }

  // The text of `pdf`, by pdftotext. (That poppler warns of nothing is checked by cli_test.)
  std::string PdfText(const std::string& pdf) const {
    return Tool("pdftotext " + ShellQuote(pdf) + " - 2>/dev/null");
  }

  // Page `page` of `pdf` at 150 dpi in grey, as a printer and a scanner would make it pixels.
  // (pdftoppm's exit status is checked.)
  GreyImage Rasterise(const std::string& pdf, int page) const {
    const std::string n = std::to_string(page);
    Tool("pdftoppm -gray -r 150 -f " + n + " -l " + n + " -singlefile " + ShellQuote(pdf) +
         " page 2>/dev/null");
    GreyImage image = ReadPgm(dir_ / "page.pgm");
    fs::remove(dir_ / "page.pgm");
    return image;
  }

  std::vector<CsvRow> FormList() const {
    return ReadCsv(RunOk({"forms", "list", "--csv", "--db", "d.db"}));
  }

  // `forms layout --json` of d.db, parsed.
  nlohmann::json Layout() const {
    RunOk({"forms", "layout", "--json", "layout.json", "--db", "d.db"});
    return nlohmann::json::parse(ReadText(dir_ / "layout.json"));
  }

  // Pages one form takes in a batch: its own pages, plus a blank back when they are odd, since
  // each form starts on a new sheet (forms/form_batch.h).
  int PagesOnPaper() const {
    const int pages = static_cast<int>(Layout().at("pages").size());
    return pages + pages % 2;
  }

  // The sampled people of `unit` in sample order, and its reserves, from `sample show-draw`.
  std::pair<std::vector<std::string>, std::vector<std::string>> DrawnIn(
      const std::string& unit) const {
    std::vector<std::string> sampled, reserves;
    for (const CsvRow& row : ReadCsv(RunOk({"sample", "show-draw", "--csv", "--db", "d.db"}))) {
      if (row.at("stratum") != unit) continue;
      (row.at("drawn_as") == "sampled" ? sampled : reserves).push_back(row.at("id"));
    }
    return {sampled, reserves};
  }
};

// --- forms print --------------------------------------------------------------------------------

TEST_F(PhieuFormsTest, PrintWritesOneFormPerSampledPersonEachOnItsOwnSheets) {
  DrawSample();
  const nlohmann::json layout = Layout();
  const int pages = static_cast<int>(layout.at("pages").size());
  ASSERT_GT(pages, 0);
  const int on_paper = pages + pages % 2;

  const PrintSummary summary =
      ParseSummary(RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"}));
  EXPECT_EQ(summary.forms, 12);
  EXPECT_EQ(summary.pages, 12 * on_paper);
  EXPECT_EQ(summary.pages_per_form, pages);
  EXPECT_EQ(summary.file, "forms.pdf");
  EXPECT_EQ(summary.template_id, layout.at("template"));
  EXPECT_EQ(PdfPages("forms.pdf"), 12 * on_paper);

  // One issued form per sampled person, in sample order, each starting where the last one's
  // sheets end.
  const std::vector<CsvRow> forms = FormList();
  ASSERT_EQ(forms.size(), 12u);
  EXPECT_EQ(Column(forms, "sample"),
            Column(ReadCsv(RunOk({"sample", "list", "--csv", "--db", "d.db"})), "id"));
  for (std::size_t i = 0; i < forms.size(); ++i) {
    SCOPED_TRACE(forms[i].at("code"));
    EXPECT_EQ(forms[i].at("status"), "issued");
    EXPECT_EQ(forms[i].at("pages"), std::to_string(pages));
    EXPECT_EQ(forms[i].at("printed_file"), "forms.pdf");
    EXPECT_EQ(forms[i].at("first_page"), std::to_string(1 + static_cast<int>(i) * on_paper));
    EXPECT_EQ(forms[i].at("replaces"), "");
    EXPECT_EQ(forms[i].at("void_reason"), "");
  }
  const std::vector<std::string> codes = Column(forms, "code");
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size())
      << "a code twice";
}

TEST_F(PhieuFormsTest, PrintingAgainReusesTheCodesAndWritesTheSameBytes) {
  DrawSample();
  const PrintSummary first =
      ParseSummary(RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"}));
  const std::vector<CsvRow> before = FormList();
  const PrintSummary second =
      ParseSummary(RunOk({"forms", "print", "--draft", "--out", "again.pdf", "--db", "d.db"}));
  const std::vector<CsvRow> after = FormList();

  EXPECT_EQ(second.forms, first.forms);
  EXPECT_EQ(second.template_id, first.template_id);
  const std::string pdf = ReadText(dir_ / "forms.pdf");
  EXPECT_GT(pdf.size(), 0u);
  EXPECT_TRUE(pdf == ReadText(dir_ / "again.pdf")) << "the two PDFs differ";
  EXPECT_EQ(Column(after, "code"), Column(before, "code"));
  EXPECT_EQ(Column(after, "first_page"), Column(before, "first_page"));
  // The list says where each form was printed last.
  EXPECT_EQ(Column(after, "printed_file"), std::vector<std::string>(after.size(), "again.pdf"));
}

TEST_F(PhieuFormsTest, EveryIssuedCodeHasTheRightCheckCharacter) {
  DrawSample();
  RunOk({"forms", "print", "--draft", "--reserves", "--out", "forms.pdf", "--db", "d.db"});
  const std::vector<CsvRow> forms = FormList();
  EXPECT_EQ(forms.size(), 12u + 6);
  for (const std::string& code : Column(forms, "code")) {
    EXPECT_TRUE(IsNewCode(code)) << code;
  }
  // The rule itself catches what it promises to catch.
  EXPECT_FALSE(IsNewCode(WithWrongCheckCharacter(forms.front().at("code"))));
}

TEST_F(PhieuFormsTest, EachPageQrNamesTemplateCodeAndPageWithATagUnderTheDatabaseSecret) {
  DrawSample();
  const nlohmann::json layout = Layout();
  const std::string template_id = layout.at("template");
  const int pages = static_cast<int>(layout.at("pages").size());
  const int on_paper = pages + pages % 2;
  RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
  const std::vector<CsvRow> forms = FormList();
  ASSERT_GE(forms.size(), 2u);
  const std::string secret = FormSecret(dir_ / "d.db");

  // The first form's first and last pages, and the second form's first page.
  const struct {
    int pdf_page;
    std::string code;
    int form_page;
  } cases[] = {{1, forms[0].at("code"), 1},
               {pages, forms[0].at("code"), pages},
               {1 + on_paper, forms[1].at("code"), 1}};
  for (const auto& c : cases) {
    SCOPED_TRACE("PDF page " + std::to_string(c.pdf_page));
    const std::string text = DecodeQr(Rasterise("forms.pdf", c.pdf_page));
    ASSERT_NE(text, "") << "no QR code read";
    const std::string signed_part =
        "P2:" + template_id + ":" + c.code + ":" + std::to_string(c.form_page);
    EXPECT_TRUE(text.starts_with("P2:")) << text;
    EXPECT_EQ(text, signed_part + ":" + QrTag(secret, signed_part));
    const std::size_t last_colon = text.rfind(':');
    ASSERT_NE(last_colon, std::string::npos);
    EXPECT_TRUE(std::regex_match(text.substr(last_colon + 1), std::regex("[0-9A-F]{10}"))) << text;
    EXPECT_EQ(text.substr(last_colon + 1), QrTag(secret, text.substr(0, last_colon)));
  }
}

TEST_F(PhieuFormsTest, PrintOfOneUnitPrintsOnlyItsFormsAndReservesAddsItsReserve) {
  DrawSample();
  const std::string unit = "Phường Đông Hòa";
  const auto [sampled, reserves] = DrawnIn(unit);
  ASSERT_GE(sampled.size(), 2u);
  ASSERT_EQ(reserves.size(), 1u);
  const int on_paper = PagesOnPaper();

  const PrintSummary only = ParseSummary(
      RunOk({"forms", "print", "--draft", "--unit", unit, "--out", "u.pdf", "--db", "d.db"}));
  EXPECT_EQ(only.forms, static_cast<int>(sampled.size()));
  EXPECT_EQ(PdfPages("u.pdf"), static_cast<int>(sampled.size()) * on_paper);
  std::vector<CsvRow> forms = FormList();
  std::vector<std::string> ids = Column(forms, "sample");
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()),
            std::set<std::string>(sampled.begin(), sampled.end()));
  EXPECT_EQ(Column(forms, "unit"), std::vector<std::string>(forms.size(), unit));
  const std::vector<std::string> codes = Column(forms, "code");

  const PrintSummary with_reserves =
      ParseSummary(RunOk({"forms", "print", "--draft", "--unit", unit, "--reserves", "--out",
                          "ur.pdf", "--db", "d.db"}));
  EXPECT_EQ(with_reserves.forms, static_cast<int>(sampled.size()) + 1);
  EXPECT_EQ(PdfPages("ur.pdf"), (static_cast<int>(sampled.size()) + 1) * on_paper);
  forms = FormList();
  ids = Column(forms, "sample");
  std::set<std::string> expected(sampled.begin(), sampled.end());
  expected.insert(reserves[0]);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()), expected);
  EXPECT_EQ(Column(forms, "unit"), std::vector<std::string>(forms.size(), unit));
  EXPECT_EQ(WithStatus(forms, "issued").size(), forms.size());
  // The sampled people keep the codes they had.
  const std::vector<std::string> after = Column(forms, "code");
  for (const std::string& code : codes) {
    EXPECT_NE(std::find(after.begin(), after.end(), code), after.end()) << code << " was replaced";
  }
}

TEST_F(PhieuFormsTest, PrintWithoutASampleExits1AndWritesNothing) {
  Init("d.db");
  const RunResult r = RunPhieu({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "phieu: no sampled person matches; see 'phieu sample list'\n");
  EXPECT_FALSE(fs::exists(dir_ / "forms.pdf"));
  EXPECT_EQ(FormList().size(), 0u);
}

TEST_F(PhieuFormsTest, PrintOfAUnitWithNobodyExits1NamingTheUnit) {
  DrawSample();
  const RunResult r = RunPhieu(
      {"forms", "print", "--draft", "--unit", "Xã Không Có", "--out", "forms.pdf", "--db", "d.db"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "phieu: no sampled person matches unit 'Xã Không Có'; see 'phieu sample list'\n");
  EXPECT_FALSE(fs::exists(dir_ / "forms.pdf"));
  EXPECT_EQ(FormList().size(), 0u);
}

// --- draft items --------------------------------------------------------------------------------

// The built-in sipas-2022 has one placeholder row (Q10.8, marked draft: true in its YAML).
constexpr const char* kDraftRefusal =
    "phieu: survey 'sipas-2022' has a draft item not ready to print: Q10.8 (marked 'draft: true': "
    "a placeholder or wording not final); put the final wording in the survey, or print a trial "
    "copy with --draft (every page marked \"BẢN THỬ — KHÔNG PHÁT HÀNH\")\n";
// The watermark with its spaces left out: pdftotext gives the diagonal text a character a line.
constexpr std::string_view kWatermark = "BẢNTHỬ—KHÔNGPHÁTHÀNH";

// `text` without white space.
std::string WithoutSpaces(const std::string& text) {
  std::string kept;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) kept += c;
  }
  return kept;
}

// How many times `needle` occurs in `text`.
int Occurrences(const std::string& text, std::string_view needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST_F(PhieuFormsTest, PrintRefusesASurveyWithADraftItemNamingItAndIssuesNothing) {
  DrawSample();
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"forms", "print", "--out", "forms.pdf", "--db", "d.db"},
        std::vector<std::string>{"forms", "print", "--reserves", "--out", "forms.pdf", "--db",
                                 "d.db"}}) {
    const RunResult r = RunPhieu(command);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, kDraftRefusal);
  }
  EXPECT_FALSE(fs::exists(dir_ / "forms.pdf"));
  EXPECT_EQ(FormList().size(), 0u);
}

TEST_F(PhieuFormsTest, DraftPrintMarksEveryPageAsATrialCopy) {
  DrawSample();
  const PrintSummary summary =
      ParseSummary(RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"}));
  ASSERT_EQ(summary.pages, 12 * PagesOnPaper());
  // Every page, blank backs included, page by page: its text in the order it is drawn
  // (pdftotext -raw) starts with the watermark, which lies beneath everything else.
  for (int page = 1; page <= summary.pages; ++page) {
    const std::string n = std::to_string(page);
    const std::string text =
        WithoutSpaces(Tool("pdftotext -raw -f " + n + " -l " + n + " forms.pdf - 2>/dev/null"));
    EXPECT_TRUE(text.starts_with(kWatermark)) << "page " << page << ": " << text.substr(0, 80);
    EXPECT_EQ(Occurrences(text, kWatermark), 1) << "page " << page;
  }
  // A reprint of a draft survey is refused the same way, and watermarked with --draft.
  const std::string code = FormList().front().at("code");
  const RunResult refused =
      RunPhieu({"forms", "reprint", code, "--reason", "lost", "--db", "d.db"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.err, kDraftRefusal);
  RunOk({"forms", "reprint", code, "--reason", "lost", "--draft", "--out", "again.pdf", "--db",
         "d.db"});
  EXPECT_EQ(Occurrences(WithoutSpaces(Tool("pdftotext -raw again.pdf - 2>/dev/null")), kWatermark),
            PdfPages("again.pdf"));
}

TEST_F(PhieuFormsTest, ASurveyWithoutDraftItemsPrintsWithoutTheWatermark) {
  RunOk({"init", "--survey", "hanoi-2014", "--db", "d.db"});
  WriteFrame("frame.csv", 20);
  RunOk({"sample", "draw", "--frame", "frame.csv", "--seed", kSeed, "--size", "3", "--db", "d.db"});
  RunOk({"forms", "print", "--out", "forms.pdf", "--db", "d.db"});
  const std::string text = WithoutSpaces(Tool("pdftotext -raw forms.pdf - 2>/dev/null"));
  EXPECT_NE(text.find("PHIẾU"), std::string::npos) << text;
  EXPECT_EQ(Occurrences(text, kWatermark), 0);
}

// --- forms reprint ------------------------------------------------------------------------------

TEST_F(PhieuFormsTest, ReprintVoidsTheOldCodeAndGivesTheSamePersonANewOne) {
  DrawSample();
  RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
  const std::vector<CsvRow> before = FormList();
  const std::string old_code = before[3].at("code");
  const std::string sample = before[3].at("sample");

  const std::string out = RunOk({"forms", "reprint", old_code, "--draft", "--reason", "lost",
                                 "--out", "r.pdf", "--db", "d.db"});
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      out, m,
      std::regex("^Voided " + old_code + " \\(lost\\); new code ([^ ]+) for " + sample + "\n")))
      << out;
  const std::string new_code = m[1];
  EXPECT_TRUE(IsNewCode(new_code)) << new_code;
  EXPECT_NE(new_code, old_code);
  const PrintSummary summary = ParseSummary(m.suffix());
  EXPECT_EQ(summary.forms, 1);
  EXPECT_EQ(summary.file, "r.pdf");
  EXPECT_EQ(PdfPages("r.pdf"), PagesOnPaper());

  const std::vector<CsvRow> after = FormList();
  ASSERT_EQ(after.size(), before.size() + 1);
  EXPECT_EQ(WithStatus(after, "issued").size(), 12u);
  const auto row_of = [&](const std::string& code) {
    for (const CsvRow& row : after) {
      if (row.at("code") == code) return row;
    }
    ADD_FAILURE() << "no form " << code;
    return CsvRow{};
  };
  const CsvRow old_row = row_of(old_code), new_row = row_of(new_code);
  EXPECT_EQ(old_row.at("status"), "voided");
  EXPECT_EQ(old_row.at("void_reason"), "lost");
  EXPECT_EQ(old_row.at("sample"), sample);
  EXPECT_EQ(new_row.at("status"), "issued");
  EXPECT_EQ(new_row.at("sample"), sample);
  EXPECT_EQ(new_row.at("replaces"), old_code);
  EXPECT_EQ(new_row.at("void_reason"), "");
  EXPECT_EQ(new_row.at("printed_file"), "r.pdf");
  EXPECT_EQ(new_row.at("first_page"), "1");

  // The replacement's QR carries the new code.
  const std::string qr = DecodeQr(Rasterise("r.pdf", 1));
  EXPECT_NE(qr.find(":" + new_code + ":1:"), std::string::npos) << qr;

  // A voided code cannot be voided again; nothing changes.
  const RunResult again = RunPhieu({"forms", "reprint", old_code, "--draft", "--reason", "lost",
                                    "--out", "r2.pdf", "--db", "d.db"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(again.out, "");
  EXPECT_EQ(again.err, "phieu: form '" + old_code + "' is already voided; its replacement " +
                           new_code + " was printed to r.pdf\n");
  EXPECT_FALSE(fs::exists(dir_ / "r2.pdf"));
  EXPECT_EQ(FormList(), after);
}

TEST_F(PhieuFormsTest, ReprintRefusesAMistypedOrUnknownCodeAndChangesNothing) {
  DrawSample();
  RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
  const std::vector<CsvRow> before = FormList();
  const std::string wrong = WithWrongCheckCharacter(before[0].at("code"));
  const std::string unknown = UnissuedCode();
  const struct {
    std::string code, err;
  } cases[] = {
      {wrong, "phieu: '" + wrong +
                  "' is not a form code (its check character is wrong, or it is not written like "
                  "K7Q-M4R-X2P)\n"},
      {"K7Q-M4R",
       "phieu: 'K7Q-M4R' is not a form code (its check character is wrong, or it is "
       "not written like K7Q-M4R-X2P)\n"},
      {unknown, "phieu: no form with code '" + unknown + "' was issued\n"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.code);
    const RunResult r = RunPhieu({"forms", "reprint", c.code, "--draft", "--reason", "lost",
                                  "--out", "r.pdf", "--db", "d.db"});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, c.err);
    EXPECT_FALSE(fs::exists(dir_ / "r.pdf"));
  }
  EXPECT_EQ(FormList(), before);
}

TEST_F(PhieuFormsTest, ReprintAcceptsACodeTypedInLowerCaseWithoutDashes) {
  DrawSample();
  RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
  const std::string code = FormList()[0].at("code");
  std::string typed;
  for (char c : code) {
    if (c != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const std::string out = RunOk({"forms", "reprint", typed, "--draft", "--reason", "spoiled",
                                 "--out", "r.pdf", "--db", "d.db"});
  EXPECT_TRUE(out.starts_with("Voided " + code + " (spoiled); new code ")) << out;
  EXPECT_EQ(FormList()[0].at("status"), "voided");
}

// --- forms delivery-list ------------------------------------------------------------------------

TEST_F(PhieuFormsTest, DeliveryListPdfNamesEachCollectorAndEveryIssuedCode) {
  DrawSample();
  RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
  const std::string voided = FormList()[0].at("code");
  RunOk({"forms", "reprint", voided, "--draft", "--reason", "lost", "--out", "r.pdf", "--db",
         "d.db"});
  const std::vector<CsvRow> issued = WithStatus(FormList(), "issued");
  ASSERT_EQ(issued.size(), 12u);

  EXPECT_EQ(RunOk({"forms", "delivery-list", "--out", "l.pdf", "--db", "d.db"}),
            "Wrote the delivery list of 12 form(s) to l.pdf (it holds personal data: keep it "
            "safe)\n");
  const std::string text = PdfText("l.pdf");
  std::map<std::string, std::string> phone;
  for (const CsvRow& row : ReadCsv(RunOk({"sample", "list", "--all", "--csv", "--db", "d.db"}))) {
    phone[row.at("id")] = row.at("phone");
  }
  std::set<std::string> collectors;
  std::map<std::string, int> forms_of;
  for (const CsvRow& form : issued) {
    collectors.insert(form.at("collector"));
    ++forms_of[form.at("collector")];
    EXPECT_NE(text.find(form.at("code")), std::string::npos) << form.at("code");
    // The frame's phone number is on the list, for the collector to call ahead.
    const std::string& number = phone[form.at("sample")];
    ASSERT_FALSE(number.empty()) << form.at("sample");
    EXPECT_NE(text.find(number), std::string::npos) << number;
  }
  // Each collector's total is the number of their forms.
  int totals = 0;
  for (const auto& [collector, n] : forms_of) {
    const std::string total = "Tổng số phiếu nhận để phát: " + std::to_string(n) + " phiếu";
    EXPECT_NE(text.find(total), std::string::npos) << collector << ": " << total;
    totals += n;
  }
  EXPECT_EQ(totals, 12);
  EXPECT_GE(collectors.size(), 2u);
  for (const std::string& collector : collectors) {
    EXPECT_TRUE(collector.starts_with("ĐTV-0")) << collector;
    EXPECT_NE(text.find("Điều tra viên: " + collector), std::string::npos) << collector;
  }
  EXPECT_EQ(text.find(voided), std::string::npos) << "the voided code is listed";
}

TEST_F(PhieuFormsTest, DeliveryListCsvHasABomAndOneRowPerIssuedForm) {
  DrawSample();
  RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
  RunOk({"forms", "reprint", FormList()[0].at("code"), "--draft", "--reason", "lost", "--out",
         "r.pdf", "--db", "d.db"});
  const std::vector<CsvRow> issued = WithStatus(FormList(), "issued");
  std::map<std::string, CsvRow> person;
  for (const CsvRow& row : ReadCsv(RunOk({"sample", "list", "--all", "--csv", "--db", "d.db"}))) {
    person[row.at("id")] = row;
  }

  EXPECT_EQ(RunOk({"forms", "delivery-list", "--csv", "--out", "l.csv", "--db", "d.db"}),
            "Wrote the delivery list of 12 form(s) to l.csv (it holds personal data: keep it "
            "safe)\n");
  const std::string csv = ReadText(dir_ / "l.csv");
  ASSERT_TRUE(
      csv.starts_with("\xEF\xBB\xBF"
                      "collector,form_code,name,address,phone,unit,role,delivered_on,"
                      "collected_on,signature,not_delivered_reason\r\n"))
      << csv.substr(0, 100);
  const std::vector<CsvRow> rows = ReadCsv(std::string_view(csv).substr(3));
  ASSERT_EQ(rows.size(), issued.size());
  // The rows are the issued forms (the voided one is not among them).
  std::vector<std::string> listed = Column(rows, "form_code"), expected = Column(issued, "code");
  std::sort(listed.begin(), listed.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(listed, expected);
  for (const CsvRow& row : rows) {
    SCOPED_TRACE(row.at("form_code"));
    const auto form = std::find_if(issued.begin(), issued.end(), [&](const CsvRow& f) {
      return f.at("code") == row.at("form_code");
    });
    ASSERT_NE(form, issued.end());
    const CsvRow& who = person[form->at("sample")];
    EXPECT_EQ(row.at("collector"), form->at("collector"));
    EXPECT_EQ(row.at("name"), who.at("name"));
    EXPECT_EQ(row.at("address"), who.at("address"));
    EXPECT_EQ(row.at("unit"), who.at("unit"));
    EXPECT_EQ(row.at("phone"), who.at("phone"));  // the frame's number, to call ahead
    EXPECT_EQ(row.at("delivered_on") + row.at("collected_on") + row.at("signature") +
                  row.at("not_delivered_reason"),
              "");
  }

  // --collector keeps that collector's forms only.
  const std::string collector = issued.back().at("collector");
  std::vector<std::string> theirs;
  for (const CsvRow& form : issued) {
    if (form.at("collector") == collector) theirs.push_back(form.at("code"));
  }
  ASSERT_LT(theirs.size(), issued.size());
  EXPECT_EQ(RunOk({"forms", "delivery-list", "--csv", "--collector", collector, "--out", "c.csv",
                   "--db", "d.db"}),
            "Wrote the delivery list of " + std::to_string(theirs.size()) +
                " form(s) to c.csv (it holds personal data: keep it safe)\n");
  const std::vector<CsvRow> limited = ReadCsv(ReadText(dir_ / "c.csv").substr(3));
  EXPECT_EQ(Column(limited, "form_code"), theirs);
  EXPECT_EQ(Column(limited, "collector"), std::vector<std::string>(theirs.size(), collector));
}

// The delivery list is what collectors carry to the sampled people: someone replaced in the
// sample after the forms were printed (moved, deceased ...) must not be on it; their reserve is.
// Replacing a person voids the form printed for them, with the reason.
TEST_F(PhieuFormsTest, DeliveryListLeavesOutAPersonReplacedInTheSample) {
  DrawSample();
  RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
  const std::string unit = "Phường Đông Hòa";
  const auto [sampled, reserves] = DrawnIn(unit);
  ASSERT_FALSE(sampled.empty());
  ASSERT_EQ(reserves.size(), 1u);
  RunOk({"sample", "replace", sampled[0], "--reason", "deceased", "--db", "d.db"});
  RunOk({"forms", "print", "--draft", "--out", "again.pdf", "--db", "d.db"});  // the reserve's form

  RunOk({"forms", "delivery-list", "--csv", "--out", "l.csv", "--db", "d.db"});
  const std::vector<CsvRow> rows = ReadCsv(ReadText(dir_ / "l.csv").substr(3));
  std::set<std::string> listed;
  for (const CsvRow& row : rows) listed.insert(row.at("form_code"));
  std::set<std::string> in_sample;
  std::string replaced_code;
  for (const CsvRow& form : FormList()) {
    if (form.at("sample") == sampled[0]) {
      replaced_code = form.at("code");
      EXPECT_EQ(form.at("status"), "voided");
      EXPECT_EQ(form.at("void_reason"), "person replaced in the sample (deceased)");
    } else if (form.at("status") == "issued") {
      in_sample.insert(form.at("code"));
    }
  }
  ASSERT_NE(replaced_code, "");
  EXPECT_EQ(in_sample.size(), 12u);
  EXPECT_EQ(listed.count(replaced_code), 0u)
      << "the replaced person's form " << replaced_code << " is on the delivery list";
  EXPECT_EQ(listed, in_sample);
}

TEST_F(PhieuFormsTest, DeliveryListBeforeAnyFormIsPrintedExits1AndWritesNothing) {
  DrawSample();
  const struct {
    std::vector<std::string> args;
    std::string err;
  } cases[] = {
      {{"--out", "l.pdf"}, "phieu: no issued forms; print the forms first ('phieu forms print')\n"},
      {{"--csv", "--out", "l.pdf"},
       "phieu: no issued forms; print the forms first ('phieu forms print')\n"},
      {{"--collector", "ĐTV-01", "--out", "l.pdf"},
       "phieu: no issued forms for collector 'ĐTV-01'; print the forms first ('phieu forms "
       "print')\n"},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"forms", "delivery-list", "--db", "d.db"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    SCOPED_TRACE(c.args.front());
    const RunResult r = RunPhieu(args);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, c.err);
    EXPECT_FALSE(fs::exists(dir_ / "l.pdf"));
  }
}

// --- forms layout -------------------------------------------------------------------------------

TEST_F(PhieuFormsTest, LayoutJsonPutsEveryBubbleOnItsPageOnceForEveryAnswer) {
  Init("d.db");
  const std::string out = RunOk({"forms", "layout", "--json", "L.json", "--db", "d.db"});
  const nlohmann::json layout = nlohmann::json::parse(ReadText(dir_ / "L.json"));
  const std::string id = layout.at("template");
  EXPECT_TRUE(std::regex_match(id, std::regex("[0-9A-F]{8}"))) << id;
  const double width = layout.at("page_size_pt").at(0), height = layout.at("page_size_pt").at(1);
  EXPECT_NEAR(width, 595.28, 0.01);  // A4
  EXPECT_NEAR(height, 841.89, 0.01);

  const auto inside = [&](const nlohmann::json& box) {
    const double x = box.at("x"), y = box.at("y"), w = box.at("w"), h = box.at("h");
    return w > 0 && h > 0 && x >= 0 && y >= 0 && x + w <= width && y + h <= height;
  };
  const auto overlap = [](const nlohmann::json& a, const nlohmann::json& b) {
    const double ax = a.at("x"), ay = a.at("y"), bx = b.at("x"), by = b.at("y");
    return ax < bx + double(b.at("w")) && bx < ax + double(a.at("w")) &&
           ay < by + double(b.at("h")) && by < ay + double(a.at("h"));
  };
  std::map<std::string, std::set<std::string>> options;  // question -> its bubbles' options
  std::size_t bubbles = 0;
  const nlohmann::json& pages = layout.at("pages");
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const nlohmann::json& page = pages[p];
    SCOPED_TRACE("page " + std::to_string(p + 1));
    EXPECT_EQ(page.at("page"), p + 1);
    // What the scanner finds the page by: four corner marks, the QR, the printed code.
    std::vector<nlohmann::json> fixed(page.at("marks").begin(), page.at("marks").end());
    EXPECT_EQ(fixed.size(), 4u);
    fixed.push_back(page.at("qr"));
    fixed.push_back(page.at("form_code"));
    for (const nlohmann::json& box : fixed) EXPECT_TRUE(inside(box)) << box.dump();
    const nlohmann::json& page_bubbles = page.at("bubbles");
    for (std::size_t b = 0; b < page_bubbles.size(); ++b) {
      const nlohmann::json& bubble = page_bubbles[b];
      ++bubbles;
      EXPECT_TRUE(inside(bubble)) << bubble.dump();
      ASSERT_TRUE(bubble.contains("question") && bubble.at("question").is_string())
          << bubble.dump();
      ASSERT_TRUE(bubble.contains("option") && bubble.at("option").is_string()) << bubble.dump();
      EXPECT_NE(bubble.at("question"), "");
      EXPECT_NE(bubble.at("option"), "");
      options[bubble.at("question")].insert(std::string(bubble.at("option")));
      for (const nlohmann::json& box : fixed) EXPECT_FALSE(overlap(bubble, box)) << bubble.dump();
      for (std::size_t other = 0; other < b; ++other) {
        EXPECT_FALSE(overlap(bubble, page_bubbles[other]))
            << bubble.dump() << " overlaps " << page_bubbles[other].dump();
      }
    }
  }

  // One bubble for each option of each answerable item of the definition, and no other.
  std::size_t pairs = 0;
  std::map<std::string, int> counts;
  for (const auto& [question, opts] : options) {
    pairs += opts.size();
    counts[question] = static_cast<int>(opts.size());
  }
  EXPECT_EQ(counts, Sipas2022OptionCounts());
  EXPECT_EQ(pairs, 284u);
  EXPECT_EQ(bubbles, pairs) << "a (question, option) has two bubbles";
  for (int row = 1; row <= 33; ++row) {
    EXPECT_EQ(options["Q9." + std::to_string(row)],
              (std::set<std::string>{"1", "2", "3", "4", "5"}))
        << "Q9." << row;
  }
  EXPECT_EQ(out, "Wrote the layout of template " + id + " (" + std::to_string(pages.size()) +
                     " pages, " + std::to_string(bubbles) + " bubbles) to L.json\n");
}

}  // namespace
}  // namespace phieu
