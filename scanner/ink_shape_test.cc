#include "scanner/ink_shape.h"

#include <cmath>

#include <gtest/gtest.h>

namespace phieu {
namespace {

constexpr int kRadius = 12;  // the inside of a bubble at about 200 dpi
constexpr double kDiameter = 2 * kRadius;

// The inside of a bubble centred on (0, 0), each pixel's darkness from `ink`.
template <typename Ink>
std::vector<InsidePixel> Inside(const Ink& ink) {
  std::vector<InsidePixel> pixels;
  for (int y = -kRadius; y <= kRadius; ++y) {
    for (int x = -kRadius; x <= kRadius; ++x) {
      if (x * x + y * y <= kRadius * kRadius) pixels.push_back({x, y, ink(x, y) ? 0.9 : 0.0});
    }
  }
  return pixels;
}

// Distance from (x, y) to the segment from (ax, ay) to (bx, by).
double ToSegment(double x, double y, double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay;
  const double t = std::clamp(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
  return std::hypot(x - ax - t * dx, y - ay - t * dy);
}

TEST(InkShapeTest, ATickInsideReachesAcrossInAThinStroke) {
  const auto tick = Inside([](int x, int y) {
    return ToSegment(x, y, -7, 0, -2, 7) < 1.2 || ToSegment(x, y, -2, 7, 7, -8) < 1.2;
  });
  const InkShape shape = InkShapeOf(tick, 0.5, kDiameter, 2);
  EXPECT_GT(shape.span, 0.7);
  EXPECT_LT(shape.thickness, 0.2);
}

TEST(InkShapeTest, ADotDoesNotReachAcross) {
  const auto dot = Inside([](int x, int y) { return std::hypot(x - 2, y + 1) < 3.5; });
  const InkShape shape = InkShapeOf(dot, 0.5, kDiameter, 2);
  EXPECT_LT(shape.span, 0.35);
}

TEST(InkShapeTest, APartialFillIsThick) {
  const auto half = Inside([](int x, int) { return x < 0; });
  const InkShape shape = InkShapeOf(half, 0.5, kDiameter, 2);
  EXPECT_GT(shape.span, 0.9);
  EXPECT_GT(shape.thickness, 0.35);
}

TEST(InkShapeTest, HalftoneDotsOfOneStrokeAreOneMark) {
  // A light stroke printed as dots every third pixel along it.
  const auto dotted = Inside([](int x, int y) { return x == y && x % 3 == 0 && std::abs(x) <= 8; });
  EXPECT_GT(InkShapeOf(dotted, 0.5, kDiameter, 3).span, 0.6);
  // Joined only within two pixels, the dots are separate specks.
  EXPECT_LT(InkShapeOf(dotted, 0.5, kDiameter, 2).span, 0.1);
}

TEST(InkShapeTest, TheLargestOfSeparateMarksIsMeasured) {
  // A short stroke and, far from it, a speck: the stroke's extent, not both together.
  const auto two = Inside([](int x, int y) {
    return (y == 5 && x >= -6 && x <= 0) || (x == 8 && y == -6) || (x == 9 && y == -6);
  });
  const InkShape shape = InkShapeOf(two, 0.5, kDiameter, 2);
  EXPECT_NEAR(shape.span, 7.0 / kDiameter, 0.05);
}

TEST(InkShapeTest, TooLittleInkHasNoShape) {
  const auto speck = Inside([](int x, int y) { return x == 0 && (y == 0 || y == 1); });
  const InkShape shape = InkShapeOf(speck, 0.5, kDiameter, 2);
  EXPECT_EQ(shape.span, 0);
  EXPECT_EQ(shape.thickness, 0);
}

}  // namespace
}  // namespace phieu
