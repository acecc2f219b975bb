// Fold lines (scanner/fold_lines.h): found where a fold runs across a filled form, never on a
// page without one, never a dark ruled line; their shadow lifted without touching pen ink; and a
// fold through the answers changes no item's decision.

#include "scanner/fold_lines.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "core/mark_decision.h"
#include "core/printed_areas.h"
#include "forms/form_batch.h"
#include "scanner/explain.h"
#include "scanner/image_source.h"
#include "scanner/page_reader.h"
#include "synthetic/answer_plan.h"
#include "tests/synthetic/scan_families.h"
#include "synthetic/scan_generator.h"

namespace phieu {
namespace {

constexpr const char* kSecret = "fold-lines-test-secret";
constexpr double kDpi = 200;
constexpr double kPxPerMm = kDpi / 25.4;

// A straight line of light shadow through `at` (pixels) at `angle_deg`: a dark core `width_mm`
// wide, `darkness` of the way from the paper to black, as a flattened fold shows.
GreyImage DrawFold(GreyImage page, PointF at, double angle_deg, double width_mm, double darkness) {
  const double ux = std::cos(angle_deg * M_PI / 180), uy = std::sin(angle_deg * M_PI / 180);
  const double sigma = width_mm * kPxPerMm / 2;
  for (int y = 0; y < page.height; ++y) {
    for (int x = 0; x < page.width; ++x) {
      const double d = std::abs((x - at.x) * uy - (y - at.y) * ux);
      if (d > 4 * sigma) continue;
      std::uint8_t& v = page.at(x, y);
      v = static_cast<std::uint8_t>(
          std::lround(v * (1 - darkness * std::exp(-d * d / (2 * sigma * sigma)))));
    }
  }
  return page;
}

// Distance in pixels from `p` to `fold`'s line.
double DistanceToFold(const FoldLine& fold, PointF p) {
  return std::abs((p.x - fold.point.x) * fold.direction.y -
                  (p.y - fold.point.y) * fold.direction.x);
}

class FoldLinesTest : public testing::Test {
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
    const AnswerPlan plan = PlanAnswers(tmpl_->survey, {}, 11);
    filled_ = new std::vector<GreyImage>();
    for (std::size_t p = 0; p < pages->size(); ++p) {
      filled_->push_back(
          DrawPenMarks((*pages)[p].image, tmpl_->layout.pages[p], plan.marks, kDpi, 70 + p));
    }
  }
  static void TearDownTestSuite() {
    delete tmpl_;
    delete code_;
    delete filled_;
  }

  static PageReading Read(const GreyImage& image) {
    PageReader reader(
        [](const std::string& id) { return id == tmpl_->id ? &tmpl_->layout : nullptr; },
        [](const std::string&) -> std::optional<std::string> { return tmpl_->id; }, {kSecret, {}});
    PageReading reading = reader.Read(image);
    EXPECT_EQ(reading.outcome, PageOutcome::kRead) << reading.reason;
    return reading;
  }

  // The folds on page `p` (0-based) as `reading` registered it.
  static std::vector<FoldLine> Folds(const GreyImage& image, std::size_t p,
                                     const PageReading& reading) {
    const LayoutPage& page = tmpl_->layout.pages[p];
    return FindFoldLines(image, page, reading.registration, PrintedAreas(page));
  }

  static std::vector<ItemReading> Decide(const PageReading& reading) {
    return DecideItems(AnswerItems(tmpl_->survey), reading.bubbles, MarkThresholds());
  }

