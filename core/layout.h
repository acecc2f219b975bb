#pragma once
// The one layout engine: every position on a printed form — registration marks, the QR code, the
// printed form code, every bubble, every free-text box, every line of text — computed once from
// the survey definition. forms/ draws exactly these positions; the scanner measures exactly these
// positions (from the layout stored with the template at print time). No coordinate is computed
// anywhere else.
//
// Coordinates are PDF points, origin at the page's top-left, x right, y down (core/geometry.h).

#include <string>
#include <string_view>
#include <vector>

#include "core/geometry.h"
#include "core/status.h"
#include "core/survey.h"
#include "core/text_wrap.h"

namespace phieu {

// One line of text, already wrapped: drawn with its baseline at `baseline_y`.
struct TextLine {
  double x = 0, baseline_y = 0;
  double size_pt = 10;
  FontStyle style = FontStyle::kRegular;
  std::string text;
};

// A straight stroke (table rules, underlines).
struct Rule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width_pt = 0.5;
};

// The line width of a bubble's printed ring (its outer edge is the bubble's box): the renderer
// draws it, the scanner looks for it.
inline constexpr double kBubbleLinePt = 0.9;

struct LayoutBubble {
  std::string question;  // answer item code, e.g. "Q9.15" (a grid row) or "A1"
  std::string option;    // option code, e.g. "4"
  Rect box;              // the circle's bounding square
};

struct LayoutTextBox {
  std::string question;  // the text question's code, or "<item>.<option>.other" for a write-in
  Rect box;
};

struct LayoutPage {
  int number = 1;                  // 1-based
  std::vector<Rect> marks;         // registration marks: top-left, top-right, bottom-left, bottom-right
  Rect qr;                         // where this page's QR code goes
  Rect form_code;                  // where the human-readable form code is printed (under the QR)
  std::vector<LayoutBubble> bubbles;
  std::vector<LayoutTextBox> text_boxes;
  std::vector<TextLine> texts;     // every printed line of text, page numbers included
  std::vector<Rule> rules;
  std::vector<Rect> shaded;        // light-grey bands (section titles, grid headers)
  // Where ink is printed near the answers (core/printed_areas.h): filled in only for a layout
  // read back from a stored template, whose texts and rules are not stored.
  std::vector<Rect> print;
};

struct Layout {
  PageSize page_size = kA4;
  std::vector<LayoutPage> pages;
};

// Sizes of the printed elements. The defaults suit A4 printed at 100% and scanned at 150-600 dpi.
struct LayoutOptions {
  PageSize page_size = kA4;
  double margin_pt = 15 * kMillimetre;       // left, right and bottom margin of the content
  double mark_size_pt = 6 * kMillimetre;     // registration mark side
  double mark_inset_pt = 7 * kMillimetre;    // mark distance from the paper's edge
  double qr_size_pt = 22 * kMillimetre;      // QR side (including its quiet zone)
  double bubble_pt = 10;                     // bubble diameter (3.5 mm)
  double body_pt = 9.5;                      // body text size
  double title_pt = 13;                      // main title size
};

// Lays out `survey`. Fails, naming the item, when something cannot fit on one page (an item whose
// text is too long even on an empty page).
Result<Layout> LayoutSurvey(const Survey& survey, const TextMetrics& metrics,
                            const LayoutOptions& options = {});

}  // namespace phieu
