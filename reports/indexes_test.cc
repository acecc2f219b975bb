#include "reports/indexes.h"

#include <gtest/gtest.h>

#include "reports/report_test_data.h"

namespace phieu::report_test {
namespace {

// Worked by hand (satisfied = 4 or 5):
//   Q.1: 5 4 * 2 -> 3 valid, 2 satisfied: 66.67 (1 several marks)
//   Q.2: 4 _ 1 5 -> 3 valid, 2 satisfied: 66.67 (1 blank)
//   Q.3: 2 5 3 ? -> 3 valid, 1 satisfied: 33.33 (1 waiting for review)
//   Q.4: 4 5 4 1 -> 4 valid, 3 satisfied: 75
const std::vector<FormResult>& Forms() {
  static const std::vector<FormResult> forms = {
      Form("1", {"5", "4", "2", "4"}),
      Form("2", {"4", "", "5", "5"}),
      Form("2", {"*", "1", "3", "4"}),
      Form("", {"2", "5", "?", "1"}),
  };
  return forms;
}

std::vector<const FormResult*> Pointers(const std::vector<FormResult>& forms) {
  std::vector<const FormResult*> list;
  for (const FormResult& f : forms) list.push_back(&f);
  return list;
}

IndexFormula Share(GroupCombine combine, OverallOver overall) {
  IndexFormula f;
  f.score = IndexScore::kShare;
  f.satisfied = {"4", "5"};
  f.combine = combine;
  f.overall = overall;
  return f;
}

const ItemTally& Item(const IndexResult& r, const std::string& code) {
  for (const ItemTally& t : r.items) {
    if (t.item == code) return t;
  }
  throw std::runtime_error("no item " + code);
}

const GroupIndex& Group(const IndexResult& r, const std::string& code) {
  for (const GroupIndex& g : r.groups) {
    if (g.code == code) return g;
  }
  throw std::runtime_error("no group " + code);
}

TEST(IndexesTest, ItemIndexIsTheShareSatisfiedAmongValidAnswersOnly) {
  const IndexResult r = ComputeIndexes(TestSurvey(), Share(GroupCombine::kMean, OverallOver::kBlocks),
                                       Pointers(Forms()));
  EXPECT_EQ(r.forms, 4);
  const ItemTally& q1 = Item(r, "Q.1");
  EXPECT_EQ(q1.valid, 3);
  EXPECT_EQ(q1.satisfied, 2);
  EXPECT_EQ(q1.invalid, 1);
  EXPECT_NEAR(q1.value, 200.0 / 3, 1e-9);
  EXPECT_EQ(Item(r, "Q.2").blank, 1);
  EXPECT_NEAR(Item(r, "Q.2").value, 200.0 / 3, 1e-9);
  EXPECT_EQ(Item(r, "Q.3").review, 1);
  EXPECT_NEAR(Item(r, "Q.3").value, 100.0 / 3, 1e-9);
  EXPECT_NEAR(Item(r, "Q.4").value, 75.0, 1e-9);
  EXPECT_EQ(Item(r, "Q.4").options, (std::map<std::string, int>{{"1", 1}, {"4", 2}, {"5", 1}}));
}

TEST(IndexesTest, ItemsOutsideTheTreeAreTalliedNotIndexed) {
  const IndexResult r = ComputeIndexes(TestSurvey(), Share(GroupCombine::kMean, OverallOver::kBlocks),
                                       Pointers(Forms()));
  const ItemTally& a1 = Item(r, "A1");
  EXPECT_EQ(a1.group, "");
  EXPECT_EQ(a1.options, (std::map<std::string, int>{{"1", 1}, {"2", 2}}));
  EXPECT_EQ(a1.blank, 1);
}

TEST(IndexesTest, GroupsAreTheMeanOfTheirPartsAndTheOverallTheMeanOfTheBlocks) {
  const IndexResult r = ComputeIndexes(TestSurvey(), Share(GroupCombine::kMean, OverallOver::kBlocks),
                                       Pointers(Forms()));
  EXPECT_NEAR(Group(r, "E1").value, 200.0 / 3, 1e-9);  // (66.67 + 66.67) / 2
  EXPECT_NEAR(Group(r, "E2").value, 100.0 / 3, 1e-9);
  EXPECT_NEAR(Group(r, "B1").value, 50.0, 1e-9);       // (66.67 + 33.33) / 2
  EXPECT_NEAR(Group(r, "B2").value, 75.0, 1e-9);
  EXPECT_EQ(Group(r, "E1").depth, 1);
  EXPECT_EQ(Group(r, "B2").depth, 0);
  ASSERT_TRUE(r.overall_defined);
  EXPECT_NEAR(r.overall, 62.5, 1e-9);                  // (50 + 75) / 2
}

TEST(IndexesTest, OverallOverElementsTakesEveryGroupWithoutSubgroups) {
  const IndexResult r = ComputeIndexes(
      TestSurvey(), Share(GroupCombine::kMean, OverallOver::kElements), Pointers(Forms()));
  EXPECT_NEAR(r.overall, (200.0 / 3 + 100.0 / 3 + 75.0) / 3, 1e-9);  // E1, E2, B2: 58.33
}

TEST(IndexesTest, PooledCountsEveryValidAnswerAsOne) {
  const IndexResult pooled_overall = ComputeIndexes(
      TestSurvey(), Share(GroupCombine::kMean, OverallOver::kPooled), Pointers(Forms()));
  EXPECT_NEAR(pooled_overall.overall, 100.0 * 8 / 13, 1e-9);  // 2+2+1+3 of 3+3+3+4
  const IndexResult pooled_groups = ComputeIndexes(
      TestSurvey(), Share(GroupCombine::kPooled, OverallOver::kBlocks), Pointers(Forms()));
  EXPECT_NEAR(Group(pooled_groups, "B1").value, 100.0 * 5 / 9, 1e-9);
  EXPECT_EQ(Group(pooled_groups, "B1").valid, 9);
  EXPECT_NEAR(pooled_groups.overall, (100.0 * 5 / 9 + 75.0) / 2, 1e-9);
}

TEST(IndexesTest, AllSatisfiedCountsRespondentsSatisfiedOnEveryItem) {
  IndexFormula hanoi = Share(GroupCombine::kMean, OverallOver::kBlocks);
  hanoi.respondent = RespondentRule::kAllSatisfied;
  const std::vector<FormResult> forms = {
      Form("1", {"5", "4", "4", "5"}),  // satisfied on all four
      Form("1", {"5", "4", "2", "5"}),  // not on Q.3
      Form("1", {"5", "4", "4", ""}),   // Q.4 blank: not a complete respondent
      Form("1", {"4", "4", "5", "4"}),  // satisfied on all four
  };
  const IndexResult r = ComputeIndexes(TestSurvey(), hanoi, Pointers(forms));
  EXPECT_EQ(r.respondents_complete, 3);
  EXPECT_EQ(r.respondents_satisfied, 2);
  EXPECT_NEAR(r.overall, 200.0 / 3, 1e-9);
  // Dissatisfaction per criterion stays in the item counts.
  EXPECT_EQ(Item(r, "Q.3").valid - Item(r, "Q.3").satisfied, 1);
}

TEST(IndexesTest, MeanScoreIsTheMeanOfTheValidAnswers) {
  IndexFormula mean;
  mean.score = IndexScore::kMean;
  mean.overall = OverallOver::kElements;
  const IndexResult r = ComputeIndexes(TestSurvey(), mean, Pointers(Forms()));
  EXPECT_NEAR(Item(r, "Q.1").value, (5 + 4 + 2) / 3.0, 1e-9);
  EXPECT_NEAR(Item(r, "Q.4").value, (4 + 5 + 4 + 1) / 4.0, 1e-9);
  EXPECT_NEAR(Group(r, "E1").value, ((5 + 4 + 2) / 3.0 + (4 + 1 + 5) / 3.0) / 2, 1e-9);
}

TEST(IndexesTest, NoFormsGiveNoValueRatherThanZero) {
  const IndexResult r =
      ComputeIndexes(TestSurvey(), Share(GroupCombine::kMean, OverallOver::kBlocks), {});
  EXPECT_FALSE(r.overall_defined);
  EXPECT_FALSE(Item(r, "Q.1").defined);
  EXPECT_FALSE(Group(r, "B1").defined);
}

}  // namespace
}  // namespace phieu::report_test
