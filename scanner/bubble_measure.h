#pragma once
// Measures every bubble and free-text box of a registered page. Each bubble is first re-centred
// on its printed ring within a few pixels of where the transform puts it (print and scan drift),
// then its inside — the ring excluded — is scored against the page's own paper and ink levels.

#include <string>
#include <vector>

#include "core/layout.h"
#include "core/mark_decision.h"
#include "scanner/bubble_surroundings.h"
#include "scanner/fold_lines.h"
#include "scanner/grey_image.h"
#include "scanner/registration.h"

namespace phieu {

// The scores of every bubble of `page`, in layout order; `around` is PageSurroundingsOf(page).
// Where one of `folds` (found on the page, their shadow already lifted from `image`) runs out of
// a bubble, no stroke is counted in those sectors (FoldSectors).
std::vector<BubbleScore> MeasureBubbles(const GreyImage& image, const LayoutPage& page,
                                        const Registration& registration,
                                        const PageSurroundings& around,
                                        const std::vector<FoldLine>& folds = {});

// How clearly the page's printed bubble rings show where `transform` puts them (mean ring
// darkness, 0..1, no search): high only for the right page of the right template.
double PrintedRingScore(const GreyImage& image, const LayoutPage& page,
                        const Registration& registration);

struct TextBoxInk {
  std::string question;
  double ink = 0;        // fraction of the box's inside that is dark
  bool has_ink = false;  // something was written
};

// Whether each free-text box has writing in it (its printed border excluded).
std::vector<TextBoxInk> MeasureTextBoxes(const GreyImage& image, const LayoutPage& page,
                                         const Registration& registration);

}  // namespace phieu
