#include "verify/signals.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/text.h"

namespace phieu {
namespace {

constexpr int kMinAnswered = 5;          // answers a form needs before its pattern means anything
constexpr double kRateGap = 0.25;        // return rate this far above the rest of the unit
constexpr double kShareFloor = 0.30;     // share of flagged forms at least this ...
constexpr double kShareRatio = 2.0;      // ... and this many times the rest of the unit's
constexpr double kUniformityGap = 0.20;  // mean uniformity this far above the rest of the unit
constexpr int kMinIssuedForRate = 5;
constexpr int kMinReturnedForShare = 3;

std::string Percent(double share) { return FixedText(share * 100, 0) + " %"; }

bool Counts(const FormResult& f) {
  return f.verdict == Verdict::kAccepted || f.verdict == Verdict::kNeedsReview;
}

// The answers as one comparable text, and how many items were answered.
std::pair<std::string, int> AnswerVector(const FormResult& f) {
  std::string text;
  int answered = 0;
  for (const Answer& a : f.answers) {
    text += a.item + "=" + std::to_string(static_cast<int>(a.state)) + ":";
    for (const std::string& o : a.options) text += o + ",";
    text += ";";
    if (a.state == AnswerState::kAnswered) ++answered;
  }
  return {text, answered};
}

// The share of a form's rating answers (grid rows and scales) that equal its most frequent one,
// and how many there are: 1.0 over 5+ answers is straight-lining.
std::pair<double, int> Uniformity(const FormResult& f, const TemplateItems* tmpl) {
  if (tmpl == nullptr) return {0.0, 0};
  std::set<std::string> rating;
  for (const AnswerItem& item : tmpl->items) {
    if (item.kind == QuestionKind::kGrid || item.kind == QuestionKind::kScale) {
      rating.insert(item.code);
    }
  }
  std::map<std::string, int> counts;
  int answered = 0, most = 0;
  for (const Answer& a : f.answers) {
    if (!rating.contains(a.item) || a.state != AnswerState::kAnswered || a.options.size() != 1) {
      continue;
    }
    most = std::max(most, ++counts[a.options.front()]);
    ++answered;
  }
  return {answered == 0 ? 0.0 : static_cast<double>(most) / answered, answered};
}

struct Tally {
  int issued = 0, returned = 0, counted = 0, identical = 0, straight = 0;
  int rated = 0;          // forms with 5+ rating answers
  double uniformity = 0;  // summed over those forms
  std::vector<std::string> codes;
};

void CompareShare(const std::string& unit, const std::string& collector, const char* what,
                  int own_count, const Tally& own, int rest_count, const Tally& rest,
                  std::vector<Signal>& signals) {
  if (own.counted < kMinReturnedForShare) return;
  const double share = static_cast<double>(own_count) / own.counted;
  const double rest_share =
      rest.counted == 0 ? 0.0 : static_cast<double>(rest_count) / rest.counted;
  if (share >= kShareFloor && share >= kShareRatio * rest_share) {
    signals.push_back({"collector",
                       "collector " + collector + " (unit " + unit + "): " + Percent(share) +
                           " of their " + std::to_string(own.counted) + " forms are " + what +
                           ", against " + Percent(rest_share) + " for the rest of the unit",
                       own.codes});
  }
}

// Batches whose collector is not the one the forms on their pages were issued to. Pages of
// batches that name no collector, and forms issued to nobody, say nothing about custody.
void FindCustodySignals(const VerifyInput& input,
                        const std::map<std::string, const FormRecord*>& issued,
                        std::vector<Signal>& signals) {
  struct Crossing {
    std::string batch, brought_by, issued_to;
    std::vector<std::string> codes;  // in the order the batch's pages were stored, once each
  };
  std::vector<Crossing> crossings;
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> index;
  for (const IdentifiedPage& page : input.pages) {
    if (page.collector.empty()) continue;
    const auto form = issued.find(page.form_code);
    if (form == issued.end() || form->second->collector.empty() ||
        form->second->collector == page.collector) {
      continue;
    }
    const auto key = std::make_tuple(page.batch_name, page.collector, form->second->collector);
    auto [at, added] = index.try_emplace(key, crossings.size());
    if (added) crossings.push_back({page.batch_name, page.collector, form->second->collector, {}});
    std::vector<std::string>& codes = crossings[at->second].codes;
    if (std::find(codes.begin(), codes.end(), page.form_code) == codes.end()) {
      codes.push_back(page.form_code);
    }
  }
  for (const Crossing& c : crossings) {
    const std::string n = std::to_string(c.codes.size());
    const std::string codes = Join(c.codes, ", ");
    signals.push_back({"custody",
                       "lô " + c.batch + " do điều tra viên " + c.brought_by + " nộp có " + n +
                           " phiếu đã giao cho điều tra viên " + c.issued_to + " (" + codes +
                           ") / batch " + c.batch + " handed in by collector " + c.brought_by +
                           " holds " + n + " form(s) issued to collector " + c.issued_to + ": " +
                           codes,
                       c.codes});
  }
}

}  // namespace

std::vector<Signal> FindSignals(const VerifyInput& input, const VerifyResult& result) {
  std::vector<Signal> signals;
  std::map<std::string, const FormRecord*> issued;
  for (const FormRecord& f : input.forms) issued[f.code] = &f;

  // Identical answer vectors.
  std::map<std::string, std::vector<std::string>> by_vector;
  std::set<std::string> identical, straight;
  for (const FormResult& f : result.forms) {
    if (!Counts(f)) continue;
    const auto [vector, answered] = AnswerVector(f);
    if (answered >= kMinAnswered) by_vector[vector].push_back(f.code);
  }
  for (const auto& [vector, codes] : by_vector) {
    if (codes.size() < 2) continue;
    identical.insert(codes.begin(), codes.end());
    signals.push_back({"identical-answers",
                       std::to_string(codes.size()) + " forms give the same answer to every item",
                       codes});
  }

  // Straight-lining.
  std::map<std::string, double> uniformity;  // code -> share, for forms with 5+ rating answers
  for (const FormResult& f : result.forms) {
    if (!Counts(f)) continue;
    const auto form = issued.find(f.code);
    const TemplateItems* tmpl = nullptr;
    if (form != issued.end()) {
      if (auto t = input.templates.find(form->second->template_id); t != input.templates.end()) {
        tmpl = &t->second;
      }
    }
    const auto [share, rated] = Uniformity(f, tmpl);
    if (rated >= kMinAnswered) uniformity[f.code] = share;
    if (rated >= kMinAnswered && share == 1.0) {
      straight.insert(f.code);
      signals.push_back({"straight-lining", "the same answer to every rating item", {f.code}});
    }
  }

  // Collectors against the rest of their unit.
  std::map<std::string, std::map<std::string, Tally>> units;  // unit -> collector -> tally
  for (const FormResult& f : result.forms) {
    if (f.sample_id.empty()) continue;
    const FormRecord* form = issued.at(f.code);
    Tally& t = units[f.unit][form->collector];
    if (f.in_sample) {
      ++t.issued;
      if (f.verdict != Verdict::kNotReturned) ++t.returned;
    }
    if (Counts(f)) {
      ++t.counted;
      t.identical += identical.contains(f.code) ? 1 : 0;
      t.straight += straight.contains(f.code) ? 1 : 0;
      if (const auto u = uniformity.find(f.code); u != uniformity.end()) {
        ++t.rated;
        t.uniformity += u->second;
      }
      t.codes.push_back(f.code);
    }
  }
  for (const auto& [unit, collectors] : units) {
    if (collectors.size() < 2) continue;
    for (const auto& [collector, own] : collectors) {
      if (collector.empty()) continue;
      Tally rest;
      for (const auto& [other, t] : collectors) {
        if (other == collector) continue;
        rest.issued += t.issued, rest.returned += t.returned, rest.counted += t.counted;
        rest.identical += t.identical, rest.straight += t.straight;
        rest.rated += t.rated, rest.uniformity += t.uniformity;
      }
      if (own.issued >= kMinIssuedForRate && rest.issued >= kMinIssuedForRate) {
        const double rate = static_cast<double>(own.returned) / own.issued;
        const double rest_rate = static_cast<double>(rest.returned) / rest.issued;
        if (rate - rest_rate >= kRateGap) {
          signals.push_back({"collector",
                             "collector " + collector + " (unit " + unit + "): return rate " +
                                 Percent(rate) + " of " + std::to_string(own.issued) +
                                 " forms, against " + Percent(rest_rate) +
                                 " for the rest of the unit",
                             own.codes});
        }
      }
      CompareShare(unit, collector, "identical to another form", own.identical, own, rest.identical,
                   rest, signals);
      CompareShare(unit, collector, "straight-lined", own.straight, own, rest.straight, rest,
                   signals);
      if (own.rated >= kMinReturnedForShare && rest.rated >= kMinReturnedForShare) {
        const double mean = own.uniformity / own.rated, rest_mean = rest.uniformity / rest.rated;
        if (mean - rest_mean >= kUniformityGap) {
          signals.push_back({"collector",
                             "collector " + collector + " (unit " + unit + "): on average " +
                                 Percent(mean) + " of a form's rating answers are the same, " +
                                 "against " + Percent(rest_mean) + " for the rest of the unit",
                             own.codes});
        }
      }
    }
  }
  FindCustodySignals(input, issued, signals);
  return signals;
}

}  // namespace phieu
