#include "scanner/bubble_measure.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "scanner/bubble_surroundings.h"

namespace phieu {
namespace {

constexpr double kRingWidthPt = 0.9;  // forms/form_renderer.cc kBubbleLinePt
constexpr double kPi = 3.14159265358979;

// A pixel inside a bubble is inked when it is at least this dark (0..1) and half as dark as the
// bubble's darkest tenth.
constexpr double kInkedFloor = 0.25;
// Around a bubble, 2 x 2 pixels this dark on average hold a pen stroke.
constexpr double kStroke = 0.35;

class Darkness {
 public:
  Darkness(const GreyImage& image, double paper_level, double ink_level)
      : image_(image), paper_(paper_level), range_(std::max(1.0, paper_level - ink_level)) {}

  // 0 = paper .. 1 = ink at a pixel (outside the image counts as paper).
  double At(int x, int y) const {
    if (x < 0 || y < 0 || x >= image_.width || y >= image_.height) return 0;
    return std::clamp((paper_ - image_.at(x, y)) / range_, 0.0, 1.0);
  }
  double At(double x, double y) const { return At(static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y))); }
  // The mean over the 2 x 2 pixels nearest (x, y): a stroke one pixel wide still shows, a single
  // dark pixel (dust, salt-and-pepper noise) does not.
  double Smoothed(double x, double y) const {
    const int x0 = static_cast<int>(std::floor(x)), y0 = static_cast<int>(std::floor(y));
    return (At(x0, y0) + At(x0 + 1, y0) + At(x0, y0 + 1) + At(x0 + 1, y0 + 1)) / 4;
  }

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


// The paper and ink levels around a bubble: the bright end of a ring of samples well outside it
// (printed text there is a minority), so that uneven light on a photo or a grey stain does not
// read as ink. Falls back to the page's levels where the local contrast is too low to trust.
Darkness LocalDarkness(const GreyImage& image, const Registration& reg, PointF centre,
                       double radius_px) {
  std::array<int, 2 * kRingSamples> values;
  int n = 0;
  for (double k : {2.3, 2.8}) {
    for (const auto& [c, s] : UnitCircle()) {
      const int x = static_cast<int>(std::lround(centre.x + k * radius_px * c));
      const int y = static_cast<int>(std::lround(centre.y + k * radius_px * s));
      if (x < 0 || y < 0 || x >= image.width || y >= image.height) continue;
      values[n++] = image.at(x, y);
    }
  }
  if (n < kRingSamples) return Darkness(image, reg.paper_level, reg.ink_level);
  const auto at = values.begin() + n * 3 / 4;
  std::nth_element(values.begin(), at, values.begin() + n);
  const double paper = std::min<double>(*at, reg.paper_level + 10);
  const double ink = reg.ink_level * paper / std::max(1.0, reg.paper_level);
  if (paper - ink < 0.5 * (reg.paper_level - reg.ink_level)) {
    return Darkness(image, reg.paper_level, reg.ink_level);
  }
  return Darkness(image, paper, ink);
}

}  // namespace

