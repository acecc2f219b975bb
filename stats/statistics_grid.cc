// statistics_grid: prints what stats/statistics.h computes for a grid of cases, one case a line,
// every number with 17 significant digits, for statistics_scipy_check.py to recompute
// independently with scipy and statsmodels. Test-only; not installed.
//
// Lines (fields separated by spaces):
//   z LEVEL Z
//   t LEVEL DF T
//   wilson X N LEVEL P LOWER UPPER
//   mean LEVEL N MEAN SD LOWER UPPER V1 ... VN
//   weighted LEVEL K W1 X1 N1 ... WK XK NK P DEFF NEFF LOWER UPPER
//   kish K W1 ... WK DEFF NEFF
//   design LEVEL K N1 R1 X1 ... NK RK XK P DEFF NEFF LOWER UPPER  (frame size, respondents,
//          satisfied per stratum: stats/design_weights.h)
//   change X1 N1 X2 N2 DIFF Z P_VALUE SIGNIFICANT(0|1)

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <set>
#include <vector>

#include "stats/design_weights.h"
#include "stats/statistics.h"

namespace {

using phieu::Interval;

// A small deterministic generator (64-bit LCG, Knuth's MMIX constants): the same grid everywhere.
class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : state_(seed) {}
  int Next(int bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((state_ >> 33) % static_cast<std::uint64_t>(bound));
  }

 private:
  std::uint64_t state_;
};

const double kLevels[] = {0.90, 0.95, 0.99};

void PrintCriticalValues() {
  for (double level : {0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.999999}) {
    std::printf("z %.17g %.17g\n", level, phieu::NormalCriticalValue(level));
    for (double df : {1.0, 2.0, 3.0, 9.0, 29.0, 99.0, 999.0, 9999.0, 2.5}) {
      std::printf("t %.17g %.17g %.17g\n", level, df, phieu::StudentCriticalValue(level, df));
    }
  }
}

void PrintWilson() {
  for (int n :
       {1, 2, 3, 5, 9, 10, 20, 29, 30, 31, 50, 100, 148, 263, 999, 1000, 5000, 9999, 10000}) {
    const std::set<int> xs = {0, 1, n / 10, n / 3, n / 2, (2 * n) / 3, n - 1, n};
    for (int x : xs) {
      if (x < 0 || x > n) continue;
      for (double level : kLevels) {
        const auto e = phieu::EstimateProportion(x, n, level);
        std::printf("wilson %d %d %.17g %.17g %.17g %.17g\n", x, n, level, e->proportion,
                    e->interval.lower, e->interval.upper);
      }
    }
  }
}

void PrintMean(const std::vector<double>& values, double level) {
  const auto e = phieu::EstimateMean(values, level);
  std::printf("mean %.17g %d %.17g %.17g %.17g %.17g", level, e->n, e->mean, e->standard_deviation,
              e->interval->lower, e->interval->upper);
  for (double v : values) std::printf(" %.17g", v);
  std::printf("\n");
}

void PrintMeans() {
  Lcg random(20260701);
  for (int n : {2, 3, 5, 10, 29, 30, 100, 1000, 10000}) {
    for (double level : kLevels) {
      std::vector<double> scores, levels, skewed;
      for (int i = 0; i < n; ++i) {
        scores.push_back(random.Next(11));               // 0–10, M-Score style
        levels.push_back(1 + random.Next(5));            // 1–5 satisfaction levels
        skewed.push_back(random.Next(10) == 0 ? 1 : 5);  // mostly "Rất hài lòng"
      }
      PrintMean(scores, level);
      PrintMean(levels, level);
      PrintMean(skewed, level);
    }
  }
  PrintMean({7.5, 8.0, 8.2, 7.9}, 0.95);
  PrintMean({4, 4, 4, 4, 4}, 0.95);  // no spread: a zero-width interval
}

void PrintWeighted(const std::vector<phieu::StratumCount>& strata, double level) {
  const auto e = phieu::EstimateWeightedProportion(strata, level);
  std::printf("weighted %.17g %zu", level, strata.size());
  for (const auto& s : strata) std::printf(" %.17g %d %d", s.weight, s.successes, s.n);
  std::printf(" %.17g %.17g %.17g %.17g %.17g\n", e->proportion, e->design.design_effect,
              e->design.effective_n, e->interval.lower, e->interval.upper);

  std::vector<double> weights;
  for (const auto& s : strata) weights.insert(weights.end(), s.n, s.weight);
  const auto d = phieu::KishDesignEffect(weights);
  std::printf("kish %zu", weights.size());
  for (double w : weights) std::printf(" %.17g", w);
  std::printf(" %.17g %.17g\n", d->design_effect, d->effective_n);
}

void PrintWeightedGrid() {
  // Equal fractions (deff = 1), a province-style draw with a fixed size per district of unequal
  // population, an extreme weight, all or none satisfied, a stratum with no answers.
  for (double level : kLevels) {
    PrintWeighted({{3.0, 20, 30}, {3.0, 25, 30}, {3.0, 10, 30}}, level);
    PrintWeighted({{412.5, 310, 400}, {96.25, 350, 400}, {1520.0, 270, 400}, {40.0, 380, 400}},
                  level);
    PrintWeighted({{1.0, 9, 10}, {250.0, 1, 2}}, level);
    PrintWeighted({{10.0, 0, 50}, {2.0, 0, 7}}, level);
    PrintWeighted({{10.0, 50, 50}, {2.0, 7, 7}}, level);
    PrintWeighted({{5.0, 3, 4}, {7.0, 0, 0}, {1.5, 6, 9}}, level);
    PrintWeighted({{0.001, 1, 1}}, level);
  }
  Lcg random(16);
  for (int strata_count : {2, 5, 30}) {
    std::vector<phieu::StratumCount> strata;
    for (int h = 0; h < strata_count; ++h) {
      const int n = 1 + random.Next(300);
      strata.push_back({0.5 + random.Next(4000) / 7.0, random.Next(n + 1), n});
    }
    PrintWeighted(strata, 0.95);
  }
}

