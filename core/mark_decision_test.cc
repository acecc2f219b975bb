#include "core/mark_decision.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

AnswerItem Item(const std::string& code, QuestionKind kind, int options) {
  AnswerItem item{code, code, kind, "text", "", {}};
  for (int i = 1; i <= options; ++i) item.options.push_back({std::to_string(i), "o", false});
  return item;
}

std::vector<BubbleScore> Scores(const std::string& item, std::vector<std::pair<double, double>> s) {
  std::vector<BubbleScore> scores;
  for (std::size_t i = 0; i < s.size(); ++i) {
    scores.push_back({item, std::to_string(i + 1), s[i].first, s[i].second, 0});
  }
  return scores;
}

TEST(MarkDecisionTest, ClassifiesPenFillXFaintPencilAndEmpty) {
  const MarkThresholds t;
  EXPECT_EQ(DecideMark({"", "", 0.80, 0.95}, t), MarkState::kFilled);    // pen fill
  EXPECT_EQ(DecideMark({"", "", 0.34, 0.90}, t), MarkState::kFilled);    // an X
  EXPECT_EQ(DecideMark({"", "", 0.35, 0.38}, t), MarkState::kAmbiguous); // faint pencil
  EXPECT_EQ(DecideMark({"", "", 0.24, 0.90, 0.08}, t), MarkState::kFilled);  // X to the corners
  EXPECT_EQ(DecideMark({"", "", 0.15, 0.90}, t), MarkState::kAmbiguous); // a small tick
  EXPECT_EQ(DecideMark({"", "", 0.03, 0.10}, t), MarkState::kEmpty);
  // A fill struck through with an X that runs out of the bubble: unsure, never read as chosen.
  EXPECT_EQ(DecideMark({"", "", 0.85, 1.0, 0.25}, t), MarkState::kAmbiguous);
}

TEST(MarkDecisionTest, ItemStatesFollowTheMarks) {
  const MarkThresholds t;
  const auto single = Item("Q9.1", QuestionKind::kGrid, 5);
  const auto multi = Item("Q2", QuestionKind::kMulti, 3);
  struct Case {
    AnswerItem item;
    std::vector<std::pair<double, double>> scores;
    ItemState state;
    std::vector<std::string> options;
  };
  const std::vector<Case> cases = {
      {single, {{0, 0}, {0, 0}, {0, 0}, {0.8, 1}, {0, 0}}, ItemState::kAnswered, {"4"}},
      {single, {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}}, ItemState::kBlank, {}},
      {single, {{0.8, 1}, {0, 0}, {0, 0}, {0.8, 1}, {0, 0}}, ItemState::kMultiple, {"1", "4"}},
      {single, {{0, 0}, {0.3, 0.3}, {0, 0}, {0.8, 1}, {0, 0}}, ItemState::kReview, {"4"}},
      {multi, {{0.8, 1}, {0, 0}, {0.7, 1}}, ItemState::kAnswered, {"1", "3"}},
      {multi, {{0, 0}, {0, 0}, {0, 0}}, ItemState::kBlank, {}},
  };
  for (const Case& c : cases) {
    const auto readings = DecideItems({c.item}, Scores(c.item.code, c.scores), t);
    ASSERT_EQ(readings.size(), 1u);
    EXPECT_EQ(readings[0].state, c.state);
    EXPECT_EQ(readings[0].options, c.options);
  }
}

TEST(MarkDecisionTest, ItemsWithoutScoresOnThisPageAreSkipped) {
  const auto readings = DecideItems({Item("A1", QuestionKind::kSingle, 2), Item("T", QuestionKind::kText, 0)},
                                    {}, MarkThresholds());
  EXPECT_TRUE(readings.empty());
}

TEST(MarkDecisionTest, ChangingAThresholdReDecidesFromTheSameScores) {
  const auto item = Item("Q", QuestionKind::kSingle, 2);
  const auto scores = Scores("Q", {{0.17, 0.9}, {0, 0}});
  EXPECT_EQ(DecideItems({item}, scores, MarkThresholds())[0].state, ItemState::kReview);
  MarkThresholds lenient;
  lenient.filled_from = 0.15;
  EXPECT_EQ(DecideItems({item}, scores, lenient)[0].state, ItemState::kAnswered);
}

}  // namespace
}  // namespace phieu
