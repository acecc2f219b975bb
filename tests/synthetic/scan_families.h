#pragma once
// Family B of scan conditions: damage and capture that the scanner's thresholds were not tuned
// on (an independent model from ApplyScanConditions in synthetic/scan_generator.h). Each
// function takes a page image (the printed page rendered at some dpi, hand marks already drawn)
// and returns a new image; the input is not changed. Deterministic: the same inputs and seed
// give the same bytes (JPEG round trips: with the same libjpeg). Sizes are physical where the
// damage is (millimetres, via the page's A4 width).

#include <cstdint>

#include "scanner/grey_image.h"

namespace phieu {

// A corner of the sheet cut off or folded under before scanning: a right triangle with legs of
// about `size_mm` (the second leg 75-130% of it, both clamped to 20..45 mm) at `corner` (0 top
// left, 1 top right, 2 bottom right, 3 bottom left) shows the scanner's lid instead: white, or
// dark grey ~40 (a black lid) when `dark_background`. The corner registration mark (a 6 mm
// square 7 mm from the edges) is cut through by 20 mm legs and removed whole from about 26 mm;
// bigger triangles reach nearby print.
// A folded corner also leaves a thin shadow along the fold. Millimetres are taken from the
// image's width as an A4 page (210 mm). `corner` outside 0..3 or an empty image is a bug
// (std::logic_error).
GreyImage CutCorner(const GreyImage& page, int corner, double size_mm, bool dark_background,
                    std::uint64_t seed);

// A fold line across the page at a random angle through its middle region (so it crosses bubble
// areas): a thin shadow on one side and a faint highlight on the other, and the far side shifted
// by 0.3-1 mm relative to the near one (the sheet did not lie flat). Millimetres from the
// width as A4.
GreyImage Crease(const GreyImage& page, std::uint64_t seed);

// A bilevel scan: 0 where the page is darker than `threshold`, else 255 (scanners' "black and
// white" mode; 140..190 covers common drivers).
GreyImage Bilevel(const GreyImage& page, int threshold);

// `page_600dpi` (the page rendered at 600 dpi) as a 600 dpi laser printer puts it on paper, still
// at 600 dpi: greys become a clustered-dot halftone screen (100-150 lpi at 45 degrees; near-black
// stays solid, near-white stays paper), toner spreads slightly. Pen marks are drawn on this, as a
// respondent fills the printed form.
GreyImage LaserPrint(const GreyImage& page_600dpi, std::uint64_t seed);

// A 600 dpi page (a laser print with the marks drawn on it) as a flatbed reads it at `out_dpi`:
// optics blur, area resampling to `out_dpi`, slightly off-white paper, a little sensor noise.
// `out_dpi` must be in (0, 600] (else std::logic_error).
GreyImage ScanFrom600(const GreyImage& paper_600dpi, double out_dpi, std::uint64_t seed);

// A photocopy of a filled page: `page_600dpi` with its marks already drawn, laser-printed (the
// pen's ink halftoned as well, a light stroke broken into dots) and scanned at `out_dpi`:
// ScanFrom600(LaserPrint(page)).
GreyImage LaserHalftone(const GreyImage& page_600dpi, double out_dpi, std::uint64_t seed);

// How a phone photographed the page. The defaults are a typical careful photo.
struct PhoneConditions {
  double perspective = 0.05;      // each corner moved by up to this fraction of the page (<= 0.08)
  double light_falloff = 0.3;     // uneven light (a gradient plus vignetting): the darkest
                                  // paper is (1 - falloff) of the brightest; 0..0.7
  double blur_px = 1.0;           // optical blur (Gaussian sigma, output pixels)
  int jpeg_quality = 75;          // 60..85 is what phones and messengers write
  double rotate_deg = 3;          // the page's turn in the frame, counter-clockwise
  double out_long_side_px = 2400; // the photo's long side (the photo is 4:3, portrait)
  bool desk = true;               // the page lies on a darker textured desk with margins round
                                  // it; false: it nearly fills the frame on a light surface
};

// `page` photographed by a phone: the page (whole, with a margin of background round it) in
// perspective and turned, camera exposure (paper ~195-235, ink lifted), the light's falloff, a
// slight lens (barrel) distortion, the page's soft shadow on the desk, blur, phone sharpening,
// signal-dependent sensor noise, then JPEG. Values out of range (perspective outside 0..0.08,
// falloff outside 0..0.7, negative blur, quality outside 1..100, size under 200 px) are a bug
// (std::logic_error).
GreyImage PhonePhoto(const GreyImage& page, const PhoneConditions& conditions,
                     std::uint64_t seed);

// A flatbed scan, family B.
struct FlatbedB {
  double rotate_deg = 0;    // skew, counter-clockwise
  double scale = 1.0;       // printer/scanner scaling, e.g. 0.96..1.04
  double blur_px = 0;       // Gaussian sigma of the optics, output pixels
  double noise = 0;         // Gaussian sensor noise, grey levels
  double paper_grey = 255;  // the paper's white (ink stays dark: levels scale by paper/255)
  int jpeg_quality = 0;     // 0 = no JPEG; else a round trip at this quality
};

// `page` as a flatbed scans it: paper tint, then rotation and scale about the centre (bicubic;
// the image grows to hold the whole turned page, the lid around it a little whiter than the
// paper), blur, noise, JPEG. scale <= 0, negative blur or noise, or quality above 100 is a bug
// (std::logic_error).
GreyImage FlatbedScan(const GreyImage& page, const FlatbedB& conditions, std::uint64_t seed);

}  // namespace phieu
