#pragma once
// An 8-bit grey image owned by value: what the scanner reads (0 = black, 255 = white). Kept free
// of OpenCV so that callers (the scan command, tests, the synthetic scan generator) do not depend
// on it.

#include <cstdint>
#include <vector>

namespace phieu {

struct GreyImage {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;  // row-major, width * height

  GreyImage() = default;
  GreyImage(int w, int h, std::uint8_t fill = 255)
      : width(w), height(h), pixels(static_cast<std::size_t>(w) * h, fill) {}
  bool empty() const { return pixels.empty(); }
  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
  std::uint8_t& at(int x, int y) { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

}  // namespace phieu
