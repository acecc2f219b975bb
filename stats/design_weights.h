#pragma once
// Design weights of a stratified draw: how much each valid respondent stands for when strata were
// drawn with unequal sampling fractions, or answered at unequal rates. Pure functions of counts:
// no I/O, no state.
//
// The weight of a valid respondent in stratum h is N_h / r_h: the stratum's frame size (people it
// was drawn from) over its valid returned forms. It corrects both the unequal fractions of the
// draw and the stratum's non-response. Only ratios between weights matter to a proportion, so the
// weights are published normalised to a mean of 1 over the respondents (Σ w = n): then answers
// from other channels, which have no design weight, can count with weight 1 beside them, and the
// paper forms together still weigh as many respondents as they are.
//
// Kish's design effect of unequal weighting, deff = n · Σ w² / (Σ w)², and the effective base
// n_eff = n / deff = (Σ w)² / Σ w², say how many unweighted answers the weighted figure is worth:
// a weighted proportion's interval is taken on n_eff (stats/statistics.h WilsonInterval).
//
// Misuse (a negative frame size or count, respondents in a stratum with an empty frame, a weight
// sum that is not positive) is a bug: std::invalid_argument.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "stats/statistics.h"

namespace phieu {

// One stratum of the draw as the figures see it.
struct StratumDesign {
  std::string stratum;
  long long frame_size = 0;  // N_h: records of the frame in the stratum (> 0 when respondents > 0)
  int respondents = 0;       // r_h: valid returned forms of the stratum
};

struct StratumWeight {
  std::string stratum;
  long long frame_size = 0;
  int respondents = 0;
  double raw = 0;     // N_h / r_h: the people one respondent stands for; 0 when r_h = 0
  double weight = 0;  // raw normalised to a mean of 1 over all respondents; 0 when r_h = 0
};

struct DesignWeights {
  std::vector<StratumWeight> strata;  // in the order given
  int respondents = 0;                // n = Σ r_h
  DesignEffect design;                // Kish's deff of the respondents' weights, and n_eff
  // Every respondent weighs exactly 1 (equal N_h / r_h in every stratum with respondents, as
  // integers: N_h · n == r_h · Σ N_h): the weighted figures are then the unweighted ones, bit for
  // bit, and deff is exactly 1.
  bool equal = true;
};

// The weights of `strata`. A stratum without respondents gets weight 0 and is left out of the
// normalisation (nobody in it answered: its people are not represented, which the caller says).
// No respondents at all: std::nullopt.
std::optional<DesignWeights> ComputeDesignWeights(std::span<const StratumDesign> strata);

// Kish's design effect of n answers whose weights sum to `weight_sum` and whose squares sum to
// `weight_square_sum` (both > 0 when n > 0): deff = n · Σw² / (Σw)², n_eff = (Σw)² / Σw² (never
// above n). n = 0: std::nullopt.
std::optional<DesignEffect> KishDesignEffectFromSums(int n, double weight_sum,
                                                     double weight_square_sum);

// A weighted proportion from the sums over the answers that count for it (valid answers to one
// item, or respondents): n answers whose weights sum to `weight_sum`, whose squares sum to
// `weight_square_sum`, and of whose weights `satisfied_weight` belong to "yes" answers. The
// proportion is satisfied_weight / weight_sum and its Wilson interval at `level` is taken on
// n_eff = weight_sum² / weight_square_sum; with every weight 1 this is EstimateProportion exactly.
// n = 0 is no figure: std::nullopt. `successes` (unweighted) is carried for the caller.
std::optional<WeightedProportionEstimate> WeightedProportionFromSums(int successes, int n,
                                                                     double satisfied_weight,
                                                                     double weight_sum,
                                                                     double weight_square_sum,
                                                                     double level = 0.95);

}  // namespace phieu
