#include "reports/period_compare.h"

#include <map>

namespace phieu {
namespace {

std::map<std::string, const ItemTally*> ItemsByCode(const IndexResult& r) {
  std::map<std::string, const ItemTally*> items;
  for (const ItemTally& t : r.items) items[t.item] = &t;
  return items;
}

std::string ItemText(const Survey& survey, const std::string& code) {
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.code == code) return item.text;
  }
  return "";
}

}  // namespace

PeriodComparison ComparePeriods(const Survey& earlier_survey, const Tally& earlier,
                                const Survey& current_survey, const Tally& current,
                                const QuestionMap& map, double alpha) {
  const IndexFormula& f = current.formula;
  const bool share = f.score == IndexScore::kShare;
  const IndexResult& a = earlier.all;
  const IndexResult& b = current.all;
  PeriodComparison c;
  c.earlier_survey = earlier_survey.name + " " + earlier_survey.version;

  c.overall.defined1 = a.overall_defined, c.overall.value1 = a.overall;
  c.overall.defined2 = b.overall_defined, c.overall.value2 = b.overall;
  c.overall.base1 = a.forms, c.overall.base2 = b.forms;
  if (f.respondent == RespondentRule::kAllSatisfied) {
    c.overall.base1 = a.respondents_complete, c.overall.base2 = b.respondents_complete;
    c.overall.test = TestProportionChange(a.respondents_satisfied, a.respondents_complete,
                                          b.respondents_satisfied, b.respondents_complete, alpha);
  }

  std::map<std::string, const GroupIndex*> earlier_groups;
  for (const GroupIndex& g : a.groups) earlier_groups[g.code] = &g;
  for (const GroupIndex& g : b.groups) {
    const auto before = earlier_groups.find(g.code);
    if (before == earlier_groups.end()) continue;
    FigureChange change{g.code, g.code, g.title, before->second->valid, g.valid,
                        before->second->defined, g.defined, before->second->value, g.value, {}};
    c.groups.push_back(change);
  }

  const auto before = ItemsByCode(a);
  std::map<std::string, std::string> earlier_of;  // current -> earlier
  for (const auto& [from, to] : map.items) earlier_of[to] = from;
  for (const ItemTally& t : b.items) {
    if (t.group.empty()) continue;
    const auto from = earlier_of.find(t.item);
    const ItemTally* e = nullptr;
    if (from != earlier_of.end()) {
      const auto found = before.find(from->second);
      if (found != before.end() && !found->second->group.empty()) e = found->second;
    }
    if (e == nullptr) {
      c.not_compared_current.push_back(t.item);
      continue;
    }
    FigureChange change{t.item,  e->item,   ItemText(current_survey, t.item),
                        e->valid, t.valid,  e->defined,
                        t.defined, e->value, t.value, {}};
    if (share) change.test = TestProportionChange(e->satisfied, e->valid, t.satisfied, t.valid, alpha);
    c.items.push_back(change);
  }
  for (const ItemTally& t : a.items) {
    if (t.group.empty()) continue;
    bool compared = false;
    for (const FigureChange& change : c.items) compared = compared || change.earlier_code == t.item;
    if (!compared) c.not_compared_earlier.push_back(t.item);
  }
  return c;
}

}  // namespace phieu
