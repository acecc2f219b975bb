// The synthetic scan generator, checked against what it was asked to draw: a printed sipas-2022
// form (laid out, rendered to PDF and rasterised at 150 dpi exactly as a real form is printed),
// with marks on known bubbles, measured where the layout says the bubbles are.

#include "synthetic/scan_generator.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <numbers>
#include <set>
#include <string>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "forms/form_batch.h"
#include "scanner/image_source.h"
#include "synthetic/answer_plan.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

constexpr double kDpi = 150;
constexpr double kPx = kDpi / kPointsPerInch;  // pixels per point

class ScanGeneratorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("phieu-scan-generator-" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    const BuiltinSurvey* builtin = FindBuiltinSurvey("sipas-2022");
    ASSERT_NE(builtin, nullptr);
    auto tmpl = BuildFormTemplate(builtin->yaml_text, builtin->name);
    ASSERT_TRUE(tmpl.ok()) << tmpl.status().message();
    tmpl_ = new FormTemplate(std::move(*tmpl));
    const std::string data = "K7QM4RX2";
    const std::string code = data.substr(0, 3) + "-" + data.substr(3, 3) + "-" + data.substr(6, 2) +
                             FormCodeCheckCharacter(data);
    auto batch = RenderFormBatch(*tmpl_, "test-secret", {code});
    ASSERT_TRUE(batch.ok()) << batch.status().message();
    const fs::path pdf = *dir_ / "form.pdf";
    std::ofstream(pdf, std::ios::binary) << batch->pdf;
    auto pages = RenderPdfPages(pdf.string(), kDpi);
    ASSERT_TRUE(pages.ok()) << pages.status().message();
    pages_ = new std::vector<GreyImage>;
    for (auto& page : *pages) pages_->push_back(std::move(page.image));
  }
  static void TearDownTestSuite() {
    if (std::getenv("PHIEU_KEEP_TEST_OUTPUT")) {
      std::printf("kept %s\n", dir_->c_str());  // to look at the synthetic scans
    } else {
      fs::remove_all(*dir_);
    }
    delete dir_;
    delete tmpl_;
    delete pages_;
  }

  static const LayoutPage& Page(int index) { return tmpl_->layout.pages.at(index); }
  static const GreyImage& Printed(int index) { return pages_->at(index); }

  static fs::path* dir_;
  static FormTemplate* tmpl_;
  static std::vector<GreyImage>* pages_;
};

fs::path* ScanGeneratorTest::dir_ = nullptr;
FormTemplate* ScanGeneratorTest::tmpl_ = nullptr;
std::vector<GreyImage>* ScanGeneratorTest::pages_ = nullptr;

// Mean grey of the pixels whose centre is within `radius_px` of (cx, cy) (pixels).
double DiscMean(const GreyImage& image, double cx, double cy, double radius_px) {
  double sum = 0;
  int count = 0;
  for (int y = static_cast<int>(cy - radius_px) - 1; y <= static_cast<int>(cy + radius_px) + 1;
       ++y) {
    for (int x = static_cast<int>(cx - radius_px) - 1; x <= static_cast<int>(cx + radius_px) + 1;
         ++x) {
      if (std::hypot(x + 0.5 - cx, y + 0.5 - cy) > radius_px) continue;
      sum += image.at(x, y);
      ++count;
    }
  }
  return sum / count;
}

// The white disc inside a bubble's printed ring (0.9 pt line), less the ring's anti-aliasing.
double InnerDiscMean(const GreyImage& image, const LayoutBubble& bubble) {
  return DiscMean(image, bubble.box.centre_x() * kPx, bubble.box.centre_y() * kPx,
                  (bubble.box.w / 2 - 0.9) * kPx);
}

// Mean grey along the segment (x0,y0)-(x1,y1), sampled at pixel resolution, each sample the
// darkest within `slack` pixels across the segment (a hand's line is not ruler-straight).
double LineMean(const GreyImage& image, double x0, double y0, double x1, double y1, int slack) {
  const double length = std::hypot(x1 - x0, y1 - y0);
  const int steps = static_cast<int>(length) + 1;
  const double nx = -(y1 - y0) / length, ny = (x1 - x0) / length;
  double sum = 0;
  for (int i = 0; i <= steps; ++i) {
    const double t = static_cast<double>(i) / steps;
    int darkest = 255;
    for (int s = -slack; s <= slack; ++s) {
      darkest = std::min<int>(darkest, image.at(static_cast<int>(x0 + (x1 - x0) * t + s * nx),
                                                static_cast<int>(y0 + (y1 - y0) * t + s * ny)));
    }
    sum += darkest;
  }
  return sum / (steps + 1);
}

