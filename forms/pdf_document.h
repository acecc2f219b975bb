#pragma once
// A PDF being written: the only place that touches libharu (pdf_document.cc). Text is set in Noto
// Sans (regular and bold, italic loaded when first used; UTF-8: Vietnamese renders correctly,
// which DejaVu Sans does not with libharu 2.3) and Noto Sans Mono Bold for form codes and hashes; geometric shapes (U+25A0..U+25FF,
// the report's ▲ ▼), which Noto Sans lacks, in Noto Sans Symbols 2 when it is installed (package
// fonts-noto-core). Every font is embedded (only the glyphs used) with a correct ToUnicode map,
// so the file passes `qpdf --check` and poppler reads it without a warning. It also measures text
// for the layout engine. One document per thread. The output is deterministic: no dates or
// random ids inside.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/geometry.h"
#include "core/layout.h"
#include "core/status.h"

namespace phieu {

class PdfDocument : public TextMetrics {
 public:
  // A new empty document with the fonts loaded from `font_dir` (NotoSans-Regular.ttf,
  // NotoSans-Bold.ttf and NotoSansMono-Bold.ttf). Fails with a message naming the missing font
  // file and the Debian package that has it.
  static Result<std::unique_ptr<PdfDocument>> Create(const std::string& font_dir = DefaultFontDir());
  ~PdfDocument() override;

  // Where the Noto fonts are on Debian (packages fonts-noto-core and fonts-noto-mono), unless
  // $PHIEU_FONT_DIR.
  static std::string DefaultFontDir();

  double WidthPt(std::string_view text, FontStyle style, double size_pt) const override;

  // Starts a new page; drawing calls go to the newest page. Coordinates: points from the top-left.
  void AddPage(PageSize size);
  // `text` in light grey, large, along the newest page's diagonal (a trial copy's "BẢN THỬ —
  // KHÔNG PHÁT HÀNH"), then paper white over `keep_clear`: call it before drawing anything else
  // on the page, so it lies beneath everything and leaves the areas a scanner reads untouched.
  void Watermark(std::string_view text, const std::vector<Rect>& keep_clear);
  void Text(const TextLine& line);
  void Stroke(const Rule& rule);
  void FillRect(const Rect& rect, double grey);  // grey: 0 black .. 1 white
  void StrokeRect(const Rect& rect, double width_pt);
  void StrokeCircle(const Rect& square, double width_pt);
  void SetStrokeGrey(double grey);
  // An 8-bit grey image (`grey`: `width` x `height` pixels, row-major, 0 black .. 255 white)
  // stretched over `rect`. Passing fewer than width x height pixels is a bug.
  void DrawGreyImage(const std::vector<unsigned char>& grey, int width, int height,
                     const Rect& rect);

  int page_count() const;
  // The finished PDF's bytes. Fails if libharu reported an error at any point.
  Result<std::string> Bytes();

 private:
  struct Impl;
  explicit PdfDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace phieu
