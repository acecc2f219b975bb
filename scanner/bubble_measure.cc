#include "scanner/bubble_measure.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "core/printed_areas.h"
#include "scanner/bubble_surroundings.h"
#include "scanner/ink_shape.h"

namespace phieu {
namespace {

// Less of the inside inked than this (and no stroke inside): nothing is in the bubble.
constexpr double kEmptyInside = 0.02;
// An inside this much inked holds a stroke's worth of ink (MarkThresholds::stroke_coverage).
constexpr double kStrokeInside = 0.05;
constexpr double kPi = 3.14159265358979;

// The most of `per_sector` in `sector` and the sectors on either side of it: a stroke crossing
// the ring at a slant reaches the inside, or the halo, in the next sector.
template <typename T>
T MostAround(const T (&per_sector)[kHaloSectors], int sector) {
  return std::max({per_sector[sector], per_sector[(sector + 1) % kHaloSectors],
                   per_sector[(sector + kHaloSectors - 1) % kHaloSectors]});
}

// A pixel inside a bubble is inked when it is at least this dark (0..1) and half as dark as the
// bubble's darkest tenth.
constexpr double kInkedFloor = 0.25;
// Around a bubble, 2 x 2 pixels at least this dark on average hold a pen stroke; on a noisy page
// (salt-and-pepper, JPEG ringing, halftone) the bar rises with the page's own empty halos.
constexpr double kStrokeFloor = 0.25;
constexpr double kStrokeCeiling = 0.45;
// A bubble's ring found less clearly than this share of the page's median ring (registration's
// fit quality) is taken as broken by a crease or fold.
constexpr double kBrokenRingShare = 0.75;

// A laser printer's halftone cell, about 1 pt: a light stroke printed by one is dots this far
// apart, one mark (scanner/ink_shape.h).
constexpr double kHalftoneCellPt = 1.0;

// std::lround without the library call (this is in the innermost loops): halves away from 0.
inline int Nearest(double v) { return static_cast<int>(v < 0 ? v - 0.5 : v + 0.5); }

class Darkness {
 public:
  Darkness(const GreyImage& image, double paper_level, double ink_level) : image_(image) {
    const double range = std::max(1.0, paper_level - ink_level);
    for (int v = 0; v < 256; ++v) level_[v] = std::clamp((paper_level - v) / range, 0.0, 1.0);
  }

  // 0 = paper .. 1 = ink at a pixel (outside the image counts as paper).
  double At(int x, int y) const {
    if (x < 0 || y < 0 || x >= image_.width || y >= image_.height) return 0;
    return level_[image_.at(x, y)];
  }
  double At(double x, double y) const { return At(Nearest(x), Nearest(y)); }
  // The darkness of the pixel at `offset` (y * width + x) of an image pixel known to be inside.
  double AtOffset(std::size_t offset) const { return level_[image_.pixels[offset]]; }
  const GreyImage& image() const { return image_; }
  // The mean over the 2 x 2 pixels nearest (x, y): a stroke one pixel wide still shows, a single
  // dark pixel (dust, salt-and-pepper noise) does not.
  double Smoothed(double x, double y) const {
    const int x0 = static_cast<int>(std::floor(x)), y0 = static_cast<int>(std::floor(y));
    return (At(x0, y0) + At(x0 + 1, y0) + At(x0, y0 + 1) + At(x0 + 1, y0 + 1)) / 4;
  }

