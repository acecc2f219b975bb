#include "verify/channel_forms.h"

#include <algorithm>
#include <unordered_map>

#include "core/text.h"

namespace phieu {

std::vector<FormResult> ChannelForms(const std::vector<AnswerItem>& items,
                                     const std::vector<StoredChannelResponse>& responses) {
  // Item codes looked up once, not one map per response: a million responses go through here.
  std::vector<const AnswerItem*> answerable;
  std::unordered_map<std::string, std::size_t> slot_of;
  for (const AnswerItem& item : items) {
    if (item.kind == QuestionKind::kText) continue;
    slot_of.emplace(item.code, answerable.size());
    answerable.push_back(&item);
  }
  std::vector<const std::string*> values(answerable.size());
  std::vector<FormResult> forms;
  forms.reserve(responses.size());
  for (const StoredChannelResponse& stored : responses) {
    const ChannelResponse& r = stored.response;
    FormResult f;
    f.code = stored.channel + ":" + r.external_id;
    f.unit = r.unit;
    f.channel = stored.channel;
    f.answered_on = r.answered_on;
    f.verdict = Verdict::kAccepted;
    std::fill(values.begin(), values.end(), nullptr);
    // The first answer to an item wins, as the map built from them kept it.
    for (const auto& [item, value] : r.answers) {
      const auto slot = slot_of.find(item);
      if (slot != slot_of.end() && values[slot->second] == nullptr) values[slot->second] = &value;
    }
    f.answers.resize(answerable.size());
    for (std::size_t i = 0; i < answerable.size(); ++i) {
      Answer& a = f.answers[i];
      a.item = answerable[i]->code;
      if (values[i] == nullptr) {
        a.state = AnswerState::kMissing;
      } else if (values[i]->empty()) {
        a.state = AnswerState::kBlank;
      } else {
        a.state = AnswerState::kAnswered;
        a.options = Split(*values[i], ';');
      }
    }
    forms.push_back(std::move(f));
  }
  return forms;
}

}  // namespace phieu