// Fraction of pixels darker than 128 in [x0, x1) x [y0, y1) (pixels, clipped to the image).
double InkFraction(const GreyImage& image, int x0, int y0, int x1, int y1) {
  int dark = 0, total = 0;
  for (int y = std::max(0, y0); y < std::min(image.height, y1); ++y) {
    for (int x = std::max(0, x0); x < std::min(image.width, x1); ++x) {
      dark += image.at(x, y) < 128;
      ++total;
    }
  }
  return total == 0 ? 0 : static_cast<double>(dark) / total;
}

struct Centroid {
  double x = 0, y = 0;
  int count = 0;
};

// Centroid (pixel index coordinates) of the pixels darker than 128 in a window.
Centroid DarkCentroid(const GreyImage& image, int x0, int y0, int x1, int y1) {
  Centroid c;
  for (int y = std::max(0, y0); y < std::min(image.height, y1); ++y) {
    for (int x = std::max(0, x0); x < std::min(image.width, x1); ++x) {
      if (image.at(x, y) >= 128) continue;
      c.x += x;
      c.y += y;
      ++c.count;
    }
  }
  if (c.count > 0) c.x /= c.count, c.y /= c.count;
  return c;
}

Rect QrBoxPx(const LayoutPage& page) {
  return {page.qr.x * kPx, page.qr.y * kPx, page.qr.w * kPx, page.qr.h * kPx};
}

TEST_F(ScanGeneratorTest, PrintedFormIsWhatTheTestsMeasure) {
  ASSERT_GE(tmpl_->layout.pages.size(), 2u);
  ASSERT_GE(pages_->size(), tmpl_->layout.pages.size());
  EXPECT_NEAR(Printed(0).width, 210 / 25.4 * kDpi, 2);
  ASSERT_GE(Page(0).bubbles.size(), 20u);
  for (const LayoutBubble& bubble : Page(0).bubbles) {
    EXPECT_GT(InnerDiscMean(Printed(0), bubble), 230) << bubble.question << "=" << bubble.option;
  }
}

TEST_F(ScanGeneratorTest, FillDarkensOnlyItsOwnBubble) {
  const LayoutPage& page = Page(0);
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const LayoutBubble& target = page.bubbles[(seed * 7) % page.bubbles.size()];
    const GreyImage marked = DrawPenMarks(
        Printed(0), page, {{target.question, target.option, MarkStyle::kFill}}, kDpi, seed);
    for (const LayoutBubble& bubble : page.bubbles) {
      const double mean = InnerDiscMean(marked, bubble);
      if (&bubble == &target) {
        EXPECT_LT(mean, 100) << "seed " << seed << " " << bubble.question << "=" << bubble.option;
      } else {
        EXPECT_GT(mean, 200) << "seed " << seed << " " << bubble.question << "=" << bubble.option;
      }
    }
  }
}

TEST_F(ScanGeneratorTest, XInksTheDiagonalsButNotTheWholeDisc) {
  const LayoutPage& page = Page(0);
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const LayoutBubble& b = page.bubbles[(seed * 5) % page.bubbles.size()];
    const GreyImage marked =
        DrawPenMarks(Printed(0), page, {{b.question, b.option, MarkStyle::kX}}, kDpi, seed);
    const double mean = InnerDiscMean(marked, b);
    EXPECT_GT(mean, 100) << "seed " << seed;
    EXPECT_LT(mean, 225) << "seed " << seed;
    // The diagonals through the inner disc are inked; the middle of its top and bottom is not.
    const double cx = b.box.centre_x() * kPx, cy = b.box.centre_y() * kPx;
    const double a = (b.box.w / 2 - 1.5) * kPx / std::numbers::sqrt2;
    const double diagonal = (LineMean(marked, cx - a, cy - a, cx + a, cy + a, 1) +
                             LineMean(marked, cx - a, cy + a, cx + a, cy - a, 1)) /
                            2;
    EXPECT_LT(diagonal, 130) << "seed " << seed;
    const double off = (b.box.w / 2 - 2) * kPx;
    EXPECT_GT((marked.at(cx, cy - off) + marked.at(cx, cy + off)) / 2, 170) << "seed " << seed;
  }
}

