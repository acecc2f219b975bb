#pragma once
// Where a respondent's strokes around a bubble can be seen: for every bubble of a layout page,
// sample points (in template points) on a ring just outside the printed one (to see strokes
// crossing it) and on a wider halo (to see strokes leaving it: a tick's long arm, an X over a
// fill, a circle drawn round the option), each cut into kHaloSectors sectors. A halo point is
// free when nothing is printed there (text, rules, boxes, the QR code) and it is nearer this
// bubble than any other, so that a stroke seen there belongs to this bubble. Depends only on the
// layout: the expected empty appearance of a bubble's surroundings.

#include <vector>

#include "core/layout.h"
#include "scanner/page_transform.h"

namespace phieu {

struct SurroundingPoint {
  PointF at_pt;        // template point
  int sector = 0;      // 0..kHaloSectors-1, clockwise from the bubble's right
  bool free = false;   // nothing printed, nearest to this bubble
};

struct BubbleSurroundings {
  std::vector<SurroundingPoint> crossing;  // just outside the printed ring
  std::vector<SurroundingPoint> halo;      // 1.4 to 2.3 radii
  int free_mask = 0;  // sectors with at least half their halo points free
};

// One entry per bubble of `page`, in layout order; `printed` is PrintedAreas(page).
std::vector<BubbleSurroundings> SurroundingsOf(const LayoutPage& page,
                                               const std::vector<Rect>& printed);

// What a layout page says about where strokes can be seen: its printed areas and every bubble's
// surroundings. It depends only on the layout, so a reader works it out once per template page.
struct PageSurroundings {
  std::vector<Rect> printed;                // PrintedAreas(page)
  std::vector<BubbleSurroundings> bubbles;  // SurroundingsOf(page, printed)
};
PageSurroundings PageSurroundingsOf(const LayoutPage& page);

}  // namespace phieu
