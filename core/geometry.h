#pragma once
// Geometry in PDF points (1/72 inch) with the origin at the page's top-left, x right, y down:
// the one coordinate system of layouts, the PDF writer and the scanner's template.

namespace phieu {

inline constexpr double kPointsPerInch = 72.0;
inline constexpr double kMillimetre = kPointsPerInch / 25.4;

struct Rect {
  double x = 0, y = 0;  // top-left corner
  double w = 0, h = 0;

  double right() const { return x + w; }
  double bottom() const { return y + h; }
  double centre_x() const { return x + w / 2; }
  double centre_y() const { return y + h / 2; }
  bool operator==(const Rect&) const = default;
};

struct PageSize {
  double width_pt = 0, height_pt = 0;
};

// ISO A4, 210 x 297 mm.
inline constexpr PageSize kA4{210 * kMillimetre, 297 * kMillimetre};

}  // namespace phieu
