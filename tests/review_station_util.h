#pragma once
// Shared by the review station's tests: forms printed by `phieu`, one of them marked with known
// answers of which some are faint pencil marks (each one a mark the scanner is unsure of, so each
// waits for a person), scanned by `phieu scan`.

#include <map>
#include <string>
#include <vector>

#include "tests/scan_test_util.h"

namespace phieu::e2e {

class QueuedMarksTest : public PrintedFormsTest {
 protected:
  // Marks form 0 (seeded with `seed`), `faint` of its one-answer filled items made faint, writes
  // `writing` (box -> words) into its free-text boxes, and scans it into d.db. `meant_` gets
  // "CODE/ITEM" -> the option meant, for each faint mark.
  void ScanFormWithFaintMarks(int faint, std::uint64_t seed,
                              const std::map<std::string, int>& writing = {}) {
    AnswerPlan plan = Plan(seed);
    const std::vector<AnswerItem> items = AnswerItems(Template().survey);
    int made = 0;
    for (PenMark& mark : plan.marks) {
      if (made == faint) break;
      const AnswerItem* item = FindItem(items, mark.question);
      if (item == nullptr || item->kind == QuestionKind::kMulti || mark.style != MarkStyle::kFill) {
        continue;
      }
      const auto on_item = std::count_if(plan.marks.begin(), plan.marks.end(),
                                         [&](const PenMark& m) { return m.question == mark.question; });
      if (on_item != 1) continue;
      mark.style = MarkStyle::kFaintPencil;
      meant_[Code(0) + "/" + mark.question] = mark.option;
      ++made;
    }
    ASSERT_EQ(made, faint) << "the plan has too few one-answer filled items";
    WriteFormWithWriting(0, plan, seed, "scans", writing);
    ScanOk({"scans"});
  }

  std::map<std::string, std::string> meant_;
};

}  // namespace phieu::e2e
