#pragma once
// Folds and creases across a scanned page. A sheet folded for the envelope shows, once flattened,
// a thin straight line of shadow that runs on across the whole page. Where it crosses an empty
// bubble it looks like a pen stroke, and beside a fill like a changed answer, so both went to a
// person. A pen never draws a line that straight, that light and that long: such a line is found
// on the page's unprinted paper (away from print and from the bubbles, where the marks are), and
// its light shadow is taken out of the image before the bubbles are measured. Ink darker than
// the shadow, printed rings and every pen stroke that crosses the line, is left as it is.

#include <vector>

#include "core/geometry.h"
#include "core/layout.h"
#include "scanner/grey_image.h"
#include "scanner/registration.h"

namespace phieu {

struct FoldLine {
  PointF point;                   // a point on the line, image pixels
  PointF direction;               // unit vector along it
  PointF point_pt, direction_pt;  // the same line on the template page (points)
  double darkness;                // its typical darkness where it crosses paper (0 paper .. 1 ink)
  double length_mm;               // how much of it was seen on unprinted paper
};

// The fold lines across `page` as registered: straight lines at least 40 mm of whose unprinted
// paper is a thin shadow (lighter than kFoldMaxDarkness, darker than the paper 3 mm to either
// side), strongest first. Empty for a clean page.
// `printed` is PrintedAreas(page).
std::vector<FoldLine> FindFoldLines(const GreyImage& image, const LayoutPage& page,
                                    const Registration& registration,
                                    const std::vector<Rect>& printed);

// A fold is lighter than this (a ball-point's stroke is darker): a darker straight line is a
// ruled or printed one and is left alone.
inline constexpr double kFoldMaxDarkness = 0.5;

// `image` with each fold's shadow lifted to the paper around it: pixels within 1.5 mm of the
// line no darker than kFoldMaxDarkness.
GreyImage WithoutFoldShadows(const GreyImage& image, const std::vector<FoldLine>& folds,
                             const Registration& registration);

// The sectors (bit s: sector s, as BubbleScore's masks) of the circle of radius `reach_pt` round
// a bubble centred at `centre_pt` where one of `folds` crosses it, with the nearer neighbour of
// each: ink there may be the fold's, or the print it shifted (a fill's edge moved past its ring).
int FoldSectors(const std::vector<FoldLine>& folds, PointF centre_pt, double reach_pt);

}  // namespace phieu
