#include "synthetic/scan_generator.h"
#include "synthetic/random.h"
#include "scanner/cv_image.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <string_view>

namespace phieu {
namespace {

constexpr double kPi = std::numbers::pi;
// Graphite at full coverage, and how much of it the paper's grain lets through: tuned so that a
// shaded disc averages grey 150-190 (the hatching and grain leave paper showing).
constexpr double kPencilGrey[2] = {130, 170};
constexpr double kPencilGrain = 0.7;
// Pen figures are given at this resolution and scale with the page's dpi.
constexpr double kPenDpi = 150;
constexpr double kMmPerInch = 25.4;

// A seed for one purpose: streams for different purposes (salt) or marks (text) do not overlap,
// so adding a mark or switching on a degradation leaves the others as they were.
std::uint64_t SubSeed(std::uint64_t seed, std::uint64_t salt, std::string_view text = {}) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  Random mixer(seed ^ (salt * 0xd1b54a32d192ed03ULL) ^ hash);
  return mixer.Next();
}

// A writable copy of `image` (the scanner's view shares pixels; the generator draws on a copy).
cv::Mat ToMat(const GreyImage& image) {
  if (image.empty()) throw std::logic_error("scan generator: an empty image");
  return scanner_internal::AsMat(image).clone();
}

using scanner_internal::FromMat;

struct Pt {
  double x = 0, y = 0;
};
Pt operator+(Pt a, Pt b) { return {a.x + b.x, a.y + b.y}; }
Pt operator*(Pt a, double k) { return {a.x * k, a.y * k}; }
Pt Polar(double radius, double angle) {
  return {radius * std::cos(angle), radius * std::sin(angle)};
}

constexpr int kSuper = 4;  // ink is drawn at 4x the page's resolution, then averaged down
constexpr int kShift = 3;  // fractional bits of drawing coordinates

// Ink over a patch of the page, drawn at kSuper times the page resolution into a coverage layer
// (255 = fully inked), then averaged down, which anti-aliases it the way a scanner's optics do.
// Draw in increasing density: later drawing replaces earlier.
class InkPatch {
 public:
  // A patch over page pixels [x0, x1) x [y0, y1) (page coordinates: pixel i spans [i, i+1)).
  InkPatch(double x0, double y0, double x1, double y1)
      : ox_(static_cast<int>(std::floor(x0))),
        oy_(static_cast<int>(std::floor(y0))),
        w_(std::max(1, static_cast<int>(std::ceil(x1)) - ox_)),
        h_(std::max(1, static_cast<int>(std::ceil(y1)) - oy_)),
        layer_(h_ * kSuper, w_ * kSuper, CV_8UC1, cv::Scalar(0)) {}

  void Fill(const std::vector<Pt>& polygon, double density) {
    const std::vector<std::vector<cv::Point>> polygons = {Points(polygon)};
    cv::fillPoly(layer_, polygons, Level(density), cv::LINE_AA, kShift);
  }
  void Stroke(const std::vector<Pt>& line, double width_px, double density) {
    const std::vector<std::vector<cv::Point>> lines = {Points(line)};
    const int thickness = std::max(1, static_cast<int>(std::lround(width_px * kSuper)));
    cv::polylines(layer_, lines, false, Level(density), thickness, cv::LINE_AA, kShift);
  }

  // Lays the ink on `page`: each pixel moves towards min(pixel, ink_grey) by the ink's coverage
  // (ink only darkens), scaled by a per-pixel grain factor in [grain_min, 1].
  void Apply(cv::Mat& page, double ink_grey, Random& random, double grain_min = 1) const {
    cv::Mat coverage;
    cv::resize(layer_, coverage, cv::Size(w_, h_), 0, 0, cv::INTER_AREA);
    for (int y = 0; y < h_; ++y) {
      const int py = oy_ + y;
      if (py < 0 || py >= page.rows) continue;
      for (int x = 0; x < w_; ++x) {
        const int px = ox_ + x;
        const std::uint8_t c = coverage.at<std::uint8_t>(y, x);
        if (px < 0 || px >= page.cols || c == 0) continue;
        double alpha = c / 255.0;
        if (grain_min < 1) alpha *= random.Uniform(grain_min, 1);
        std::uint8_t& pixel = page.at<std::uint8_t>(py, px);
        const double target = std::min<double>(pixel, ink_grey);
        pixel = static_cast<std::uint8_t>(std::lround(pixel + (target - pixel) * alpha));
      }
    }
  }

