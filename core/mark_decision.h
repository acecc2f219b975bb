#pragma once
// From raw mark evidence to answers. The scanner stores each bubble's raw evidence; these rules
// turn it into decisions, so changing a threshold later re-decides every form from the stored
// evidence without rescanning. A mark the rules are unsure of is sent to a person, never guessed.
//
// Decisions are made per item, not per bubble: each bubble's evidence is first read as a kind of
// mark (a solid fill, a pen stroke through it, a circle drawn round it, a crossed-out fill, a
// faint or weak mark, nothing), measured against the page's own empty bubbles; then the bubbles of
// one item are judged together (a lone clear mark is the answer; an answer changed as the form
// instructs is read; anything else doubtful goes to a person).

#include <string>
#include <string_view>
#include <vector>

#include "core/survey.h"

namespace phieu {

// The halo and ring around a bubble are cut into this many equal sectors (clockwise from the
// right, as seen on the upright page); the masks below have one bit per sector.
inline constexpr int kHaloSectors = 12;

// What the scanner measured in and around one bubble, relative to the paper and ink levels local
// to it: 0 = blank paper, 1 = solid ink. The inside excludes the printed ring.
struct BubbleScore {
  std::string item;    // answer item code, e.g. "Q9.15"
  std::string option;  // option code, e.g. "4"
  double fill = 0;     // mean darkness of the inside
  double ink = 0;      // darkness of the darkest tenth of the inside: how strong the stroke is
  double outside = 0;  // mean darkness of a ring just outside the printed one
  // Evidence measured since schema 6; coverage < 0 means "not measured" (a page stored by an
  // older phieu), which is decided by the older per-bubble rules (DecideLegacyMark).
  double coverage = -1;  // share of the inside that is inked: at least 0.25 dark and half as
                         // dark as `ink` (so a blue ball-point's fill covers as much as black)
  double peak = 0;       // darkness of the darkest 2 % of the inside: how dark a thin stroke is
                         // (a thin tick covers too little of the bubble to show in `ink`)
  int cross_mask = 0;    // sectors where a stroke meets the ring: runs from inside it to
                         // outside, or, with nothing inside, touches it from outside
  int halo_mask = 0;     // free halo sectors (see free_mask) holding a pen stroke
  int free_mask = 0;     // halo sectors with nothing printed in them and nearer this bubble
                         // than any other: where a respondent's strokes can be seen
  double ring = 1;       // how clearly registration found this bubble's own printed ring (0..1;
                         // low: placed from the rings around it, or its ring broken by a fold)
  bool long_line = false;  // a line through the halo runs on straight for 4-12 radii both ways:
                           // a fold, a crease or a ruled line, not a pen stroke
  // Shape evidence measured since schema 7 (span < 0: not measured, a page stored by an older
  // phieu; no stroke is read from its shape). Of the largest mark among the inked pixels
  // (scanner/ink_shape.h):
  double span = -1;      // its extent across the bubble, as a share of the inside's diameter
  double thickness = 0;  // its inked pixels per pixel of extent, as a share of that diameter
                         // (about a line's width; near half for a fill)
};

// Thresholds of the decision. Defaults were set on the scanner's own calibration family of
// generated marks (synthetic/scan_generator.h, "family A") and are measured on the others
// (bench/scan_accuracy; README "Scan accuracy").
struct MarkThresholds {
  // Coverage (inked share of the inside) above the page's own empty level:
  double blank_coverage = 0.04;   // below this, nothing is in the bubble
  double stroke_coverage = 0.05;  // a pen stroke through it (an X, a tick) covers at least this
  double solid_coverage = 0.25;   // a fill or a scribble (or a thick X on a small bubble)
  double full_coverage = 0.70;    // a filled-in bubble: only such a fill can be crossed out, and
                                  // only such fills, with no stroke leaving them, make "several
                                  // marks"
  double stroke_span = 0.70;      // ... or, crossing no ring, a mark wholly inside reaching this
                                  // share of the way across it (a small tick or X; family A's
                                  // small ticks reach 0.83-0.95, a dot far less) ...
  double stroke_thickness = 0.30; // ... in strokes no thicker than this share of it (family A's
                                  // ticks 0.15-0.21; its partial fills 0.36 and more)
  double strong_ink = 0.45;       // ink (or a stroke's peak) this dark is a pen (faint pencil is
                                  // lighter) ...
  double sharp_ring = 0.90;       // ... on a page whose printed rings are this clear (the page's
                                  // typical ring quality: family A's clean 200 dpi pages 0.97,
                                  // its 150 dpi 0.77). On a blurred page (150 dpi, a phone photo)
                                  // thin lines come out lighter, the print's and the pen's alike:
                                  // a stroke's peak is asked to be that much less dark ...
  double blurred_share = 0.75;    // ... but never less than this share of strong_ink (B's and
                                  // R's 150 dpi pages 0.70, phone photos 0.73-0.77: blue ticks
                                  // there peak at 0.40-0.45)
  // A light pen stroke: a tick on a laser print or a photocopy, whose toner dots leave only a
  // trace inside the ring (coverage 0.03-0.12 above the page's empty level, darkest 2 % from
  // 0.29) and whose crossing of the ring the halftone broke, but which is still a thin line
  // reaching across part of the bubble and leaving it in at least one direction. Set on family
  // B's development respondents (twelfth session; README "Scan accuracy"), measured by the
  // long run:
  double light_stroke_coverage = 0.03;   // ink inside at least this ...
  double light_stroke_peak = 0.29;       // ... its darkest 2 % at least this dark ...
  double light_stroke_span = 0.19;       // ... reaching this share across where it is seen to
                                         // cross the ring ...
  double light_stroke_reach = 0.40;      // ... or this share where only a stroke in the halo
                                         // is seen beside it (a real stray touch 0.30 across
                                         // with a neighbour's line beside it, long run round
                                         // 1025; B's laser ticks 0.44-0.63) ...
  double light_stroke_thickness = 0.20;  // ... in lines no thicker (a dot, a blob: thicker)
  double faint_fill = 0.12;       // mean darkness of a faint shading that covers the bubble
  double trace_ink = 0.18;        // an otherwise empty bubble whose darkest tenth is this dark
                                  // holds a trace of something: a person looks
  double trace_above = 0.08;      // ... or this much darker than the page's empty bubbles' is
                                  // (a faint X broken up by a laser printer's halftone)
  double trace_peak_above = 0.10; // ... or whose darkest 2 % is this much darker than an empty
                                  // bubble's (the tip of a tick drawn over the label beside it;
                                  // halftoned ticks 0.11 and 0.13 above, long run 1025, 1027)
  double circled_share = 0.6;     // this share of the free halo inked (4 sectors at least): a
                                  // circle round the option (a crease's line and its moved ring
                                  // arc ink 5 of 12)
  double trusted_ring = 0.75;     // a ring found less clearly than this share of the page's
                                  // typical ring: only a full fill is read there (a fold through
                                  // a bubble breaks its ring into stroke-like pieces)
  double dot_span = 0.45;         // ink inside reaching less than this share across is a dot ...
  double creased_ring = 0.85;     // ... and a stroke crossing the ring beside it, where the ring
                                  // was found less clearly than this share of the page's typical
                                  // ring, may be a crease's line: a person looks (long run rounds
                                  // 1132, 1312, 1318: real stray dots; no clear stroke of the
                                  // development set is under both)
  double several_outside_above = 0.01;  // fills whose surroundings are this much darker than
                                        // the item's empty bubbles' are not read as "several
                                        // marks": perhaps a light X over one (halftoned arms
                                        // too light to be strokes, long run round 1028)
  int struck_arms = 3;            // a solid fill with strokes leaving it in this many separate
                                  // directions, two of them on into the halo, was crossed out
                                  // (an X over it)
  double struck_thickness = 0.45; // ... and one short of full whose ink is this thick (a fill's,
                                  // not an X's: family A's X's 0.23-0.34, its crossed-out fills
                                  // 0.64 and more) was perhaps crossed out: a person looks
  // The rules for pages stored before schema 6 (no coverage measured).
  double empty_below = 0.10;     // fill below this: empty
  double filled_from = 0.20;     // fill at least this, with strong ink: filled
  double solid_from = 0.60;      // a fill this dark ...
  double struck_outside = 0.05;  // ... with this much ink around it was struck out: unsure
};

// What is in one bubble.
enum class MarkKind {
  kEmpty,    // nothing (or less than a stray touch)
  kFull,     // filled in with a pen
  kSolid,    // mostly covered with pen: a scribble, a partial fill, a thick X
  kStroke,   // a pen stroke through it: an X or a tick
  kCircled,  // the bubble left empty with a circle drawn round it
  kStruck,   // a solid fill crossed out by an X: a retracted answer
  kMaybeStruck,  // a fill with strokes reaching out into the halo in two separate directions,
                 // not clearly three: perhaps crossed out; a person looks
  kFaint,    // a light shading (pencil, a dry pen)
  kWeak,     // some ink, too little to tell: a dot, a partial fill, a stray touch
  kNearby,   // nothing inside, a stroke or two in the halo only: ink from a neighbour's mark
             // or a tick drawn beside it; empty when a sibling holds a clear mark
};

std::string_view MarkKindName(MarkKind kind);  // "empty", "solid", "stroke", ...

// In how many separate directions strokes leave the bubble (across the ring or in the free
// halo): an X over a fill has three or four, a tick one or two, a fill spilling over its ring one.
int StrokeArms(const BubbleScore& score);

// In how many sectors strokes leave the bubble: a clean fill spills over its ring in one or two.
int StrokeSectors(const BubbleScore& score);

// Whether a kind is a clear answer mark on its own (full, solid, stroke, circled).
bool IsClearMark(MarkKind kind);

// What a page's own bubbles say about how an empty bubble and a printed ring look on it.
struct PageLevels {
  double empty_coverage = 0;  // the coverage of an empty bubble (halftone, speckle)
  double empty_ink = 0;       // the `ink` of an empty bubble (paper grain, JPEG noise)
  double empty_peak = 0;      // the `peak` of an empty bubble (specks, salt-and-pepper noise)
  double ring = 1;            // the typical ring quality of its bubbles
  double empty_outside = 0;   // the `outside` of an empty bubble (the paper round it)
};

// The levels of the page whose bubbles are `scores`: the 40th percentile of their coverage, ink,
// peak and outside (most bubbles of a page are empty; coverage, ink and outside at most 0.15, peak
// at most 0.5), and the median ring quality. With fewer than 8 scores with coverage there is too
// little to learn from: {0, 0, 0, 1, 0}.
PageLevels PageLevelsOf(const std::vector<BubbleScore>& scores);

// The kind of mark in `score`, judged against its page's `levels` (PageLevelsOf). Pages without
// coverage use the legacy rules.
MarkKind ClassifyMark(const BubbleScore& score, const PageLevels& levels,
                      const MarkThresholds& thresholds);

// The evidence and the kind of mark in one line for people, e.g. "solid: coverage 0.83 (page's
// empty 0.01), fill 0.80, ink 0.95, crosses the ring in 2 sectors, strokes in 3 of 9 free halo
// sectors".
std::string DescribeMark(const BubbleScore& score, const PageLevels& levels,
                         const MarkThresholds& thresholds);


enum class ItemState {
  kBlank,     // no bubble marked
  kAnswered,  // one bubble (or, for multiple choice, a clear set)
  kMultiple,  // more than one solid fill on a single-answer item: an invalid answer
  kReview,    // marks the rules are unsure of: a person decides
};

std::string_view ItemStateName(ItemState state);  // "blank", "answered", "multiple", "review"

struct ItemReading {
  std::string item;
  ItemState state = ItemState::kBlank;
  std::vector<std::string> options;    // options read as chosen, in option order
  std::vector<std::string> uncertain;  // options a person should look at, in option order
  double confidence = 0;  // 0..1: how far the evidence is from the nearest threshold
  std::string why;        // one line for people: "one solid fill (4)", "crossed out 3, chose 4"
};

// Decides each item in `items` whose bubbles are all in `scores` (the scores of one page; items
// of other pages are skipped). Text items are skipped: their boxes are kept as images, not read.
//   single answer: nothing -> blank; one clear mark and nothing else -> answered; one crossed-out
//     fill and one other clear mark -> answered with the other (the form's way to change an
//     answer); two or more full fills, none with any stroke leaving it (which may be a thin X
//     crossing it out), and nothing else -> multiple; anything else -> review;
//   multiple choice: the clear marks are chosen, crossed-out fills are not; any faint or weak
//     mark -> review.
//   A stroke seen only in the halo of an empty bubble (kNearby) is a sibling's spill when the
//   item holds a clear mark, else it goes to a person.
std::vector<ItemReading> DecideItems(const std::vector<AnswerItem>& items,
                                     const std::vector<BubbleScore>& scores,
                                     const MarkThresholds& thresholds);

}  // namespace phieu
