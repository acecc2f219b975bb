#include "intake/archived_page.h"

#include <algorithm>
#include <vector>

#include "core/layout_json.h"
#include "scanner/image_source.h"
#include "scanner/region_crop.h"
#include "store/archive.h"
#include "store/scan_store.h"

namespace phieu {

Result<ArchivedPage> LoadArchivedPage(Database& db, std::int64_t page_id) {
  auto page = LoadIdentifiedPage(db, page_id);
  if (!page.ok()) return page.status();
  if (!page->has_value()) {
    return Status::Error("scanned page " + std::to_string(page_id) + " is not stored");
  }
  ArchivedPage a;
  a.page = std::move(**page);
  const std::string file = ArchivedFilePath(db.path(), a.page.archive_path);
  auto pages = ScanPages::Open(file);
  if (!pages.ok()) {
    return Status::Error("the archived scan of " + a.page.original_path + " cannot be read (" +
                         pages.status().message() + "); run 'phieu log verify'");
  }
  if (a.page.page_index < 0 || a.page.page_index >= (*pages)->count()) {
    return Status::Error(file + " has no page " + std::to_string(a.page.page_index + 1));
  }
  auto image = (*pages)->Page(a.page.page_index);  // only this page is decoded
  if (!image.ok()) {
    return Status::Error("the archived scan of " + a.page.original_path + " cannot be read (" +
                         image.status().message() + "); run 'phieu log verify'");
  }
  a.image = std::move(image).value();
  auto transform = ParsePageTransform(a.page.transform);
  if (!transform.ok()) return transform.status();
  a.transform = *transform;
  if (a.transform.m[8] == 0) {
    // Not registered (the scanner refused the page after its QR): show the sheet as scanned,
    // scaled to an A4 width.
    const double scale = a.image.width / 595.0;
    a.transform.m = {scale, 0, 0, 0, scale, 0, 0, 0, 1};
  }
  auto layouts = TemplateLayouts(db);
  if (!layouts.ok()) return layouts.status();
  // A page from a template this database does not have keeps an empty layout: it can only be
  // shown whole.
  const auto json = layouts->find(a.page.template_id);
  if (json == layouts->end()) return a;
  auto layout = LayoutFromJson(json->second, "template " + a.page.template_id);
  if (!layout.ok()) return layout.status();
  if (a.page.page >= 1 && a.page.page <= static_cast<int>(layout->layout.pages.size())) {
    a.layout = layout->layout.pages[a.page.page - 1];
  }
  return a;
}

Rect ItemRowRegion(const ArchivedPage& a, const std::string& item) {
  double top = 1e9, bottom = 0, right = 0;
  for (const LayoutBubble& b : a.layout.bubbles) {
    if (b.question != item) continue;
    top = std::min(top, b.box.y), bottom = std::max(bottom, b.box.bottom());
    right = std::max(right, b.box.right());
  }
  const double page_width = a.layout.marks.size() > 1 ? a.layout.marks[1].right() + 10 : right + 20;
  return Rect{10, top - 16, page_width - 20, bottom - top + 26};
}

GreyImage ItemRowCrop(const ArchivedPage& a, const std::string& item) {
  std::vector<Rect> bubbles;
  for (const LayoutBubble& b : a.layout.bubbles) {
    if (b.question == item) bubbles.push_back(b.box);
  }
  return CropTemplateRegion(a.image, a.transform, ItemRowRegion(a, item), bubbles);
}

GreyImage WholePageCrop(const ArchivedPage& a, const std::vector<Rect>& outlines) {
  Rect region{0, 0, 595, 842};
  if (a.layout.marks.size() == 4) {
    region = {0, 0, a.layout.marks[3].right() + a.layout.marks[0].x,
              a.layout.marks[3].bottom() + a.layout.marks[0].y};
  }
  return CropTemplateRegion(a.image, a.transform, region, outlines, 1.2);
}

}  // namespace phieu
