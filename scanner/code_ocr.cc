#include "scanner/code_ocr.h"

#include <tesseract/baseapi.h>

#include <opencv2/imgproc.hpp>

#include "core/form_code.h"
#include "scanner/cv_image.h"

namespace phieu {

struct CodeOcr::Impl {
  tesseract::TessBaseAPI api;
  bool ready = false;
};

CodeOcr::CodeOcr() : impl_(std::make_unique<Impl>()) {
  impl_->ready = impl_->api.Init(nullptr, "eng", tesseract::OEM_LSTM_ONLY) == 0;
  if (impl_->ready) {
    impl_->api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    impl_->api.SetVariable("tessedit_char_whitelist", "23456789ABCDEFGHJKMNPQRSTUVWXYZ-");
    impl_->api.SetVariable("debug_file", "/dev/null");
  }
}

CodeOcr::~CodeOcr() {
  if (impl_->ready) impl_->api.End();
}

bool CodeOcr::available() const { return impl_->ready; }

std::optional<std::string> CodeOcr::Recognise(const cv::Mat& patch) {
  impl_->api.SetImage(patch.data, patch.cols, patch.rows, 1, static_cast<int>(patch.step));
  impl_->api.SetSourceResolution(300);
  std::unique_ptr<char[]> text(impl_->api.GetUTF8Text());
  if (!text) return std::nullopt;
  return NormalizeFormCode(text.get());
}

std::optional<std::string> CodeOcr::Read(const GreyImage& image, const PageTransform& transform,
                                         const Rect& code_rect) {
  if (!impl_->ready) return std::nullopt;
  // An upright patch of the code at 300 dpi, whatever the scan's resolution and rotation.
  constexpr double kPxPerPt = 300.0 / 72.0;
  const cv::Size size(static_cast<int>(code_rect.w * kPxPerPt), static_cast<int>(code_rect.h * kPxPerPt));
  const cv::Matx33d page_to_image(transform.m[0], transform.m[1], transform.m[2], transform.m[3],
                                  transform.m[4], transform.m[5], transform.m[6], transform.m[7],
                                  transform.m[8]);
  const cv::Matx33d patch_to_page(1 / kPxPerPt, 0, code_rect.x, 0, 1 / kPxPerPt, code_rect.y, 0, 0, 1);
  cv::Mat patch;
  cv::warpPerspective(scanner_internal::AsMat(image), patch, cv::Mat(page_to_image * patch_to_page),
                      size, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT,
                      cv::Scalar(255));
  // As rendered first; then cleaned of noise, for dusty or JPEG-damaged scans.
  if (auto code = Recognise(patch)) return code;
  cv::Mat clean;
  cv::medianBlur(patch, clean, 3);
  cv::threshold(clean, clean, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
  return Recognise(clean);
}

}  // namespace phieu