TEST_F(ScanGeneratorTest, FaintPencilIsLightGreyAllOver) {
  const LayoutPage& page = Page(0);
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const LayoutBubble& b = page.bubbles[(seed * 3) % page.bubbles.size()];
    const GreyImage marked = DrawPenMarks(
        Printed(0), page, {{b.question, b.option, MarkStyle::kFaintPencil}}, kDpi, seed);
    const double mean = InnerDiscMean(marked, b);
    EXPECT_GE(mean, 140) << "seed " << seed;
    EXPECT_LE(mean, 200) << "seed " << seed;
  }
}

TEST_F(ScanGeneratorTest, PartialTickAndCrossedOutLookTheirPart) {
  const LayoutPage& page = Page(0);
  int ticks_running_out = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const LayoutBubble& b = page.bubbles[(seed * 11) % page.bubbles.size()];
    const double cx = b.box.centre_x() * kPx, cy = b.box.centre_y() * kPx;
    const double side = b.box.w * kPx;
    const GreyImage partial = DrawPenMarks(
        Printed(0), page, {{b.question, b.option, MarkStyle::kPartialFill}}, kDpi, seed);
    // 50-70% of the disc inked: between a fill (< 70) and an X (> 140).
    EXPECT_GT(InnerDiscMean(partial, b), 75) << "seed " << seed;
    EXPECT_LT(InnerDiscMean(partial, b), 170) << "seed " << seed;

    // A tick is ink in the disc, mostly running out of the bubble's square to the upper right.
    const GreyImage tick =
        DrawPenMarks(Printed(0), page, {{b.question, b.option, MarkStyle::kTick}}, kDpi, seed);
    EXPECT_LT(InnerDiscMean(tick, b), 235) << "seed " << seed;
    ticks_running_out +=
        InkFraction(tick, cx + side / 2, cy - 1.4 * side, cx + 1.4 * side, cy - side / 2) > 0.01;

    // Crossed out: the disc is filled and the X's arms show beyond the ring.
    const GreyImage crossed = DrawPenMarks(
        Printed(0), page, {{b.question, b.option, MarkStyle::kCrossedOut}}, kDpi, seed);
    EXPECT_LT(InnerDiscMean(crossed, b), 100) << "seed " << seed;
    int corners_inked = 0;
    for (const double dx : {-1.0, 1.0}) {
      for (const double dy : {-1.0, 1.0}) {
        const double corner_x = cx + dx * 0.8 * side, corner_y = cy + dy * 0.8 * side;
        const int x0 = static_cast<int>(std::min(cx + dx * 0.5 * side, corner_x));
        const int y0 = static_cast<int>(std::min(cy + dy * 0.5 * side, corner_y));
        corners_inked += InkFraction(crossed, x0, y0, x0 + side * 0.3 + 1, y0 + side * 0.3 + 1) >
                         InkFraction(Printed(0), x0, y0, x0 + side * 0.3 + 1, y0 + side * 0.3 + 1);
      }
    }
    EXPECT_GE(corners_inked, 3) << "seed " << seed;
  }
  // A third of ticks are drawn small, inside the ring; the rest run out.
  EXPECT_GE(ticks_running_out, 5);
  EXPECT_LE(ticks_running_out, 11);
}

