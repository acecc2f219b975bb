#include "stats/statistics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace phieu {
namespace {

// Published to 4 decimals; a printed value stands for anything within half a unit of its last
// digit.
constexpr double kFourDecimals = 0.5e-4;

// Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
// methods", Statistics in Medicine 17:857–872, Table II, method 3 (Wilson score, no continuity
// correction), the paper's four worked examples.
TEST(WilsonIntervalTest, MatchesNewcombe1998Method3) {
  struct Case {
    int x, n;
    double lower, upper;
  };
  const Case cases[] = {
      {81, 263, 0.2553, 0.3662},
      {15, 148, 0.0624, 0.1605},
      {0, 20, 0.0000, 0.1611},
      {1, 29, 0.0061, 0.1718},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << c.x << "/" << c.n);
    const auto e = EstimateProportion(c.x, c.n);
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->successes, c.x);
    EXPECT_EQ(e->n, c.n);
    EXPECT_DOUBLE_EQ(e->proportion, static_cast<double>(c.x) / c.n);
    EXPECT_NEAR(e->interval.lower, c.lower, kFourDecimals);
    EXPECT_NEAR(e->interval.upper, c.upper, kFourDecimals);
  }
}

// Wilson's interval at x = 0 is [0, z²/(n + z²)]; at x = n it is its mirror image.
TEST(WilsonIntervalTest, AllOrNoneEndExactlyAtTheBoundAndMirrorEachOther) {
  const double z = NormalCriticalValue(0.95);
  for (int n : {1, 2, 10, 30, 10000}) {
    SCOPED_TRACE(n);
    const auto none = EstimateProportion(0, n);
    const auto all = EstimateProportion(n, n);
    EXPECT_EQ(none->interval.lower, 0.0);
    EXPECT_NEAR(none->interval.upper, z * z / (n + z * z), 1e-15);
    EXPECT_EQ(all->interval.upper, 1.0);
    EXPECT_NEAR(all->interval.lower, 1 - none->interval.upper, 1e-15);
  }
}

TEST(WilsonIntervalTest, NoAnswersIsNoFigure) {
  EXPECT_FALSE(EstimateProportion(0, 0).has_value());
}

TEST(WilsonIntervalTest, AHigherLevelWidensTheInterval) {
  const auto p90 = EstimateProportion(30, 40, 0.90);
  const auto p95 = EstimateProportion(30, 40, 0.95);
  const auto p99 = EstimateProportion(30, 40, 0.99);
  EXPECT_LT(p99->interval.lower, p95->interval.lower);
  EXPECT_LT(p95->interval.lower, p90->interval.lower);
  EXPECT_GT(p99->interval.upper, p95->interval.upper);
  EXPECT_GT(p95->interval.upper, p90->interval.upper);
}

TEST(WilsonIntervalTest, MisuseThrows) {
  EXPECT_THROW(EstimateProportion(-1, 10), std::invalid_argument);
  EXPECT_THROW(EstimateProportion(11, 10), std::invalid_argument);
  EXPECT_THROW(EstimateProportion(1, -1), std::invalid_argument);
  EXPECT_THROW(EstimateProportion(1, 10, 0.0), std::invalid_argument);
  EXPECT_THROW(EstimateProportion(1, 10, 1.0), std::invalid_argument);
  EXPECT_THROW(WilsonInterval(0.5, 0), std::invalid_argument);
  EXPECT_THROW(WilsonInterval(1.5, 10), std::invalid_argument);
}

// Printed tables of the normal and t distributions (any statistics textbook): 1.960 and 2.576;
// t(0.975; 9) = 2.262, t(0.975; 29) = 2.045, t(0.995; 1) = 63.657.
TEST(CriticalValueTest, MatchPrintedTables) {
  EXPECT_NEAR(NormalCriticalValue(0.95), 1.960, 0.5e-3);
  EXPECT_NEAR(NormalCriticalValue(0.99), 2.576, 0.5e-3);
  EXPECT_NEAR(StudentCriticalValue(0.95, 9), 2.262, 0.5e-3);
  EXPECT_NEAR(StudentCriticalValue(0.95, 29), 2.045, 0.5e-3);
  EXPECT_NEAR(StudentCriticalValue(0.99, 1), 63.657, 0.5e-3);
  EXPECT_THROW(StudentCriticalValue(0.95, 0), std::invalid_argument);
}

