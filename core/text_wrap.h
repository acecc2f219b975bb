#pragma once
// Text measured and wrapped into lines, for the form's layout engine (core/layout.h) and every
// other printed document (forms/page_flow.h). The fonts are known only to whoever supplies a
// TextMetrics (forms/ measures with the embedded Noto fonts), so this stays free of font
// libraries.

#include <string>
#include <string_view>
#include <vector>

namespace phieu {

// kItalic: the place-and-date line of an official document (Nghị định 30/2020/NĐ-CP).
enum class FontStyle { kRegular, kBold, kMono, kItalic };

// Text measurement, supplied by whoever knows the fonts (forms/ measures with the embedded Noto
// Sans), so this engine stays free of font libraries.
class TextMetrics {
 public:
  virtual ~TextMetrics() = default;
  // The advance width in points of `text` (UTF-8) in `style` at `size_pt`.
  virtual double WidthPt(std::string_view text, FontStyle style, double size_pt) const = 0;
};

// Splits `text` into lines no wider than `width_pt` (at spaces; a word too wide on its own is
// broken between letters).
std::vector<std::string> WrapText(std::string_view text, double width_pt, FontStyle style,
                                  double size_pt, const TextMetrics& metrics);

}  // namespace phieu
