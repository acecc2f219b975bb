#pragma once
// Counting the grey levels of a sampled part of an image: how the scanner finds the paper's and
// the ink's levels (a percentile of the page, of a cell of it, of the QR code's modules).

#include <array>
#include <cstddef>
#include <cstdint>

namespace phieu {

struct GreyHistogram {
  std::array<int, 256> count{};  // samples of each grey level
  int total = 0;

  // The lowest level at or below which at least `fraction` of the samples lie (0 when there are
  // no samples).
  int Percentile(double fraction) const;
};

// The grey levels of every `step_x`-th pixel of every `step_y`-th row of the rectangle
// [x0, x1) x [y0, y1), starting at (x0, y0), of an 8-bit image whose rows start `stride` bytes
// apart at `pixels`. The rectangle must lie inside the image; steps are at least 1.
GreyHistogram SampleGreyLevels(const std::uint8_t* pixels, std::size_t stride, int x0, int y0,
                               int x1, int y1, int step_x, int step_y);

}  // namespace phieu