// Student's (1908) sleep data (Cushny and Peebles): the extra hours of sleep of ten patients on
// drug 2 over drug 1. R's t.test(extra ~ group, data = sleep, paired = TRUE) prints the 95 %
// interval 0.7001142 .. 2.4598858 for the mean difference 1.58 (with the sign reversed, as R
// takes group 1 minus group 2).
TEST(MeanIntervalTest, MatchesStudentsSleepDataAsPrintedByR) {
  const std::vector<double> differences = {1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4};
  const auto e = EstimateMean(differences);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->n, 10);
  EXPECT_NEAR(e->mean, 1.58, 1e-12);
  EXPECT_NEAR(e->standard_deviation, 1.229995, 0.5e-6);
  ASSERT_TRUE(e->interval.has_value());
  EXPECT_NEAR(e->interval->lower, 0.7001142, 0.5e-7);
  EXPECT_NEAR(e->interval->upper, 2.4598858, 0.5e-7);

  const auto summary = EstimateMeanFromSummary(10, e->mean, e->standard_deviation);
  EXPECT_DOUBLE_EQ(summary->interval->lower, e->interval->lower);
  EXPECT_DOUBLE_EQ(summary->interval->upper, e->interval->upper);
}

TEST(MeanIntervalTest, NoValuesIsNoFigureAndOneValueHasNoInterval) {
  EXPECT_FALSE(EstimateMean(std::vector<double>{}).has_value());
  EXPECT_FALSE(EstimateMeanFromSummary(0, 0, 0).has_value());
  const auto one = EstimateMean(std::vector<double>{8.0});
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->mean, 8.0);
  EXPECT_EQ(one->standard_deviation, 0.0);
  EXPECT_FALSE(one->interval.has_value());
}

TEST(MeanIntervalTest, EqualValuesHaveAZeroWidthInterval) {
  const auto e = EstimateMean(std::vector<double>{4, 4, 4, 4, 4});
  EXPECT_EQ(e->standard_deviation, 0.0);
  EXPECT_EQ(e->interval->lower, 4.0);
  EXPECT_EQ(e->interval->upper, 4.0);
}

// Σx² − n·mean² would lose every digit here; the deviations do not.
TEST(MeanIntervalTest, LargeOffsetDoesNotCancel) {
  const auto e = EstimateMean(std::vector<double>{1e9 + 1, 1e9 + 2, 1e9 + 3});
  EXPECT_DOUBLE_EQ(e->standard_deviation, 1.0);
}

TEST(MeanIntervalTest, MisuseThrows) {
  EXPECT_THROW(EstimateMean(std::vector<double>{1, NAN}), std::invalid_argument);
  EXPECT_THROW(EstimateMeanFromSummary(3, 1, -1), std::invalid_argument);
  EXPECT_THROW(EstimateMeanFromSummary(-1, 1, 1), std::invalid_argument);
}

// Kish's deff = n·Σw²/(Σw)² = 1 + CV²(w). Weights 1, 1, 2, 2: Σw = 6, Σw² = 10, deff = 40/36,
// n_eff = 36/10.
TEST(DesignEffectTest, KishWorkedByHand) {
  const auto d = KishDesignEffect(std::vector<double>{1, 1, 2, 2});
  ASSERT_TRUE(d.has_value());
  EXPECT_NEAR(d->design_effect, 40.0 / 36.0, 1e-15);
  EXPECT_NEAR(d->effective_n, 3.6, 1e-15);
  EXPECT_FALSE(KishDesignEffect(std::vector<double>{}).has_value());
  EXPECT_THROW(KishDesignEffect(std::vector<double>{1, 0}), std::invalid_argument);
}

TEST(DesignEffectTest, EqualWeightsHaveDesignEffectExactlyOne) {
  for (double w : {1.0, 0.1, 3.0, 412.5, 1e6 / 7}) {
    const auto d = KishDesignEffect(std::vector<double>(997, w));
    EXPECT_EQ(d->design_effect, 1.0);
    EXPECT_EQ(d->effective_n, 997.0);
  }
}

// Two districts, 300 answers each: A has 9,000 people and 80 % satisfied (240), B has 1,000 and
// 50 % (150). Weights 30 and 10/3. The weighted share is (9000·0.8 + 1000·0.5) / 10000 = 0.77
// (unweighted: 0.65). Relative weights 1 and 1/9: n_eff = 300·(10/9)² / (82/81) = 30000/82,
// deff = 600/n_eff = 1.64.
TEST(WeightedProportionTest, StratifiedDrawWorkedByHand) {
  const std::vector<StratumCount> strata = {{9000.0 / 300, 240, 300}, {1000.0 / 300, 150, 300}};
  const auto e = EstimateWeightedProportion(strata);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->successes, 390);
  EXPECT_EQ(e->n, 600);
  EXPECT_NEAR(e->proportion, 0.77, 1e-15);
  EXPECT_NEAR(e->design.effective_n, 30000.0 / 82, 1e-12);
  EXPECT_NEAR(e->design.design_effect, 1.64, 1e-15);
  const Interval wilson = WilsonInterval(0.77, 30000.0 / 82);
  EXPECT_NEAR(e->interval.lower, wilson.lower, 1e-15);
  EXPECT_NEAR(e->interval.upper, wilson.upper, 1e-15);
}

