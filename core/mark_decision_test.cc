#include "core/mark_decision.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

AnswerItem Item(const std::string& code, QuestionKind kind, int options) {
  AnswerItem item{code, code, kind, "text", "", {}};
  for (int i = 1; i <= options; ++i) item.options.push_back({std::to_string(i), "o", false});
  return item;
}

constexpr int kAllFree = (1 << kHaloSectors) - 1;

// Evidence of typical marks, as the scanner measures them (coverage, fill, ink, masks).
BubbleScore Empty() { return {"", "", 0.01, 0.02, 0, 0.00, 0.05, 0, 0, kAllFree}; }
BubbleScore Solid() { return {"", "", 0.85, 0.95, 0, 0.90, 1.0, 0, 0, kAllFree}; }
BubbleScore SolidSpill() { return {"", "", 0.85, 0.95, 0, 0.90, 1.0, 0b11, 0b1, kAllFree}; }
// An X: two strokes through the inside, crossing the ring in four directions.
// Its ink (darkest tenth) is light: the strokes are thin; their peak is a pen's.
BubbleScore Cross() { return {"", "", 0.25, 0.40, 0, 0.18, 0.95, 0b100100100100, 0, kAllFree}; }
// A tick: its long arm leaves the bubble to the upper right.
BubbleScore Tick() {
  return {"", "", 0.15, 0.35, 0, 0.12, 0.95, 0b1000000000, 0b11000000000, kAllFree};
}
// A circle drawn round an empty bubble.
BubbleScore Circled() { return {"", "", 0.01, 0.05, 0, 0.00, 0.1, 0, 0b111111111110, kAllFree}; }
// A fill crossed out with an X larger than the bubble.
BubbleScore Struck() {
  return {"", "", 0.85, 0.95, 0, 0.90, 1.0, 0b100100100100, 0b100100100100, kAllFree};
}
BubbleScore Pencil() { return {"", "", 0.30, 0.40, 0, 0.05, 0.42, 0, 0, kAllFree}; }
BubbleScore Dot() { return {"", "", 0.05, 0.90, 0, 0.05, 1.0, 0, 0, kAllFree}; }
// A fill whose X shows across the ring and in two separate halo sectors only (thin, or near the
// neighbours).
BubbleScore FaintlyStruck() {
  return {"", "", 0.85, 0.95, 0, 0.90, 1.0, 0b000001111100, 0b000001000100, kAllFree};
}
// A bilevel scan's ragged fill: it pokes past its ring in three places, nothing in the halo.
BubbleScore RaggedFill() {
  return {"", "", 1.0, 1.0, 0, 1.0, 1.0, 0b010000101000, 0, kAllFree};
}
// Nothing inside, one stroke in the halo: a sibling's X reaching over, or a tick beside it.
BubbleScore Beside() { return {"", "", 0.0, 0.01, 0, 0.00, 0.02, 0, 0b1, kAllFree}; }
// A small tick wholly inside the ring: it crosses no ring and leaves nothing in the halo; its
// shape reaches most of the way across in a thin stroke.
BubbleScore SmallTick() {
  BubbleScore s{"", "", 0.10, 0.35, 0, 0.16, 0.90, 0, 0, kAllFree};
  s.span = 0.85, s.thickness = 0.17;
  return s;
}
// A dot wholly inside: as dark and as much ink, but it does not reach across.
BubbleScore InsideDot() {
  BubbleScore s = SmallTick();
  s.span = 0.35, s.thickness = 0.30;
  return s;
}
// A partial fill's edge: it reaches across, in one thick patch.
BubbleScore ThickPatch() {
  BubbleScore s = SmallTick();
  s.coverage = 0.22, s.span = 0.90, s.thickness = 0.40;
  return s;
}
// A fill short of full (halftone) crossed out with an X larger than the bubble: its ink is as
// thick as a fill's.
BubbleScore StruckShort() {
  BubbleScore s = Struck();
  s.coverage = 0.65, s.span = 1.0, s.thickness = 0.55;
  return s;
}
// A thick X on its own, as solid and with the same arms: its strokes are thin.
BubbleScore ThickX() {
  BubbleScore s = StruckShort();
  s.coverage = 0.40, s.thickness = 0.30;
  return s;
}
// A real stray dot inside a bubble a crease runs by: the crease's line crosses the ring beside
// it, and the ring was found less clearly than the page's others (long run round 1312).
BubbleScore DotOnACrease() {
  BubbleScore s{"", "", 0.04, 0.05, 0.14, 0.06, 0.55, 0b10000000, 0b11010000, kAllFree};
  s.span = 0.32, s.thickness = 0.15, s.ring = 0.73;
  return s;
}
// Written before coverage was measured: the older rules decide.
BubbleScore LegacyFill() { return {"", "", 0.80, 0.95, 0}; }

