#pragma once
// How sure a published figure is: intervals for proportions and means, design weights, small
// bases, changes between periods and rank bands. Pure functions of counts and values: no I/O, no
// state, the same answer on every machine.
//
// Three tiers, as elsewhere in phieu:
// - misuse is a bug: a negative count, successes above the base, a level outside (0, 1), a weight
//   that is not positive and finite, an interval with lower > upper — std::invalid_argument;
// - "no figure" is an empty result: a proportion or a mean on no answers is std::nullopt, and an
//   interval that cannot be computed (a mean of one value) is an empty optional, never a NaN;
// - everything else is a value.
//
// The distributions (normal, Student t) are Boost.Math's, behind this header.

#include <optional>
#include <span>
#include <vector>

namespace phieu {

// A two-sided confidence interval, lower <= upper. Proportions are fractions in [0, 1], not
// percents.
struct Interval {
  double lower = 0;
  double upper = 0;
};

// The standard normal quantile z with P(|Z| <= z) = level, e.g. 1.959963984540054 for 0.95.
// level must lie in (0, 1).
double NormalCriticalValue(double level);

// The Student t quantile t with P(|T| <= t) = level for `degrees_of_freedom` (> 0) degrees of
// freedom, e.g. 2.262157162798205 for 0.95 and 9.
double StudentCriticalValue(double level, double degrees_of_freedom);

// The Wilson score interval (Wilson 1927; Newcombe 1998, method 3, no continuity correction) for
// a proportion p observed on a base of n answers, at confidence `level`. n may be an effective
// (non-integer) base; it must be > 0 and p in [0, 1]. The interval always lies in [0, 1]; it
// starts at exactly 0 when p = 0 and ends at exactly 1 when p = 1.
Interval WilsonInterval(double p, double n, double level = 0.95);

// A proportion and its Wilson interval.
struct ProportionEstimate {
  int successes = 0;
  int n = 0;              // the base: valid answers
  double proportion = 0;  // successes / n
  Interval interval;      // Wilson score interval at the level asked
};

// successes out of n at confidence `level` (default 95 %). No answers (n = 0) is no figure:
// std::nullopt. 0 <= successes <= n, else std::invalid_argument.
std::optional<ProportionEstimate> EstimateProportion(int successes, int n, double level = 0.95);

// A mean and its Student t interval.
struct MeanEstimate {
  int n = 0;
  double mean = 0;
  double standard_deviation = 0;  // the sample standard deviation (divisor n - 1); 0 when n = 1
  // mean ± t(level, n - 1) · sd / √n; empty when n = 1 (one value says nothing about spread).
  std::optional<Interval> interval;
};

// The mean of `values` (e.g. 0–10 scores, 1–5 levels) with its t interval at `level`. No values is
// no figure: std::nullopt. Every value must be finite.
std::optional<MeanEstimate> EstimateMean(std::span<const double> values, double level = 0.95);

// The same from a summary: n values with this mean and sample standard deviation (>= 0).
// n = 0 gives std::nullopt.
std::optional<MeanEstimate> EstimateMeanFromSummary(int n, double mean, double standard_deviation,
                                                    double level = 0.95);

// One stratum of a stratified draw, as seen by one figure.
struct StratumCount {
  // The design weight of each answer in the stratum: the inverse of the stratum's sampling
  // fraction (population ÷ people drawn). Positive and finite; only ratios between strata matter.
  double weight = 1;
  int successes = 0;
  int n = 0;  // valid answers from the stratum
};

// Kish's design effect from unequal weights and the effective base it leaves.
struct DesignEffect {
  double design_effect =
      1;  // deff = n · Σ wᵢ² / (Σ wᵢ)² >= 1; exactly 1 when all weights are equal
  double effective_n = 0;  // n_eff = (Σ wᵢ)² / Σ wᵢ² = n / deff
};

// Kish's design effect of a set of answer weights (Kish 1965, "weighting for unequal selection
// probabilities"). Empty weights: std::nullopt. Each weight positive and finite.
std::optional<DesignEffect> KishDesignEffect(std::span<const double> weights);

// A design-weighted proportion.
struct WeightedProportionEstimate {
  int successes = 0;      // unweighted, summed over strata
  int n = 0;              // unweighted base: the number of answers (what small-base rules use)
  double proportion = 0;  // Σ w_h x_h / Σ w_h n_h
  DesignEffect design;    // Kish's deff of the answers' weights and the effective base
  // The Wilson interval of the weighted proportion on the effective base n_eff: a design-based
  // approximation that is exactly EstimateProportion's interval when all weights are equal.
  Interval interval;
};

// The weighted proportion of a stratified draw with unequal sampling fractions. Strata with no
// answers are ignored; no answers at all is std::nullopt.
std::optional<WeightedProportionEstimate> EstimateWeightedProportion(
    std::span<const StratumCount> strata, double level = 0.95);

// Thresholds for figures on few answers.
struct SmallBaseRule {
  int flag_below = 30;      // a figure on fewer answers is flagged and left out of rankings
  int suppress_below = 10;  // a figure on fewer answers is not printed at all
};

enum class BaseClass {
  kReliable,    // print it, rank it
  kFlagged,     // print it with a mark; do not rank it
  kSuppressed,  // do not print it
};

// How a figure on `n` answers is shown. n < suppress_below: kSuppressed; n < flag_below:
// kFlagged; else kReliable. n = 0 is always kSuppressed (there is no figure). Misuse
// (std::invalid_argument): n < 0, suppress_below < 0, flag_below < suppress_below.
BaseClass ClassifyBase(int n, const SmallBaseRule& rule = {});

// A change between two periods tested by the two-sided two-proportion z test with the pooled
// proportion under H0: p1 = p2 (as statsmodels' proportions_ztest and a 2×2 Pearson χ² without
// continuity correction, χ² = z²).
struct ProportionChange {
  double difference = 0;  // p2 - p1, as fractions
  double z = 0;           // (p2 - p1) / √(p̂(1 - p̂)(1/n1 + 1/n2)), p̂ = (x1 + x2) / (n1 + n2)
  double p_value = 1;     // 2 · P(Z > |z|)
  bool significant = false;  // p_value < alpha
};

// Period 1 (x1 of n1) against period 2 (x2 of n2) at significance level `alpha` (default 5 %).
// Either base 0: std::nullopt (nothing to compare). When every answer in both periods agrees
// (p̂ = 0 or 1) the two proportions are equal and the result is z = 0, p = 1, not significant.
// Counts as in EstimateProportion; alpha in (0, 1).
std::optional<ProportionChange> TestProportionChange(int x1, int n1, int x2, int n2,
                                                     double alpha = 0.05);

// A change of a mean between two periods tested by Welch's two-sided t test (unequal variances;
// Welch 1947, Satterthwaite's degrees of freedom; as scipy's ttest_ind(equal_var=False)).
struct MeanChange {
  double difference = 0;          // mean2 - mean1
  double t = 0;                   // difference / √(s1²/n1 + s2²/n2)
  double degrees_of_freedom = 0;  // (v1 + v2)² / (v1²/(n1 - 1) + v2²/(n2 - 1)), vᵢ = sᵢ²/nᵢ
  double p_value = 1;             // 2 · P(T > |t|) on those degrees of freedom
  bool significant = false;       // p_value < alpha
};

// Period 1's mean (`before`) against period 2's (`after`) at significance level `alpha` (default
// 5 %). No test is possible — std::nullopt — when either period has fewer than two values (no
// spread to judge by) or neither has any spread (every value alike in both). alpha in (0, 1).
std::optional<MeanChange> TestMeanChange(const MeanEstimate& before, const MeanEstimate& after,
                                         double alpha = 0.05);

// The ranks a unit may hold given the intervals of all units, higher estimates ranked first.
struct RankBand {
  int best = 1;   // 1 + the number of units whose lower bound is above this unit's upper bound
  int worst = 1;  // the number of units whose upper bound is not below this unit's lower bound
                  // (itself included)
};

// Rank bands, one per interval in the order given. Two units whose intervals overlap (or touch)
// are not told apart, so they share ranks: a unit is placed strictly behind another only when
// the other's whole interval lies above its own. A band with best == worst is a strict rank.
// This is a display rule for a league table, not a multiple-comparison test: non-overlapping 95 %
// intervals mean a difference at well below 5 %, overlapping ones do not prove equality. Callers
// leave out flagged and suppressed figures first. Each interval needs lower <= upper.
std::vector<RankBand> RankBands(std::span<const Interval> intervals);

}  // namespace phieu