TEST(WeightedProportionTest, EqualWeightsGiveTheUnweightedFigureExactly) {
  const std::vector<StratumCount> strata = {{3.0, 20, 30}, {3.0, 25, 30}, {3.0, 10, 30}};
  const auto w = EstimateWeightedProportion(strata);
  const auto u = EstimateProportion(55, 90);
  EXPECT_EQ(w->design.design_effect, 1.0);
  EXPECT_EQ(w->design.effective_n, 90.0);
  EXPECT_EQ(w->proportion, u->proportion);
  EXPECT_EQ(w->interval.lower, u->interval.lower);
  EXPECT_EQ(w->interval.upper, u->interval.upper);
}

TEST(WeightedProportionTest, EmptyStrataAreIgnoredAndNoAnswersIsNoFigure) {
  const auto e = EstimateWeightedProportion(std::vector<StratumCount>{{7.0, 0, 0}, {2.0, 3, 4}});
  EXPECT_EQ(e->n, 4);
  EXPECT_EQ(e->design.design_effect, 1.0);
  EXPECT_EQ(e->proportion, 0.75);
  EXPECT_FALSE(EstimateWeightedProportion(std::vector<StratumCount>{{7.0, 0, 0}}).has_value());
  EXPECT_FALSE(EstimateWeightedProportion(std::vector<StratumCount>{}).has_value());
}

TEST(WeightedProportionTest, AllOrNoneSatisfiedStayExactlyZeroOrOne) {
  const auto none = EstimateWeightedProportion(std::vector<StratumCount>{{10, 0, 50}, {2, 0, 7}});
  EXPECT_EQ(none->proportion, 0.0);
  EXPECT_EQ(none->interval.lower, 0.0);
  const auto all = EstimateWeightedProportion(std::vector<StratumCount>{{10, 50, 50}, {2, 7, 7}});
  EXPECT_EQ(all->proportion, 1.0);
  EXPECT_EQ(all->interval.upper, 1.0);
}

TEST(WeightedProportionTest, MisuseThrows) {
  EXPECT_THROW(EstimateWeightedProportion(std::vector<StratumCount>{{0.0, 1, 2}}),
               std::invalid_argument);
  EXPECT_THROW(EstimateWeightedProportion(std::vector<StratumCount>{{1.0, 3, 2}}),
               std::invalid_argument);
}

TEST(ClassifyBaseTest, DefaultThresholdsAre30And10) {
  struct Case {
    int n;
    BaseClass expected;
  };
  const Case cases[] = {
      {0, BaseClass::kSuppressed},   {1, BaseClass::kSuppressed}, {9, BaseClass::kSuppressed},
      {10, BaseClass::kFlagged},     {29, BaseClass::kFlagged},   {30, BaseClass::kReliable},
      {10000, BaseClass::kReliable},
  };
  for (const Case& c : cases) EXPECT_EQ(ClassifyBase(c.n), c.expected) << c.n;
}

TEST(ClassifyBaseTest, ThresholdsAreConfigurable) {
  const SmallBaseRule rule{50, 20};
  EXPECT_EQ(ClassifyBase(19, rule), BaseClass::kSuppressed);
  EXPECT_EQ(ClassifyBase(20, rule), BaseClass::kFlagged);
  EXPECT_EQ(ClassifyBase(49, rule), BaseClass::kFlagged);
  EXPECT_EQ(ClassifyBase(50, rule), BaseClass::kReliable);
  // No suppression, no flag: every figure on at least one answer is shown; none still is not.
  EXPECT_EQ(ClassifyBase(1, SmallBaseRule{0, 0}), BaseClass::kReliable);
  EXPECT_EQ(ClassifyBase(0, SmallBaseRule{0, 0}), BaseClass::kSuppressed);
}

TEST(ClassifyBaseTest, MisuseThrows) {
  EXPECT_THROW(ClassifyBase(-1), std::invalid_argument);
  EXPECT_THROW(ClassifyBase(5, SmallBaseRule{10, 30}), std::invalid_argument);
  EXPECT_THROW(ClassifyBase(5, SmallBaseRule{10, -1}), std::invalid_argument);
}

