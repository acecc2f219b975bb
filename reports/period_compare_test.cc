#include "reports/period_compare.h"

#include <gtest/gtest.h>

#include "core/builtin_surveys.h"
#include "reports/index_formula.h"
#include "reports/question_map.h"

namespace phieu {
namespace {

const Survey& Hanoi() { return FindBuiltinSurvey("hanoi-2014")->survey; }

// `n` accepted forms of hanoi-2014, the first `satisfied_h1` satisfied on H.1, every one
// satisfied on H.2 .. H.4.
Tally HanoiTally(int n, int satisfied_h1) {
  std::vector<FormResult> forms(n);
  for (int i = 0; i < n; ++i) {
    forms[i].code = "F" + std::to_string(i);
    forms[i].verdict = Verdict::kAccepted;
    for (const char* item : {"H.1", "H.2", "H.3", "H.4"}) {
      Answer a;
      a.item = item;
      a.state = AnswerState::kAnswered;
      a.options = {std::string(item) == "H.1" && i >= satisfied_h1 ? "1" : "2"};
      forms[i].answers.push_back(a);
    }
  }
  VerifyResult result;
  result.forms = forms;
  return TallyForms(Hanoi(), *BuiltinFormulaFor("hanoi-2014"), result, {}, "").value();
}

TEST(PeriodCompareTest, AChangeIsSignificantOnlyWhenTheZTestSaysSo) {
  // H.1: 60 of 100, then 80 of 100: z = 0.2 / sqrt(0.7 · 0.3 · 2 / 100) = 3.086, p = 0.0020.
  const Tally before = HanoiTally(100, 60), after = HanoiTally(100, 80);
  const PeriodComparison c =
      ComparePeriods(Hanoi(), before, Hanoi(), after, SameCodes(Hanoi(), Hanoi()));
  ASSERT_EQ(c.items.size(), 4u);
  const FigureChange& h1 = c.items[0];
  EXPECT_EQ(h1.code, "H.1");
  EXPECT_DOUBLE_EQ(h1.value1, 60.0);
  EXPECT_DOUBLE_EQ(h1.value2, 80.0);
  ASSERT_TRUE(h1.test.has_value());
  EXPECT_NEAR(h1.test->z, 3.086066999241839, 1e-9);
  EXPECT_TRUE(h1.test->significant);
  // H.2: 100 % both times: no change, not significant.
  ASSERT_TRUE(c.items[1].test.has_value());
  EXPECT_FALSE(c.items[1].test->significant);
  // The Hà Nội overall index is one proportion (respondents satisfied on all four): tested too.
  EXPECT_EQ(c.overall.base1, 100);
  ASSERT_TRUE(c.overall.test.has_value());
  EXPECT_TRUE(c.overall.test->significant);
  EXPECT_TRUE(c.not_compared_current.empty());
  EXPECT_TRUE(c.not_compared_earlier.empty());
}

TEST(PeriodCompareTest, ASmallChangeOnFewAnswersIsNotSignificant) {
  // 6 of 10, then 8 of 10: z = 0.976, p = 0.33.
  const PeriodComparison c = ComparePeriods(Hanoi(), HanoiTally(10, 6), Hanoi(), HanoiTally(10, 8),
                                            SameCodes(Hanoi(), Hanoi()));
  ASSERT_TRUE(c.items[0].test.has_value());
  EXPECT_NEAR(c.items[0].test->z, 0.9759000729485334, 1e-9);
  EXPECT_FALSE(c.items[0].test->significant);
}

TEST(PeriodCompareTest, QuestionsTheMapLeavesOutAreNamed) {
  auto map = ParseQuestionMap("from: hanoi-2014\nto: hanoi-2014\nitems:\n  H.1: H.2\n  H.2: H.1\n",
                              "q.yaml", Hanoi(), Hanoi());
  ASSERT_TRUE(map.ok()) << map.status().message();
  const PeriodComparison c =
      ComparePeriods(Hanoi(), HanoiTally(100, 60), Hanoi(), HanoiTally(100, 80), *map);
  ASSERT_EQ(c.items.size(), 2u);
  EXPECT_EQ(c.items[0].code, "H.1");
  EXPECT_EQ(c.items[0].earlier_code, "H.2");
  EXPECT_DOUBLE_EQ(c.items[0].value1, 100.0);
  const std::vector<std::string> missing = {"H.3", "H.4"};
  EXPECT_EQ(c.not_compared_current, missing);
  EXPECT_EQ(c.not_compared_earlier, missing);
}

TEST(PeriodCompareTest, AMapWithMistakesIsRefusedWithLines) {
  const Survey& sipas = FindBuiltinSurvey("sipas-2022")->survey;
  auto map = ParseQuestionMap(
      "from: sipas-2017\nto: hanoi-2014\nitems:\n  H.9: H.1\n  H.1: H.1\n", "q.yaml", Hanoi(),
      sipas);
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.status().message(),
            "q.yaml:1: the map is from 'sipas-2017', but the earlier database is for 'hanoi-2014'\n"
            "q.yaml:2: the map is to 'hanoi-2014', but this database is for 'sipas-2022'\n"
            "q.yaml:4: 'H.9' is not a question of hanoi-2014\n"
            "q.yaml:4: 'H.1' is not a question of sipas-2022\n"
            "q.yaml:5: 'H.1' is not a question of sipas-2022");
}

}  // namespace
}  // namespace phieu