 private:
  std::vector<cv::Point> Points(const std::vector<Pt>& points) const {
    std::vector<cv::Point> out;
    out.reserve(points.size());
    constexpr double kOne = 1 << kShift;
    for (const Pt& p : points) {
      // Pixel centres are at +0.5 in page coordinates and at the integer in OpenCV's.
      out.emplace_back(static_cast<int>(std::lround(((p.x - ox_) * kSuper - 0.5) * kOne)),
                       static_cast<int>(std::lround(((p.y - oy_) * kSuper - 0.5) * kOne)));
    }
    return out;
  }
  static cv::Scalar Level(double density) {
    return cv::Scalar(std::clamp(std::round(density * 255), 0.0, 255.0));
  }

  int ox_, oy_, w_, h_;
  cv::Mat layer_;
};

// A closed, hand-drawn-looking outline around `centre`: the radius wobbles with two low
// harmonics and a little per-vertex jitter, each up to `wobble` (a fraction of the radius).
std::vector<Pt> Blob(Random& random, Pt centre, double radius, double wobble, int vertices = 36) {
  const double a2 = random.Uniform(-wobble, wobble), p2 = random.Uniform(0, 2 * kPi);
  const double a3 = random.Uniform(-wobble, wobble), p3 = random.Uniform(0, 2 * kPi);
  std::vector<Pt> outline;
  for (int i = 0; i < vertices; ++i) {
    const double t = 2 * kPi * i / vertices;
    const double r = radius * (1 + a2 * std::sin(2 * t + p2) + a3 * std::sin(3 * t + p3) +
                               random.Uniform(-wobble, wobble) / 3);
    outline.push_back(centre + Polar(r, t));
  }
  return outline;
}

// A quadratic curve from `a` to `b` whose middle is pushed sideways by `bow` pixels: a hand's
// straight line.
std::vector<Pt> Bowed(Pt a, Pt b, double bow, int points = 10) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double length = std::max(1e-9, std::hypot(dx, dy));
  const Pt control{(a.x + b.x) / 2 - dy / length * bow * 2,
                   (a.y + b.y) / 2 + dx / length * bow * 2};
  std::vector<Pt> curve;
  for (int i = 0; i < points; ++i) {
    const double t = static_cast<double>(i) / (points - 1);
    const double u = 1 - t;
    curve.push_back(a * (u * u) + control * (2 * u * t) + b * (t * t));
  }
  return curve;
}

// Back-and-forth strokes covering a disc: how a pen fills a circle.
std::vector<Pt> Zigzag(Random& random, Pt centre, double radius, double angle, double spacing) {
  const Pt along = Polar(1, angle), across = Polar(1, angle + kPi / 2);
  std::vector<Pt> path;
  bool forward = true;
  for (double o = -radius + spacing / 2; o < radius; o += spacing) {
    const double half = std::sqrt(radius * radius - o * o) * random.Uniform(0.8, 1.0);
    path.push_back(centre + across * o + along * (forward ? -half : half));
    path.push_back(centre + across * o + along * (forward ? half : -half));
    forward = !forward;
  }
  return path;
}

// The distance from the centre of a chord that leaves `fraction` (0.5..1) of a unit disc's area
// on the centre's side.
double ChordForCoverage(double fraction) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 60; ++i) {
    const double d = (lo + hi) / 2;
    const double segment = (std::acos(d) - d * std::sqrt(1 - d * d)) / kPi;
    if (1 - segment < fraction)
      lo = d;
    else
      hi = d;
  }
  return (lo + hi) / 2;
}

