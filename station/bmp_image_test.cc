#include "station/bmp_image.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

std::uint32_t Word(const std::string& bytes, std::size_t at) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(bytes[at + i]);
  return v;
}

TEST(GreyBmpTest, RowsArePaddedToFourBytesAndStoredTopDownAfterAGreyPalette) {
  GreyImage image(3, 2, 255);
  image.at(0, 0) = 0, image.at(2, 1) = 128;
  const std::string bmp = GreyBmp(image);
  const std::size_t pixels = 14 + 40 + 1024;
  ASSERT_EQ(bmp.size(), pixels + 2 * 4);
  EXPECT_EQ(bmp.substr(0, 2), "BM");
  EXPECT_EQ(Word(bmp, 2), bmp.size());
  EXPECT_EQ(Word(bmp, 10), pixels);
  EXPECT_EQ(Word(bmp, 18), 3u);
  EXPECT_EQ(static_cast<std::int32_t>(Word(bmp, 22)), -2);  // top-down
  EXPECT_EQ(Word(bmp, 54 + 4 * 128), 0x808080u);           // palette entry 128 is grey 128
  EXPECT_EQ(static_cast<unsigned char>(bmp[pixels]), 0u);  // first row, first pixel
  EXPECT_EQ(static_cast<unsigned char>(bmp[pixels + 1]), 255u);
  EXPECT_EQ(static_cast<unsigned char>(bmp[pixels + 4 + 2]), 128u);  // second row after padding
}

}  // namespace
}  // namespace phieu
