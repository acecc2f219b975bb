#pragma once
// A scanned page as archived, for the commands that show paper to a person (`phieu review show`,
// `phieu audit compare`): loaded through the transform stored when it was read, so crops come out
// upright whatever way the sheet was fed.

#include <cstdint>
#include <string>
#include <vector>

#include "core/layout.h"
#include "core/status.h"
#include "scanner/grey_image.h"
#include "scanner/page_transform.h"
#include "store/database.h"
#include "store/verify_store.h"

namespace phieu {

// The page with its transform and template page (an empty layout when the page's template or
// page number is not in this database).
struct ArchivedPage {
  IdentifiedPage page;
  GreyImage image;
  PageTransform transform;
  LayoutPage layout;
};

// Loads scanned page `page_id` from the archive. The message names the file when it cannot be
// read and says to run 'phieu log verify'.
Result<ArchivedPage> LoadArchivedPage(Database& db, std::int64_t page_id);

// The row of `item`'s bubbles across the page, its bubbles outlined.
GreyImage ItemRowCrop(const ArchivedPage& a, const std::string& item);

// The region ItemRowCrop cuts, in template points: the item's row of bubbles across the page.
Rect ItemRowRegion(const ArchivedPage& a, const std::string& item);

// The whole page, upright, at a reading scale, `outlines` (template points) drawn on it.
GreyImage WholePageCrop(const ArchivedPage& a, const std::vector<Rect>& outlines = {});

}  // namespace phieu
