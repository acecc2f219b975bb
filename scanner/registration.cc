#include "scanner/registration.h"

#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

#include "scanner/content_fit.h"
#include "scanner/cv_image.h"
#include "scanner/grey_levels.h"

namespace phieu {
namespace {

using scanner_internal::AsMat;

PageTransform FromMat(const cv::Mat& h) {
  PageTransform t;
  cv::Mat m;
  h.convertTo(m, CV_64F);
  if (m.rows == 2) {  // affine
    t.m = {m.at<double>(0, 0), m.at<double>(0, 1), m.at<double>(0, 2),
           m.at<double>(1, 0), m.at<double>(1, 1), m.at<double>(1, 2), 0, 0, 1};
  } else {
    for (int i = 0; i < 9; ++i) t.m[i] = m.at<double>(i / 3, i % 3);
  }
  return t;
}

PageTransform FromCorners(const std::array<cv::Point2f, 4>& page_pt,
                          const std::array<cv::Point2f, 4>& image_px) {
  return FromMat(cv::getPerspectiveTransform(page_pt.data(), image_px.data()));
}

// The mark-shaped blob of `binary` (a view of `window`) nearest to `predicted`: its centroid,
// its distance, and whether its bounding box touches the view's edge.
struct MarkBlob {
  cv::Point2d centre;
  double distance = 1e18;
  bool at_edge = false;
};
std::optional<MarkBlob> NearestMarkBlob(const cv::Mat& binary, cv::Point offset,
                                        cv::Point2d predicted, double side_px) {
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(binary, labels, stats, centroids, 8, CV_32S);
  const double area_expected = side_px * side_px;
  std::optional<MarkBlob> best;
  for (int i = 1; i < count; ++i) {
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (area < 0.45 * area_expected || area > 1.8 * area_expected) continue;
    if (w < 0.6 * side_px || w > 1.6 * side_px || h < 0.6 * side_px || h > 1.6 * side_px) continue;
    if (area < 0.7 * w * h * 0.75) continue;  // a square, even rotated by a few degrees
    const cv::Point2d centre(centroids.at<double>(i, 0) + offset.x,
                             centroids.at<double>(i, 1) + offset.y);
    const double distance = cv::norm(centre - predicted);
    if (!best || distance < best->distance) {
      best = MarkBlob{centre, distance,
                      x == 0 || y == 0 || x + w == binary.cols || y + h == binary.rows};
    }
  }
  return best;
}

// The centroid of the registration mark nearest to `predicted`, or nullopt.
// `half`: how far to look (default: 3 sides, at least 5 % of the image).
std::optional<cv::Point2d> FindMark(const cv::Mat& image, cv::Point2d predicted, double side_px,
                                    double half = 0) {
  if (half <= 0) half = std::max(3 * side_px, 0.05 * std::max(image.cols, image.rows));
  cv::Rect window(static_cast<int>(predicted.x - half), static_cast<int>(predicted.y - half),
                  static_cast<int>(2 * half), static_cast<int>(2 * half));
  window &= cv::Rect(0, 0, image.cols, image.rows);
  if (window.width < side_px || window.height < side_px) return std::nullopt;
  cv::Mat binary;
  cv::threshold(image(window), binary, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // Labelling is most of the cost: first only the middle of the window, 2 sides round the
  // prediction. A mark found there within half a side of the prediction, clear of the middle's
  // edge, is the one the whole window gives: no other blob of a mark's size and squareness can
  // have its centre nearer still.
  const double near_half = 2 * side_px;
  if (near_half < half) {
    cv::Rect near(static_cast<int>(predicted.x - near_half), static_cast<int>(predicted.y - near_half),
                  static_cast<int>(2 * near_half), static_cast<int>(2 * near_half));
    near &= window;
    if (near.width >= side_px && near.height >= side_px) {
      const cv::Rect in_window(near.x - window.x, near.y - window.y, near.width, near.height);
      const auto blob = NearestMarkBlob(binary(in_window), near.tl(), predicted, side_px);
      if (blob && !blob->at_edge && blob->distance < 0.5 * side_px) return blob->centre;
    }
  }
  const auto blob = NearestMarkBlob(binary, window.tl(), predicted, side_px);
  if (!blob) return std::nullopt;
  return blob->centre;
}

// How far the least-squares affine map of four page points onto their image points misses each:
// an 8 x 1 matrix of x, y differences in pixels, point by point.
cv::Mat AffineResiduals(const std::vector<cv::Point2f>& page_pt,
                        const std::vector<cv::Point2f>& image_px) {
  cv::Mat a(8, 6, CV_64F, cv::Scalar(0)), b(8, 1, CV_64F);
  for (int i = 0; i < 4; ++i) {
    a.at<double>(2 * i, 0) = page_pt[i].x, a.at<double>(2 * i, 1) = page_pt[i].y;
    a.at<double>(2 * i, 2) = 1;
    a.at<double>(2 * i + 1, 3) = page_pt[i].x, a.at<double>(2 * i + 1, 4) = page_pt[i].y;
    a.at<double>(2 * i + 1, 5) = 1;
    b.at<double>(2 * i) = image_px[i].x, b.at<double>(2 * i + 1) = image_px[i].y;
  }
  cv::Mat solution;
  cv::solve(a, b, solution, cv::DECOMP_SVD);
  return a * solution - b;
}

// Of four marks found (page points and where they are in the image), the index of one that
// does not fit a flat page with the other three, or -1 when all four fit within 1 % of the
// page's size. The one left out is the one whose three others map the page most nearly by a
// turn and a scale alone (a flatbed scan), not a shear.
int OddMarkOut(const std::vector<cv::Point2f>& page_pt, const std::vector<cv::Point2f>& image_px) {
  // How far the least-squares affine map of all four misses the worst.
  const cv::Mat residual = AffineResiduals(page_pt, image_px);
  double worst = 0;
  for (int i = 0; i < 4; ++i) {
    worst = std::max(worst, std::hypot(residual.at<double>(2 * i), residual.at<double>(2 * i + 1)));
  }
  const double size = cv::norm(image_px[0] - image_px[3]);
  if (worst <= 0.01 * size) return -1;
  int odd = -1;
  double best = 1e18;
  for (int out = 0; out < 4; ++out) {
    std::vector<cv::Point2f> p, q;
    for (int i = 0; i < 4; ++i) {
      if (i != out) p.push_back(page_pt[i]), q.push_back(image_px[i]);
    }
    const cv::Mat m = cv::getAffineTransform(p.data(), q.data());
    const double a = m.at<double>(0, 0), b = m.at<double>(0, 1), c = m.at<double>(1, 0), d = m.at<double>(1, 1);
    const double scale = std::sqrt(std::abs(a * d - b * c));
    const double shear = (std::abs(a - d) + std::abs(b + c)) / std::max(scale, 1e-9);
    if (shear < best) best = shear, odd = out;
  }
  return odd;
}

// The `fraction` percentile of the grey levels of every 3rd pixel of every 3rd row.
double Percentile(const cv::Mat& image, double fraction) {
  return SampleGreyLevels(image.data, image.step, 0, 0, image.cols, image.rows, 3, 3)
      .Percentile(fraction);
}

}  // namespace

PageTransform CoarseFromQr(const QrReading& qr, const LayoutPage& page) {
  // The symbol sits inside a 4-module quiet zone; phieu's payloads make 29-module symbols.
  const double inset = page.qr.w * 4.0 / 37.0;
  const Rect& q = page.qr;
  const std::array<cv::Point2f, 4> page_pt = {
      cv::Point2f(q.x + inset, q.y + inset), cv::Point2f(q.right() - inset, q.y + inset),
      cv::Point2f(q.right() - inset, q.bottom() - inset), cv::Point2f(q.x + inset, q.bottom() - inset)};
  std::vector<cv::Point2f> from(page_pt.begin(), page_pt.end()), to;
  for (int i = 0; i < 4; ++i) to.emplace_back(qr.corners[i].x, qr.corners[i].y);
  // Affine, not perspective: a pixel of error at the small QR's corners would become a large
  // perspective error at the far corners of the page.
  return FromMat(cv::estimateAffine2D(from, to, cv::noArray(), cv::LMEDS));
}

std::vector<PageTransform> CoarseFromImageBounds(const GreyImage& image, PageSize page) {
  const float w = image.width, h = image.height;
  const float pw = page.width_pt, ph = page.height_pt;
  const std::array<cv::Point2f, 4> page_pt = {cv::Point2f(0, 0), cv::Point2f(pw, 0),
                                              cv::Point2f(pw, ph), cv::Point2f(0, ph)};
  const std::array<cv::Point2f, 4> image_corners = {cv::Point2f(0, 0), cv::Point2f(w, 0),
                                                    cv::Point2f(w, h), cv::Point2f(0, h)};
  std::vector<PageTransform> transforms;
  for (int turns = 0; turns < 4; ++turns) {
    std::array<cv::Point2f, 4> image_px;
    // Turning the sheet clockwise by `turns` quarters moves its top-left corner to the image's
    // corner `turns` steps clockwise from the top-left.
    for (int i = 0; i < 4; ++i) image_px[i] = image_corners[(i + turns) % 4];
    transforms.push_back(FromCorners(page_pt, image_px));
  }
  return transforms;
}

std::vector<PageTransform> CoarseFromCornerMarks(const GreyImage& image, const LayoutPage& frame) {
  if (frame.marks.size() != 4) return {};
  const cv::Mat mat = AsMat(image);
  const double w = image.width, h = image.height;
  // The sheet fills most of the image: a mark's side is about its printed side at the image's
  // scale (FindMark allows 0.6-1.6 times that).
  const double page_long = std::max(frame.marks[3].right(), frame.marks[3].bottom()) +
                           std::min(frame.marks[0].x, frame.marks[0].y);
  const double side = frame.marks[0].w * std::max(w, h) / page_long;
  // The image's corners clockwise from the top-left, and the mark nearest each.
  const cv::Point2d corners[4] = {{0, 0}, {w, 0}, {w, h}, {0, h}};
  std::optional<cv::Point2d> found[4];
  int count = 0;
  for (int c = 0; c < 4; ++c) {
    found[c] = FindMark(mat, corners[c], side, 0.3 * std::max(w, h));
    count += found[c].has_value();
  }
  if (count < 3) return {};
  // The frame's marks clockwise from the top-left.
  const double mid_x = (frame.marks[0].centre_x() + frame.marks[3].centre_x()) / 2;
  const double mid_y = (frame.marks[0].centre_y() + frame.marks[3].centre_y()) / 2;
  PointF page_corner[4];
  for (const Rect& m : frame.marks) {
    const bool right = m.centre_x() > mid_x, bottom = m.centre_y() > mid_y;
    page_corner[bottom ? (right ? 2 : 3) : (right ? 1 : 0)] = {m.centre_x(), m.centre_y()};
  }
  if (count == 4 && cv::norm(*found[0] + *found[2] - *found[1] - *found[3]) > 0.03 * std::hypot(w, h)) {
    // Four blobs that are not the corners of the frame's rectangle: one is a blot where a
    // corner (and its mark) was cut off. Leave out the one whose three others make the
    // rectangle's corner best: a right angle between sides in the frame's proportions.
    const double ratio = (page_corner[1].x - page_corner[0].x) / (page_corner[3].y - page_corner[0].y);
    int left_out = 0;
    double best_fit = 1e18;
    for (int out = 0; out < 4; ++out) {
      const cv::Point2d u = *found[(out + 1) % 4] - *found[(out + 2) % 4];
      const cv::Point2d v = *found[(out + 3) % 4] - *found[(out + 2) % 4];
      if (cv::norm(u) < 1 || cv::norm(v) < 1) continue;
      const double cosine = u.dot(v) / (cv::norm(u) * cv::norm(v));
      const double r = cv::norm(u) / cv::norm(v);
      const double fit = std::abs(cosine) + std::min(std::abs(std::log(r / ratio)), std::abs(std::log(r * ratio)));
      if (fit < best_fit) best_fit = fit, left_out = out;
    }
    found[left_out].reset();
    count = 3;
  }
  std::vector<PageTransform> transforms;
  for (int turns = 0; turns < 4; ++turns) {
    std::vector<cv::Point2f> pt, px;
    for (int i = 0; i < 4; ++i) {
      const auto& at = found[(i + turns) % 4];
      if (!at) continue;
      pt.emplace_back(page_corner[i].x, page_corner[i].y);
      px.emplace_back(at->x, at->y);
    }
    transforms.push_back(pt.size() == 4 ? FromMat(cv::getPerspectiveTransform(pt.data(), px.data()))
                                        : FromMat(cv::getAffineTransform(pt.data(), px.data())));
  }
  return transforms;
}

PageGreyLevels MeasurePageGreyLevels(const GreyImage& image) {
  PageGreyLevels levels;
  levels.paper = MeasurePaperLevels(image, &levels.whole);
  return levels;
}

Result<Registration> RegisterPage(const GreyImage& image, const LayoutPage& page,
                                  const PageTransform& coarse, const RegistrationOptions& options,
                                  const QrReading* qr, const PageGreyLevels* levels) {
  const cv::Mat mat = AsMat(image);
  std::vector<cv::Point2f> found_pt, found_px;
  for (const Rect& mark : page.marks) {
    const PointF centre{mark.centre_x(), mark.centre_y()};
    const PointF predicted = coarse.Apply(centre);
    const double side = mark.w * coarse.ScaleAt(centre);
    if (auto found = FindMark(mat, {predicted.x, predicted.y}, side)) {
      found_pt.emplace_back(centre.x, centre.y);
      found_px.emplace_back(found->x, found->y);
    }
  }
  // Without a QR code to check them against, four marks that do not make the page's rectangle
  // hold a blob taken for a mark (print beside a corner that was cut off, with its mark): the
  // one left out is the one whose three others map the page by a turn and a scale alone.
  if (qr == nullptr && found_pt.size() == 4) {
    if (const int odd = OddMarkOut(found_pt, found_px); odd >= 0) {
      found_pt.erase(found_pt.begin() + odd);
      found_px.erase(found_px.begin() + odd);
    }
  }
  const int found = static_cast<int>(found_pt.size());
  const bool use_content = !page.bubbles.empty() && qr != nullptr;
  if (found < 3 && !use_content) {
    return Status::Error("registration marks not found (" + std::to_string(found) +
                         " of 4): the page is cut off, folded over a corner, or not a form");
  }
  Registration reg;
  reg.marks_found = found;
  const PointF centre{(page.marks[0].x + page.marks[3].right()) / 2,
                      (page.marks[0].y + page.marks[3].bottom()) / 2};
  // The QR code's corners, where the QR was read (see CoarseFromQr for the quiet zone).
  std::vector<Anchor> anchors;
  for (int i = 0; i < found; ++i) {
    anchors.push_back({{found_pt[i].x, found_pt[i].y}, {found_px[i].x, found_px[i].y}});
  }
  if (use_content) {
    const double inset = page.qr.w * 4.0 / 37.0;
    const Rect& q = page.qr;
    const PointF qr_pt[4] = {{q.x + inset, q.y + inset}, {q.right() - inset, q.y + inset},
                             {q.right() - inset, q.bottom() - inset}, {q.x + inset, q.bottom() - inset}};
    for (int i = 0; i < 4; ++i) anchors.push_back({qr_pt[i], qr->corners[i]});
  }
  if (found == 4) {
    reg.transform = FromMat(cv::findHomography(found_pt, found_px, 0));
    // The affine least-squares residual says how far the page is from flat.
    const cv::Mat residual = AffineResiduals(found_pt, found_px);
    reg.residual_px = std::sqrt(residual.dot(residual) / 4);
  } else if (found == 3) {
    reg.transform = FromMat(cv::getAffineTransform(found_pt.data(), found_px.data()));
  } else {
    // Too few marks: the marks found and the QR code's corners, an affine start that the rings
    // then extend over the page.
    std::vector<cv::Point2f> pt, px;
    for (const Anchor& a : anchors) {
      pt.emplace_back(a.page_pt.x, a.page_pt.y), px.emplace_back(a.image_px.x, a.image_px.y);
    }
    const cv::Mat affine = cv::estimateAffine2D(pt, px, cv::noArray(), cv::LMEDS);
    reg.transform = affine.empty() ? coarse : FromMat(affine);
  }
  // A mark set that disagrees with the QR code (a blot taken for a mark): start from the QR.
  if (use_content && found >= 3) {
    double worst = 0;
    for (int i = found; i < static_cast<int>(anchors.size()); ++i) {
      const PointF p = reg.transform.Apply(anchors[i].page_pt);
      worst = std::max(worst, std::hypot(p.x - anchors[i].image_px.x, p.y - anchors[i].image_px.y));
    }
    if (worst > 3 * kMillimetre * coarse.ScaleAt(centre)) reg.transform = coarse;
  }
  reg.px_per_pt = reg.transform.ScaleAt(centre);
  const double coarse_scale = coarse.ScaleAt(centre);
  if (reg.px_per_pt < 0.75 * coarse_scale || reg.px_per_pt > 1.33 * coarse_scale) {
    return Status::Error("the registration marks found do not match the page's size");
  }
  const double max_residual_px = options.max_residual_mm * kMillimetre * reg.px_per_pt;
  if (page.bubbles.empty() && reg.residual_px > max_residual_px) {
    char text[160];
    std::snprintf(text, sizeof text,
                  "the page is too distorted to read (marks %.1f mm off a flat page; at most "
                  "%.1f mm): flatten it and scan it again",
                  reg.residual_px / reg.px_per_pt / kMillimetre, options.max_residual_mm);
    return Status::Error(text);
  }
  // Ink: the inner half of each found mark, else the QR code's darkest modules; paper: the
  // bright end of the page.
  double ink_sum = 0;
  int ink_count = 0;
  for (std::size_t i = 0; i < found_px.size(); ++i) {
    const double half = page.marks[0].w * reg.px_per_pt / 4;
    for (int dy = static_cast<int>(-half); dy <= half; ++dy) {
      for (int dx = static_cast<int>(-half); dx <= half; ++dx) {
        const int x = static_cast<int>(found_px[i].x) + dx, y = static_cast<int>(found_px[i].y) + dy;
        if (x < 0 || y < 0 || x >= image.width || y >= image.height) continue;
        ink_sum += image.at(x, y), ++ink_count;
      }
    }
  }
  if (ink_count > 0) {
    reg.ink_level = ink_sum / ink_count;
  } else if (use_content) {
    float min_x = 1e9f, min_y = 1e9f, max_x = -1e9f, max_y = -1e9f;
    for (const PointF& c : qr->corners) {
      min_x = std::min<float>(min_x, c.x), max_x = std::max<float>(max_x, c.x);
      min_y = std::min<float>(min_y, c.y), max_y = std::max<float>(max_y, c.y);
    }
    cv::Rect box(cv::Point(static_cast<int>(min_x), static_cast<int>(min_y)),
                 cv::Point(static_cast<int>(max_x), static_cast<int>(max_y)));
    box &= cv::Rect(0, 0, mat.cols, mat.rows);
    reg.ink_level = box.area() > 0 ? Percentile(mat(box), 0.2) : 0;
  }
  std::optional<PageGreyLevels> measured;
  if (levels == nullptr) levels = &measured.emplace(MeasurePageGreyLevels(image));
  reg.paper_level = levels->whole.Percentile(0.95);
  if (reg.paper_level - reg.ink_level < 40) {
    return Status::Error("too little contrast between paper and ink to read the marks");
  }
  if (page.bubbles.empty()) return reg;

  reg.paper_levels = levels->paper;
  ContentFit fit =
      FitToPrintedContent(image, page, reg.transform, anchors, reg.ink_level, reg.paper_levels, options);
  // A mark missed because the first guess was too far off (a photo's perspective) is looked for
  // again where the rings put it, and the fit redone with it.
  if (found < 4) {
    std::vector<Anchor> more = anchors;
    for (const Rect& mark : page.marks) {
      const PointF centre_pt{mark.centre_x(), mark.centre_y()};
      bool known = false;
      for (int i = 0; i < found; ++i) {
        known |= std::hypot(found_pt[i].x - centre_pt.x, found_pt[i].y - centre_pt.y) < 1;
      }
      if (known) continue;
      const PointF predicted = fit.transform.Apply(centre_pt);
      if (auto again = FindMark(mat, {predicted.x, predicted.y}, mark.w * fit.transform.ScaleAt(centre_pt))) {
        if (std::hypot(again->x - predicted.x, again->y - predicted.y) <
            2 * kMillimetre * fit.transform.ScaleAt(centre_pt)) {
          more.push_back({centre_pt, {again->x, again->y}});
        }
      }
    }
    if (more.size() > anchors.size()) {
      ContentFit again = FitToPrintedContent(image, page, fit.transform, more, reg.ink_level,
                                             reg.paper_levels, options);
      if (again.refusal.empty() || !fit.refusal.empty()) {
        reg.marks_found += static_cast<int>(more.size() - anchors.size());
        fit = std::move(again);
      }
    }
  }
  if (!fit.refusal.empty()) return Status::Error(fit.refusal);
  // Without three marks, the QR code alone places the page: the rings must confirm it.
  if (reg.marks_found < 3 && fit.rings_found < std::max<int>(8, page.bubbles.size() / 2)) {
    return Status::Error("registration marks not found (" + std::to_string(found) +
                         " of 4) and too few printed bubbles found to place the page: it is cut "
                         "off, folded or badly photographed");
  }
  reg.transform = fit.transform;
  reg.px_per_pt = reg.transform.ScaleAt(centre);
  reg.bubble_centres_px = std::move(fit.centres_px);
  reg.bubble_fit_quality = std::move(fit.quality);
  reg.bubble_fix = std::move(fit.fix);
  reg.rings_found = fit.rings_found;
  reg.fit_rms_px = fit.rms_px;
  return reg;
}

double RegionDarkness(const GreyImage& image, const PageTransform& transform, const Rect& rect,
                      double paper_level, double ink_level) {
  double sum = 0;
  int count = 0;
  for (int j = 0; j < 12; ++j) {
    for (int i = 0; i < 12; ++i) {
      const PointF p = transform.Apply({rect.x + (i + 0.5) * rect.w / 12, rect.y + (j + 0.5) * rect.h / 12});
      const int x = static_cast<int>(p.x), y = static_cast<int>(p.y);
      if (x < 0 || y < 0 || x >= image.width || y >= image.height) continue;
      sum += std::clamp((paper_level - image.at(x, y)) / std::max(1.0, paper_level - ink_level), 0.0, 1.0);
      ++count;
    }
  }
  return count ? sum / count : 0;
}

}  // namespace phieu
