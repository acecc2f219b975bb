#include "tests/synthetic/hand_marks.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numbers>
#include <stdexcept>
#include <utility>

#include "synthetic/random.h"

namespace phieu {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kMmPerInch = 25.4;
// Ink is laid at this many sub-pixels per page pixel on each axis, then averaged down.
constexpr int kSuper = 4;

// A seed for one purpose (`salt`) and one thing (`text`, e.g. a bubble): independent streams, so
// a mark's shape does not depend on which other marks are drawn.
std::uint64_t StreamSeed(std::uint64_t seed, std::uint64_t salt, std::string_view text = {}) {
  std::uint64_t hash = 0x84222325cbf29ce4ULL ^ (salt * 0x9fb21c651e98df25ULL);
  for (unsigned char c : text) hash = (hash ^ c) * 0x00000100000001b3ULL;
  Random mixer(seed * 0xff51afd7ed558ccdULL + hash);
  mixer.Next();
  return mixer.Next();
}

// Uniform in [0, 1) from integer coordinates: the paper's tooth under a pencil.
double Hash01(std::uint64_t seed, int x, int y) {
  std::uint64_t h = seed ^ (static_cast<std::uint64_t>(static_cast<std::uint32_t>(x)) << 32) ^
                    static_cast<std::uint32_t>(y);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

struct V {
  double x = 0, y = 0;
};
V operator+(V a, V b) { return {a.x + b.x, a.y + b.y}; }
V operator-(V a, V b) { return {a.x - b.x, a.y - b.y}; }
V operator*(V a, double k) { return {a.x * k, a.y * k}; }
double Length(V a) { return std::hypot(a.x, a.y); }
V Dir(double angle) { return {std::cos(angle), std::sin(angle)}; }
V Turn(V a, double angle) {
  const double c = std::cos(angle), s = std::sin(angle);
  return {c * a.x - s * a.y, s * a.x + c * a.y};
}
double Deg(double degrees) { return degrees * kPi / 180; }

// The tool of one page: a ball-point, black or blue (blue scans lighter in grey).
struct Pen {
  double grey = 40;         // a full stroke's grey after scanning
  double width_px = 3;      // nominal stroke width
  double skips_per_mm = 0;  // how often the ball stops rolling for a moment
};

// A graphite pencil (only kPencil marks use it).
struct Pencil {
  double grey = 160;     // the disc's target mean grey
  double width_px = 4;   // the lead's contact width
  std::uint64_t grain_seed = 0;
};

// How a hand draws: the scale of its wobble.
struct Hand {
  double px_per_mm = 8;
  double wobble = 1;  // 1 = an ordinary steady hand
};

// A smooth random function of arc length: the sum of three sines, wavelengths in mm.
class Wiggle {
 public:
  Wiggle(Random& random, double px_per_mm, double amplitude_mm,
         std::array<double, 3> wavelengths_mm = {1.3, 3.7, 9.0}) {
    for (int i = 0; i < 3; ++i) {
      const double lambda = wavelengths_mm[i] * random.Uniform(0.7, 1.4) * px_per_mm;
      k_[i] = 2 * kPi / lambda;
      phase_[i] = random.Uniform(0, 2 * kPi);
      // Longer waves swing wider, as a hand's slow drift does.
      amp_[i] = amplitude_mm * px_per_mm * random.Uniform(0.5, 1.0) * (0.5 + 0.5 * i);
    }
  }
  double At(double s) const {
    double v = 0;
    for (int i = 0; i < 3; ++i) v += amp_[i] * std::sin(k_[i] * s + phase_[i]);
    return v;
  }

 private:
  double k_[3], phase_[3], amp_[3];
};

// A path through `keys` as a hand draws it: a Catmull-Rom curve through the points (rounded
// turns), sampled every ~0.25 px, pushed sideways by a smooth wobble.
std::vector<V> HandPath(const std::vector<V>& keys, const Hand& hand, Random& random) {
  std::vector<V> dense;
  if (keys.size() < 2) return keys;
  for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
    const V p0 = keys[i == 0 ? 0 : i - 1], p1 = keys[i], p2 = keys[i + 1];
    const V p3 = keys[std::min(i + 2, keys.size() - 1)];
    const int steps = std::max(2, static_cast<int>(Length(p2 - p1) / 0.25));
    for (int k = 0; k < steps; ++k) {
      const double t = static_cast<double>(k) / steps, t2 = t * t, t3 = t2 * t;
      dense.push_back((p1 * 2 + (p2 - p0) * t + (p0 * 2 - p1 * 5 + p2 * 4 - p3) * t2 +
                       (p1 * 3 - p0 - p2 * 3 + p3) * t3) *
                      0.5);
    }
  }
  dense.push_back(keys.back());
  const Wiggle wiggle(random, hand.px_per_mm, 0.045 * hand.wobble);
  double s = 0;
  std::vector<V> out(dense.size());
  for (std::size_t i = 0; i < dense.size(); ++i) {
    if (i > 0) s += Length(dense[i] - dense[i - 1]);
    const V a = dense[i == 0 ? 0 : i - 1], b = dense[std::min(i + 1, dense.size() - 1)];
    const V t = b - a;
    const double len = std::max(1e-9, Length(t));
    const V normal = {-t.y / len, t.x / len};
    out[i] = dense[i] + normal * wiggle.At(s);
  }
  return out;
}

// Ink over a patch of the page, as optical density on a kSuper-times finer grid. Each stroke is
// rasterised on its own (a pen does not darken where it passes its own trail within one
// movement), then added: crossing strokes are darker, as dye on dye is.
class InkLayer {
 public:
  // The patch over page pixels [x0, x1) x [y0, y1), clipped to the page.
  InkLayer(int x0, int y0, int x1, int y1, const GreyImage& page)
      : x0_(std::max(0, x0)),
        y0_(std::max(0, y0)),
        w_(std::max(0, std::min(page.width, x1) - x0_)),
        h_(std::max(0, std::min(page.height, y1) - y0_)),
        density_(Buffers().density),
        stroke_(Buffers().stroke) {
    // The grids are reused from mark to mark (a 600 dpi patch is megabytes, and allocating and
    // clearing it for every mark cost half the bench's time): zero everywhere on entry, and only
    // the boxes a mark touched are cleared when it is done.
    const std::size_t size = static_cast<std::size_t>(w_) * h_ * kSuper * kSuper;
    if (density_.size() < size) density_.resize(size, 0.f), stroke_.resize(size, 0.f);
  }
  ~InkLayer() {
    Clear(stroke_, stroke_box_);
    Clear(density_, density_box_);
  }
  InkLayer(const InkLayer&) = delete;
  InkLayer& operator=(const InkLayer&) = delete;

