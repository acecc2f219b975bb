#include "forms/pdf_document.h"

#include <hpdf.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace phieu {
namespace {

// libharu 2.3.0 writes, as the ToUnicode CMap of a UTF-8 TrueType font, its encoder's CMap: a
// CID map ("begincidrange"), which is not valid in a ToUnicode CMap (poppler warns "Invalid
// 'begincidrange' operator in ToUnicode CMap" on every page). With the UTF-8 encoder a character
// code is the character's Unicode value (UTF-16BE, Basic Multilingual Plane), so the right map
// is the identity: one bfrange per high byte (a range may only vary in its last byte), surrogates
// left out, at most 100 entries per block as the CMap format allows.
std::string IdentityToUnicodeCMap() {
  std::vector<int> high_bytes;
  for (int h = 0; h < 256; ++h) {
    if (h < 0xD8 || h > 0xDF) high_bytes.push_back(h);
  }
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  for (std::size_t i = 0; i < high_bytes.size(); i += 100) {
    const std::size_t n = std::min<std::size_t>(100, high_bytes.size() - i);
    cmap += std::to_string(n) + " beginbfrange\n";
    for (std::size_t j = i; j < i + n; ++j) {
      char line[32];
      std::snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", high_bytes[j], high_bytes[j],
                    high_bytes[j]);
      cmap += line;
    }
    cmap += "endbfrange\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return cmap;
}

// Replaces the ToUnicode stream libharu made for `font` (see IdentityToUnicodeCMap) and drops the
// encoder's keys from its dictionary, which a ToUnicode stream does not have. Errors go to the
// document's error handler.
void ReplaceToUnicode(HPDF_Font font) {
  auto cmap = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
  if (cmap == nullptr || cmap->stream == nullptr) return;
  static const std::string kCMap = IdentityToUnicodeCMap();
  HPDF_MemStream_FreeData(cmap->stream);
  for (const char* key : {"Type", "CMapName", "CIDSystemInfo", "WMode"}) {
    HPDF_Dict_RemoveElement(cmap, key);  // a key that is not there is no error
  }
  HPDF_Stream_WriteStr(cmap->stream, kCMap.c_str());
}

}  // namespace

struct PdfDocument::Impl {
  HPDF_Doc doc = nullptr;
  HPDF_Page page = nullptr;
  HPDF_Font regular = nullptr, bold = nullptr, mono = nullptr;
  // Noto Sans has no geometric shapes (the report's ▲ ▼): they are set in Noto Sans Symbols 2,
  // loaded the first time one is used, so documents without them are unchanged.
  std::string font_dir;
  HPDF_Font symbols = nullptr;
  bool symbols_tried = false;
  // Noto Sans Italic, loaded the first time italic text is used (an official document's place and
  // date line), so documents without it are unchanged; regular when the file is missing.
  HPDF_Font italic = nullptr;
  bool italic_tried = false;
  double page_width = 0, page_height = 0;
  int pages = 0;
  std::string error;  // the first error libharu reported

  ~Impl() {
    if (doc) HPDF_Free(doc);
  }

  static void OnError(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user) {
    auto* self = static_cast<Impl*>(user);
    if (self->error.empty()) {
      char text[96];
      std::snprintf(text, sizeof text, "libharu error 0x%04X (detail %u)",
                    static_cast<unsigned>(error_no), static_cast<unsigned>(detail_no));
      self->error = text;
    }
  }

  HPDF_Font FontOf(FontStyle style) {
    switch (style) {
      case FontStyle::kBold: return bold;
      case FontStyle::kMono: return mono;
      case FontStyle::kItalic: return Italic();
      case FontStyle::kRegular: break;
    }
    return regular;
  }

  HPDF_Font Italic() {
    if (!italic_tried) {
      italic_tried = true;
      const std::string path = font_dir + "/NotoSans-Italic.ttf";
      if (std::filesystem::exists(path)) {
        const char* name = HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE);
        italic = name ? HPDF_GetFont(doc, name, "UTF-8") : nullptr;
        if (italic != nullptr) ReplaceToUnicode(italic);
      }
    }
    return italic != nullptr ? italic : regular;
  }

  double Y(double top_y) const { return page_height - top_y; }

  HPDF_Font Symbols() {
    if (!symbols_tried) {
      symbols_tried = true;
      const std::string path = font_dir + "/NotoSansSymbols2-Regular.ttf";
      if (std::filesystem::exists(path)) {
        const char* name = HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE);
        symbols = name ? HPDF_GetFont(doc, name, "UTF-8") : nullptr;
        if (symbols != nullptr) ReplaceToUnicode(symbols);
      }
    }
    return symbols;
  }
};

