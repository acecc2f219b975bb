#include "verify/channel_forms.h"

#include <map>

#include "core/text.h"

namespace phieu {

std::vector<FormResult> ChannelForms(const std::vector<AnswerItem>& items,
                                     const std::vector<StoredChannelResponse>& responses) {
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
    const std::map<std::string, std::string> values(r.answers.begin(), r.answers.end());
    for (const AnswerItem& item : items) {
      if (item.kind == QuestionKind::kText) continue;
      Answer a;
      a.item = item.code;
      const auto value = values.find(item.code);
      if (value == values.end()) {
        a.state = AnswerState::kMissing;
      } else if (value->second.empty()) {
        a.state = AnswerState::kBlank;
      } else {
        a.state = AnswerState::kAnswered;
        a.options = Split(value->second, ';');
      }
      f.answers.push_back(std::move(a));
    }
    forms.push_back(std::move(f));
  }
  return forms;
}

}  // namespace phieu
