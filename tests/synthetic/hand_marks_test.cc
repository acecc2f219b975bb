// Family B (hand marks, real marks, scan families), checked against what it was asked to draw:
// a printed sipas-2022 form rasterised at 200 dpi, with marks on known bubbles, measured where
// the layout says the bubbles are.

#include "tests/synthetic/hand_marks.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "forms/form_batch.h"
#include "scanner/image_source.h"
#include "tests/synthetic/real_marks.h"
#include "tests/synthetic/scan_families.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

constexpr double kDpi = 200;
constexpr double kPx = kDpi / kPointsPerInch;  
class HandMarksTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path dir = fs::temp_directory_path() / ("phieu-hand-marks-" + std::to_string(::getpid()));
    fs::create_directories(dir);
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
    const fs::path pdf = dir / "form.pdf";
    std::ofstream(pdf, std::ios::binary) << batch->pdf;
    auto pages = RenderPdfPages(pdf.string(), kDpi, 1);
    ASSERT_TRUE(pages.ok()) << pages.status().message();
    page_ = new GreyImage(std::move(pages->at(0).image));
    fs::remove_all(dir);
    auto real = LoadRealMarks(PHIEU_REAL_MARKS_DIR);
    ASSERT_TRUE(real.ok()) << real.status().message();
    real_ = new RealMarkSet(std::move(*real));
  }
  static void TearDownTestSuite() {
    delete tmpl_;
    delete page_;
    delete real_;
  }

  static const LayoutPage& Page() { return tmpl_->layout.pages.at(0); }
  static const LayoutBubble& Bubble(int n) { return Page().bubbles[n % Page().bubbles.size()]; }
  static GreyImage Draw(const LayoutBubble& b, HandMarkKind kind, std::uint64_t seed, int real_index = -1) {
    return DrawHandMarks(*page_, Page(), {{b.question, b.option, kind, real_index}}, kDpi, seed, real_);
  }

  static FormTemplate* tmpl_;
  static GreyImage* page_;
  static RealMarkSet* real_;
};

FormTemplate* HandMarksTest::tmpl_ = nullptr;
GreyImage* HandMarksTest::page_ = nullptr;
RealMarkSet* HandMarksTest::real_ = nullptr;

// Fraction of the pixels within radii [r0, r1) (pixels) of the bubble's centre that `marked`
// made darker than `printed` by more than 40 grey levels: where the hand put ink.
double InkedFraction(const GreyImage& printed, const GreyImage& marked, const LayoutBubble& b,
                     double r0, double r1) {
  const double cx = b.box.centre_x() * kPx, cy = b.box.centre_y() * kPx;
  int inked = 0, total = 0;
  for (int y = static_cast<int>(cy - r1) - 1; y <= static_cast<int>(cy + r1) + 1; ++y) {
    for (int x = static_cast<int>(cx - r1) - 1; x <= static_cast<int>(cx + r1) + 1; ++x) {
      if (x < 0 || y < 0 || x >= printed.width || y >= printed.height) continue;
      const double d = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
      if (d < r0 || d >= r1) continue;
      ++total;
      inked += printed.at(x, y) - marked.at(x, y) > 40;
    }
  }
  return total == 0 ? 0 : static_cast<double>(inked) / total;
}

double InnerRadius(const LayoutBubble& b) { return (b.box.w / 2 - kBubbleLinePt) * kPx; }
double OuterRadius(const LayoutBubble& b) { return b.box.w / 2 * kPx; }

TEST_F(HandMarksTest, SameSeedSameBytes) {
  std::vector<HandMark> marks;
  for (int i = 0; i < 11; ++i) {
    marks.push_back({Bubble(i * 3).question, Bubble(i * 3).option, static_cast<HandMarkKind>(i),
                     i == 10 ? 5 : -1});
  }
  const GreyImage a = DrawHandMarks(*page_, Page(), marks, kDpi, 42, real_);
  const GreyImage b = DrawHandMarks(*page_, Page(), marks, kDpi, 42, real_);
  const GreyImage c = DrawHandMarks(*page_, Page(), marks, kDpi, 43, real_);
  EXPECT_EQ(a.pixels, b.pixels);
  EXPECT_NE(a.pixels, c.pixels);
}

