#include "stats/design_weights.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace phieu {
namespace {

// Two districts drawn 50 and 50 from frames of 1,000 (A) and 9,000 (B) people, every form back:
// a respondent of A stands for 20 people, one of B for 180. Normalised to a mean of 1 over the
// 100 respondents: 0.2 and 1.8. Σw = 50·0.2 + 50·1.8 = 100, Σw² = 50·0.04 + 50·3.24 = 164, so
// deff = 100·164 / 100² = 1.64 and n_eff = 100² / 164 = 60.975609756… With 40 of A's and 25 of
// B's satisfied, the weighted share is (40·0.2 + 25·1.8) / 100 = 0.53 — the population's
// (1000·0.8 + 9000·0.5) / 10000 — where the unweighted one is 65/100.
TEST(DesignWeightsTest, TwoStrataOf1000And9000PeopleWith50RespondentsEachWorkedByHand) {
  const std::vector<StratumDesign> strata = {{"A", 1000, 50}, {"B", 9000, 50}};
  const auto w = ComputeDesignWeights(strata);
  ASSERT_TRUE(w.has_value());
  ASSERT_EQ(w->strata.size(), 2u);
  EXPECT_EQ(w->respondents, 100);
  EXPECT_FALSE(w->equal);
  EXPECT_EQ(w->strata[0].stratum, "A");
  EXPECT_NEAR(w->strata[0].raw, 20, 1e-12);
  EXPECT_NEAR(w->strata[1].raw, 180, 1e-12);
  EXPECT_NEAR(w->strata[0].weight, 0.2, 1e-12);
  EXPECT_NEAR(w->strata[1].weight, 1.8, 1e-12);
  EXPECT_NEAR(w->design.design_effect, 1.64, 1e-12);
  EXPECT_NEAR(w->design.effective_n, 10000.0 / 164, 1e-12);

  const double wa = w->strata[0].weight, wb = w->strata[1].weight;
  const auto p = WeightedProportionFromSums(65, 100, 40 * wa + 25 * wb, 50 * wa + 50 * wb,
                                            50 * wa * wa + 50 * wb * wb);
  ASSERT_TRUE(p.has_value());
  EXPECT_NEAR(p->proportion, 0.53, 1e-12);
  EXPECT_NEAR(p->design.design_effect, 1.64, 1e-12);
  EXPECT_NEAR(p->design.effective_n, 10000.0 / 164, 1e-12);
  const Interval wilson = WilsonInterval(0.53, 10000.0 / 164);
  EXPECT_NEAR(p->interval.lower, wilson.lower, 1e-12);
  EXPECT_NEAR(p->interval.upper, wilson.upper, 1e-12);
  // The same figure as the stratum-count estimate of stats/statistics.h, from the raw weights.
  const std::vector<StratumCount> counts = {{20, 40, 50}, {180, 25, 50}};
  const auto by_strata = EstimateWeightedProportion(counts);
  EXPECT_NEAR(by_strata->proportion, p->proportion, 1e-12);
  EXPECT_NEAR(by_strata->design.design_effect, p->design.design_effect, 1e-12);
  EXPECT_NEAR(by_strata->interval.lower, p->interval.lower, 1e-12);
}

// Non-response is corrected per stratum: the same fractions drawn, but A answered half as often.
TEST(DesignWeightsTest, UnequalResponseGivesUnequalWeightsEvenWithEqualFractions) {
  const std::vector<StratumDesign> strata = {{"A", 1000, 25}, {"B", 1000, 50}};
  const auto w = ComputeDesignWeights(strata);
  EXPECT_FALSE(w->equal);
  EXPECT_NEAR(w->strata[0].weight / w->strata[1].weight, 2, 1e-12);
  EXPECT_GT(w->design.design_effect, 1);
}

TEST(DesignWeightsTest, EqualFractionsWeighExactlyOneWithDesignEffectOne) {
  const std::vector<StratumDesign> strata = {
      {"A", 1000, 50}, {"B", 3000, 150}, {"C", 7, 0}, {"D", 20, 1}};
  const auto w = ComputeDesignWeights(strata);
  ASSERT_TRUE(w.has_value());
  EXPECT_TRUE(w->equal);
  EXPECT_EQ(w->respondents, 201);
  for (const StratumWeight& s : w->strata) EXPECT_EQ(s.weight, s.respondents > 0 ? 1.0 : 0.0);
  EXPECT_EQ(w->design.design_effect, 1.0);
  EXPECT_EQ(w->design.effective_n, 201.0);
  // Weights of exactly 1 make the weighted figure the unweighted one, bit for bit.
  for (int successes : {0, 1, 37, 120, 201}) {
    const auto weighted = WeightedProportionFromSums(successes, 201, successes, 201, 201);
    const auto plain = EstimateProportion(successes, 201);
    EXPECT_EQ(weighted->proportion, plain->proportion);
    EXPECT_EQ(weighted->interval.lower, plain->interval.lower);
    EXPECT_EQ(weighted->interval.upper, plain->interval.upper);
    EXPECT_EQ(weighted->design.design_effect, 1.0);
  }
}

TEST(DesignWeightsTest, AStratumWithoutRespondentsWeighsNothingAndNoRespondentsIsNoFigure) {
  const std::vector<StratumDesign> strata = {{"A", 1000, 10}, {"B", 500, 0}};
  const auto w = ComputeDesignWeights(strata);
  EXPECT_EQ(w->strata[1].weight, 0);
  EXPECT_EQ(w->strata[0].weight, 1.0);
  EXPECT_TRUE(w->equal);
  EXPECT_FALSE(ComputeDesignWeights(std::vector<StratumDesign>{{"A", 1000, 0}}).has_value());
  EXPECT_FALSE(ComputeDesignWeights(std::vector<StratumDesign>{}).has_value());
  EXPECT_FALSE(WeightedProportionFromSums(0, 0, 0, 0, 0).has_value());
}

TEST(DesignWeightsTest, MisuseThrows) {
  EXPECT_THROW(ComputeDesignWeights(std::vector<StratumDesign>{{"A", 0, 3}}),
               std::invalid_argument);
  EXPECT_THROW(ComputeDesignWeights(std::vector<StratumDesign>{{"A", 10, -1}}),
               std::invalid_argument);
  EXPECT_THROW(WeightedProportionFromSums(3, 2, 1, 1, 1), std::invalid_argument);
  EXPECT_THROW(WeightedProportionFromSums(1, 2, 1, 0, 1), std::invalid_argument);
}

}  // namespace
}  // namespace phieu
