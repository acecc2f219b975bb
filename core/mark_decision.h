#pragma once
// From raw mark scores to answers. The scanner stores each bubble's raw scores; these rules turn
// them into decisions, so changing a threshold later re-decides every form from the stored
// scores without rescanning. A mark the rules are unsure of is sent to a person, never guessed.

#include <string>
#include <string_view>
#include <vector>

#include "core/survey.h"

namespace phieu {

// What the scanner measured inside one bubble (its printed outline excluded), relative to the
// page's own paper and ink: 0 = blank paper, 1 = solid ink.
struct BubbleScore {
  std::string item;    // answer item code, e.g. "Q9.15"
  std::string option;  // option code, e.g. "4"
  double fill = 0;     // mean darkness of the inside
  double ink = 0;      // darkness of the darkest tenth of the inside: how strong the stroke is
  double outside = 0;  // mean darkness of a ring just outside the printed one: strokes that run
                       // out of the bubble (a struck-out answer, a tick)
};

// The defaults are calibrated on generated scans (bench/scan_accuracy and the score
// distributions in the README): a pen fill scores 0.72-0.97, an X 0.23-0.43, a tick 0.18-0.34,
// faint pencil 0.25-0.40 with ink under 0.47, an empty bubble under 0.04.
struct MarkThresholds {
  double empty_below = 0.10;     // fill below this: empty
  double filled_from = 0.20;     // fill at least this, with strong ink: filled
  double strong_ink = 0.55;      // ink at least this is a pen stroke (faint pencil is not)
  double solid_from = 0.60;      // a fill this dark ...
  double struck_outside = 0.05;  // ... with this much ink around it was struck out: unsure
};

enum class MarkState { kEmpty, kFilled, kAmbiguous };

MarkState DecideMark(const BubbleScore& score, const MarkThresholds& thresholds);

enum class ItemState {
  kBlank,     // no bubble marked
  kAnswered,  // one bubble (or, for multiple choice, a clear set)
  kMultiple,  // more than one bubble on a single-answer item (a crossed-out answer looks so too)
  kReview,    // a mark the rules are unsure of: a person decides
};

std::string_view ItemStateName(ItemState state);  // "blank", "answered", "multiple", "review"

struct ItemReading {
  std::string item;
  ItemState state = ItemState::kBlank;
  std::vector<std::string> options;    // filled options, in option order
  std::vector<std::string> uncertain;  // ambiguous options, in option order
};

// Decides each item in `items` whose bubbles are all in `scores` (items of other pages are
// skipped). Text items are skipped: their boxes are kept as images, not read.
std::vector<ItemReading> DecideItems(const std::vector<AnswerItem>& items,
                                     const std::vector<BubbleScore>& scores,
                                     const MarkThresholds& thresholds);

}  // namespace phieu
