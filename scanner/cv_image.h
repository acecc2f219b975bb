#pragma once
// Views between GreyImage and cv::Mat (no copies unless asked), for code that uses OpenCV inside
// its .cc files: scanner/ and the synthetic scan generator. Never include it from a public header.

#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/status.h"
#include "scanner/grey_image.h"

namespace phieu::scanner_internal {

// A cv::Mat sharing `image`'s pixels (valid while `image` lives and is not resized).
inline cv::Mat AsMat(const GreyImage& image) {
  return cv::Mat(image.height, image.width, CV_8UC1,
                 const_cast<std::uint8_t*>(image.pixels.data()));
}

// A GreyImage copied from an 8-bit single-channel Mat.
inline GreyImage FromMat(const cv::Mat& mat) {
  CV_Assert(mat.type() == CV_8UC1);
  GreyImage image(mat.cols, mat.rows);
  for (int y = 0; y < mat.rows; ++y) {
    std::copy(mat.ptr<std::uint8_t>(y), mat.ptr<std::uint8_t>(y) + mat.cols,
              image.pixels.begin() + static_cast<std::ptrdiff_t>(y) * mat.cols);
  }
  return image;
}

// Writes `mat` to `path` in the format its extension names (".png"), encoded in memory and then
// written with WriteFileAtomically: a killed command never leaves half an image under `path`.
// Fails naming `path` and `what` ("the overlay", "the image").
inline Status WriteImageFile(const cv::Mat& mat, const std::string& path, const std::string& what) {
  std::vector<unsigned char> bytes;
  try {
    const std::string extension = std::filesystem::path(path).extension().string();
    if (extension.empty() || !cv::imencode(extension, mat, bytes)) {
      return Status::Error(path + ": cannot write " + what + "; give a name ending in .png");
    }
  } catch (const cv::Exception& e) {
    return Status::Error(path + ": cannot write " + what + " (" + e.what() + ")");
  }
  return WriteFileAtomically(
      path, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

}  // namespace phieu::scanner_internal
