#pragma once
// The public description of a template: its layout as JSON, read by the scanner and by outside
// tools. Coordinates in PDF points, origin at the page's top-left, x right, y down:
//
// {"template": ID, "page_size_pt": [W, H],
//  "pages": [{"page": 1, "marks": [{"x","y","w","h"}...], "qr": {"x","y","w","h"},
//             "form_code": {"x","y","w","h"},
//             "bubbles": [{"question": "Q9.15", "option": "4", "x","y","w","h"}...],
//             "text_boxes": [{"question": CODE, "x","y","w","h"}...]}]}
//
// (x, y) is the top-left of each box. Numbers are rounded to 0.01 pt. Printed text is not part of
// it: it is drawn from the survey definition stored beside the layout.

#include <string>
#include <string_view>

#include "core/layout.h"
#include "core/status.h"

namespace phieu {

// The template id: 8 upper-case hex characters of SHA-256 over the survey's content hash and the
// layout JSON, so any change to what is printed or where gives a new id.
std::string TemplateId(std::string_view survey_content_hash, const Layout& layout);

// The layout as JSON (above), with `template_id`.
std::string LayoutToJson(const Layout& layout, std::string_view template_id);

// Reads LayoutToJson's output back (texts, rules and shading are not in it; the printed areas near the answers are, when it was written since they were added). `source` names the
// input in messages.
struct ParsedLayout {
  std::string template_id;
  Layout layout;
};
Result<ParsedLayout> LayoutFromJson(std::string_view json, std::string_view source);

}  // namespace phieu
