#include "reports/tally.h"

#include <set>
#include <stdexcept>

namespace phieu {
namespace {

const AnswerItem* FindItem(const std::vector<AnswerItem>& items, const std::string& code) {
  for (const AnswerItem& item : items) {
    if (item.code == code) return &item;
  }
  return nullptr;
}

std::string OptionLabel(const AnswerItem& item, const std::string& code) {
  for (const Option& o : item.options) {
    if (o.code == code) return o.label;
  }
  return code;
}

// The parts a form belongs to under `by` (several for a multiple-choice answer).
std::vector<std::string> PartsOf(const FormResult& f, const std::string& by,
                                 const std::map<std::string, SampleRecord>& sample,
                                 const AnswerItem* item) {
  if (by == "unit") return {f.unit};
  if (by == "channel") return {ChannelOf(f)};
  if (by == "collector") return {f.channel.empty() ? f.collector : "(" + f.channel + ")"};
  if (item != nullptr) {
    for (const Answer& a : f.answers) {
      if (a.item != item->code) continue;
      switch (a.state) {
        case AnswerState::kAnswered: {
          std::vector<std::string> labels;
          for (const std::string& o : a.options) labels.push_back(OptionLabel(*item, o));
          return labels;
        }
        case AnswerState::kBlank:
        case AnswerState::kMissing: return {"(không trả lời)"};
        default: return {"(không hợp lệ)"};
      }
    }
    return {"(không trả lời)"};
  }
  if (!f.channel.empty()) return {""};
  const auto person = sample.find(f.sample_id);
  if (person == sample.end()) return {""};
  const std::string* value = person->second.Column(by);
  return {value ? *value : ""};
}

}  // namespace

std::string ChannelOf(const FormResult& form) {
  return form.channel.empty() ? "paper" : form.channel;
}

double PaperWeighting::WeightOf(const FormResult& f) const {
  if (!f.channel.empty()) return 1;
  const auto stratum = stratum_of.find(f.sample_id);
  if (stratum == stratum_of.end()) throw std::logic_error("a weighted form outside the draw");
  return weight_of.at(stratum->second);
}

std::optional<PaperWeighting> WeighPaperForms(const StoredDraw& draw, const VerifyResult& result) {
  if (draw.strata.size() < 2) return std::nullopt;
  PaperWeighting w;
  w.stratify_by = draw.info.stratify_by;
  for (const StoredDraw::Entry& e : draw.entries) w.stratum_of[e.id] = e.stratum;
  std::map<std::string, int> respondents;
  for (const FormResult& f : result.forms) {
    if (f.verdict != Verdict::kAccepted) continue;
    const auto stratum = w.stratum_of.find(f.sample_id);
    if (stratum == w.stratum_of.end()) return std::nullopt;
    ++respondents[stratum->second];
  }
  std::vector<StratumDesign> strata;
  for (const StratumSummary& s : draw.strata) {
    const auto r = respondents.find(s.stratum);
    strata.push_back({s.stratum, s.frame_size, r == respondents.end() ? 0 : r->second});
  }
  auto design = ComputeDesignWeights(strata);
  if (!design) return std::nullopt;
  w.design = std::move(design).value();
  for (const StratumWeight& s : w.design.strata) w.weight_of[s.stratum] = s.weight;
  return w;
}

Result<Tally> TallyForms(const Survey& survey, const IndexFormula& formula,
                         const VerifyResult& result,
                         const std::map<std::string, SampleRecord>& sample, const std::string& by,
                         const std::vector<FormResult>& channel_forms,
                         const std::optional<PaperWeighting>& weighting) {
  const std::vector<AnswerItem> items = AnswerItems(survey);
  const AnswerItem* item = nullptr;
  if (!by.empty() && by != "unit" && by != "collector" && by != "channel") {
    item = FindItem(items, by);
    const bool column = !sample.empty() && sample.begin()->second.Column(by) != nullptr;
    if (item != nullptr && item->kind == QuestionKind::kText) item = nullptr;
    if (item == nullptr && !column) {
      std::string columns;
      if (!sample.empty()) {
        for (const char* c : {"procedure", "agency", "completed_on"}) columns += std::string(", ") + c;
        for (const auto& [name, value] : sample.begin()->second.attributes) columns += ", " + name;
      }
      return Status::Error("cannot break down by '" + by + "': use unit, collector, channel" + columns +
                           ", or the code of a question such as A1");
    }
  }
  Tally t;
  t.formula = formula;
  t.by = by;
  t.coverage = SummariseByUnit(result);
  std::vector<const FormResult*> accepted;
  std::map<std::string, std::vector<const FormResult*>> parts;
  for (const FormResult& f : result.forms) {
    if (f.verdict == Verdict::kNeedsReview) ++t.needs_review;
    if (f.verdict == Verdict::kRejected) ++t.rejected;
    if (f.verdict != Verdict::kAccepted) continue;
    ++t.accepted;
    accepted.push_back(&f);
    if (by.empty()) continue;
    for (const std::string& part : PartsOf(f, by, sample, item)) parts[part].push_back(&f);
  }
  std::map<std::string, std::vector<const FormResult*>> by_channel;
  if (!channel_forms.empty()) by_channel["paper"] = accepted;
  for (const FormResult& f : channel_forms) {
    ++t.channel_answers;
    accepted.push_back(&f);
    by_channel[f.channel].push_back(&f);
    if (by.empty()) continue;
    for (const std::string& part : PartsOf(f, by, sample, item)) parts[part].push_back(&f);
  }
  // The forms' design weights, in the order of each list (none: every form weighs 1).
  const auto weights = [&](const std::vector<const FormResult*>& forms) {
    std::vector<double> w;
    if (!weighting) return w;
    w.reserve(forms.size());
    for (const FormResult* f : forms) w.push_back(weighting->WeightOf(*f));
    return w;
  };
  t.all = ComputeIndexes(survey, formula, accepted, weights(accepted));
  if (weighting) {
    t.weighting = weighting;
    t.unweighted = ComputeIndexes(survey, formula, accepted);
  }
  if (const auto paper = by_channel.find("paper"); paper != by_channel.end()) {
    t.channels.push_back(
        {"paper", ComputeIndexes(survey, formula, paper->second, weights(paper->second))});
    by_channel.erase(paper);
  }
  for (const auto& [channel, forms] : by_channel) {
    t.channels.push_back({channel, ComputeIndexes(survey, formula, forms)});
  }
  for (const auto& [value, forms] : parts) {
    t.parts.push_back({value, ComputeIndexes(survey, formula, forms, weights(forms))});
  }
  return t;
}

}  // namespace phieu
