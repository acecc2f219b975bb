#include "synthetic/answer_plan.h"
#include "synthetic/random.h"

#include <algorithm>
#include <array>
#include <stdexcept>

namespace phieu {
namespace {

// The non-blank styles with their weights, in a fixed order.
std::array<std::pair<MarkStyle, double>, 6> StyleWeights(const StyleMix& mix) {
  return {{{MarkStyle::kFill, mix.fill},
           {MarkStyle::kX, mix.x},
           {MarkStyle::kTick, mix.tick},
           {MarkStyle::kPartialFill, mix.partial},
           {MarkStyle::kFaintPencil, mix.faint},
           {MarkStyle::kCrossedOut, mix.crossed_out}}};
}

class Planner {
 public:
  Planner(const StyleMix& mix, std::uint64_t seed) : mix_(mix), random_(seed) {
    for (const auto& [style, weight] : StyleWeights(mix)) {
      if (weight < 0) throw std::logic_error("PlanAnswers: a negative StyleMix weight");
      style_total_ += weight;
    }
    if (mix.blank < 0) throw std::logic_error("PlanAnswers: a negative StyleMix weight");
    if (style_total_ + mix.blank <= 0)
      throw std::logic_error("PlanAnswers: all StyleMix weights are 0");
  }

  bool Blank() { return random_.Unit() * (style_total_ + mix_.blank) < mix_.blank; }

  MarkStyle Style() {
    double pick = random_.Unit() * style_total_;
    for (const auto& [style, weight] : StyleWeights(mix_)) {
      if (pick < weight) return style;
      pick -= weight;
    }
    return MarkStyle::kFill;  // rounding at the very top of the range
  }

  // Marks option `chosen` of `item` in a random style, appending to `plan`. `taken` are options
  // that must not be used as the retracted one of a crossed-out answer.
  void Mark(const AnswerItem& item, int chosen, const std::vector<bool>& taken, AnswerPlan& plan) {
    MarkStyle style = Style();
    if (style == MarkStyle::kCrossedOut) {
      std::vector<int> others;
      for (int i = 0; i < static_cast<int>(item.options.size()); ++i) {
        if (i != chosen && !taken[i]) others.push_back(i);
      }
      if (others.empty()) {
        style = MarkStyle::kFill;
      } else {
        const int retracted = others[random_.Below(static_cast<int>(others.size()))];
        plan.marks.push_back({item.code, item.options[retracted].code, MarkStyle::kCrossedOut});
        style = MarkStyle::kFill;
      }
    }
    plan.marks.push_back({item.code, item.options[chosen].code, style});
  }

  Random& random() { return random_; }

 private:
  StyleMix mix_;
  Random random_;
  double style_total_ = 0;
};

}  // namespace

std::string_view MarkStyleName(MarkStyle style) {
  switch (style) {
    case MarkStyle::kFill:
      return "fill";
    case MarkStyle::kX:
      return "x";
    case MarkStyle::kTick:
      return "tick";
    case MarkStyle::kPartialFill:
      return "partial";
    case MarkStyle::kFaintPencil:
      return "faint";
    case MarkStyle::kCrossedOut:
      return "crossed_out";
  }
  return "?";
}

std::string_view MarkCertaintyName(MarkCertainty certainty) {
  switch (certainty) {
    case MarkCertainty::kClear:
      return "clear";
    case MarkCertainty::kChanged:
      return "changed";
    case MarkCertainty::kUnsure:
      return "unsure";
  }
  return "?";
}

AnswerPlan PlanAnswers(const Survey& survey, const StyleMix& mix, std::uint64_t seed) {
  Planner planner(mix, seed);
  AnswerPlan plan;
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.kind == QuestionKind::kText) continue;
    ItemTruth truth{item.code, {}};
    const int n = static_cast<int>(item.options.size());
    if (n == 0 || planner.Blank()) {
      plan.truth.push_back(std::move(truth));
      continue;
    }
    // Which options are answered: one, or for a multi item 1..3 distinct ones.
    std::vector<bool> chosen(n, false);
    if (item.kind == QuestionKind::kMulti) {
      const int count = std::min(n, 1 + planner.random().Below(3));
      for (int picked = 0; picked < count;) {
        const int i = planner.random().Below(n);
        if (!chosen[i]) {
          chosen[i] = true;
          ++picked;
        }
      }
    } else {
      chosen[planner.random().Below(n)] = true;
    }
    // Marked in option order, as a respondent reading down the list would.
    const std::size_t first_mark = plan.marks.size();
    std::vector<bool> taken = chosen;
    for (int i = 0; i < n; ++i) {
      if (!chosen[i]) continue;
      const std::size_t before = plan.marks.size();
      planner.Mark(item, i, taken, plan);
      // A retracted option stays inked: it cannot be retracted again or chosen later.
      for (std::size_t m = before; m < plan.marks.size(); ++m) {
        for (int j = 0; j < n; ++j) {
          if (item.options[j].code == plan.marks[m].option) taken[j] = true;
        }
      }
      truth.intended.push_back(item.options[i].code);
    }
    for (std::size_t m = first_mark; m < plan.marks.size(); ++m) {
      const MarkStyle style = plan.marks[m].style;
      if (style == MarkStyle::kCrossedOut) {
        truth.certainty = MarkCertainty::kChanged;
      } else if ((style == MarkStyle::kPartialFill || style == MarkStyle::kFaintPencil) &&
                 truth.certainty == MarkCertainty::kClear) {
        truth.certainty = MarkCertainty::kUnsure;
      }
    }
    plan.truth.push_back(std::move(truth));
  }
  return plan;
}

}  // namespace phieu
