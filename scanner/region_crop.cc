#include "scanner/region_crop.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <sstream>

#include "scanner/cv_image.h"

namespace phieu {

GreyImage CropTemplateRegion(const GreyImage& scan, const PageTransform& transform,
                             const Rect& region, const std::vector<Rect>& outlines,
                             double px_per_pt) {
  const int width = std::max(1, static_cast<int>(region.w * px_per_pt));
  const int height = std::max(1, static_cast<int>(region.h * px_per_pt));
  // Output pixel -> template point -> scan pixel.
  const cv::Matx33d to_template(1 / px_per_pt, 0, region.x, 0, 1 / px_per_pt, region.y, 0, 0, 1);
  const cv::Matx33d to_scan(transform.m.data());
  cv::Mat out;
  cv::warpPerspective(scanner_internal::AsMat(scan), out, cv::Mat(to_scan * to_template),
                      cv::Size(width, height), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                      cv::BORDER_CONSTANT, cv::Scalar(255));
  for (const Rect& r : outlines) {
    const cv::Point centre(static_cast<int>((r.centre_x() - region.x) * px_per_pt),
                           static_cast<int>((r.centre_y() - region.y) * px_per_pt));
    cv::circle(out, centre, static_cast<int>(r.w / 2 * px_per_pt + 3), cv::Scalar(128), 1,
               cv::LINE_AA);
  }
  return scanner_internal::FromMat(out);
}

GreyImage StackImages(const std::vector<GreyImage>& images, int gap) {
  int width = 1, height = 0;
  for (const GreyImage& image : images) {
    width = std::max(width, image.width);
    height += image.height + (height > 0 ? gap : 0);
  }
  GreyImage stacked(width, std::max(1, height));
  int y0 = 0;
  for (const GreyImage& image : images) {
    for (int y = 0; y < image.height; ++y) {
      std::copy_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(y) * image.width, image.width,
                  stacked.pixels.begin() + static_cast<std::ptrdiff_t>(y0 + y) * width);
    }
    y0 += image.height + gap;
  }
  return stacked;
}

Status WriteGreyPng(const GreyImage& image, const std::string& path) {
  return scanner_internal::WriteImageFile(scanner_internal::AsMat(image), path, "the image");
}

Result<PageTransform> ParsePageTransform(const std::string& text) {
  PageTransform t;
  std::istringstream in(text);
  for (double& v : t.m) {
    if (!(in >> v)) return Status::Error("a stored page transform is damaged: '" + text + "'");
  }
  return t;
}

}  // namespace phieu
