#pragma once
// Registration from the printed content itself: every printed bubble ring is looked for near
// where the registration so far puts it, growing outward from what is already known (marks, the
// QR code's corners, rings already found), and the transform is refitted as rings are found. Then
// every ring is checked against its neighbours and each bubble gets a centre and a trust. Used
// by scanner/registration.cc; standard-library types only.

#include <string>
#include <vector>

#include "core/layout.h"
#include "core/status.h"
#include "scanner/grey_image.h"
#include "scanner/grey_levels.h"
#include "scanner/page_transform.h"
#include "scanner/registration.h"

namespace phieu {

// A point whose place on the template (points) and in the image (pixels) are both known.
struct Anchor {
  PointF page_pt;
  PointF image_px;
};

// The paper's level over `image` on a coarse grid (cells of about 1/16 of the shorter side), from
// every 3rd pixel of every 3rd row of the image. `whole`, when given, receives the grey levels of
// all those samples (the whole page's, for its paper and ink levels: one pass over the image).
PaperLevelGrid MeasurePaperLevels(const GreyImage& image, GreyHistogram* whole = nullptr);

struct ContentFit {
  PageTransform transform;  // homography through the anchors and the trusted rings
  std::vector<PointF> centres_px;
  std::vector<double> quality;
  std::vector<BubbleFix> fix;
  int rings_found = 0;
  double rms_px = 0;
  // Empty, or why the page cannot be trusted (for an operator; names the first item concerned).
  std::string refusal;
};

// Finds the rings of `page`'s bubbles starting from `initial` (already fitted to `anchors`) and
// places every bubble. Sets `refusal`, naming the first item concerned, when a bubble's own ring is
// missing on bright paper or outside the image (a cut or covered part of the page), or when a
// group of neighbouring bubbles has no ring to be placed by (a fold, a crease, a stain), or
// when no bubble is within `options.max_interpolation_mm` of a trusted ring.
ContentFit FitToPrintedContent(const GreyImage& image, const LayoutPage& page,
                               const PageTransform& initial, const std::vector<Anchor>& anchors,
                               double ink_level, const PaperLevelGrid& paper,
                               const RegistrationOptions& options);

}  // namespace phieu