TEST_F(HandMarksTest, FillCoversTheInnerDisc) {
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    const LayoutBubble& b = Bubble(static_cast<int>(seed) * 7);
    const GreyImage marked = Draw(b, HandMarkKind::kFill, seed);
    EXPECT_GT(InkedFraction(*page_, marked, b, 0, InnerRadius(b)), 0.8) << "seed " << seed;
  }
}

TEST_F(HandMarksTest, ScribbleLeavesGaps) {
  double sum = 0;
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    const LayoutBubble& b = Bubble(static_cast<int>(seed) * 5);
    const double covered =
        InkedFraction(*page_, Draw(b, HandMarkKind::kScribble, seed), b, 0, InnerRadius(b));
    EXPECT_GT(covered, 0.3) << "seed " << seed;
    EXPECT_LT(covered, 0.92) << "seed " << seed;
    sum += covered;
  }
  EXPECT_GT(sum / 16, 0.45);
  EXPECT_LT(sum / 16, 0.8);
}

TEST_F(HandMarksTest, CircleLeavesTheBubbleEmpty) {
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    const LayoutBubble& b = Bubble(static_cast<int>(seed) * 3);
    const GreyImage marked = Draw(b, HandMarkKind::kCircle, seed);
    EXPECT_LT(InkedFraction(*page_, marked, b, 0, InnerRadius(b)), 0.01) << "seed " << seed;
    EXPECT_GT(InkedFraction(*page_, marked, b, OuterRadius(b) * 1.15, OuterRadius(b) * 2.2), 0.08)
        << "seed " << seed;
  }
}

TEST_F(HandMarksTest, TickRunsWellOutsideTheBubble) {
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    const LayoutBubble& b = Bubble(static_cast<int>(seed) * 11);
    const GreyImage marked = Draw(b, HandMarkKind::kTick, seed);
    EXPECT_GT(InkedFraction(*page_, marked, b, 0, InnerRadius(b)), 0.03) << "seed " << seed;
    // Ink beyond 1.3 diameters from the centre: the long arm.
    EXPECT_GT(InkedFraction(*page_, marked, b, OuterRadius(b) * 2.2, OuterRadius(b) * 3), 0.002)
        << "seed " << seed;
  }
}

TEST_F(HandMarksTest, XCrossesTheDiscWithoutFillingIt) {
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    const LayoutBubble& b = Bubble(static_cast<int>(seed) * 13);
    const double covered = InkedFraction(*page_, Draw(b, HandMarkKind::kX, seed), b, 0, InnerRadius(b));
    EXPECT_GT(covered, 0.08) << "seed " << seed;
    EXPECT_LT(covered, 0.75) << "seed " << seed;
  }
}

TEST_F(HandMarksTest, DotAndPartialAreSmallerThanAFill) {
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    const LayoutBubble& b = Bubble(static_cast<int>(seed) * 17);
    const double dot = InkedFraction(*page_, Draw(b, HandMarkKind::kDot, seed), b, 0, InnerRadius(b));
    EXPECT_GT(dot, 0.01) << "seed " << seed;
    EXPECT_LT(dot, 0.3) << "seed " << seed;
    const double partial =
        InkedFraction(*page_, Draw(b, HandMarkKind::kPartial, seed), b, 0, InnerRadius(b));
    EXPECT_GT(partial, 0.1) << "seed " << seed;
    EXPECT_LT(partial, 0.7) << "seed " << seed;
  }
}

