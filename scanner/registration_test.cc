// Registration from everything printed, on rendered sipas-2022 pages (libharu -> poppler) filled
// with pen marks and then damaged here with a known geometry: corners cut off, a phone photo's
// perspective with uneven light, a crease. Every bubble's centre is checked against where the
// known geometry puts it; a page is either read with every bubble in place or refused.

#include "scanner/registration.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <opencv2/imgproc.hpp>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "forms/form_batch.h"
#include "scanner/cv_image.h"
#include "scanner/image_source.h"
#include "scanner/page_reader.h"
#include "synthetic/answer_plan.h"
#include "synthetic/scan_generator.h"

namespace phieu {
namespace {

using scanner_internal::AsMat;

constexpr const char* kSecret = "registration-test-secret";
constexpr double kDpi = 200;
constexpr double kPxPerPt = kDpi / 72;
constexpr double kPxPerMm = kDpi / 25.4;

// A damaged page and where its template points truly lie in it.
struct Scene {
  GreyImage image;
  std::function<PointF(PointF page_pt)> truth;
};

class RegistrationTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto tmpl = BuildFormTemplate(FindBuiltinSurvey("sipas-2022")->yaml_text, "sipas-2022");
    ASSERT_TRUE(tmpl.ok()) << tmpl.status().message();
    tmpl_ = new FormTemplate(std::move(tmpl).value());
    code_ = new std::string(NewFormCode());
    auto batch = RenderFormBatch(*tmpl_, kSecret, {*code_});
    ASSERT_TRUE(batch.ok());
    auto pages = RenderPdfBytes(batch->pdf, kDpi);
    ASSERT_TRUE(pages.ok());
    const AnswerPlan plan = PlanAnswers(tmpl_->survey, {}, 7);
    filled_ = new std::vector<GreyImage>();
    for (std::size_t p = 0; p < pages->size(); ++p) {
      filled_->push_back(
          DrawPenMarks((*pages)[p].image, tmpl_->layout.pages[p], plan.marks, kDpi, 40 + p));
    }
  }
  static void TearDownTestSuite() {
    delete tmpl_;
    delete code_;
    delete filled_;
  }

  static PageReader Reader() {
    return PageReader(
        [](const std::string& id) { return id == tmpl_->id ? &tmpl_->layout : nullptr; },
        [](const std::string& code) -> std::optional<std::string> {
          if (code == *code_) return tmpl_->id;
          return std::nullopt;
        },
        {kSecret, {}});
  }

  static const LayoutPage& Page(int p) { return tmpl_->layout.pages[p]; }

  // Page `p` as printed and filled, unmoved.
  static Scene Flat(int p) {
    return {(*filled_)[p], [](PointF pt) { return PointF{pt.x * kPxPerPt, pt.y * kPxPerPt}; }};
  }

  // Paints the triangle with legs `leg_mm` at corner `corner` (0 TL, 1 TR, 2 BL, 3 BR) in `grey`:
  // a corner cut off (on a white or a dark desk) or folded back.
  static void CutCorner(Scene& scene, int corner, double leg_mm, std::uint8_t grey) {
    cv::Mat m = AsMat(scene.image);
    const int w = m.cols - 1, h = m.rows - 1, leg = static_cast<int>(leg_mm * kPxPerMm);
    const cv::Point c = corner == 0   ? cv::Point(0, 0)
                        : corner == 1 ? cv::Point(w, 0)
                        : corner == 2 ? cv::Point(0, h)
                                      : cv::Point(w, h);
    const int sx = corner % 2 ? -1 : 1, sy = corner >= 2 ? -1 : 1;
    const cv::Point tri[3] = {c, c + cv::Point(sx * leg, 0), c + cv::Point(0, sy * leg)};
    cv::fillConvexPoly(m, tri, 3, cv::Scalar(grey), cv::LINE_AA);
  }