// The Physicians' Health Study table (aspirin: 104 heart attacks in 11,037; placebo: 189 in
// 11,034), the classic example of a difference of proportions (Agresti, Categorical Data
// Analysis, ch. 2). By hand: p̂ = 293/22071 = 0.013275, SE = √(p̂(1−p̂)(1/11034 + 1/11037)) =
// 0.0015407, z = (0.0094228 − 0.0171289)/SE = −5.0014; Pearson's χ² = z² = 25.01.
TEST(ProportionChangeTest, PhysiciansHealthStudyWorkedByHand) {
  const auto c = TestProportionChange(189, 11034, 104, 11037);
  ASSERT_TRUE(c.has_value());
  EXPECT_NEAR(c->difference, 104.0 / 11037 - 189.0 / 11034, 1e-15);
  EXPECT_NEAR(c->z, -5.0014, 0.5e-4);
  EXPECT_NEAR(c->z * c->z, 25.01, 0.5e-2);
  EXPECT_NEAR(c->p_value, 5.69e-7, 0.005e-7);
  EXPECT_TRUE(c->significant);
}

// Two periods of 1,000 answers, 82.1 % then 83.0 % (the example): z = 0.009 /
// √(0.8255·0.1745·0.002) = 0.009 / 0.016974 = 0.5302, p = 2·(1 − Φ(0.5302)) = 0.596: noise, not
// progress. 82.1 % then 85.5 %: z = 0.034 / √(0.838·0.162·0.002) = 2.0634, p = 0.039 < 0.05.
TEST(ProportionChangeTest, SmallRiseIsNotSignificantLargerRiseIs) {
  const auto small = TestProportionChange(821, 1000, 830, 1000);
  EXPECT_NEAR(small->z, 0.5302, 0.5e-4);
  EXPECT_NEAR(small->p_value, 0.596, 0.5e-3);
  EXPECT_FALSE(small->significant);
  const auto large = TestProportionChange(821, 1000, 855, 1000);
  EXPECT_NEAR(large->z, 2.0634, 0.5e-4);
  EXPECT_NEAR(large->p_value, 0.039, 0.5e-3);
  EXPECT_TRUE(large->significant);
  // The same rise tested at 1 % is not significant.
  EXPECT_FALSE(TestProportionChange(821, 1000, 855, 1000, 0.01)->significant);
}

TEST(ProportionChangeTest, EmptyPeriodIsNoTestAndIdenticalAllOrNoneIsNoChange) {
  EXPECT_FALSE(TestProportionChange(0, 0, 5, 10).has_value());
  EXPECT_FALSE(TestProportionChange(5, 10, 0, 0).has_value());
  for (const auto& c : {TestProportionChange(0, 10, 0, 30), TestProportionChange(10, 10, 30, 30)}) {
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->difference, 0.0);
    EXPECT_EQ(c->z, 0.0);
    EXPECT_EQ(c->p_value, 1.0);
    EXPECT_FALSE(c->significant);
  }
}

TEST(ProportionChangeTest, MisuseThrows) {
  EXPECT_THROW(TestProportionChange(11, 10, 1, 10), std::invalid_argument);
  EXPECT_THROW(TestProportionChange(1, 10, 1, 10, 0.0), std::invalid_argument);
}

// Four units: A [0.80, 0.90], B [0.78, 0.86], C [0.60, 0.70], D [0.50, 0.62].
// A and B overlap: both rank 1–2. C lies wholly below A and B and overlaps D: 3–4. D: 3–4.
// Welch's test on Wikipedia's "Welch's t-test" example 1 (two samples of 15, unequal variances):
// t = -2.46, 25.0 degrees of freedom, p = 0.021; digits below from scipy 1.10's ttest_ind(
// equal_var=False) on the same values.
TEST(MeanChangeTest, WelchWorkedExample) {
  const std::vector<double> a1 = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1,
                                  21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
  const std::vector<double> a2 = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0,
                                  24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
  const auto c = TestMeanChange(*EstimateMean(a2), *EstimateMean(a1));
  ASSERT_TRUE(c.has_value());
  EXPECT_NEAR(c->difference, 20.82 - 22.986666666666665, 1e-12);
  EXPECT_NEAR(c->t, -2.455356398286006, 1e-9);
  EXPECT_NEAR(c->degrees_of_freedom, 24.988529290231416, 1e-9);
  EXPECT_NEAR(c->p_value, 0.021378001462866985, 1e-9);
  EXPECT_TRUE(c->significant);
  EXPECT_FALSE(TestMeanChange(*EstimateMean(a2), *EstimateMean(a1), 0.01)->significant);
}