// A bubble in page pixels.
struct BubblePx {
  Pt centre;
  double size = 0;     // side of its square
  double r_inner = 0;  // the white disc inside the ring
  double r_outer = 0;  // the ring's outer edge
};

BubblePx ToPixels(const Rect& box, double dpi) {
  const double k = dpi / kPointsPerInch;
  BubblePx b;
  b.centre = {box.centre_x() * k, box.centre_y() * k};
  b.size = box.w * k;
  b.r_inner = (box.w - kBubbleLinePt) / 2 * k;
  b.r_outer = (box.w + kBubbleLinePt) / 2 * k;
  return b;
}

struct Pen {
  double grey = 30;  // ink level at full coverage
  double width = 2;  // stroke width, pixels at the page's dpi
  double scale = 1;  // dpi / 150
};

Pen NewPen(Random& random, double dpi) {
  Pen pen;
  pen.scale = dpi / kPenDpi;
  pen.grey = random.Uniform(10, 60);
  pen.width = random.Uniform(1.5, 2.5) * pen.scale;
  return pen;
}

Pt Jitter(Random& random, double amount) {
  return {random.Uniform(-amount, amount), random.Uniform(-amount, amount)};
}

void DrawFill(InkPatch& patch, const BubblePx& b, const Pen& pen, Random& random) {
  const Pt centre = b.centre + Jitter(random, 0.05 * b.r_inner);
  const double radius = b.r_inner * std::sqrt(random.Uniform(0.85, 1.0));
  std::vector<Pt> outline = Blob(random, centre, radius, 0.04);
  if (random.Chance(0.3)) {
    // A stretch of the edge drawn too far: over the ring by 1-2 px.
    const double at = random.Uniform(0, 2 * kPi), half_width = random.Uniform(0.4, 0.9);
    const double reach = b.r_outer + random.Uniform(1, 2) * pen.scale;
    for (std::size_t i = 0; i < outline.size(); ++i) {
      const double t = 2 * kPi * i / outline.size();
      const double off = std::abs(std::remainder(t - at, 2 * kPi));
      if (off >= half_width) continue;
      const double r = std::hypot(outline[i].x - centre.x, outline[i].y - centre.y);
      const double spilled = r + (reach - r) * std::cos(off / half_width * kPi / 2);
      outline[i] = centre + Polar(std::max(r, spilled), t);
    }
  }
  patch.Fill(outline, random.Uniform(0.7, 0.9));
  patch.Stroke(Zigzag(random, centre, radius * 0.9, random.Uniform(0, kPi),
                      pen.width * random.Uniform(1.1, 1.6)),
               pen.width, 1.0);
}

// The share of ticks and X's drawn small, wholly inside the ring (they cross no ring and leave
// no stroke in the halo: only their shape tells them from a dot).
constexpr double kSmallMarkShare = 1.0 / 3;

// An X whose arms reach `extent` times the bubble's half-side from its centre (1 = the corners).
void DrawX(InkPatch& patch, const BubblePx& b, const Pen& pen, Random& random, double extent) {
  const double h = b.size / 2 * extent;
  for (double dy : {1.0, -1.0}) {
    const Pt from = b.centre + Pt{-h, -h * dy} + Jitter(random, 0.05 * b.size);
    const Pt to = b.centre + Pt{h, h * dy} + Jitter(random, 0.05 * b.size);
    patch.Stroke(Bowed(from, to, random.Uniform(-0.04, 0.04) * b.size),
                 pen.width * random.Uniform(0.9, 1.1), 1.0);
  }
}

