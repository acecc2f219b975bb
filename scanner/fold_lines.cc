#include "scanner/fold_lines.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>

#include "core/mark_decision.h"

namespace phieu {
namespace {

constexpr double kCellMm = 0.5;     // the template-space grid lines are voted on
constexpr double kScanStepMm = 1;   // rows and columns of the page scanned for shadow points
constexpr double kQuickStepMm = 4;  // ... in a first look
constexpr std::size_t kMinQuickPoints = 6;  // a fold 40 mm long is met at least this often
constexpr double kMinLengthMm = 40;         // seen on unprinted paper: no pen stroke is this long
constexpr double kMinShare = 0.5;      // ... and on at least this share of the paper it crosses
constexpr double kSideMm = 3;          // the paper this far to either side is not shadowed
constexpr double kMinDarkness = 0.08;  // lighter than this is paper
constexpr double kBandMm = 1.5;        // how far from the line its shadow is lifted
constexpr double kPi = std::numbers::pi;
constexpr double kSameOffsetMm = 4;
constexpr std::size_t kMaxCandidates = 12;  // lines tried, strongest first
constexpr std::size_t kMaxFolds = 3;

constexpr double CellPt() { return kCellMm * kMillimetre; }

// Darkness against the paper around each pixel (the registration's grid of paper levels, for
// uneven light), 0 paper .. 1 ink.
class Shade {
 public:
  Shade(const GreyImage& image, const Registration& reg) : image_(image), reg_(reg) {}

  bool Inside(PointF px, int margin) const {
    return px.x >= margin && px.y >= margin && px.x < image_.width - 1 - margin &&
           px.y < image_.height - 1 - margin;
  }
  // The mean of the 2 x 2 pixels at `px` (inside the image by 1 pixel): a line one pixel wide
  // still shows, a lone dark pixel (noise) hardly.
  double Mean(int x, int y) const {
    return (image_.at(x, y) + image_.at(x + 1, y) + image_.at(x, y + 1) + image_.at(x + 1, y + 1)) /
           4.0;
  }
  double Darkness(double grey, double paper) const {
    return std::clamp((paper - grey) / std::max(1.0, paper - reg_.ink_level), 0.0, 1.0);
  }
  // The darkest 2 x 2 mean within `half` pixels of `px`, or -1 off the image.
  double DarkestNear(PointF px, int half) const {
    if (!Inside(px, half + 1)) return -1;
    const int cx = static_cast<int>(std::lround(px.x)), cy = static_cast<int>(std::lround(px.y));
    double darkest = 255;
    for (int y = cy - half; y <= cy + half; ++y) {
      for (int x = cx - half; x <= cx + half; ++x) darkest = std::min(darkest, Mean(x, y));
    }
    return Darkness(darkest, reg_.PaperLevelAt(px));
  }

