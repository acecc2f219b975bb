#pragma once
// The shape of the ink inside one bubble: how far its largest mark reaches across the bubble and
// how thick its strokes are. A tick or a small X drawn wholly inside a bubble reaches most of the
// way across it in thin strokes; a dot does not reach far; a partial fill is thick. Scores only:
// core/mark_decision.h decides what they mean.

#include <vector>

namespace phieu {

// One pixel inside a bubble: its position in pixels and its darkness (0 = paper, 1 = ink).
struct InsidePixel {
  int x = 0;
  int y = 0;
  double darkness = 0;
};

struct InkShape {
  double span = 0;       // the largest mark's extent across the bubble, as a share of the
                         // inside's diameter (its widest extent over 8 directions)
  double thickness = 0;  // its inked pixels per pixel of extent, as a share of that diameter:
                         // about the stroke width of a line, about half the diameter for a fill
};

// The shape of the pixels of `inside` at least `inked_from` dark. Pixels within `join_px` of each
// other on both axes belong to one mark (a laser printer's halftone breaks a light stroke into
// dots a halftone cell apart, about 1 pt); the mark with the most pixels is measured.
// `diameter_px` is the inside's diameter. Fewer than three inked pixels: {0, 0}.
InkShape InkShapeOf(const std::vector<InsidePixel>& inside, double inked_from, double diameter_px,
                    int join_px);

}  // namespace phieu