std::vector<BubbleScore> Scores(const std::string& item, std::vector<BubbleScore> s) {
  for (std::size_t i = 0; i < s.size(); ++i) s[i].item = item, s[i].option = std::to_string(i + 1);
  return s;
}

TEST(MarkDecisionTest, ClassifiesEachKindOfMark) {
  const MarkThresholds t;
  const struct {
    BubbleScore score;
    MarkKind kind;
  } cases[] = {
      {Empty(), MarkKind::kEmpty},       {Solid(), MarkKind::kFull},
      {SolidSpill(), MarkKind::kFull},  {Cross(), MarkKind::kStroke},
      {Tick(), MarkKind::kStroke},       {Circled(), MarkKind::kCircled},
      {Struck(), MarkKind::kStruck},     {Pencil(), MarkKind::kFaint},
      {Dot(), MarkKind::kWeak},          {LegacyFill(), MarkKind::kFull},
      {FaintlyStruck(), MarkKind::kMaybeStruck},
      {Beside(), MarkKind::kNearby},     {RaggedFill(), MarkKind::kMaybeStruck},
      {SmallTick(), MarkKind::kStroke},  {InsideDot(), MarkKind::kWeak},
      {ThickPatch(), MarkKind::kWeak},  {StruckShort(), MarkKind::kMaybeStruck},
      {ThickX(), MarkKind::kSolid},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ClassifyMark(c.score, {}, t), c.kind) << DescribeMark(c.score, {}, t);
  }
}

TEST(MarkDecisionTest, CoverageIsJudgedAgainstThePagesEmptyBubbles) {
  // A halftoned or speckled page where every empty bubble shows 6 % of dark pixels.
  BubbleScore speckled = Empty();
  speckled.coverage = 0.06;
  EXPECT_EQ(ClassifyMark(speckled, {0.06, 1}, MarkThresholds()), MarkKind::kEmpty);
  EXPECT_EQ(ClassifyMark(speckled, {0.0, 1}, MarkThresholds()), MarkKind::kWeak);
  const auto page = Scores("Q", {speckled, speckled, speckled, speckled, speckled, speckled,
                                 speckled, Solid(), Solid()});
  EXPECT_DOUBLE_EQ(PageLevelsOf(page).empty_coverage, 0.06);
}

