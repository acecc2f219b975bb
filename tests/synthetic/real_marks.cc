#include "tests/synthetic/real_marks.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "scanner/cv_image.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

constexpr std::pair<RealMarkLabel, std::string_view> kLabels[] = {
    {RealMarkLabel::kFill, "fill"},   {RealMarkLabel::kScribble, "scribble"},
    {RealMarkLabel::kPartial, "partial"}, {RealMarkLabel::kLight, "light"},
    {RealMarkLabel::kDot, "dot"},     {RealMarkLabel::kStray, "stray"},
    {RealMarkLabel::kEmpty, "empty"}};

std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) fields.push_back(field);
  return fields;
}

}  // namespace

std::string_view RealMarkLabelName(RealMarkLabel label) {
  for (const auto& [value, name] : kLabels) {
    if (value == label) return name;
  }
  return "?";
}

std::vector<int> RealMarkSet::WithLabel(RealMarkLabel label) const {
  std::vector<int> indices;
  for (int i = 0; i < static_cast<int>(marks.size()); ++i) {
    if (marks[i].label == label) indices.push_back(i);
  }
  return indices;
}

Result<RealMarkSet> LoadRealMarks(const std::string& folder) {
  const fs::path csv_path = fs::path(folder) / "labels.csv";
  std::ifstream csv(csv_path);
  if (!csv) return Status::Error(csv_path.string() + ": cannot open");
  RealMarkSet set;
  std::string line;
  int line_number = 0;
  while (std::getline(csv, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 || line.empty()) continue;  // the header
    const std::string where = csv_path.string() + ":" + std::to_string(line_number);
    const std::vector<std::string> fields = SplitCsvLine(line);
    if (fields.size() < 2) return Status::Error(where + ": expected file,label,...");
    RealMark mark;
    mark.file = fields[0];
    mark.sheet = mark.file.substr(0, mark.file.find('-'));
    bool known = false;
    for (const auto& [value, name] : kLabels) {
      if (fields[1] == name) mark.label = value, known = true;
    }
    if (!known) return Status::Error(where + ": unknown label '" + fields[1] + "'");
    const fs::path mask_path = fs::path(folder) / mark.file;
    const cv::Mat mask = cv::imread(mask_path.string(), cv::IMREAD_UNCHANGED);
    if (mask.empty()) {
      return Status::Error(where + ": cannot read mask '" + mask_path.string() + "'");
    }
    if (mask.type() != CV_8UC1 || mask.cols != kRealMarkSide || mask.rows != kRealMarkSide) {
      return Status::Error(where + ": mask '" + mask_path.string() +
                           "' is not an 8-bit grey 80x80 image");
    }
    mark.alpha = scanner_internal::FromMat(mask);
    set.marks.push_back(std::move(mark));
  }
  if (set.marks.empty()) return Status::Error(csv_path.string() + ": no masks listed");
  return set;
}

void CompositeRealMark(GreyImage& page, const RealMark& mark, double centre_x_px,
                       double centre_y_px, double bubble_diameter_px, double ink_grey,
                       double rotate_deg, bool mirror) {
  const double scale = bubble_diameter_px / kRealMarkBubblePx;
  const double ink = mark.label == RealMarkLabel::kLight ? kRealMarkPrintBlack : ink_grey;
  // Inverse map: a page pixel centre to a mask coordinate (mask pixel centres at integers,
  // bubble centre at 39.5).
  const double angle = rotate_deg * std::numbers::pi / 180;
  const double c = std::cos(angle), s = std::sin(angle);
  const double half = kRealMarkSide / 2.0 * scale * std::numbers::sqrt2 + 2;
  const int x0 = std::max(0, static_cast<int>(std::floor(centre_x_px - half)));
  const int x1 = std::min(page.width, static_cast<int>(std::ceil(centre_x_px + half)));
  const int y0 = std::max(0, static_cast<int>(std::floor(centre_y_px - half)));
  const int y1 = std::min(page.height, static_cast<int>(std::ceil(centre_y_px + half)));
  if (x0 >= x1 || y0 >= y1) return;
  // Downscaling: blur the mask first so the bilinear lookup does not alias.
  cv::Mat alpha;
  scanner_internal::AsMat(mark.alpha).convertTo(alpha, CV_32F, 1 / 255.0);
  if (scale < 0.8) cv::GaussianBlur(alpha, alpha, cv::Size(), 0.45 / scale);
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      // Page offset from the centre, turned back (y down: counter-clockwise as seen).
      const double dx = x + 0.5 - centre_x_px, dy = y + 0.5 - centre_y_px;
      double u = (c * dx - s * dy) / scale, v = (s * dx + c * dy) / scale;
      if (mirror) u = -u;
      const double mx = u + 39.5, my = v + 39.5;
      if (mx < 0 || my < 0 || mx > kRealMarkSide - 1 || my > kRealMarkSide - 1) continue;
      const int ix = std::min(static_cast<int>(mx), kRealMarkSide - 2);
      const int iy = std::min(static_cast<int>(my), kRealMarkSide - 2);
      const double fx = mx - ix, fy = my - iy;
      const double a = (1 - fy) * ((1 - fx) * alpha.at<float>(iy, ix) +
                                   fx * alpha.at<float>(iy, ix + 1)) +
                       fy * ((1 - fx) * alpha.at<float>(iy + 1, ix) +
                             fx * alpha.at<float>(iy + 1, ix + 1));
      if (a <= 0) continue;
      std::uint8_t& pixel = page.at(x, y);
      const double target = std::min<double>(pixel, ink);
      pixel = static_cast<std::uint8_t>(std::lround(pixel * (1 - a) + target * a));
    }
  }
}

}  // namespace phieu
