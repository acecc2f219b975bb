#pragma once
// What a made-up respondent marked on a form, and what they meant: the known truth that synthetic
// scans are generated from (synthetic/scan_generator.h draws the marks), so that a test or
// benchmark can check a reading against the right answer instead of a snapshot of today's output.
// Deterministic: the same survey, mix and seed give the same plan on every platform.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/survey.h"

namespace phieu {

// How a respondent marked a bubble.
enum class MarkStyle {
  kFill,         // the inner disc inked in (the instructed way)
  kX,            // an X from corner to corner of the bubble
  kTick,         // a check mark, usually running out of the bubble to the upper right
  kPartialFill,  // about half to two thirds of the disc inked
  kFaintPencil,  // the disc shaded in light pencil
  kCrossedOut,   // filled, then struck through with a large X: a retracted answer
};

// "fill", "x", "tick", "partial", "faint", "crossed_out" (for test messages).
std::string_view MarkStyleName(MarkStyle style);

// One mark on one bubble.
struct PenMark {
  std::string question;  // the bubble's answer item code, e.g. "Q9.15" (LayoutBubble::question)
  std::string option;    // the bubble's option code, e.g. "4"
  MarkStyle style = MarkStyle::kFill;
};

// How sure a careful person would be of an item's answer from the paper alone: what a scanner
// must do with it (tests/synthetic/reading_check.h judges readings by it).
enum class MarkCertainty {
  kClear,    // blank, or only clear answer marks (fill, scribble, X, tick, a circle drawn round
             // the option): must be read as meant
  kChanged,  // an answer changed as the form instructs (the filled circle crossed out with an X,
             // another filled): read as meant or sent to a person, never "several marks"
  kUnsure,   // faint, partial, dot or stray marks: a person decides, or read as meant; never
             // another option
};

// "clear", "changed", "unsure".
std::string_view MarkCertaintyName(MarkCertainty certainty);

// What the respondent meant for one answer item.
struct ItemTruth {
  std::string item;                   // answer item code
  std::vector<std::string> intended;  // option codes in the item's option order; empty = blank
  MarkCertainty certainty = MarkCertainty::kClear;
};

// The marks to draw and the truth they stand for.
struct AnswerPlan {
  std::vector<PenMark> marks;    // in printed item order
  std::vector<ItemTruth> truth;  // one per answer item that is not a text question, printed order
};

// Relative weights of how an answer is marked (normalised by their sum, so they need not add up
// to 1; with the defaults they do). `blank` is the weight of leaving an item unanswered.
struct StyleMix {
  double fill = 0.90;
  double x = 0.05;
  double tick = 0.0;
  double partial = 0.02;
  double faint = 0.0;
  double crossed_out = 0.0;
  double blank = 0.03;
};

// Seeded random answers to every answer item of `survey` (AnswerItems; text questions skipped).
// Single, grid, scale and yes/no items get one option, or none with probability blank/sum.
// Multi items get none with that same probability, else 1 to 3 options (fewer if the item has
// fewer), each with its own style. An item's certainty follows its styles: kCrossedOut makes it
// kChanged, kPartialFill or kFaintPencil kUnsure, anything else kClear. kCrossedOut stands for "filled option A, struck it out, filled
// option B": two marks (A kCrossedOut, B kFill) and intended = {B}; when the item has no other
// option to retract, the answer is a plain kFill. All weights zero, or any negative, is a bug
// (std::logic_error).
AnswerPlan PlanAnswers(const Survey& survey, const StyleMix& mix, std::uint64_t seed);

}  // namespace phieu