TEST_F(HandMarksTest, PencilIsLightAndGrainy) {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const LayoutBubble& b = Bubble(static_cast<int>(seed) * 19);
    const GreyImage marked = Draw(b, HandMarkKind::kPencil, seed);
    const double cx = b.box.centre_x() * kPx, cy = b.box.centre_y() * kPx, r = InnerRadius(b) - 1;
    double sum = 0, squares = 0;
    int n = 0;
    for (int y = static_cast<int>(cy - r); y <= static_cast<int>(cy + r); ++y) {
      for (int x = static_cast<int>(cx - r); x <= static_cast<int>(cx + r); ++x) {
        if (std::hypot(x + 0.5 - cx, y + 0.5 - cy) > r) continue;
        sum += marked.at(x, y), squares += marked.at(x, y) * marked.at(x, y), ++n;
      }
    }
    const double mean = sum / n, sd = std::sqrt(squares / n - mean * mean);
    EXPECT_GT(mean, 110) << "seed " << seed;
    EXPECT_LT(mean, 215) << "seed " << seed;
    EXPECT_GT(sd, 12) << "seed " << seed;  // grain, not a flat grey
  }
}

TEST_F(HandMarksTest, StrayStaysOutOfTheDisc) {
  for (std::uint64_t seed = 1; seed <= 16; ++seed) {
    const LayoutBubble& b = Bubble(static_cast<int>(seed) * 23);
    const GreyImage marked = Draw(b, HandMarkKind::kStray, seed);
    EXPECT_EQ(InkedFraction(*page_, marked, b, 0, InnerRadius(b) - 0.5), 0) << "seed " << seed;
    EXPECT_GT(InkedFraction(*page_, marked, b, OuterRadius(b), OuterRadius(b) * 2.5), 0.002)
        << "seed " << seed;
  }
}

TEST_F(HandMarksTest, MarksOffThePageAreIgnored) {
  const GreyImage marked = DrawHandMarks(*page_, Page(), {{"NOPE", "1", HandMarkKind::kFill}}, kDpi, 1);
  EXPECT_EQ(marked.pixels, page_->pixels);
}

TEST_F(HandMarksTest, RealMarkIsComposited) {
  const std::vector<int> fills = real_->WithLabel(RealMarkLabel::kFill);
  const LayoutBubble& b = Bubble(4);
  const GreyImage marked = Draw(b, HandMarkKind::kReal, 3, fills[10]);
  EXPECT_GT(InkedFraction(*page_, marked, b, 0, InnerRadius(b)), 0.6);
  EXPECT_THROW(Draw(b, HandMarkKind::kReal, 3, -1), std::logic_error);
}

TEST_F(HandMarksTest, LoadsEveryRealMarkWithItsLabel) {
  EXPECT_EQ(real_->marks.size(), 552u);
  const std::map<RealMarkLabel, std::size_t> expected = {
      {RealMarkLabel::kFill, 475}, {RealMarkLabel::kScribble, 2}, {RealMarkLabel::kPartial, 2},
      {RealMarkLabel::kLight, 35}, {RealMarkLabel::kDot, 4},      {RealMarkLabel::kStray, 2},
      {RealMarkLabel::kEmpty, 32}};
  for (const auto& [label, count] : expected) {
    EXPECT_EQ(real_->WithLabel(label).size(), count) << RealMarkLabelName(label);
  }
  EXPECT_EQ(real_->marks[0].sheet, "umar1");
  for (const RealMark& mark : real_->marks) {
    EXPECT_EQ(mark.alpha.width, 80);
    EXPECT_EQ(mark.alpha.height, 80);
  }
}

TEST(RealMarksTest, MissingFolderNamesTheFile) {
  auto set = LoadRealMarks("/nonexistent-real-marks");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().message(), "/nonexistent-real-marks/labels.csv: cannot open");
}