// A stratified draw as the report weighs it: per stratum its frame size N, its respondents R and
// of them X satisfied; the weights N/R normalised (ComputeDesignWeights), the share from the
// weighted sums (WeightedProportionFromSums).
struct DesignStratum {
  long long frame_size;
  int respondents, satisfied;
};

void PrintDesign(const std::vector<DesignStratum>& strata, double level) {
  std::vector<phieu::StratumDesign> design;
  for (const DesignStratum& s : strata) design.push_back({"", s.frame_size, s.respondents});
  const auto w = phieu::ComputeDesignWeights(design);
  double satisfied = 0, sum = 0, squares = 0;
  int successes = 0;
  for (std::size_t h = 0; h < strata.size(); ++h) {
    const double weight = w->strata[h].weight;
    satisfied += strata[h].satisfied * weight;
    sum += strata[h].respondents * weight;
    squares += strata[h].respondents * weight * weight;
    successes += strata[h].satisfied;
  }
  const auto e = phieu::WeightedProportionFromSums(successes, w->respondents, satisfied, sum,
                                                   squares, level);
  std::printf("design %.17g %zu", level, strata.size());
  for (const DesignStratum& s : strata) {
    std::printf(" %lld %d %d", s.frame_size, s.respondents, s.satisfied);
  }
  std::printf(" %.17g %.17g %.17g %.17g %.17g\n", e->proportion, w->design.design_effect,
              w->design.effective_n, e->interval.lower, e->interval.upper);
}

void PrintDesignGrid() {
  // The hand-worked case of design_weights_test.cc, equal fractions, unequal response, a stratum
  // with no respondents, and random province-sized draws.
  for (double level : kLevels) {
    PrintDesign({{1000, 50, 40}, {9000, 50, 25}}, level);
    PrintDesign({{1000, 50, 20}, {3000, 150, 90}, {20, 1, 1}}, level);
    PrintDesign({{1000, 25, 20}, {1000, 50, 10}}, level);
    PrintDesign({{500, 0, 0}, {700, 30, 29}, {90000, 31, 2}}, level);
  }
  Lcg random(1001);
  for (int strata_count : {2, 6, 40, 195}) {
    std::vector<DesignStratum> strata;
    for (int h = 0; h < strata_count; ++h) {
      const int r = random.Next(120);
      strata.push_back({1 + r + random.Next(200000), r, r == 0 ? 0 : random.Next(r + 1)});
    }
    strata.front().respondents = std::max(strata.front().respondents, 1);
    PrintDesign(strata, 0.95);
  }
}

void PrintChanges() {
  const int bases[] = {1, 2, 10, 30, 100, 1000, 10000};
  for (int n1 : bases) {
    for (int n2 : bases) {
      const std::set<int> x1s = {0, n1 / 2, (4 * n1) / 5, n1};
      const std::set<int> x2s = {0, n2 / 2, (5 * n2) / 6, n2};
      for (int x1 : x1s) {
        for (int x2 : x2s) {
          const auto c = phieu::TestProportionChange(x1, n1, x2, n2);
          std::printf("change %d %d %d %d %.17g %.17g %.17g %d\n", x1, n1, x2, n2, c->difference,
                      c->z, c->p_value, c->significant ? 1 : 0);
        }
      }
    }
  }
  // Around the 5 % boundary and in the far tail.
  for (int x2 : {821, 830, 840, 850, 855, 860}) {
    const auto c = phieu::TestProportionChange(821, 1000, x2, 1000);
    std::printf("change 821 1000 %d 1000 %.17g %.17g %.17g %d\n", x2, c->difference, c->z,
                c->p_value, c->significant ? 1 : 0);
  }
}

void PrintMeanChange(const phieu::MeanEstimate& a, const phieu::MeanEstimate& b) {
  const auto c = phieu::TestMeanChange(a, b);
  if (!c) return;
  std::printf("meanchange %d %.17g %.17g %d %.17g %.17g %.17g %.17g %.17g %.17g %d\n", a.n, a.mean,
              a.standard_deviation, b.n, b.mean, b.standard_deviation, c->difference, c->t,
              c->degrees_of_freedom, c->p_value, c->significant ? 1 : 0);
}

void PrintMeanChanges() {
  // 0-10 scores of offices: small and large bases, equal and unequal spreads, no spread on one
  // side, a change near the 5 % boundary and one far in the tail.
  const int bases[] = {2, 3, 9, 30, 200, 5000};
  const double spreads[] = {0.0, 0.8, 2.5, 4.9};
  for (int n1 : bases) {
    for (int n2 : bases) {
      for (double s1 : spreads) {
        for (double s2 : spreads) {
          PrintMeanChange({n1, 7.1, s1, {}}, {n2, 7.6, s2, {}});
        }
      }
    }
  }
  Lcg random(23);
  for (int i = 0; i < 200; ++i) {
    const int n1 = 2 + random.Next(400), n2 = 2 + random.Next(400);
    PrintMeanChange({n1, random.Next(1001) / 100.0, random.Next(500) / 100.0, {}},
                    {n2, random.Next(1001) / 100.0, random.Next(500) / 100.0, {}});
  }
}

}  // namespace

int main() {
  PrintCriticalValues();
  PrintWilson();
  PrintMeans();
  PrintWeightedGrid();
  PrintDesignGrid();
  PrintChanges();
  PrintMeanChanges();
  return 0;
}
