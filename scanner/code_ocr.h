#pragma once
// Reads the form code printed under the QR code, for pages whose QR code is damaged: the only
// place that touches Tesseract. A reading is accepted only when its check character is right, so
// a misread digit is caught, not guessed. Tesseract is slow to start: keep one CodeOcr per thread
// (it is not thread-safe) and reuse it.

#include <memory>
#include <optional>
#include <string>

#include "core/geometry.h"
#include "scanner/grey_image.h"
#include "scanner/page_transform.h"

namespace cv {
class Mat;
}

namespace phieu {

class CodeOcr {
 public:
  CodeOcr();
  ~CodeOcr();
  CodeOcr(const CodeOcr&) = delete;
  CodeOcr& operator=(const CodeOcr&) = delete;

  // False when Tesseract or its English data is missing (then Read always returns nullopt).
  bool available() const;

  // The canonical form code printed in `code_rect` (template points) of `image` under
  // `transform`, or nullopt when it cannot be read with a valid check character.
  std::optional<std::string> Read(const GreyImage& image, const PageTransform& transform,
                                  const Rect& code_rect);

 private:
  std::optional<std::string> Recognise(const cv::Mat& patch);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace phieu