  // A phone photo: the page's corners moved by up to `perspective` of its width, on a darker
  // desk, lit unevenly (from 100% at one corner down to `dim` at the other), blurred, JPEG.
  static Scene Photo(const Scene& flat, double perspective, double dim, int jpeg) {
    const cv::Mat src = AsMat(flat.image);
    const float w = static_cast<float>(src.cols), h = static_cast<float>(src.rows);
    const float p = static_cast<float>(perspective) * w;
    const std::vector<cv::Point2f> from = {{0, 0}, {w, 0}, {w, h}, {0, h}};
    const float margin = 60;
    const std::vector<cv::Point2f> to = {{margin + 0.9f * p, margin + 0.3f * p},
                                         {margin + w - 0.2f * p, margin + 0.8f * p},
                                         {margin + w + 0.1f * p, margin + h - 0.1f * p},
                                         {margin + 0.4f * p, margin + h + 0.2f * p}};
    const cv::Mat homography = cv::getPerspectiveTransform(from, to);
    cv::Mat warped;
    cv::warpPerspective(
        src, warped, homography,
        cv::Size(static_cast<int>(w + 2 * margin + p), static_cast<int>(h + 2 * margin + p)),
        cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(90));
    for (int y = 0; y < warped.rows; ++y) {
      std::uint8_t* row = warped.ptr<std::uint8_t>(y);
      for (int x = 0; x < warped.cols; ++x) {
        const double t =
            (static_cast<double>(x) / warped.cols + static_cast<double>(y) / warped.rows) / 2;
        row[x] = static_cast<std::uint8_t>(row[x] * (1 - (1 - dim) * t));
      }
    }
    ScanConditions optics;
    optics.blur_sigma_px = 1.0, optics.noise_sigma = 3, optics.jpeg_quality = jpeg;
    Scene scene;
    scene.image = ApplyScanConditions(scanner_internal::FromMat(warped), optics, {}, 3);
    cv::Mat hd;
    homography.convertTo(hd, CV_64F);
    std::array<double, 9> m;
    for (int i = 0; i < 9; ++i) m[i] = hd.at<double>(i / 3, i % 3);
    scene.truth = [m, before = flat.truth](PointF pt) {
      const PointF q = before(pt);
      const double z = m[6] * q.x + m[7] * q.y + m[8];
      return PointF{(m[0] * q.x + m[1] * q.y + m[2]) / z, (m[3] * q.x + m[4] * q.y + m[5]) / z};
    };
    return scene;
  }

  // The page turned by `degrees` and laid on a larger scanner bed (`margin_mm` all round, bed
  // grey `bed`): the image's bounds no longer say where the sheet is.
  static Scene OnLargerBed(const Scene& flat, double degrees, double margin_mm, std::uint8_t bed) {
    const cv::Mat src = AsMat(flat.image);
    const double margin = margin_mm * kPxPerMm;
    cv::Mat rotation = cv::getRotationMatrix2D(cv::Point2f(src.cols / 2.0f, src.rows / 2.0f), degrees, 1.0);
    rotation.at<double>(0, 2) += margin, rotation.at<double>(1, 2) += margin;
    cv::Mat out;
    cv::warpAffine(src, out, rotation,
                   cv::Size(static_cast<int>(src.cols + 2 * margin), static_cast<int>(src.rows + 2 * margin)),
                   cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(bed));
    std::array<double, 6> m;
    for (int i = 0; i < 6; ++i) m[i] = rotation.at<double>(i / 3, i % 3);
    Scene scene{scanner_internal::FromMat(out), {}};
    scene.truth = [m, before = flat.truth](PointF pt) {
      const PointF q = before(pt);
      return PointF{m[0] * q.x + m[1] * q.y + m[2], m[3] * q.x + m[4] * q.y + m[5]};
    };
    return scene;
  }

  // A crease across the page at `y_fraction` of its height: everything below it moved by
  // (dx_mm, dy_mm).
  static Scene Crease(const Scene& flat, double y_fraction, double dx_mm, double dy_mm) {
    const cv::Mat src = AsMat(flat.image);
    cv::Mat out = src.clone();
    const int crease = static_cast<int>(y_fraction * src.rows);
    const int dx = static_cast<int>(std::lround(dx_mm * kPxPerMm));
    const int dy = static_cast<int>(std::lround(dy_mm * kPxPerMm));
    for (int y = crease; y < src.rows; ++y) {
      for (int x = 0; x < src.cols; ++x) {
        const int sx = x - dx, sy = y - dy;
        out.at<std::uint8_t>(y, x) = sx >= 0 && sy >= crease && sx < src.cols && sy < src.rows
                                         ? src.at<std::uint8_t>(sy, sx)
                                         : 250;
      }
    }
    Scene scene{scanner_internal::FromMat(out), {}};
    scene.truth = [=, before = flat.truth](PointF pt) {
      PointF q = before(pt);
      if (q.y >= crease) q.x += dx, q.y += dy;
      return q;
    };
    return scene;
  }