// A check mark; its long arm runs out of the bubble to the upper right, or, in a third of ticks,
// the whole tick stays inside the ring (written small and carefully).
void DrawTick(InkPatch& patch, const BubblePx& b, const Pen& pen, Random& random) {
  const double r = b.size / 2;
  const bool small = random.Chance(kSmallMarkShare);
  const double k = small ? 0.75 : 1.0;
  const Pt start = b.centre + Pt{-0.65 * r, -0.05 * r} * k + Jitter(random, 0.1 * r * k);
  const Pt bottom = b.centre + Pt{-0.15 * r, 0.65 * r} * k + Jitter(random, 0.1 * r * k);
  const Pt end = small ? b.centre + Pt{0.45 * r, -0.5 * r} + Jitter(random, 0.06 * r)
                       : b.centre + Pt{1.25 * r, -1.4 * r} * random.Uniform(0.9, 1.3) +
                             Jitter(random, 0.1 * r);
  std::vector<Pt> line = Bowed(start, bottom, random.Uniform(-0.05, 0.05) * r, 5);
  const std::vector<Pt> up = Bowed(bottom, end, random.Uniform(-0.12, 0.05) * r, 10);
  line.insert(line.end(), up.begin() + 1, up.end());
  patch.Stroke(line, pen.width * random.Uniform(0.9, 1.1), 1.0);
}

void DrawPartial(InkPatch& patch, const BubblePx& b, const Pen& pen, Random& random) {
  const Pt centre = b.centre + Jitter(random, 0.04 * b.r_inner);
  const double radius = b.r_inner * random.Uniform(0.95, 1.0);
  patch.Fill(Blob(random, centre, radius, 0.03), random.Uniform(0.80, 0.92));
  patch.Stroke(Zigzag(random, centre, radius * 0.9, random.Uniform(0, kPi),
                      pen.width * random.Uniform(1.1, 1.6)),
               pen.width, 1.0);
  // Stopped at a chord: erase beyond it.
  const double d = radius * ChordForCoverage(random.Uniform(0.5, 0.7));
  const double angle = random.Uniform(0, 2 * kPi);
  const Pt along = Polar(1, angle), across = Polar(1, angle + kPi / 2);
  const double far = 3 * b.size;
  patch.Fill({centre + along * d + across * far, centre + along * d + across * -far,
              centre + along * far + across * -far, centre + along * far + across * far},
             0);
}

// Graphite shading: a light layer with darker hatching over it, grainy when applied (see
// kPencil* below), so that the disc reads as an uneven grey rather than a printed tint.
void DrawPencil(InkPatch& patch, const BubblePx& b, const Pen& pen, Random& random) {
  const Pt centre = b.centre + Jitter(random, 0.04 * b.r_inner);
  const double radius = b.r_inner * random.Uniform(0.97, 1.06);
  const double width = pen.width * 1.2;
  patch.Fill(Blob(random, centre, radius, 0.04), random.Uniform(0.5, 0.65));
  patch.Stroke(Zigzag(random, centre, radius * 0.92, random.Uniform(0, kPi),
                      width * random.Uniform(1.3, 1.7)),
               width, 1.0);
}

}  // namespace

GreyImage DrawPenMarks(const GreyImage& printed, const LayoutPage& page,
                       const std::vector<PenMark>& marks, double dpi, std::uint64_t seed) {
  if (dpi <= 0) throw std::logic_error("DrawPenMarks: dpi must be positive");
  cv::Mat mat = ToMat(printed);
  Random pen_random(SubSeed(seed, 1));
  const Pen pen = NewPen(pen_random, dpi);
  for (const PenMark& mark : marks) {
    const auto bubble =
        std::find_if(page.bubbles.begin(), page.bubbles.end(), [&](const LayoutBubble& b) {
          return b.question == mark.question && b.option == mark.option;
        });
    if (bubble == page.bubbles.end()) continue;
    Random random(SubSeed(
        seed, 2,
        mark.question + '\n' + mark.option + '\n' + std::string(MarkStyleName(mark.style))));
    const BubblePx b = ToPixels(bubble->box, dpi);
    const double reach = 1.2 * b.size + 3 * pen.width;
    InkPatch patch(b.centre.x - reach, b.centre.y - reach, b.centre.x + reach, b.centre.y + reach);
    double ink = std::clamp(pen.grey + random.Uniform(-4, 4), 10.0, 60.0);
    double grain_min = 1;
    switch (mark.style) {
      case MarkStyle::kFill:
        DrawFill(patch, b, pen, random);
        break;
      case MarkStyle::kX:
        // Corner to corner, or in a third of X's small enough to stay inside the ring.
        DrawX(patch, b, pen, random,
              random.Chance(kSmallMarkShare) ? random.Uniform(0.45, 0.55) : 1.0);
        break;
      case MarkStyle::kTick:
        DrawTick(patch, b, pen, random);
        break;
      case MarkStyle::kPartialFill:
        DrawPartial(patch, b, pen, random);
        break;
      case MarkStyle::kFaintPencil:
        DrawPencil(patch, b, pen, random);
        ink = random.Uniform(kPencilGrey[0], kPencilGrey[1]);
        grain_min = kPencilGrain;
        break;
      case MarkStyle::kCrossedOut:
        DrawFill(patch, b, pen, random);
        DrawX(patch, b, pen, random, random.Uniform(1.3, 1.7));
        break;
    }
    patch.Apply(mat, ink, random, grain_min);
  }
  return FromMat(mat);
}

