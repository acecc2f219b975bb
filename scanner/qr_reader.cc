#include "scanner/qr_reader.h"

#define ZX_USE_UTF8
#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "scanner/cv_image.h"

namespace phieu {
namespace {

using scanner_internal::AsMat;

// `mat` is a part of the page whose top-left corner is at `origin` in image pixels, at
// `to_original` image pixels per pixel of `mat`.
std::optional<QrReading> Decode(const cv::Mat& mat, double to_original, PointF origin = {0, 0}) {
  const auto hints = ZXing::DecodeHints()
                         .setFormats(ZXing::BarcodeFormat::QRCode)
                         .setTryHarder(true)
                         .setTryRotate(true);
  const ZXing::Result result = ZXing::ReadBarcode(
      ZXing::ImageView(mat.data, mat.cols, mat.rows, ZXing::ImageFormat::Lum,
                       static_cast<int>(mat.step)),
      hints);
  if (!result.isValid()) return std::nullopt;
  QrReading reading{result.text(), {}};
  const auto& p = result.position();
  const ZXing::PointI points[] = {p.topLeft(), p.topRight(), p.bottomRight(), p.bottomLeft()};
  for (int i = 0; i < 4; ++i) {
    reading.corners[i] = {origin.x + points[i].x * to_original, origin.y + points[i].y * to_original};
  }
  return reading;
}

// The corner of the image that holds the QR code when the sheet lies upright, upside down or a
// quarter turn either way (in that order): a phieu form prints its code in the page's top-right
// corner (x 82-93 %, y 5-13 % of an A4 page). `across` and `down` are the share of the image's
// width and height that the corner spans on an upright (portrait) image.
std::vector<cv::Rect> CornersFirst(const cv::Mat& mat, double across, double down) {
  const bool portrait = mat.rows >= mat.cols;
  const int w = static_cast<int>(mat.cols * (portrait ? across : down));
  const int h = static_cast<int>(mat.rows * (portrait ? down : across));
  const cv::Rect top_right(mat.cols - w, 0, w, h), bottom_left(0, mat.rows - h, w, h);
  const cv::Rect top_left(0, 0, w, h), bottom_right(mat.cols - w, mat.rows - h, w, h);
  // A page turned a quarter either way lies landscape with its code top-left or bottom-right.
  if (portrait) return {top_right, bottom_left, top_left, bottom_right};
  return {top_left, bottom_right, top_right, bottom_left};
}

// The code found in one of the likely corners at `scale` of full size, or nullopt. First a
// corner that holds the code of a sheet lying on the bed about where it should (within about
// 2 cm): decoding costs in proportion to the pixels it looks at, and this is 6 % of the page.
// Then a generous share of the image, so that a skewed sheet, a sheet on a larger bed or a photo
// of a sheet that does not fill the frame still has its code inside.
std::optional<QrReading> DecodeInCorners(const cv::Mat& mat, double scale) {
  for (const auto& [across, down] : {std::pair{0.30, 0.20}, std::pair{0.45, 0.35}}) {
    for (const cv::Rect& corner : CornersFirst(mat, across, down)) {
      cv::Mat part = mat(corner);
      if (scale != 1) cv::resize(part, part, cv::Size(), scale, scale, cv::INTER_AREA);
      const PointF origin{static_cast<double>(corner.x), static_cast<double>(corner.y)};
      if (auto found = Decode(part, 1 / scale, origin)) return found;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<QrReading> ReadQr(const GreyImage& image) {
  const cv::Mat mat = AsMat(image);
  // Corners first: decoding costs about as much per pixel as the whole page's reading, and the
  // code is in a corner on all but the oddest scans (those are searched whole below).
  if (auto found = DecodeInCorners(mat, std::max(mat.cols, mat.rows) >= 2200 ? 0.5 : 1)) {
    return found;
  }
  // At 200 dpi and more, a QR module is 4.7 px or more: half size still decodes, 4x faster.
  if (std::max(mat.cols, mat.rows) >= 2200) {
    cv::Mat half;
    cv::resize(mat, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
    if (auto found = Decode(half, 2)) return found;
  }
  if (auto found = Decode(mat, 1)) return found;
  cv::Mat filtered;
  cv::medianBlur(mat, filtered, 3);
  if (auto found = Decode(filtered, 1)) return found;
  cv::Mat half;
  cv::resize(filtered, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  if (auto found = Decode(half, 2)) return found;
  cv::Mat binary;
  cv::threshold(filtered, binary, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  return Decode(binary, 1);
}

}  // namespace phieu