  // Every bubble's registered centre is within `tolerance_mm` of the truth; returns the worst.
  static double WorstBubbleError(const Registration& reg, const LayoutPage& page,
                                 const Scene& scene) {
    EXPECT_EQ(reg.bubble_centres_px.size(), page.bubbles.size());
    double worst = 0;
    for (std::size_t i = 0; i < reg.bubble_centres_px.size(); ++i) {
      const PointF truth =
          scene.truth({page.bubbles[i].box.centre_x(), page.bubbles[i].box.centre_y()});
      const PointF got = reg.bubble_centres_px[i];
      const double error_mm = std::hypot(got.x - truth.x, got.y - truth.y) / kPxPerMm;
      worst = std::max(worst, error_mm);
      EXPECT_LT(error_mm, 0.3) << page.bubbles[i].question << "/" << page.bubbles[i].option
                               << (reg.bubble_fix[i] == BubbleFix::kOwnRing ? " ring"
                                                                            : " interpolated")
                               << " quality " << reg.bubble_fit_quality[i] << " error mm "
                               << error_mm;
    }
    return worst;
  }

  // Reads `scene` as page `p`: either read with every bubble within 0.3 mm of the truth, or
  // refused as not registered with a reason. Returns the reading.
  static PageReading ReadAndCheck(const Scene& scene, int p, bool must_read) {
    PageReader reader = Reader();
    const PageReading r = reader.Read(scene.image);
    if (must_read) {
      EXPECT_EQ(r.outcome, PageOutcome::kRead) << r.reason;
    } else {
      EXPECT_TRUE(r.outcome == PageOutcome::kRead || r.outcome == PageOutcome::kNotRegistered)
          << PageOutcomeName(r.outcome) << ": " << r.reason;
    }
    if (r.outcome == PageOutcome::kRead) {
      EXPECT_EQ(r.page, p + 1);
      EXPECT_LT(WorstBubbleError(r.registration, Page(p), scene), 0.3);
    } else {
      EXPECT_FALSE(r.reason.empty());
    }
    return r;
  }

  static inline FormTemplate* tmpl_ = nullptr;
  static inline std::string* code_ = nullptr;
  static inline std::vector<GreyImage>* filled_ = nullptr;
};

// Draws a cross at every registered bubble centre (black: own ring, white: interpolated).
void WriteOverlay(const GreyImage& image, const Registration& reg, const std::string& path) {
  cv::Mat m = AsMat(image).clone();
  for (std::size_t i = 0; i < reg.bubble_centres_px.size(); ++i) {
    const cv::Point c(static_cast<int>(std::lround(reg.bubble_centres_px[i].x)),
                      static_cast<int>(std::lround(reg.bubble_centres_px[i].y)));
    const cv::Scalar ink(reg.bubble_fix[i] == BubbleFix::kOwnRing ? 0 : 255);
    cv::line(m, c - cv::Point(6, 0), c + cv::Point(6, 0), ink, 1);
    cv::line(m, c - cv::Point(0, 6), c + cv::Point(0, 6), ink, 1);
  }
  (void)WritePng(scanner_internal::FromMat(m), path);
}

TEST_F(RegistrationTest, ACleanPagePlacesEveryBubbleOnItsRing) {
  for (int p = 0; p < static_cast<int>(tmpl_->layout.pages.size()); ++p) {
    SCOPED_TRACE(p);
    const Scene scene = Flat(p);
    const PageReading r = ReadAndCheck(scene, p, true);
    EXPECT_EQ(r.registration.marks_found, 4);
    EXPECT_EQ(r.registration.rings_found, static_cast<int>(Page(p).bubbles.size()));
    EXPECT_LT(WorstBubbleError(r.registration, Page(p), scene), 0.15);
  }
}

TEST_F(RegistrationTest, OneCutCornerStillRegisters) {
  for (int corner = 0; corner < 4; ++corner) {
    for (std::uint8_t grey : {255, 70}) {
      SCOPED_TRACE("corner " + std::to_string(corner) + " grey " + std::to_string(grey));
      Scene scene = Flat(1);
      CutCorner(scene, corner, 35, grey);
      // The QR code is at the top right: a 35 mm cut there takes it too, so the page cannot be
      // identified (the printed code's OCR needs 3 marks): only the other corners must read.
      if (corner == 1) continue;
      const PageReading r = ReadAndCheck(scene, 1, true);
      EXPECT_EQ(r.registration.marks_found, 3);
    }
  }
}

