#include "reports/scorecard.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace phieu {
namespace {

bool Number(const std::string& code, double& value) {
  char* end = nullptr;
  value = std::strtod(code.c_str(), &end);
  return !code.empty() && end == code.c_str() + code.size() && std::isfinite(value);
}

// A scored criterion: its place in the period's criteria and its numeric range.
struct Criterion {
  std::size_t index = 0;
  double lowest = 0, highest = 0;
};

// Sums for one area while the forms are read.
struct AreaSums {
  std::vector<double> respondent_scores;
  std::vector<int> valid;   // per criterion
  std::vector<double> sum;  // per criterion
};

}  // namespace

std::map<std::string, UnitPlace> UnitPlaces(const std::map<std::string, SampleRecord>& sample) {
  std::map<std::string, UnitPlace> places;
  for (const auto& [id, r] : sample) {
    UnitPlace& p = places[r.unit];
    if (const std::string* d = r.Column("district"); d != nullptr && p.district.empty()) {
      p.district = *d;
    }
    if (const std::string* v = r.Column("province"); v != nullptr && p.province.empty()) {
      p.province = *v;
    }
  }
  return places;
}

namespace {

// The criterion's numeric range; false when it is not scored (fewer than two numeric options).
bool Range(const std::vector<Option>& options, Criterion& range) {
  double value = 0;
  int numeric = 0;
  for (const Option& o : options) {
    if (!Number(o.code, value)) continue;
    range.lowest = numeric == 0 ? value : std::min(range.lowest, value);
    range.highest = numeric == 0 ? value : std::max(range.highest, value);
    ++numeric;
  }
  return numeric >= 2 && range.highest > range.lowest;
}

std::optional<double> ScoreOn(const Answer& answer, const Criterion& range) {
  double value = 0;
  if (answer.state != AnswerState::kAnswered || answer.options.size() != 1 ||
      !Number(answer.options[0], value) || value < range.lowest || value > range.highest) {
    return std::nullopt;
  }
  return 10 * (value - range.lowest) / (range.highest - range.lowest);
}

}  // namespace

std::optional<double> AnswerScore(const Answer& answer, const std::vector<Option>& options) {
  Criterion range;
  if (!Range(options, range)) return std::nullopt;
  return ScoreOn(answer, range);
}

PeriodScores ScorePeriod(const Survey& survey, const std::vector<const FormResult*>& forms,
                         const std::map<std::string, UnitPlace>& places, std::string period) {
  // The scored criteria, in printed order; their codes looked up once.
  std::vector<CriterionScore> criteria;
  std::map<std::string, Criterion> by_code;
  std::vector<Criterion> ranges;
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.group.empty() || item.kind == QuestionKind::kText) continue;
    Criterion range{criteria.size()};
    if (!Range(item.options, range)) continue;
    by_code[item.code] = range;
    criteria.push_back({item.code, item.text});
    ranges.push_back(range);
  }
  std::map<AreaLevel, std::map<std::string, AreaSums>> sums;
  const auto area = [&](AreaLevel level, const std::string& name) -> AreaSums& {
    AreaSums& s = sums[level][name];
    if (s.valid.empty()) s.valid.assign(criteria.size(), 0), s.sum.assign(criteria.size(), 0);
    return s;
  };
  std::vector<std::pair<std::size_t, double>> scored;
  for (const FormResult* form : forms) {
    scored.clear();
    // Answers come in printed order, as the criteria do: the criterion after the last one found
    // is tried before the map.
    std::size_t next = 0;
    for (const Answer& a : form->answers) {
      std::size_t at = next;
      if (at >= criteria.size() || criteria[at].item != a.item) {
        const auto c = by_code.find(a.item);
        if (c == by_code.end()) continue;
        at = c->second.index;
      }
      next = at + 1;
      if (auto s = ScoreOn(a, ranges[at])) scored.emplace_back(at, *s);
    }
    if (scored.empty()) continue;
    double total = 0;
    for (const auto& [index, s] : scored) total += s;
    const double respondent = total / static_cast<double>(scored.size());
    std::vector<AreaSums*> targets = {&area(AreaLevel::kUnit, form->unit)};
    if (const auto p = places.find(form->unit); p != places.end()) {
      if (!p->second.district.empty())
        targets.push_back(&area(AreaLevel::kDistrict, p->second.district));
      if (!p->second.province.empty())
        targets.push_back(&area(AreaLevel::kProvince, p->second.province));
    }
    for (AreaSums* t : targets) {
      t->respondent_scores.push_back(respondent);
      for (const auto& [index, s] : scored) ++t->valid[index], t->sum[index] += s;
    }
  }
  PeriodScores result;
  result.period = std::move(period);
  for (auto& [level, named] : sums) {
    for (auto& [name, s] : named) {
      AreaScore a;
      a.respondents = static_cast<int>(s.respondent_scores.size());
      a.score = EstimateMean(s.respondent_scores);
      a.criteria = criteria;
      for (std::size_t i = 0; i < criteria.size(); ++i) {
        a.criteria[i].valid = s.valid[i];
        a.criteria[i].defined = s.valid[i] > 0;
        a.criteria[i].score = s.valid[i] > 0 ? s.sum[i] / s.valid[i] : 0;
      }
      result.areas[level][name] = std::move(a);
    }
  }
  return result;
}

