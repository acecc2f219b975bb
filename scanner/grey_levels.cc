#include "scanner/grey_levels.h"

namespace phieu {

int GreyHistogram::Percentile(double fraction) const {
  int seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += count[v];
    if (seen >= fraction * total) return v;
  }
  return 255;
}

GreyHistogram SampleGreyLevels(const std::uint8_t* pixels, std::size_t stride, int x0, int y0,
                               int x1, int y1, int step_x, int step_y) {
  // Four counters taken in turn: paper is mostly one grey level, and with a single counter each
  // sample waits for the previous one's count of the same level to be stored.
  std::array<std::array<int, 256>, 4> counts{};
  GreyHistogram histogram;
  for (int y = y0; y < y1; y += step_y) {
    const std::uint8_t* row = pixels + static_cast<std::size_t>(y) * stride;
    int x = x0;
    for (; x + 3 * step_x < x1; x += 4 * step_x) {
      ++counts[0][row[x]], ++counts[1][row[x + step_x]];
      ++counts[2][row[x + 2 * step_x]], ++counts[3][row[x + 3 * step_x]];
      histogram.total += 4;
    }
    for (; x < x1; x += step_x) ++counts[0][row[x]], ++histogram.total;
  }
  for (int v = 0; v < 256; ++v) {
    histogram.count[v] = counts[0][v] + counts[1][v] + counts[2][v] + counts[3][v];
  }
  return histogram;
}

}  // namespace phieu