TEST(MeanChangeTest, AHalfPointRiseIsSignificantOnlyOnALargeBase) {
  // An office's 0-10 score from 7,1 to 7,6 with a spread of 2,5 points between respondents.
  EXPECT_FALSE(TestMeanChange({40, 7.1, 2.5, {}}, {40, 7.6, 2.5, {}})->significant);
  EXPECT_TRUE(TestMeanChange({400, 7.1, 2.5, {}}, {400, 7.6, 2.5, {}})->significant);
}

TEST(MeanChangeTest, NoSpreadOrASingleAnswerIsNoTest) {
  EXPECT_FALSE(TestMeanChange({1, 5, 0, {}}, {30, 6, 2, {}}).has_value());
  EXPECT_FALSE(TestMeanChange({30, 5, 2, {}}, {1, 6, 0, {}}).has_value());
  EXPECT_FALSE(TestMeanChange({30, 5, 0, {}}, {30, 6, 0, {}}).has_value());
  // One side without spread still leaves the other's to judge by.
  EXPECT_TRUE(TestMeanChange({30, 5, 0, {}}, {30, 6, 2, {}}).has_value());
  EXPECT_THROW(TestMeanChange({30, 5, 1, {}}, {30, 6, 1, {}}, 1.0), std::invalid_argument);
  EXPECT_THROW(TestMeanChange({30, 5, -1, {}}, {30, 6, 1, {}}), std::invalid_argument);
}

TEST(RankBandsTest, OverlappingIntervalsShareRanks) {
  const std::vector<Interval> intervals = {{0.80, 0.90}, {0.78, 0.86}, {0.60, 0.70}, {0.50, 0.62}};
  const std::vector<RankBand> bands = RankBands(intervals);
  ASSERT_EQ(bands.size(), 4u);
  EXPECT_EQ(bands[0].best, 1);
  EXPECT_EQ(bands[0].worst, 2);
  EXPECT_EQ(bands[1].best, 1);
  EXPECT_EQ(bands[1].worst, 2);
  EXPECT_EQ(bands[2].best, 3);
  EXPECT_EQ(bands[2].worst, 4);
  EXPECT_EQ(bands[3].best, 3);
  EXPECT_EQ(bands[3].worst, 4);
}

TEST(RankBandsTest, SeparateIntervalsGiveStrictRanksInAnyInputOrder) {
  const std::vector<Interval> intervals = {{0.1, 0.2}, {0.7, 0.8}, {0.4, 0.5}};
  const std::vector<RankBand> bands = RankBands(intervals);
  EXPECT_EQ(bands[0].best, 3);
  EXPECT_EQ(bands[0].worst, 3);
  EXPECT_EQ(bands[1].best, 1);
  EXPECT_EQ(bands[1].worst, 1);
  EXPECT_EQ(bands[2].best, 2);
  EXPECT_EQ(bands[2].worst, 2);
}

// A chain: A overlaps B, B overlaps C, but A lies above C. B could be anywhere 1–3; A 1–2; C 2–3.
TEST(RankBandsTest, AChainOfOverlapsIsNotOneBigTie) {
  const std::vector<Interval> intervals = {{0.6, 0.9}, {0.4, 0.7}, {0.2, 0.5}};
  const std::vector<RankBand> bands = RankBands(intervals);
  EXPECT_EQ(bands[0].best, 1);
  EXPECT_EQ(bands[0].worst, 2);
  EXPECT_EQ(bands[1].best, 1);
  EXPECT_EQ(bands[1].worst, 3);
  EXPECT_EQ(bands[2].best, 2);
  EXPECT_EQ(bands[2].worst, 3);
}

TEST(RankBandsTest, TouchingIntervalsAreTiedAndEmptyInputIsEmpty) {
  const std::vector<RankBand> bands = RankBands(std::vector<Interval>{{0.5, 0.6}, {0.6, 0.7}});
  EXPECT_EQ(bands[0].best, 1);
  EXPECT_EQ(bands[0].worst, 2);
  EXPECT_EQ(bands[1].best, 1);
  EXPECT_EQ(bands[1].worst, 2);
  EXPECT_TRUE(RankBands(std::vector<Interval>{}).empty());
  EXPECT_THROW(RankBands(std::vector<Interval>{{0.7, 0.6}}), std::invalid_argument);
}

}  // namespace
}  // namespace phieu