  // A ball-point stroke along `path` (page pixels): pressure rises over the first ~0.3 mm,
  // wanders along the way (width 65-100%, darkness 60-100% of the pen's) and falls at the lift;
  // `flick` lengthens the lift (a tick's long arm). The ball skips now and then.
  void PenStroke(const std::vector<V>& path, const Pen& pen, const Hand& hand, Random& random,
                 double flick = 0) {
    const double od = std::log10(255.0 / pen.grey);
    const double total = PathLength(path);
    const double lead = 0.3 * hand.px_per_mm, lift = (0.4 + flick) * hand.px_per_mm;
    const Wiggle pressure(random, hand.px_per_mm, 1.0, {2.0, 5.0, 11.0});
    const double norm = 1.0 / (1.0 * 0.75 + 1.0 * 1.0 + 1.0 * 1.25);  // amplitude bound
    double skip_left = 0, skip_depth = 1;
    Clear(stroke_, stroke_box_);
    double s = 0;
    for (std::size_t i = 0; i < path.size(); ++i) {
      double step = 0;
      if (i > 0) step = Length(path[i] - path[i - 1]), s += step;
      double p = 0.8 + 0.2 * pressure.At(s) * norm * hand.px_per_mm / hand.px_per_mm;
      p *= std::clamp(0.35 + 0.65 * s / lead, 0.35, 1.0);
      p *= std::clamp(0.25 + 0.75 * (total - s) / lift, 0.25, 1.0);
      if (skip_left > 0) {
        skip_left -= step;
      } else if (random.Chance(pen.skips_per_mm * step / hand.px_per_mm)) {
        skip_left = random.Uniform(0.15, 0.7) * hand.px_per_mm;
        skip_depth = random.Uniform(0.1, 0.45);
      }
      const double darkness = std::clamp(0.45 + 0.6 * p, 0.0, 1.0) * (skip_left > 0 ? skip_depth : 1);
      Stamp(path[i], pen.width_px * (0.82 + 0.18 * p) / 2, darkness);
    }
    Commit(od, 0, 0);
  }

  // A graphite stroke: broad, light, and only on the paper's tooth (a grain that repeats where
  // strokes cross, as the tooth does).
  void PencilStroke(const std::vector<V>& path, const Pencil& pencil, const Hand& hand,
                    Random& random) {
    const double od = std::log10(255.0 / std::max(30.0, pencil.grey - 85));
    const Wiggle pressure(random, hand.px_per_mm, 1.0, {3.0, 7.0, 13.0});
    Clear(stroke_, stroke_box_);
    double s = 0;
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (i > 0) s += Length(path[i] - path[i - 1]);
      const double p = 0.75 + 0.12 * pressure.At(s);
      Stamp(path[i], pencil.width_px * (0.8 + 0.2 * p) / 2, std::clamp(p, 0.3, 1.0));
    }
    Commit(od, pencil.grain_seed, 1);
  }

  // Lays the ink on `page`: each page pixel keeps the mean of its sub-pixels' transmittance
  // (a scanner averages light), density capped at `cap` (ink on ink saturates).
  void Apply(GreyImage& page, double cap) const {
    if (density_box_.empty()) return;
    // Page pixels holding any sub-pixel of the box: elsewhere there is no ink.
    for (int y = density_box_.y0 / kSuper; y <= density_box_.y1 / kSuper; ++y) {
      for (int x = density_box_.x0 / kSuper; x <= density_box_.x1 / kSuper; ++x) {
        double transmit = 0;
        bool any = false;
        for (int sy = 0; sy < kSuper; ++sy) {
          for (int sx = 0; sx < kSuper; ++sx) {
            const float d = density_[Index(x * kSuper + sx, y * kSuper + sy)];
            any |= d > 0;
            transmit += std::pow(10.0, -std::min<double>(d, cap));
          }
        }
        if (!any) continue;
        std::uint8_t& pixel = page.at(x0_ + x, y0_ + y);
        pixel = static_cast<std::uint8_t>(
            std::lround(pixel * transmit / (kSuper * kSuper)));
      }
    }
  }

