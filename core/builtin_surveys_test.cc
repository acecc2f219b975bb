#include "core/builtin_surveys.h"

#include <gtest/gtest.h>

#include <map>

namespace phieu {
namespace {

int CountRows(const Survey& survey, const std::string& question) {
  for (const auto& section : survey.sections) {
    for (const auto& q : section.questions) {
      if (q.code == question) return static_cast<int>(q.rows.size());
    }
  }
  return -1;
}

// Items per group, counted through AnswerItems.
std::map<std::string, int> ItemsPerGroup(const Survey& survey) {
  std::map<std::string, int> counts;
  for (const auto& item : AnswerItems(survey)) ++counts[item.group];
  return counts;
}

TEST(BuiltinSurveysTest, AllFourParseAndAreListedByName) {
  std::vector<std::string> names;
  for (const auto& b : BuiltinSurveys()) names.push_back(b.name);
  EXPECT_EQ(names, (std::vector<std::string>{"hanoi-2014", "mscore", "sipas-2017", "sipas-2022"}));
}

TEST(BuiltinSurveysTest, Sipas2022HasTheNationalFormsStructure) {
  const Survey& s = FindBuiltinSurvey("sipas-2022")->survey;
  EXPECT_EQ(CountRows(s, "Q1"), 8);
  EXPECT_EQ(CountRows(s, "Q8"), 7);
  EXPECT_EQ(CountRows(s, "Q9"), 33);
  EXPECT_EQ(CountRows(s, "Q10"), 10);
  const auto groups = ItemsPerGroup(s);
  // Block I: 2 + 2 + 8 + 2 = 14 items; block II: elements of 4, 4, 5, 3, 3 = 19 items.
  EXPECT_EQ(groups.at("Q9.I.A"), 2);
  EXPECT_EQ(groups.at("Q9.I.C"), 8);
  EXPECT_EQ(groups.at("Q9.II.1"), 4);
  EXPECT_EQ(groups.at("Q9.II.3"), 5);
  EXPECT_EQ(groups.at("Q9.II.5"), 3);
  EXPECT_EQ(FindGroup(s, "Q9.II.3")->parent, "Q9.II");
  // Row 8 of Q10 is in no public copy of the form: a placeholder, marked draft until it is known.
  EXPECT_EQ(DraftItems(s), (std::vector<std::string>{"Q10.8"}));
}

TEST(BuiltinSurveysTest, Sipas2017Has22CriteriaInFiveElements) {
  const Survey& s = FindBuiltinSurvey("sipas-2017")->survey;
  EXPECT_EQ(CountRows(s, "C"), 22);
  const auto groups = ItemsPerGroup(s);
  EXPECT_EQ(groups.at("E1"), 4);
  EXPECT_EQ(groups.at("E2"), 5);
  EXPECT_EQ(groups.at("E3"), 6);
  EXPECT_EQ(groups.at("E4"), 3);
  EXPECT_EQ(groups.at("E5"), 4);
}

TEST(BuiltinSurveysTest, Hanoi2014HasFourSatisfiedOrNotCriteria) {
  const Survey& s = FindBuiltinSurvey("hanoi-2014")->survey;
  EXPECT_EQ(CountRows(s, "H"), 4);
  const auto items = AnswerItems(s);
  EXPECT_EQ(items.front().options.size(), 2u);
}

TEST(BuiltinSurveysTest, MScoreUsesTheZeroToTenScale) {
  const Survey& s = FindBuiltinSurvey("mscore")->survey;
  int scales = 0;
  for (const auto& item : AnswerItems(s)) {
    if (item.kind == QuestionKind::kScale) {
      ++scales;
      EXPECT_EQ(item.options.size(), 11u) << item.code;
    }
  }
  EXPECT_GE(scales, 5);
}

TEST(BuiltinSurveysTest, UnknownNameIsNotFound) { EXPECT_EQ(FindBuiltinSurvey("sipas-1999"), nullptr); }

}  // namespace
}  // namespace phieu