TEST_F(ScanGeneratorTest, SmallTicksAndXsStayInsideTheRing) {
  const LayoutPage& page = Page(0);
  int small = 0;
  for (std::uint64_t seed = 1; seed <= 24; ++seed) {
    const LayoutBubble& b = page.bubbles[(seed * 7) % page.bubbles.size()];
    const double cx = b.box.centre_x() * kPx, cy = b.box.centre_y() * kPx;
    const double side = b.box.w * kPx;
    for (const MarkStyle style : {MarkStyle::kTick, MarkStyle::kX}) {
      const GreyImage marked = DrawPenMarks(Printed(0), page, {{b.question, b.option, style}},
                                            kDpi, seed);
      // Ink above or right of the inner 0.84 of the bubble's square (a large X's arms reach its
      // corners, a large tick runs out to the upper right).
      const double out = 0.42 * side;
      const double beyond =
          InkFraction(marked, cx - 2 * side, cy - 2 * side, cx + 2 * side, cy - out) +
          InkFraction(marked, cx + out, cy - 2 * side, cx + 2 * side, cy + 2 * side) -
          InkFraction(Printed(0), cx - 2 * side, cy - 2 * side, cx + 2 * side, cy - out) -
          InkFraction(Printed(0), cx + out, cy - 2 * side, cx + 2 * side, cy + 2 * side);
      if (beyond < 0.001) {
        ++small;
        EXPECT_LT(InnerDiscMean(marked, b), 235) << "seed " << seed;
      }
    }
  }
  EXPECT_GE(small, 8);   // about a third of 48
  EXPECT_LE(small, 24);
}

TEST_F(ScanGeneratorTest, MarksForOtherPagesOrUnknownBubblesAreIgnored) {
  const LayoutBubble& elsewhere = Page(1).bubbles.front();
  const bool also_on_first =
      std::any_of(Page(0).bubbles.begin(), Page(0).bubbles.end(), [&](const LayoutBubble& b) {
        return b.question == elsewhere.question && b.option == elsewhere.option;
      });
  ASSERT_FALSE(also_on_first);
  const GreyImage marked = DrawPenMarks(Printed(0), Page(0),
                                        {{elsewhere.question, elsewhere.option, MarkStyle::kFill},
                                         {"NO-SUCH-ITEM", "1", MarkStyle::kFill},
                                         {Page(0).bubbles.front().question, "99", MarkStyle::kX}},
                                        kDpi, 1);
  EXPECT_EQ(marked.pixels, Printed(0).pixels);
}

TEST_F(ScanGeneratorTest, StrayMarksStayInTheMarginsAndOffTheBubbles) {
  const double mm = kDpi / 25.4;
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const GreyImage stray = DrawStrayMarks(Printed(0), kDpi, seed);
    int changed = 0;
    for (int y = 0; y < stray.height; ++y) {
      for (int x = 0; x < stray.width; ++x) {
        if (stray.at(x, y) == Printed(0).at(x, y)) continue;
        ++changed;
        const bool in_margin =
            x < 14 * mm || x > stray.width - 14 * mm || y > stray.height - 14 * mm;
        ASSERT_TRUE(in_margin) << "seed " << seed << " ink at " << x << "," << y;
      }
    }
    EXPECT_GT(changed, 200) << "seed " << seed;
    // Nothing of the printed form is covered: the registration marks' surroundings are clean.
    for (const Rect& mark : Page(0).marks) {
      const int pad = static_cast<int>(2 * mm);
      EXPECT_EQ(InkFraction(stray, mark.x * kPx - pad, mark.y * kPx - pad, mark.x * kPx,
                            mark.bottom() * kPx),
                0)
          << "seed " << seed;
    }
  }
}