GreyImage DrawStrayMarks(const GreyImage& page, double dpi, std::uint64_t seed) {
  if (dpi <= 0) throw std::logic_error("DrawStrayMarks: dpi must be positive");
  cv::Mat mat = ToMat(page);
  const double w = mat.cols, h = mat.rows, mm = dpi / kMmPerInch;
  Random random(SubSeed(seed, 3));
  const Pen pen = NewPen(random, dpi);

  // A signature in the bottom margin, right of the centred page number ("Trang 1/4" at
  // 9 mm from the bottom) and left of the bottom-right registration mark: loops written left
  // to right around a baseline 8.5-9.5 mm above the edge, staying within 4.5-13.5 mm of it.
  {
    const double x0 = w * random.Uniform(0.58, 0.64);
    const double length = std::min(random.Uniform(30, 45) * mm, 0.86 * w - x0);
    const double baseline = h - random.Uniform(8.5, 9.5) * mm;
    const double loop_x = random.Uniform(1.0, 1.6) * mm, loop_y = random.Uniform(2.0, 3.0) * mm;
    const double omega = 2 * kPi * random.Uniform(5, 9);
    const double phase = random.Uniform(0, 2 * kPi), swell = random.Uniform(1, 2);
    std::vector<Pt> line;
    constexpr int kPoints = 400;
    for (int i = 0; i < kPoints; ++i) {
      const double t = static_cast<double>(i) / (kPoints - 1);
      const double envelope = 0.7 + 0.3 * std::sin(2 * kPi * swell * t + phase);
      line.push_back({x0 + length * t + loop_x * std::sin(omega * t),
                      baseline - loop_y * envelope * std::cos(omega * t) +
                          0.3 * loop_y * std::sin(2.3 * omega * t + phase)});
    }
    std::vector<std::vector<Pt>> strokes = {line};
    if (random.Chance(0.5)) {  // a flourish underneath
      const Pt from{x0 - 2 * mm, baseline + loop_y * 1.2};
      const Pt to{x0 + length * random.Uniform(0.6, 1.0),
                  baseline + loop_y * random.Uniform(0.9, 1.3)};
      strokes.push_back(Bowed(from, to, random.Uniform(-1, 1) * mm, 16));
    }
    const double pad = 4 * pen.width + 2 * mm;
    InkPatch patch(x0 - loop_x - pad, baseline - 1.4 * loop_y - pad, x0 + length + loop_x + pad,
                   baseline + 1.4 * loop_y + pad);
    for (const auto& stroke : strokes)
      patch.Stroke(stroke, pen.width * random.Uniform(0.8, 1.0), 1.0);
    patch.Apply(mat, pen.grey, random);
  }

  // A short pen line in a side margin, 4-10 mm from the edge, away from the corner marks.
  {
    const double from_edge = random.Uniform(4, 10) * mm;
    const double x = random.Chance(0.5) ? from_edge : w - from_edge;
    const double y0 = h * random.Uniform(0.3, 0.5), length = random.Uniform(15, 40) * mm;
    const Pt from{x, y0}, to{x + random.Uniform(-2, 2) * mm, y0 + length};
    const double pad = 3 * mm;
    InkPatch patch(std::min(from.x, to.x) - pad, y0 - pad, std::max(from.x, to.x) + pad,
                   y0 + length + pad);
    patch.Stroke(Bowed(from, to, random.Uniform(-1.5, 1.5) * mm, 16), pen.width, 1.0);
    patch.Apply(mat, std::clamp(pen.grey + random.Uniform(-4, 4), 10.0, 60.0), random);
  }
  return FromMat(mat);
}