TEST(MarkDecisionTest, ItemsAreDecidedFromAllTheirBubbles) {
  const MarkThresholds t;
  const auto single = Item("Q9.1", QuestionKind::kGrid, 4);
  const auto multi = Item("Q2", QuestionKind::kMulti, 3);
  const struct {
    const char* what;
    AnswerItem item;
    std::vector<BubbleScore> scores;
    ItemState state;
    std::vector<std::string> options;
  } cases[] = {
      {"a lone fill", single, {Empty(), Empty(), Solid(), Empty()}, ItemState::kAnswered, {"3"}},
      {"a lone X", single, {Cross(), Empty(), Empty(), Empty()}, ItemState::kAnswered, {"1"}},
      {"a lone tick", single, {Empty(), Tick(), Empty(), Empty()}, ItemState::kAnswered, {"2"}},
      {"a circle", single, {Empty(), Empty(), Empty(), Circled()}, ItemState::kAnswered, {"4"}},
      {"nothing", single, {Empty(), Empty(), Empty(), Empty()}, ItemState::kBlank, {}},
      {"two fills", single, {Solid(), Empty(), Solid(), Empty()}, ItemState::kMultiple, {"1", "3"}},
      {"every option filled, one darkening the paper round it (a light X over it)",
       Item("Q8.7", QuestionKind::kSingle, 2),
       {[] {
          BubbleScore s = Solid();
          s.outside = 0.03;
          return s;
        }(),
        Solid()},
       ItemState::kReview,
       {}},
      {"every option filled, the paper round them clean", Item("Q8.7", QuestionKind::kSingle, 2),
       {Solid(), Solid()}, ItemState::kMultiple, {"1", "2"}},
      // A changed answer whose X over the fill shows only faintly: never "several marks".
      {"two fills, one with strokes leaving it", single, {SolidSpill(), Empty(), Solid(), Empty()},
       ItemState::kReview, {}},
      {"a fill and an X", single, {Solid(), Cross(), Empty(), Empty()}, ItemState::kReview, {}},
      {"changed answer", single, {Struck(), Empty(), Solid(), Empty()}, ItemState::kAnswered,
       {"3"}},
      {"crossed out only", single, {Struck(), Empty(), Empty(), Empty()}, ItemState::kReview, {}},
      {"crossed out, two others", single, {Struck(), Solid(), Solid(), Empty()},
       ItemState::kReview, {}},
      {"pencil", single, {Empty(), Pencil(), Empty(), Empty()}, ItemState::kReview, {}},
      {"a fill and a dot", single, {Solid(), Dot(), Empty(), Empty()}, ItemState::kReview, {}},
      {"an X spilling over its neighbour", single, {Cross(), Beside(), Empty(), Empty()},
       ItemState::kAnswered, {"1"}},
      {"a stroke beside an empty item", single, {Empty(), Beside(), Empty(), Empty()},
       ItemState::kReview, {}},
      {"multi: two fills", multi, {Solid(), Empty(), Solid()}, ItemState::kAnswered, {"1", "3"}},
      {"multi: retracted one", multi, {Struck(), Empty(), Cross()}, ItemState::kAnswered, {"3"}},
      // The strokes round a fill may be the arms of its neighbour's X (long run round 1114).
      {"multi: a fill crossed out beside an X", multi, {Struck(), Cross(), Empty()},
       ItemState::kReview, {}},
      {"multi: nothing", multi, {Empty(), Empty(), Empty()}, ItemState::kBlank, {}},
      // Long run round 1309: read as a third answer.
      {"multi: a fill short of full crossed out between two fills", multi,
       {Solid(), StruckShort(), Solid()}, ItemState::kReview, {}},
      {"multi: perhaps retracted", multi, {FaintlyStruck(), Empty(), Solid()}, ItemState::kReview,
       {}},
  };
  for (const auto& c : cases) {
    const auto readings = DecideItems({c.item}, Scores(c.item.code, c.scores), t);
    ASSERT_EQ(readings.size(), 1u) << c.what;
    EXPECT_EQ(readings[0].state, c.state) << c.what << ": " << readings[0].why;
    EXPECT_EQ(readings[0].options, c.state == ItemState::kReview ? std::vector<std::string>{}
                                                                 : c.options)
        << c.what;
    if (c.state == ItemState::kReview) {
      EXPECT_FALSE(readings[0].uncertain.empty()) << c.what;
      EXPECT_EQ(readings[0].confidence, 0) << c.what;
    }
  }
}

TEST(MarkDecisionTest, ItemsWithoutScoresOnThisPageAreSkipped) {
  const auto readings = DecideItems(
      {Item("A1", QuestionKind::kSingle, 2), Item("T", QuestionKind::kText, 0)}, {}, {});
  EXPECT_TRUE(readings.empty());
}

TEST(MarkDecisionTest, ChangingAThresholdReDecidesFromTheSameScores) {
  const auto item = Item("Q", QuestionKind::kSingle, 2);
  BubbleScore half = Solid();
  half.coverage = 0.20;
  half.cross_mask = 0;
  const auto scores = Scores("Q", {half, Empty()});
  EXPECT_EQ(DecideItems({item}, scores, MarkThresholds())[0].state, ItemState::kReview);
  MarkThresholds lenient;
  lenient.solid_coverage = 0.15;
  EXPECT_EQ(DecideItems({item}, scores, lenient)[0].state, ItemState::kAnswered);
}