TEST_F(ScanGeneratorTest, SkewRotatesTheRegistrationMarkAboutTheCentre) {
  const GreyImage& page = Printed(0);
  const Rect mark = Page(0).marks[0];  // top-left
  ScanConditions conditions;
  conditions.rotate_deg = 3;
  const GreyImage skewed = ApplyScanConditions(page, conditions, QrBoxPx(Page(0)), 1);

  // Where the mark's centre (pixel index coordinates) must go: rotated 3 degrees
  // counter-clockwise about the page's centre, which stays the image's centre.
  const double theta = 3 * std::numbers::pi / 180;
  const double vx = mark.centre_x() * kPx - 0.5 - (page.width - 1) / 2.0;
  const double vy = mark.centre_y() * kPx - 0.5 - (page.height - 1) / 2.0;
  const double want_x = (skewed.width - 1) / 2.0 + std::cos(theta) * vx + std::sin(theta) * vy;
  const double want_y = (skewed.height - 1) / 2.0 - std::sin(theta) * vx + std::cos(theta) * vy;
  // The canvas grew to hold the whole turned page.
  EXPECT_NEAR(skewed.width, page.width * std::cos(theta) + page.height * std::sin(theta), 2);
  EXPECT_NEAR(skewed.height, page.width * std::sin(theta) + page.height * std::cos(theta), 2);

  const Centroid before = DarkCentroid(page, mark.x * kPx - 8, mark.y * kPx - 8,
                                       mark.right() * kPx + 8, mark.bottom() * kPx + 8);
  const int half = static_cast<int>(mark.w * kPx * 0.9);
  const Centroid after =
      DarkCentroid(skewed, want_x - half, want_y - half, want_x + half, want_y + half);
  ASSERT_GT(after.count, 0.8 * before.count);
  EXPECT_NEAR(after.x, want_x, 1.0);
  EXPECT_NEAR(after.y, want_y, 1.0);
  // It really moved (by ~50 px at 150 dpi, relative to the centre), as a skewed scan would.
  const double shift_x = after.x - (before.x + (skewed.width - page.width) / 2.0);
  const double shift_y = after.y - (before.y + (skewed.height - page.height) / 2.0);
  EXPECT_GT(std::hypot(shift_x, shift_y), 40);
}

TEST_F(ScanGeneratorTest, UpsideDownPutsTheQrBottomLeft) {
  const GreyImage& page = Printed(0);
  const Rect qr = QrBoxPx(Page(0));
  ASSERT_GT(qr.centre_x(), page.width / 2.0);  // printed top right
  ASSERT_LT(qr.centre_y(), page.height / 2.0);
  ScanConditions conditions;
  conditions.upside_down = true;
  const GreyImage turned = ApplyScanConditions(page, conditions, qr, 1);
  ASSERT_EQ(turned.width, page.width);
  ASSERT_EQ(turned.height, page.height);
  const int x0 = page.width - static_cast<int>(qr.right()),
            y0 = page.height - static_cast<int>(qr.bottom());
  const double qr_ink = InkFraction(turned, x0, y0, x0 + qr.w, y0 + qr.h);
  EXPECT_GT(qr_ink, 0.25);
  EXPECT_LT(x0 + qr.w, page.width / 2.0);
  EXPECT_GT(y0, page.height / 2.0);
  EXPECT_LT(InkFraction(turned, qr.x, qr.y, qr.right(), qr.bottom()), qr_ink / 2);
  // Exactly the page turned: no resampling.
  for (int y = 0; y < page.height; y += 7) {
    for (int x = 0; x < page.width; x += 5) {
      ASSERT_EQ(turned.at(x, y), page.at(page.width - 1 - x, page.height - 1 - y));
    }
  }

  ScanConditions sideways;
  sideways.rotate_quarter_turns = 1;  // clockwise: the top-right QR goes bottom-right
  const GreyImage fed = ApplyScanConditions(page, sideways, qr, 1);
  ASSERT_EQ(fed.width, page.height);
  ASSERT_EQ(fed.height, page.width);
  EXPECT_EQ(fed.at(fed.width - 1, 0), page.at(0, 0));
  EXPECT_GT(InkFraction(fed, page.height - qr.bottom(), qr.x, page.height - qr.y, qr.right()),
            0.25);
}

