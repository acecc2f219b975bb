#pragma once
// Cut-outs of scanned pages for the people who review them: a region of the template page, cut
// from the scan upright and at a fixed scale through the transform stored when the page was read
// (so an upside-down or skewed scan gives an upright crop), and a PNG writer.

#include <string>
#include <vector>

#include "core/geometry.h"
#include "core/status.h"
#include "scanner/grey_image.h"
#include "scanner/page_transform.h"

namespace phieu {

// The part of `scan` showing `region` (template points), `px_per_pt` pixels per point; the
// `outlines` (template points, e.g. the bubbles of a question) are drawn in mid-grey.
GreyImage CropTemplateRegion(const GreyImage& scan, const PageTransform& transform,
                             const Rect& region, const std::vector<Rect>& outlines,
                             double px_per_pt = 3.0);

// `images` one under the other on white, `gap` pixels apart.
GreyImage StackImages(const std::vector<GreyImage>& images, int gap = 12);

// Writes `image` as a PNG; the message names the file when it cannot.
Status WriteGreyPng(const GreyImage& image, const std::string& path);

// Reads the 9 numbers of a stored transform (store/scan_store.h PageRecord::transform).
Result<PageTransform> ParsePageTransform(const std::string& text);

}  // namespace phieu