GreyImage DrawHandwriting(const GreyImage& page, const Rect& box, int words, double dpi,
                          std::uint64_t seed) {
  if (dpi <= 0) throw std::logic_error("DrawHandwriting: dpi must be positive");
  if (words < 1) throw std::logic_error("DrawHandwriting: at least one word");
  cv::Mat mat = ToMat(page);
  const double k = dpi / 72, mm = dpi / kMmPerInch;
  Random random(SubSeed(seed, 4));
  const Pen pen = NewPen(random, dpi);
  const double left = box.x * k + random.Uniform(1.5, 3) * mm, right = box.right() * k - 2 * mm;
  const double line_h = std::min(box.h * k, 7 * mm);
  const int lines = std::max(1, static_cast<int>(box.h * k / line_h));
  // Loops written left to right around a baseline, as a hand joins letters; small enough to stay
  // inside a one-line box ("Khác: ...." is about 4 mm high).
  const double loop_y = std::min(random.Uniform(1.2, 1.8) * mm, 0.22 * line_h);
  double x = left;
  int line = 0;
  InkPatch patch(box.x * k, box.y * k, box.right() * k, box.bottom() * k);
  for (int w = 0; w < words; ++w) {
    const double length = random.Uniform(5, 12) * mm;
    if (x + length > right) {
      if (line + 1 >= lines) break;  // the box is full
      ++line, x = left;
    }
    const double baseline = box.y * k + line * line_h + 0.62 * line_h;
    const double loop_x = random.Uniform(0.5, 0.8) * mm;
    const double omega = 2 * kPi * length / random.Uniform(1.6, 2.2) / mm;
    const double phase = random.Uniform(0, 2 * kPi);
    std::vector<Pt> stroke;
    constexpr int kPoints = 160;
    for (int i = 0; i < kPoints; ++i) {
      const double t = static_cast<double>(i) / (kPoints - 1);
      stroke.push_back({x + length * t + loop_x * std::sin(omega * t / 2),
                        baseline - loop_y * (0.5 - 0.5 * std::cos(omega * t)) *
                                       (1 + 0.3 * std::sin(3.1 * omega * t + phase))});
    }
    patch.Stroke(stroke, pen.width * random.Uniform(0.8, 1.0), 1.0);
    // Vietnamese words carry marks: an accent above, now and then a dot below.
    if (random.Chance(0.7)) {
      const Pt at{x + length * random.Uniform(0.2, 0.8), baseline - loop_y - 0.8 * mm};
      patch.Stroke({at, at + Pt{0.6 * mm, -0.5 * mm}}, pen.width * 0.8, 1.0);
    }
    if (random.Chance(0.3)) {
      const Pt at{x + length * random.Uniform(0.2, 0.8), baseline + 0.6 * mm};
      patch.Stroke({at, at + Pt{0.2 * mm, 0.1 * mm}}, pen.width, 1.0);
    }
    x += length + random.Uniform(1.8, 3.0) * mm;
  }
  patch.Apply(mat, pen.grey, random);
  return FromMat(mat);
}