TEST_F(ScanGeneratorTest, ConditionsChangePixelsAsDescribed) {
  GreyImage grey(300, 200, 128);
  const Rect no_qr;
  ScanConditions noisy;
  noisy.noise_sigma = 10;
  const GreyImage noise = ApplyScanConditions(grey, noisy, no_qr, 5);
  double sum = 0, sum_sq = 0;
  for (std::uint8_t p : noise.pixels) sum += p, sum_sq += p * p;
  const double n = noise.pixels.size();
  EXPECT_NEAR(sum / n, 128, 0.5);
  EXPECT_NEAR(std::sqrt(sum_sq / n - (sum / n) * (sum / n)), 10, 0.5);

  ScanConditions dusty;
  dusty.salt_pepper = 0.02;
  const GreyImage dust = ApplyScanConditions(grey, dusty, no_qr, 5);
  const auto extreme = std::count_if(dust.pixels.begin(), dust.pixels.end(),
                                     [](std::uint8_t p) { return p == 0 || p == 255; });
  EXPECT_NEAR(extreme / n, 0.02, 0.002);

  ScanConditions bilevel;
  bilevel.noise_sigma = 30;
  bilevel.black_and_white = true;
  for (std::uint8_t p : ApplyScanConditions(grey, bilevel, no_qr, 5).pixels) {
    ASSERT_TRUE(p == 0 || p == 255);
  }

  // Recycled paper: white becomes 235, black stays black.
  GreyImage two(10, 10, 255);
  two.at(3, 3) = 0;
  ScanConditions recycled;
  recycled.paper_grey = 235;
  const GreyImage tinted = ApplyScanConditions(two, recycled, no_qr, 5);
  EXPECT_EQ(tinted.at(0, 0), 235);
  EXPECT_EQ(tinted.at(3, 3), 0);

  // A stain covers about 12% of the QR's box, and only there.
  GreyImage white(400, 400, 255);
  ScanConditions stained;
  stained.stain_over_qr = true;
  const Rect qr{100, 120, 120, 120};
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const GreyImage blot = ApplyScanConditions(white, stained, qr, seed);
    const double inside = InkFraction(blot, 100, 120, 220, 240);
    EXPECT_GT(inside, 0.08) << "seed " << seed;
    EXPECT_LT(inside, 0.16) << "seed " << seed;
    EXPECT_NEAR(InkFraction(blot, 0, 0, 400, 400) * 400 * 400, inside * 120 * 120, 40);
  }

  ScanConditions jpeg;
  jpeg.jpeg_quality = 60;
  const GreyImage round_trip = ApplyScanConditions(Printed(0), jpeg, no_qr, 5);
  ASSERT_EQ(round_trip.width, Printed(0).width);
  EXPECT_NE(round_trip.pixels, Printed(0).pixels);
}

TEST_F(ScanGeneratorTest, SameSeedSameBytesOtherSeedOtherBytes) {
  const LayoutPage& page = Page(0);
  const AnswerPlan plan = PlanAnswers(tmpl_->survey, {}, 7);
  ScanConditions conditions;
  conditions.rotate_deg = -1.5;
  conditions.scale = 0.98;
  conditions.perspective = 0.01;
  conditions.blur_sigma_px = 0.8;
  conditions.noise_sigma = 6;
  conditions.salt_pepper = 0.001;
  conditions.stain_over_qr = true;
  conditions.jpeg_quality = 80;
  conditions.paper_grey = 240;
  auto scan = [&](std::uint64_t seed) {
    const GreyImage marked =
        DrawStrayMarks(DrawPenMarks(Printed(0), page, plan.marks, kDpi, seed), kDpi, seed);
    return ApplyScanConditions(marked, conditions, QrBoxPx(page), seed);
  };
  const GreyImage a = scan(11), b = scan(11), c = scan(12);
  EXPECT_EQ(a.width, b.width);
  EXPECT_EQ(a.pixels, b.pixels);
  EXPECT_NE(a.pixels, c.pixels);
  EXPECT_EQ(DrawPenMarks(Printed(0), page, plan.marks, kDpi, 3).pixels,
            DrawPenMarks(Printed(0), page, plan.marks, kDpi, 3).pixels);
  EXPECT_NE(DrawPenMarks(Printed(0), page, plan.marks, kDpi, 3).pixels,
            DrawPenMarks(Printed(0), page, plan.marks, kDpi, 4).pixels);
}

