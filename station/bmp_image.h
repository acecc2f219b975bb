#pragma once
// A grey image as a BMP file in memory (8 bits, a grey palette, uncompressed): what the review
// station sends to the browser. Uncompressed, so it costs no time to make; every browser shows it.

#include <string>

#include "scanner/grey_image.h"

namespace phieu {

// The BMP file's bytes for `image` (which must not be empty).
std::string GreyBmp(const GreyImage& image);

}  // namespace phieu
