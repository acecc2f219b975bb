#include "forms/form_renderer.h"

#include <vector>

#include "forms/qr_matrix.h"

namespace phieu {
namespace {

constexpr int kQuietZoneModules = 4;
constexpr double kBoxLinePt = 0.6;
constexpr double kCodePt = 10;

// Dark modules as horizontal runs, one rectangle per run (fewer PDF operators than per module).
void DrawQr(PdfDocument& pdf, const QrMatrix& qr, const Rect& area) {
  const double module = area.w / (qr.size + 2 * kQuietZoneModules);
  const double x0 = area.x + kQuietZoneModules * module;
  const double y0 = area.y + kQuietZoneModules * module;
  for (int y = 0; y < qr.size; ++y) {
    int x = 0;
    while (x < qr.size) {
      if (!qr.at(x, y)) {
        ++x;
        continue;
      }
      const int start = x;
      while (x < qr.size && qr.at(x, y)) ++x;
      pdf.FillRect({x0 + start * module, y0 + y * module, (x - start) * module, module}, 0);
    }
  }
}

// `r` grown by `by` on every side.
Rect Grown(const Rect& r, double by) { return {r.x - by, r.y - by, r.w + 2 * by, r.h + 2 * by}; }

// Where a watermark must leave the paper white on `page`. Around a bubble the scanner looks for
// strokes out to 2.3 radii (scanner/bubble_surroundings.cc); 1.5 radii more, and 3 pt for
// printing and registration drift, cover that.
std::vector<Rect> KeepClear(const LayoutPage& page) {
  constexpr double kDriftPt = 3;
  std::vector<Rect> areas;
  for (const Rect& mark : page.marks) areas.push_back(Grown(mark, 3 * kMillimetre));
  areas.push_back(Grown(page.qr, 3 * kMillimetre));
  areas.push_back(Grown(page.form_code, 3 * kMillimetre));
  for (const LayoutTextBox& box : page.text_boxes) areas.push_back(Grown(box.box, kDriftPt));
  for (const LayoutBubble& b : page.bubbles) {
    areas.push_back(Grown(b.box, 1.5 * b.box.w / 2 + kDriftPt));
  }
  return areas;
}

void DrawPage(PdfDocument& pdf, const Layout& layout, const LayoutPage& page,
              const std::string& form_code, const QrMatrix& qr, std::string_view watermark) {
  pdf.AddPage(layout.page_size);
  if (!watermark.empty()) pdf.Watermark(watermark, KeepClear(page));
  for (const Rect& band : page.shaded) pdf.FillRect(band, 0.90);
  for (const Rule& rule : page.rules) pdf.Stroke(rule);
  for (const Rect& mark : page.marks) pdf.FillRect(mark, 0);
  DrawQr(pdf, qr, page.qr);
  const double code_w = pdf.WidthPt(form_code, FontStyle::kMono, kCodePt);
  pdf.Text({page.form_code.centre_x() - code_w / 2, page.form_code.y + kCodePt, kCodePt,
            FontStyle::kMono, form_code});
  for (const TextLine& line : page.texts) pdf.Text(line);
  for (const LayoutTextBox& box : page.text_boxes) pdf.StrokeRect(box.box, kBoxLinePt);
  for (const LayoutBubble& bubble : page.bubbles) pdf.StrokeCircle(bubble.box, kBubbleLinePt);
}

}  // namespace

Status RenderForm(PdfDocument& pdf, const Layout& layout, const FormIdentity& form,
                  bool whole_sheets, std::string_view watermark) {
  if (form.qr_payloads.size() != layout.pages.size()) {
    throw std::logic_error("RenderForm: one QR payload per page is required");
  }
  for (std::size_t i = 0; i < layout.pages.size(); ++i) {
    Result<QrMatrix> qr = EncodeQr(form.qr_payloads[i]);
    if (!qr.ok()) return qr.status();
    DrawPage(pdf, layout, layout.pages[i], form.form_code, *qr, watermark);
  }
  if (whole_sheets && layout.pages.size() % 2 == 1) {
    pdf.AddPage(layout.page_size);
    if (!watermark.empty()) pdf.Watermark(watermark, {});
    const std::string text = "(Trang này để trống)";
    const double w = pdf.WidthPt(text, FontStyle::kRegular, 9);
    pdf.Text({(layout.page_size.width_pt - w) / 2, layout.page_size.height_pt / 2, 9,
              FontStyle::kRegular, text});
  }
  return Status::Ok();
}

}  // namespace phieu
