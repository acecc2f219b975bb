// Round trip of a printed form: render sipas-2022 with libharu, rasterise with pdftoppm (as a
// printer and a scanner would turn it into pixels), then check what a scanner will rely on: every
// page's QR decodes to the right payload, and every bubble is printed where the layout says.

#include "forms/form_renderer.h"

#include <gtest/gtest.h>

#define ZX_USE_UTF8
#include <ZXing/ReadBarcode.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "core/layout_json.h"
#include "core/qr_payload.h"
#include "forms/form_batch.h"
#include "tests/support/command_output.h"
#include "tests/support/pgm_image.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

using test_support::ReadPgm;

class FormRenderTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("phieu-forms-" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    auto pdf = PdfDocument::Create();
    ASSERT_TRUE(pdf.ok()) << pdf.status().message();
    survey_ = &FindBuiltinSurvey("sipas-2022")->survey;
    auto layout = LayoutSurvey(*survey_, **pdf);
    ASSERT_TRUE(layout.ok()) << layout.status().message();
    layout_ = new Layout(*layout);
    template_id_ = new std::string(TemplateId(survey_->content_hash, *layout_));
    code_ = new std::string(NewFormCode());
    FormIdentity form{*code_, {}};
    for (const auto& page : layout_->pages) {
      form.qr_payloads.push_back(EncodeQrPayload(kSecret, *template_id_, *code_, page.number));
    }
    ASSERT_TRUE(RenderForm(**pdf, *layout_, form, true).ok());
    auto bytes = (*pdf)->Bytes();
    ASSERT_TRUE(bytes.ok()) << bytes.status().message();
    std::ofstream(*dir_ / "form.pdf", std::ios::binary) << *bytes;
  }
  static void TearDownTestSuite() {
    if (std::getenv("PHIEU_KEEP_TEST_OUTPUT")) {
      std::printf("kept %s\n", dir_->c_str());  // to look at the rendered form
    } else {
      fs::remove_all(*dir_);
    }
    delete dir_;
    delete layout_;
    delete template_id_;
    delete code_;
  }

  // The form's pages rasterised at `dpi`, grey.
  static std::vector<GreyImage> Rasterise(int dpi) {
    const fs::path prefix = *dir_ / ("page" + std::to_string(dpi));
    test_support::CommandOutput("pdftoppm -gray -r " + std::to_string(dpi) + " " + (*dir_ / "form.pdf").string() + " " +
        prefix.string());
    std::vector<GreyImage> pages;
    for (std::size_t i = 1; i <= layout_->pages.size() + 1; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "-%zu.pgm", i);
      fs::path path = prefix.string() + name;
      if (!fs::exists(path)) {
        std::snprintf(name, sizeof name, "-%02zu.pgm", i);
        path = prefix.string() + name;
      }
      if (fs::exists(path)) pages.push_back(ReadPgm(path));
    }
    return pages;
  }

  static constexpr const char* kSecret = "test-secret";
  static inline fs::path* dir_ = nullptr;
  static inline const Survey* survey_ = nullptr;
  static inline Layout* layout_ = nullptr;
  static inline std::string* template_id_ = nullptr;
  static inline std::string* code_ = nullptr;
};

TEST_F(FormRenderTest, EveryPageQrDecodesToItsSignedPayloadAt150And300Dpi) {
  for (int dpi : {150, 300}) {
    SCOPED_TRACE(dpi);
    const auto pages = Rasterise(dpi);
    // Whole sheets: an odd page count gets a blank back page.
    ASSERT_EQ(pages.size(), layout_->pages.size() + layout_->pages.size() % 2);
    for (std::size_t i = 0; i < layout_->pages.size(); ++i) {
      const GreyImage& page = pages[i];
      const auto result = ZXing::ReadBarcode(
          ZXing::ImageView(page.pixels.data(), page.width, page.height, ZXing::ImageFormat::Lum),
          ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode));
      ASSERT_TRUE(result.isValid()) << "page " << i + 1;
      const auto payload = ParseQrPayload(result.text());
      ASSERT_TRUE(payload.has_value()) << result.text();
      EXPECT_EQ(payload->template_id, *template_id_);
      EXPECT_EQ(payload->form_code, *code_);
      EXPECT_EQ(payload->page, static_cast<int>(i) + 1);
      EXPECT_TRUE(QrTagIsValid(kSecret, *payload));
    }
  }
}