TEST(MarkDecisionTest, ASmallTickInsideIsReadOnlyWhenItsShapeWasMeasured) {
  const auto item = Item("Q", QuestionKind::kSingle, 3);
  const auto read = DecideItems({item}, Scores("Q", {Empty(), SmallTick(), Empty()}), {});
  EXPECT_EQ(read[0].state, ItemState::kAnswered);
  EXPECT_EQ(read[0].options, std::vector<std::string>{"2"});
  // Stored by a phieu before schema 7: no shape, a person looks.
  BubbleScore unmeasured = SmallTick();
  unmeasured.span = -1;
  EXPECT_EQ(DecideItems({item}, Scores("Q", {Empty(), unmeasured, Empty()}), {})[0].state,
            ItemState::kReview);
  // A pale stroke of that shape (a pencil line, a crease's trace) is not a pen's.
  BubbleScore pale = SmallTick();
  pale.peak = 0.40;
  EXPECT_EQ(DecideItems({item}, Scores("Q", {Empty(), pale, Empty()}), {})[0].state,
            ItemState::kReview);
}

TEST(MarkDecisionTest, ADotBesideACreaseCrossingTheRingGoesToAPerson) {
  const PageLevels page{0, 0, 0, 0.93};
  EXPECT_EQ(ClassifyMark(DotOnACrease(), page, {}), MarkKind::kWeak);
  // The same evidence on a ring found as clearly as the page's others: a tick's tip crossing it.
  BubbleScore clear_ring = DotOnACrease();
  clear_ring.ring = 0.92;
  EXPECT_EQ(ClassifyMark(clear_ring, page, {}), MarkKind::kStroke);
  const auto item = Item("Q", QuestionKind::kGrid, 3);
  EXPECT_EQ(DecideItems({item}, Scores("Q", {DotOnACrease(), Empty(), Empty(), Empty(), Empty(),
                                             Empty(), Empty(), Empty()}),
                        {})[0].state,
            ItemState::kReview);
}

TEST(MarkDecisionTest, AStrokeOnABlurredPageIsAsDarkAsThePagesOwnRingsAllow) {
  // A blue tick on a 150 dpi scan: its core as light as a pencil's on a sharp page.
  BubbleScore tick = Tick();
  tick.peak = 0.40, tick.ring = 0.70;
  const PageLevels sharp{0, 0, 0, 0.97};
  const PageLevels blurred{0, 0, 0, 0.70};  // every printed ring comes out lighter too
  const MarkThresholds t;
  EXPECT_EQ(ClassifyMark(tick, blurred, t), MarkKind::kStroke) << DescribeMark(tick, blurred, t);
  tick.ring = 0.97;
  EXPECT_NE(ClassifyMark(tick, sharp, t), MarkKind::kStroke) << DescribeMark(tick, sharp, t);
  // However blurred the page, a core lighter than blurred_share of strong_ink is no pen's.
  BubbleScore faint = Tick();
  faint.peak = 0.30, faint.ring = 0.40;
  EXPECT_NE(ClassifyMark(faint, {0, 0, 0, 0.40}, t), MarkKind::kStroke);
  // Fills are judged as before: a pencil shading on the blurred page stays faint.
  BubbleScore pencil = Pencil();
  pencil.ring = 0.70;
  EXPECT_EQ(ClassifyMark(pencil, blurred, t), MarkKind::kFaint);
}

TEST(MarkDecisionTest, ACircleThatHidItsRingIsReadThoughNeighboursHideTwoOfItsSectors) {
  // Its arc inks every free halo sector; sectors 0 and 6 (left and right, where the neighbours
  // are nearer) cannot be seen. The circle confused the search for the ring.
  BubbleScore circle = Circled();
  circle.free_mask = kAllFree & ~0b000001000001;
  circle.halo_mask = circle.free_mask;
  circle.cross_mask = 0b011110011110;
  circle.ring = 0.55;
  const PageLevels page{0, 0, 0, 0.95};
  EXPECT_EQ(ClassifyMark(circle, page, {}), MarkKind::kCircled) << DescribeMark(circle, page, {});
  // A fold's line through the halo, on that untrusted ring: two separate places, never a circle.
  BubbleScore fold = circle;
  fold.halo_mask = 0b000110000110 & fold.free_mask;
  EXPECT_NE(ClassifyMark(fold, page, {}), MarkKind::kCircled);
}

