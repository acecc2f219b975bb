// The published report rendered from a tally built here, read back with poppler's pdftotext
// (outside phieu): the official heading's defaults and the distribution of the answers with the
// weakest and strongest criteria named, from answers whose indexes are known.

#include "reports/report_pdf.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/sample_draw.h"
#include "core/vietnamese_format.h"
#include "reports/report_test_data.h"
#include "reports/tally.h"
#include "tests/support/command_output.h"

namespace phieu::report_test {
namespace {

namespace fs = std::filesystem;

// The text of `pdf` by pdftotext, every run of white space made one space.
std::string PdfText(const std::string& pdf) {
  const fs::path file = fs::temp_directory_path() /
                        ("phieu-report-pdf-test-" + std::to_string(getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  std::string text;
  for (char c : test_support::CommandOutput("pdftotext '" + file.string() + "' - 2>/dev/null")) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (!space) text += c;
    else if (!text.empty() && text.back() != ' ') text += ' ';
  }
  fs::remove(file);
  return text;
}

// 12 accepted forms (enough for criteria to be printed): Q.1 all "5" (100 %), Q.2 half "4"
// (50 %), Q.3 all "1" (0 %), Q.4 a quarter "4" (25 %).
// Twelve accepted forms, F0-F5 of unit U1 and F6-F11 of U2, answering as Input() describes.
VerifyResult TwelveForms() {
  VerifyResult r;
  for (int i = 0; i < 12; ++i) {
    FormResult f = Form("1", {"5", i % 2 ? "4" : "2", "1", i % 4 ? "3" : "4"});
    f.code = "F" + std::to_string(i);
    f.sample_id = "S" + std::to_string(i);
    f.unit = i < 6 ? "U1" : "U2";
    f.in_sample = true;
    r.forms.push_back(f);
  }
  return r;
}

ReportInput Input() {
  const VerifyResult r = TwelveForms();
  IndexFormula formula;
  formula.name = "t";
  formula.title = "Chỉ số thử";
  formula.satisfied = {"4", "5"};
  auto tally = TallyForms(TestSurvey(), formula, r, {}, "unit");
  EXPECT_TRUE(tally.ok()) << tally.status().message();
  ReportInput in;
  in.survey = TestSurvey();
  in.tally = *tally;
  in.date = "2026-03-05";
  return in;
}

TEST(ReportPdfTest, WithoutAnIssuerTheHeadingTakesTheSurveysAndLeavesBlanksToFillByHand) {
  auto pdf = RenderReportPdf(Input());
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const std::string text = PdfText(*pdf);
  EXPECT_NE(text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos) << text;
  EXPECT_NE(text.find("Độc lập - Tự do - Hạnh phúc"), std::string::npos);
  EXPECT_TRUE(text.starts_with("T ")) << text;  // the survey's first title line, first on the page
  EXPECT_NE(text.find("Số: ……/BC"), std::string::npos);
  EXPECT_NE(text.find(", ngày 05 tháng 3 năm 2026"), std::string::npos);
}

TEST(ReportPdfTest, TheHeadingPrintsTheIssuerGiven) {
  ReportInput in = Input();
  in.issuer = {"UBND TỈNH A", "SỞ NỘI VỤ", "Nơi Nào Đó", "7/BC-SNV", "2026-01-09"};
  auto pdf = RenderReportPdf(in);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const std::string text = PdfText(*pdf);
  EXPECT_TRUE(text.starts_with("UBND TỈNH A ")) << text;
  EXPECT_NE(text.find("SỞ NỘI VỤ"), std::string::npos);
  EXPECT_NE(text.find("Số: 7/BC-SNV"), std::string::npos);
  EXPECT_NE(text.find("Nơi Nào Đó, ngày 09 tháng 01 năm 2026"), std::string::npos) << text;
}

TEST(ReportPdfTest, TheDistributionNamesTheWeakestAndStrongestCriterionWithItsText) {
  auto pdf = RenderReportPdf(Input());
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const std::string text = PdfText(*pdf);
  const std::size_t at = text.find("Phân bố các mức trả lời theo tiêu chí");
  ASSERT_NE(at, std::string::npos) << text;
  const std::string part = text.substr(at);
  EXPECT_NE(part.find("a b c d e"), std::string::npos) << part;  // the scale's labels, in order
  EXPECT_NE(part.find("Q.1 r1 (cao nhất) 100,00 % *"), std::string::npos) << part;
  EXPECT_NE(part.find("Q.3 r3 (thấp nhất) 0,00 % *"), std::string::npos) << part;
  EXPECT_NE(part.find("Q.2 r2 50,00 % *"), std::string::npos) << part;
  EXPECT_NE(part.find("Q.4 r4 25,00 % *"), std::string::npos) << part;
}

TEST(ReportPdfTest, AQuestionOutsideTheIndexIsReportedAsItsDistribution) {
  auto pdf = RenderReportPdf(Input());
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const std::string text = PdfText(*pdf);
  const std::size_t at = text.find("10. Đặc điểm người trả lời và các câu hỏi khác");
  ASSERT_NE(at, std::string::npos) << text;
  // A1: every one of the 12 answered "m" (option 1).
  const std::string part = text.substr(at);
  EXPECT_NE(part.find("A1. Sex"), std::string::npos) << part;
  EXPECT_NE(part.find("m 12 100,00 %"), std::string::npos) << part;
  EXPECT_NE(part.find("f 0 0,00 %"), std::string::npos) << part;
  EXPECT_NE(part.find("Số người trả lời hợp lệ 12"), std::string::npos) << part;
  EXPECT_EQ(part.find("Q.1"), std::string::npos) << "an index criterion is not repeated here";
}

// The draw's size rule is stored in English for the operator (core/sample_draw.cc); the report
// says it in Vietnamese, and a rule it does not know is not printed at all.
TEST(ReportPdfTest, TheDrawsSizeRuleIsSaidInVietnamese) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"size 240, allocated in proportion to stratum size",
       "cỡ mẫu 240 người, phân bổ cho các tầng theo tỷ lệ với số hồ sơ của tầng"},
      {"per stratum 5", "mỗi tầng rút 5 người (tầng ít hơn thì lấy cả tầng)"},
      {"Yamane n = N/(1+N*e^2) with N = 1200, e = 0.05: n = 300 (rounded up)",
       "Yamane n = N/(1 + N·e²) với N = 1.200, e = 0,05: n = 300 (làm tròn lên)"},
      {"size 240, allocated some other way",
       "cỡ mẫu theo quy tắc lưu cùng lần rút mẫu trong cơ sở dữ liệu"}};
  for (const auto& [rule, said] : cases) {
    ReportInput in = Input();
    in.draw_seed = "hat-giong";
    in.draw_method = std::string(kDrawMethod);
    in.draw_rule = rule;
    in.draw_stratify_by = "unit";
    in.draw_frame_records = 1200;
    auto pdf = RenderReportPdf(in);
    ASSERT_TRUE(pdf.ok()) << pdf.status().message();
    const std::string text = PdfText(*pdf);
    EXPECT_NE(text.find(said), std::string::npos) << rule << "\n" << text;
    EXPECT_EQ(text.find("allocated"), std::string::npos) << rule;
    EXPECT_EQ(text.find("stratum"), std::string::npos) << rule;
    EXPECT_NE(text.find("phân tầng theo đơn vị"), std::string::npos);
    EXPECT_NE(text.find("“hat-giong”"), std::string::npos);  // the seed, in the annex
  }
}

