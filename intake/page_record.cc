#include "intake/page_record.h"

namespace phieu {

PageRecord ToRecord(int index, const PageReading& r) {
  PageRecord p;
  p.page_index = index;
  p.outcome = r.outcome;
  p.reason = r.reason, p.identified_by = r.identified_by, p.qr_text = r.qr_text;
  p.template_id = r.template_id, p.form_code = r.form_code;
  p.page = r.page, p.tag_valid = r.tag_valid, p.quarter_turns = r.quarter_turns;
  p.marks_found = r.marks_found, p.residual_px = r.residual_px;
  p.paper_level = r.registration.paper_level, p.ink_level = r.registration.ink_level;
  p.transform = r.registration.transform.m;
  p.bubbles = r.bubbles;
  for (const TextBoxInk& t : r.text_boxes) p.text_boxes.push_back({t.question, t.ink, t.has_ink});
  return p;
}

}  // namespace phieu