TEST(RealMarksTest, BadLabelNamesTheLine) {
  const fs::path dir = fs::temp_directory_path() / ("phieu-real-marks-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "labels.csv") << "file,label\nx-1.png,blot\n";
  auto set = LoadRealMarks(dir.string());
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().message(), (dir / "labels.csv").string() + ":2: unknown label 'blot'");
  std::ofstream(dir / "labels.csv") << "file,label\nx-1.png,fill\n";
  set = LoadRealMarks(dir.string());
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().message(), (dir / "labels.csv").string() + ":2: cannot read mask '" +
                                        (dir / "x-1.png").string() + "'");
  fs::remove_all(dir);
}

// The plan: certainties per kind, multi items, changed answers.
class HandPlanTest : public HandMarksTest {
 protected:
  static HandMix Only(HandMarkKind kind) {
    HandMix mix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    switch (kind) {
      case HandMarkKind::kFill: mix.fill = 1; break;
      case HandMarkKind::kScribble: mix.scribble = 1; break;
      case HandMarkKind::kX: mix.x = 1; break;
      case HandMarkKind::kTick: mix.tick = 1; break;
      case HandMarkKind::kCircle: mix.circle = 1; break;
      case HandMarkKind::kDot: mix.dot = 1; break;
      case HandMarkKind::kPartial: mix.partial = 1; break;
      case HandMarkKind::kPencil: mix.pencil = 1; break;
      case HandMarkKind::kChanged: mix.changed = 1; break;
      case HandMarkKind::kStray: mix.stray = 1; break;
      case HandMarkKind::kReal: mix.real = 1; break;
    }
    return mix;
  }
};

TEST_F(HandPlanTest, CertaintyFollowsTheKind) {
  const std::map<HandMarkKind, MarkCertainty> expected = {
      {HandMarkKind::kFill, MarkCertainty::kClear},    {HandMarkKind::kScribble, MarkCertainty::kClear},
      {HandMarkKind::kX, MarkCertainty::kClear},       {HandMarkKind::kTick, MarkCertainty::kClear},
      {HandMarkKind::kCircle, MarkCertainty::kClear},  {HandMarkKind::kDot, MarkCertainty::kUnsure},
      {HandMarkKind::kPartial, MarkCertainty::kUnsure}, {HandMarkKind::kPencil, MarkCertainty::kUnsure}};
  for (const auto& [kind, certainty] : expected) {
    const HandPlan plan = PlanHandAnswers(tmpl_->survey, Only(kind), 9);
    ASSERT_FALSE(plan.truth.empty());
    for (const ItemTruth& truth : plan.truth) {
      EXPECT_EQ(truth.certainty, certainty) << HandMarkKindName(kind) << " " << truth.item;
      EXPECT_FALSE(truth.intended.empty()) << truth.item;
    }
    for (const HandMark& mark : plan.marks) EXPECT_EQ(mark.kind, kind);
  }
}

TEST_F(HandPlanTest, StrayIsBlankButUnsure) {
  const HandPlan plan = PlanHandAnswers(tmpl_->survey, Only(HandMarkKind::kStray), 9);
  for (const ItemTruth& truth : plan.truth) {
    EXPECT_TRUE(truth.intended.empty()) << truth.item;
    EXPECT_EQ(truth.certainty, MarkCertainty::kUnsure) << truth.item;
  }
}

TEST_F(HandPlanTest, ChangedMovesTheAnswerToAnotherOption) {
  const HandPlan plan = PlanHandAnswers(tmpl_->survey, Only(HandMarkKind::kChanged), 9);
  std::map<std::string, std::vector<HandMark>> by_item;
  for (const HandMark& mark : plan.marks) by_item[mark.question].push_back(mark);
  int changed = 0;
  for (const ItemTruth& truth : plan.truth) {
    if (truth.certainty != MarkCertainty::kChanged) continue;
    ++changed;
    for (const HandMark& mark : by_item[truth.item]) {
      const bool intended = std::count(truth.intended.begin(), truth.intended.end(), mark.option) > 0;
      EXPECT_EQ(intended, mark.kind == HandMarkKind::kFill) << truth.item << "=" << mark.option;
    }
  }
  EXPECT_GT(changed, 10);
}