TEST_F(FormRenderTest, BubblesArePrintedWhereTheLayoutSaysOutlineInkedCentreEmpty) {
  const int dpi = 150;
  const double px = dpi / 72.0;
  const auto pages = Rasterise(dpi);
  int checked = 0;
  for (std::size_t i = 0; i < layout_->pages.size(); ++i) {
    for (const LayoutBubble& b : layout_->pages[i].bubbles) {
      const double cx = b.box.centre_x() * px, cy = b.box.centre_y() * px, r = b.box.w / 2 * px;
      // Along every 10-degree ray the printed ring must be inked; the centre must be paper.
      int gaps = 0, centre = 0;
      for (int a = 0; a < 360; a += 10) {
        const double rad = a * 3.14159265 / 180;
        int darkest = 255;
        for (double rr = r - 2.5; rr <= r + 0.5; rr += 0.5) {
          darkest = std::min<int>(darkest, pages[i].at(static_cast<int>(cx + rr * std::cos(rad)),
                                                  static_cast<int>(cy + rr * std::sin(rad))));
        }
        gaps += darkest > 128;
      }
      for (int dy = -2; dy <= 2; ++dy) {
        for (int dx = -2; dx <= 2; ++dx) {
          centre = std::max(centre, 255 - pages[i].at(static_cast<int>(cx) + dx,
                                                      static_cast<int>(cy) + dy));
        }
      }
      EXPECT_EQ(gaps, 0) << b.question << " option " << b.option << ": ring not inked all round";
      EXPECT_LT(centre, 40) << b.question << " option " << b.option << ": ink in the centre";
      ++checked;
    }
  }
  EXPECT_GT(checked, 200);
}

TEST_F(FormRenderTest, TextExtractsWithVietnameseLabels) {
  const std::string text = test_support::CommandOutput("pdftotext -enc UTF-8 " + (*dir_ / "form.pdf").string() + " -");
  for (const char* label : {"PHIẾU KHẢO SÁT", "Giới tính:", "Rất hài lòng", "Trang 1/",
                            "Tiếp cận", "XIN TRÂN TRỌNG CẢM ƠN ÔNG/BÀ!"}) {
    EXPECT_NE(text.find(label), std::string::npos) << label;
  }
  EXPECT_NE(text.find(*code_), std::string::npos);
}

TEST_F(FormRenderTest, SameFormRendersToIdenticalBytes) {
  auto render = [&] {
    auto pdf = PdfDocument::Create();
    FormIdentity form{*code_, {}};
    for (const auto& page : layout_->pages) {
      form.qr_payloads.push_back(EncodeQrPayload(kSecret, *template_id_, *code_, page.number));
    }
    EXPECT_TRUE(RenderForm(**pdf, *layout_, form, true).ok());
    return (*pdf)->Bytes().value();
  };
  EXPECT_EQ(render(), render());
}

}  // namespace
}  // namespace phieu

