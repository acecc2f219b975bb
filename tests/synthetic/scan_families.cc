#include "tests/synthetic/scan_families.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <vector>

#include "scanner/cv_image.h"
#include "synthetic/random.h"

namespace phieu {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kA4WidthMm = 210;

using scanner_internal::AsMat;
using scanner_internal::FromMat;

std::uint8_t Clamp8(double v) { return static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L)); }

void CheckNotEmpty(const GreyImage& image, const char* what) {
  if (image.empty()) throw std::logic_error(std::string(what) + ": an empty image");
}

// Adds Gaussian noise of sigma sqrt(floor + slope * level) to every pixel (slope 0: flat noise).
void AddNoise(cv::Mat& image, double floor_variance, double slope, Random& random) {
  if (floor_variance <= 0 && slope <= 0) return;
  for (int y = 0; y < image.rows; ++y) {
    std::uint8_t* row = image.ptr<std::uint8_t>(y);
    for (int x = 0; x < image.cols; ++x) {
      const double sigma = std::sqrt(floor_variance + slope * row[x]);
      row[x] = Clamp8(row[x] + sigma * random.Gaussian());
    }
  }
}

cv::Mat JpegRoundTrip(const cv::Mat& image, int quality) {
  std::vector<std::uint8_t> bytes;
  cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, quality});
  return cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
}

// A smooth random field in [-1, 1] of `size`, varying over about `cell_x` x `cell_y` pixels.
cv::Mat SmoothField(cv::Size size, double cell_x, double cell_y, Random& random) {
  const int gw = std::max(2, static_cast<int>(size.width / cell_x) + 2);
  const int gh = std::max(2, static_cast<int>(size.height / cell_y) + 2);
  cv::Mat grid(gh, gw, CV_32F);
  for (int y = 0; y < gh; ++y) {
    for (int x = 0; x < gw; ++x) grid.at<float>(y, x) = static_cast<float>(random.Uniform(-1, 1));
  }
  cv::Mat field;
  cv::resize(grid, field, size, 0, 0, cv::INTER_CUBIC);
  return field;
}

}  // namespace

GreyImage CutCorner(const GreyImage& page, int corner, double size_mm, bool dark_background,
                    std::uint64_t seed) {
  CheckNotEmpty(page, "CutCorner");
  if (corner < 0 || corner > 3) throw std::logic_error("CutCorner: corner must be 0..3");
  Random random(seed);
  const double px_per_mm = page.width / kA4WidthMm;
  const double leg_a = std::clamp(size_mm, 20.0, 45.0) * px_per_mm;
  const double leg_b = std::clamp(size_mm * random.Uniform(0.75, 1.3), 20.0, 45.0) * px_per_mm;
  const bool folded = random.Chance(0.5);
  // The corner's point and the two leg ends, in pixel coordinates (edges at 0 and width/height).
  const double cx = (corner == 1 || corner == 2) ? page.width : 0;
  const double cy = (corner == 2 || corner == 3) ? page.height : 0;
  const double sx = cx == 0 ? 1 : -1, sy = cy == 0 ? 1 : -1;
  const double ax = cx + sx * leg_a, ay = cy;  // along the horizontal edge
  const double bx = cx, by = cy + sy * leg_b;  // along the vertical edge
  // Signed distance to the fold/cut line, positive on the corner's side.
  const double nx = by - ay, ny = ax - bx;
  const double norm = std::hypot(nx, ny);
  auto distance = [&](double x, double y) {
    const double d = ((x - ax) * nx + (y - ay) * ny) / norm;
    const double corner_side = ((cx - ax) * nx + (cy - ay) * ny) / norm;
    return corner_side > 0 ? d : -d;
  };
  const double lid = dark_background ? random.Uniform(32, 48) : random.Uniform(246, 254);
  const double lid_noise = dark_background ? 3.0 : 1.5;
  const double shadow = folded ? random.Uniform(25, 60) : 0;  // grey levels at the fold
  const double shadow_width = random.Uniform(0.25, 0.6) * px_per_mm;
  GreyImage out = page;
  const int reach = static_cast<int>(std::max(leg_a, leg_b) + 3 * shadow_width + 2);
  const int x0 = cx == 0 ? 0 : page.width - reach, y0 = cy == 0 ? 0 : page.height - reach;
  for (int y = std::max(0, y0); y < std::min(page.height, y0 + reach); ++y) {
    for (int x = std::max(0, x0); x < std::min(page.width, x0 + reach); ++x) {
      const double d = distance(x + 0.5, y + 0.5);
      const double cover = std::clamp(d + 0.5, 0.0, 1.0);  // anti-aliased edge
      double value = out.at(x, y);
      if (shadow > 0 && d < 0) value -= shadow * std::exp(-d * d / (2 * shadow_width * shadow_width));
      const double background = lid + lid_noise * random.Gaussian();
      out.at(x, y) = Clamp8(value * (1 - cover) + background * cover);
    }
  }
  return out;
}

