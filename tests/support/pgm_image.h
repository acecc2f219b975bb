#pragma once
// Test helper: reads the binary PGM files that `pdftoppm -gray` writes into the scanner's
// GreyImage, for tests that rasterise printed PDFs with poppler-utils.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "scanner/grey_image.h"

namespace phieu::test_support {

// The image in `path` (P5, maxval 255); an empty image, with a test failure, when it is not one.
inline GreyImage ReadPgm(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string magic;
  int width = 0, height = 0, maxval = 0;
  in >> magic >> width >> height >> maxval;
  in.get();
  EXPECT_EQ(magic, "P5") << path;
  EXPECT_EQ(maxval, 255) << path;
  if (magic != "P5" || width <= 0 || height <= 0) return {};
  GreyImage image(width, height);
  in.read(reinterpret_cast<char*>(image.pixels.data()),
          static_cast<std::streamsize>(image.pixels.size()));
  return image;
}

}  // namespace phieu::test_support
