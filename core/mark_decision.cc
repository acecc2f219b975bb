#include "core/mark_decision.h"

#include <map>

namespace phieu {

MarkState DecideMark(const BubbleScore& s, const MarkThresholds& t) {
  if (s.fill < t.empty_below) return MarkState::kEmpty;
  if (s.fill >= t.solid_from && s.outside >= t.struck_outside) return MarkState::kAmbiguous;
  if (s.fill >= t.filled_from && s.ink >= t.strong_ink) return MarkState::kFilled;
  return MarkState::kAmbiguous;
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
                                     const MarkThresholds& thresholds) {
  std::map<std::pair<std::string, std::string>, const BubbleScore*> by_bubble;
  for (const BubbleScore& s : scores) by_bubble[{s.item, s.option}] = &s;
  std::vector<ItemReading> readings;
  for (const AnswerItem& item : items) {
    if (item.kind == QuestionKind::kText || item.options.empty()) continue;
    ItemReading reading{item.code, ItemState::kBlank, {}, {}};
    bool complete = true;
    for (const Option& option : item.options) {
      const auto found = by_bubble.find({item.code, option.code});
      if (found == by_bubble.end()) {
        complete = false;
        break;
      }
      switch (DecideMark(*found->second, thresholds)) {
        case MarkState::kFilled: reading.options.push_back(option.code); break;
        case MarkState::kAmbiguous: reading.uncertain.push_back(option.code); break;
        case MarkState::kEmpty: break;
      }
    }
    if (!complete) continue;
    if (!reading.uncertain.empty()) {
      reading.state = ItemState::kReview;
    } else if (reading.options.empty()) {
      reading.state = ItemState::kBlank;
    } else if (reading.options.size() > 1 && item.kind != QuestionKind::kMulti) {
      reading.state = ItemState::kMultiple;
    } else {
      reading.state = ItemState::kAnswered;
    }
    readings.push_back(std::move(reading));
  }
  return readings;
}

}  // namespace phieu
