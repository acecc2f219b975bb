#pragma once
// Synthetic scans: a printed form page (rendered to pixels) with a known answer vector drawn on in
// realistic pen marks, then put through seeded scanner degradations (skew, scaling, perspective,
// blur, noise, bilevel mode, JPEG, a stain on the QR, a page fed upside down or sideways). Tests
// and benchmarks therefore know the true reading of every page they feed the scanner.
//
// Every function is deterministic: the same inputs and seed give the same bytes (a portable
// SplitMix64 generator; no std distributions). Pen sizes are physical: the pixel figures below
// are at 150 dpi and scale with `dpi`.

#include <cstdint>
#include <string>
#include <vector>

#include "core/geometry.h"
#include "core/layout.h"
#include "core/status.h"
#include "scanner/grey_image.h"
#include "synthetic/answer_plan.h"

namespace phieu {

// Draws the `marks` whose bubble (matched by question and option) is on `page` onto `printed`,
// the page rendered at `dpi`; marks for bubbles not on this page are ignored. One pen per call
// (ink grey 10-60 of 255, stroke 1.5-2.5 px) with slight hand variation per mark:
//   kFill        an irregular blob over 85-100% of the inner disc, streaked with the pen's
//                scribble, sometimes spilling 1-2 px over the ring;
//   kX           two slightly bowed strokes from corner to corner of the bubble's square, or
//                (a third of them) a small X wholly inside the ring;
//   kTick        a check mark whose long arm runs out of the bubble to the upper right, or (a
//                third of them) a small tick wholly inside the ring;
//   kPartialFill the disc filled up to a chord, ~50-70% of it;
//   kFaintPencil the disc shaded and hatched in pencil, grainy: averages grey ~150-190;
//   kCrossedOut  a fill struck through by an X larger than the bubble.
// Ink darkens what is printed (darkest wins), it never lightens it. Anti-aliased.
GreyImage DrawPenMarks(const GreyImage& printed, const LayoutPage& page,
                       const std::vector<PenMark>& marks, double dpi, std::uint64_t seed);

// Ink a scanner must ignore, placed only where default-layout forms (LayoutOptions) print
// nothing: a signature-like scribble in the bottom margin (right of the page number) and a short,
// roughly vertical pen line in the left or right margin.
GreyImage DrawStrayMarks(const GreyImage& page, double dpi, std::uint64_t seed);

// Handwriting in a free-text box: `words` pen words (joined loops around a baseline, 5-12 mm
// long, 2-3 mm apart, most with an accent above and some with a dot below, as Vietnamese is
// written) from the box's left, on as many 7 mm lines as the box holds, all inside `box`
// (template points; `page` rendered at `dpi`). Words that do not fit are left out. One pen per
// call, as DrawPenMarks. Deterministic for a seed.
GreyImage DrawHandwriting(const GreyImage& page, const Rect& box, int words, double dpi,
                          std::uint64_t seed);

// How a page went through the scanner. The defaults change nothing.
struct ScanConditions {
  double rotate_deg = 0;         // skew, counter-clockwise as seen on the image, e.g. +-5
  double scale = 1.0;            // printer/scanner scaling, e.g. 0.95..1.05
  double perspective = 0;        // each corner moved by up to this fraction of the width, e.g. 0.01
  double blur_sigma_px = 0;      // Gaussian blur (optics, focus)
  double noise_sigma = 0;        // Gaussian sensor noise, in grey levels
  double salt_pepper = 0;        // fraction of pixels turned black or white (dust, dropouts)
  int jpeg_quality = 0;          // 0 = no JPEG round trip; else encode and decode at this quality
  bool black_and_white = false;  // bilevel scanner mode: threshold at 128
  bool stain_over_qr = false;    // a dark blotch over ~12% of the QR's area (needs qr_box_px)
  bool upside_down = false;      // page fed upside down: turned 180 degrees
  int rotate_quarter_turns = 0;  // 0..3 clockwise quarter turns: page fed sideways
  double paper_grey = 255;       // paper's white level, e.g. 235 for recycled paper
};

// `page` as scanned under `conditions`, in physical order: paper tint (white becomes
// paper_grey, ink stays dark) and the stain (it is on the paper); geometry (scale, rotation and
// perspective about the centre; the image is resized to hold the whole transformed page, exposed
// background in paper grey); optics (blur); noise, then salt and pepper; bilevel; JPEG. Turning
// alone (quarter turns, upside down, no skew/scale/perspective) is exact pixel rearrangement.
// `qr_box_px` is the QR's box in `page`'s pixels (the layout's qr rect * dpi/72), used only for
// the stain. Deterministic for a seed; each degradation draws from its own stream, so switching
// one on does not change another. Values out of range (scale <= 0, quarter turns outside 0..3,
// JPEG quality above 100, negative sigmas or fractions) are a bug: std::logic_error.
GreyImage ApplyScanConditions(const GreyImage& page, const ScanConditions& conditions,
                              const Rect& qr_box_px, std::uint64_t seed);

// The entries of `truth` whose item has a bubble on `page`, in the given order.
std::vector<ItemTruth> TruthForPage(const std::vector<ItemTruth>& truth, const LayoutPage& page);

// The truth of a page as the text of a `.expected` file: one line "ITEM=OPT[;OPT...]\n" per
// item, sorted by item code (byte order, so "Q10" before "Q2"), options in the given order, and
// nothing after '=' for a blank item; " changed" or " unsure" after the options when the item is
// not kClear (answer_plan.h MarkCertainty).
std::string TruthText(const std::vector<ItemTruth>& truth);

// Writes `image` to `path` as an 8-bit grey PNG. Fails naming the path when it cannot be written.
Status WritePng(const GreyImage& image, const std::string& path);

// Reads the PNG (or any image OpenCV decodes) at `path` as grey. Fails naming the path when it
// is missing or cannot be decoded.
Result<GreyImage> ReadPng(const std::string& path);

}  // namespace phieu
