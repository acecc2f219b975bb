#pragma once
// Checks a scanner's decisions against the known truth of a generated scan: the counts that the
// golden-set tests and the accuracy benchmark are judged by. A misread — a definite answer read as
// another option, as blank or as "several marks" — is the worst outcome; a review costs a
// person's time but is never wrong.

#include <string>
#include <vector>

#include "core/mark_decision.h"
#include "synthetic/answer_plan.h"

namespace phieu {

struct ReadingTally {
  int items = 0;    // answer items checked
  int correct = 0;  // answered, blank or "several marks" exactly as meant
  int review = 0;   // sent to a person
  int misread = 0;  // confidently wrong
  int missing = 0;  // items of the truth the scanner gave no decision for (page not read)
  int clear_answers = 0;     // items answered with clear marks only (kClear, not blank)
  int clear_to_review = 0;   // ... of them sent to a person
  int unsure_as_blank = 0;   // kUnsure items with a meant answer read as blank, or without one
                             // of their meant options (not a misread: the mark may be too
                             // faint to see; counted apart)
  std::vector<std::string> misreads;  // "Q9.4: meant 4, read 3 (clear)" (the first few)

  void Add(const ReadingTally& other);
  double ReviewPercent() const { return items ? 100.0 * review / items : 0; }
  double ClearToReviewPercent() const {
    return clear_answers ? 100.0 * clear_to_review / clear_answers : 0;
  }
};

// Compares `readings` of one page with the page's `truth` (items of that page only). Judged by
// the truth's certainty (answer_plan.h): kClear items must read as meant (review is counted, and
// for answered items also as clear_to_review); kChanged items may also go to review; kUnsure
// items may go to review or read blank (unsure_as_blank). "Several marks" is right only when
// several options were meant on the item.
ReadingTally TallyPage(const std::vector<ItemReading>& readings,
                       const std::vector<ItemTruth>& truth);

}  // namespace phieu