 private:
  const GreyImage& image_;
  const Registration& reg_;
};

// The page within its corner marks, and a 0.5 mm grid over it.
struct Grid {
  Rect area;
  int cols = 0, rows = 0;
  PointF Centre(double col, double row) const {
    return {area.x + (col + 0.5) * CellPt(), area.y + (row + 0.5) * CellPt()};
  }
};

// Cells of the grid where a pen or print may be: print (and 1 mm round it), each bubble with a
// radius round it (its marks), the write-in boxes, the QR code, the marks.
cv::Mat Busy(const LayoutPage& page, const std::vector<Rect>& printed, const Grid& grid) {
  cv::Mat busy(grid.rows, grid.cols, CV_8U, cv::Scalar(0));
  const auto mark = [&](const Rect& r, double margin) {
    const cv::Point a(static_cast<int>((r.x - margin - grid.area.x) / CellPt()),
                      static_cast<int>((r.y - margin - grid.area.y) / CellPt()));
    const cv::Point b(static_cast<int>((r.right() + margin - grid.area.x) / CellPt()),
                      static_cast<int>((r.bottom() + margin - grid.area.y) / CellPt()));
    cv::rectangle(busy, a, b, cv::Scalar(255), cv::FILLED);
  };
  for (const Rect& r : printed) mark(r, kMillimetre);
  for (const LayoutBubble& b : page.bubbles) mark(b.box, b.box.w / 2 + kMillimetre);
  for (const LayoutTextBox& t : page.text_boxes) mark(t.box, kMillimetre);
  for (const Rect& r : page.shaded) mark(r, kMillimetre);
  for (const Rect& r : page.marks) mark(r, kMillimetre);
  mark(page.qr, kMillimetre);
  mark(page.form_code, kMillimetre);
  return busy;
}

// The points (in grid cells) where a scan line across free paper meets a thin shadow: darker
// than paper, with paper 3 mm before and after it along the scan. A row of the page every
// `step_mm` is scanned, or with `columns` a column (a line near the rows' own direction is met
// steeply by the columns). Runs of free cells are walked pixel by pixel in the image.
void FindShadowPoints(const Shade& shade, const Registration& reg, const Grid& grid,
                      const cv::Mat& busy, bool columns, double step_mm,
                      std::vector<cv::Point2f>& points) {
  const int lines = columns ? grid.cols : grid.rows, length = columns ? grid.rows : grid.cols;
  const int every = std::max(1, static_cast<int>(std::lround(step_mm / kCellMm)));
  const int side_px =
      std::max(2, static_cast<int>(std::lround(kSideMm * kMillimetre * reg.px_per_pt)));
  const auto busy_at = [&](int line, int along) {
    return columns ? busy.at<std::uint8_t>(along, line) : busy.at<std::uint8_t>(line, along);
  };
  std::vector<double> grey;
  for (int line = every / 2; line < lines; line += every) {
    for (int along = 0; along < length;) {
      if (busy_at(line, along)) {
        ++along;
        continue;
      }
      int end = along;
      while (end < length && !busy_at(line, end)) ++end;
      // Cells [along, end) are free: their centres from the first to the last, in the image.
      const auto cell = [&](double k) {
        return columns ? grid.Centre(line, k) : grid.Centre(k, line);
      };
      const PointF a = reg.transform.Apply(cell(along)), b = reg.transform.Apply(cell(end - 1));
      const int steps = static_cast<int>(std::hypot(b.x - a.x, b.y - a.y));
      if (steps > 2 * side_px && shade.Inside(a, 1) && shade.Inside(b, 1)) {
        // Darkness thresholds as greys against the paper around this run.
        const double paper = reg.PaperLevelAt({(a.x + b.x) / 2, (a.y + b.y) / 2});
        const double range = std::max(1.0, paper - reg.ink_level);
        const double lightest = paper - kMinDarkness * range,
                     darkest = paper - kFoldMaxDarkness * range;
        grey.resize(static_cast<std::size_t>(steps) + 1);
        for (int i = 0; i <= steps; ++i) {
          const double f = static_cast<double>(i) / steps;
          grey[i] = shade.Mean(static_cast<int>(a.x + f * (b.x - a.x)),
                               static_cast<int>(a.y + f * (b.y - a.y)));
        }
        for (int i = side_px; i + side_px <= steps; ++i) {
          const double g = grey[i];
          if (g > lightest || g < darkest || g > grey[i - 1] || g > grey[i + 1]) continue;
          if (grey[i - side_px] <= lightest || grey[i + side_px] <= lightest) continue;
          const float k =
              static_cast<float>(along + static_cast<double>(i) / steps * (end - 1 - along));
          points.push_back(columns ? cv::Point2f(static_cast<float>(line), k)
                                   : cv::Point2f(k, static_cast<float>(line)));
        }
      }
      along = end;
    }
  }
}

// Lines through many of `points` (grid cells), strongest first, each refitted to the points
// within kSameOffsetMm / 2 of it: a coarse Hough transform on a 1 mm grid, then least squares.
// Each as (rho, theta): x cos(theta) + y sin(theta) = rho, in cells.
std::vector<cv::Vec2f> CandidateLines(const std::vector<cv::Point2f>& points, const Grid& grid) {
  constexpr double kCoarse = 2;  // cells per Hough cell (1 mm)
  cv::Mat coarse(static_cast<int>(grid.rows / kCoarse) + 1,
                 static_cast<int>(grid.cols / kCoarse) + 1, CV_8U, cv::Scalar(0));
  for (const cv::Point2f& p : points) {
    coarse.at<std::uint8_t>(static_cast<int>(p.y / kCoarse), static_cast<int>(p.x / kCoarse)) = 255;
  }
  std::vector<cv::Vec2f> hough;
  cv::HoughLines(coarse, hough, 1, kPi / 180, static_cast<int>(kMinLengthMm / kScanStepMm / 3));
  std::vector<cv::Vec2f> lines;
  std::vector<cv::Point2f> near;
  // Whether two lines (rho, theta) run within kSameOffsetMm of each other across the grid.
  const auto same = [&](const cv::Vec2f& a, double rho, double theta) {
    for (double t : {-0.5, 0.0, 0.5}) {
      // A point of the second line, a share t of the grid's diagonal from its foot.
      const double reach = t * std::hypot(grid.cols, grid.rows);
      const double x = rho * std::cos(theta) - reach * std::sin(theta);
      const double y = rho * std::sin(theta) + reach * std::cos(theta);
      if (std::abs(x * std::cos(a[1]) + y * std::sin(a[1]) - a[0]) * kCellMm > kSameOffsetMm)
        return false;
    }
    return true;
  };
  for (const cv::Vec2f& h : hough) {
    if (lines.size() >= kMaxCandidates) break;
    const double theta = h[1], rho = (h[0] + 0.5 * (std::cos(theta) + std::sin(theta))) * kCoarse;
    // One line votes for its neighbours too.
    if (std::any_of(lines.begin(), lines.end(),
                    [&](const cv::Vec2f& l) { return same(l, rho, theta); }))
      continue;
    near.clear();
    for (const cv::Point2f& p : points) {
      if (std::abs(p.x * std::cos(theta) + p.y * std::sin(theta) - rho) * kCellMm <=
          kSameOffsetMm / 2) {
        near.push_back(p);
      }
    }
    if (near.size() < 3) continue;
    cv::Vec4f fit;  // direction, then a point
    cv::fitLine(near, fit, cv::DIST_HUBER, 0, 0.01, 0.01);
    const double nx = -fit[1], ny = fit[0];
    const double fit_rho = nx * fit[2] + ny * fit[3], fit_theta = std::atan2(ny, nx);
    if (std::any_of(lines.begin(), lines.end(),
                    [&](const cv::Vec2f& l) { return same(l, fit_rho, fit_theta); }))
      continue;
    lines.push_back({static_cast<float>(fit_rho), static_cast<float>(fit_theta)});
  }
  return lines;
}

}  // namespace

std::vector<FoldLine> FindFoldLines(const GreyImage& image, const LayoutPage& page,
                                    const Registration& reg, const std::vector<Rect>& printed) {
  if (page.marks.size() != 4 || reg.px_per_pt <= 0) return {};
  Grid grid;
  grid.area = {page.marks[0].x, page.marks[0].y, page.marks[3].right() - page.marks[0].x,
               page.marks[3].bottom() - page.marks[0].y};
  grid.cols = static_cast<int>(grid.area.w / CellPt()) + 1;
  grid.rows = static_cast<int>(grid.area.h / CellPt()) + 1;
  const cv::Mat busy = Busy(page, printed, grid);
  const Shade shade(image, reg);
  // A quick look first, every 4 mm: a fold shows in a few of these scans, most pages show
  // nothing at all and are done.
  std::vector<cv::Point2f> points;
  for (bool columns : {false, true})
    FindShadowPoints(shade, reg, grid, busy, columns, kQuickStepMm, points);
  if (points.size() < kMinQuickPoints) return {};
  points.clear();
  for (bool columns : {false, true})
    FindShadowPoints(shade, reg, grid, busy, columns, kScanStepMm, points);
  const std::vector<cv::Vec2f> candidates = CandidateLines(points, grid);

  // Each candidate walked along in 0.5 mm steps: where it crosses free paper, is it a thin
  // shadow there, with paper 3 mm to either side?
  const int half = std::max(1, static_cast<int>(std::lround(CellPt() * reg.px_per_pt / 2)));
  const auto free_at = [&](double col, double row) {
    const int c = static_cast<int>(std::lround(col)), r = static_cast<int>(std::lround(row));
    return c >= 0 && r >= 0 && c < grid.cols && r < grid.rows && !busy.at<std::uint8_t>(r, c);
  };
  const auto darkness = [&](double col, double row) {
    return shade.DarkestNear(reg.transform.Apply(grid.Centre(col, row)), half);
  };
  std::vector<FoldLine> folds;
  const double side = kSideMm / kCellMm;
  for (const cv::Vec2f& candidate : candidates) {
    if (folds.size() >= kMaxFolds) break;
    const double rho = candidate[0], theta = candidate[1];
    const double nx = std::cos(theta), ny = std::sin(theta);  // across the line
    const double ux = -ny, uy = nx;                           // along it
    const double reach = std::hypot(grid.cols, grid.rows);
    int paper = 0, shadowed = 0;
    std::vector<double> seen;
    for (double t = -reach; t <= reach; t += 1) {
      const double col = nx * rho + ux * t, row = ny * rho + uy * t;
      if (!free_at(col, row)) continue;
      const double on = darkness(col, row);
      if (on < 0) continue;  // off the image
      ++paper;
      if (on < kMinDarkness || on > kFoldMaxDarkness) continue;
      const bool left_paper = !free_at(col - nx * side, row - ny * side) ||
                              darkness(col - nx * side, row - ny * side) < kMinDarkness;
      const bool right_paper = !free_at(col + nx * side, row + ny * side) ||
                               darkness(col + nx * side, row + ny * side) < kMinDarkness;
      if (left_paper && right_paper) ++shadowed, seen.push_back(on);
    }
    if (shadowed * kCellMm < kMinLengthMm || shadowed < kMinShare * paper) continue;
    std::nth_element(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(seen.size() / 2),
                     seen.end());
    // Two points of the line, on the template and mapped into the image.
    const PointF a_pt = grid.Centre(nx * rho, ny * rho);
    const PointF b_pt = grid.Centre(nx * rho + ux * 100, ny * rho + uy * 100);
    const PointF a = reg.transform.Apply(a_pt), b = reg.transform.Apply(b_pt);
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    const double length_pt = std::hypot(b_pt.x - a_pt.x, b_pt.y - a_pt.y);
    folds.push_back({a,
                     {(b.x - a.x) / length, (b.y - a.y) / length},
                     a_pt,
                     {(b_pt.x - a_pt.x) / length_pt, (b_pt.y - a_pt.y) / length_pt},
                     seen[seen.size() / 2],
                     shadowed * kCellMm});
  }
  return folds;
}

GreyImage WithoutFoldShadows(const GreyImage& image, const std::vector<FoldLine>& folds,
                             const Registration& reg) {
  GreyImage out = image;
  const double band = kBandMm * kMillimetre * reg.px_per_pt;
  for (const FoldLine& fold : folds) {
    // Distance from the line, for row y: a * x + b.
    const double a = -fold.direction.y;
    for (int y = 0; y < image.height; ++y) {
      const double b = (y - fold.point.y) * fold.direction.x + fold.point.x * fold.direction.y;
      int from = 0, to = image.width - 1;
      if (std::abs(a) < 1e-9) {
        if (std::abs(b) > band) continue;
      } else {
        const double x1 = (-band - b) / a, x2 = (band - b) / a;
        from = std::max(0, static_cast<int>(std::floor(std::min(x1, x2))));
        to = std::min(image.width - 1, static_cast<int>(std::ceil(std::max(x1, x2))));
      }
      for (int x = from; x <= to; ++x) {
        const double paper = reg.PaperLevelAt({static_cast<double>(x), static_cast<double>(y)});
        const double range = std::max(1.0, paper - reg.ink_level);
        std::uint8_t& v = out.at(x, y);
        if (v < paper && (paper - v) / range <= kFoldMaxDarkness) {
          v = static_cast<std::uint8_t>(std::clamp(std::lround(paper), 0L, 255L));
        }
      }
    }
  }
  return out;
}

int FoldSectors(const std::vector<FoldLine>& folds, PointF centre_pt, double reach) {
  int mask = 0;
  for (const FoldLine& fold : folds) {
    const double cx = centre_pt.x - fold.point_pt.x, cy = centre_pt.y - fold.point_pt.y;
    const double across = cx * fold.direction_pt.y - cy * fold.direction_pt.x;
    if (std::abs(across) >= reach) continue;
    const double along = cx * fold.direction_pt.x + cy * fold.direction_pt.y;
    const double half_chord = std::sqrt(reach * reach - across * across);
    for (double side : {-1.0, 1.0}) {
      // Where the line leaves the circle, seen from the centre.
      const double t = along + side * half_chord;
      const double x = fold.point_pt.x + t * fold.direction_pt.x - centre_pt.x;
      const double y = fold.point_pt.y + t * fold.direction_pt.y - centre_pt.y;
      double angle = std::atan2(y, x);
      if (angle < 0) angle += 2 * kPi;
      // The sector it leaves through and the nearer neighbour: 60 degrees, so that of an X's
      // four arms (90 degrees apart) a fold can hide at most one on either side.
      const double at = angle / (2 * kPi) * kHaloSectors;
      const int sector = static_cast<int>(at) % kHaloSectors;
      const int neighbour = at - std::floor(at) < 0.5 ? sector - 1 : sector + 1;
      mask |= 1 << sector | 1 << ((neighbour + kHaloSectors) % kHaloSectors);
    }
  }
  return mask;
}

}  // namespace phieu