TEST_F(HandPlanTest, RealLabelsDecideTheTruth) {
  const HandPlan plan = PlanHandAnswers(tmpl_->survey, Only(HandMarkKind::kReal), 5, real_);
  std::map<std::string, const ItemTruth*> truths;
  for (const ItemTruth& truth : plan.truth) truths[truth.item] = &truth;
  std::map<RealMarkLabel, int> seen;
  for (const HandMark& mark : plan.marks) {
    ASSERT_GE(mark.real_index, 0);
    const RealMarkLabel label = real_->marks[mark.real_index].label;
    ++seen[label];
    const ItemTruth& truth = *truths.at(mark.question);
    const bool intended = std::count(truth.intended.begin(), truth.intended.end(), mark.option) > 0;
    const bool meant = label != RealMarkLabel::kStray && label != RealMarkLabel::kEmpty;
    EXPECT_EQ(intended, meant) << RealMarkLabelName(label);
    if (label == RealMarkLabel::kLight || label == RealMarkLabel::kDot) {
      EXPECT_EQ(truth.certainty, MarkCertainty::kUnsure);
    }
  }
  EXPECT_GE(seen.size(), 4u);
  EXPECT_THROW(PlanHandAnswers(tmpl_->survey, Only(HandMarkKind::kReal), 5), std::logic_error);
}

TEST_F(HandPlanTest, MultiItemsGetOneToThreeOptions) {
  HandMix mix;
  mix.blank = 0;
  const HandPlan plan = PlanHandAnswers(tmpl_->survey, mix, 3);
  std::map<std::string, QuestionKind> kinds;
  for (const AnswerItem& item : AnswerItems(tmpl_->survey)) kinds[item.code] = item.kind;
  bool several = false;
  for (const ItemTruth& truth : plan.truth) {
    EXPECT_NE(kinds.at(truth.item), QuestionKind::kText);
    if (kinds.at(truth.item) == QuestionKind::kMulti) {
      EXPECT_LE(truth.intended.size(), 3u);
      several |= truth.intended.size() > 1;
    } else {
      EXPECT_LE(truth.intended.size(), 1u);
    }
  }
  EXPECT_TRUE(several);
  EXPECT_EQ(PlanHandAnswers(tmpl_->survey, mix, 3).marks.size(), plan.marks.size());
}

// Scan families.
TEST_F(HandMarksTest, CutCornerRemovesTheMark) {
  for (int corner = 0; corner < 4; ++corner) {
    // Layout marks: top-left, top-right, bottom-left, bottom-right; corners go round the page.
    const Rect mark = Page().marks.at(corner == 0 ? 0 : corner == 1 ? 1 : corner == 2 ? 3 : 2);
    const int x = static_cast<int>(mark.centre_x() * kPx), y = static_cast<int>(mark.centre_y() * kPx);
    ASSERT_LT(page_->at(x, y), 60);
    const GreyImage white = CutCorner(*page_, corner, 30, false, corner);
    EXPECT_GT(white.at(x, y), 230) << corner;
    const GreyImage dark = CutCorner(*page_, corner, 30, true, corner);
    EXPECT_NEAR(dark.at(x, y), 40, 15) << corner;
    // The opposite corner's mark is untouched.
    const Rect other = Page().marks.at(corner == 0 ? 3 : corner == 1 ? 2 : corner == 2 ? 0 : 1);
    EXPECT_LT(white.at(static_cast<int>(other.centre_x() * kPx), static_cast<int>(other.centre_y() * kPx)), 60);
  }
}

