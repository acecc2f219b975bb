#include "forms/form_renderer.h"

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

void DrawPage(PdfDocument& pdf, const Layout& layout, const LayoutPage& page,
              const std::string& form_code, const QrMatrix& qr) {
  pdf.AddPage(layout.page_size);
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
                  bool whole_sheets) {
  if (form.qr_payloads.size() != layout.pages.size()) {
    throw std::logic_error("RenderForm: one QR payload per page is required");
  }
  for (std::size_t i = 0; i < layout.pages.size(); ++i) {
    Result<QrMatrix> qr = EncodeQr(form.qr_payloads[i]);
    if (!qr.ok()) return qr.status();
    DrawPage(pdf, layout, layout.pages[i], form.form_code, *qr);
  }
  if (whole_sheets && layout.pages.size() % 2 == 1) {
    pdf.AddPage(layout.page_size);
    const std::string text = "(Trang này để trống)";
    const double w = pdf.WidthPt(text, FontStyle::kRegular, 9);
    pdf.Text({(layout.page_size.width_pt - w) / 2, layout.page_size.height_pt / 2, 9,
              FontStyle::kRegular, text});
  }
  return Status::Ok();
}

}  // namespace phieu