 private:
  const GreyImage& image_;
  std::array<double, 256> level_;  // darkness of each grey level
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

// The ring of radius `r` around (cx, cy) as pixels, for RingDarkness at whole-pixel offsets
// from it: Nearest(cx + dx + ...) is Nearest(cx + ...) + dx for an integer dx (both positive).
struct RingPixels {
  RingPixels(double cx, double cy, double r, int width) : width(width) {
    for (int i = 0; i < kRingSamples; ++i) {
      const auto& [c, s] = UnitCircle()[i];
      x[i] = Nearest(cx + r * c);
      y[i] = Nearest(cy + r * s);
      offset[i] = static_cast<std::ptrdiff_t>(y[i]) * width + x[i];
    }
    const auto [x_lo, x_hi] = std::minmax_element(x.begin(), x.end());
    const auto [y_lo, y_hi] = std::minmax_element(y.begin(), y.end());
    min_x = *x_lo, max_x = *x_hi, min_y = *y_lo, max_y = *y_hi;
  }
  // RingDarkness(d, cx + dx, cy + dy, r); the same sum, without a bounds check per pixel where
  // the whole ring lies inside the image (this is the innermost loop of the bubble search).
  double Mean(const Darkness& d, int dx, int dy) const {
    const GreyImage& image = d.image();
    double sum = 0;
    if (min_x + dx >= 0 && min_y + dy >= 0 && max_x + dx < image.width &&
        max_y + dy < image.height && image.width == width) {
      const std::ptrdiff_t shift = static_cast<std::ptrdiff_t>(dy) * width + dx;
      for (int i = 0; i < kRingSamples; ++i) sum += d.AtOffset(offset[i] + shift);
    } else {
      for (int i = 0; i < kRingSamples; ++i) sum += d.At(x[i] + dx, y[i] + dy);
    }
    return sum / kRingSamples;
  }
  int width;
  std::array<int, kRingSamples> x, y;
  std::array<std::ptrdiff_t, kRingSamples> offset;
  int min_x, max_x, min_y, max_y;
};

// How far the inside reaches in each of the halo's sectors: `r_in`, less how far the printed
// ring lies inwards of where it should be in that direction. A crease or fold through a bubble
// shifts one part of its ring against the other, and that arc falls inside the circle that fits
// the rest. The ring is looked for within `search` pixels of `ring`, preferring the expected
// radius by `penalty` per pixel squared (a fill is as dark as the ring); it is only ever moved
// inwards.
std::array<double, kHaloSectors> InsideLimits(const Darkness& d, PointF centre, double ring,
                                               double r_in, int search, double penalty) {
  std::array<double, kHaloSectors> limit;
  constexpr int kRays = 4;
  // The rays' directions, computed once.
  static const auto rays = [] {
    std::array<std::pair<double, double>, kHaloSectors * kRays> r;
    for (int sector = 0; sector < kHaloSectors; ++sector) {
      for (int a = 0; a < kRays; ++a) {
        const double angle = 2 * kPi * (sector + (a + 0.5) / kRays) / kHaloSectors;
        r[sector * kRays + a] = {std::cos(angle), std::sin(angle)};
      }
    }
    return r;
  }();
  for (int sector = 0; sector < kHaloSectors; ++sector) {
    double best = -1;
    int best_dr = 0;
    for (int dr = -search; dr <= 0; ++dr) {
      double sum = 0;
      for (int a = 0; a < kRays; ++a) {
        const auto& [c, s] = rays[sector * kRays + a];
        sum += d.At(centre.x + (ring + dr) * c, centre.y + (ring + dr) * s);
      }
      const double value = sum / kRays - penalty * dr * dr;
      if (value > best) best = value, best_dr = dr;
    }
    limit[sector] = std::max(0.0, r_in + best_dr);
  }
  return limit;
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

// Whether a line leaving the halo at `to` (coming from `from`, template points) can be followed
// on outwards for 8 radii, one radius a step, each step finding ink within 0.6 radii of where the
// line heads (it may curve a little) and at most two gaps; printed areas are stepped over.
template <typename DarkAt>
bool RunsFar(PointF from, PointF to, double radius_pt, const std::vector<Rect>& printed,
             const DarkAt& dark_at) {
  double dx = to.x - from.x, dy = to.y - from.y;
  double length = std::hypot(dx, dy);
  if (length < 1e-6) return false;
  PointF dir{dx / length, dy / length}, p = to;
  int followed = 0, gaps = 0;
  for (int step = 0; step < 12 && followed < 8; ++step) {
    const PointF q{p.x + dir.x * radius_pt, p.y + dir.y * radius_pt};
    if (NearPrint(printed, q.x, q.y)) {
      p = q;
      continue;
    }
    const PointF across{-dir.y, dir.x};
    std::optional<PointF> found;
    for (double o : {0.0, -0.2, 0.2, -0.4, 0.4, -0.6, 0.6}) {
      const PointF c{q.x + across.x * o * radius_pt, q.y + across.y * o * radius_pt};
      if (dark_at(c)) {
        found = c;
        break;
      }
    }
    if (!found) {
      if (++gaps > 2) return false;
      p = q;
      continue;
    }
    ++followed;
    dx = found->x - p.x, dy = found->y - p.y, length = std::hypot(dx, dy);
    if (length > 1e-6) {
      dir = {0.7 * dir.x + 0.3 * dx / length, 0.7 * dir.y + 0.3 * dy / length};
      const double norm = std::hypot(dir.x, dir.y);
      dir = {dir.x / norm, dir.y / norm};
    }
    p = *found;
  }
  return followed >= 8;
}

// Where bubble `i` is in the image: where registration found its ring, else where the transform
// puts it.
PointF BubbleCentre(const LayoutPage& page, const Registration& reg, std::size_t i) {
  const Rect& box = page.bubbles[i].box;
  return i < reg.bubble_centres_px.size() ? reg.bubble_centres_px[i]
                                          : reg.transform.Apply({box.centre_x(), box.centre_y()});
}

// How dark a stroke around a bubble must be on this page: above the noise of the page's free
// halos (most of them empty): 0.2 + 3 x their 95th percentile, within [0.25, 0.45].
double StrokeThreshold(const GreyImage& image, const LayoutPage& page, const Registration& reg,
                       const std::vector<BubbleSurroundings>& surroundings) {
  std::vector<double> samples;
  for (std::size_t i = 0; i < page.bubbles.size(); ++i) {
    const Rect& box = page.bubbles[i].box;
    const PointF centre_pt{box.centre_x(), box.centre_y()};
    const PointF centre = BubbleCentre(page, reg, i);
    const PointF predicted = reg.transform.Apply(centre_pt);
    const double radius = box.w / 2 * reg.transform.ScaleAt(centre_pt);
    const Darkness dark = LocalDarkness(image, reg, centre, radius);
    const auto& halo = surroundings[i].halo;
    for (std::size_t k = 0; k < halo.size(); k += 3) {
      if (!halo[k].free) continue;
      const PointF p = reg.transform.Apply(halo[k].at_pt);
      samples.push_back(dark.Smoothed(p.x + centre.x - predicted.x, p.y + centre.y - predicted.y));
    }
  }
  if (samples.empty()) return kStrokeFloor;
  const auto at = samples.begin() + static_cast<std::ptrdiff_t>(samples.size() * 95 / 100);
  std::nth_element(samples.begin(), at, samples.end());
  return std::clamp(0.2 + 3 * *at, kStrokeFloor, kStrokeCeiling);
}

}  // namespace

std::vector<BubbleScore> MeasureBubbles(const GreyImage& image, const LayoutPage& page,
                                        const Registration& reg, const PageSurroundings& around_page,
                                        const std::vector<FoldLine>& folds) {
  const Darkness page_dark(image, reg.paper_level, reg.ink_level);
  const std::vector<Rect>& printed = around_page.printed;
  const std::vector<BubbleSurroundings>& surroundings = around_page.bubbles;
  const double stroke_from = StrokeThreshold(image, page, reg, surroundings);
  std::vector<BubbleScore> scores;
  std::vector<InsidePixel> inside;
  // A ring found much less clearly than the page's typical one (a crease or fold through it):
  // its moved arc is looked for deeper inside.
  double broken_ring = 0;
  if (!reg.bubble_fit_quality.empty()) {
    std::vector<double> quality = reg.bubble_fit_quality;
    const auto middle = quality.begin() + static_cast<std::ptrdiff_t>(quality.size() / 2);
    std::nth_element(quality.begin(), middle, quality.end());
    broken_ring = kBrokenRingShare * *middle;
  }
  for (std::size_t i = 0; i < page.bubbles.size(); ++i) {
    const LayoutBubble& bubble = page.bubbles[i];
    const PointF centre_pt{bubble.box.centre_x(), bubble.box.centre_y()};
    // Where registration found this bubble's printed ring (it follows creases and curl).
    const PointF centre = BubbleCentre(page, reg, i);
    const double scale = reg.transform.ScaleAt(centre_pt);
    const double radius = bubble.box.w / 2 * scale;
    const double ring = radius - kBubbleLinePt / 2 * scale;
    // Re-centre on the printed ring: the offset (within about 1.5 pt) where the ring is darkest,
    // preferring the predicted position when the ring is equally dark (a filled bubble).
    const int search = std::max(2, static_cast<int>(std::lround(1.5 * scale)));
    double best_x = centre.x, best_y = centre.y, best = -1;
    const RingPixels ring_pixels(centre.x, centre.y, ring, image.width);
    for (int dy = -search; dy <= search; ++dy) {
      for (int dx = -search; dx <= search; ++dx) {
        const double value = ring_pixels.Mean(page_dark, dx, dy) - 0.002 * (dx * dx + dy * dy);
        if (value > best) best = value, best_x = centre.x + dx, best_y = centre.y + dy;
      }
    }
    // Where the ring is against where the page's transform puts it: the halo, the crossing ring
    // and the lines followed out of it are sampled through the transform and moved by this, so
    // they follow the bubble where a crease or curl moved it.
    const PointF predicted = reg.transform.Apply(centre_pt);
    const double shift_x = best_x - predicted.x, shift_y = best_y - predicted.y;
    const Darkness dark = LocalDarkness(image, reg, {best_x, best_y}, radius);
    // The inside: within the ring, less its width and a pixel of blur; where a crease moved
    // part of the ring inwards, within that part too (its arc is print, not a mark).
    const double r_in = std::max(1.0, radius - kBubbleLinePt * scale - 1.5);
    const bool broken =
        i < reg.bubble_fit_quality.size() && reg.bubble_fit_quality[i] < broken_ring;
    const std::array<double, kHaloSectors> limit =
        broken ? InsideLimits(page_dark, {best_x, best_y}, ring, r_in,
                              static_cast<int>(std::lround(0.45 * ring)), 0.3 / (ring * ring))
               : InsideLimits(page_dark, {best_x, best_y}, ring, r_in, search, 0.01);
    // Within the nearest limit every direction is inside: no angle needed there.
    const double nearest = *std::min_element(limit.begin(), limit.end());
    inside.clear();
    for (int y = static_cast<int>(best_y - r_in); y <= best_y + r_in; ++y) {
      for (int x = static_cast<int>(best_x - r_in); x <= best_x + r_in; ++x) {
        const double dx = x - best_x, dy = y - best_y, d2 = dx * dx + dy * dy;
        if (d2 > r_in * r_in) continue;
        if (d2 <= nearest * nearest) {
          inside.push_back({x, y, dark.At(x, y)});
          continue;
        }
        const double angle = std::atan2(dy, dx);
        const int sector = static_cast<int>(std::floor((angle < 0 ? angle + 2 * kPi : angle) /
                                                       (2 * kPi) * kHaloSectors)) % kHaloSectors;
        if (d2 <= limit[sector] * limit[sector]) inside.push_back({x, y, dark.At(x, y)});
      }
    }
    BubbleScore score{bubble.question, bubble.option, 0, 0, 0};
    score.coverage = 0;
    if (!inside.empty()) {
      double sum = 0;
      for (const InsidePixel& p : inside) sum += p.darkness;
      score.fill = sum / inside.size();
      // Ordered by darkness only where the quantiles need it; the ink's shape does not depend on
      // the pixels' order.
      const auto darker = [](const InsidePixel& a, const InsidePixel& b) {
        return a.darkness < b.darkness;
      };
      const auto tenth = inside.begin() + static_cast<std::ptrdiff_t>(inside.size() * 9 / 10);
      std::nth_element(inside.begin(), tenth, inside.end(), darker);
      score.ink = tenth->darkness;
      const auto top = inside.begin() + static_cast<std::ptrdiff_t>(inside.size() * 49 / 50);
      std::nth_element(tenth, top, inside.end(), darker);
      score.peak = top->darkness;
      // Inked: at least half as dark as the mark's own ink (a blue ball-point is lighter than
      // the printed black), and clearly darker than paper.
      const double inked_from = std::max(kInkedFloor, score.peak / 2);
      int inked = 0;
      for (const InsidePixel& p : inside) inked += p.darkness >= inked_from;
      score.coverage = static_cast<double>(inked) / inside.size();
      const int join_px = std::max(2, static_cast<int>(std::lround(kHalftoneCellPt * scale)));
      const InkShape shape = InkShapeOf(inside, inked_from, 2 * r_in, join_px);
      score.span = shape.span, score.thickness = shape.thickness;
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
      return dark.Smoothed(p.x + shift_x, p.y + shift_y) >= stroke_from;
    };
    bool inside_ink[kHaloSectors] = {false};
    for (int sector = 0; sector < kHaloSectors; ++sector) {
      for (int a = 0; a < 6 && !inside_ink[sector]; ++a) {
        const double angle = 2 * kPi * (sector + (a + 0.5) / 6) / kHaloSectors;
        const double k = 0.75 * r_in / scale;
        inside_ink[sector] = dark_at({centre_pt.x + k * std::cos(angle), centre_pt.y + k * std::sin(angle)});
      }
    }
    int halo_hits[kHaloSectors] = {0};
    PointF hit_sum[kHaloSectors] = {};
    const auto hit = [&](const SurroundingPoint& p) {
      ++halo_hits[p.sector];
      hit_sum[p.sector].x += p.at_pt.x, hit_sum[p.sector].y += p.at_pt.y;
    };
    for (const SurroundingPoint& p : around.halo) {
      if (p.free && dark_at(p.at_pt)) hit(p);
    }
    // A stroke crossing the ring at a slant reaches the inside in the next sector. Where the
    // inside holds a stroke's worth of ink, a stroke touching the ring from outside and running
    // on into the halo in the same direction leaves the bubble too, though the pen skipped or
    // pressed lightly just inside the ring, where the inside point sees nothing (a tick's light
    // start below its dark flick, an X broken where it meets the ring).
    const bool stroke_inside = score.coverage >= kStrokeInside;
    for (const SurroundingPoint& p : around.crossing) {
      const bool inked_within = MostAround(inside_ink, p.sector);
      const bool runs_out = stroke_inside && MostAround(halo_hits, p.sector) >= 2;
      if (p.free && (inked_within || runs_out) && dark_at(p.at_pt)) {
        score.cross_mask |= 1 << p.sector;
      }
    }
    // Around a bubble with nothing inside, ink just beyond its ring is a stroke that touches it:
    // the vertex of a tick drawn beside it (long run round 1021: ignored beside the item's
    // fills, an option lost), a circle drawn tight round it, inside the halo (round 1021: read
    // as blank). Around an inked bubble it would be a fill's spill.
    if (score.coverage < kEmptyInside &&
        std::none_of(std::begin(inside_ink), std::end(inside_ink), [](bool b) { return b; })) {
      int touching[kHaloSectors] = {0};
      for (const SurroundingPoint& p : around.crossing) {
        if (p.free && dark_at(p.at_pt)) hit(p), ++touching[p.sector];
      }
      for (int sector = 0; sector < kHaloSectors; ++sector) {
        if (touching[sector] >= 2) score.cross_mask |= 1 << sector;
      }
    }
    // Where a fold crosses the ring or the halo (1.4 to 2.3 radii), its line and the print it
    // moved are not strokes.
    const double radius_pt = bubble.box.w / 2;
    const int fold_sectors = folds.empty() ? 0 : FoldSectors(folds, centre_pt, 1.85 * radius_pt);
    const int fold_crossing = folds.empty() ? 0 : FoldSectors(folds, centre_pt, 1.1 * radius_pt);
    score.cross_mask &= ~fold_crossing;
    // A fold through the ring moves part of it inside (long run round 1526: that arc and a real
    // stray speck were read as a stroke by their shape): only a fill is read under it.
    score.long_line = fold_crossing != 0;
    score.free_mask = around.free_mask;
    score.ring = i < reg.bubble_fit_quality.size() ? reg.bubble_fit_quality[i] : 1.0;
    for (int sector = 0; sector < kHaloSectors; ++sector) {
      if (halo_hits[sector] >= 2 && (around.free_mask & ~fold_sectors & (1 << sector))) {
        score.halo_mask |= 1 << sector;
      }
    }
    // A line through the bubble that runs on far beyond it both ways is a fold, a crease or a
    // ruled line, not a pen stroke: followed from the ink on opposite sides of the halo.
    // Any two inked sectors a quarter turn or more apart may be the two sides of such a line
    // (through the middle, or grazing the bubble's edge).
    for (int s1 = 0; s1 < kHaloSectors && !score.long_line; ++s1) {
      for (int s2 = s1 + 3; s2 <= s1 + kHaloSectors - 3 && s2 < kHaloSectors; ++s2) {
        if (!(score.halo_mask & (1 << s1)) || !(score.halo_mask & (1 << s2))) continue;
        const PointF a{hit_sum[s1].x / halo_hits[s1], hit_sum[s1].y / halo_hits[s1]};
        const PointF b{hit_sum[s2].x / halo_hits[s2], hit_sum[s2].y / halo_hits[s2]};
        if (RunsFar(a, b, bubble.box.w / 2, printed, dark_at) &&
            RunsFar(b, a, bubble.box.w / 2, printed, dark_at)) {
          score.long_line = true;
          break;
        }
      }
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
    sum += RingDarkness(dark, centre.x, centre.y, bubble.box.w / 2 * scale - kBubbleLinePt / 2 * scale);
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