TEST_F(RegistrationTest, CornerMarksAreFoundWhereverTheSheetLiesOnTheBed) {
  const Scene scene = OnLargerBed(Flat(1), 2.0, 15, 235);
  const std::vector<PageTransform> coarse = CoarseFromCornerMarks(scene.image, Page(1));
  ASSERT_EQ(coarse.size(), 4u);
  // Upright (no quarter turn), every mark lands within a millimetre of where it truly is.
  for (const Rect& mark : Page(1).marks) {
    const PointF at = coarse[0].Apply({mark.centre_x(), mark.centre_y()});
    const PointF truth = scene.truth({mark.centre_x(), mark.centre_y()});
    EXPECT_LT(std::hypot(at.x - truth.x, at.y - truth.y) / kPxPerMm, 1.0);
  }
  // A blank image holds no marks.
  EXPECT_TRUE(CoarseFromCornerMarks(GreyImage(1654, 2339), Page(1)).empty());
}

TEST_F(RegistrationTest, TwoCutCornersStillRegister) {
  const std::pair<int, int> pairs[] = {{2, 3}, {0, 2}, {0, 3}};  // bottom, left, opposite
  for (const auto& [a, b] : pairs) {
    for (std::uint8_t grey : {255, 70}) {
      SCOPED_TRACE("corners " + std::to_string(a) + "," + std::to_string(b) + " grey " +
                   std::to_string(grey));
      Scene scene = Flat(1);
      CutCorner(scene, a, 35, grey);
      CutCorner(scene, b, 35, grey);
      const PageReading r = ReadAndCheck(scene, 1, true);
      EXPECT_EQ(r.registration.marks_found, 2);
    }
  }
}

TEST_F(RegistrationTest, APhonePhotoWithPerspectiveAndUnevenLightRegisters) {
  for (double perspective : {0.05, 0.08}) {
    for (int p = 0; p < static_cast<int>(tmpl_->layout.pages.size()); ++p) {
      SCOPED_TRACE("perspective " + std::to_string(perspective) + " page " + std::to_string(p));
      const Scene scene = Photo(Flat(p), perspective, 0.6, 70);
      const PageReading r = ReadAndCheck(scene, p, true);
      if (p == 1 && perspective == 0.08)
        WriteOverlay(scene.image, r.registration, "/tmp/phieu-photo-overlay.png");
      // The paper is dimmer towards the bottom right: the grid follows it.
      const PointF bright{200, 200}, dim{scene.image.width - 300.0, scene.image.height - 300.0};
      EXPECT_GT(r.registration.PaperLevelAt(bright) - r.registration.PaperLevelAt(dim), 40);
    }
  }
}

TEST_F(RegistrationTest, APhotoWithACutCornerRegisters) {
  Scene flat = Flat(2);
  CutCorner(flat, 2, 35, 90);
  ReadAndCheck(Photo(flat, 0.06, 0.7, 75), 2, true);
}

TEST_F(RegistrationTest, ACreaseShiftingHalfThePageIsFollowedBubbleByBubble) {
  for (int p = 0; p < static_cast<int>(tmpl_->layout.pages.size()); ++p) {
    SCOPED_TRACE(p);
    const Scene scene = Crease(Flat(p), 0.55, 0.9, 0.6);
    const PageReading r = ReadAndCheck(scene, p, false);
    if (p == 1) WriteOverlay(scene.image, r.registration, "/tmp/phieu-crease-overlay.png");
    EXPECT_EQ(r.outcome, PageOutcome::kRead) << r.reason;
  }
}

TEST_F(RegistrationTest, AMissingBandOfThePageIsRefusedNamingWhere) {
  Scene scene = Flat(1);
  cv::Mat m = AsMat(scene.image);
  // A strip of the page folded under across the middle: its rings are gone.
  cv::rectangle(m, cv::Rect(0, m.rows / 2, m.cols, m.rows / 8), cv::Scalar(250), cv::FILLED);
  const PageReading r = Reader().Read(scene.image);
  EXPECT_EQ(r.outcome, PageOutcome::kNotRegistered);
  EXPECT_NE(r.reason.find("bubble"), std::string::npos) << r.reason;
}

TEST_F(RegistrationTest, PaperLevelsFollowAGradient) {
  Registration reg;
  reg.paper_level = 10;
  EXPECT_DOUBLE_EQ(reg.PaperLevelAt({400, 500}), 10);  // no grid: the one level
  reg.paper_levels.cols = 2, reg.paper_levels.rows = 1;
  reg.paper_levels.cell_w_px = 400, reg.paper_levels.cell_h_px = 1000;
  reg.paper_levels.levels = {240, 200};
  EXPECT_DOUBLE_EQ(reg.PaperLevelAt({0, 0}), 240);
  EXPECT_DOUBLE_EQ(reg.PaperLevelAt({400, 500}), 220);
  EXPECT_DOUBLE_EQ(reg.PaperLevelAt({900, 500}), 200);
}

}  // namespace
}  // namespace phieu