 private:
  static double PathLength(const std::vector<V>& path) {
    double total = 0;
    for (std::size_t i = 1; i < path.size(); ++i) total += Length(path[i] - path[i - 1]);
    return total;
  }
  std::size_t Index(int sx, int sy) const {
    return static_cast<std::size_t>(sy) * w_ * kSuper + sx;
  }

  // The sub-pixels a stroke or the whole mark touched (inclusive bounds), so that only they are
  // visited and cleared.
  struct Box {
    int x0 = 0, y0 = 0, x1 = -1, y1 = -1;
    bool empty() const { return x1 < x0 || y1 < y0; }
    void Add(int xa, int ya, int xb, int yb) {
      if (xb < xa || yb < ya) return;
      if (empty()) {
        x0 = xa, y0 = ya, x1 = xb, y1 = yb;
      } else {
        x0 = std::min(x0, xa), y0 = std::min(y0, ya), x1 = std::max(x1, xb), y1 = std::max(y1, yb);
      }
    }
  };
  void Clear(std::vector<float>& grid, Box& box) {
    for (int sy = box.y0; sy <= box.y1; ++sy) {
      std::fill_n(grid.begin() + static_cast<std::ptrdiff_t>(Index(box.x0, sy)), box.x1 - box.x0 + 1, 0.f);
    }
    box = Box();
  }
  // One pair of grids per thread, reused by each InkLayer in turn (only one lives at a time).
  struct Grids {
    std::vector<float> density, stroke;
  };
  static Grids& Buffers() {
    thread_local Grids grids;
    return grids;
  }

  // A round nib of `radius_px` at `centre` (page pixels) with `darkness` in [0, 1]; within one
  // stroke the darkest wins. Sub-pixel edges are soft over one sub-pixel.
  void Stamp(V centre, double radius_px, double darkness) {
    const double cx = (centre.x - x0_) * kSuper, cy = (centre.y - y0_) * kSuper;
    const double r = std::max(0.5, radius_px * kSuper);
    const int xa = std::max(0, static_cast<int>(std::floor(cx - r - 1)));
    const int xb = std::min(w_ * kSuper - 1, static_cast<int>(std::ceil(cx + r + 1)));
    const int ya = std::max(0, static_cast<int>(std::floor(cy - r - 1)));
    const int yb = std::min(h_ * kSuper - 1, static_cast<int>(std::ceil(cy + r + 1)));
    stroke_box_.Add(xa, ya, xb, yb);
    // Only the soft edge needs the exact distance: well outside it nothing is laid, well inside
    // the full darkness (the margins keep the result the same as measuring every sub-pixel).
    const double outer2 = (r + 0.5) * (r + 0.5) * (1 + 1e-12);
    const double inner2 = (r - 0.5) * (r - 0.5) * (1 - 1e-12);
    for (int sy = ya; sy <= yb; ++sy) {
      for (int sx = xa; sx <= xb; ++sx) {
        const double dx = sx + 0.5 - cx, dy = sy + 0.5 - cy, d2 = dx * dx + dy * dy;
        if (d2 >= outer2) continue;
        const double a = d2 <= inner2 ? darkness
                                      : std::clamp(r + 0.5 - std::hypot(dx, dy), 0.0, 1.0) * darkness;
        float& cell = stroke_[Index(sx, sy)];
        if (a > cell) cell = static_cast<float>(a);
      }
    }
  }

  // Adds the current stroke at optical density `od`; with a grain seed, each page pixel's share
  // is scaled by the paper's tooth there (graphite catches on the peaks).
  void Commit(double od, std::uint64_t grain_seed, int grain) {
    density_box_.Add(stroke_box_.x0, stroke_box_.y0, stroke_box_.x1, stroke_box_.y1);
    for (int sy = stroke_box_.y0; sy <= stroke_box_.y1; ++sy) {
      for (int sx = stroke_box_.x0; sx <= stroke_box_.x1; ++sx) {
        const float a = stroke_[Index(sx, sy)];
        if (a <= 0) continue;
        double g = 1;
        if (grain) {
          // Tooth at about page-pixel scale, with finer variation inside.
          const double coarse = Hash01(grain_seed, (x0_ * kSuper + sx) / 3, (y0_ * kSuper + sy) / 3);
          const double fine = Hash01(grain_seed + 1, x0_ * kSuper + sx, y0_ * kSuper + sy);
          g = std::clamp(1.6 * coarse - 0.35, 0.0, 1.0) * (0.6 + 0.4 * fine);
        }
        density_[Index(sx, sy)] += static_cast<float>(a * od * g);
      }
    }
  }

  int x0_, y0_, w_, h_;
  std::vector<float>& density_;
  std::vector<float>& stroke_;
  Box stroke_box_, density_box_;
};

