#pragma once
// What the scanner saw, drawn over the scan for an operator: the registration marks it found,
// the QR code, every bubble with its score and decision in colour (green filled, grey empty,
// orange unsure) and any fold found across the page (cyan), so a rejection or a review can be
// understood at a glance.

#include <string>
#include <vector>

#include "core/layout.h"
#include "core/mark_decision.h"
#include "core/status.h"
#include "scanner/grey_image.h"
#include "scanner/page_reader.h"

namespace phieu {

// Writes the overlay as a colour PNG to `path`. `layout` is the page's template layout (nullptr
// when the page was not identified: then only the outcome is written on the image).
Status WriteExplainOverlay(const GreyImage& image, const PageReading& reading,
                           const LayoutPage* layout, const MarkThresholds& thresholds,
                           const std::string& path);

// Every fold found across the page, then every item of the page with a mark: the per-item
// decision, why, its confidence, and the evidence of each marked bubble, one line each (empty
// items are left out; "" when the page was not read). For `phieu scan --explain`.
std::string ExplainItems(const PageReading& reading, const std::vector<AnswerItem>& items,
                         const MarkThresholds& thresholds);

}  // namespace phieu
