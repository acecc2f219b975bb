#include "scanner/grey_levels.h"

#include <gtest/gtest.h>

#include <vector>

namespace phieu {
namespace {

TEST(GreyLevelsTest, CountsExactlyTheSampledPixelsOfTheRectangle) {
  const int width = 53, height = 31;
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height);
  for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = static_cast<std::uint8_t>(i * 37 % 251);
  for (int step_x : {1, 2, 3, 5}) {
    for (int step_y : {1, 3, 4}) {
      const GreyHistogram levels =
          SampleGreyLevels(pixels.data(), width, 4, 2, 50, 29, step_x, step_y);
      std::array<int, 256> expected{};
      int total = 0;
      for (int y = 2; y < 29; y += step_y) {
        for (int x = 4; x < 50; x += step_x) ++expected[pixels[y * width + x]], ++total;
      }
      EXPECT_EQ(levels.count, expected) << step_x << " x " << step_y;
      EXPECT_EQ(levels.total, total);
    }
  }
}

TEST(GreyLevelsTest, PercentileIsTheLowestLevelHoldingThatShare) {
  // 90 pixels of paper (240) and 10 of ink (20).
  std::vector<std::uint8_t> pixels(100, 240);
  for (int i = 0; i < 10; ++i) pixels[i * 10] = 20;
  const GreyHistogram levels = SampleGreyLevels(pixels.data(), 10, 0, 0, 10, 10, 1, 1);
  EXPECT_EQ(levels.Percentile(0.05), 20);
  EXPECT_EQ(levels.Percentile(0.10), 20);
  EXPECT_EQ(levels.Percentile(0.11), 240);
  EXPECT_EQ(GreyHistogram{}.Percentile(0.5), 0);  // no samples: the first level holds them all
}

}  // namespace
}  // namespace phieu
