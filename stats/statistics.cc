#include "stats/statistics.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

namespace phieu {
namespace {

void Require(bool condition, const char* what) {
  if (!condition) throw std::invalid_argument(std::string("statistics: ") + what);
}

void RequireLevel(double level) {
  Require(level > 0 && level < 1, "confidence level must lie in (0, 1)");
}

void RequireCounts(int successes, int n) {
  Require(n >= 0, "a base must not be negative");
  Require(successes >= 0 && successes <= n, "successes must lie in [0, n]");
}

// The answers' weights divided by the first one, so that equal weights become exactly 1 and the
// sums below are exact integers: Kish's deff of equal weights is then exactly 1, not 1 ± 1 ulp.
struct WeightSums {
  double n = 0, sum = 0, sum_of_squares = 0;
};

DesignEffect FromSums(const WeightSums& s) {
  DesignEffect d;
  d.effective_n = std::min(s.n, s.sum * s.sum / s.sum_of_squares);  // ≤ n by Cauchy–Schwarz
  d.design_effect = s.n / d.effective_n;
  return d;
}

}  // namespace

double NormalCriticalValue(double level) {
  RequireLevel(level);
  // The upper tail by complement keeps full precision for levels close to 1.
  return boost::math::quantile(boost::math::complement(boost::math::normal(), (1 - level) / 2));
}

double StudentCriticalValue(double level, double degrees_of_freedom) {
  RequireLevel(level);
  Require(degrees_of_freedom > 0 && std::isfinite(degrees_of_freedom),
          "degrees of freedom must be positive and finite");
  return boost::math::quantile(
      boost::math::complement(boost::math::students_t(degrees_of_freedom), (1 - level) / 2));
}

Interval WilsonInterval(double p, double n, double level) {
  Require(n > 0 && std::isfinite(n), "a Wilson interval needs a positive base");
  Require(p >= 0 && p <= 1, "a proportion must lie in [0, 1]");
  const double z = NormalCriticalValue(level);
  const double z2 = z * z;
  // Wilson (1927): the p0 for which the score test |p - p0| / √(p0(1 - p0)/n) <= z.
  const double denominator = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denominator;
  const double half_width = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  Interval i;
  // At p = 0 (or 1) the bound is 0 (or 1) in exact arithmetic; say so rather than print -1e-17.
  i.lower = p == 0 ? 0 : std::clamp(centre - half_width, 0.0, 1.0);
  i.upper = p == 1 ? 1 : std::clamp(centre + half_width, 0.0, 1.0);
  return i;
}

std::optional<ProportionEstimate> EstimateProportion(int successes, int n, double level) {
  RequireCounts(successes, n);
  RequireLevel(level);
  if (n == 0) return std::nullopt;
  ProportionEstimate e;
  e.successes = successes;
  e.n = n;
  e.proportion = static_cast<double>(successes) / n;
  e.interval = WilsonInterval(e.proportion, n, level);
  return e;
}

std::optional<MeanEstimate> EstimateMean(std::span<const double> values, double level) {
  RequireLevel(level);
  for (double v : values) Require(std::isfinite(v), "every value of a mean must be finite");
  if (values.empty()) return std::nullopt;
  const double n = static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) sum += v;
  const double mean = sum / n;
  // Two passes: the squares of the deviations, not Σx² - n·mean², which cancels catastrophically.
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double sd = values.size() > 1 ? std::sqrt(squares / (n - 1)) : 0;
  return EstimateMeanFromSummary(static_cast<int>(values.size()), mean, sd, level);
}

std::optional<MeanEstimate> EstimateMeanFromSummary(int n, double mean, double standard_deviation,
                                                    double level) {
  Require(n >= 0, "a base must not be negative");
  Require(std::isfinite(mean), "a mean must be finite");
  Require(standard_deviation >= 0 && std::isfinite(standard_deviation),
          "a standard deviation must be finite and not negative");
  RequireLevel(level);
  if (n == 0) return std::nullopt;
  MeanEstimate e;
  e.n = n;
  e.mean = mean;
  e.standard_deviation = n > 1 ? standard_deviation : 0;
  if (n > 1) {
    const double half_width =
        StudentCriticalValue(level, n - 1) * standard_deviation / std::sqrt(static_cast<double>(n));
    e.interval = Interval{mean - half_width, mean + half_width};
  }
  return e;
}

std::optional<DesignEffect> KishDesignEffect(std::span<const double> weights) {
  for (double w : weights)
    Require(w > 0 && std::isfinite(w), "a weight must be positive and finite");
  if (weights.empty()) return std::nullopt;
  WeightSums s;
  for (double w : weights) {
    const double r = w / weights.front();
    s.n += 1;
    s.sum += r;
    s.sum_of_squares += r * r;
  }
  return FromSums(s);
}