// Where one bubble is, in page pixels.
struct BubbleGeometry {
  V centre;
  double radius = 0;  // outer radius (the layout box)
  double inner = 0;   // the white disc inside the ring
  double diameter() const { return 2 * radius; }
};

// A mark's offset from the bubble's centre: up to `max_fraction` of the diameter, mostly small.
V Offset(Random& random, const BubbleGeometry& b, double max_fraction) {
  const double u = random.Unit();
  return Dir(random.Uniform(0, 2 * kPi)) * (max_fraction * b.diameter() * u * u * u);
}

// Back-and-forth passes over the disc (centre, radius) at `angle`, `spacing` apart, as one
// continuous path of chord end points; `reach` in (0, 1] shortens the chords at random (a loose
// scribble). Chords cover the disc's extent in [from, to] (fractions of the diameter, 0 = one
// side, 1 = the other) across the passes.
std::vector<V> BackAndForth(V centre, double radius, double angle, double spacing, double reach,
                            Random& random, double from = 0, double to = 1, bool zigzag = false) {
  std::vector<V> keys;
  const V along = Dir(angle), across = Dir(angle + kPi / 2);
  const double start = -radius + 2 * radius * from + spacing * 0.4;
  const double end = -radius + 2 * radius * to - spacing * 0.3;
  bool forward = random.Chance(0.5);
  for (double t = start; t <= end; t += spacing * random.Uniform(0.85, 1.15)) {
    const double half = std::sqrt(std::max(0.0, radius * radius - t * t));
    const double a = half * (reach >= 1 ? random.Uniform(0.92, 1.04) : random.Uniform(reach, 1));
    const double b = half * (reach >= 1 ? random.Uniform(0.92, 1.04) : random.Uniform(reach, 1));
    const V p = centre + across * t + along * (forward ? -a : b);
    const V q = centre + across * t + along * (forward ? b : -a);
    // A fast scribble turns sharply at one end per pass (a zigzag); a careful fill runs each
    // pass from end to end.
    if (!zigzag) keys.push_back(p);
    keys.push_back(q);
    forward = !forward;
  }
  return keys;
}

// Points on an ellipse (semi-axes ax, ay, turned by `tilt`) from angle `from` sweeping `sweep`
// radians, the radius drifting by `drift` (a fraction) over the sweep.
std::vector<V> Loop(V centre, double ax, double ay, double tilt, double from, double sweep,
                    double drift) {
  std::vector<V> keys;
  const int n = std::max(8, static_cast<int>(std::abs(sweep) / (kPi / 10)));
  for (int i = 0; i <= n; ++i) {
    const double t = static_cast<double>(i) / n, phi = from + sweep * t;
    const double k = 1 + drift * t;
    keys.push_back(centre + Turn({ax * k * std::cos(phi), ay * k * std::sin(phi)}, tilt));
  }
  return keys;
}

// A slightly bowed straight stroke from a to b.
std::vector<V> Bowed(V a, V b, double bow, int points = 6) {
  std::vector<V> keys;
  const V d = b - a;
  const V normal = {-d.y, d.x};
  for (int i = 0; i <= points; ++i) {
    const double t = static_cast<double>(i) / points;
    keys.push_back(a + d * t + normal * (bow * 4 * t * (1 - t)));
  }
  return keys;
}

class MarkPainter {
 public:
  MarkPainter(InkLayer& ink, const phieu::Pen& pen, const Hand& hand, Random& random)
      : ink_(ink), pen_(pen), hand_(hand), random_(random) {}

  void Draw(const std::vector<V>& keys, double flick = 0) {
    ink_.PenStroke(HandPath(keys, hand_, random_), pen_, hand_, random_, flick);
  }

  void Fill(const BubbleGeometry& b) {
    const V c = b.centre + Offset(random_, b, 0.06);
    const double w = pen_.width_px;
    // The outer edge of the ink: mostly at the ring, sometimes spilling over it.
    const double edge = b.inner * random_.Uniform(0.97, 1.22);
    const double r = std::max(w, edge - w / 2);
    if (random_.Chance(0.45)) {
      // A spiral from the edge inwards (or, less often, outwards).
      const double pitch = w * random_.Uniform(0.45, 0.75);
      const double dir = random_.Chance(0.6) ? 1 : -1, start = random_.Uniform(0, 2 * kPi);
      const double squash = random_.Uniform(0.92, 1.08);
      std::vector<V> keys;
      const double turns = r / pitch;
      for (double phi = 0; phi <= turns * 2 * kPi; phi += kPi / 8) {
        const double rr = std::max(0.0, r - pitch * phi / (2 * kPi));
        keys.push_back(c + V{rr * squash * std::cos(start + dir * phi),
                             rr / squash * std::sin(start + dir * phi)});
      }
      if (random_.Chance(0.3)) std::reverse(keys.begin(), keys.end());
      Draw(keys);
    } else {
      // An outline first (often), then passes back and forth, sometimes a second layer across.
      if (random_.Chance(0.6)) {
        Draw(Loop(c, r, r * random_.Uniform(0.94, 1.04), 0, random_.Uniform(0, 2 * kPi),
                 2 * kPi * random_.Uniform(1.0, 1.15), 0));
      }
      const double angle = Deg(random_.Chance(0.5) ? random_.Uniform(-70, -20) : random_.Uniform(-15, 80));
      Draw(BackAndForth(c, r, angle, w * random_.Uniform(0.5, 0.8), 1, random_));
      if (random_.Chance(0.35)) {
        Draw(BackAndForth(c, r * 0.9, angle + Deg(random_.Uniform(50, 110)),
                         w * random_.Uniform(0.9, 1.6), 1, random_));
      }
    }
  }

