#include "core/mark_decision.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <map>

namespace phieu {
namespace {

constexpr int kAllSectors = (1 << kHaloSectors) - 1;

// How many separate runs of set bits `mask` has around the circle: the directions that strokes
// leave a bubble in (an X has four, a tick one or two, a spill over the ring one).
int Runs(int mask) {
  mask &= kAllSectors;
  if (mask == kAllSectors) return 1;
  int runs = 0;
  for (int i = 0; i < kHaloSectors; ++i) {
    const bool here = mask & (1 << i);
    const bool before = mask & (1 << ((i + kHaloSectors - 1) % kHaloSectors));
    runs += here && !before;
  }
  return runs;
}

// Whether `mask` has two sectors at least `apart` sectors from each other (either way round).
bool SectorsApart(int mask, int apart) {
  for (int i = 0; i < kHaloSectors; ++i) {
    for (int j = i + 1; j < kHaloSectors; ++j) {
      const int between = std::min(j - i, kHaloSectors - (j - i));
      if ((mask & (1 << i)) && (mask & (1 << j)) && between >= apart) return true;
    }
  }
  return false;
}

// Whether the sectors of `mask` lie all round the bubble: two of them at least 150 degrees
// apart. A circle round this option does; the arc of a circle drawn round a neighbour, passing
// on one side only, does not (long run round 1006).
bool AllRound(int mask) { return SectorsApart(mask, 5); }

// Whether a stroke crosses the ring in exactly two places at least 120 degrees apart: a line
// running through the bubble, in on one side and out on the other.
bool PassesThrough(int mask) {
  mask &= kAllSectors;
  return Runs(mask) == 2 && SectorsApart(mask, 4);
}

MarkKind LegacyKind(const BubbleScore& s, const MarkThresholds& t) {
  if (s.fill < t.empty_below) return MarkKind::kEmpty;
  if (s.fill >= t.solid_from && s.outside >= t.struck_outside) return MarkKind::kWeak;
  if (s.fill >= t.filled_from && s.ink >= t.strong_ink) return MarkKind::kFull;
  return MarkKind::kWeak;
}

// How far `value` is beyond `threshold` relative to `scale`, in 0..1.
double Margin(double value, double threshold, double scale) {
  return std::clamp((value - threshold) / scale, 0.0, 1.0);
}

std::string Join(const std::vector<std::string>& options) {
  std::string text;
  for (const auto& o : options) text += (text.empty() ? "" : ", ") + o;
  return text;
}

// Whether the ink inside is shaped like a pen stroke drawn across the bubble (a small tick or X
// that stays inside the ring): reaching most of the way across in thin lines. A dot does not
// reach far; a partial fill is thick.
bool StrokeShaped(const BubbleScore& s, const MarkThresholds& t) {
  return s.span >= t.stroke_span && s.thickness <= t.stroke_thickness;
}

// Whether a mark too light or broken to be a stroke by the rules above is a light pen line that
// leaves the bubble: a tick on a laser print (the MarkThresholds light_stroke_ fields).
// A light line running straight through the bubble, in on one side and out on the other, is what
// a crease's shadow looks like where the fold was not found (long run round 1111: read as a
// second answer of a multiple-answer item); a light tick's vertex lies inside or at the ring.
bool LightStroke(const BubbleScore& s, double coverage, int arms, const MarkThresholds& t) {
  const bool crossed = (s.cross_mask & kAllSectors) != 0;
  return coverage >= t.light_stroke_coverage && s.peak >= t.light_stroke_peak &&
         s.span >= (crossed ? t.light_stroke_span : t.light_stroke_reach) &&
         s.thickness <= t.light_stroke_thickness && arms >= 1 && !s.long_line &&
         !PassesThrough(s.cross_mask);
}

// How dark a pen stroke's core (`peak`) is at least on this page: strong_ink on a sharp scan,
// less where the page's own printed rings show that blur lightens thin lines.
double StrokeInk(const PageLevels& page, const MarkThresholds& t) {
  return t.strong_ink * std::clamp(page.ring / t.sharp_ring, t.blurred_share, 1.0);
}

// The kind of mark from the evidence, `coverage` already above the page's empty level.
MarkKind KindFromEvidence(const BubbleScore& s, double coverage, const PageLevels& page, int arms,
                          bool crossed, int halo, int free, const MarkThresholds& t) {
  const double stroke_ink = StrokeInk(page, t);
  if (coverage >= t.solid_coverage) {
    // Light on average: a pencil shading, or a thin X or tick on a small bubble scanned at low
    // resolution or blurred, whose strokes' cores are still dark and cross the ring.
    if (s.ink < t.strong_ink) {
      return s.peak >= stroke_ink && crossed ? MarkKind::kStroke : MarkKind::kFaint;
    }
    // Not quite filled, but ink as thick as a fill's with an X's arms leaving it: perhaps a fill
    // crossed out that halftone or a hurried hand left short of full (long run round 1309: read
    // as an answer in a multiple-answer item). A person looks.
    if (coverage < t.full_coverage) {
      return arms >= t.struck_arms && halo >= 2 && s.thickness >= t.struck_thickness
                 ? MarkKind::kMaybeStruck
                 : MarkKind::kSolid;
    }
    // An X's arms run on beyond the ring into the halo. A fill that only pokes past its ring in
    // several places (a black-and-white scan's ragged edge, long run round 1209: an answer read
    // as crossed out and lost) or an X too small to leave the ring: a person looks.
    if (arms >= t.struck_arms) {
      return halo >= 2 ? MarkKind::kStruck : MarkKind::kMaybeStruck;
    }
    // Strokes reaching out into the halo in two separate directions (a messy fill's spill is one
    // patch): perhaps an X over it.
    return Runs(s.halo_mask & s.free_mask) >= 2 ? MarkKind::kMaybeStruck : MarkKind::kFull;
  }
  // A fold or crease through the bubble looks like a stroke: only a fill under it is read. Its
  // own crossings of the ring are not counted (scanner/fold_lines.h); a ring crossed in two
  // sectors besides is a pen's stroke the fold's lifted shadow left little of (long run round
  // 1110: a tick read as blank).
  if (s.long_line) {
    const int crossings = std::popcount(static_cast<unsigned>(s.cross_mask & kAllSectors));
    return coverage >= t.blank_coverage || halo > 0 || crossings >= 2 ? MarkKind::kWeak
                                                                       : MarkKind::kEmpty;
  }
  if (coverage >= t.blank_coverage) {
    // A pen stroke: a dark core and a stroke crossing the ring, or a small tick or X shaped as
    // one inside it. (A lighter core is not enough:
    // a crease's line is as light, long run round 1007. Ink inside and a stroke in the halo
    // that do not meet at the ring are not one stroke: real stray touches with cores of 0.46
    // and 0.61 were read so, long run rounds 1025 and 1116.)
    if (coverage >= t.stroke_coverage && s.peak >= stroke_ink &&
        (crossed || StrokeShaped(s, t))) {
      return MarkKind::kStroke;
    }
    if (LightStroke(s, coverage, arms, t)) return MarkKind::kStroke;
    return s.fill >= t.faint_fill && s.peak < t.strong_ink ? MarkKind::kFaint : MarkKind::kWeak;
  }
  // Next to nothing inside: a circle drawn round it, a light shading, a stroke touching it (a
  // tick drawn beside the bubble), or nothing. Any stroke goes to a person: read as blank, a mark
  // someone meant would be lost.
  if (halo >= 4 && halo >= t.circled_share * free && AllRound(s.halo_mask & s.free_mask)) {
    return MarkKind::kCircled;
  }
  if (s.fill >= t.faint_fill) return MarkKind::kFaint;
  if (LightStroke(s, coverage, arms, t)) return MarkKind::kStroke;
  if (crossed || s.ink >= t.trace_ink || s.ink >= page.empty_ink + t.trace_above ||
      s.peak >= page.empty_peak + t.trace_peak_above || halo > 2) {
    return MarkKind::kWeak;
  }
  if (halo > 0) return MarkKind::kNearby;
  return MarkKind::kEmpty;
}

// Whether the bubble would be empty but for strokes crossing or touching its ring and in its halo.
bool OnlyStrokesAround(const BubbleScore& s, const PageLevels& page, const MarkThresholds& t) {
  BubbleScore inside_only = s;
  inside_only.cross_mask = inside_only.halo_mask = 0;
  inside_only.long_line = false;
  return ClassifyMark(inside_only, page, t) == MarkKind::kEmpty;
}

}  // namespace

std::string_view MarkKindName(MarkKind kind) {
  switch (kind) {
    case MarkKind::kEmpty: return "empty";
    case MarkKind::kFull: return "filled";
    case MarkKind::kSolid: return "solid";
    case MarkKind::kStroke: return "stroke";
    case MarkKind::kCircled: return "circled";
    case MarkKind::kStruck: return "crossed-out";
    case MarkKind::kMaybeStruck: return "crossed-out?";
    case MarkKind::kFaint: return "faint";
    case MarkKind::kWeak: return "weak";
    case MarkKind::kNearby: return "stroke nearby";
  }
  return "?";
}

int StrokeSectors(const BubbleScore& s) {
  return std::popcount(static_cast<unsigned>(s.cross_mask | (s.halo_mask & s.free_mask)) &
                       static_cast<unsigned>(kAllSectors));
}

int StrokeArms(const BubbleScore& s) {
  return Runs(s.cross_mask | (s.halo_mask & s.free_mask));
}

bool IsClearMark(MarkKind kind) {
  return kind == MarkKind::kFull || kind == MarkKind::kSolid || kind == MarkKind::kStroke ||
         kind == MarkKind::kCircled;
}

PageLevels PageLevelsOf(const std::vector<BubbleScore>& scores) {
  std::vector<double> coverage, ink, peak, ring, outside;
  for (const BubbleScore& s : scores) {
    if (s.coverage < 0) continue;
    coverage.push_back(s.coverage), ink.push_back(s.ink), peak.push_back(s.peak);
    ring.push_back(s.ring), outside.push_back(s.outside);
  }
  // Too few bubbles to learn an empty one's look from.
  if (coverage.size() < 8) return {};
  PageLevels levels;
  // A low quantile: most bubbles of a page are empty.
  const auto low = coverage.begin() + static_cast<std::ptrdiff_t>(coverage.size() * 2 / 5);
  std::nth_element(coverage.begin(), low, coverage.end());
  levels.empty_coverage = std::min(*low, 0.15);
  const auto low_ink = ink.begin() + static_cast<std::ptrdiff_t>(ink.size() * 2 / 5);
  std::nth_element(ink.begin(), low_ink, ink.end());
  levels.empty_ink = std::min(*low_ink, 0.15);
  const auto low_peak = peak.begin() + static_cast<std::ptrdiff_t>(peak.size() * 2 / 5);
  std::nth_element(peak.begin(), low_peak, peak.end());
  levels.empty_peak = std::min(*low_peak, 0.5);
  const auto low_outside = outside.begin() + static_cast<std::ptrdiff_t>(outside.size() * 2 / 5);
  std::nth_element(outside.begin(), low_outside, outside.end());
  levels.empty_outside = std::min(*low_outside, 0.15);
  const auto middle = ring.begin() + static_cast<std::ptrdiff_t>(ring.size() / 2);
  std::nth_element(ring.begin(), middle, ring.end());
  levels.ring = *middle;
  return levels;
}

MarkKind ClassifyMark(const BubbleScore& s, const PageLevels& page, const MarkThresholds& t) {
  if (s.coverage < 0) return LegacyKind(s, t);
  const double coverage = s.coverage - page.empty_coverage;
  const int free = std::popcount(static_cast<unsigned>(s.free_mask & kAllSectors));
  const int halo = std::popcount(static_cast<unsigned>(s.halo_mask & s.free_mask & kAllSectors));
  const int arms = StrokeArms(s);
  const bool crossed = (s.cross_mask & kAllSectors) != 0;
  const MarkKind kind = KindFromEvidence(s, coverage, page, arms, crossed, halo, free, t);
  // A dot inside a bubble whose ring was found a little less clearly than the page's others (a
  // crease runs by it): the crease's line crossing the ring beside the dot looks like a stroke
  // leaving it (long run rounds 1132, 1312, 1318: real stray dots read as answers). A person looks.
  if (kind == MarkKind::kStroke && s.span >= 0 && s.span < t.dot_span &&
      s.ring < t.creased_ring * page.ring) {
    return MarkKind::kWeak;
  }
  // A bubble whose ring was not clearly found (a fold through it, placed from its neighbours):
  // pieces of its broken ring look like strokes, so only a fill is read there. With next to
  // nothing inside, the fold line itself crosses the ring and the halo: "stroke nearby" (ignored
  // beside a sibling's clear mark, else a person looks).
  if (s.ring >= t.trusted_ring * page.ring || kind == MarkKind::kEmpty ||
      kind == MarkKind::kFull || kind == MarkKind::kStruck || kind == MarkKind::kMaybeStruck ||
      kind == MarkKind::kNearby) {
    return kind;
  }
  // A circle drawn round the option confuses the search for its ring; a fold's line runs through
  // the halo in two separate places, a circle round it all in one. Sectors where the halo cannot
  // be seen (print, a neighbour nearer) do not part the circle's arc: they are bridged.
  const int seen_or_bridged = (s.halo_mask & s.free_mask) | (~s.free_mask & kAllSectors);
  if (kind == MarkKind::kCircled && Runs(seen_or_bridged) == 1 && 4 * halo >= 3 * free) {
    return kind;
  }
  // Only a line's evidence: it leaves the halo in at most two places and meets the ring in at
  // most four sectors (where it goes in and where it comes out). Strokes in three separate
  // directions, or ink meeting the ring all round, are a circle round the option that hid its
  // ring (long run round 1017: read as nothing beside the item's fills, an option lost; round
  // 1902: a circle meeting the ring in 7 sectors, the same).
  const bool line_like = Runs(s.halo_mask & s.free_mask) <= 2 &&
                         std::popcount(static_cast<unsigned>(s.cross_mask & kAllSectors)) <= 4;
  return kind == MarkKind::kWeak && coverage < t.blank_coverage && line_like ? MarkKind::kNearby
                                                                             : MarkKind::kWeak;
}

std::string DescribeMark(const BubbleScore& s, const PageLevels& page, const MarkThresholds& t) {
  char text[400];
  const MarkKind kind = ClassifyMark(s, page, t);
  if (s.coverage < 0) {
    std::snprintf(text, sizeof text, "%s: fill %.2f, ink %.2f, outside %.2f (read before phieu "
                  "measured coverage)", std::string(MarkKindName(kind)).c_str(), s.fill, s.ink,
                  s.outside);
    return text;
  }
  const unsigned all = kAllSectors;
  char shape[64] = "";
  if (s.span >= 0) {
    std::snprintf(shape, sizeof shape, ", its ink reaching %.2f across in strokes %.2f thick",
                  s.span, s.thickness);
  }
  std::snprintf(text, sizeof text,
                "%s: coverage %.2f (page's empty %.2f), fill %.2f, ink %.2f, peak %.2f%s, crosses "
                "the ring in %d sectors, strokes in %d of %d free halo sectors, outside %.2f, "
                "ring %.2f%s",
                std::string(MarkKindName(kind)).c_str(), s.coverage, page.empty_coverage, s.fill,
                s.ink, s.peak, shape,
                std::popcount(static_cast<unsigned>(s.cross_mask) & all),
                std::popcount(static_cast<unsigned>(s.halo_mask & s.free_mask) & all),
                std::popcount(static_cast<unsigned>(s.free_mask) & all), s.outside, s.ring,
                s.long_line ? ", on a long straight line (a fold?)" : "");
  return text;
}

std::string_view ItemStateName(ItemState state) {
  switch (state) {
    case ItemState::kBlank: return "blank";
    case ItemState::kAnswered: return "answered";
    case ItemState::kMultiple: return "multiple";
    case ItemState::kReview: return "review";
  }
  return "?";
}

std::vector<ItemReading> DecideItems(const std::vector<AnswerItem>& items,
                                     const std::vector<BubbleScore>& scores,
                                     const MarkThresholds& t) {
  std::map<std::pair<std::string, std::string>, const BubbleScore*> by_bubble;
  for (const BubbleScore& s : scores) by_bubble[{s.item, s.option}] = &s;
  const PageLevels page = PageLevelsOf(scores);
  std::vector<ItemReading> readings;
  for (const AnswerItem& item : items) {
    if (item.kind == QuestionKind::kText || item.options.empty()) continue;
    std::vector<std::pair<const Option*, const BubbleScore*>> bubbles;
    for (const Option& option : item.options) {
      const auto found = by_bubble.find({item.code, option.code});
      if (found == by_bubble.end()) break;
      bubbles.emplace_back(&option, found->second);
    }
    if (bubbles.size() != item.options.size()) continue;

    ItemReading reading{item.code, ItemState::kBlank, {}, {}, 1.0, ""};
    const bool multi = item.kind == QuestionKind::kMulti;
    std::vector<std::string> clear, full, struck, doubtful, nearby;
    // Sectors where strokes leave each full fill: any may be a thin X crossing it out, so only
    // fills with none make "several marks" (the form's changed answer is never read as that).
    std::vector<int> full_arms;
    // Ink round each full fill and round the item's empty bubbles (a light X's arms, too light
    // to count as strokes, still darken the paper round the fill).
    std::vector<double> full_outside;
    double empty_outside = -1;
    // Confidence: the weakest margin of any bubble from the threshold it was judged by.
    double confidence = 1.0;
    std::vector<MarkKind> kinds;
    for (const auto& bubble : bubbles) kinds.push_back(ClassifyMark(*bubble.second, page, t));
    // Whether the bubble before or after bubble i in the item has a mark that `is`.
    const auto beside = [&](std::size_t i, const auto& is) {
      for (const std::size_t j : {i - 1, i + 1}) {
        if (j < kinds.size() && is(kinds[j], *bubbles[j].second)) return true;
      }
      return false;
    };
    // Strokes round a bubble that reach out from its neighbour's mark: a circle round a
    // neighbour, a large X over it (long run round 1007: the arc of one and the arm of the
    // other made a "circle" round the bubble between them).
    const auto strokes_beside = [&](std::size_t i) {
      return beside(i, [](MarkKind k, const BubbleScore&) {
        return k == MarkKind::kCircled || k == MarkKind::kStruck || k == MarkKind::kMaybeStruck ||
               k == MarkKind::kStroke;
      });
    };
    // ... or from a neighbour's fill or scribble with strokes leaving it (an X on a small
    // bubble is solid).
    const auto reaches_beside = [&](std::size_t i) {
      return strokes_beside(i) || beside(i, [](MarkKind k, const BubbleScore& s) {
               return (k == MarkKind::kFull || k == MarkKind::kSolid) && StrokeSectors(s) > 0;
             });
    };
    // ... or from a neighbour's solid mark whose strokes leave it: an X on a small bubble, or a
    // tick heavy enough to be solid there, whose arm passes this bubble's ring as a stroke
    // neighbour's would (twelfth session: B's X beside a fill in a multiple-answer item sent to
    // a person; thirteenth: the same from a heavy tick's one arm).
    const auto solid_reaching_beside = [&](std::size_t i) {
      return beside(i, [](MarkKind k, const BubbleScore& s) {
        return k == MarkKind::kSolid && StrokeArms(s) >= 1;
      });
    };
    for (std::size_t i = 0; i < bubbles.size(); ++i) {
      if (kinds[i] == MarkKind::kEmpty) {
        empty_outside = std::max(empty_outside, bubbles[i].second->outside);
      }
    }
    // Surroundings darker than the item's empty bubbles' (by `several_outside_above`), or, in
    // an item with every bubble marked, than the page's (long run round 1531: a yes/no item, the
    // "no" filled and crossed out with an X too light at 150 dpi to count as strokes, the "yes"
    // filled: read as several marks).
    const auto darker_round = [&](double outside) {
      const double around = empty_outside >= 0 ? empty_outside : page.empty_outside;
      return outside > around + t.several_outside_above;
    };
    const auto clear_elsewhere = [&](std::size_t i) {
      for (std::size_t j = 0; j < kinds.size(); ++j) {
        if (j != i && IsClearMark(kinds[j])) return true;
      }
      return false;
    };
    for (std::size_t i = 0; i < bubbles.size(); ++i) {
      const auto& [option, score] = bubbles[i];
      MarkKind kind = kinds[i];
      if (kind == MarkKind::kCircled && strokes_beside(i)) kind = MarkKind::kWeak;
      // A fill's strokes may be a neighbour's arms: crossed out only when no neighbour's mark
      // reaches out (long run round 1112: an X's arms over the fill beside it took that
      // answer out of a multiple-answer item).
      if (kind == MarkKind::kStruck && reaches_beside(i)) kind = MarkKind::kMaybeStruck;
      // In a multiple-answer item a fill is taken as it is: one crossing its ring in two places
      // with its surroundings darkened may be crossed out by an X whose arms fade out before
      // the halo (long run rounds 1113 and 1114: read as an answer).
      if (kind == MarkKind::kFull && multi && StrokeArms(*score) >= 2 &&
          darker_round(score->outside)) {
        kind = MarkKind::kMaybeStruck;
      }
      // Nothing in it but a line or two passing by its ring, in a single-answer item that holds
      // a clear mark: that mark's arm, a crease's line. (In a multiple-answer item it may be a
      // second answer drawn beside its bubble: a person looks.)
      if (kind == MarkKind::kWeak && !multi && clear_elsewhere(i) && StrokeSectors(*score) <= 3 &&
          StrokeArms(*score) <= 2 && OnlyStrokesAround(*score, page, t)) {
        kind = MarkKind::kNearby;
      }
      // A single line straight through the bubble beside a neighbour's stroke, or beside a
      // neighbour's solid mark with strokes leaving it: perhaps that mark's arm running on (long
      // run round 1027: a tick's long arm through the option above it, read as an option too
      // many; round 1967: the same from a tick heavy enough to be solid on its small bubble).
      // So is a light line seen inside and in the halo but crossing the ring nowhere (a stroke
      // only by the light-stroke rule) beside such a mark (long run round 1202: a tick's arm
      // running into the next option of a multiple-answer item, 0.48 across it, read as an
      // option too many).
      const bool light_uncrossed = (score->cross_mask & kAllSectors) == 0 &&
                                   !StrokeShaped(*score, t);
      if (kind == MarkKind::kStroke &&
          (PassesThrough(score->cross_mask) || light_uncrossed) && reaches_beside(i)) {
        kind = MarkKind::kWeak;
      }
      const double coverage =
          score->coverage < 0 ? score->fill : score->coverage - page.empty_coverage;
      switch (kind) {
        case MarkKind::kEmpty:
          confidence = std::min(confidence, Margin(t.blank_coverage, coverage, t.blank_coverage));
          break;
        case MarkKind::kFull:
          full.push_back(option->code);
          full_arms.push_back(StrokeSectors(*score));
          full_outside.push_back(score->outside);
          clear.push_back(option->code);
          confidence = std::min(confidence, Margin(coverage, t.solid_coverage, 0.3));
          break;
        case MarkKind::kSolid:
          clear.push_back(option->code);
          confidence = std::min(confidence, Margin(coverage, t.solid_coverage, 0.3));
          break;
        case MarkKind::kStroke:
        case MarkKind::kCircled:
          clear.push_back(option->code);
          confidence = std::min(confidence, 0.5 + Margin(coverage, t.stroke_coverage, 0.2) / 2);
          break;
        case MarkKind::kStruck:
          struck.push_back(option->code);
          confidence = std::min(confidence, 0.5);
          break;
        case MarkKind::kFaint:
        case MarkKind::kWeak:
        case MarkKind::kMaybeStruck:
          doubtful.push_back(option->code);
          confidence = 0;
          break;
        case MarkKind::kNearby:
          // In a multiple-answer item, strokes round an empty bubble with no neighbour's mark to
          // come from may be an answer of their own (long run round 1029: part of a circle round
          // the option, ignored beside a fill further down: an option lost).
          {
            const bool from_neighbour =
                strokes_beside(i) || (solid_reaching_beside(i) && StrokeSectors(*score) <= 2);
            (multi && !from_neighbour && score->ring >= t.trusted_ring * page.ring ? doubtful
                                                                                    : nearby)
                .push_back(option->code);
          }
          break;
      }
    }
    // A stroke seen only around an empty bubble is the spill of a sibling's mark (a large X, a
    // circle, a tick's arm) when the item holds one; otherwise a person looks.
    if (clear.empty() && struck.empty()) {
      doubtful.insert(doubtful.end(), nearby.begin(), nearby.end());
      if (!nearby.empty()) confidence = 0;
    } else if (!nearby.empty()) {
      confidence = std::min(confidence, 0.5);
    }
    if (!doubtful.empty()) {
      reading.state = ItemState::kReview;
      reading.uncertain = doubtful;
      reading.why = "faint, unclear or perhaps crossed-out mark at " + Join(doubtful);
    } else if (multi) {
      reading.state = clear.empty() ? ItemState::kBlank : ItemState::kAnswered;
      reading.options = clear;
      reading.why = clear.empty() ? "no mark" : "marked " + Join(clear);
      if (!struck.empty()) reading.why += "; crossed out " + Join(struck);
      if (clear.empty() && !struck.empty()) {
        reading.state = ItemState::kReview;
        reading.uncertain = struck;
        reading.why = "only crossed-out marks (" + Join(struck) + ")";
      }
    } else if (!struck.empty()) {
      if (struck.size() == 1 && clear.size() == 1) {
        reading.state = ItemState::kAnswered;
        reading.options = clear;
        reading.why = "answer changed: crossed out " + struck[0] + ", chose " + clear[0];
      } else {
        reading.state = ItemState::kReview;
        reading.uncertain = struck;
        reading.uncertain.insert(reading.uncertain.end(), clear.begin(), clear.end());
        reading.why = "crossed out " + Join(struck) +
                      (clear.empty() ? " and nothing else chosen" : " with several others marked");
      }
    } else if (clear.empty()) {
      reading.why = "no mark";
    } else if (clear.size() == 1) {
      reading.state = ItemState::kAnswered;
      reading.options = clear;
      reading.why = "one clear mark (" + clear[0] + ")";
    } else if (full.size() == clear.size() &&
               std::all_of(full_arms.begin(), full_arms.end(), [](int a) { return a == 0; }) &&
               std::none_of(full_outside.begin(), full_outside.end(), darker_round)) {
      reading.state = ItemState::kMultiple;
      reading.options = clear;
      reading.why = "several filled bubbles (" + Join(clear) + ")";
    } else {
      reading.state = ItemState::kReview;
      reading.uncertain = clear;
      reading.why = "several marks that are not all filled bubbles (" + Join(clear) + ")";
    }
    if (reading.state == ItemState::kReview) confidence = 0;
    std::sort(reading.uncertain.begin(), reading.uncertain.end(),
              [&](const std::string& a, const std::string& b) {
                auto index = [&](const std::string& code) {
                  for (std::size_t i = 0; i < item.options.size(); ++i) {
                    if (item.options[i].code == code) return i;
                  }
                  return item.options.size();
                };
                return index(a) < index(b);
              });
    reading.confidence = confidence;
    readings.push_back(std::move(reading));
  }
  return readings;
}

}  // namespace phieu
