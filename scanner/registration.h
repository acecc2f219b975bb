#pragma once
// Registration: from a rough idea of where the template page lies in the image (from the QR
// code, or from the image's edges) to a precise transform, fitted through everything printed that
// can be found: the corner registration marks (any number of them), the QR code's corners and
// every printed bubble ring. Each bubble's ring is then checked where the fit puts it, so a cut
// corner, a crease or a phone photo's perspective is either followed bubble by bubble or the page
// is refused, naming where. Also measures the page's own paper and ink levels, against which
// marks are judged, and how the paper's brightness varies over the image.

#include <cstdint>
#include <string>
#include <vector>

#include "core/geometry.h"
#include "core/layout.h"
#include "core/status.h"
#include "scanner/grey_image.h"
#include "scanner/grey_levels.h"
#include "scanner/page_transform.h"
#include "scanner/qr_reader.h"

namespace phieu {

struct RegistrationOptions {
  // Only for a page without bubbles (the shared page frame, used to find a page whose QR code
  // cannot be read): a page whose marks do not fit a straight (affine) page better than this is
  // refused. Pages with bubbles are checked ring by ring instead (`max_ring_offset_mm`).
  double max_residual_mm = 1.5;
  // A bubble's printed ring found further than this from where its neighbours' rings say it
  // should be is not trusted as its position (a pen mark, a stain): its centre is interpolated
  // from the rings around it instead.
  double max_ring_offset_mm = 0.6;
  // A bubble with no trusted ring of its own is placed from trusted rings at most this far away
  // (template millimetres); with none that near, the page is refused naming the bubble's item.
  double max_interpolation_mm = 20;
};

// The paper's brightness over the image, on a coarse grid of cells: the bright end of each cell,
// smoothed over its neighbours, so that a shadow or a lamp's gradient on a photographed page is
// followed and ink can be judged against the paper around it.
struct PaperLevelGrid {
  int cols = 0, rows = 0;
  double cell_w_px = 0, cell_h_px = 0;  // cell size; cell (i, j) covers x in [i, i+1) * cell_w_px
  std::vector<double> levels;           // rows * cols grey levels, row-major

  // The paper's grey at `image_px`, bilinear between cell centres (clamped at the image's
  // edges); `fallback` when the grid is empty.
  double At(PointF image_px, double fallback) const;
};

// A page's grey levels, measured once per image in one pass (every 3rd pixel of every 3rd row):
// the paper on a grid, and the counts of all the samples (the page's paper level, the blank test).
struct PageGreyLevels {
  PaperLevelGrid paper;
  GreyHistogram whole;
};
PageGreyLevels MeasurePageGreyLevels(const GreyImage& image);

// Where a bubble's centre in `Registration::bubble_centres_px` comes from.
enum class BubbleFix : std::uint8_t {
  kOwnRing,       // the centre of its own printed ring, found and consistent with its neighbours
  kInterpolated,  // the fit plus the offsets of trusted rings nearby (its own ring not found or
                  // not trusted: a heavy pen mark, a stain)
};

struct Registration {
  PageTransform transform;  // template page (points) -> image (pixels): the best single homography
  int marks_found = 0;      // corner marks found, 0..4 (fewer than 3 only when rings confirm)
  double residual_px = 0;   // RMS distance of the marks from the best affine fit (0 with < 4 marks)
  double px_per_pt = 0;     // scale at the page's centre
  double ink_level = 0;     // grey of solid printed ink (inside the marks, else the QR's modules)
  double paper_level = 255; // grey of blank paper (the page's bright end, one value)

  // Per bubble of the page, in LayoutPage::bubbles order; all empty for a page without bubbles.
  // Measure a bubble around bubble_centres_px[i], not transform.Apply(box centre): on a creased,
  // curled or photographed page they differ by up to a few millimetres.
  std::vector<PointF> bubble_centres_px;
  // How much bubble_centres_px[i] can be trusted, 0..1: for kOwnRing the ring's contrast against
  // the paper around it (clean print ~0.6-1); for kInterpolated at most 0.5, falling with the
  // distance to the nearest trusted ring. Below ~0.25 a reading should go to review.
  std::vector<double> bubble_fit_quality;
  std::vector<BubbleFix> bubble_fix;
  int rings_found = 0;       // bubbles whose own ring was found and trusted (kOwnRing)
  double fit_rms_px = 0;     // RMS distance of the trusted rings from `transform`
  PaperLevelGrid paper_levels;  // empty for a page without bubbles

  // The paper's grey around `image_px` (the grid, else `paper_level`): for uneven light.
  double PaperLevelAt(PointF image_px) const { return paper_levels.At(image_px, paper_level); }
};

// A rough transform that puts the template's QR code where the QR was found.
PageTransform CoarseFromQr(const QrReading& qr, const LayoutPage& page);

// Rough transforms assuming the whole sheet fills the image, for each of the 4 ways the sheet
// can lie (0, 90, 180, 270 degrees clockwise).
std::vector<PageTransform> CoarseFromImageBounds(const GreyImage& image, PageSize page);

// Rough transforms from the corner marks of `frame` (the page frame: its marks in the page's
// corners) found without knowing where the sheet lies: in each corner of the image, the square
// blob of a mark's size nearest that corner. For a sheet whose QR code cannot be read and which
// does not fill the image (scanned skewed on a larger bed, a corner cut off). One transform per
// way the sheet may lie, as CoarseFromImageBounds; empty when fewer than 3 corners hold a mark.
std::vector<PageTransform> CoarseFromCornerMarks(const GreyImage& image, const LayoutPage& frame);

// Finds the marks near where `coarse` puts them, then every printed bubble ring, growing outward
// from what is known (marks, and `qr`'s corners when given: the QR that `coarse` came from), and
// fits the transform through all of them; then places every bubble (see Registration). Needs 3
// marks, or the QR code plus rings confirming it. Fails with the reason (marks missing, a region
// of the page cut off or creased, too little contrast) so the page is rejected, never read.
// `levels`: the image's MeasurePageGreyLevels when the caller has it (else measured here).
Result<Registration> RegisterPage(const GreyImage& image, const LayoutPage& page,
                                  const PageTransform& coarse,
                                  const RegistrationOptions& options = {},
                                  const QrReading* qr = nullptr,
                                  const PageGreyLevels* levels = nullptr);

// The mean darkness (0 = paper, 1 = ink) of `rect` (template points) under `transform`, sampled;
// used to tell which way up a page is from where its QR code's ink lies.
double RegionDarkness(const GreyImage& image, const PageTransform& transform, const Rect& rect,
                      double paper_level, double ink_level);

}  // namespace phieu