TEST(MarkDecisionTest, ACircleMeetingAHiddenRingAllRoundIsNotTakenForAFold) {
  // Long run round 1902: a circle drawn round option 3 of a multiple-answer item, close to the
  // ring, which registration then did not find (0.63 of the page's typical ring); the circle
  // meets the ring in 7 sectors and shows in 3 of the 6 free halo sectors, in two runs. Read as
  // a fold's line ("stroke nearby"), it was ignored beside the item's fills: an option lost.
  BubbleScore circle{"", "", 0.01, 0.02, 0.36, 0.0, 0.02, 0b011101100110, 0b000001000011,
                     0b000011000011};
  circle.ring = 0.63, circle.span = 0, circle.thickness = 0;
  const PageLevels page{0, 0, 0, 0.93};
  EXPECT_EQ(ClassifyMark(circle, page, {}), MarkKind::kWeak) << DescribeMark(circle, page, {});
  const auto item = Item("Q", QuestionKind::kMulti, 3);
  EXPECT_EQ(DecideItems({item}, Scores("Q", {Solid(), Solid(), circle, Empty(), Empty(), Empty(),
                                             Empty(), Empty()}),
                        {})[0].state,
            ItemState::kReview);
  // A fold's line through that bubble goes in and comes out: two places on the ring.
  BubbleScore fold = circle;
  fold.cross_mask = 0b000001000001;
  EXPECT_EQ(ClassifyMark(fold, page, {}), MarkKind::kNearby);
}

TEST(MarkDecisionTest, ALineThroughABubbleBesideAHeavyTickIsThatTicksArm) {
  // Long run round 1967: options 1, 2 and 6 of a multiple-answer item chosen, 6 with a tick heavy
  // enough on its small bubble to be solid; the tick's long arm runs straight through option 5
  // (in at the bottom, out at the top) with ink inside: read as a fourth answer.
  const auto item = Item("Q", QuestionKind::kMulti, 6);
  BubbleScore arm{"", "", 0.14, 0.65, 0.04, 0.20, 0.72, 0b010000001100, 0b010000000000,
                  kAllFree};
  arm.span = 0.79, arm.thickness = 0.19;
  BubbleScore tick{"", "", 0.20, 0.67, 0.03, 0.29, 0.70, 0b000101000000, 0, kAllFree};
  tick.span = 0.87, tick.thickness = 0.26;
  EXPECT_EQ(ClassifyMark(tick, {}, {}), MarkKind::kSolid);
  const auto read = DecideItems(
      {item}, Scores("Q", {Solid(), Solid(), Empty(), Empty(), arm, tick, Empty(), Empty()}), {});
  EXPECT_EQ(read[0].state, ItemState::kReview) << read[0].why;
  EXPECT_EQ(read[0].uncertain, std::vector<std::string>{"5"});
}

// A blue tick on a laser-printed form: halftone left only a trace of it inside (coverage 0.04,
// its darkest 2 % 0.51), a thin line reaching a quarter of the way across that crosses the ring
// once and leaves the bubble (B's development respondents, twelfth session).
BubbleScore LaserTick() {
  BubbleScore s{"", "", 0.03, 0.05, 0.03, 0.04, 0.51, 0b1000, 0, kAllFree};
  s.span = 0.28, s.thickness = 0.11;
  return s;
}

