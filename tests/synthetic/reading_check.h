#pragma once
// Checks a scanner's decisions against the known truth of a generated scan: the counts that the
// golden-set tests and the accuracy benchmark are judged by. A misread — an answer the scanner
// is sure of that differs from what the respondent meant, a mark read as blank included — is the
// worst outcome; a review costs a person's time but is never wrong.

#include <string>
#include <vector>

#include "core/mark_decision.h"
#include "tests/synthetic/answer_plan.h"

namespace phieu {

struct ReadingTally {
  int items = 0;    // answer items checked
  int correct = 0;  // answered or blank exactly as meant
  int review = 0;   // sent to a person (unsure marks, several marks on a single-answer item)
  int misread = 0;  // confidently wrong
  int missing = 0;  // items of the truth the scanner gave no decision for
  std::vector<std::string> misreads;  // "Q9.4: meant 4, read 3" (the first few)

  void Add(const ReadingTally& other);
  double ReviewPercent() const { return items ? 100.0 * review / items : 0; }
};

// Compares `readings` of one page with the page's `truth` (items of that page only).
ReadingTally TallyPage(const std::vector<ItemReading>& readings,
                       const std::vector<ItemTruth>& truth);

}  // namespace phieu