std::vector<BubbleScore> MeasureBubbles(const GreyImage& image, const LayoutPage& page,
                                        const Registration& reg) {
  const Darkness page_dark(image, reg.paper_level, reg.ink_level);
  const std::vector<BubbleSurroundings> surroundings = SurroundingsOf(page);
  std::vector<BubbleScore> scores;
  std::vector<double> inside;
  for (std::size_t i = 0; i < page.bubbles.size(); ++i) {
    const LayoutBubble& bubble = page.bubbles[i];
    const PointF centre_pt{bubble.box.centre_x(), bubble.box.centre_y()};
    // Where registration found this bubble's printed ring (it follows creases and curl), else
    // where the transform puts it.
    const PointF centre = i < reg.bubble_centres_px.size() ? reg.bubble_centres_px[i]
                                                            : reg.transform.Apply(centre_pt);
    const double scale = reg.transform.ScaleAt(centre_pt);
    const double radius = bubble.box.w / 2 * scale;
    const double ring = radius - kRingWidthPt / 2 * scale;
    // Re-centre on the printed ring: the offset (within about 1.5 pt) where the ring is darkest,
    // preferring the predicted position when the ring is equally dark (a filled bubble).
    const int search = std::max(2, static_cast<int>(std::lround(1.5 * scale)));
    double best_x = centre.x, best_y = centre.y, best = -1;
    for (int dy = -search; dy <= search; ++dy) {
      for (int dx = -search; dx <= search; ++dx) {
        const double value = RingDarkness(page_dark, centre.x + dx, centre.y + dy, ring) -
                             0.002 * (dx * dx + dy * dy);
        if (value > best) best = value, best_x = centre.x + dx, best_y = centre.y + dy;
      }
    }
    const double shift_x = best_x - centre.x, shift_y = best_y - centre.y;
    const Darkness dark = LocalDarkness(image, reg, {best_x, best_y}, radius);
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
    score.coverage = 0;
    if (!inside.empty()) {
      double sum = 0;
      for (double v : inside) sum += v;
      score.fill = sum / inside.size();
      const auto tenth = inside.begin() + static_cast<std::ptrdiff_t>(inside.size() * 9 / 10);
      std::nth_element(inside.begin(), tenth, inside.end());
      score.ink = *tenth;
      // Inked: at least half as dark as the mark's own ink (a blue ball-point is lighter than
      // the printed black), and clearly darker than paper.
      const double inked_from = std::max(kInkedFloor, score.ink / 2);
      int inked = 0;
      for (double v : inside) inked += v >= inked_from;
      score.coverage = static_cast<double>(inked) / inside.size();
    }
    // Outside: from just beyond the printed ring (and a fill's small spill) to 1.5 radii.
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
    // Strokes: where ink crosses the ring, and which free halo sectors hold a stroke (two inked
    // points: one is noise or a speck of dust).
    const BubbleSurroundings& around = surroundings[i];
    auto dark_at = [&](PointF p_pt) {
      const PointF p = reg.transform.Apply(p_pt);
      return dark.Smoothed(p.x + shift_x, p.y + shift_y) >= kStroke;
    };
    bool inside_ink[kHaloSectors] = {false};
    for (int sector = 0; sector < kHaloSectors; ++sector) {
      for (int a = 0; a < 6 && !inside_ink[sector]; ++a) {
        const double angle = 2 * kPi * (sector + (a + 0.5) / 6) / kHaloSectors;
        const double k = 0.75 * r_in / scale;
        inside_ink[sector] = dark_at({centre_pt.x + k * std::cos(angle), centre_pt.y + k * std::sin(angle)});
      }
    }
    // A stroke crossing the ring at a slant reaches the inside in the next sector.
    for (const SurroundingPoint& p : around.crossing) {
      const bool inked_within = inside_ink[p.sector] ||
                                inside_ink[(p.sector + 1) % kHaloSectors] ||
                                inside_ink[(p.sector + kHaloSectors - 1) % kHaloSectors];
      if (p.free && inked_within && dark_at(p.at_pt)) score.cross_mask |= 1 << p.sector;
    }
    int halo_hits[kHaloSectors] = {0};
    for (const SurroundingPoint& p : around.halo) {
      if (p.free && dark_at(p.at_pt)) ++halo_hits[p.sector];
    }
    score.free_mask = around.free_mask;
    for (int sector = 0; sector < kHaloSectors; ++sector) {
      if (halo_hits[sector] >= 2 && (around.free_mask & (1 << sector))) score.halo_mask |= 1 << sector;
    }
    scores.push_back(score);
  }
  return scores;
}

double PrintedRingScore(const GreyImage& image, const LayoutPage& page, const Registration& reg) {
  if (page.bubbles.empty()) return 0;
  const Darkness dark(image, reg.paper_level, reg.ink_level);
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
  const Darkness dark(image, reg.paper_level, reg.ink_level);
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