TEST_F(ScanGeneratorTest, PlanHasOneTruthPerItemWithValidOptions) {
  const Survey& survey = tmpl_->survey;
  std::map<std::string, AnswerItem> items;
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.kind != QuestionKind::kText) items.emplace(item.code, item);
  }
  StyleMix everything{0.4, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const AnswerPlan plan = PlanAnswers(survey, everything, seed);
    ASSERT_EQ(plan.truth.size(), items.size());
    std::set<std::string> seen;
    for (const ItemTruth& truth : plan.truth) {
      ASSERT_TRUE(items.count(truth.item)) << truth.item;
      EXPECT_TRUE(seen.insert(truth.item).second) << truth.item << " twice";
      const AnswerItem& item = items.at(truth.item);
      const std::size_t most = item.kind == QuestionKind::kMulti ? 3 : 1;
      EXPECT_LE(truth.intended.size(), most) << truth.item;
      for (const std::string& option : truth.intended) {
        EXPECT_TRUE(std::any_of(item.options.begin(), item.options.end(),
                                [&](const Option& o) { return o.code == option; }))
            << truth.item << "=" << option;
      }
    }
    for (const PenMark& mark : plan.marks) {
      ASSERT_TRUE(items.count(mark.question)) << mark.question;
      const auto& options = items.at(mark.question).options;
      EXPECT_TRUE(std::any_of(options.begin(), options.end(),
                              [&](const Option& o) { return o.code == mark.option; }));
    }
  }
  EXPECT_EQ(TruthText(PlanAnswers(survey, everything, 3).truth),
            TruthText(PlanAnswers(survey, everything, 3).truth));
  EXPECT_NE(TruthText(PlanAnswers(survey, everything, 3).truth),
            TruthText(PlanAnswers(survey, everything, 4).truth));
}

TEST_F(ScanGeneratorTest, WithNoBlanksEverySingleChoiceItemHasOneAnswer) {
  StyleMix mix;
  mix.blank = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    const AnswerPlan plan = PlanAnswers(tmpl_->survey, mix, seed);
    std::map<std::string, QuestionKind> kinds;
    for (const AnswerItem& item : AnswerItems(tmpl_->survey)) kinds[item.code] = item.kind;
    for (const ItemTruth& truth : plan.truth) {
      if (kinds.at(truth.item) == QuestionKind::kMulti) {
        EXPECT_GE(truth.intended.size(), 1u) << truth.item;
      } else {
        EXPECT_EQ(truth.intended.size(), 1u) << truth.item;
      }
    }
  }
}

TEST_F(ScanGeneratorTest, CrossedOutIsTwoMarksAndTheNewOneIsIntended) {
  StyleMix mix{};
  mix.fill = mix.x = mix.partial = mix.blank = 0;
  mix.crossed_out = 1;
  const AnswerPlan plan = PlanAnswers(tmpl_->survey, mix, 9);
  std::map<std::string, std::vector<PenMark>> by_item;
  for (const PenMark& mark : plan.marks) by_item[mark.question].push_back(mark);
  std::map<std::string, QuestionKind> kinds;
  for (const AnswerItem& item : AnswerItems(tmpl_->survey)) kinds[item.code] = item.kind;
  int checked = 0;
  for (const ItemTruth& truth : plan.truth) {
    if (kinds.at(truth.item) == QuestionKind::kMulti) continue;
    const auto& marks = by_item[truth.item];
    ASSERT_EQ(marks.size(), 2u) << truth.item;
    EXPECT_EQ(marks[0].style, MarkStyle::kCrossedOut) << truth.item;
    EXPECT_EQ(marks[1].style, MarkStyle::kFill) << truth.item;
    EXPECT_NE(marks[0].option, marks[1].option) << truth.item;
    EXPECT_EQ(truth.intended, std::vector<std::string>{marks[1].option}) << truth.item;
    ++checked;
  }
  EXPECT_GT(checked, 30);
}

TEST(TruthTextTest, SortedLinesWithSemicolonsAndEmptyBlanks) {
  EXPECT_EQ(TruthText({{"Q2", {"3"}}, {"A1", {}}, {"Q10", {"1", "4"}}, {"Q9.15", {"5"}}}),
            "A1=\nQ10=1;4\nQ2=3\nQ9.15=5\n");
  EXPECT_EQ(TruthText({}), "");
}

TEST_F(ScanGeneratorTest, TruthForPageKeepsTheItemsPrintedThere) {
  const AnswerPlan plan = PlanAnswers(tmpl_->survey, {}, 1);
  std::size_t total = 0;
  for (const LayoutPage& page : tmpl_->layout.pages) {
    const auto on_page = TruthForPage(plan.truth, page);
    for (const ItemTruth& t : on_page) {
      EXPECT_TRUE(std::any_of(page.bubbles.begin(), page.bubbles.end(),
                              [&](const LayoutBubble& b) { return b.question == t.item; }));
    }
    total += on_page.size();
  }
  EXPECT_GE(total, plan.truth.size());  // an item split over two pages counts twice
}

