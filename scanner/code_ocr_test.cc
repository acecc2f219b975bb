// The printed form code, read when the QR code is damaged, on real rendered pages (libharu ->
// poppler at 150 dpi) with the QR code blacked out. Each code below was misread by the reading
// used before (one Tesseract pass, a second on a denoised patch), the same way on every run (the
// confusions belong to the glyphs of the print, not to scanner noise), so its page was lost as
// "unidentified".

#include "scanner/code_ocr.h"

#include <gtest/gtest.h>

#include <iterator>
#include <set>

#include "core/layout.h"
#include "core/page_frame.h"
#include "forms/form_renderer.h"
#include "forms/pdf_document.h"
#include "scanner/image_source.h"
#include "scanner/page_reader.h"
#include "scanner/registration.h"

namespace phieu {
namespace {

constexpr double kDpi = 150;

struct OnceMisread {
  const char* code;
  const char* read_before;  // what the reading used before made of it
};

constexpr OnceMisread kOnceMisread[] = {
    {"28S-TQU-R37", "285-TQU-R37"},   // S read as 5
    {"9HY-UVF-HH8", "SHY-UVF-HH8"},   // 9 read as S
    {"5FY-AWF-UTH", "5SFY-AWF-UTH"},  // a glyph read twice
    {"J9S-SH2-BBY", "J95S-SH2-BBY"},  // a glyph read twice
    {"TTW-3Z3-8Z8", "TTW-32Z3-8Z8"},  // Z read as 2Z
    {"6HN-VN6-Z4F", "HN-VN6-Z4F"},    // a glyph dropped
    {"S3J-33T-KYN", "3J-33T-KYN"},    // a glyph dropped
    {"EYA-E4M-WC4", "EYA-E4M-W4"},    // a glyph dropped (and M read as 4 by another look)
};

// Pages with only what every page has (marks, QR code, printed code), one per code of
// kOnceMisread, QR codes blacked out as by a stain.
class CodeOcrTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    layout_ = new Layout{kA4, {PageFrame()}};
    auto pdf = PdfDocument::Create();
    ASSERT_TRUE(pdf.ok()) << pdf.status().message();
    for (const OnceMisread& c : kOnceMisread) {
      ASSERT_TRUE(RenderForm(**pdf, *layout_, {c.code, {"not read: blacked out"}}, false).ok());
    }
    Result<std::string> bytes = (*pdf)->Bytes();
    ASSERT_TRUE(bytes.ok());
    auto pages = RenderPdfBytes(*bytes, kDpi);
    ASSERT_TRUE(pages.ok()) << pages.status().message();
    pages_ = new std::vector<GreyImage>;
    const Rect& qr = layout_->pages[0].qr;
    const double k = kDpi / 72;
    for (ScanImage& page : *pages) {
      for (int y = static_cast<int>(qr.y * k); y < static_cast<int>(qr.bottom() * k); ++y) {
        for (int x = static_cast<int>(qr.x * k); x < static_cast<int>(qr.right() * k); ++x) {
          page.image.at(x, y) = 30;
        }
      }
      pages_->push_back(std::move(page.image));
    }
  }
  static void TearDownTestSuite() {
    delete pages_;
    delete layout_;
  }

  // A reader for a database that issued `issued`, all on the frame-only template "T".
  static PageReader Reader(std::set<std::string> issued) {
    return PageReader([](const std::string& id) { return id == "T" ? layout_ : nullptr; },
                      [issued](const std::string& code) -> std::optional<std::string> {
                        if (issued.count(code)) return "T";
                        return std::nullopt;
                      },
                      {"secret", {}});
  }

  static inline Layout* layout_ = nullptr;
  static inline std::vector<GreyImage>* pages_ = nullptr;
};

TEST_F(CodeOcrTest, CodesTheSingleReadingMisreadAreReadExactly) {
  if (!CodeOcr().available()) GTEST_SKIP() << "Tesseract English data not installed";
  std::set<std::string> issued;
  for (const OnceMisread& c : kOnceMisread) issued.insert(c.code);
  PageReader reader = Reader(issued);
  ASSERT_EQ(pages_->size(), std::size(kOnceMisread));
  for (std::size_t i = 0; i < pages_->size(); ++i) {
    SCOPED_TRACE(kOnceMisread[i].code);
    const PageReading r = reader.Read((*pages_)[i]);
    EXPECT_EQ(r.identified_by, PageIdentification::kOcr);
    EXPECT_EQ(r.form_code, kOnceMisread[i].code);
    EXPECT_EQ(r.outcome, PageOutcome::kRead) << r.reason;
  }
}

// 9HY-UVF-HH8 is seen as SHY-UVF-HH8 or QHY-UVF-HH8; correcting confused characters gives both
// 9HY-UVF-HH8 and SHY-UYF-HH8. With both issued, the page cannot be told and is not guessed.
TEST_F(CodeOcrTest, ACorrectionThatFitsTwoIssuedCodesIsRefused) {
  CodeOcr ocr;
  if (!ocr.available()) GTEST_SKIP() << "Tesseract English data not installed";
  ASSERT_EQ(std::string(kOnceMisread[1].code), "9HY-UVF-HH8");
  const GreyImage& page = (*pages_)[1];
  const auto coarse = CoarseFromImageBounds(page, kA4);
  Result<Registration> reg = RegisterPage(page, layout_->pages[0], coarse[0]);
  ASSERT_TRUE(reg.ok()) << reg.status().message();
  const std::set<std::string> issued = {"9HY-UVF-HH8", "SHY-UYF-HH8"};
  EXPECT_EQ(ocr.Read(page, reg->transform, layout_->pages[0].form_code,
                     [&](const std::string& code) { return issued.count(code) > 0; }),
            std::nullopt);
  EXPECT_EQ(ocr.Read(page, reg->transform, layout_->pages[0].form_code,
                     [](const std::string& code) { return code == "9HY-UVF-HH8"; }),
            "9HY-UVF-HH8");

  const PageReading r = Reader(issued).Read(page);
  EXPECT_EQ(r.outcome, PageOutcome::kUnidentified);
  EXPECT_EQ(r.reason,
            "the QR code is damaged and the printed form code cannot be read with a valid check "
            "character");
}

// A form printed by another database: its code, read right, is reported as never issued.
TEST_F(CodeOcrTest, ACodeThatWasNeverIssuedIsReportedAsRead) {
  if (!CodeOcr().available()) GTEST_SKIP() << "Tesseract English data not installed";
  const PageReading r = Reader({}).Read((*pages_)[0]);
  EXPECT_EQ(r.outcome, PageOutcome::kUnidentified);
  EXPECT_EQ(r.form_code, "28S-TQU-R37");
  EXPECT_EQ(r.reason,
            "form code 28S-TQU-R37 (read from the print; the QR code is damaged) was never issued "
            "by this database");
}

}  // namespace
}  // namespace phieu