Scorecards AssembleScorecards(std::vector<PeriodScores> periods, const SmallBaseRule& small_bases) {
  Scorecards cards;
  cards.small_bases = small_bases;
  for (const PeriodScores& p : periods) cards.periods.push_back(p.period);
  // Every area of any period, units first, each level by name.
  std::map<AreaLevel, std::map<std::string, ScorecardRow>> rows;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    for (auto& [level, named] : periods[i].areas) {
      for (auto& [name, score] : named) {
        ScorecardRow& row = rows[level][name];
        row.level = level;
        row.name = name;
        row.periods.resize(periods.size());
        row.periods[i] = std::move(score);
      }
    }
  }
  for (auto& [level, named] : rows) {
    // The latest period's rank bands among the reliable areas of the level.
    std::vector<ScorecardRow*> ranked;
    std::vector<Interval> intervals;
    for (auto& [name, row] : named) {
      row.periods.resize(periods.size());
      const std::optional<AreaScore>& latest = row.periods.back();
      row.base = latest && latest->score ? ClassifyBase(latest->respondents, small_bases)
                                         : BaseClass::kSuppressed;
      if (row.base == BaseClass::kReliable) {
        const MeanEstimate& m = *latest->score;
        ranked.push_back(&row);
        intervals.push_back(m.interval ? *m.interval : Interval{m.mean, m.mean});
      }
      if (periods.size() >= 2 && row.base != BaseClass::kSuppressed) {
        const std::optional<AreaScore>& before = row.periods[periods.size() - 2];
        if (before && before->score &&
            ClassifyBase(before->respondents, small_bases) != BaseClass::kSuppressed) {
          row.change = TestMeanChange(*before->score, *latest->score);
        }
      }
      if (!latest) continue;
      std::vector<CriterionScore> shown;
      for (const CriterionScore& c : latest->criteria) {
        if (c.defined && c.valid >= std::max(1, small_bases.suppress_below)) shown.push_back(c);
      }
      // Ties keep the questionnaire's order, so the lists are the same on every run.
      std::stable_sort(
          shown.begin(), shown.end(),
          [](const CriterionScore& a, const CriterionScore& b) { return a.score > b.score; });
      const std::size_t n = std::min<std::size_t>(3, shown.size());
      row.best.assign(shown.begin(), shown.begin() + n);
      std::stable_sort(
          shown.begin(), shown.end(),
          [](const CriterionScore& a, const CriterionScore& b) { return a.score < b.score; });
      row.worst.assign(shown.begin(), shown.begin() + n);
    }
    const std::vector<RankBand> bands = RankBands(intervals);
    for (std::size_t i = 0; i < ranked.size(); ++i) ranked[i]->rank = bands[i];
    for (auto& [name, row] : named) cards.rows.push_back(std::move(row));
  }
  return cards;
}

std::string AreaLevelVietnamese(AreaLevel level) {
  switch (level) {
    case AreaLevel::kUnit:
      return "Đơn vị";
    case AreaLevel::kDistrict:
      return "Cấp huyện";
    case AreaLevel::kProvince:
      return "Cấp tỉnh";
  }
  return "?";
}

std::string AreaLevelName(AreaLevel level) {
  switch (level) {
    case AreaLevel::kUnit:
      return "unit";
    case AreaLevel::kDistrict:
      return "district";
    case AreaLevel::kProvince:
      return "province";
  }
  return "?";
}

std::string RankText(const RankBand& band) {
  if (band.best == band.worst) return std::to_string(band.best);
  return std::to_string(band.best) + "–" + std::to_string(band.worst);
}

}  // namespace phieu