namespace {

// U+25A0..U+25FF (geometric shapes) is E2 96 A0..E2 97 BF in UTF-8.
bool IsShapeAt(std::string_view text, std::size_t at) {
  if (at + 2 >= text.size() || static_cast<unsigned char>(text[at]) != 0xE2) return false;
  const auto second = static_cast<unsigned char>(text[at + 1]);
  const auto third = static_cast<unsigned char>(text[at + 2]);
  return (second == 0x96 && third >= 0xA0) || second == 0x97;
}

// `text` cut into runs of shapes and of everything else, in order.
std::vector<std::pair<std::string_view, bool>> ShapeRuns(std::string_view text) {
  std::vector<std::pair<std::string_view, bool>> runs;
  std::size_t start = 0, at = 0;
  bool shape = false;
  while (at < text.size()) {
    const bool here = IsShapeAt(text, at);
    if (at > start && here != shape) {
      runs.emplace_back(text.substr(start, at - start), shape);
      start = at;
    }
    shape = here;
    at += here ? 3 : 1;
  }
  if (at > start) runs.emplace_back(text.substr(start), shape);
  return runs;
}

bool HasShape(std::string_view text) {
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (IsShapeAt(text, at)) return true;
  }
  return false;
}

}  // namespace

PdfDocument::PdfDocument(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfDocument::~PdfDocument() = default;

std::string PdfDocument::DefaultFontDir() {
  if (const char* dir = std::getenv("PHIEU_FONT_DIR"); dir != nullptr && *dir != '\0') return dir;
  return "/usr/share/fonts/truetype/noto";
}

Result<std::unique_ptr<PdfDocument>> PdfDocument::Create(const std::string& font_dir) {
  auto impl = std::make_unique<Impl>();
  impl->font_dir = font_dir;
  impl->doc = HPDF_New(&Impl::OnError, impl.get());
  if (impl->doc == nullptr) return Status::Error("cannot start a PDF document (out of memory?)");
  HPDF_SetCompressionMode(impl->doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(impl->doc);
  HPDF_SetCurrentEncoder(impl->doc, "UTF-8");
  const auto load = [&](const char* file) -> HPDF_Font {
    const std::string path = font_dir + "/" + file;
    if (!std::filesystem::exists(path)) return nullptr;
    const char* name = HPDF_LoadTTFontFromFile(impl->doc, path.c_str(), HPDF_TRUE);
    HPDF_Font font = name ? HPDF_GetFont(impl->doc, name, "UTF-8") : nullptr;
    if (font != nullptr) ReplaceToUnicode(font);
    return font;
  };
  struct FontFile {
    HPDF_Font* font;
    const char* file;
    const char* package;
  };
  for (const FontFile& f : {FontFile{&impl->regular, "NotoSans-Regular.ttf", "fonts-noto-core"},
                            FontFile{&impl->bold, "NotoSans-Bold.ttf", "fonts-noto-core"},
                            FontFile{&impl->mono, "NotoSansMono-Bold.ttf", "fonts-noto-mono"}}) {
    *f.font = load(f.file);
    if (*f.font == nullptr) {
      return Status::Error("font " + font_dir + "/" + f.file +
                           " not found or unreadable; install the Debian package " + f.package +
                           " (scripts/install-deps.sh) or set PHIEU_FONT_DIR");
    }
  }
  if (!impl->error.empty()) return Status::Error("cannot load fonts: " + impl->error);
  return std::unique_ptr<PdfDocument>(new PdfDocument(std::move(impl)));
}

double PdfDocument::WidthPt(std::string_view text, FontStyle style, double size_pt) const {
  if (HasShape(text) && impl_->Symbols() != nullptr) {
    double width = 0;
    for (const auto& [run, shape] : ShapeRuns(text)) {
      if (!shape) {
        width += WidthPt(run, style, size_pt);  // no shape in it: measured as usual
        continue;
      }
      const std::string piece(run);
      width += HPDF_Font_TextWidth(impl_->symbols, reinterpret_cast<const HPDF_BYTE*>(piece.data()),
                                   static_cast<HPDF_UINT>(piece.size()))
                   .width *
               size_pt / 1000.0;
    }
    return width;
  }
  // libharu measures at most 65535 bytes at a time (more is an error that spoils the whole
  // document): longer text is measured in pieces cut between characters.
  constexpr std::size_t kPiece = 60000;
  double width = 0;
  while (!text.empty()) {
    std::size_t cut = std::min(text.size(), kPiece);
    while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    const std::string piece(text.substr(0, cut));
    width += HPDF_Font_TextWidth(impl_->FontOf(style),
                                 reinterpret_cast<const HPDF_BYTE*>(piece.data()),
                                 static_cast<HPDF_UINT>(piece.size()))
                 .width;
    text.remove_prefix(cut);
  }
  return width * size_pt / 1000.0;
}

void PdfDocument::AddPage(PageSize size) {
  impl_->page = HPDF_AddPage(impl_->doc);
  if (impl_->page == nullptr) return;  // the error handler has recorded why; Bytes() reports it
  HPDF_Page_SetWidth(impl_->page, static_cast<HPDF_REAL>(size.width_pt));
  HPDF_Page_SetHeight(impl_->page, static_cast<HPDF_REAL>(size.height_pt));
  impl_->page_width = size.width_pt;
  impl_->page_height = size.height_pt;
  ++impl_->pages;
}

void PdfDocument::Watermark(std::string_view watermark, const std::vector<Rect>& keep_clear) {
  // Light enough that the text under it reads as before, dark enough to be seen on every page
  // of a photocopy.
  constexpr double kGrey = 0.86;
  const std::string text(watermark);
  const PageSize size{impl_->page_width, impl_->page_height};
  const double angle = std::atan2(size.height_pt, size.width_pt);
  const double diagonal = std::hypot(size.width_pt, size.height_pt);
  // 70 % of the diagonal, at most 72 pt: the corners (registration marks, QR code) stay clear.
  const double size_pt =
      std::min(72.0, 0.70 * diagonal / std::max(1.0, WidthPt(text, FontStyle::kBold, 1.0)));
  const double width = WidthPt(text, FontStyle::kBold, size_pt);
  const double cap = HPDF_Font_GetCapHeight(impl_->bold) * size_pt / 1000.0;
  const double c = std::cos(angle), s = std::sin(angle);
  // The text's centre on the page's centre (PDF coordinates, from the bottom-left).
  const double x = size.width_pt / 2 - c * width / 2 + s * cap / 2;
  const double y = size.height_pt / 2 - s * width / 2 - c * cap / 2;
  HPDF_Page p = impl_->page;
  HPDF_Page_SetGrayFill(p, static_cast<HPDF_REAL>(kGrey));
  HPDF_Page_BeginText(p);
  HPDF_Page_SetFontAndSize(p, impl_->bold, static_cast<HPDF_REAL>(size_pt));
  HPDF_Page_SetTextMatrix(p, static_cast<HPDF_REAL>(c), static_cast<HPDF_REAL>(s),
                          static_cast<HPDF_REAL>(-s), static_cast<HPDF_REAL>(c),
                          static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y));
  HPDF_Page_ShowText(p, text.c_str());
  HPDF_Page_EndText(p);
  HPDF_Page_SetGrayFill(p, 0);
  for (const Rect& r : keep_clear) FillRect(r, 1);
}

void PdfDocument::Text(const TextLine& line) {
  if (line.text.empty()) return;
  if (HasShape(line.text) && impl_->Symbols() != nullptr) {
    double x = line.x;
    for (const auto& [run, shape] : ShapeRuns(line.text)) {
      const std::string piece(run);
      HPDF_Page p = impl_->page;
      HPDF_Page_SetGrayFill(p, 0);
      HPDF_Page_BeginText(p);
      HPDF_Page_SetFontAndSize(p, shape ? impl_->symbols : impl_->FontOf(line.style),
                               static_cast<HPDF_REAL>(line.size_pt));
      HPDF_Page_TextOut(p, static_cast<HPDF_REAL>(x),
                        static_cast<HPDF_REAL>(impl_->Y(line.baseline_y)), piece.c_str());
      HPDF_Page_EndText(p);
      x += WidthPt(piece, line.style, line.size_pt);
    }
    return;
  }
  HPDF_Page p = impl_->page;
  HPDF_Page_SetGrayFill(p, 0);
  HPDF_Page_BeginText(p);
  HPDF_Page_SetFontAndSize(p, impl_->FontOf(line.style), static_cast<HPDF_REAL>(line.size_pt));
  HPDF_Page_TextOut(p, static_cast<HPDF_REAL>(line.x),
                    static_cast<HPDF_REAL>(impl_->Y(line.baseline_y)), line.text.c_str());
  HPDF_Page_EndText(p);
}

void PdfDocument::Stroke(const Rule& rule) {
  HPDF_Page p = impl_->page;
  HPDF_Page_SetLineWidth(p, static_cast<HPDF_REAL>(rule.width_pt));
  HPDF_Page_MoveTo(p, static_cast<HPDF_REAL>(rule.x1), static_cast<HPDF_REAL>(impl_->Y(rule.y1)));
  HPDF_Page_LineTo(p, static_cast<HPDF_REAL>(rule.x2), static_cast<HPDF_REAL>(impl_->Y(rule.y2)));
  HPDF_Page_Stroke(p);
}

void PdfDocument::FillRect(const Rect& r, double grey) {
  HPDF_Page p = impl_->page;
  HPDF_Page_SetGrayFill(p, static_cast<HPDF_REAL>(grey));
  HPDF_Page_Rectangle(p, static_cast<HPDF_REAL>(r.x), static_cast<HPDF_REAL>(impl_->Y(r.bottom())),
                      static_cast<HPDF_REAL>(r.w), static_cast<HPDF_REAL>(r.h));
  HPDF_Page_Fill(p);
  HPDF_Page_SetGrayFill(p, 0);
}

void PdfDocument::StrokeRect(const Rect& r, double width_pt) {
  HPDF_Page p = impl_->page;
  HPDF_Page_SetLineWidth(p, static_cast<HPDF_REAL>(width_pt));
  HPDF_Page_Rectangle(p, static_cast<HPDF_REAL>(r.x), static_cast<HPDF_REAL>(impl_->Y(r.bottom())),
                      static_cast<HPDF_REAL>(r.w), static_cast<HPDF_REAL>(r.h));
  HPDF_Page_Stroke(p);
}

void PdfDocument::StrokeCircle(const Rect& square, double width_pt) {
  HPDF_Page p = impl_->page;
  HPDF_Page_SetLineWidth(p, static_cast<HPDF_REAL>(width_pt));
  // Inset by half the line width so the ink stays inside the layout's square.
  HPDF_Page_Circle(p, static_cast<HPDF_REAL>(square.centre_x()),
                   static_cast<HPDF_REAL>(impl_->Y(square.centre_y())),
                   static_cast<HPDF_REAL>(square.w / 2 - width_pt / 2));
  HPDF_Page_Stroke(p);
}

void PdfDocument::SetStrokeGrey(double grey) {
  HPDF_Page_SetGrayStroke(impl_->page, static_cast<HPDF_REAL>(grey));
}

void PdfDocument::DrawGreyImage(const std::vector<unsigned char>& grey, int width, int height,
                                const Rect& rect) {
  if (width <= 0 || height <= 0 || grey.size() < static_cast<std::size_t>(width) * height) {
    throw std::logic_error("DrawGreyImage: fewer pixels than width x height");
  }
  // A raw image is stored as it is given (flate-compressed with HPDF_COMP_ALL): deterministic.
  const HPDF_Image image =
      HPDF_LoadRawImageFromMem(impl_->doc, grey.data(), static_cast<HPDF_UINT>(width),
                               static_cast<HPDF_UINT>(height), HPDF_CS_DEVICE_GRAY, 8);
  if (image == nullptr) return;  // the error handler has recorded why; Bytes() reports it
  HPDF_Page_DrawImage(impl_->page, image, static_cast<HPDF_REAL>(rect.x),
                      static_cast<HPDF_REAL>(impl_->Y(rect.bottom())),
                      static_cast<HPDF_REAL>(rect.w), static_cast<HPDF_REAL>(rect.h));
}

int PdfDocument::page_count() const { return impl_->pages; }

Result<std::string> PdfDocument::Bytes() {
  if (!impl_->error.empty()) return Status::Error("PDF writer: " + impl_->error);
  if (HPDF_SaveToStream(impl_->doc) != HPDF_OK) {
    return Status::Error("PDF writer: cannot finish the document: " + impl_->error);
  }
  HPDF_ResetStream(impl_->doc);
  std::string bytes;
  HPDF_BYTE buffer[65536];
  while (true) {
    HPDF_UINT32 size = sizeof buffer;
    const HPDF_STATUS status = HPDF_ReadFromStream(impl_->doc, buffer, &size);
    bytes.append(reinterpret_cast<const char*>(buffer), size);
    if (status == HPDF_STREAM_EOF) break;
    if (status != HPDF_OK) return Status::Error("PDF writer: cannot read the finished document");
  }
  return bytes;
}

}  // namespace phieu
