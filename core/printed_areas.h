#pragma once
// Where a layout page prints ink near its answers (text lines, table rules, the outlines of
// free-text boxes), as boxes in template points: the expected empty appearance around a bubble,
// so the scanner can tell a respondent's stroke from print. Text widths are not in a layout, so
// a line's box is estimated generously (0.62 em a letter), and cut where a bubble stands to its
// right (print never runs over a bubble).

#include <vector>

#include "core/geometry.h"
#include "core/layout.h"

namespace phieu {

// The printed areas of `page`: `page.print` when the layout came with them (a stored template),
// else computed from its texts, rules and text boxes.
std::vector<Rect> PrintedAreas(const LayoutPage& page);

// Whether the template point (x, y) is in one of `areas` or within 1 pt of it (kept away from
// print for blur and printing drift).
bool NearPrint(const std::vector<Rect>& areas, double x, double y);

}  // namespace phieu