GreyImage Crease(const GreyImage& page, std::uint64_t seed) {
  CheckNotEmpty(page, "Crease");
  Random random(seed);
  const double px_per_mm = page.width / kA4WidthMm;
  const double px = page.width * random.Uniform(0.3, 0.7), py = page.height * random.Uniform(0.3, 0.7);
  const double angle = random.Uniform(0, kPi);
  const double ux = std::cos(angle), uy = std::sin(angle);  // along the fold
  const double nx = -uy, ny = ux;                            // across it
  const double shift = random.Uniform(0.3, 1.0) * px_per_mm;
  const double shift_angle = random.Uniform(0, 2 * kPi);
  const double ox = shift * std::cos(shift_angle), oy = shift * std::sin(shift_angle);
  const double shadow = random.Uniform(30, 80), highlight = random.Uniform(4, 14);
  const double width = random.Uniform(0.2, 0.5) * px_per_mm;
  const double side = random.Chance(0.5) ? 1 : -1;  // which side the shadow falls on
  cv::Mat map_x(page.height, page.width, CV_32F), map_y(page.height, page.width, CV_32F);
  for (int y = 0; y < page.height; ++y) {
    for (int x = 0; x < page.width; ++x) {
      const double d = (x + 0.5 - px) * nx + (y + 0.5 - py) * ny;
      const double t = std::clamp(d + 0.5, 0.0, 1.0);  // the far side's share, anti-aliased
      map_x.at<float>(y, x) = static_cast<float>(x - ox * t);
      map_y.at<float>(y, x) = static_cast<float>(y - oy * t);
    }
  }
  cv::Mat moved;
  cv::remap(AsMat(page), moved, map_x, map_y, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  for (int y = 0; y < moved.rows; ++y) {
    std::uint8_t* row = moved.ptr<std::uint8_t>(y);
    for (int x = 0; x < moved.cols; ++x) {
      const double d = side * ((x + 0.5 - px) * nx + (y + 0.5 - py) * ny);
      if (std::abs(d) > 6 * width + 4 * px_per_mm) continue;
      // Shadow hugging the fold on one side, a wider faint highlight on the other, and the
      // fold's own thin dark line.
      double v = row[x];
      if (d >= 0) v *= 1 - shadow / 255 * std::exp(-d / width);
      else v += highlight * std::exp(-(-d) / (3 * width)) * (v / 255);
      v -= 0.5 * shadow * std::exp(-d * d / (2 * 0.3 * width * 0.3 * width)) * (v / 255);
      row[x] = Clamp8(v);
    }
  }
  return FromMat(moved);
}

GreyImage Bilevel(const GreyImage& page, int threshold) {
  GreyImage out = page;
  for (std::uint8_t& p : out.pixels) p = p < threshold ? 0 : 255;
  return out;
}

GreyImage LaserPrint(const GreyImage& page_600dpi, std::uint64_t seed) {
  CheckNotEmpty(page_600dpi, "LaserPrint");
  Random random(seed);
  const double lpi = random.Uniform(100, 150);
  const double k = 2 * kPi * lpi / 600 / std::numbers::sqrt2;  // cycles per pixel on each axis
  const double phase_u = random.Uniform(0, 2 * kPi), phase_v = random.Uniform(0, 2 * kPi);
  const double toner = random.Uniform(8, 25);
  cv::Mat printed(page_600dpi.height, page_600dpi.width, CV_8UC1);
  for (int y = 0; y < printed.rows; ++y) {
    std::uint8_t* row = printed.ptr<std::uint8_t>(y);
    for (int x = 0; x < printed.cols; ++x) {
      const int g = page_600dpi.at(x, y);
      bool ink;
      if (g < 70) {
        ink = true;  // text and rules are rendered solid
      } else if (g > 242) {
        ink = false;
      } else {
        // A clustered dot on a 45-degree screen: ink where the spot function is above the level
        // that leaves the right share of the cell dark.
        const double darkness = (255.0 - g) / 255.0;
        const double spot = (std::cos(k * (x + y) + phase_u) + std::cos(k * (x - y) + phase_v)) / 2;
        ink = spot > 1 - 2 * darkness;
      }
      row[x] = ink ? static_cast<std::uint8_t>(toner) : 255;
    }
  }
  // Toner spreads a little on paper.
  cv::GaussianBlur(printed, printed, cv::Size(), 0.6);
  return FromMat(printed);
}

GreyImage ScanFrom600(const GreyImage& paper_600dpi, double out_dpi, std::uint64_t seed) {
  CheckNotEmpty(paper_600dpi, "ScanFrom600");
  if (!(out_dpi > 0 && out_dpi <= 600)) throw std::logic_error("ScanFrom600: out_dpi must be in (0, 600]");
  Random random(seed ^ 0x5ca11e5ca11eULL);
  // The scanner: optics, then sampling at out_dpi (area average), paper, noise.
  const double ratio = out_dpi / 600;
  cv::Mat page, scanned;
  cv::GaussianBlur(AsMat(paper_600dpi), page, cv::Size(), 0.45 / ratio);
  cv::resize(page, scanned,
             cv::Size(std::max(1, static_cast<int>(std::lround(page.cols * ratio))),
                      std::max(1, static_cast<int>(std::lround(page.rows * ratio)))),
             0, 0, cv::INTER_AREA);
  const double paper = random.Uniform(240, 252) / 255;
  scanned.convertTo(scanned, CV_8U, paper);
  AddNoise(scanned, random.Uniform(1, 6), 0, random);
  return FromMat(scanned);
}

GreyImage LaserHalftone(const GreyImage& page_600dpi, double out_dpi, std::uint64_t seed) {
  CheckNotEmpty(page_600dpi, "LaserHalftone");
  if (!(out_dpi > 0 && out_dpi <= 600)) throw std::logic_error("LaserHalftone: out_dpi must be in (0, 600]");
  return ScanFrom600(LaserPrint(page_600dpi, seed), out_dpi, seed);
}

GreyImage PhonePhoto(const GreyImage& page, const PhoneConditions& c, std::uint64_t seed) {
  CheckNotEmpty(page, "PhonePhoto");
  if (c.perspective < 0 || c.perspective > 0.08 || c.light_falloff < 0 || c.light_falloff > 0.7 ||
      c.blur_px < 0 || c.jpeg_quality < 1 || c.jpeg_quality > 100 || c.out_long_side_px < 200) {
    throw std::logic_error("PhonePhoto: a condition out of range");
  }
  Random random(seed);
  const int out_h = static_cast<int>(std::lround(c.out_long_side_px));
  const int out_w = static_cast<int>(std::lround(c.out_long_side_px * 3 / 4));
  const bool portrait_page = page.height >= page.width;
  // The page's size in the photo: most of the frame, with background round it.
  const double fill = c.desk ? random.Uniform(0.76, 0.88) : random.Uniform(0.9, 0.94);
  const double aspect = static_cast<double>(page.height) / page.width;
  double ph = out_h * fill, pw = ph / aspect;
  if (!portrait_page || pw > out_w * fill) pw = out_w * fill, ph = pw * aspect;
  // Page corners in the photo: centred with a random shift, turned, then moved in perspective
  // (a tilted phone: one edge nearer than the other, plus each corner's own error).
  const double rot = c.rotate_deg * kPi / 180;
  const double mx = (out_w - pw) / 2 * 0.5, my = (out_h - ph) / 2 * 0.5;
  const cv::Point2d centre(out_w / 2.0 + random.Uniform(-mx, mx), out_h / 2.0 + random.Uniform(-my, my));
  const double tilt_x = random.Uniform(-1, 1), tilt_y = random.Uniform(-1, 1);
  std::vector<cv::Point2f> dst;
  const double corners[4][2] = {{-0.5, -0.5}, {0.5, -0.5}, {0.5, 0.5}, {-0.5, 0.5}};
  for (const auto& k : corners) {
    double x = k[0] * pw, y = k[1] * ph;
    // Keystone: the far edge shrinks, the near one grows.
    const double p = c.perspective * 0.6;
    x *= 1 - 2 * k[1] * tilt_y * p;
    y *= 1 - 2 * k[0] * tilt_x * p;
    x += random.Uniform(-1, 1) * c.perspective * 0.4 * pw;
    y += random.Uniform(-1, 1) * c.perspective * 0.4 * ph;
    // y is down, so a counter-clockwise turn as seen is a negative angle here.
    const double rx = x * std::cos(-rot) - y * std::sin(-rot);
    const double ry = x * std::sin(-rot) + y * std::cos(-rot);
    dst.emplace_back(static_cast<float>(centre.x + rx), static_cast<float>(centre.y + ry));
  }
  // Shrink the page first when the photo is coarser (area averaging, no aliasing).
  cv::Mat source = AsMat(page);
  const double shrink = ph / page.height;
  if (shrink < 0.9) {
    cv::resize(source, source, cv::Size(), shrink * 1.1, shrink * 1.1, cv::INTER_AREA);
  }
  const std::vector<cv::Point2f> src = {{0, 0},
                                        {static_cast<float>(source.cols), 0},
                                        {static_cast<float>(source.cols), static_cast<float>(source.rows)},
                                        {0, static_cast<float>(source.rows)}};
  const cv::Mat to_page = cv::getPerspectiveTransform(dst, src);  // photo -> page
  // A slight barrel distortion of the lens, then the inverse perspective.
  const double k1 = random.Uniform(-0.025, 0.005);
  const double half_diag = std::hypot(out_w, out_h) / 2;
  cv::Mat map_x(out_h, out_w, CV_32F), map_y(out_h, out_w, CV_32F);
  const double* h = to_page.ptr<double>();
  for (int y = 0; y < out_h; ++y) {
    for (int x = 0; x < out_w; ++x) {
      const double dx = x + 0.5 - out_w / 2.0, dy = y + 0.5 - out_h / 2.0;
      const double r2 = (dx * dx + dy * dy) / (half_diag * half_diag);
      const double ux = out_w / 2.0 + dx * (1 + k1 * r2), uy = out_h / 2.0 + dy * (1 + k1 * r2);
      const double w = h[6] * ux + h[7] * uy + h[8];
      map_x.at<float>(y, x) = static_cast<float>((h[0] * ux + h[1] * uy + h[2]) / w - 0.5);
      map_y.at<float>(y, x) = static_cast<float>((h[3] * ux + h[4] * uy + h[5]) / w - 0.5);
    }
  }
  cv::Mat paper_f;
  source.convertTo(paper_f, CV_32F);
  cv::Mat warped, coverage;
  cv::remap(paper_f, warped, map_x, map_y, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  cv::remap(cv::Mat(source.size(), CV_32F, cv::Scalar(1)), coverage, map_x, map_y, cv::INTER_LINEAR,
            cv::BORDER_CONSTANT, cv::Scalar(0));
  // Camera exposure: paper well below white, black lifted.
  const double white = random.Uniform(195, 235), black = random.Uniform(12, 35);
  // The background: a textured desk (wood-like streaks along a random direction) or a light
  // surface.
  cv::Mat background(out_h, out_w, CV_32F);
  {
    const double base = c.desk ? random.Uniform(70, 150) : random.Uniform(175, 215);
    const double streak = c.desk ? random.Uniform(5, 14) : 4;
    const bool along_x = random.Chance(0.5);
    const double along = out_w / random.Uniform(1.2, 3), across = out_w / random.Uniform(50, 120);
    const cv::Mat grain = SmoothField(background.size(), along_x ? along : across,
                                      along_x ? across : along, random);
    const cv::Mat blotch = SmoothField(background.size(), out_w / 5.0, out_w / 5.0, random);
    for (int y = 0; y < out_h; ++y) {
      for (int x = 0; x < out_w; ++x) {
        background.at<float>(y, x) = static_cast<float>(
            base + streak * grain.at<float>(y, x) + 1.2 * streak * blotch.at<float>(y, x) +
            (c.desk ? 3.0 : 1.0) * random.Gaussian());
      }
    }
    // The page's soft shadow on the desk, offset away from the light.
    cv::Mat shadow;
    const double blur = random.Uniform(6, 14) * out_w / 1800.0;
    cv::GaussianBlur(coverage, shadow, cv::Size(), blur);
    const cv::Mat shift = (cv::Mat_<double>(2, 3) << 1, 0, random.Uniform(-1, 1) * blur, 0, 1,
                           random.Uniform(0.3, 1) * blur);
    cv::warpAffine(shadow, shadow, shift, shadow.size());
    const double depth = random.Uniform(0.2, 0.45);
    background = background.mul(1 - depth * shadow);
  }
  // The light: a gradient in a random direction plus vignetting, darkest at 1 - falloff.
  const double light_angle = random.Uniform(0, 2 * kPi);
  const double gx = std::cos(light_angle), gy = std::sin(light_angle);
  const double mix = random.Uniform(0.4, 0.75);  // gradient's share against vignetting
  cv::Mat photo(out_h, out_w, CV_8UC1);
  for (int y = 0; y < out_h; ++y) {
    for (int x = 0; x < out_w; ++x) {
      const double nx = (x + 0.5) / out_w - 0.5, ny = (y + 0.5) / out_h - 0.5;
      const double gradient = std::clamp((nx * gx + ny * gy) / 0.7 + 0.5, 0.0, 1.0);
      const double vignette = std::min(1.0, (nx * nx + ny * ny) / 0.5);
      const double light = 1 - c.light_falloff * (mix * gradient + (1 - mix) * vignette);
      const double a = coverage.at<float>(y, x);
      const double paper = black + (white - black) * warped.at<float>(y, x) / 255;
      photo.at<std::uint8_t>(y, x) = Clamp8(light * (a * paper + (1 - a) * background.at<float>(y, x)));
    }
  }
  // Optics, the phone's sharpening, its sensor, its JPEG.
  if (c.blur_px > 0) cv::GaussianBlur(photo, photo, cv::Size(), c.blur_px);
  cv::Mat soft;
  cv::GaussianBlur(photo, soft, cv::Size(), 1.5);
  cv::addWeighted(photo, 1.4, soft, -0.4, 0, photo);
  AddNoise(photo, random.Uniform(1, 3), random.Uniform(0.02, 0.06), random);
  return FromMat(JpegRoundTrip(photo, c.jpeg_quality));
}

GreyImage FlatbedScan(const GreyImage& page, const FlatbedB& c, std::uint64_t seed) {
  CheckNotEmpty(page, "FlatbedScan");
  if (c.scale <= 0 || c.blur_px < 0 || c.noise < 0 || c.jpeg_quality < 0 || c.jpeg_quality > 100) {
    throw std::logic_error("FlatbedScan: a condition out of range");
  }
  Random random(seed);
  cv::Mat tinted;
  AsMat(page).convertTo(tinted, CV_8U, std::clamp(c.paper_grey, 0.0, 255.0) / 255);
  const cv::Point2f centre(page.width / 2.0f, page.height / 2.0f);
  cv::Mat transform = cv::getRotationMatrix2D(centre, c.rotate_deg, c.scale);
  const cv::Rect2f box = cv::RotatedRect(centre, cv::Size2f(page.width * c.scale, page.height * c.scale),
                                         static_cast<float>(c.rotate_deg)).boundingRect2f();
  const int out_w = static_cast<int>(std::ceil(box.width)), out_h = static_cast<int>(std::ceil(box.height));
  transform.at<double>(0, 2) += out_w / 2.0 - centre.x;
  transform.at<double>(1, 2) += out_h / 2.0 - centre.y;
  cv::Mat scanned;
  const double lid = std::min(255.0, c.paper_grey + 6);
  cv::warpAffine(tinted, scanned, transform, cv::Size(out_w, out_h), cv::INTER_CUBIC,
                 cv::BORDER_CONSTANT, cv::Scalar(lid));
  if (c.blur_px > 0) cv::GaussianBlur(scanned, scanned, cv::Size(), c.blur_px);
  AddNoise(scanned, c.noise * c.noise, 0, random);
  if (c.jpeg_quality > 0) scanned = JpegRoundTrip(scanned, c.jpeg_quality);
  return FromMat(scanned);
}

}  // namespace phieu
