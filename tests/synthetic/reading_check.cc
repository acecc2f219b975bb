#include "tests/synthetic/reading_check.h"

#include <map>

namespace phieu {
namespace {

std::string Join(const std::vector<std::string>& options) {
  if (options.empty()) return "blank";
  std::string text;
  for (const auto& o : options) text += (text.empty() ? "" : ";") + o;
  return text;
}

}  // namespace

void ReadingTally::Add(const ReadingTally& o) {
  items += o.items, correct += o.correct, review += o.review, misread += o.misread;
  missing += o.missing;
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
    const auto found = by_item.find(t.item);
    if (found == by_item.end()) {
      ++tally.missing;
      continue;
    }
    const ItemReading& r = *found->second;
    switch (r.state) {
      case ItemState::kReview:
      case ItemState::kMultiple:
        ++tally.review;
        break;
      case ItemState::kBlank:
      case ItemState::kAnswered:
        if (r.options == t.intended) {
          ++tally.correct;
        } else {
          ++tally.misread;
          if (tally.misreads.size() < 20) {
            tally.misreads.push_back(t.item + ": meant " + Join(t.intended) + ", read " + Join(r.options));
          }
        }
        break;
    }
  }
  return tally;
}

}  // namespace phieu