TEST_F(ScanGeneratorTest, PngRoundTripAndAFailureNamingThePath) {
  GreyImage image(7, 5, 200);
  image.at(2, 3) = 10;
  const std::string path = (*dir_ / "tiny.png").string();
  ASSERT_TRUE(WritePng(image, path).ok());
  auto back = ReadPng(path);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->width, 7);
  EXPECT_EQ(back->pixels, image.pixels);
  const std::string bad = (*dir_ / "no-such-folder" / "x.png").string();
  const Status status = WritePng(image, bad);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message().rfind(bad + ": ", 0), 0u) << status.message();
  EXPECT_FALSE(ReadPng(bad).ok());
}

// Pages a person can look at: every mark style, stray marks, and a moderately bad scanner, on
// the first two pages. Kept (with their .expected truth and the list of marks) only when
// PHIEU_KEEP_TEST_OUTPUT is set.
TEST_F(ScanGeneratorTest, MarkedDegradedPagesForHumans) {
  const AnswerPlan plan = PlanAnswers(tmpl_->survey, {0.5, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05}, 7);
  ScanConditions conditions;
  conditions.rotate_deg = 1.2;
  conditions.perspective = 0.004;
  conditions.blur_sigma_px = 0.6;
  conditions.noise_sigma = 4;
  conditions.jpeg_quality = 85;
  conditions.paper_grey = 240;
  std::string styles;
  for (const PenMark& mark : plan.marks) {
    styles +=
        mark.question + "=" + mark.option + " " + std::string(MarkStyleName(mark.style)) + "\n";
  }
  for (int index = 0; index < 2; ++index) {
    const LayoutPage& page = Page(index);
    const GreyImage marked = DrawStrayMarks(
        DrawPenMarks(Printed(index), page, plan.marks, kDpi, 7 + index), kDpi, 7 + index);
    const GreyImage scan = ApplyScanConditions(marked, conditions, QrBoxPx(page), 7 + index);
    EXPECT_GT(scan.width, Printed(index).width);
    if (std::getenv("PHIEU_KEEP_TEST_OUTPUT")) {
      const std::string name = "page" + std::to_string(page.number);
      ASSERT_TRUE(WritePng(marked, (*dir_ / (name + "-marked.png")).string()).ok());
      ASSERT_TRUE(WritePng(scan, (*dir_ / (name + "-scan.png")).string()).ok());
      std::ofstream(*dir_ / (name + "-scan.expected")) << TruthText(TruthForPage(plan.truth, page));
      std::ofstream(*dir_ / "marks.txt") << styles;
    }
  }
}

// Handwriting for the write-in tests: inside its box only, as many lines as the box holds, and the
// same bytes for the same seed.
TEST(DrawHandwritingTest, InkStaysInsideItsBoxAndASeedGivesTheSameBytes) {
  constexpr double kDpi = 150, k = kDpi / 72;
  const GreyImage paper(600, 500);
  for (const Rect box : {Rect{20, 30, 127.56, 13.11}, Rect{10, 80, 260, 99.21}}) {
    const GreyImage written = DrawHandwriting(paper, box, 12, kDpi, 7);
    int inside = 0, outside = 0;
    std::set<int> rows;
    for (int y = 0; y < written.height; ++y) {
      for (int x = 0; x < written.width; ++x) {
        if (written.at(x, y) > 128) continue;
        const bool in = x >= box.x * k - 1 && x <= box.right() * k + 1 && y >= box.y * k - 1 &&
                        y <= box.bottom() * k + 1;
        (in ? inside : outside) += 1;
        rows.insert(y);
      }
    }
    EXPECT_EQ(outside, 0) << box.h;
    EXPECT_GT(inside, 100) << box.h;
    // The five-line box gets words on more than one line: ink spread over more than 7 mm.
    if (box.h > 50) EXPECT_GT(*rows.rbegin() - *rows.begin(), 7 / 25.4 * kDpi) << box.h;
    EXPECT_EQ(DrawHandwriting(paper, box, 12, kDpi, 7).pixels, written.pixels);
    EXPECT_NE(DrawHandwriting(paper, box, 12, kDpi, 8).pixels, written.pixels);
  }
}

}  // namespace
}  // namespace phieu
