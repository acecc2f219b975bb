#pragma once
// Registration: from a rough idea of where the template page lies in the image (from the QR
// code, or from the image's edges) to a precise transform, fitted through the four corner
// registration marks (three are enough when one is damaged). Also measures the page's own paper
// and ink levels, against which marks are judged.

#include <string>
#include <vector>

#include "core/geometry.h"
#include "core/layout.h"
#include "core/status.h"
#include "scanner/grey_image.h"
#include "scanner/page_transform.h"
#include "scanner/qr_reader.h"

namespace phieu {

struct RegistrationOptions {
  // A page whose marks do not fit a straight (affine) page better than this is refused: it is
  // folded, curled or badly distorted, and its bubbles cannot be trusted to be where they seem.
  double max_residual_mm = 1.5;
};

struct Registration {
  PageTransform transform;  // template page (points) -> image (pixels)
  int marks_found = 0;      // 3 or 4
  double residual_px = 0;   // RMS distance of the marks from the best affine fit (0 with 3 marks)
  double px_per_pt = 0;     // scale at the page's centre
  double ink_level = 0;     // grey of solid printed ink (inside the marks)
  double paper_level = 255; // grey of blank paper
};

// A rough transform that puts the template's QR code where the QR was found.
PageTransform CoarseFromQr(const QrReading& qr, const LayoutPage& page);

// Rough transforms assuming the whole sheet fills the image, for each of the 4 ways the sheet
// can lie (0, 90, 180, 270 degrees clockwise).
std::vector<PageTransform> CoarseFromImageBounds(const GreyImage& image, PageSize page);

// Finds the marks near where `coarse` puts them and fits the transform. Fails with the reason
// (marks missing, too distorted) so the page is rejected, never read.
Result<Registration> RegisterPage(const GreyImage& image, const LayoutPage& page,
                                  const PageTransform& coarse,
                                  const RegistrationOptions& options = {});

// The mean darkness (0 = paper, 1 = ink) of `rect` (template points) under `transform`, sampled;
// used to tell which way up a page is from where its QR code's ink lies.
double RegionDarkness(const GreyImage& image, const PageTransform& transform, const Rect& rect,
                      double paper_level, double ink_level);

}  // namespace phieu