GreyImage ApplyScanConditions(const GreyImage& page, const ScanConditions& conditions,
                              const Rect& qr_box_px, std::uint64_t seed) {
  const ScanConditions& c = conditions;
  if (c.scale <= 0 || c.perspective < 0 || c.blur_sigma_px < 0 || c.noise_sigma < 0 ||
      c.salt_pepper < 0 || c.salt_pepper > 1 || c.jpeg_quality < 0 || c.jpeg_quality > 100 ||
      c.rotate_quarter_turns < 0 || c.rotate_quarter_turns > 3 || c.paper_grey < 0 ||
      c.paper_grey > 255) {
    throw std::logic_error("ApplyScanConditions: a condition is out of range");
  }
  cv::Mat mat = ToMat(page);

  // Paper: white becomes the paper's level, ink stays dark.
  if (c.paper_grey != 255) mat.convertTo(mat, CV_8U, c.paper_grey / 255.0);
  if (c.stain_over_qr && qr_box_px.w > 0 && qr_box_px.h > 0) {
    Random random(SubSeed(seed, 10));
    const Pt centre{qr_box_px.x + qr_box_px.w * random.Uniform(0.3, 0.7),
                    qr_box_px.y + qr_box_px.h * random.Uniform(0.3, 0.7)};
    const double radius = std::sqrt(0.12 * qr_box_px.w * qr_box_px.h / kPi);
    InkPatch patch(centre.x - 1.6 * radius, centre.y - 1.6 * radius, centre.x + 1.6 * radius,
                   centre.y + 1.6 * radius);
    patch.Fill(Blob(random, centre, radius, 0.15, 48), random.Uniform(0.85, 0.95));
    patch.Apply(mat, random.Uniform(40, 80), random);
  }

  // Geometry.
  const int turns = ((c.upside_down ? 2 : 0) + c.rotate_quarter_turns) % 4;
  const bool warp = c.rotate_deg != 0 || c.scale != 1 || c.perspective != 0;
  if (!warp && turns != 0) {
    static constexpr cv::RotateFlags kTurn[] = {cv::ROTATE_90_CLOCKWISE, cv::ROTATE_90_CLOCKWISE,
                                                cv::ROTATE_180, cv::ROTATE_90_COUNTERCLOCKWISE};
    cv::rotate(mat, mat, kTurn[turns]);
  } else if (warp) {
    Random random(SubSeed(seed, 11));
    // Counter-clockwise on the image (y down), as cv::getRotationMatrix2D; turns are clockwise.
    const double theta = c.rotate_deg * kPi / 180 - turns * kPi / 2;
    const double cos_t = std::cos(theta) * c.scale, sin_t = std::sin(theta) * c.scale;
    const double cx = (mat.cols - 1) / 2.0, cy = (mat.rows - 1) / 2.0;
    const std::vector<cv::Point2f> from = {
        {0, 0},
        {static_cast<float>(mat.cols - 1), 0},
        {static_cast<float>(mat.cols - 1), static_cast<float>(mat.rows - 1)},
        {0, static_cast<float>(mat.rows - 1)}};
    std::vector<Pt> moved;
    double min_x = 1e300, min_y = 1e300, max_x = -1e300, max_y = -1e300;
    for (const cv::Point2f& p : from) {
      const double dx = p.x - cx, dy = p.y - cy;
      Pt q{cos_t * dx + sin_t * dy, -sin_t * dx + cos_t * dy};
      if (c.perspective > 0) {
        q = q +
            Polar(random.Uniform(0.5, 1) * c.perspective * mat.cols, random.Uniform(0, 2 * kPi));
      }
      moved.push_back(q);
      min_x = std::min(min_x, q.x), max_x = std::max(max_x, q.x);
      min_y = std::min(min_y, q.y), max_y = std::max(max_y, q.y);
    }
    // Just large enough for the whole page, which sits in the middle.
    const int out_w = static_cast<int>(std::ceil(max_x - min_x)) + 1;
    const int out_h = static_cast<int>(std::ceil(max_y - min_y)) + 1;
    const double shift_x = (out_w - 1) / 2.0 - (min_x + max_x) / 2;
    const double shift_y = (out_h - 1) / 2.0 - (min_y + max_y) / 2;
    std::vector<cv::Point2f> to;
    for (const Pt& q : moved) {
      to.emplace_back(static_cast<float>(q.x + shift_x), static_cast<float>(q.y + shift_y));
    }
    const cv::Mat homography = cv::getPerspectiveTransform(from, to);
    cv::Mat warped;
    cv::warpPerspective(mat, warped, homography, cv::Size(out_w, out_h), cv::INTER_LINEAR,
                        cv::BORDER_CONSTANT, cv::Scalar(std::round(c.paper_grey)));
    mat = warped;
  }

  // Optics, then the sensor.
  if (c.blur_sigma_px > 0) cv::GaussianBlur(mat, mat, cv::Size(0, 0), c.blur_sigma_px);
  if (c.noise_sigma > 0) {
    Random random(SubSeed(seed, 12));
    for (int y = 0; y < mat.rows; ++y) {
      std::uint8_t* row = mat.ptr<std::uint8_t>(y);
      for (int x = 0; x < mat.cols; ++x) {
        const double v = row[x] + c.noise_sigma * random.Gaussian();
        row[x] = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
      }
    }
  }
  if (c.salt_pepper > 0) {
    Random random(SubSeed(seed, 13));
    const std::uint64_t total = static_cast<std::uint64_t>(mat.total());
    const auto count = static_cast<std::uint64_t>(std::llround(c.salt_pepper * total));
    for (std::uint64_t i = 0; i < count; ++i) {
      const std::uint64_t r = random.Next();
      const std::uint64_t at = (r >> 1) % total;
      mat.at<std::uint8_t>(static_cast<int>(at / mat.cols), static_cast<int>(at % mat.cols)) =
          (r & 1) ? 255 : 0;
    }
  }
  if (c.black_and_white) cv::threshold(mat, mat, 127, 255, cv::THRESH_BINARY);
  if (c.jpeg_quality > 0) {
    std::vector<std::uint8_t> bytes;
    cv::imencode(".jpg", mat, bytes, {cv::IMWRITE_JPEG_QUALITY, c.jpeg_quality});
    mat = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
  }
  return FromMat(mat);
}

