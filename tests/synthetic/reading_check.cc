#include "tests/synthetic/reading_check.h"

#include <algorithm>
#include <map>

namespace phieu {
namespace {

std::string Join(const std::vector<std::string>& options) {
  if (options.empty()) return "blank";
  std::string text;
  for (const auto& o : options) text += (text.empty() ? "" : ";") + o;
  return text;
}

std::string ReadAs(const ItemReading& r) {
  if (r.state == ItemState::kMultiple) return "several marks (" + Join(r.options) + ")";
  return Join(r.options);
}

}  // namespace

void ReadingTally::Add(const ReadingTally& o) {
  items += o.items, correct += o.correct, review += o.review, misread += o.misread;
  missing += o.missing;
  clear_answers += o.clear_answers, clear_to_review += o.clear_to_review;
  unsure_as_blank += o.unsure_as_blank;
  for (const auto& m : o.misreads) {
    if (misreads.size() < 20) misreads.push_back(m);
  }
}

ReadingTally TallyPage(const std::vector<ItemReading>& readings,
                       const std::vector<ItemTruth>& truth) {
  std::map<std::string, const ItemReading*> by_item;
  for (const ItemReading& r : readings) by_item[r.item] = &r;
  ReadingTally tally;
  for (const ItemTruth& t : truth) {
    ++tally.items;
    const bool clear_answer = t.certainty == MarkCertainty::kClear && !t.intended.empty();
    tally.clear_answers += clear_answer;
    const auto found = by_item.find(t.item);
    if (found == by_item.end()) {
      ++tally.missing;
      continue;
    }
    const ItemReading& r = *found->second;
    bool right = false;
    switch (r.state) {
      case ItemState::kReview:
        ++tally.review;
        tally.clear_to_review += clear_answer;
        continue;
      case ItemState::kMultiple:
        right = t.intended.size() > 1 && r.options == t.intended;
        break;
      case ItemState::kBlank:
        if (t.certainty == MarkCertainty::kUnsure && !t.intended.empty()) {
          ++tally.unsure_as_blank;
          continue;
        }
        right = t.intended.empty();
        break;
      case ItemState::kAnswered:
        right = r.options == t.intended;
        if (!right && t.certainty == MarkCertainty::kUnsure &&
            std::includes(t.intended.begin(), t.intended.end(), r.options.begin(),
                          r.options.end())) {
          ++tally.unsure_as_blank;  // an unsure mark of a multiple-choice item not seen
          continue;
        }
        break;
    }
    if (right) {
      ++tally.correct;
      continue;
    }
    ++tally.misread;
    if (tally.misreads.size() < 20) {
      tally.misreads.push_back(t.item + ": meant " + Join(t.intended) + ", read " + ReadAs(r) +
                               " (" + std::string(MarkCertaintyName(t.certainty)) + ")");
    }
  }
  return tally;
}

}  // namespace phieu