  void Scribble(const BubbleGeometry& b) {
    const V c = b.centre + Offset(random_, b, 0.12);
    const double w = pen_.width_px;
    const double coverage = random_.Uniform(0.42, 0.65);
    const double angle = Deg(random_.Uniform(-80, 80));
    const double r = b.inner * random_.Uniform(0.9, 1.1);
    // At least three passes however wide the pen, so it reads as a scribble, not one stroke.
    // A zigzag inks one line per pass where back-and-forth inks two: it needs more passes.
    const bool zigzag = random_.Chance(0.5);
    const double spacing = std::min(w / coverage, 2 * r / (zigzag ? 5.5 : 3.5));
    Draw(BackAndForth(c, r, angle, spacing, 0.7, random_, 0, 1, zigzag));
  }

  void Cross(const BubbleGeometry& b, double min_size, double max_size) {
    const V c = b.centre + Offset(random_, b, 1.0 / 3);
    const double half = b.diameter() * random_.Uniform(min_size, max_size) / 2;
    const double tilt = Deg(random_.Uniform(-12, 12));
    for (int stroke = 0; stroke < 2; ++stroke) {
      // First "\" then "/", each from its top end, each arm a little different.
      const double angle = tilt + (stroke == 0 ? Deg(45) : Deg(135)) + Deg(random_.Uniform(-8, 8));
      const V d = Dir(angle);
      const V top = c - d * (half * std::sqrt(2.0) * random_.Uniform(0.8, 1.05));
      const V bottom = c + d * (half * std::sqrt(2.0) * random_.Uniform(0.8, 1.05));
      const V from = stroke == 0 ? top : (top.y < bottom.y ? top : bottom);
      const V to = stroke == 0 ? bottom : (top.y < bottom.y ? bottom : top);
      Draw(Bowed(from, to, random_.Uniform(-0.06, 0.06)), 0.2);
    }
  }

  void Tick(const BubbleGeometry& b) {
    const double d = b.diameter();
    const V vertex = b.centre + Offset(random_, b, 0.2) + V{random_.Uniform(-0.15, 0.1) * d,
                                                          random_.Uniform(0.0, 0.3) * d};
    const double tilt = Deg(random_.Uniform(-8, 8));
    const double long_len = d * random_.Uniform(1.5, 2.5);
    const double short_len = long_len * random_.Uniform(0.22, 0.42);
    // Up-right: y grows downwards, so the angle is negative.
    const V long_dir = Dir(tilt - Deg(random_.Uniform(35, 65)));
    const V short_dir = Dir(tilt - Deg(random_.Uniform(115, 155)));
    const V start = vertex + short_dir * short_len;
    const V end = vertex + long_dir * long_len;
    const double bow = random_.Uniform(-0.08, 0.03);  // the long arm curves a little
    std::vector<V> keys = {start, start + (vertex - start) * 0.55, vertex + V{0, 0.3}};
    const std::vector<V> arm = Bowed(vertex + long_dir * (0.08 * long_len), end, bow, 5);
    keys.insert(keys.end(), arm.begin(), arm.end());
    Draw(keys, 1.0);
  }

  void Circle(const BubbleGeometry& b) {
    const double w = pen_.width_px;
    const double rr = b.radius * random_.Uniform(1.2, 1.8);
    // The loop's smallest radius keeps the ink clear of the ring, wobble included.
    const double least = b.radius + w / 2 + 0.35 * hand_.px_per_mm;
    const double ax = std::max(least / 0.9, rr * random_.Uniform(0.95, 1.18));
    const double ay = std::max(least / 0.9, rr * random_.Uniform(0.88, 1.02));
    const double drift = random_.Uniform(-0.1, 0.1);
    const double smallest = std::min(ax, ay) * (1 + std::min(0.0, drift));
    const double room = std::max(0.0, smallest - least);
    const V c = b.centre + Dir(random_.Uniform(0, 2 * kPi)) * (room * random_.Unit());
    const double direction = random_.Chance(0.7) ? -1 : 1;  // most draw counter-clockwise
    Draw(Loop(c, ax, ay, Deg(random_.Uniform(-20, 20)), random_.Uniform(0, 2 * kPi),
             direction * 2 * kPi * random_.Uniform(0.9, 1.12), drift));
  }

  void Dot(const BubbleGeometry& b) {
    const double mm = hand_.px_per_mm;
    const V c = b.centre + Offset(random_, b, 0.15);
    if (random_.Chance(0.55)) {
      // A pressed dot: a few tight turns.
      const double r = random_.Uniform(0.15, 0.35) * mm;
      Draw(Loop(c, r, r * random_.Uniform(0.7, 1), random_.Uniform(0, kPi), 0,
               2 * kPi * random_.Uniform(1.5, 2.5), -0.6));
    } else {
      const double len = random_.Uniform(1.0, 2.0) * mm;
      const V d = Dir(random_.Uniform(0, 2 * kPi));
      Draw(Bowed(c - d * (len / 2), c + d * (len / 2), random_.Uniform(-0.1, 0.1), 3));
    }
  }

