#pragma once
// Reads the form code printed under the QR code, for pages whose QR code is damaged: the only
// place that touches Tesseract. One Tesseract reading misreads about 1 code in 20 on 150-300 dpi
// scans (S read as 5, J as 3, a glyph read twice), the same way each time for a given code, so the
// code is looked at several ways, and a reading is accepted only when its check character is
// right and the code was issued. Tesseract is slow to start (about 0.1 s): it starts on the first
// reading, not at construction; keep one CodeOcr per thread (it is not thread-safe) and reuse it.

#include <functional>
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

// True when `form_code` (canonical, "XXX-XXX-XXX") was issued, i.e. printed on some form.
using IssuedCodePredicate = std::function<bool(const std::string& form_code)>;

class CodeOcr {
 public:
  CodeOcr();
  ~CodeOcr();
  CodeOcr(const CodeOcr&) = delete;
  CodeOcr& operator=(const CodeOcr&) = delete;

  // False when Tesseract or its English data is missing (then Read always returns nullopt).
  // Starts Tesseract if it has not started yet.
  bool available();

  // The canonical form code printed in `code_rect` (template points) of `image` under
  // `transform`. Readings are tried in turn (the patch at several scales and cleanings), and the
  // first with a valid check character that `issued` accepts is returned. When none is accepted,
  // corrections are tried: codes one or two commonly confused characters away from a reading
  // (5/S, J/3 ...; a doubled or dropped glyph) or mixing two readings that disagree; one is
  // returned only when it is the ONLY such code that `issued` accepts. Failing that: the first
  // reading with a valid check character (the caller finds it was never issued: a form from
  // another database), else nullopt. About 15 ms when the first reading is right (19 pages in
  // 20), up to about 100 ms when everything is tried.
  std::optional<std::string> Read(const GreyImage& image, const PageTransform& transform,
                                  const Rect& code_rect, const IssuedCodePredicate& issued);

 private:
  std::string Recognise(const cv::Mat& patch, double dpi);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace phieu
