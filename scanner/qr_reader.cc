#include "scanner/qr_reader.h"

#define ZX_USE_UTF8
#include <ZXing/ReadBarcode.h>

#include <opencv2/imgproc.hpp>

#include "scanner/cv_image.h"

namespace phieu {
namespace {

using scanner_internal::AsMat;

std::optional<QrReading> Decode(const cv::Mat& mat, double to_original) {
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
    reading.corners[i] = {points[i].x * to_original, points[i].y * to_original};
  }
  return reading;
}

}  // namespace

std::optional<QrReading> ReadQr(const GreyImage& image) {
  const cv::Mat mat = AsMat(image);
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