  void Partial(const BubbleGeometry& b) {
    const V c = b.centre + Offset(random_, b, 0.1);
    const double w = pen_.width_px;
    const double r = std::max(w, b.inner - w / 2);
    if (random_.Chance(0.6)) {
      // One side of the disc filled up to a chord, 25-55% of its area.
      const double target = random_.Uniform(0.25, 0.55);
      double lo = -1, hi = 1;  // chord position h (fraction of r): area of the side beyond -h
      for (int i = 0; i < 40; ++i) {
        const double h = (lo + hi) / 2;
        const double area = (std::acos(h) - h * std::sqrt(1 - h * h)) / kPi;  // beyond h
        (area > target ? lo : hi) = h;
      }
      const double h = (lo + hi) / 2;
      const double side = random_.Uniform(0, 2 * kPi);
      // Passes parallel to the chord, from the chord outwards.
      const double from = (1 + h) / 2;
      Draw(BackAndForth(c, r, side + kPi / 2, w * random_.Uniform(0.6, 0.85), 1, random_, from, 1));
    } else {
      const double rr = b.inner * random_.Uniform(0.35, 0.6);
      Draw(Loop(c, rr, rr * random_.Uniform(0.85, 1.1), 0, random_.Uniform(0, 2 * kPi),
               2 * kPi * random_.Uniform(1.0, 1.2), random_.Uniform(-0.1, 0.1)));
    }
  }

  void PencilShade(const BubbleGeometry& b, const Pencil& pencil) {
    const V c = b.centre + Offset(random_, b, 0.06);
    const double r = b.inner * random_.Uniform(0.95, 1.12) - pencil.width_px / 2;
    const double angle = Deg(random_.Uniform(-75, -30));
    ink_.PencilStroke(HandPath(BackAndForth(c, r, angle, pencil.width_px * random_.Uniform(0.55, 0.8), 1, random_), hand_, random_),
                      pencil, hand_, random_);
    if (random_.Chance(0.5)) {
      ink_.PencilStroke(HandPath(BackAndForth(c, r * 0.9, angle + Deg(random_.Uniform(60, 100)),
                                              pencil.width_px * random_.Uniform(0.8, 1.2), 1, random_),
                                 hand_, random_),
                        pencil, hand_, random_);
    }
  }

  void Stray(const BubbleGeometry& b) {
    const double mm = hand_.px_per_mm;
    // Above or below the bubble (neighbouring options sit left and right).
    const double angle = Deg(random_.Chance(0.5) ? random_.Uniform(-140, -40) : random_.Uniform(40, 140));
    const V at = b.centre + Dir(angle) * (b.radius * random_.Uniform(1.05, 1.5) + pen_.width_px / 2);
    std::vector<V> keys;
    if (random_.Chance(0.4)) {
      const double r = random_.Uniform(0.1, 0.25) * mm;  // a touch of the pen
      keys = Loop(at, r, r * 0.8, 0, random_.Uniform(0, kPi), 2 * kPi, -0.5);
    } else {
      const double len = random_.Uniform(0.8, 2.5) * mm;
      const V d = Dir(angle + Deg(random_.Uniform(50, 130)));  // roughly along the ring
      keys = Bowed(at - d * (len / 2), at + d * (len / 2), random_.Uniform(-0.1, 0.1), 3);
    }
    // Reaching at most the ring: push the whole mark out from the centre where needed.
    double nearest = 1e9;
    for (const V& p : keys) nearest = std::min(nearest, Length(p - b.centre));
    const double clear = b.radius - 0.3 * (b.radius - b.inner) + pen_.width_px / 2;
    if (nearest < clear) {
      for (V& p : keys) p = p + Dir(angle) * (clear - nearest);
    }
    Draw(keys);
  }

 private:
  InkLayer& ink_;
  const phieu::Pen& pen_;
  Hand hand_;
  Random& random_;
};

}  // namespace

std::string_view HandMarkKindName(HandMarkKind kind) {
  switch (kind) {
    case HandMarkKind::kFill: return "fill";
    case HandMarkKind::kScribble: return "scribble";
    case HandMarkKind::kX: return "x";
    case HandMarkKind::kTick: return "tick";
    case HandMarkKind::kCircle: return "circle";
    case HandMarkKind::kDot: return "dot";
    case HandMarkKind::kPartial: return "partial";
    case HandMarkKind::kPencil: return "pencil";
    case HandMarkKind::kChanged: return "changed";
    case HandMarkKind::kStray: return "stray";
    case HandMarkKind::kReal: return "real";
  }
  return "?";
}

