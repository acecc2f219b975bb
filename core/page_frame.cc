#include "core/page_frame.h"

namespace phieu {

LayoutPage PageFrame(const LayoutOptions& o) {
  LayoutPage page;
  const double w = o.page_size.width_pt, h = o.page_size.height_pt;
  const double s = o.mark_size_pt, in = o.mark_inset_pt;
  page.marks = {{in, in, s, s}, {w - in - s, in, s, s}, {in, h - in - s, s, s},
                {w - in - s, h - in - s, s, s}};
  page.qr = {w - o.margin_pt - o.qr_size_pt, o.margin_pt, o.qr_size_pt, o.qr_size_pt};
  page.form_code = {page.qr.x - 4 * kMillimetre, page.qr.bottom() + 1 * kMillimetre,
                    page.qr.w + 8 * kMillimetre, 5 * kMillimetre};
  return page;
}

}  // namespace phieu
