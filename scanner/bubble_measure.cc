#include "scanner/bubble_measure.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace phieu {
namespace {

constexpr double kRingWidthPt = 0.9;  // forms/form_renderer.cc kBubbleLinePt
constexpr double kPi = 3.14159265358979;

class Darkness {
 public:
  Darkness(const GreyImage& image, const Registration& reg)
      : image_(image), paper_(reg.paper_level), range_(std::max(1.0, reg.paper_level - reg.ink_level)) {}

  // 0 = paper .. 1 = ink at a pixel (outside the image counts as paper).
  double At(int x, int y) const {
    if (x < 0 || y < 0 || x >= image_.width || y >= image_.height) return 0;
    return std::clamp((paper_ - image_.at(x, y)) / range_, 0.0, 1.0);
  }
  double At(double x, double y) const { return At(static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y))); }

 private:
  const GreyImage& image_;
  double paper_, range_;
};

constexpr int kRingSamples = 32;

// Unit-circle points for the ring samples, computed once.
const std::array<std::pair<double, double>, kRingSamples>& UnitCircle() {
  static const auto points = [] {
    std::array<std::pair<double, double>, kRingSamples> p;
    for (int i = 0; i < kRingSamples; ++i) {
      p[i] = {std::cos(2 * kPi * i / kRingSamples), std::sin(2 * kPi * i / kRingSamples)};
    }
    return p;
  }();
  return points;
}

// Mean darkness along the ring of radius `r` around (cx, cy).
double RingDarkness(const Darkness& d, double cx, double cy, double r) {
  double sum = 0;
  for (const auto& [c, s] : UnitCircle()) sum += d.At(cx + r * c, cy + r * s);
  return sum / kRingSamples;
}

}  // namespace

std::vector<BubbleScore> MeasureBubbles(const GreyImage& image, const LayoutPage& page,
                                        const Registration& reg) {
  const Darkness dark(image, reg);
  std::vector<BubbleScore> scores;
  std::vector<double> inside;
  for (const LayoutBubble& bubble : page.bubbles) {
    const PointF centre = reg.transform.Apply({bubble.box.centre_x(), bubble.box.centre_y()});
    const double scale = reg.transform.ScaleAt({bubble.box.centre_x(), bubble.box.centre_y()});
    const double radius = bubble.box.w / 2 * scale;
    const double ring = radius - kRingWidthPt / 2 * scale;
    // Re-centre on the printed ring: the offset (within about 1.5 pt) where the ring is darkest,
    // preferring the predicted position when the ring is equally dark (a filled bubble).
    const int search = std::max(2, static_cast<int>(std::lround(1.5 * scale)));
    double best_x = centre.x, best_y = centre.y, best = -1;
    for (int dy = -search; dy <= search; ++dy) {
      for (int dx = -search; dx <= search; ++dx) {
        const double value = RingDarkness(dark, centre.x + dx, centre.y + dy, ring) -
                             0.002 * (dx * dx + dy * dy);
        if (value > best) best = value, best_x = centre.x + dx, best_y = centre.y + dy;
      }
    }
    // The inside: within the ring, less its width and a pixel of blur.
    const double r_in = std::max(1.0, radius - kRingWidthPt * scale - 1.5);
    inside.clear();
    for (int y = static_cast<int>(best_y - r_in); y <= best_y + r_in; ++y) {
      for (int x = static_cast<int>(best_x - r_in); x <= best_x + r_in; ++x) {
        if ((x - best_x) * (x - best_x) + (y - best_y) * (y - best_y) <= r_in * r_in) {
          inside.push_back(dark.At(x, y));
        }
      }
    }
    BubbleScore score{bubble.question, bubble.option, 0, 0, 0};
    if (!inside.empty()) {
      double sum = 0;
      for (double v : inside) sum += v;
      score.fill = sum / inside.size();
      const auto tenth = inside.begin() + static_cast<std::ptrdiff_t>(inside.size() * 9 / 10);
      std::nth_element(inside.begin(), tenth, inside.end());
      score.ink = *tenth;
    }
    // Outside: from just beyond the printed ring (and a fill's small spill) to 1.5 radii, where
    // a struck-out answer's X or a tick runs; labels and neighbours start further out.
    double outside_sum = 0;
    int outside_count = 0;
    const double r_out_in = radius + 1.5 + 0.15 * radius, r_out = 1.5 * radius;
    for (int y = static_cast<int>(best_y - r_out); y <= best_y + r_out; ++y) {
      for (int x = static_cast<int>(best_x - r_out); x <= best_x + r_out; ++x) {
        const double d2 = (x - best_x) * (x - best_x) + (y - best_y) * (y - best_y);
        if (d2 >= r_out_in * r_out_in && d2 <= r_out * r_out) outside_sum += dark.At(x, y), ++outside_count;
      }
    }
    score.outside = outside_count ? outside_sum / outside_count : 0;
    scores.push_back(score);
  }
  return scores;
}

double PrintedRingScore(const GreyImage& image, const LayoutPage& page, const Registration& reg) {
  if (page.bubbles.empty()) return 0;
  const Darkness dark(image, reg);
  double sum = 0;
  for (const LayoutBubble& bubble : page.bubbles) {
    const PointF centre = reg.transform.Apply({bubble.box.centre_x(), bubble.box.centre_y()});
    const double scale = reg.transform.ScaleAt({bubble.box.centre_x(), bubble.box.centre_y()});
    sum += RingDarkness(dark, centre.x, centre.y, bubble.box.w / 2 * scale - kRingWidthPt / 2 * scale);
  }
  return sum / page.bubbles.size();
}

std::vector<TextBoxInk> MeasureTextBoxes(const GreyImage& image, const LayoutPage& page,
                                         const Registration& reg) {
  const Darkness dark(image, reg);
  std::vector<TextBoxInk> boxes;
  for (const LayoutTextBox& box : page.text_boxes) {
    // Stay 2 pt inside the printed border.
    const Rect inner{box.box.x + 2, box.box.y + 2, box.box.w - 4, box.box.h - 4};
    int dark_pixels = 0, total = 0;
    const double step = 2.0 / reg.px_per_pt;  // a sample every other pixel: writing is wider
    for (double y = inner.y; y < inner.bottom(); y += step) {
      for (double x = inner.x; x < inner.right(); x += step) {
        const PointF p = reg.transform.Apply({x, y});
        dark_pixels += dark.At(p.x, p.y) > 0.5;
        ++total;
      }
    }
    const double ink = total ? static_cast<double>(dark_pixels) / total : 0;
    boxes.push_back({box.question, ink, ink > 0.004});
  }
  return boxes;
}

}  // namespace phieu