TEST(MarkDecisionTest, ALightTickOnALaserPrintIsReadWhereItCrossesTheRing) {
  const auto item = Item("Q", QuestionKind::kSingle, 3);
  const auto read = DecideItems({item}, Scores("Q", {Empty(), LaserTick(), Empty()}), {});
  EXPECT_EQ(read[0].state, ItemState::kAnswered) << read[0].why;
  EXPECT_EQ(read[0].options, std::vector<std::string>{"2"});
  // Crossing seen nowhere, a line in the halo beside it: only a stroke reaching well across is
  // taken (a real stray touch 0.30 across beside a neighbour's line, long run round 1025).
  BubbleScore halo_only = LaserTick();
  halo_only.cross_mask = 0, halo_only.halo_mask = 0b1000, halo_only.span = 0.30;
  EXPECT_EQ(DecideItems({item}, Scores("Q", {Empty(), halo_only, Empty()}), {})[0].state,
            ItemState::kReview);
  halo_only.span = 0.50;
  EXPECT_EQ(DecideItems({item}, Scores("Q", {Empty(), halo_only, Empty()}), {})[0].state,
            ItemState::kAnswered);
  // A blob as light (thick), or a trace leaving the bubble in no direction: a person looks.
  BubbleScore blob = LaserTick();
  blob.thickness = 0.30;
  EXPECT_NE(ClassifyMark(blob, {}, {}), MarkKind::kStroke);
  BubbleScore inside_only = LaserTick();
  inside_only.cross_mask = 0;
  EXPECT_NE(ClassifyMark(inside_only, {}, {}), MarkKind::kStroke);
  // On a fold's line it is the fold's.
  BubbleScore on_fold = LaserTick();
  on_fold.long_line = true;
  EXPECT_NE(ClassifyMark(on_fold, {}, {}), MarkKind::kStroke);
}

TEST(MarkDecisionTest, ALightLineStraightThroughABubbleIsNotReadAsAStroke) {
  // Long run round 1111: a crease's shadow where no fold was found, light (darkest 2 % 0.39) and
  // thin, in on one side of the ring and out on the other, beside a fill of a multiple-answer
  // item: read as a second answer. A light line running through is a person's to judge.
  const auto item = Item("Q", QuestionKind::kMulti, 3);
  BubbleScore crease = LaserTick();
  crease.coverage = 0.08, crease.peak = 0.39, crease.span = 0.87, crease.thickness = 0.07;
  crease.cross_mask = 0b000001001110, crease.halo_mask = 0b000001000000;
  EXPECT_NE(ClassifyMark(crease, {}, {}), MarkKind::kStroke);
  const auto read = DecideItems({item}, Scores("Q", {Solid(), Empty(), crease}), {});
  EXPECT_EQ(read[0].state, ItemState::kReview) << read[0].why;
}

TEST(MarkDecisionTest, ALightLineBesideANeighboursTickThatCrossesNoRingIsThatTicksArm) {
  // Long run round 1202: options 6 and 7 chosen, 6 ticked, 7 filled; the tick's arm ran into
  // option 5 (ink 0.48 across it, a stroke in its halo, no crossing of its ring seen): read as a
  // third answer. Beside a neighbour's stroke such a line goes to a person.
  const auto item = Item("Q", QuestionKind::kMulti, 3);
  BubbleScore arm = LaserTick();
  arm.coverage = 0.03, arm.peak = 0.67, arm.span = 0.48, arm.thickness = 0.05;
  arm.cross_mask = 0, arm.halo_mask = 0b010000000000;
  ASSERT_EQ(ClassifyMark(arm, {}, {}), MarkKind::kStroke);
  const auto read = DecideItems({item}, Scores("Q", {arm, Tick(), Solid()}), {});
  EXPECT_EQ(read[0].state, ItemState::kReview) << read[0].why;
  // With no neighbour's mark to come from, it is read as before.
  EXPECT_EQ(DecideItems({item}, Scores("Q", {arm, Empty(), Empty()}), {})[0].options,
            std::vector<std::string>{"1"});
}

