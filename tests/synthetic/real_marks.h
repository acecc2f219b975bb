#pragma once
// Real hand-made marks (tests/synthetic/real-marks/, cut from OMRChecker's filled sheets; see the
// README there): ink masks that no generator drew, to composite into the bubbles of a rendered
// form so that the scanner is measured on marks it was not tuned on.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "scanner/grey_image.h"

namespace phieu {

// How a person labelled a mask (the README's labels).
enum class RealMarkLabel {
  kFill,      // most of the bubble covered, pen
  kScribble,  // covered by visible strokes, with gaps
  kPartial,   // clearly intended but under about half covered (e.g. a ring inside the bubble)
  kLight,     // faint pencil or grey marker over the bubble (the mask is as light as it looked)
  kDot,       // a small dot inside the bubble
  kStray,     // a small pen touch, not an answer
  kEmpty,     // an empty bubble after subtraction: what is left is noise
};

// "fill", "scribble", "partial", "light", "dot", "stray", "empty".
std::string_view RealMarkLabelName(RealMarkLabel label);

// One mask: 80 x 80 ink alpha (0 paper .. 255 ink), the bubble centred at (39.5, 39.5) with an
// outer diameter of 40 px; orientation is the source sheet's.
struct RealMark {
  std::string file;   // e.g. "umar1-b0-r00-c0.png"
  std::string sheet;  // the file name up to the first '-': "adr1", "dom1", "roll1", "roll2",
                      // "s3col", "sand1", "umar1"
  RealMarkLabel label = RealMarkLabel::kFill;
  GreyImage alpha;
};

// The loaded masks, in labels.csv order.
struct RealMarkSet {
  std::vector<RealMark> marks;
  // Indices into `marks` of the masks with `label`, in order (empty when there are none).
  std::vector<int> WithLabel(RealMarkLabel label) const;
};

// The side and the bubble diameter of a mask, in pixels.
inline constexpr int kRealMarkSide = 80;
inline constexpr double kRealMarkBubblePx = 40;
// The grey a `light` mask is composited with whatever the pen: its alpha was measured against
// the darkest print on its sheet, so it is already as light as the pencil looked.
inline constexpr double kRealMarkPrintBlack = 20;

// Reads `folder`/labels.csv (header "file,label,..." then one row per mask) and every mask it
// names (8-bit grey PNG, 80 x 80). Fails naming the file and line: a missing labels.csv or mask,
// an unknown label, a short row, a mask of the wrong size or kind, or no rows at all.
Result<RealMarkSet> LoadRealMarks(const std::string& folder);

// Composites `mark` onto `page` with its bubble centred on (centre_x_px, centre_y_px) (page
// pixel coordinates: pixel i spans [i, i+1)) and scaled so its 40 px bubble becomes
// `bubble_diameter_px`, turned by `rotate_deg` (counter-clockwise; keep it small, the masks have
// the sheet's orientation) and mirrored left-right when `mirror`. Each pixel becomes
// pixel * (1 - a) + ink * a, with a the resampled alpha / 255 and ink `ink_grey` (a ball-point is
// 15..110), except that `light` masks always use kRealMarkPrintBlack. Ink never lightens a pixel
// (print darker than the ink stays as it is). Parts outside `page` are dropped.
void CompositeRealMark(GreyImage& page, const RealMark& mark, double centre_x_px,
                       double centre_y_px, double bubble_diameter_px, double ink_grey,
                       double rotate_deg = 0, bool mirror = false);

}  // namespace phieu