// Input()'s forms drawn in two strata, U1 from 100 people and U2 from 900, six forms back from
// each: normalised weights 0.2 and 1.8; and one SMS answer, all "5", weighing 1. Q.4 ("4" on forms
// 0, 4 and 8) is satisfied with weight 0.2 + 0.2 + 1.8 + 1 of 13: 24,62 % (unweighted 4 of 13,
// 30,77 %), on an effective base of 13² / (6·0.04 + 6·3.24 + 1) = 8,17.
TEST(ReportPdfTest, AWeightedReportTakesEachIntervalOnTheEffectiveBaseAndSaysHowChannelsCount) {
  const VerifyResult r = TwelveForms();
  StoredDraw draw;
  draw.info.stratify_by = "unit";
  draw.strata = {{"U1", 100, 6, 0}, {"U2", 900, 6, 0}};
  for (const FormResult& f : r.forms) draw.entries.push_back({f.sample_id, f.unit, "t"});
  FormResult sms = Form("1", {"5", "5", "5", "5"});
  sms.channel = "sms";
  sms.unit = "U1";
  IndexFormula formula;
  formula.name = "t";
  formula.title = "Chỉ số thử";
  formula.satisfied = {"4", "5"};
  const auto weighting = WeighPaperForms(draw, r);
  ASSERT_TRUE(weighting.has_value());
  auto tally = TallyForms(TestSurvey(), formula, r, {}, "unit", {sms}, weighting);
  ASSERT_TRUE(tally.ok()) << tally.status().message();
  ReportInput in;
  in.survey = TestSurvey();
  in.tally = *tally;
  in.date = "2026-03-05";
  auto pdf = RenderReportPdf(in);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const std::string text = PdfText(*pdf);

  const double squares = 6 * 0.04 + 6 * 3.24 + 1;
  const double n_eff = 13.0 * 13.0 / squares;
  const double p = (0.2 + 0.2 + 1.8 + 1) / 13;
  const Interval wilson = WilsonInterval(p, n_eff);
  const std::string q4 = "Q.4 r4 13 0 0 " + VietnamesePercent(100 * p, 2) + " * " +
                         VietnameseNumber(100 * wilson.lower, 2) + "–" +
                         VietnameseNumber(100 * wilson.upper, 2) + " % " +
                         VietnameseNumber(n_eff, 1);
  EXPECT_EQ(VietnameseNumber(n_eff, 1), "8,2");
  EXPECT_NE(text.find(q4), std::string::npos) << q4 << " in:\n" << text;
  // The design effect of all 13 respondents: 13 · (squares) / 13².
  EXPECT_NE(text.find("hiệu ứng thiết kế " + VietnameseNumber(13 * squares / 169, 2) +
                      ", cỡ mẫu hiệu dụng " + VietnameseNumber(n_eff, 1) +
                      " trên 13 người trả lời (riêng phiếu giấy: hiệu ứng thiết kế 1,64, cỡ mẫu "
                      "hiệu dụng 7,3 trên 12 phiếu hợp lệ)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("mỗi ý kiến có trọng số 1"), std::string::npos) << text;
  EXPECT_NE(text.find("Phiếu giấy được gán trọng số thiết kế theo tầng, trung bình bằng 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Trọng số thiết kế theo tầng"), std::string::npos) << text;
  EXPECT_NE(text.find("U2 900 6 150,00 1,8000"), std::string::npos) << text;
}

// A report of some units from a draw stratified by another column: no weights, and it says why.
TEST(ReportPdfTest, AReportOfSomeUnitsOfADrawStratifiedOtherwiseSaysItIsUnweighted) {
  ReportInput in = Input();
  in.draw_seed = "s";
  in.draw_stratify_by = "district";
  in.units = "U1";
  auto pdf = RenderReportPdf(in);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const std::string text = PdfText(*pdf);
  EXPECT_NE(text.find("các chỉ số của báo cáo này không gán trọng số"), std::string::npos) << text;
  EXPECT_EQ(text.find("hiệu ứng thiết kế"), std::string::npos) << text;
  in.units = "";
  EXPECT_EQ(PdfText(*RenderReportPdf(in)).find("không gán trọng số."), std::string::npos);
}

}  // namespace
}  // namespace phieu::report_test