TEST_F(HandMarksTest, ScanFamiliesAreDeterministic) {
  EXPECT_EQ(Crease(*page_, 5).pixels, Crease(*page_, 5).pixels);
  EXPECT_NE(Crease(*page_, 5).pixels, page_->pixels);
  PhoneConditions phone;
  phone.out_long_side_px = 1200;
  const GreyImage photo = PhonePhoto(*page_, phone, 3);
  EXPECT_EQ(photo.pixels, PhonePhoto(*page_, phone, 3).pixels);
  EXPECT_EQ(photo.height, 1200);
  EXPECT_EQ(photo.width, 900);
  const FlatbedB flatbed{2, 1.01, 0.7, 2, 240, 85};
  EXPECT_EQ(FlatbedScan(*page_, flatbed, 1).pixels, FlatbedScan(*page_, flatbed, 1).pixels);
}

TEST_F(HandMarksTest, BilevelIsBlackAndWhite) {
  const GreyImage bilevel = Bilevel(*page_, 160);
  for (std::uint8_t p : bilevel.pixels) ASSERT_TRUE(p == 0 || p == 255);
}

TEST_F(HandMarksTest, PhonePhotoShowsTheDeskAroundThePage) {
  PhoneConditions phone;
  phone.out_long_side_px = 1200;
  const GreyImage photo = PhonePhoto(*page_, phone, 11);
  // The frame's edges are desk (darker than paper), its middle is paper.
  double edge = 0, middle = 0;
  for (int y = 0; y < photo.height; ++y) edge += photo.at(2, y) + photo.at(photo.width - 3, y);
  edge /= 2 * photo.height;
  for (int y = photo.height / 2 - 20; y < photo.height / 2 + 20; ++y) middle = std::max<double>(middle, photo.at(photo.width / 2, y));
  EXPECT_LT(edge, middle - 30);
}

TEST_F(HandMarksTest, LaserHalftoneResamplesToTheOutputDpi) {
  const GreyImage out = LaserHalftone(*page_, 100, 2);  // the 200 dpi page stands in for 600
  EXPECT_EQ(out.width, static_cast<int>(std::lround(page_->width / 6.0)));
  EXPECT_EQ(out.pixels, LaserHalftone(*page_, 100, 2).pixels);
  EXPECT_THROW(LaserHalftone(*page_, 700, 2), std::logic_error);
}

// A light pen stroke drawn on a laser-printed form keeps its ink whole; on a photocopy of the
// filled form the same stroke is broken into toner dots.
TEST(LaserPrintTest, PenOnALaserPrintIsNotHalftonedButAPhotocopyOfItIs) {
  GreyImage blank;
  blank.width = 600, blank.height = 300;
  blank.pixels.assign(static_cast<std::size_t>(blank.width) * blank.height, 255);
  const auto draw_stroke = [](GreyImage page) {  // a blue ball-point line, 0.5 mm at 600 dpi
    for (int y = 144; y < 156; ++y) {
      for (int x = 60; x < 540; ++x) page.pixels[static_cast<std::size_t>(y) * page.width + x] = 110;
    }
    return page;
  };
  // The stroke's darkest value in each column across its middle, at 200 dpi.
  const auto column_spread = [](const GreyImage& scan) {
    int lightest = 0, darkest = 255;
    for (int x = 30; x < 170; ++x) {
      int column = 255;
      for (int y = 45; y < 55; ++y) column = std::min<int>(column, scan.at(x, y));
      lightest = std::max(lightest, column), darkest = std::min(darkest, column);
    }
    return lightest - darkest;
  };
  const GreyImage pen_on_print = ScanFrom600(draw_stroke(LaserPrint(blank, 7)), 200, 7);
  const GreyImage photocopy = LaserHalftone(draw_stroke(blank), 200, 7);
  ASSERT_EQ(pen_on_print.width, 200);
  const int whole = column_spread(pen_on_print), dotted = column_spread(photocopy);
  EXPECT_LT(whole, 25) << "sensor noise only: " << whole << " vs " << dotted;
  EXPECT_GT(dotted, 2 * whole) << "dots and gaps along the line";
  EXPECT_THROW(ScanFrom600(blank, 601, 1), std::logic_error);
}

}  // namespace
}  // namespace phieu
