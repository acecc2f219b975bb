#include "stats/design_weights.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace phieu {
namespace {

void Require(bool condition, const char* what) {
  if (!condition) throw std::invalid_argument(std::string("design weights: ") + what);
}

// Kish's deff from n answers whose weights sum to `sum` and whose squares sum to `squares`.
DesignEffect Kish(double n, double sum, double squares) {
  DesignEffect d;
  d.effective_n = std::min(n, sum * sum / squares);  // <= n by Cauchy–Schwarz
  d.design_effect = n / d.effective_n;
  return d;
}

}  // namespace

std::optional<DesignWeights> ComputeDesignWeights(std::span<const StratumDesign> strata) {
  DesignWeights w;
  long long frame_total = 0;  // Σ N_h over the strata with respondents
  for (const StratumDesign& s : strata) {
    Require(s.frame_size >= 0 && s.respondents >= 0, "counts must not be negative");
    Require(s.respondents == 0 || s.frame_size > 0, "respondents in a stratum with no frame");
    if (s.respondents == 0) continue;
    w.respondents += s.respondents;
    frame_total += s.frame_size;
  }
  if (w.respondents == 0) return std::nullopt;
  const double n = w.respondents;
  double sum = 0, squares = 0;
  for (const StratumDesign& s : strata) {
    StratumWeight& out = w.strata.emplace_back();
    out.stratum = s.stratum;
    out.frame_size = s.frame_size;
    out.respondents = s.respondents;
    if (s.respondents == 0) continue;
    out.raw = static_cast<double>(s.frame_size) / s.respondents;
    // (N_h / r_h) / (Σ N / n) as one division of two integers (exact below 2^53): equal
    // fractions give exactly 1.
    const double numerator = static_cast<double>(s.frame_size) * n;
    const double denominator =
        static_cast<double>(s.respondents) * static_cast<double>(frame_total);
    out.weight = numerator / denominator;
    if (numerator != denominator) w.equal = false;
    sum += s.respondents * out.weight;
    squares += s.respondents * out.weight * out.weight;
  }
  w.design = Kish(n, sum, squares);
  return w;
}

std::optional<DesignEffect> KishDesignEffectFromSums(int n, double weight_sum,
                                                     double weight_square_sum) {
  Require(n >= 0, "a base must not be negative");
  if (n == 0) return std::nullopt;
  Require(weight_sum > 0 && weight_square_sum > 0 && std::isfinite(weight_sum) &&
              std::isfinite(weight_square_sum),
          "weight sums must be positive and finite");
  return Kish(n, weight_sum, weight_square_sum);
}

std::optional<WeightedProportionEstimate> WeightedProportionFromSums(int successes, int n,
                                                                     double satisfied_weight,
                                                                     double weight_sum,
                                                                     double weight_square_sum,
                                                                     double level) {
  Require(n >= 0 && successes >= 0 && successes <= n, "successes must lie in [0, n]");
  if (n == 0) return std::nullopt;
  Require(weight_sum > 0 && weight_square_sum > 0 && std::isfinite(weight_sum) &&
              std::isfinite(weight_square_sum),
          "weight sums must be positive and finite");
  Require(satisfied_weight >= 0 && satisfied_weight <= weight_sum * (1 + 1e-12),
          "the satisfied weight must lie in [0, the weight sum]");
  WeightedProportionEstimate e;
  e.successes = successes;
  e.n = n;
  e.proportion = std::clamp(satisfied_weight / weight_sum, 0.0, 1.0);
  if (successes == 0) e.proportion = 0;
  if (successes == n) e.proportion = 1;
  e.design = Kish(n, weight_sum, weight_square_sum);
  e.interval = WilsonInterval(e.proportion, e.design.effective_n, level);
  return e;
}

}  // namespace phieu