namespace {

// The certainty a mark gives its item, and whether its option is meant.
struct Meaning {
  bool intended = true;
  MarkCertainty certainty = MarkCertainty::kClear;
};

Meaning MeaningOf(HandMarkKind kind, const RealMarkSet* real, int real_index) {
  switch (kind) {
    case HandMarkKind::kDot:
    case HandMarkKind::kPartial:
    case HandMarkKind::kPencil:
      return {true, MarkCertainty::kUnsure};
    case HandMarkKind::kChanged:
      return {false, MarkCertainty::kChanged};
    case HandMarkKind::kStray:
      return {false, MarkCertainty::kUnsure};
    case HandMarkKind::kReal:
      switch (real->marks.at(real_index).label) {
        case RealMarkLabel::kFill:
        case RealMarkLabel::kScribble:
          return {true, MarkCertainty::kClear};
        case RealMarkLabel::kPartial:
        case RealMarkLabel::kLight:
        case RealMarkLabel::kDot:
          return {true, MarkCertainty::kUnsure};
        case RealMarkLabel::kStray:
          return {false, MarkCertainty::kUnsure};
        case RealMarkLabel::kEmpty:
          return {false, MarkCertainty::kClear};
      }
      break;
    default:
      break;
  }
  return {true, MarkCertainty::kClear};
}

int Rank(MarkCertainty c) {
  return c == MarkCertainty::kChanged ? 2 : c == MarkCertainty::kUnsure ? 1 : 0;
}

}  // namespace

HandPlan PlanHandAnswers(const Survey& survey, const HandMix& mix, std::uint64_t seed,
                         const RealMarkSet* real) {
  const std::array<std::pair<HandMarkKind, double>, 11> kinds = {{
      {HandMarkKind::kFill, mix.fill}, {HandMarkKind::kScribble, mix.scribble},
      {HandMarkKind::kX, mix.x}, {HandMarkKind::kTick, mix.tick},
      {HandMarkKind::kCircle, mix.circle}, {HandMarkKind::kDot, mix.dot},
      {HandMarkKind::kPartial, mix.partial}, {HandMarkKind::kPencil, mix.pencil},
      {HandMarkKind::kChanged, mix.changed}, {HandMarkKind::kStray, mix.stray},
      {HandMarkKind::kReal, mix.real}}};
  double kind_total = 0;
  for (const auto& [kind, weight] : kinds) {
    if (weight < 0) throw std::logic_error("PlanHandAnswers: a negative HandMix weight");
    kind_total += weight;
  }
  if (mix.blank < 0) throw std::logic_error("PlanHandAnswers: a negative HandMix weight");
  if (kind_total + mix.blank <= 0) throw std::logic_error("PlanHandAnswers: all HandMix weights are 0");
  if (mix.real > 0 && (real == nullptr || real->marks.empty())) {
    throw std::logic_error("PlanHandAnswers: HandMix::real > 0 needs a RealMarkSet");
  }
  // Real labels by weight, then a mask of the label uniformly.
  std::vector<std::pair<std::vector<int>, double>> real_labels;
  double real_total = 0;
  if (real != nullptr) {
    const std::pair<RealMarkLabel, double> label_weights[] = {
        {RealMarkLabel::kFill, 50}, {RealMarkLabel::kLight, 20}, {RealMarkLabel::kEmpty, 10},
        {RealMarkLabel::kScribble, 5}, {RealMarkLabel::kPartial, 5}, {RealMarkLabel::kDot, 5},
        {RealMarkLabel::kStray, 5}};
    for (const auto& [label, weight] : label_weights) {
      std::vector<int> indices = real->WithLabel(label);
      if (indices.empty()) continue;
      real_labels.emplace_back(std::move(indices), weight);
      real_total += weight;
    }
  }

  Random random(seed);
  auto pick_kind = [&]() {
    double pick = random.Unit() * kind_total;
    for (const auto& [kind, weight] : kinds) {
      if (pick < weight) return kind;
      pick -= weight;
    }
    return HandMarkKind::kFill;
  };
  auto pick_real = [&]() {
    double pick = random.Unit() * real_total;
    for (const auto& [indices, weight] : real_labels) {
      if (pick < weight) return indices[random.Below(static_cast<int>(indices.size()))];
      pick -= weight;
    }
    return real_labels.back().first.back();
  };

  HandPlan plan;
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.kind == QuestionKind::kText) continue;
    ItemTruth truth{item.code, {}, MarkCertainty::kClear};
    const int n = static_cast<int>(item.options.size());
    if (n == 0 || random.Unit() * (kind_total + mix.blank) < mix.blank) {
      plan.truth.push_back(std::move(truth));
      continue;
    }
    std::vector<bool> chosen(n, false);
    const int count = item.kind == QuestionKind::kMulti ? std::min(n, 1 + random.Below(3)) : 1;
    for (int picked = 0; picked < count;) {
      const int i = random.Below(n);
      if (!chosen[i]) chosen[i] = true, ++picked;
    }
    // option index -> mark; an option holds at most one mark.
    std::map<int, HandMark> marks;
    std::vector<bool> intended(n, false);
    for (int i = 0; i < n; ++i) {
      if (!chosen[i]) continue;
      HandMark mark{item.code, item.options[i].code, pick_kind(), -1};
      if (mark.kind == HandMarkKind::kReal) mark.real_index = pick_real();
      if (mark.kind == HandMarkKind::kChanged) {
        // The retracted option is this one; the answer moves to a free option.
        std::vector<int> free;
        for (int j = 0; j < n; ++j) {
          if (j != i && !chosen[j] && marks.count(j) == 0) free.push_back(j);
        }
        if (free.empty()) {
          mark.kind = HandMarkKind::kFill;
        } else {
          const int other = free[random.Below(static_cast<int>(free.size()))];
          marks[other] = {item.code, item.options[other].code, HandMarkKind::kFill, -1};
          intended[other] = true;
        }
      }
      const Meaning meaning = MeaningOf(mark.kind, real, mark.real_index);
      if (meaning.intended) intended[i] = true;
      if (Rank(meaning.certainty) > Rank(truth.certainty)) truth.certainty = meaning.certainty;
      marks[i] = std::move(mark);
    }
    for (int i = 0; i < n; ++i) {
      if (intended[i]) truth.intended.push_back(item.options[i].code);
    }
    for (auto& [index, mark] : marks) plan.marks.push_back(std::move(mark));
    plan.truth.push_back(std::move(truth));
  }
  return plan;
}