namespace phieu {
namespace {

// Ink (sum of darkness) in each cell of a row of large letters, rendered and rasterised.
std::vector<double> InkPerLetter(const std::vector<std::string>& letters) {
  const fs::path dir = fs::temp_directory_path() / ("phieu-glyphs-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto pdf = PdfDocument::Create();
  EXPECT_TRUE(pdf.ok());
  const double cell = 60;
  (*pdf)->AddPage({cell * letters.size(), 100});
  for (std::size_t i = 0; i < letters.size(); ++i) {
    (*pdf)->Text({i * cell + 10, 80, 48, FontStyle::kRegular, letters[i]});
  }
  std::ofstream(dir / "g.pdf", std::ios::binary) << (*pdf)->Bytes().value();
  test_support::CommandOutput("pdftoppm -gray -r 144 " + (dir / "g.pdf").string() + " " + (dir / "g").string());
  const GreyImage image = ReadPgm(dir / "g-1.pgm");
  std::vector<double> ink(letters.size(), 0);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      ink[std::min<std::size_t>(x / (cell * 2), letters.size() - 1)] += 255 - image.at(x, y);
    }
  }
  fs::remove_all(dir);
  return ink;
}

// libharu 2.3 with DejaVu Sans drops parts of composed Vietnamese letters ("Cấp" printed as
// "Cáp") while pdftotext still extracts the right text. A letter with two marks must carry ink
// from both: more than the same letter with either mark alone.
TEST(GlyphRenderingTest, StackedVietnameseDiacriticsAreAllDrawn) {
  for (const auto& [base, one, other, both] :
       {std::tuple{"a", "á", "â", "ấ"}, std::tuple{"O", "Ọ", "Ô", "Ộ"}, std::tuple{"e", "ẹ", "ê", "ệ"},
        std::tuple{"u", "ú", "ư", "ứ"}}) {
    SCOPED_TRACE(both);
    const auto ink = InkPerLetter({base, one, other, both});
    const double mark_one = ink[1] - ink[0], mark_other = ink[2] - ink[0];
    ASSERT_GT(mark_one, 0);
    ASSERT_GT(mark_other, 0);
    // Stacked marks are drawn smaller than lone ones (Noto's "ấ" carries about a quarter of a lone
    // acute's ink), but a dropped mark adds nothing at all.
    EXPECT_GT(ink[3], ink[2] + 0.15 * mark_one);
    EXPECT_GT(ink[3], ink[1] + 0.15 * mark_other);
  }
}

}  // namespace
}  // namespace phieu

namespace phieu {
namespace {

// With the real font metrics, every built-in survey lays out with no text running off the page,
// into the margin, or over a bubble or a write-in box.
TEST(FormTemplateTest, EveryBuiltinSurveyRendersWithoutOverflowOrOverlap) {
  auto metrics = PdfDocument::Create();
  ASSERT_TRUE(metrics.ok());
  for (const BuiltinSurvey& builtin : BuiltinSurveys()) {
    SCOPED_TRACE(builtin.name);
    auto tmpl = BuildFormTemplate(builtin.yaml_text, builtin.name);
    ASSERT_TRUE(tmpl.ok()) << tmpl.status().message();
    const double right = tmpl->layout.page_size.width_pt - LayoutOptions().margin_pt + 0.5;
    for (const LayoutPage& page : tmpl->layout.pages) {
      for (const TextLine& line : page.texts) {
        const double w = (*metrics)->WidthPt(line.text, line.style, line.size_pt);
        const Rect box{line.x, line.baseline_y - 0.75 * line.size_pt, w, line.size_pt};
        EXPECT_LE(box.right(), right) << "page " << page.number << ": " << line.text;
        EXPECT_GE(box.x, LayoutOptions().margin_pt - 0.5) << line.text;
        for (const LayoutBubble& b : page.bubbles) {
          const bool overlap = box.x < b.box.right() && b.box.x < box.right() &&
                               box.y < b.box.bottom() && b.box.y < box.bottom();
          EXPECT_FALSE(overlap) << "page " << page.number << ": '" << line.text << "' over "
                                << b.question << "/" << b.option;
        }
        for (const LayoutTextBox& t : page.text_boxes) {
          const bool overlap = box.x < t.box.right() && t.box.x < box.right() &&
                               box.y < t.box.bottom() && t.box.y < box.bottom();
          EXPECT_FALSE(overlap) << "'" << line.text << "' over box " << t.question;
        }
      }
    }
  }
}

}  // namespace
}  // namespace phieu
