#include "reports/scorecard.h"

#include <gtest/gtest.h>

#include <cmath>

#include "reports/report_test_data.h"
#include "reports/scorecard_export.h"

namespace phieu {
namespace {

using report_test::Cell;
using report_test::TestSurvey;

FormResult UnitForm(const std::string& unit, const std::vector<std::string>& q) {
  FormResult f = report_test::Form("1", q);
  f.unit = unit;
  return f;
}

std::vector<const FormResult*> Pointers(const std::vector<FormResult>& forms) {
  std::vector<const FormResult*> p;
  for (const FormResult& f : forms) p.push_back(&f);
  return p;
}

std::vector<Option> Scale(int from, int to) {
  std::vector<Option> options;
  for (int i = from; i <= to; ++i) options.push_back({std::to_string(i), "x"});
  return options;
}

TEST(ScorecardTest, FiveLevelAnswerScoresLevelMinusOneTimesTwoAndAHalf) {
  const std::vector<Option> five = Scale(1, 5);
  EXPECT_EQ(AnswerScore(Cell("Q.1", "1"), five), 0.0);
  EXPECT_EQ(AnswerScore(Cell("Q.1", "2"), five), 2.5);
  EXPECT_EQ(AnswerScore(Cell("Q.1", "3"), five), 5.0);
  EXPECT_EQ(AnswerScore(Cell("Q.1", "4"), five), 7.5);
  EXPECT_EQ(AnswerScore(Cell("Q.1", "5"), five), 10.0);
}

TEST(ScorecardTest, ZeroToTenAnswerKeepsItsValue) {
  EXPECT_EQ(AnswerScore(Cell("M1", "7"), Scale(0, 10)), 7.0);
  EXPECT_EQ(AnswerScore(Cell("M1", "0"), Scale(0, 10)), 0.0);
}

TEST(ScorecardTest, BlankSeveralMarksReviewAndUnscoredCriteriaDoNotCount) {
  const std::vector<Option> five = Scale(1, 5);
  EXPECT_FALSE(AnswerScore(Cell("Q.1", ""), five));
  EXPECT_FALSE(AnswerScore(Cell("Q.1", "*"), five));
  EXPECT_FALSE(AnswerScore(Cell("Q.1", "?"), five));
  EXPECT_FALSE(AnswerScore(Cell("Q.1", "9"), five));  // not on the scale
  EXPECT_FALSE(AnswerScore(Cell("Q.1", "1"), {{"1", "a"}}));
  EXPECT_FALSE(AnswerScore(Cell("Q.1", "a"), {{"a", "x"}, {"b", "y"}}));
}

// Hand computed: U1's first respondent scores (10 + 7,5) / 2 = 8,75, the second (0 + 5 + 10) / 3
// = 5 (Q.4 has several marks), the third answered nothing and does not count; U1 = 6,875, with
// sd |8,75 − 5| / √2 and t(0,975; 1) = 12,706204736174707.
TEST(ScorecardTest, OfficeScoreIsTheMeanOfItsRespondentsScores) {
  const std::vector<FormResult> forms = {
      UnitForm("U1", {"5", "4", "", ""}), UnitForm("U1", {"1", "3", "5", "*"}),
      UnitForm("U1", {"", "", "", ""}), UnitForm("U2", {"3", "3", "3", "3"})};
  const PeriodScores p =
      ScorePeriod(TestSurvey(), Pointers(forms), {{"U1", {"D1", "P"}}, {"U2", {"D2", "P"}}}, "Q1");
  const AreaScore& u1 = p.areas.at(AreaLevel::kUnit).at("U1");
  EXPECT_EQ(u1.respondents, 2);
  ASSERT_TRUE(u1.score);
  EXPECT_DOUBLE_EQ(u1.score->mean, 6.875);
  ASSERT_TRUE(u1.score->interval);
  const double half = 12.706204736174707 * (3.75 / std::sqrt(2.0)) / std::sqrt(2.0);
  EXPECT_NEAR(u1.score->interval->lower, 6.875 - half, 1e-9);
  EXPECT_NEAR(u1.score->interval->upper, 6.875 + half, 1e-9);
  ASSERT_EQ(u1.criteria.size(), 4u);
  EXPECT_EQ(u1.criteria[0].item, "Q.1");
  EXPECT_EQ(u1.criteria[0].valid, 2);
  EXPECT_DOUBLE_EQ(u1.criteria[0].score, 5.0);
  EXPECT_DOUBLE_EQ(u1.criteria[1].score, 6.25);
  EXPECT_DOUBLE_EQ(u1.criteria[2].score, 10.0);
  EXPECT_EQ(u1.criteria[3].valid, 0);
  EXPECT_FALSE(u1.criteria[3].defined);
  // The province pools both offices' respondents: (8,75 + 5 + 5) / 3.
  const AreaScore& province = p.areas.at(AreaLevel::kProvince).at("P");
  EXPECT_EQ(province.respondents, 3);
  EXPECT_DOUBLE_EQ(province.score->mean, 18.75 / 3);
  EXPECT_EQ(p.areas.at(AreaLevel::kDistrict).size(), 2u);
}

TEST(ScorecardTest, UnitOutsideTheFrameAddsToNoDistrict) {
  const std::vector<FormResult> forms = {UnitForm("U9", {"5", "5", "5", "5"})};
  const PeriodScores p = ScorePeriod(TestSurvey(), Pointers(forms), {}, "");
  EXPECT_EQ(p.areas.at(AreaLevel::kUnit).at("U9").score->mean, 10.0);
  EXPECT_FALSE(p.areas.contains(AreaLevel::kDistrict));
}

// `n` respondents of `unit` answering every criterion with `levels` in turn.
void Add(std::vector<FormResult>& forms, const std::string& unit, int n,
         const std::vector<std::string>& levels) {
  for (int i = 0; i < n; ++i) {
    const std::string& l = levels[i % levels.size()];
    forms.push_back(UnitForm(unit, {l, l, l, l}));
  }
}

TEST(ScorecardTest, OverlappingIntervalsShareARankBandAndSmallBasesAreNotRanked) {
  std::vector<FormResult> forms;
  Add(forms, "A", 30, {"5"});       // 10, no spread
  Add(forms, "B", 30, {"1"});       // 0
  Add(forms, "C", 30, {"5", "1"});  // 5 ± about 1,9
  Add(forms, "D", 30, {"1", "5"});  // the same
  Add(forms, "E", 12, {"5"});       // flagged
  Add(forms, "F", 5, {"5"});        // suppressed
  const Scorecards cards =
      AssembleScorecards({ScorePeriod(TestSurvey(), Pointers(forms), {}, "2026")}, {});
  std::map<std::string, const ScorecardRow*> rows;
  for (const ScorecardRow& r : cards.rows) rows[r.name] = &r;
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(RankText(*rows["A"]->rank), "1");
  EXPECT_EQ(RankText(*rows["C"]->rank), "2–3");
  EXPECT_EQ(RankText(*rows["D"]->rank), "2–3");
  EXPECT_EQ(RankText(*rows["B"]->rank), "4");
  EXPECT_EQ(rows["E"]->base, BaseClass::kFlagged);
  EXPECT_FALSE(rows["E"]->rank);
  EXPECT_EQ(rows["F"]->base, BaseClass::kSuppressed);
  EXPECT_FALSE(rows["F"]->rank);
}

TEST(ScorecardTest, BestAndWorstThreeCriteriaOfTheLatestPeriod) {
  std::vector<FormResult> forms;
  for (int i = 0; i < 10; ++i) forms.push_back(UnitForm("U", {"2", "5", "3", "4"}));
  const Scorecards cards =
      AssembleScorecards({ScorePeriod(TestSurvey(), Pointers(forms), {}, "")}, {});
  const ScorecardRow& row = cards.rows.at(0);
  ASSERT_EQ(row.best.size(), 3u);
  EXPECT_EQ(row.best[0].item, "Q.2");
  EXPECT_EQ(row.best[1].item, "Q.4");
  EXPECT_EQ(row.best[2].item, "Q.3");
  ASSERT_EQ(row.worst.size(), 3u);
  EXPECT_EQ(row.worst[0].item, "Q.1");
  EXPECT_DOUBLE_EQ(row.worst[0].score, 2.5);
  EXPECT_EQ(row.worst[1].item, "Q.3");
}

TEST(ScorecardTest, OfficeMissingFromAPeriodHasNoFigureThere) {
  std::vector<FormResult> q1, q2;
  Add(q1, "A", 3, {"4"});
  Add(q2, "A", 3, {"5"});
  Add(q2, "B", 3, {"5"});
  const Scorecards cards = AssembleScorecards({ScorePeriod(TestSurvey(), Pointers(q1), {}, "Q1"),
                                               ScorePeriod(TestSurvey(), Pointers(q2), {}, "Q2")},
                                              {});
  ASSERT_EQ(cards.periods, (std::vector<std::string>{"Q1", "Q2"}));
  ASSERT_EQ(cards.rows.size(), 2u);
  EXPECT_EQ(cards.rows[0].periods[0]->score->mean, 7.5);
  EXPECT_EQ(cards.rows[0].periods[1]->score->mean, 10.0);
  EXPECT_FALSE(cards.rows[1].periods[0]);
}

// Respondents scoring 5 and 7,5 in turn (mean 6,25, sd about 1,27), then one quarter later 7,5
// and 10 (mean 8,75): Welch's t test finds the rise on 30 respondents a quarter, not on 12 (a
// flagged base, still tested), and no test where a quarter is suppressed.
TEST(ScorecardTest, AChangeIsMarkedOnlyWhereWelchsTestFindsIt) {
  std::vector<FormResult> q1, q2;
  Add(q1, "A", 30, {"3", "4"});
  Add(q2, "A", 30, {"4", "5"});
  Add(q1, "B", 12, {"3", "4"});
  Add(q2, "B", 12, {"3", "5"});
  Add(q1, "C", 5, {"3", "4"});
  Add(q2, "C", 30, {"4", "5"});
  const Scorecards cards = AssembleScorecards({ScorePeriod(TestSurvey(), Pointers(q1), {}, "Q1"),
                                               ScorePeriod(TestSurvey(), Pointers(q2), {}, "Q2")},
                                              {});
  std::map<std::string, const ScorecardRow*> rows;
  for (const ScorecardRow& r : cards.rows) rows[r.name] = &r;
  ASSERT_TRUE(rows["A"]->change);
  EXPECT_DOUBLE_EQ(rows["A"]->change->difference, 2.5);
  EXPECT_TRUE(rows["A"]->change->significant);
  ASSERT_TRUE(rows["B"]->change);
  EXPECT_DOUBLE_EQ(rows["B"]->change->difference, 1.25);
  EXPECT_FALSE(rows["B"]->change->significant) << rows["B"]->change->p_value;
  EXPECT_FALSE(rows["C"]->change);
  const std::string csv = ScorecardCsv(cards);
  EXPECT_NE(csv.find("unit,A,Q2,area,,,30,8.75,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",1\r\nunit,A,Q2,criterion"), std::string::npos) << csv;
}

TEST(ScorecardTest, CsvLeavesSuppressedFiguresEmpty) {
  std::vector<FormResult> forms;
  Add(forms, "A", 30, {"4"});
  Add(forms, "F", 5, {"5"});
  const std::string csv = ScorecardCsv(
      AssembleScorecards({ScorePeriod(TestSurvey(), Pointers(forms), {}, "2026")}, {}));
  EXPECT_NE(csv.find("unit,A,2026,area,,,30,7.50,7.50,7.50,reliable,1,,\r\n"), std::string::npos)
      << csv;
  EXPECT_NE(csv.find("unit,A,2026,criterion,Q.1,r1,30,7.50,,,,,,\r\n"), std::string::npos);
  EXPECT_NE(csv.find("unit,F,2026,area,,,5,,,,suppressed,,,\r\n"), std::string::npos);
  EXPECT_EQ(csv.find("unit,F,2026,criterion"), std::string::npos);
}

}  // namespace
}  // namespace phieu