  static inline FormTemplate* tmpl_ = nullptr;
  static inline std::string* code_ = nullptr;
  static inline std::vector<GreyImage>* filled_ = nullptr;
};

TEST_F(FoldLinesTest, AFoldAcrossAFilledPageIsFoundWhereItRuns) {
  const GreyImage& flat = (*filled_)[3];  // the long satisfaction grid: bubbles everywhere
  const PointF at{flat.width * 0.45, flat.height * 0.55};
  for (double angle : {8.0, 63.0, 131.0, 176.0}) {
    const GreyImage folded = DrawFold(flat, at, angle, 0.3, 0.25);
    const PageReading reading = Read(folded);
    const auto folds = Folds(folded, 3, reading);
    ASSERT_EQ(folds.size(), 1u) << "fold at " << angle << " degrees";
    EXPECT_EQ(reading.folds.size(), 1u);
    EXPECT_NE(ExplainItems(reading, AnswerItems(tmpl_->survey), MarkThresholds())
                  .find("a fold across the page"),
              std::string::npos);
    // Two points of the drawn line, 80 mm either side of where it was drawn through.
    const double ux = std::cos(angle * M_PI / 180), uy = std::sin(angle * M_PI / 180);
    for (double t : {-80.0, 80.0}) {
      const PointF p{at.x + ux * t * kPxPerMm, at.y + uy * t * kPxPerMm};
      EXPECT_LT(DistanceToFold(folds[0], p), 0.4 * kPxPerMm) << "fold at " << angle << " degrees";
    }
    EXPECT_GT(folds[0].darkness, 0.1);
    EXPECT_LT(folds[0].darkness, kFoldMaxDarkness);
  }
}

TEST_F(FoldLinesTest, NoFoldIsFoundOnFilledPagesWithoutOne) {
  for (std::size_t p = 0; p < filled_->size(); ++p) {
    ScanConditions noisy;
    noisy.rotate_deg = 1.2, noisy.noise_sigma = 6, noisy.jpeg_quality = 70;
    const GreyImage scanned = ApplyScanConditions((*filled_)[p], noisy, {0, 0, 1, 1}, 90 + p);
    for (const GreyImage* image : {static_cast<const GreyImage*>(&(*filled_)[p]), &scanned}) {
      const PageReading reading = Read(*image);
      EXPECT_TRUE(Folds(*image, p, reading).empty()) << "page " << p + 1;
    }
  }
}

TEST_F(FoldLinesTest, ADarkStraightLineIsNotAFold) {
  const GreyImage& flat = (*filled_)[3];
  const GreyImage ruled = DrawFold(flat, {flat.width * 0.5, flat.height * 0.5}, 70, 0.4, 0.9);
  const PageReading reading = Read(ruled);
  EXPECT_TRUE(Folds(ruled, 3, reading).empty());
}

TEST_F(FoldLinesTest, LiftingAFoldsShadowLeavesPenInkAndPrintAsTheyWere) {
  const GreyImage& flat = (*filled_)[3];
  const PointF at{flat.width * 0.45, flat.height * 0.55};
  const GreyImage folded = DrawFold(flat, at, 63, 0.3, 0.25);
  const PageReading reading = Read(folded);
  const auto folds = Folds(folded, 3, reading);
  ASSERT_EQ(folds.size(), 1u);
  const GreyImage lifted = WithoutFoldShadows(folded, folds, reading.registration);
  int shadow = 0, lifted_shadow = 0, ink = 0, ink_kept = 0;
  const double paper = reading.registration.paper_level;
  for (int y = 0; y < flat.height; ++y) {
    for (int x = 0; x < flat.width; ++x) {
      if (folded.at(x, y) == flat.at(x, y)) continue;  // off the fold
      if (flat.at(x, y) > paper - 20) {                // paper the fold shadowed
        ++shadow;
        lifted_shadow += lifted.at(x, y) > paper - 20;
      } else if (flat.at(x, y) < 0.4 * paper) {  // ink (print or pen) the fold ran over
        ++ink;
        ink_kept += lifted.at(x, y) == folded.at(x, y);
      }
    }
  }
  ASSERT_GT(shadow, 1000);
  ASSERT_GT(ink, 50);
  EXPECT_GT(lifted_shadow, 0.97 * shadow);
  EXPECT_EQ(ink_kept, ink);
}

// A crease through the answers (the independent scan family's: a shadow line, the far side
// shifted by up to 1 mm) is never read as a mark: each item reads as on the flat page, or at worst
// goes to a person (a fill split in two by the shift), and that seldom.
TEST_F(FoldLinesTest, AFoldThroughTheAnswersIsNeverReadAsAMark) {
  int creased_pages = 0, found = 0, to_review = 0;
  for (std::size_t p = 0; p < filled_->size(); ++p) {
    const std::vector<ItemReading> flat = Decide(Read((*filled_)[p]));
    for (std::uint64_t seed : {3u, 4u}) {
      const PageReading reading = Read(Crease((*filled_)[p], 1000 * p + seed));
      ++creased_pages;
      found += reading.folds.size() == 1;
      const std::vector<ItemReading> folded = Decide(reading);
      ASSERT_EQ(folded.size(), flat.size());
      for (std::size_t i = 0; i < flat.size(); ++i) {
        if (folded[i].state == ItemState::kReview && flat[i].state != ItemState::kReview) {
          ++to_review;
          continue;
        }
        EXPECT_EQ(ItemStateName(folded[i].state), ItemStateName(flat[i].state))
            << "page " << p + 1 << " crease " << seed << " item " << flat[i].item << ": "
            << folded[i].why;
        EXPECT_EQ(folded[i].options, flat[i].options)
            << "page " << p + 1 << " item " << flat[i].item;
      }
    }
  }
  EXPECT_GE(found, creased_pages - 2);
  EXPECT_LE(to_review, 2);
}

}  // namespace
}  // namespace phieu
