#pragma once
// Finds and decodes the QR code on a scanned page: the only place that touches ZXing's reader.
// Looks first in the image's corners where a phieu form's code lies (top-right upright, and the
// other corners for a sheet upside down or turned), then over the whole image; retries with a
// 3x3 median filter and at half size (noisy and high-resolution scans), because ZXing misses
// codes on noisy scans otherwise.

#include <array>
#include <optional>
#include <string>

#include "scanner/grey_image.h"
#include "scanner/page_transform.h"

namespace phieu {

struct QrReading {
  std::string text;
  // The symbol's corners in image pixels, in the symbol's own frame: top-left, top-right,
  // bottom-right, bottom-left (so they say which way up the page is).
  std::array<PointF, 4> corners;
};

// The QR code on `image`, or nullopt when none decodes.
std::optional<QrReading> ReadQr(const GreyImage& image);

}  // namespace phieu