TEST(MarkDecisionTest, APenStrokeAFoldLeftLittleOfIsNotReadAsBlank) {
  // Long run round 1110: a tick on a fold's line, the fold's shadow lifted and its sectors not
  // counted, left coverage 0.03 and a ring crossed in two sectors: read as blank. Crossings
  // besides the fold's own send it to a person; a fold's line alone stays empty.
  const auto item = Item("Q", QuestionKind::kSingle, 3);
  BubbleScore tick = Empty();
  tick.coverage = 0.03, tick.peak = 0.46, tick.span = 0.26, tick.thickness = 0.08;
  tick.cross_mask = 0b110, tick.ring = 0.55, tick.long_line = true;
  EXPECT_EQ(DecideItems({item}, Scores("Q", {Empty(), tick, Empty()}), {})[0].state,
            ItemState::kReview);
  BubbleScore fold_only = tick;
  fold_only.cross_mask = 0, fold_only.coverage = 0.01, fold_only.peak = 0.05;
  EXPECT_EQ(ClassifyMark(fold_only, {}, {}), MarkKind::kEmpty);
}

TEST(MarkDecisionTest, AnXsArmPassingAnEmptyBubbleOfAMultipleAnswerItemIsNotAnAnswer) {
  // Options 1 and 3 chosen, 1 filled, 3 crossed with an X (solid on a small bubble) whose arm
  // passes option 2's ring: 2 is nobody's answer.
  const auto item = Item("Q", QuestionKind::kMulti, 4);
  BubbleScore x = ThickX();
  x.cross_mask = 0b100100100100, x.halo_mask = 0b000100100100;
  const auto read = DecideItems({item}, Scores("Q", {Solid(), Beside(), x, Empty()}), {});
  EXPECT_EQ(read[0].state, ItemState::kAnswered) << read[0].why;
  EXPECT_EQ(read[0].options, (std::vector<std::string>{"1", "3"}));
  // Strokes round it in three sectors or more, beside the same X: perhaps its own circle.
  BubbleScore arc = Beside();
  arc.halo_mask = 0b111;
  EXPECT_EQ(DecideItems({item}, Scores("Q", {Solid(), arc, x, Empty()}), {})[0].state,
            ItemState::kReview);
}

TEST(MarkDecisionTest, AHeavyTicksArmPassingAnEmptyBubbleOfAMultipleAnswerItemIsNotAnAnswer) {
  // Options 1 and 3 chosen, 1 filled, 3 ticked so heavily that the tick is solid on its small
  // bubble; its one long arm passes option 2's halo: 2 is nobody's answer.
  const auto item = Item("Q", QuestionKind::kMulti, 4);
  BubbleScore tick = ThickX();
  tick.cross_mask = 0b1000000000, tick.halo_mask = 0b11000000000;
  ASSERT_EQ(ClassifyMark(tick, {}, {}), MarkKind::kSolid);
  const auto read = DecideItems({item}, Scores("Q", {Solid(), Beside(), tick, Empty()}), {});
  EXPECT_EQ(read[0].state, ItemState::kAnswered) << read[0].why;
  EXPECT_EQ(read[0].options, (std::vector<std::string>{"1", "3"}));
  // Strokes round it in three sectors: perhaps a circle of its own. A solid mark with no stroke
  // leaving it explains nothing round its neighbour.
  BubbleScore arc = Beside();
  arc.halo_mask = 0b111;
  EXPECT_EQ(DecideItems({item}, Scores("Q", {Solid(), arc, tick, Empty()}), {})[0].state,
            ItemState::kReview);
  BubbleScore still = ThickX();
  still.cross_mask = still.halo_mask = 0;
  EXPECT_EQ(DecideItems({item}, Scores("Q", {Solid(), Beside(), still, Empty()}), {})[0].state,
            ItemState::kReview);
}

TEST(MarkDecisionTest, PagesReadBeforeCoverageKeepTheOlderRules) {
  const MarkThresholds t;
  EXPECT_EQ(ClassifyMark({"", "", 0.03, 0.10, 0}, {}, t), MarkKind::kEmpty);
  EXPECT_EQ(ClassifyMark({"", "", 0.35, 0.38, 0}, {}, t), MarkKind::kWeak);  // faint pencil
  EXPECT_EQ(ClassifyMark({"", "", 0.85, 1.0, 0.25}, {}, t), MarkKind::kWeak);  // struck out
}

}  // namespace
}  // namespace phieu
