#include "reports/indexes.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <set>
#include <stdexcept>

namespace phieu {
namespace {

bool IsSatisfied(const IndexFormula& f, const std::string& option) {
  return std::find(f.satisfied.begin(), f.satisfied.end(), option) != f.satisfied.end();
}

// The value of an option code as a number (mean formulas); false when it is not one.
bool OptionValue(const std::string& code, double& value) {
  char* end = nullptr;
  value = std::strtod(code.c_str(), &end);
  return !code.empty() && end == code.c_str() + code.size();
}

// Counts answer `a` of a form weighing `w` into `t`. Unweighted (`weighted` false, w = 1), the
// weighted option counts are left for the caller to copy from the counts: a map look-up less per
// answer on the path a million channel answers take.
void Count(const IndexFormula& f, const Answer& a, double w, bool weighted, ItemTally& t) {
  switch (a.state) {
    case AnswerState::kBlank: ++t.blank; return;
    case AnswerState::kMultiple:
    case AnswerState::kInvalid: ++t.invalid; return;
    case AnswerState::kReview: ++t.review; return;
    case AnswerState::kMissing: ++t.missing; return;
    case AnswerState::kAnswered: break;
  }
  double value = 0;
  if (f.score == IndexScore::kMean && (a.options.size() != 1 || !OptionValue(a.options[0], value))) {
    ++t.invalid;  // a mean needs one numeric answer
    return;
  }
  ++t.valid;
  t.weighted_valid += w;
  t.weight_squares += w * w;
  for (const std::string& o : a.options) {
    ++t.options[o];
    if (weighted) t.weighted_options[o] += w;
  }
  if (std::any_of(a.options.begin(), a.options.end(),
                  [&](const std::string& o) { return IsSatisfied(f, o); })) {
    ++t.satisfied;
    t.weighted_satisfied += w;
  }
  t.sum += value;
  t.weighted_sum += w * value;
}

// Value over pooled answers, each with its form's weight (1 when unweighted: the weighted sums
// are then the counts, exactly).
struct Pool {
  int valid = 0;
  double weighted_valid = 0, weighted_satisfied = 0, weighted_sum = 0;
  void Add(const ItemTally& t) {
    valid += t.valid, weighted_valid += t.weighted_valid;
    weighted_satisfied += t.weighted_satisfied, weighted_sum += t.weighted_sum;
  }
  void Add(const Pool& p) {
    valid += p.valid, weighted_valid += p.weighted_valid;
    weighted_satisfied += p.weighted_satisfied, weighted_sum += p.weighted_sum;
  }
  bool Value(const IndexFormula& f, double& value) const {
    if (valid == 0) return false;
    value = f.score == IndexScore::kShare ? 100.0 * weighted_satisfied / weighted_valid
                                          : weighted_sum / weighted_valid;
    return true;
  }
};

bool Mean(const std::vector<double>& values, double& mean) {
  if (values.empty()) return false;
  double sum = 0;
  for (double v : values) sum += v;
  mean = sum / static_cast<double>(values.size());
  return true;
}

}  // namespace

IndexResult ComputeIndexes(const Survey& survey, const IndexFormula& formula,
                           const std::vector<const FormResult*>& forms,
                           const std::vector<double>& weights) {
  if (!weights.empty() && weights.size() != forms.size()) {
    throw std::logic_error("ComputeIndexes: one weight per form");
  }
  IndexResult r;
  r.forms = static_cast<int>(forms.size());
  std::map<std::string, std::size_t> index_of;
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.kind == QuestionKind::kText) continue;
    index_of[item.code] = r.items.size();
    ItemTally& t = r.items.emplace_back();
    t.item = item.code;
    t.group = item.group;
  }
  for (std::size_t f = 0; f < forms.size(); ++f) {
    const FormResult* form = forms[f];
    const double w = weights.empty() ? 1.0 : weights[f];
    if (!(w > 0 && std::isfinite(w))) throw std::logic_error("ComputeIndexes: a weight <= 0");
    if (w != 1.0) r.weighted = true;
    r.weight_sum += w;
    r.weight_squares += w * w;
    bool complete = true, all_satisfied = true;
    // Answers come in printed order, as the items do: the item after the last one found is
    // tried before the map (a million channel answers come through here several times).
    std::size_t next = 0;
    for (const Answer& a : form->answers) {
      std::size_t at = next;
      if (at >= r.items.size() || r.items[at].item != a.item) {
        const auto it = index_of.find(a.item);
        if (it == index_of.end()) continue;
        at = it->second;
      }
      next = at + 1;
      ItemTally& t = r.items[at];
      const int valid_before = t.valid, satisfied_before = t.satisfied;
      Count(formula, a, w, !weights.empty(), t);
      if (a.state == AnswerState::kMissing && !form->channel.empty()) ++t.not_asked;
      if (t.group.empty()) continue;
      if (t.valid == valid_before) complete = false;
      else if (t.satisfied == satisfied_before) all_satisfied = false;
    }
    if (complete) {
      ++r.respondents_complete;
      r.weighted_complete += w;
      r.complete_weight_squares += w * w;
      if (all_satisfied) {
        ++r.respondents_satisfied;
        r.weighted_satisfied += w;
      }
    }
  }
  for (ItemTally& t : r.items) {
    if (weights.empty()) t.weighted_options.insert(t.options.begin(), t.options.end());
    Pool pool;
    pool.Add(t);
    t.defined = pool.Value(formula, t.value);
  }

  // The groups, depth first; each group's value from its items and subgroups.
  std::function<void(const std::string&, int)> visit = [&](const std::string& parent, int depth) {
    for (const Group& g : survey.groups) {
      if (g.parent != parent) continue;
      r.groups.push_back({g.code, g.title, g.level, g.parent, depth});
      visit(g.code, depth + 1);
    }
  };
  visit("", 0);
  // Post-order: children come after their parent in r.groups, so walk backwards.
  std::map<std::string, Pool> pools;
  std::map<std::string, std::vector<double>> parts;
  for (const ItemTally& t : r.items) {
    if (t.group.empty()) continue;
    pools[t.group].Add(t);
    if (t.defined) parts[t.group].push_back(t.value);
  }
  for (auto g = r.groups.rbegin(); g != r.groups.rend(); ++g) {
    const Pool& pool = pools[g->code];
    g->valid = pool.valid;
    g->defined = formula.combine == GroupCombine::kPooled ? pool.Value(formula, g->value)
                                                          : Mean(parts[g->code], g->value);
    if (!g->parent.empty()) {
      pools[g->parent].Add(pool);
      if (g->defined) parts[g->parent].push_back(g->value);
    }
  }

  // The overall index.
  if (formula.respondent == RespondentRule::kAllSatisfied) {
    r.overall_defined = r.respondents_complete > 0;
    if (r.overall_defined) r.overall = 100.0 * r.weighted_satisfied / r.weighted_complete;
    return r;
  }
  std::vector<double> values;
  Pool all;
  std::set<std::string> has_children;
  for (const GroupIndex& g : r.groups) has_children.insert(g.parent);
  for (const GroupIndex& g : r.groups) {
    const bool counts = formula.overall == OverallOver::kBlocks ? g.depth == 0
                                                                : !has_children.contains(g.code);
    if (counts && g.defined) values.push_back(g.value);
  }
  for (const ItemTally& t : r.items) {
    if (!t.group.empty()) all.Add(t);
  }
  r.overall_defined = formula.overall == OverallOver::kPooled ? all.Value(formula, r.overall)
                                                               : Mean(values, r.overall);
  return r;
}

}  // namespace phieu
