#pragma once
// The mapping from a template page (PDF points, origin top-left, y down) to a scanned image
// (pixels): a 3x3 homography, fitted to the registration marks.

#include <array>
#include <cmath>

namespace phieu {

struct PointF {
  double x = 0, y = 0;
};

struct PageTransform {
  std::array<double, 9> m{1, 0, 0, 0, 1, 0, 0, 0, 1};  // row-major homography

  PointF Apply(PointF p) const {
    const double w = m[6] * p.x + m[7] * p.y + m[8];
    return {(m[0] * p.x + m[1] * p.y + m[2]) / w, (m[3] * p.x + m[4] * p.y + m[5]) / w};
  }
  // Pixels per point near `p` (the mean of the local x and y stretch).
  double ScaleAt(PointF p) const {
    const PointF a = Apply(p), bx = Apply({p.x + 1, p.y}), by = Apply({p.x, p.y + 1});
    const double sx = std::hypot(bx.x - a.x, bx.y - a.y), sy = std::hypot(by.x - a.x, by.y - a.y);
    return (sx + sy) / 2;
  }
};

}  // namespace phieu