GreyImage DrawHandMarks(const GreyImage& printed, const LayoutPage& page,
                        const std::vector<HandMark>& marks, double dpi, std::uint64_t seed,
                        const RealMarkSet* real) {
  GreyImage out = printed;
  const double px_per_pt = dpi / 72.0;
  const double px_per_mm = dpi / kMmPerInch;
  Random page_random(StreamSeed(seed, 1, std::to_string(page.number)));
  Pen pen;
  const bool blue = page_random.Chance(0.4);
  pen.grey = blue ? page_random.Uniform(60, 110) : page_random.Uniform(15, 70);
  pen.width_px = page_random.Uniform(0.6, 1.8) * px_per_pt;
  pen.skips_per_mm = page_random.Chance(0.5) ? page_random.Uniform(0.02, 0.12) : 0;
  const Hand hand{px_per_mm, page_random.Uniform(0.6, 1.6)};

  std::map<std::pair<std::string, std::string>, const LayoutBubble*> bubbles;
  for (const LayoutBubble& bubble : page.bubbles) bubbles[{bubble.question, bubble.option}] = &bubble;
  for (const HandMark& mark : marks) {
    const auto found = bubbles.find({mark.question, mark.option});
    if (found == bubbles.end()) continue;
    const LayoutBubble& bubble = *found->second;
    BubbleGeometry b;
    b.centre = {bubble.box.centre_x() * px_per_pt, bubble.box.centre_y() * px_per_pt};
    b.radius = bubble.box.w / 2 * px_per_pt;
    b.inner = (bubble.box.w / 2 - kBubbleLinePt) * px_per_pt;
    Random random(StreamSeed(seed, 2, mark.question + "=" + mark.option));
    if (mark.kind == HandMarkKind::kReal) {
      if (real == nullptr || mark.real_index < 0 ||
          mark.real_index >= static_cast<int>(real->marks.size())) {
        throw std::logic_error("DrawHandMarks: a real mark without its RealMarkSet entry");
      }
      CompositeRealMark(out, real->marks[mark.real_index], b.centre.x, b.centre.y, b.diameter(),
                        pen.grey, random.Uniform(-4, 4));
      continue;
    }
    const int reach = static_cast<int>(std::ceil(b.diameter() * 1.6 + 3 * px_per_mm));
    InkLayer ink(static_cast<int>(b.centre.x) - reach, static_cast<int>(b.centre.y) - reach,
                 static_cast<int>(b.centre.x) + reach, static_cast<int>(b.centre.y) + reach, out);
    Hand mark_hand = hand;
    mark_hand.wobble *= random.Uniform(0.7, 1.3);
    MarkPainter painter(ink, pen, mark_hand, random);
    double cap = std::log10(255.0 / pen.grey) * 1.4;  // dye on dye saturates
    switch (mark.kind) {
      case HandMarkKind::kFill: painter.Fill(b); break;
      case HandMarkKind::kScribble: painter.Scribble(b); break;
      case HandMarkKind::kX: painter.Cross(b, 0.8, 1.8); break;
      case HandMarkKind::kTick: painter.Tick(b); break;
      case HandMarkKind::kCircle: painter.Circle(b); break;
      case HandMarkKind::kDot: painter.Dot(b); break;
      case HandMarkKind::kPartial: painter.Partial(b); break;
      case HandMarkKind::kPencil: {
        Pencil pencil;
        pencil.grey = random.Uniform(120, 200);
        pencil.width_px = random.Uniform(0.45, 0.75) * px_per_mm;
        pencil.grain_seed = StreamSeed(seed, 3, std::to_string(page.number));
        painter.PencilShade(b, pencil);
        cap = std::log10(255.0 / std::max(30.0, pencil.grey - 85)) * 1.6;
        break;
      }
      case HandMarkKind::kChanged:
        painter.Fill(b);
        painter.Cross(b, 1.2, 1.8);
        break;
      case HandMarkKind::kStray: painter.Stray(b); break;
      case HandMarkKind::kReal: break;
    }
    ink.Apply(out, cap);
  }
  return out;
}

}  // namespace phieu
