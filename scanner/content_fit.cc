#include "scanner/content_fit.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <opencv2/calib3d.hpp>

namespace phieu {
namespace {

constexpr double kPi = 3.14159265358979;
constexpr int kSamples = 24;
// A ring is taken as found when it is darker than the paper just outside it by this share of the
// paper-to-ink range (a clean print is ~0.6-1, a blurred phone photo ~0.4).
constexpr double kMinRingQuality = 0.2;

double Distance(PointF a, PointF b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Integer sample offsets on two circles: the ring's line and the paper just outside it, as
// offsets into the pixels of an image `width` pixels wide (this is the innermost loop of the
// registration's ring search).
struct RingProbe {
  std::array<std::ptrdiff_t, kSamples> ring_offset, out_offset;
  int reach = 0;  // the largest offset, to test whether a centre is far enough inside the image
  int width = 0;

  RingProbe(double ring_r, double out_r, int width) : width(width) {
    for (int i = 0; i < kSamples; ++i) {
      const double a = 2 * kPi * (i + 0.5) / kSamples;
      const auto at = [&](double r) {
        return static_cast<std::ptrdiff_t>(std::lround(r * std::sin(a))) * width +
               std::lround(r * std::cos(a));
      };
      ring_offset[i] = at(ring_r);
      out_offset[i] = at(out_r);
    }
    reach = static_cast<int>(std::ceil(out_r)) + 1;
  }
};

// Grey-level sums on the ring and outside it around (cx, cy); false when the probe would leave
// the image.
bool ProbeSums(const GreyImage& image, const RingProbe& probe, int cx, int cy, int& ring,
               int& out) {
  if (cx - probe.reach < 0 || cy - probe.reach < 0 || cx + probe.reach >= image.width ||
      cy + probe.reach >= image.height) {
    return false;
  }
  if (probe.width != image.width) throw std::logic_error("ProbeSums: a probe made for another image");
  const std::uint8_t* base = image.pixels.data() + static_cast<std::size_t>(cy) * image.width + cx;
  ring = 0, out = 0;
  for (int i = 0; i < kSamples; ++i) {
    ring += base[probe.ring_offset[i]];
    out += base[probe.out_offset[i]];
  }
  return true;
}

// The ring's contrast in grey levels (outside minus ring), or -1e9 outside the image.
double RingScore(const GreyImage& image, const RingProbe& probe, int cx, int cy) {
  int ring = 0, out = 0;
  if (!ProbeSums(image, probe, cx, cy, ring, out)) return -1e9;
  return static_cast<double>(out - ring) / kSamples;
}

struct RingHit {
  PointF centre_px;
  double score = -1e9;  // grey levels
};

// The best ring centre within +-window_px of `predicted`: coarse steps, then single pixels
// around the best, then a parabola through the neighbours for sub-pixel precision.
RingHit SearchRing(const GreyImage& image, const RingProbe& probe, PointF predicted, int window_px,
                   int step) {
  const int px = static_cast<int>(std::lround(predicted.x));
  const int py = static_cast<int>(std::lround(predicted.y));
  int best_x = px, best_y = py;
  double best = -1e9;
  for (int dy = -window_px; dy <= window_px; dy += step) {
    for (int dx = -window_px; dx <= window_px; dx += step) {
      const double s = RingScore(image, probe, px + dx, py + dy);
      if (s > best) best = s, best_x = px + dx, best_y = py + dy;
    }
  }
  if (best <= -1e8) return {};
  if (step > 1) {
    const int cx = best_x, cy = best_y;
    for (int dy = -step + 1; dy < step; ++dy) {
      for (int dx = -step + 1; dx < step; ++dx) {
        const double s = RingScore(image, probe, cx + dx, cy + dy);
        if (s > best) best = s, best_x = cx + dx, best_y = cy + dy;
      }
    }
  }
  auto offset = [](double minus, double centre, double plus) {
    const double curvature = minus - 2 * centre + plus;
    if (minus < -1e8 || plus < -1e8 || curvature >= 0) return 0.0;
    return std::clamp(0.5 * (minus - plus) / curvature, -0.5, 0.5);
  };
  RingHit hit;
  hit.score = best;
  hit.centre_px = {best_x + offset(RingScore(image, probe, best_x - 1, best_y), best,
                                   RingScore(image, probe, best_x + 1, best_y)),
                   best_y + offset(RingScore(image, probe, best_x, best_y - 1), best,
                                   RingScore(image, probe, best_x, best_y + 1))};
  return hit;
}

PageTransform FromMat(const cv::Mat& h) {
  PageTransform t;
  cv::Mat m;
  h.convertTo(m, CV_64F);
  if (m.rows == 2) {
    t.m = {m.at<double>(0, 0),
           m.at<double>(0, 1),
           m.at<double>(0, 2),
           m.at<double>(1, 0),
           m.at<double>(1, 1),
           m.at<double>(1, 2),
           0,
           0,
           1};
  } else {
    for (int i = 0; i < 9; ++i) t.m[i] = m.at<double>(i / 3, i % 3);
  }
  return t;
}

// A robust fit through `pt` -> `px`: a homography when the points spread over most of the page
// (else its perspective part is guessed from noise), an affine map otherwise. Keeps `fallback`
// when there are too few points or the fit fails.
PageTransform Refit(const std::vector<cv::Point2f>& pt, const std::vector<cv::Point2f>& px,
                    double threshold_px, PageSize page, const PageTransform& fallback) {
  if (pt.size() < 3) return fallback;
  float min_x = 1e9f, max_x = -1e9f, min_y = 1e9f, max_y = -1e9f;
  for (const cv::Point2f& p : pt) {
    min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x);
    min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
  }
  cv::Mat m;
  if (pt.size() >= 6 && max_x - min_x > 0.5 * page.width_pt &&
      max_y - min_y > 0.5 * page.height_pt) {
    m = cv::findHomography(pt, px, cv::RANSAC, threshold_px, cv::noArray(), 500, 0.995);
  } else {
    m = cv::estimateAffine2D(pt, px, cv::noArray(), cv::RANSAC, threshold_px);
  }
  if (m.empty()) return fallback;
  return FromMat(m);
}

}  // namespace

PaperLevelGrid MeasurePaperLevels(const GreyImage& image, GreyHistogram* whole) {
  PaperLevelGrid grid;
  if (whole != nullptr) *whole = {};
  if (image.empty()) return grid;
  const double cell = std::max(24.0, std::min(image.width, image.height) / 16.0);
  grid.cols = std::max(1, static_cast<int>(std::lround(image.width / cell)));
  grid.rows = std::max(1, static_cast<int>(std::lround(image.height / cell)));
  grid.cell_w_px = static_cast<double>(image.width) / grid.cols;
  grid.cell_h_px = static_cast<double>(image.height) / grid.rows;
  std::vector<double> raw(static_cast<std::size_t>(grid.cols) * grid.rows, 255);
  for (int j = 0; j < grid.rows; ++j) {
    const int y0 = static_cast<int>(j * grid.cell_h_px),
              y1 = static_cast<int>((j + 1) * grid.cell_h_px);
    for (int i = 0; i < grid.cols; ++i) {
      const int x0 = static_cast<int>(i * grid.cell_w_px),
                x1 = static_cast<int>((i + 1) * grid.cell_w_px);
      // The image's every 3rd row and column, whichever cell they fall in.
      const GreyHistogram levels = SampleGreyLevels(image.pixels.data(), image.width,
                                                    (x0 + 2) / 3 * 3, (y0 + 2) / 3 * 3, x1, y1, 3, 3);
      if (whole != nullptr) {
        for (int v = 0; v < 256; ++v) whole->count[v] += levels.count[v];
        whole->total += levels.total;
      }
      // The bright end, not the maximum: a speck of glare is not the paper.
      int seen = 0, v = 255;
      for (v = 255; v > 0; --v) {
        seen += levels.count[v];
        if (seen >= 0.1 * levels.total) break;
      }
      raw[static_cast<std::size_t>(j) * grid.cols + i] = v;
    }
  }
  // A cell filled by print (the QR code, a shaded band) says little about the paper: take the
  // median of each 3x3 neighbourhood.
  grid.levels.resize(raw.size());
  std::vector<double> around;
  for (int j = 0; j < grid.rows; ++j) {
    for (int i = 0; i < grid.cols; ++i) {
      around.clear();
      for (int b = std::max(0, j - 1); b <= std::min(grid.rows - 1, j + 1); ++b) {
        for (int a = std::max(0, i - 1); a <= std::min(grid.cols - 1, i + 1); ++a) {
          around.push_back(raw[static_cast<std::size_t>(b) * grid.cols + a]);
        }
      }
      std::nth_element(around.begin(), around.begin() + around.size() / 2, around.end());
      grid.levels[static_cast<std::size_t>(j) * grid.cols + i] =
          std::max(around[around.size() / 2], raw[static_cast<std::size_t>(j) * grid.cols + i]);
    }
  }
  return grid;
}

double PaperLevelGrid::At(PointF image_px, double fallback) const {
  if (levels.empty() || cols <= 0 || rows <= 0) return fallback;
  const double gx = std::clamp(image_px.x / cell_w_px - 0.5, 0.0, cols - 1.0);
  const double gy = std::clamp(image_px.y / cell_h_px - 0.5, 0.0, rows - 1.0);
  const int i0 = static_cast<int>(gx), j0 = static_cast<int>(gy);
  const int i1 = std::min(i0 + 1, cols - 1), j1 = std::min(j0 + 1, rows - 1);
  const double fx = gx - i0, fy = gy - j0;
  auto at = [&](int i, int j) { return levels[static_cast<std::size_t>(j) * cols + i]; };
  return (1 - fy) * ((1 - fx) * at(i0, j0) + fx * at(i1, j0)) +
         fy * ((1 - fx) * at(i0, j1) + fx * at(i1, j1));
}

ContentFit FitToPrintedContent(const GreyImage& image, const LayoutPage& page,
                               const PageTransform& initial, const std::vector<Anchor>& anchors,
                               double ink_level, const PaperLevelGrid& paper,
                               const RegistrationOptions& options) {
  const std::size_t n = page.bubbles.size();
  const PageSize page_size{
      page.marks.empty() ? kA4.width_pt : page.marks[1].right() + page.marks[0].x,
      page.marks.empty() ? kA4.height_pt : page.marks[2].bottom() + page.marks[0].y};
  std::vector<PointF> centre_pt(n);
  for (std::size_t i = 0; i < n; ++i) {
    centre_pt[i] = {page.bubbles[i].box.centre_x(), page.bubbles[i].box.centre_y()};
  }
  // The distance to the nearest other bubble: a search must stay well within half of it, or it
  // could find the neighbour's ring.
  std::vector<double> spacing_pt(n, 1e9);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double d = Distance(centre_pt[i], centre_pt[j]);
      spacing_pt[i] = std::min(spacing_pt[i], d), spacing_pt[j] = std::min(spacing_pt[j], d);
    }
  }

  PageTransform transform = initial;
  std::vector<bool> done(n, false), found(n, false);
  std::vector<PointF> hit_px(n);
  std::vector<double> hit_quality(n, 0);
  std::vector<std::size_t> found_list;
  std::vector<PointF> known_pt;  // anchors and found rings, template points
  for (const Anchor& a : anchors) known_pt.push_back(a.page_pt);

  // Offsets of found rings from `transform`, recomputed after each refit.
  std::vector<PointF> found_offset(n);
  std::vector<PointF> anchor_offset(anchors.size());
  auto refresh_offsets = [&] {
    for (std::size_t j : found_list) {
      const PointF p = transform.Apply(centre_pt[j]);
      found_offset[j] = {hit_px[j].x - p.x, hit_px[j].y - p.y};
    }
    for (std::size_t a = 0; a < anchors.size(); ++a) {
      const PointF p = transform.Apply(anchors[a].page_pt);
      anchor_offset[a] = {anchors[a].image_px.x - p.x, anchors[a].image_px.y - p.y};
    }
  };
  refresh_offsets();
  // The offset from `transform` of the found rings (and, while growing, the anchors) near `pt`:
  // inverse-distance weighted over the 4 nearest within `radius_pt`, with the distance to the
  // nearest; {0,0} and 1e9 when none is that near.
  struct Nearby {
    PointF offset;
    double distance;
  };
  std::vector<Nearby> nearby;
  auto local_offset = [&](PointF pt, double radius_pt, std::size_t skip,
                          const std::vector<bool>* use, bool with_anchors,
                          double& nearest) -> PointF {
    nearby.clear();
    for (std::size_t j : found_list) {
      if (j == skip || (use && !(*use)[j])) continue;
      const double d = Distance(pt, centre_pt[j]);
      if (d <= radius_pt) nearby.push_back({found_offset[j], d});
    }
    for (std::size_t a = 0; with_anchors && a < anchors.size(); ++a) {
      const double d = Distance(pt, anchors[a].page_pt);
      if (d <= radius_pt) nearby.push_back({anchor_offset[a], d});
    }
    const std::size_t k = std::min<std::size_t>(4, nearby.size());
    std::partial_sort(nearby.begin(), nearby.begin() + k, nearby.end(),
                      [](const Nearby& a, const Nearby& b) { return a.distance < b.distance; });
    nearest = k ? nearby[0].distance : 1e9;
    double wx = 0, wy = 0, wsum = 0;
    for (std::size_t m = 0; m < k; ++m) {
      const double w = 1 / (nearby[m].distance * nearby[m].distance + 1);
      wx += w * nearby[m].offset.x, wy += w * nearby[m].offset.y;
      wsum += w;
    }
    return wsum > 0 ? PointF{wx / wsum, wy / wsum} : PointF{0, 0};
  };

  // Grow outward from what is known, a share of the bubbles at a time, refitting in between.
  const std::size_t chunk = std::max<std::size_t>(12, n / 6);
  std::vector<std::pair<double, std::size_t>> order;
  std::vector<cv::Point2f> fit_pt, fit_px;
  for (std::size_t processed = 0; processed < n;) {
    order.clear();
    for (std::size_t i = 0; i < n; ++i) {
      if (done[i]) continue;
      double d = 1e9;
      for (const PointF& k : known_pt) d = std::min(d, Distance(centre_pt[i], k));
      order.push_back({d, i});
    }
    const std::size_t take = std::min(chunk, order.size());
    std::partial_sort(order.begin(), order.begin() + take, order.end());
    for (std::size_t m = 0; m < take; ++m) {
      const std::size_t i = order[m].second;
      done[i] = true, ++processed;
      double nearest = 0;
      const PointF offset = local_offset(centre_pt[i], 40 * kMillimetre, n, nullptr, true, nearest);
      const PointF base = transform.Apply(centre_pt[i]);
      const PointF predicted{base.x + offset.x, base.y + offset.y};
      const double scale = transform.ScaleAt(centre_pt[i]);
      // Further from anything found, the prediction is less sure: a wider search, but never as
      // wide as half the way to the next bubble.
      const double reach_pt = std::min(order[m].first, nearest);
      const double window_pt =
          std::min(0.42 * spacing_pt[i], 1.2 * kMillimetre + 0.02 * std::min(reach_pt, 300.0));
      const double w = page.bubbles[i].box.w;
      const RingProbe probe((w / 2 - kBubbleLinePt / 2) * scale, (w / 2 + kBubbleLinePt) * scale + 1,
                            image.width);
      const int step = std::max(1, static_cast<int>(0.6 * kBubbleLinePt * scale));
      const RingHit hit =
          SearchRing(image, probe, predicted, static_cast<int>(std::ceil(window_pt * scale)), step);
      if (hit.score <= -1e8) continue;
      const double range = std::max(20.0, paper.At(hit.centre_px, 255) - ink_level);
      const double quality = hit.score / range;
      if (quality < kMinRingQuality) continue;
      found[i] = true, hit_px[i] = hit.centre_px, hit_quality[i] = std::min(1.0, quality);
      found_list.push_back(i);
      known_pt.push_back(centre_pt[i]);
    }
    fit_pt.clear(), fit_px.clear();
    for (const Anchor& a : anchors) {
      fit_pt.emplace_back(a.page_pt.x, a.page_pt.y),
          fit_px.emplace_back(a.image_px.x, a.image_px.y);
    }
    for (std::size_t j : found_list) {
      fit_pt.emplace_back(centre_pt[j].x, centre_pt[j].y);
      fit_px.emplace_back(hit_px[j].x, hit_px[j].y);
    }
    const double threshold_px = 0.5 * kMillimetre * transform.ScaleAt(centre_pt[0]);
    transform = Refit(fit_pt, fit_px, threshold_px, page_size, transform);
    refresh_offsets();
  }

  // A ring found further from where the fitted transform puts its bubble than 0.4 of the way to
  // the nearest other bubble is not its own: growing along a column from a prediction a row
  // off, each bubble can take the next one's ring, and those rings then agree with each other
  // (long run round 1963: a column of three shifted by a row on a skewed page with a corner cut
  // off, an empty bubble read as its neighbour's fill). Forgotten here, it is looked for again
  // below, around the prediction of the rings that are where the transform says.
  const std::size_t found_before = found_list.size();
  std::erase_if(found_list, [&](std::size_t j) {
    const PointF p = transform.Apply(centre_pt[j]);
    const double off = std::hypot(hit_px[j].x - p.x, hit_px[j].y - p.y);
    if (off <= 0.4 * spacing_pt[j] * transform.ScaleAt(centre_pt[j])) return false;
    found[j] = false;
    return true;
  });
  if (found_list.size() != found_before) refresh_offsets();

  // A second look for the rings not found while growing, now that the fit around them is known.
  bool more = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (found[i]) continue;
    double nearest = 0;
    const PointF offset = local_offset(centre_pt[i], 40 * kMillimetre, n, nullptr, true, nearest);
    const PointF base = transform.Apply(centre_pt[i]);
    const double scale = transform.ScaleAt(centre_pt[i]);
    const double window_pt = std::min(0.42 * spacing_pt[i], 1.2 * kMillimetre);
    const double w = page.bubbles[i].box.w;
    const RingProbe probe((w / 2 - kBubbleLinePt / 2) * scale, (w / 2 + kBubbleLinePt) * scale + 1,
                          image.width);
    const int step = std::max(1, static_cast<int>(0.6 * kBubbleLinePt * scale));
    const RingHit hit = SearchRing(image, probe, {base.x + offset.x, base.y + offset.y},
                                   static_cast<int>(std::ceil(window_pt * scale)), step);
    if (hit.score <= -1e8) continue;
    const double quality = hit.score / std::max(20.0, paper.At(hit.centre_px, 255) - ink_level);
    if (quality < kMinRingQuality) continue;
    found[i] = true, hit_px[i] = hit.centre_px, hit_quality[i] = std::min(1.0, quality);
    found_list.push_back(i);
    more = true;
  }
  if (more) refresh_offsets();

  // Check every ring against its neighbours: a ring found far from where the rings around it say
  // (a pen stroke or a stain mistaken for it) is not trusted.
  ContentFit fit;
  fit.transform = transform;
  std::vector<bool> trusted(n, false);
  for (std::size_t i : found_list) {
    const double scale = transform.ScaleAt(centre_pt[i]);
    const double tolerance_px = options.max_ring_offset_mm * kMillimetre * scale;
    nearby.clear();
    for (std::size_t j : found_list) {
      if (j != i) nearby.push_back({found_offset[j], Distance(centre_pt[i], centre_pt[j])});
    }
    const std::size_t k = std::min<std::size_t>(4, nearby.size());
    std::partial_sort(nearby.begin(), nearby.begin() + k, nearby.end(),
                      [](const Nearby& a, const Nearby& b) { return a.distance < b.distance; });
    int agree = 0, considered = 0;
    for (std::size_t m = 0; m < k; ++m) {
      if (nearby[m].distance > options.max_interpolation_mm * kMillimetre) break;
      ++considered;
      const PointF a = found_offset[i], b = nearby[m].offset;
      agree += std::hypot(a.x - b.x, a.y - b.y) <= tolerance_px;
    }
    // A bubble with no ring near it cannot be mistaken for a neighbour's (the search stayed well
    // inside half the way to the next bubble): its ring is trusted within a wider margin.
    const double isolated_px = std::min(1.5 * kMillimetre, 0.25 * spacing_pt[i]) * scale;
    trusted[i] = considered == 0 ? std::hypot(found_offset[i].x, found_offset[i].y) <=
                                       std::max(tolerance_px, isolated_px)
                                 : 2 * agree >= considered;
  }

  fit.centres_px.resize(n), fit.quality.resize(n), fit.fix.resize(n);
  double sum_sq = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (trusted[i]) {
      fit.centres_px[i] = hit_px[i], fit.quality[i] = hit_quality[i];
      fit.fix[i] = BubbleFix::kOwnRing;
      ++fit.rings_found;
      sum_sq += found_offset[i].x * found_offset[i].x + found_offset[i].y * found_offset[i].y;
      continue;
    }
    double nearest = 1e9;
    const PointF offset = local_offset(centre_pt[i], options.max_interpolation_mm * kMillimetre, i,
                                       &trusted, false, nearest);
    const PointF base = transform.Apply(centre_pt[i]);
    fit.centres_px[i] = {base.x + offset.x, base.y + offset.y};
    fit.fix[i] = BubbleFix::kInterpolated;
    fit.quality[i] =
        nearest > 1e8
            ? 0
            : 0.5 * std::max(0.0, 1 - nearest / (options.max_interpolation_mm * kMillimetre));
  }
  fit.rms_px = fit.rings_found ? std::sqrt(sum_sq / fit.rings_found) : 0;

  // Refuse what cannot be trusted: a bubble with nothing near to place it by, a bubble whose
  // ring is gone from bright paper (cut off, folded back, painted over) or lies off the image,
  // and a group of bubbles none of which shows its ring.
  for (std::size_t i = 0; i < n; ++i) {
    if (trusted[i]) continue;
    const LayoutBubble& b = page.bubbles[i];
    const std::string name = b.question + "/" + b.option;
    if (fit.quality[i] <= 0) {
      fit.refusal = "the printed bubbles around " + name +
                    " cannot be found: that part of the page is cut off, folded, creased or "
                    "covered; flatten it and scan it again";
      return fit;
    }
    const double scale = transform.ScaleAt(centre_pt[i]);
    const RingProbe probe((b.box.w / 2 - kBubbleLinePt / 2) * scale,
                          (b.box.w / 2 + kBubbleLinePt) * scale + 1, image.width);
    const int cx = static_cast<int>(std::lround(fit.centres_px[i].x));
    const int cy = static_cast<int>(std::lround(fit.centres_px[i].y));
    int ring = 0, out = 0;
    if (!ProbeSums(image, probe, cx, cy, ring, out)) {
      fit.refusal = "bubble " + name +
                    " is outside the image: the page is cut off there; scan "
                    "the whole page";
      return fit;
    }
    const double local_paper = paper.At(fit.centres_px[i], 255);
    if (static_cast<double>(ring) / kSamples > local_paper - 0.25 * (local_paper - ink_level)) {
      // Not where the rings around put it: a crease may have shifted it by a millimetre or two,
      // or its shadow dimmed it. A last, wider look (still well short of any neighbour's ring)
      // with a lower bar; found, it is measured where it is.
      const double scale = transform.ScaleAt(centre_pt[i]);
      const double window_pt = std::min(0.42 * spacing_pt[i], 2.0 * kMillimetre);
      const int step = std::max(1, static_cast<int>(0.6 * kBubbleLinePt * scale));
      const RingHit hit = SearchRing(image, probe, fit.centres_px[i],
                                     static_cast<int>(std::ceil(window_pt * scale)), step);
      const double quality =
          hit.score <= -1e8 ? 0 : hit.score / std::max(20.0, local_paper - ink_level);
      if (quality >= kMinRingQuality / 2) {
        fit.centres_px[i] = hit.centre_px;
        fit.quality[i] = std::min(0.5, quality);
        continue;
      }
      fit.refusal = "the printed ring of bubble " + name +
                    " is missing: that part of the page is cut off, torn or covered; scan the "
                    "whole page";
      return fit;
    }
    std::vector<std::pair<double, std::size_t>> neighbours;
    for (std::size_t j = 0; j < n; ++j) {
      if (j != i) neighbours.push_back({Distance(centre_pt[i], centre_pt[j]), j});
    }
    const std::size_t k = std::min<std::size_t>(3, neighbours.size());
    std::partial_sort(neighbours.begin(), neighbours.begin() + k, neighbours.end());
    int lost = 0;
    for (std::size_t m = 0; m < k; ++m) lost += !trusted[neighbours[m].second];
    if (k >= 2 && lost >= 2) {
      fit.refusal = "the printed bubbles around " + name +
                    " are not where the rest of the page puts them: the page is folded, creased "
                    "or stained there; flatten it and scan it again";
      return fit;
    }
  }
  return fit;
}

}  // namespace phieu
