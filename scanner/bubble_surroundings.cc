#include "scanner/bubble_surroundings.h"

#include <algorithm>
#include <cmath>

#include "core/mark_decision.h"
#include "core/printed_areas.h"

namespace phieu {
namespace {

constexpr double kPi = 3.14159265358979;
// Dense enough that a thin radial stroke (0.6 pt) cannot pass between two samples.
constexpr int kAnglesPerSector = 8;
// In bubble radii, 0.15 apart (0.75 pt on a 3.5 mm bubble): a thin stroke running round the
// bubble, a circle drawn round the option, cannot pass between two of them (long run round
// 1021: a circle at 1.55 radii passed between 1.4 and 1.7).
constexpr double kHaloRadii[] = {1.4, 1.55, 1.7, 1.85, 2.0, 2.15, 2.3};
constexpr double kCrossingRadius = 1.25;
constexpr double kClearancePt = 1.0;  // kept away from print: blur and printing drift

}  // namespace

std::vector<BubbleSurroundings> SurroundingsOf(const LayoutPage& page,
                                               const std::vector<Rect>& printed) {
  std::vector<BubbleSurroundings> all;
  all.reserve(page.bubbles.size());
  for (std::size_t b = 0; b < page.bubbles.size(); ++b) {
    const Rect& box = page.bubbles[b].box;
    const PointF centre{box.centre_x(), box.centre_y()};
    const double r = box.w / 2;
    const double reach = std::end(kHaloRadii)[-1] * r + kClearancePt;
    const Rect around{centre.x - reach, centre.y - reach, 2 * reach, 2 * reach};
    auto near = [&](const Rect& other) {
      return other.x <= around.right() && other.right() >= around.x && other.y <= around.bottom() &&
             other.bottom() >= around.y;
    };
    // Print near this bubble: the printed areas, the QR code and its code, the marks.
    std::vector<Rect> print_here;
    for (const Rect& area : printed) {
      if (near(area)) print_here.push_back(area);
    }
    for (const Rect& r2 : {page.qr, page.form_code}) {
      if (near(r2)) print_here.push_back(r2);
    }
    for (const Rect& m : page.marks) {
      if (near(m)) print_here.push_back(m);
    }
    std::vector<std::size_t> neighbours;
    for (std::size_t n = 0; n < page.bubbles.size(); ++n) {
      const Rect& other = page.bubbles[n].box;
      if (n != b && std::hypot(other.centre_x() - centre.x, other.centre_y() - centre.y) < 2 * reach) {
        neighbours.push_back(n);
      }
    }
    auto free_at = [&](PointF p) {
      const double own = std::hypot(p.x - centre.x, p.y - centre.y);
      for (std::size_t n : neighbours) {
        const Rect& other = page.bubbles[n].box;
        const double d = std::hypot(p.x - other.centre_x(), p.y - other.centre_y());
        if (d <= own || d < other.w / 2 + kClearancePt + 0.5) return false;
      }
      return !NearPrint(print_here, p.x, p.y);
    };
    BubbleSurroundings s;
    int free_count[kHaloSectors] = {0}, total[kHaloSectors] = {0};
    for (int sector = 0; sector < kHaloSectors; ++sector) {
      for (int a = 0; a < kAnglesPerSector; ++a) {
        const double angle = 2 * kPi * (sector + (a + 0.5) / kAnglesPerSector) / kHaloSectors;
        const double c = std::cos(angle), sn = std::sin(angle);
        const PointF cross{centre.x + kCrossingRadius * r * c, centre.y + kCrossingRadius * r * sn};
        s.crossing.push_back({cross, sector, free_at(cross)});
        for (double k : kHaloRadii) {
          const PointF p{centre.x + k * r * c, centre.y + k * r * sn};
          const bool f = free_at(p);
          s.halo.push_back({p, sector, f});
          free_count[sector] += f;
          ++total[sector];
        }
      }
    }
    for (int sector = 0; sector < kHaloSectors; ++sector) {
      if (2 * free_count[sector] >= total[sector]) s.free_mask |= 1 << sector;
    }
    all.push_back(std::move(s));
  }
  return all;
}

PageSurroundings PageSurroundingsOf(const LayoutPage& page) {
  PageSurroundings out;
  out.printed = PrintedAreas(page);
  out.bubbles = SurroundingsOf(page, out.printed);
  return out;
}

}  // namespace phieu