std::optional<WeightedProportionEstimate> EstimateWeightedProportion(
    std::span<const StratumCount> strata, double level) {
  RequireLevel(level);
  double reference = 0;  // the first stratum's weight that has answers
  for (const StratumCount& s : strata) {
    Require(s.weight > 0 && std::isfinite(s.weight), "a weight must be positive and finite");
    RequireCounts(s.successes, s.n);
    if (reference == 0 && s.n > 0) reference = s.weight;
  }
  if (reference == 0) return std::nullopt;
  WeightedProportionEstimate e;
  WeightSums sums;
  double weighted_successes = 0;
  for (const StratumCount& s : strata) {
    if (s.n == 0) continue;
    const double r = s.weight / reference;
    e.successes += s.successes;
    e.n += s.n;
    sums.n += s.n;
    sums.sum += r * s.n;
    sums.sum_of_squares += r * r * s.n;
    weighted_successes += r * s.successes;
  }
  e.proportion = std::clamp(weighted_successes / sums.sum, 0.0, 1.0);
  if (e.successes == 0) e.proportion = 0;
  if (e.successes == e.n) e.proportion = 1;
  e.design = FromSums(sums);
  e.interval = WilsonInterval(e.proportion, e.design.effective_n, level);
  return e;
}

BaseClass ClassifyBase(int n, const SmallBaseRule& rule) {
  Require(n >= 0, "a base must not be negative");
  Require(rule.suppress_below >= 0, "the suppression threshold must not be negative");
  Require(rule.flag_below >= rule.suppress_below,
          "the flag threshold must not be below the suppression threshold");
  if (n == 0 || n < rule.suppress_below) return BaseClass::kSuppressed;
  if (n < rule.flag_below) return BaseClass::kFlagged;
  return BaseClass::kReliable;
}

std::optional<ProportionChange> TestProportionChange(int x1, int n1, int x2, int n2, double alpha) {
  RequireCounts(x1, n1);
  RequireCounts(x2, n2);
  Require(alpha > 0 && alpha < 1, "a significance level must lie in (0, 1)");
  if (n1 == 0 || n2 == 0) return std::nullopt;
  ProportionChange c;
  const double p1 = static_cast<double>(x1) / n1, p2 = static_cast<double>(x2) / n2;
  c.difference = p2 - p1;
  const double pooled = static_cast<double>(x1 + x2) / (static_cast<double>(n1) + n2);
  const double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
  if (variance == 0) return c;  // all answers alike in both periods: p1 = p2, nothing changed
  c.z = c.difference / std::sqrt(variance);
  c.p_value = std::min(
      1.0, 2 * boost::math::cdf(boost::math::complement(boost::math::normal(), std::abs(c.z))));
  c.significant = c.p_value < alpha;
  return c;
}

std::optional<MeanChange> TestMeanChange(const MeanEstimate& before, const MeanEstimate& after,
                                         double alpha) {
  Require(alpha > 0 && alpha < 1, "a significance level must lie in (0, 1)");
  Require(before.standard_deviation >= 0 && after.standard_deviation >= 0,
          "a standard deviation cannot be negative");
  if (before.n < 2 || after.n < 2) return std::nullopt;
  const double v1 = before.standard_deviation * before.standard_deviation / before.n;
  const double v2 = after.standard_deviation * after.standard_deviation / after.n;
  if (v1 + v2 == 0) return std::nullopt;
  MeanChange c;
  c.difference = after.mean - before.mean;
  c.t = c.difference / std::sqrt(v1 + v2);
  c.degrees_of_freedom =
      (v1 + v2) * (v1 + v2) / (v1 * v1 / (before.n - 1) + v2 * v2 / (after.n - 1));
  const boost::math::students_t t(c.degrees_of_freedom);
  c.p_value = std::min(1.0, 2 * boost::math::cdf(boost::math::complement(t, std::abs(c.t))));
  c.significant = c.p_value < alpha;
  return c;
}

std::vector<RankBand> RankBands(std::span<const Interval> intervals) {
  for (const Interval& i : intervals) {
    Require(i.lower <= i.upper, "an interval needs lower <= upper");
  }
  std::vector<RankBand> bands;
  bands.reserve(intervals.size());
  for (const Interval& self : intervals) {
    int above = 0, below = 0;  // units told apart from this one, above it and below it
    for (const Interval& other : intervals) {
      if (other.lower > self.upper) ++above;
      if (other.upper < self.lower) ++below;
    }
    bands.push_back(RankBand{1 + above, static_cast<int>(intervals.size()) - below});
  }
  return bands;
}

}  // namespace phieu
