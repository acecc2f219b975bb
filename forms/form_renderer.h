#pragma once
// Draws personalised forms: the template's layout (text, bubbles, boxes, registration marks) plus
// one form's QR codes and printed form code, at exactly the layout's positions.

#include <string>
#include <string_view>
#include <vector>

#include "core/layout.h"
#include "core/status.h"
#include "forms/pdf_document.h"

namespace phieu {

struct FormIdentity {
  std::string form_code;                // printed under every page's QR code
  std::vector<std::string> qr_payloads;  // one per layout page (core/qr_payload.h)
};

// Appends the pages of one form to `pdf`. With `whole_sheets`, a form with an odd number of pages
// gets a blank back page, so the next form starts on a new sheet of a duplex printer. A
// `watermark` (a trial copy's) goes beneath every page, blank back included, kept off what the
// scanner reads: the registration marks, the QR code, the printed code, the free-text boxes and
// every bubble with the ring around it where the scanner looks for strokes.
Status RenderForm(PdfDocument& pdf, const Layout& layout, const FormIdentity& form,
                  bool whole_sheets, std::string_view watermark = {});

}  // namespace phieu
