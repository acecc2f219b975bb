// The auditors' papers as their readers get them: each PDF is rendered from hand-made inputs whose
// truth is known, written out, and read back with poppler's tools (pdftotext, pdfimages), never
// with phieu's own code. Set PHIEU_KEEP_TEST_OUTPUT to keep the PDFs for a look.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "audit/audit_compare_pdf.h"
#include "audit/audit_sheet.h"
#include "audit/retrieval_list.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

std::string Shell(const std::string& command) {
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
      output.append(buffer, n);
    pclose(pipe);
  }
  return output;
}

// `text` with every run of white space (line ends too) made one space: for phrases that wrap.
std::string Flat(const std::string& text) {
  std::istringstream in(text);
  std::string flat;
  for (std::string word; in >> word;) flat += (flat.empty() ? "" : " ") + word;
  return flat;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class AuditPdfTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ =
        new fs::path(fs::temp_directory_path() / ("phieu-audit-pdf-" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
  }
  static void TearDownTestSuite() {
    if (std::getenv("PHIEU_KEEP_TEST_OUTPUT")) {
      std::printf("kept %s\n", dir_->c_str());
    } else {
      fs::remove_all(*dir_);
    }
    delete dir_;
  }

  // Writes `pdf` as `name` and returns its path.
  static std::string Write(const std::string& name, const Result<std::string>& pdf) {
    EXPECT_TRUE(pdf.ok()) << pdf.status().message();
    const fs::path path = *dir_ / name;
    std::ofstream(path, std::ios::binary) << (pdf.ok() ? *pdf : std::string());
    return path.string();
  }
  // The text of the PDF at `path`, with its table rows kept on one line each.
  static std::string Text(const std::string& path) {
    return Shell("pdftotext -layout -enc UTF-8 '" + path + "' - 2>/dev/null");
  }

  static inline fs::path* dir_ = nullptr;
};

// Four forms drawn by unit; the paper of three was scanned, one of them across two batches.
AuditDraw Draw() {
  AuditDraw draw;
  draw.seed = "HN-phúc-tra-2026";
  draw.method = kAuditDrawMethod;
  draw.by = "unit";
  draw.rate = 0.1;
  draw.candidates = 40;
  draw.strata = {{"Phường Hàng Bạc", 25, 3}, {"Xã Đông Anh", 15, 2}};
  draw.picks = {{"K7Q-M4R-X2P", "Phường Hàng Bạc", "Nguyễn Văn Ân", "Phường Hàng Bạc", "0a1", 1},
                {"B3D-9TW-QQ4", "Phường Hàng Bạc", "Trần Thị Bích", "Phường Hàng Bạc", "0b2", 2},
                {"Z8N-2KC-7MV", "Phường Hàng Bạc", "Nguyễn Văn Ân", "Phường Hàng Bạc", "0c3", 3},
                {"H4F-6PX-R9L", "Xã Đông Anh", "Lê Văn Cường", "Xã Đông Anh", "0d4", 1},
                {"M2T-8YB-3WE", "Xã Đông Anh", "Lê Văn Cường", "Xã Đông Anh", "0e5", 2}};
  return draw;
}

// Given out of order on purpose; a form that was not drawn is among them.
std::vector<ScannedSheet> Sheets() {
  return {{"K7Q-M4R-X2P", 2, "lo-02", "/srv/scans/lo-02/may-quet-002.pdf", 4, 9},
          {"K7Q-M4R-X2P", 1, "lo-02", "/srv/scans/lo-02/may-quet-002.pdf", 3, 8},
          {"B3D-9TW-QQ4", 1, "lo-01", "/srv/scans/lo-01/may-quet-001.pdf", 1, 1},
          {"B3D-9TW-QQ4", 2, "lo-01", "/srv/scans/lo-01/may-quet-001.pdf", 2, 2},
          {"NOT-DRA-WN0", 1, "lo-01", "/srv/scans/lo-01/may-quet-001.pdf", 3, 3},
          {"H4F-6PX-R9L", 2, "lo-02", "/srv/scans/lo-02/may-quet-003.pdf", 1, 15},
          {"H4F-6PX-R9L", 1, "lo-01", "/srv/scans/lo-01/may-quet-001.pdf", 7, 7},
          {"M2T-8YB-3WE", 1, "lo-01", "/srv/scans/lo-01/may-quet-002.pdf", 1, 11},
          {"M2T-8YB-3WE", 2, "lo-01", "/srv/scans/lo-01/may-quet-002.pdf", 2, 12}};
}

TEST_F(AuditPdfTest, RetrievalRowsFollowThePicksWithEachFormsSheetsInPageOrder) {
  const AuditDraw draw = Draw();
  const auto rows = RetrievalRows(draw, Sheets());
  ASSERT_EQ(rows.size(), draw.picks.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    EXPECT_EQ(rows[i].pick.form_code, draw.picks[i].form_code);
  ASSERT_EQ(rows[0].sheets.size(), 2u);
  EXPECT_EQ(rows[0].sheets[0].page, 1);
  EXPECT_EQ(rows[0].sheets[0].sheet_in_batch, 8);
  EXPECT_EQ(rows[0].sheets[1].page, 2);
  EXPECT_TRUE(rows[2].sheets.empty());  // Z8N-2KC-7MV was never scanned
  ASSERT_EQ(rows[3].sheets.size(), 2u);
  EXPECT_EQ(rows[3].sheets[0].batch, "lo-01");
  EXPECT_EQ(rows[3].sheets[1].batch, "lo-02");
}

TEST_F(AuditPdfTest, RetrievalCsvHasOneRowPerPickWithItsFirstPagesPlace) {
  const std::string csv = RetrievalCsv(RetrievalRows(Draw(), Sheets()));
  EXPECT_EQ(
      csv,
      "\xEF\xBB\xBF"
      "form,unit,collector,stratum,rank,ticket,batch,file,page_in_file,sheet_in_batch,pages\r\n"
      "K7Q-M4R-X2P,Phường Hàng Bạc,Nguyễn Văn Ân,Phường Hàng Bạc,1,0a1,lo-02,"
      "/srv/scans/lo-02/may-quet-002.pdf,3,8,2\r\n"
      "B3D-9TW-QQ4,Phường Hàng Bạc,Trần Thị Bích,Phường Hàng Bạc,2,0b2,lo-01,"
      "/srv/scans/lo-01/may-quet-001.pdf,1,1,2\r\n"
      "Z8N-2KC-7MV,Phường Hàng Bạc,Nguyễn Văn Ân,Phường Hàng Bạc,3,0c3,,,,,0\r\n"
      "H4F-6PX-R9L,Xã Đông Anh,Lê Văn Cường,Xã Đông Anh,1,0d4,lo-01,"
      "/srv/scans/lo-01/may-quet-001.pdf,7,7,2\r\n"
      "M2T-8YB-3WE,Xã Đông Anh,Lê Văn Cường,Xã Đông Anh,2,0e5,lo-01,"
      "/srv/scans/lo-01/may-quet-002.pdf,1,11,2\r\n");
}

TEST_F(AuditPdfTest, RetrievalPdfListsEveryScannedPickUnderItsBatchWithItsSheetNumbers) {
  const AuditDraw draw = Draw();
  const std::string text =
      Text(Write("retrieval.pdf", RenderRetrievalPdf("Khảo sát SIPAS 2026 — Hà Nội", draw,
                                                     RetrievalRows(draw, Sheets()))));
  EXPECT_NE(text.find("DANH SÁCH RÚT PHIẾU PHÚC TRA"), std::string::npos) << text;
  EXPECT_NE(text.find("HN-phúc-tra-2026"), std::string::npos);
  EXPECT_NE(text.find("10,0 %"), std::string::npos);
  EXPECT_EQ(text.find("/srv/scans"), std::string::npos) << "file names only, not paths";
  // The method in Vietnamese words, not the stored English name.
  EXPECT_NE(Flat(text).find("xếp theo số thăm tăng dần"), std::string::npos) << text;
  EXPECT_EQ(text.find("ascending"), std::string::npos) << text;
  EXPECT_EQ(text.find("NOT-DRA-WN0"), std::string::npos) << "a form that was not drawn";
  // form, batch, file, pages in file, sheets in batch, page count: one row of a batch's table.
  struct Expected {
    const char* form;
    const char* batch;
    std::vector<std::string> cells;
  };
  const std::vector<Expected> expected = {
      {"K7Q-M4R-X2P", "Lô lo-02", {"may-quet-002.pdf", "3–4", "8–9", "2"}},
      {"B3D-9TW-QQ4", "Lô lo-01", {"may-quet-001.pdf", "1–2", "1–2", "2"}},
      {"H4F-6PX-R9L", "Lô lo-01", {"may-quet-001.pdf", "7", "7", "1"}},
      {"H4F-6PX-R9L", "Lô lo-02", {"may-quet-003.pdf", "1", "15", "1"}},
      {"M2T-8YB-3WE", "Lô lo-01", {"may-quet-002.pdf", "1–2", "11–12", "2"}}};
  for (const Expected& e : expected) {
    SCOPED_TRACE(std::string(e.form) + " in " + e.batch);
    std::string batch;
    bool found = false;
    for (const std::string& line : Lines(text)) {
      if (line.find("Lô ") != std::string::npos && line.find(" phiếu") != std::string::npos) {
        batch = line;
      }
      if (line.find(e.form) == std::string::npos || batch.find(e.batch) == std::string::npos)
        continue;
      found = true;
      std::istringstream words(line);
      std::vector<std::string> cells;
      for (std::string w; words >> w;) cells.push_back(w);
      ASSERT_GE(cells.size(), 4u) << line;
      EXPECT_EQ(std::vector<std::string>(cells.end() - 4, cells.end()), e.cells) << line;
    }
    EXPECT_TRUE(found) << text;
  }
}

TEST_F(AuditPdfTest, RetrievalPdfListsAPickWithoutScanUnderItsOwnHeading) {
  const AuditDraw draw = Draw();
  const std::string text = Text(Write(
      "retrieval-missing.pdf", RenderRetrievalPdf("SIPAS", draw, RetrievalRows(draw, Sheets()))));
  const std::size_t heading = text.find("Không có bản quét");
  ASSERT_NE(heading, std::string::npos) << text;
  EXPECT_NE(text.find("Z8N-2KC-7MV", heading), std::string::npos);
  EXPECT_EQ(text.find("Z8N-2KC-7MV"), text.find("Z8N-2KC-7MV", heading)) << "only listed there";
}

Question Ask(const std::string& code, QuestionKind kind, const std::string& text,
             std::vector<Option> options) {
  Question q;
  q.code = code;
  q.kind = kind;
  q.text = text;
  q.options = std::move(options);
  return q;
}

// A small questionnaire: a single choice, a grid of two rows, a multiple choice, a free text.
Survey SmallSurvey() {
  Survey s;
  s.name = "thu-nghiem";
  s.version = "2026.1";
  const Question q1 =
      Ask("Q1", QuestionKind::kSingle, "Ông/Bà đến cơ quan nào để giải quyết thủ tục?",
          {{"1", "Bộ phận một cửa"}, {"2", "Trực tuyến"}, {"3", "Bưu điện"}});
  Question q9 =
      Ask("Q9", QuestionKind::kGrid, "Mức độ hài lòng",
          {{"1", "Rất không hài lòng"}, {"2", ""}, {"3", ""}, {"4", ""}, {"5", "Rất hài lòng"}});
  q9.rows = {{"Q9.1", "Nơi ngồi chờ có đủ chỗ ngồi", ""},
             {"Q9.15",
              "Công chức có thái độ lịch sự khi hướng dẫn, tiếp nhận hồ sơ và giải quyết "
              "các thắc mắc của người dân trong suốt quá trình làm thủ tục tận cùng đuôi",
              ""}};
  const Question q2 = Ask("Q2", QuestionKind::kMulti, "Ông/Bà biết thông tin thủ tục qua đâu?",
                          {{"1", "Niêm yết"}, {"2", "Cổng dịch vụ công"}, {"3", "Người quen"}});
  Question q3 = Ask("Q3", QuestionKind::kScale, "Ông/Bà chấm điểm chung (0–10)", {});
  for (int v = 0; v <= 10; ++v) q3.options.push_back({std::to_string(v), std::to_string(v)});
  const Question q10 = Ask("Q10", QuestionKind::kText, "Góp ý khác", {});
  s.sections = {{"B", "Phần B", "", {q1, q9, q2, q3, q10}}};
  return s;
}

// Two forms' sheets, as the auditors get them.
std::vector<AuditSheetForm> SheetForms() {
  return {
      {"K7Q-M4R-X2P", "Phường Hàng Bạc", "Nguyễn Văn Ân", "HS00273", "Phạm Thị Hằng",
       "12 ngõ Gạch, Hàng Bạc, Hoàn Kiếm", "0912 345 678"},
      {"H4F-6PX-R9L", "Xã Đông Anh", "Lê Văn Cường", "HS00411", "Đỗ Quốc Việt", "Thôn Đản Dị", ""}};
}

// How often `what` occurs in `text`.
std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++count;
  return count;
}

TEST_F(AuditPdfTest, AuditSheetShowsThePersonTheContactBoxesAndEveryReadItem) {
  const std::vector<AuditSheetForm> forms = SheetForms();
  const std::string text = Flat(Text(Write("sheets.pdf", RenderAuditSheets(SmallSurvey(), forms))));
  for (const char* want : {"PHIẾU PHÚC TRA", "K7Q-M4R-X2P", "H4F-6PX-R9L", "Phạm Thị Hằng",
                           "Đỗ Quốc Việt", "12 ngõ Gạch, Hàng Bạc, Hoàn Kiếm", "0912 345 678",
                           "HS00273", "Đã xác nhận", "Không nhận được phiếu", "Người khác điền",
                           "Không liên lạc được", "Có thông tin cá nhân — giữ kín"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  // Every read item once per form, the free-text question never.
  for (const char* code : {" Q1 ", " Q9.1 ", " Q9.15 ", " Q2 ", " Q3 "}) {
    EXPECT_EQ(Count(text, code), forms.size()) << code;
  }
  EXPECT_EQ(text.find("Q10"), std::string::npos);
  EXPECT_EQ(text.find("Góp ý khác"), std::string::npos);
  // A long grid row is cut to one line.
  EXPECT_NE(text.find("…"), std::string::npos);
  EXPECT_EQ(text.find("tận cùng đuôi"), std::string::npos);
}

TEST_F(AuditPdfTest, AuditSheetShowsEveryOptionAsTheFormPrintsItWithItsCode) {
  const std::vector<AuditSheetForm> forms = SheetForms();
  // In drawing order (-raw): a grid header's label wrapped in its narrow column reads whole.
  const std::string text = Flat(Shell(
      "pdftotext -raw -enc UTF-8 '" +
      Write("sheets-options.pdf", RenderAuditSheets(SmallSurvey(), forms)) + "' - 2>/dev/null"));
  const Survey survey = SmallSurvey();
  std::size_t checked = 0;
  for (const Question& q : survey.sections.front().questions) {
    for (const Option& o : q.options) {
      // A scale prints its numbers; an unlabelled grid column its code.
      const std::string want = q.kind == QuestionKind::kScale || o.label.empty()
                                   ? " " + o.code + " "
                                   : o.label + " (" + o.code + ")";
      EXPECT_GE(Count(text, want), forms.size()) << q.code << " " << want << "\n" << text;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 3u + 5u + 3u + 11u);
  // One "cannot read" box per read question (Q1, Q2, Q3) and a column for the grid, per form.
  EXPECT_EQ(Count(text, "Không đọc được\""), forms.size()) << "named once in the instructions";
  EXPECT_GE(Count(text, "Không đọc được"), forms.size() * 5);
  // Method text in Vietnamese: no option codes lists left to decode.
  EXPECT_EQ(text.find("1, 2, 3"), std::string::npos);
  EXPECT_EQ(text.find("Đọc được"), std::string::npos);
}

TEST_F(AuditPdfTest, AuditSheetEndsWithTheSupervisorsSignOffAndNumbersPagesPerForm) {
  const std::vector<AuditSheetForm> forms = SheetForms();
  const std::string path = Write("sheets-sign.pdf", RenderAuditSheets(SmallSurvey(), forms));
  const std::string text = Flat(Text(path));
  EXPECT_EQ(Count(text, "Xác nhận của đại diện giám sát"), forms.size()) << text;
  EXPECT_EQ(Count(text, "Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam"), forms.size()) << text;
  EXPECT_EQ(Count(text, "Đại diện Hội Cựu chiến binh Việt Nam"), forms.size()) << text;
  EXPECT_EQ(Count(text, "Họ và tên:"), 2 * forms.size()) << text;
  EXPECT_EQ(Count(text, "Chữ ký:"), 2 * forms.size() + forms.size()) << "and the auditor's own";
  // Each form's pages count from 1 to that form's total, never across the file.
  const std::string pages = Shell("pdfinfo '" + path + "' 2>/dev/null");
  const int total = std::stoi(pages.substr(pages.find("Pages:") + 6));
  ASSERT_EQ(total % 2, 0) << "two forms of the same survey take as many pages each";
  const int per_form = total / 2;
  ASSERT_GE(per_form, 2) << "the test is meant to span pages";
  for (int page = 1; page <= total; ++page) {
    const std::string want =
        "Trang " + std::to_string((page - 1) % per_form + 1) + "/" + std::to_string(per_form);
    const std::string on_page =
        Shell("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) +
              " -enc UTF-8 '" + path + "' - 2>/dev/null");
    EXPECT_NE(on_page.find(want), std::string::npos) << "page " << page << ": " << on_page;
  }
}

TEST_F(AuditPdfTest, AuditSheetsWithoutFormsAreRefused) {
  const auto pdf = RenderAuditSheets(SmallSurvey(), {});
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().message(), "no forms to print re-reading sheets for");
}

// A grey crop with a dark mark on light paper.
PaperCrop Crop(int width, int height) {
  PaperCrop crop{width, height, std::vector<unsigned char>(width * height, 235)};
  for (int y = height / 4; y < 3 * height / 4; ++y) {
    for (int x = width / 3; x < width / 3 + height / 2; ++x) crop.pixels[y * width + x] = 30;
  }
  return crop;
}

AuditPdfInput CompareInput() {
  AuditPdfInput in;
  in.survey_title = "Khảo sát SIPAS 2026 — Hà Nội";
  in.log_head = "5f2c0e9a41b7d3c8e6f1a2b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8";
  in.draw = Draw();
  AuditComparison& c = in.comparison;
  c.selected = 5;
  c.recorded = 4;
  c.all = {"", 4, 81, 77};
  for (const AuditPick& p : in.draw.picks)
    c.forms.push_back({p, true, ContactOutcome::kConfirmed, 20, 20});
  c.forms[2].recorded = false;
  c.forms[2].compared = 0;
  c.forms[2].agreeing = 0;
  c.forms[3].outcome = ContactOutcome::kNotReached;
  c.by_item = {{"Q1", 4, 4, 4}, {"Q9.15", 4, 4, 2}, {"Q2", 4, 4, 3}};
  c.by_unit = {{"Phường Hàng Bạc", 2, 40, 38}, {"Xã Đông Anh", 2, 40, 39}};
  c.by_collector = {
      {"Lê Văn Cường", 2, 40, 39}, {"Nguyễn Văn Ân", 1, 20, 18}, {"Trần Thị Bích", 1, 20, 20}};
  c.outcomes = {{ContactOutcome::kConfirmed, 3}, {ContactOutcome::kNotReached, 1}};
  c.discrepancies = {
      {"K7Q-M4R-X2P", "Phường Hàng Bạc", "Nguyễn Văn Ân", "Q9.15", "4", "3", "", 11},
      {"K7Q-M4R-X2P", "Phường Hàng Bạc", "Nguyễn Văn Ân", "Q2", "1;2", "", "", 11},
      {"H4F-6PX-R9L", "Xã Đông Anh", "Lê Văn Cường", "Q9.15", "*", "5", "Trần Thị Bảo", 17}};
  c.min_agreement = 99;
  c.passed = false;
  c.verdict = "KHÔNG ĐẠT: tỷ lệ khớp 95,1 % thấp hơn ngưỡng 99,0 %; 1 phiếu chưa được phúc tra";
  in.crops = {Crop(600, 60), PaperCrop{}, Crop(300, 90)};
  return in;
}

TEST_F(AuditPdfTest, ComparePdfShowsTheVerdictTheRateAndEveryDiscrepancy) {
  const std::string layout = Text(Write("compare.pdf", RenderAuditComparePdf(CompareInput())));
  const std::string text = Flat(layout);
  for (const char* want :
       {"KẾT QUẢ PHÚC TRA", "Khảo sát SIPAS 2026 — Hà Nội",
        "KHÔNG ĐẠT: tỷ lệ khớp 95,1 % thấp hơn ngưỡng 99,0 %; 1 phiếu chưa được phúc tra",
        "5f2c0e9a41b7d3c8e6f1a2b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8", "Tỷ lệ khớp 95,1 %",
        "Ngưỡng đạt 99,0 %", "Không liên lạc được 1", "Phiếu do người khác điền 0", "Z8N-2KC-7MV",
        "Phường Hàng Bạc 2 40 38 95,0 %", "Nguyễn Văn Ân 1 20 18 90,0 %", "Q9.15 4 4 2 50,0 %"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << layout;
  }
  EXPECT_EQ(text.find("Q1 4 4 4"), std::string::npos) << "an item that agrees everywhere";
  const std::size_t section = text.find("Các điểm khác biệt");
  ASSERT_NE(section, std::string::npos);
  const std::string list = text.substr(section);
  // form, item, machine, auditor, reviewer: in order, each on its own lines.
  std::size_t at = 0;
  for (const char* want :
       {"K7Q-M4R-X2P — câu Q9.15", "Máy: 4 · Phúc tra: 3", "K7Q-M4R-X2P — câu Q2",
        "Máy: 1;2 · Phúc tra: (trống)", "H4F-6PX-R9L — câu Q9.15",
        "Máy: * · Phúc tra: 5 · người duyệt: Trần Thị Bảo"}) {
    at = list.find(want, at);
    EXPECT_NE(at, std::string::npos) << want << "\n" << list;
    if (at == std::string::npos) break;
  }
  EXPECT_EQ(list.find("người duyệt", list.find("K7Q-M4R-X2P — câu Q9.15")),
            list.find("người duyệt: Trần Thị Bảo"))
      << "only the decided item names a reviewer";
}

TEST_F(AuditPdfTest, ComparePdfHasOneImagePerNonEmptyCrop) {
  const std::string path = Write("compare-images.pdf", RenderAuditComparePdf(CompareInput()));
  const auto lines = Lines(Shell("pdfimages -list '" + path + "' 2>/dev/null"));
  ASSERT_EQ(lines.size(), 2u + 2u) << "a header of two lines, then one line per image";
  EXPECT_NE(lines[2].find(" 600 "), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find("gray"), std::string::npos) << lines[2];
  EXPECT_NE(lines[3].find(" 300 "), std::string::npos) << lines[3];
}

TEST_F(AuditPdfTest, ComparePdfWithoutDiscrepanciesSaysSo) {
  AuditPdfInput in = CompareInput();
  in.comparison.discrepancies.clear();
  in.crops.clear();
  const std::string text = Text(Write("compare-none.pdf", RenderAuditComparePdf(in)));
  EXPECT_NE(text.find("Không có điểm khác biệt nào."), std::string::npos) << text;
}

TEST_F(AuditPdfTest, AnUnreturnedFormGetsAContactSheetAskingAboutDeliveryNotAnswers) {
  AuditSheetForm unreturned = {"M2T-8YB-3WE", "Xã Đông Anh", "Lê Văn Cường", "HS00512",
                               "Vũ Thị Ngọc Ánh", "Xóm Chợ, Uy Nỗ", "0987 654 321"};
  unreturned.unreturned = true;
  const std::vector<AuditSheetForm> forms = {SheetForms()[0], unreturned};
  const std::string path = Write("sheets-delivery.pdf", RenderAuditSheets(SmallSurvey(), forms));
  const std::string text = Flat(Text(path));
  for (const char* want :
       {"PHIẾU KIỂM TRA VIỆC PHÁT PHIẾU", "M2T-8YB-3WE", "Vũ Thị Ngọc Ánh", "Xóm Chợ, Uy Nỗ",
        "0987 654 321", "HS00512", "Điều tra viên giữ phiếu Lê Văn Cường", "Đã nhận phiếu",
        "Không nhận được phiếu", "Không liên lạc được", "Ngày nhận phiếu", "Người giao phiếu",
        "đã điền phiếu chưa", "Ghi chú của người phúc tra", "Chữ ký",
        "Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam", "Đại diện Hội Cựu chiến binh Việt Nam"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  // The questions are read on the re-read form's sheet only: once, not on the contact sheet.
  for (const char* code : {" Q1 ", " Q9.1 ", " Q2 ", " Q3 "}) EXPECT_EQ(Count(text, code), 1u);
  EXPECT_EQ(Count(text, "PHIẾU PHÚC TRA "), 1u);
  // The contact sheet has its own pages and page numbers, after the re-read sheet's.
  const std::string info = Shell("pdfinfo '" + path + "' 2>/dev/null");
  const std::string total = std::to_string(std::stoi(info.substr(info.find("Pages:") + 6)));
  const std::string last = Shell("pdftotext -f " + total + " -l " + total +
                                 " -layout -enc UTF-8 '" + path + "' - 2>/dev/null");
  EXPECT_NE(last.find("Phiếu kiểm tra việc phát phiếu M2T-8YB-3WE"), std::string::npos) << last;
}

TEST_F(AuditPdfTest, ComparePdfReportsTheDeliveryCheckApartAndPerCollector) {
  AuditPdfInput in = CompareInput();
  DeliveryComparison& d = in.comparison.delivery;
  d.rate = 0.1;
  d.candidates = 23;
  const AuditPick u1 = {"Q3R-7TK-2MW", "Xã Đông Anh", "Lê Văn Cường", "Xã Đông Anh", "0f1", 1};
  const AuditPick u2 = {"W9C-4HN-8PD", "Phường Hàng Bạc", "Nguyễn Văn Ân", "Phường Hàng Bạc",
                        "0f2", 1};
  const AuditPick u3 = {"J5V-2XE-6TB", "Phường Hàng Bạc", "Trần Thị Bích", "Phường Hàng Bạc",
                        "0f3", 2};
  d.forms = {{u1, true, ContactOutcome::kNotReceived},
             {u2, true, ContactOutcome::kReceived},
             {u3, false, ContactOutcome::kNotContacted}};
  d.all = {"all", 3, 2, 2, 1, 1, 0};
  d.by_collector = {{"Lê Văn Cường", 1, 1, 1, 0, 1, 0},
                    {"Nguyễn Văn Ân", 1, 1, 1, 1, 0, 0},
                    {"Trần Thị Bích", 1, 0, 0, 0, 0, 0}};
  const std::string layout = Text(Write("compare-delivery.pdf", RenderAuditComparePdf(in)));
  const std::string text = Flat(layout);
  const std::size_t section = text.find("4. Kiểm tra việc phát phiếu");
  ASSERT_NE(section, std::string::npos) << layout;
  const std::string part = text.substr(section, text.find("5. Kết quả liên hệ") - section);
  for (const char* want :
       {"Rút 3 trong 23 phiếu đã phát nhưng chưa thu về (tỷ lệ rút 10,0 %",
        "không được tính vào tỷ lệ khớp", "Số phiếu chưa thu về được rút để kiểm tra 3",
        "Số người được khảo sát đã liên hệ được 2", "Không nhận được phiếu 1",
        "Tỷ lệ không nhận được phiếu (trên số liên hệ được) 50,0 %",
        "Số phiếu chưa kiểm tra 1", "Lê Văn Cường 1 1 0 1 0 100,0 %",
        "Nguyễn Văn Ân 1 1 1 0 0 0,0 %", "Trần Thị Bích 1 0 0 0 0 –",
        "Q3R-7TK-2MW Xã Đông Anh Lê Văn Cường Người được khảo sát không nhận được phiếu",
        "J5V-2XE-6TB Phường Hàng Bạc Trần Thị Bích Chưa kiểm tra"}) {
    EXPECT_NE(part.find(want), std::string::npos) << want << "\n" << layout;
  }
  // The re-read's figures are untouched by it.
  EXPECT_NE(text.find("Tỷ lệ khớp 95,1 %"), std::string::npos);
}

TEST_F(AuditPdfTest, ComparePdfOfADrawWithoutDeliveryCheckSaysSo) {
  const std::string text =
      Flat(Text(Write("compare-old.pdf", RenderAuditComparePdf(CompareInput()))));
  EXPECT_NE(text.find("Lần rút này không kiểm tra việc phát phiếu."), std::string::npos) << text;
}

TEST_F(AuditPdfTest, EveryPdfIsByteIdenticalForTheSameInput) {
  const AuditDraw draw = Draw();
  const auto rows = RetrievalRows(draw, Sheets());
  const std::vector<AuditSheetForm> forms = {{"K7Q-M4R-X2P", "U", "C", "S1", "Tên", "Địa chỉ", ""}};
  const auto retrieval = [&] { return RenderRetrievalPdf("SIPAS", draw, rows); };
  const auto sheets = [&] { return RenderAuditSheets(SmallSurvey(), forms); };
  const auto compare = [&] { return RenderAuditComparePdf(CompareInput()); };
  for (const auto& render :
       std::vector<std::function<Result<std::string>()>>{retrieval, sheets, compare}) {
    const auto first = render(), second = render();
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_GT(first->size(), 1000u);
    EXPECT_TRUE(*first == *second);
  }
}

}  // namespace
}  // namespace phieu
