#pragma once
// Draws personalised forms: the template's layout (text, bubbles, boxes, registration marks) plus
// one form's QR codes and printed form code, at exactly the layout's positions.

#include <string>
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
// gets a blank back page, so the next form starts on a new sheet of a duplex printer.
Status RenderForm(PdfDocument& pdf, const Layout& layout, const FormIdentity& form,
                  bool whole_sheets);

}  // namespace phieu
