#include "core/printed_areas.h"

#include <algorithm>
#include <cmath>

namespace phieu {
namespace {

Rect TextBox(const TextLine& line, const std::vector<LayoutBubble>& bubbles) {
  int letters = 0;
  for (unsigned char c : line.text) letters += (c & 0xC0) != 0x80;
  Rect t{line.x, line.baseline_y - 1.05 * line.size_pt, 0.62 * line.size_pt * letters,
         1.35 * line.size_pt};
  // A line ends before the first bubble to its right on it or on the lines just above and below
  // (a wrapped label beside a grid row's bubbles). A heading above a list starts where its
  // bubbles do: it is not cut.
  const double band = 1.5 * line.size_pt;
  for (const LayoutBubble& b : bubbles) {
    const double cy = b.box.centre_y();
    if (b.box.x > line.x + 2 * line.size_pt && cy > t.y - band && cy < t.bottom() + band &&
        b.box.x - 1 < t.right()) {
      t.w = std::max(0.0, b.box.x - 1 - t.x);
    }
  }
  return t;
}

}  // namespace

std::vector<Rect> PrintedAreas(const LayoutPage& page) {
  if (!page.print.empty()) return page.print;
  std::vector<Rect> areas;
  for (const TextLine& line : page.texts) {
    const Rect t = TextBox(line, page.bubbles);
    if (t.w > 0) areas.push_back(t);
  }
  for (const Rule& r : page.rules) {
    const double half = r.width_pt / 2;
    areas.push_back({std::min(r.x1, r.x2) - half, std::min(r.y1, r.y2) - half,
                     std::abs(r.x2 - r.x1) + 2 * half, std::abs(r.y2 - r.y1) + 2 * half});
  }
  for (const LayoutTextBox& box : page.text_boxes) {
    const Rect& b = box.box;
    const double w = 0.6;
    areas.push_back({b.x - w, b.y - w, b.w + 2 * w, 2 * w});
    areas.push_back({b.x - w, b.bottom() - w, b.w + 2 * w, 2 * w});
    areas.push_back({b.x - w, b.y - w, 2 * w, b.h + 2 * w});
    areas.push_back({b.right() - w, b.y - w, 2 * w, b.h + 2 * w});
  }
  return areas;
}

bool NearPrint(const std::vector<Rect>& areas, double x, double y) {
  constexpr double kClearancePt = 1.0;
  return std::any_of(areas.begin(), areas.end(), [&](const Rect& r) {
    return x >= r.x - kClearancePt && x <= r.right() + kClearancePt && y >= r.y - kClearancePt &&
           y <= r.bottom() + kClearancePt;
  });
}

}  // namespace phieu