std::vector<ItemTruth> TruthForPage(const std::vector<ItemTruth>& truth, const LayoutPage& page) {
  std::vector<ItemTruth> on_page;
  for (const ItemTruth& t : truth) {
    const bool here = std::any_of(page.bubbles.begin(), page.bubbles.end(),
                                  [&](const LayoutBubble& b) { return b.question == t.item; });
    if (here) on_page.push_back(t);
  }
  return on_page;
}

std::string TruthText(const std::vector<ItemTruth>& truth) {
  std::vector<const ItemTruth*> sorted;
  for (const ItemTruth& t : truth) sorted.push_back(&t);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const ItemTruth* a, const ItemTruth* b) { return a->item < b->item; });
  std::string text;
  for (const ItemTruth* t : sorted) {
    text += t->item;
    text += '=';
    for (std::size_t i = 0; i < t->intended.size(); ++i) {
      if (i > 0) text += ';';
      text += t->intended[i];
    }
    if (t->certainty != MarkCertainty::kClear) {
      text += ' ';
      text += MarkCertaintyName(t->certainty);
    }
    text += '\n';
  }
  return text;
}

Status WritePng(const GreyImage& image, const std::string& path) {
  if (image.empty()) return Status::Error(path + ": cannot write an empty image");
  try {
    if (!cv::imwrite(path, ToMat(image))) {
      return Status::Error(path +
                           ": cannot write the PNG (does the folder exist and is it writable?)");
    }
  } catch (const cv::Exception& e) {
    return Status::Error(path + ": cannot write the PNG: " + e.what());
  }
  return Status::Ok();
}

Result<GreyImage> ReadPng(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return Status::Error(path + ": no such file");
  cv::Mat mat;
  try {
    mat = cv::imread(path, cv::IMREAD_GRAYSCALE);
  } catch (const cv::Exception&) {
    mat.release();
  }
  if (mat.empty()) return Status::Error(path + ": the image cannot be decoded");
  return FromMat(mat);
}

}  // namespace phieu
