#include "scanner/ink_shape.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace phieu {
namespace {

constexpr double kPi = 3.14159265358979;

// The largest extent of `points` over 8 directions 22.5 degrees apart, in pixels (a pixel's own
// width included).
double WidestExtent(const std::vector<std::pair<int, int>>& points) {
  static const std::array<std::pair<double, double>, 8> kDirections = [] {
    std::array<std::pair<double, double>, 8> d;
    for (int k = 0; k < 8; ++k) d[k] = {std::cos(k * kPi / 8), std::sin(k * kPi / 8)};
    return d;
  }();
  double widest = 0;
  for (const auto& [c, s] : kDirections) {
    double low = std::numeric_limits<double>::max(), high = std::numeric_limits<double>::lowest();
    for (const auto& [x, y] : points) {
      const double along = x * c + y * s;
      low = std::min(low, along), high = std::max(high, along);
    }
    widest = std::max(widest, high - low + 1);
  }
  return widest;
}

}  // namespace

InkShape InkShapeOf(const std::vector<InsidePixel>& inside, double inked_from, double diameter_px,
                    int join_px) {
  int min_x = std::numeric_limits<int>::max(), min_y = min_x;
  int max_x = std::numeric_limits<int>::min(), max_y = max_x;
  int inked = 0;
  for (const InsidePixel& p : inside) {
    if (p.darkness < inked_from) continue;
    ++inked;
    min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x);
    min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
  }
  if (inked < 3 || diameter_px <= 0) return {};
  // Label the inked pixels' clusters on a grid over their bounding box.
  const int w = max_x - min_x + 1, h = max_y - min_y + 1;
  std::vector<int> label(static_cast<std::size_t>(w) * h, -1);  // -1: not inked
  constexpr int kUnlabelled = -2;
  for (const InsidePixel& p : inside) {
    if (p.darkness >= inked_from) label[(p.y - min_y) * w + (p.x - min_x)] = kUnlabelled;
  }
  std::vector<std::pair<int, int>> best, cluster, stack;
  int next = 0;
  for (int start = 0; start < w * h; ++start) {
    if (label[start] != kUnlabelled) continue;
    cluster.clear();
    stack.assign(1, {start % w, start / w});
    label[start] = next;
    while (!stack.empty()) {
      const auto [x, y] = stack.back();
      stack.pop_back();
      cluster.push_back({x, y});
      for (int ny = std::max(0, y - join_px); ny <= std::min(h - 1, y + join_px); ++ny) {
        for (int nx = std::max(0, x - join_px); nx <= std::min(w - 1, x + join_px); ++nx) {
          int& l = label[ny * w + nx];
          if (l == kUnlabelled) l = next, stack.push_back({nx, ny});
        }
      }
    }
    ++next;
    if (cluster.size() > best.size()) best.swap(cluster);
  }
  const double extent = WidestExtent(best);
  return {extent / diameter_px, static_cast<double>(best.size()) / extent / diameter_px};
}

}  // namespace phieu
