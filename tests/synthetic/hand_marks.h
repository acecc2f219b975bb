#pragma once
// Family B of synthetic hand marks: a second, independent model of how people mark bubbles (its
// own pen, stroke and shape models; nothing shared with synthetic/scan_generator.cc, whose
// marks the scanner's thresholds were calibrated on), plus real hand-made marks composited from
// tests/synthetic/real-marks/. Never used to set thresholds: it measures the scanner on data it
// was not tuned on.
//
// Deterministic: the same inputs and seed give the same plan and the same bytes. Sizes are
// physical (points and millimetres, converted with the page's dpi).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/layout.h"
#include "core/survey.h"
#include "scanner/grey_image.h"
#include "synthetic/answer_plan.h"
#include "tests/synthetic/real_marks.h"

namespace phieu {

// How one bubble was marked (see DrawHandMarks for the shapes).
enum class HandMarkKind {
  kFill,      // the inner disc inked in by a spiral or back-and-forth strokes
  kScribble,  // back-and-forth strokes with visible gaps
  kX,         // a cross, often larger than the bubble
  kTick,      // a check mark whose long arm runs well outside the bubble
  kCircle,    // a loop drawn around the bubble, its inside left empty
  kDot,       // a small dot or very short stroke inside
  kPartial,   // a quarter to a half of the disc filled, or a small ring inside
  kPencil,    // the disc shaded in graphite
  kChanged,   // a fill struck through by a large X: a retracted answer
  kStray,     // a small pen touch near the bubble: not an answer
  kReal,      // a real hand-made mask (HandMark::real_index)
};

// "fill", "scribble", "x", "tick", "circle", "dot", "partial", "pencil", "changed", "stray",
// "real".
std::string_view HandMarkKindName(HandMarkKind kind);

// One mark on one bubble.
struct HandMark {
  std::string question;  // the bubble's answer item code (LayoutBubble::question)
  std::string option;    // the bubble's option code
  HandMarkKind kind = HandMarkKind::kFill;
  int real_index = -1;   // for kReal: index into RealMarkSet::marks; else -1
};

// Relative weights of how an answered option is marked, and of leaving an item blank
// (normalised by their sum). The defaults: fill 60, scribble 5, x 6, tick 6, circle 3, dot 1,
// partial 2, pencil 3, changed 2, stray 1, real 0 (a benchmark sets it; it needs a RealMarkSet),
// blank 5 — out of 94, so about 64% of items are plain fills.
struct HandMix {
  double fill = 60;
  double scribble = 5;
  double x = 6;
  double tick = 6;
  double circle = 3;
  double dot = 1;
  double partial = 2;
  double pencil = 3;
  double changed = 2;
  double stray = 1;
  double real = 0;
  double blank = 5;
};

// The marks to draw and the truth they stand for.
struct HandPlan {
  std::vector<HandMark> marks;   // in printed item order, options in the item's order
  std::vector<ItemTruth> truth;  // one per non-text answer item, printed order
};

// Seeded random answers to every answer item of `survey` (AnswerItems; text items skipped).
// An item is blank with probability blank/sum; otherwise single, grid, scale and yes/no items get
// one marked option and multi items 1 to 3 (fewer if the item has fewer), each drawn in a kind
// picked by `mix`. What the marks mean:
//   fill, scribble, x, tick, circle     intended, certainty kClear;
//   dot, partial, pencil                intended, kUnsure;
//   changed                             this option filled and struck out with an X, ANOTHER
//                                       option of the item then filled (a kFill mark): intended
//                                       is the other one, kChanged (a plain fill when the item
//                                       has no free option);
//   stray                               not an answer: the option is not intended, kUnsure;
//   real                                a mask from `real`, its label picked with weights fill
//                                       50, light 20, empty 10, scribble, partial, dot and stray
//                                       5 each (labels the set lacks are skipped), then a mask of
//                                       that label uniformly: fill and scribble are intended
//                                       kClear; partial, light and dot intended kUnsure; stray
//                                       not intended kUnsure; empty not intended kClear.
// An item's certainty is the strongest of its marks' (kChanged over kUnsure over kClear).
// A negative weight, all weights zero, or real > 0 without a non-empty `real` is a bug
// (std::logic_error).
HandPlan PlanHandAnswers(const Survey& survey, const HandMix& mix, std::uint64_t seed,
                         const RealMarkSet* real = nullptr);

// Draws the `marks` whose bubble (matched by question and option) is on `page` onto a copy of
// `printed`, the page rendered at `dpi`; other marks are ignored. One pen per call (a page is
// filled in with one pen): a black (grey 15..70 after scanning) or blue (60..110) ball-point,
// stroke 0.6..1.8 pt, whose pressure varies along each stroke (width and darkness) and which
// sometimes skips. Strokes follow a hand model (smooth wobble, bowed lines, rounded turns, lead-in
// and lift-off) and are drawn supersampled (4x) with ink that darkens like dye (overlaps darker,
// never lighter than the print under it). Each mark sits off the bubble's centre by a random
// amount, mostly small. Shapes, for a bubble of diameter D:
//   kFill     a spiral or back-and-forth fill over 80-100% of the inner disc, may spill over the
//             ring;
//   kScribble back-and-forth strokes with gaps, covering 45-80% of the disc;
//   kX        two strokes, 0.8..1.8 D across;
//   kTick     a short arm down to a vertex in the bubble, a long arm up-right 1.5..2.5 D long;
//   kCircle   an open, possibly elliptical loop of radius 1.2..1.8 x the bubble's around it;
//   kDot      a 0.6-1.2 mm dot or a 1-2 mm stroke inside;
//   kPartial  25-55% of the disc filled (a side of it), or a small ring inside;
//   kPencil   graphite hatching over the disc, grainy, grey 120..200;
//   kChanged  a fill, then an X 1.2..1.8 D across over it;
//   kStray    a short touch or line fragment beside the bubble, reaching at most its ring;
//   kReal     the mask `real->marks[real_index]` composited (CompositeRealMark) with the pen's
//             grey, turned up to 4 degrees.
// The pen comes from `seed` and the page number, each mark's shape from `seed` and its bubble,
// so adding a mark leaves the others as they were. A kReal mark without `real` or with an index
// out of range is a bug (std::logic_error).
GreyImage DrawHandMarks(const GreyImage& printed, const LayoutPage& page,
                        const std::vector<HandMark>& marks, double dpi, std::uint64_t seed,
                        const RealMarkSet* real = nullptr);

}  // namespace phieu
