// The page reader on real rendered forms (libharu -> poppler at scan resolutions). Filled and
// degraded scans are covered by the golden sets in sample-scans/ and tests/scan_accuracy_test.

#include "scanner/page_reader.h"

#include <gtest/gtest.h>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "forms/form_batch.h"
#include "scanner/image_source.h"

namespace phieu {
namespace {

constexpr const char* kSecret = "page-reader-test-secret";

class PageReaderTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto tmpl = BuildFormTemplate(FindBuiltinSurvey("sipas-2022")->yaml_text, "sipas-2022");
    ASSERT_TRUE(tmpl.ok()) << tmpl.status().message();
    tmpl_ = new FormTemplate(std::move(tmpl).value());
    code_ = new std::string(NewFormCode());
    auto batch = RenderFormBatch(*tmpl_, kSecret, {*code_});
    ASSERT_TRUE(batch.ok());
    pdf_ = new std::string(batch->pdf);
  }
  static void TearDownTestSuite() {
    delete pdf_;
    delete tmpl_;
    delete code_;
  }

  static PageReader Reader(const std::string& secret = kSecret) {
    return PageReader(
        [](const std::string& id) { return id == tmpl_->id ? &tmpl_->layout : nullptr; },
        [](const std::string& code) -> std::optional<std::string> {
          if (code == *code_) return tmpl_->id;
          return std::nullopt;
        },
        {secret, {}});
  }

  static std::vector<ScanImage> Pages(double dpi) {
    auto pages = RenderPdfBytes(*pdf_, dpi);
    EXPECT_TRUE(pages.ok());
    return std::move(pages).value();
  }

  static inline FormTemplate* tmpl_ = nullptr;
  static inline std::string* code_ = nullptr;
  static inline std::string* pdf_ = nullptr;  // the form printed, as PDF bytes
};

// A form whose code was issued under the P1 check rule (before payload P2) prints under P1 and
// reads as it always did; a new code prints and reads under P2.
TEST_F(PageReaderTest, AFormPrintedUnderP1AndOneUnderP2AreBothIdentifiedWithAValidTag) {
  const std::string p1_code = "GQD-3EM-Q27";  // as the golden sample scans carry
  ASSERT_EQ(FormCodeCheckOf(p1_code), FormCodeCheck::kP1);
  auto batch = RenderFormBatch(*tmpl_, kSecret, {p1_code, *code_});
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  auto pages = RenderPdfBytes(batch->pdf, 150);
  ASSERT_TRUE(pages.ok()) << pages.status().message();
  PageReader reader(
      [](const std::string& id) { return id == tmpl_->id ? &tmpl_->layout : nullptr; },
      [&](const std::string& code) -> std::optional<std::string> {
        if (code == p1_code || code == *code_) return tmpl_->id;
        return std::nullopt;
      },
      {kSecret, {}});
  const struct {
    int first_page;
    std::string code, version;
  } forms[] = {{batch->first_pages[0], p1_code, "P1:"}, {batch->first_pages[1], *code_, "P2:"}};
  for (const auto& f : forms) {
    SCOPED_TRACE(f.code);
    const PageReading r = reader.Read((*pages)[f.first_page - 1].image);
    ASSERT_EQ(r.outcome, PageOutcome::kRead) << r.reason;
    EXPECT_EQ(r.identified_by, PageIdentification::kQr);
    EXPECT_TRUE(r.tag_valid);
    EXPECT_EQ(r.form_code, f.code);
    EXPECT_EQ(r.page, 1);
    EXPECT_TRUE(r.qr_text.starts_with(f.version + tmpl_->id + ":" + f.code + ":1:")) << r.qr_text;
  }
}

TEST_F(PageReaderTest, ACleanPrintedFormIsIdentifiedRegisteredAndEveryBubbleIsEmpty) {
  for (double dpi : {150.0, 300.0}) {
    SCOPED_TRACE(dpi);
    PageReader reader = Reader();
    const auto pages = Pages(dpi);
    for (std::size_t i = 0; i < tmpl_->layout.pages.size(); ++i) {
      const PageReading r = reader.Read(pages[i].image);
      ASSERT_EQ(r.outcome, PageOutcome::kRead) << r.reason;
      EXPECT_EQ(r.identified_by, PageIdentification::kQr);
      EXPECT_TRUE(r.tag_valid);
      EXPECT_EQ(r.form_code, *code_);
      EXPECT_EQ(r.page, static_cast<int>(i) + 1);
      EXPECT_EQ(r.marks_found, 4);
      EXPECT_LT(r.residual_px, 1.0);
      ASSERT_EQ(r.bubbles.size(), tmpl_->layout.pages[i].bubbles.size());
      for (const BubbleScore& s : r.bubbles) {
        EXPECT_LT(s.fill, MarkThresholds().empty_below) << s.item << "/" << s.option;
      }
      for (const TextBoxInk& box : r.text_boxes) EXPECT_FALSE(box.has_ink) << box.question;
    }
  }
}

TEST_F(PageReaderTest, TheBlankBackOfASheetIsBlank) {
  GreyImage white(1240, 1754, 250);
  EXPECT_EQ(Reader().Read(white).outcome, PageOutcome::kBlank);
}

TEST_F(PageReaderTest, APageWithoutQrOrMarksIsNotAForm) {
  GreyImage page(1240, 1754, 250);
  for (int y = 200; y < 1500; y += 40) {
    for (int x = 150; x < 1000; ++x) page.at(x, y) = 20;  // lines of "text"
  }
  const PageReading r = Reader().Read(page);
  EXPECT_EQ(r.outcome, PageOutcome::kNotAForm);
  EXPECT_EQ(r.reason, "no QR code and no registration marks: not a phieu form (or badly cut off)");
}

TEST_F(PageReaderTest, AFormFromAnotherDatabaseFailsItsTag) {
  const PageReading r = Reader("another database's secret").Read(Pages(150)[0].image);
  EXPECT_EQ(r.outcome, PageOutcome::kUnidentified);
  EXPECT_FALSE(r.tag_valid);
  EXPECT_EQ(r.form_code, *code_);
  EXPECT_TRUE(r.bubbles.empty());
}

}  // namespace
}  // namespace phieu
