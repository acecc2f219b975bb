#include "review/review_progress.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

TEST(ReviewProgressTest, EachPersonsDecisionsAreCountedInAllAndSinceATime) {
  Evaluation e;
  e.result.review = {{"AAA/Q1", "AAA", "Q1", ReviewReason::kUnsureMark, "", "", {}}};
  e.input.decisions = {
      {1, "AAA", "Q2", "1", "unsure 1", "Bình", "", "2026-03-01T08:00:00Z"},
      {2, "AAA", "Q3", "2", "unsure 2", "An", "", "2026-03-01T09:10:00Z"},
      {3, "AAA", "Q3", "3", "unsure 2", "An", "", "2026-03-01T09:20:00Z"},
  };
  const ReviewProgress p = ProgressOf(e, "2026-03-01T09:00:00Z");
  EXPECT_EQ(p.waiting, 1);
  EXPECT_EQ(p.decisions, 3);
  ASSERT_EQ(p.reviewers.size(), 2u);
  EXPECT_EQ(p.reviewers[0].name, "An");
  EXPECT_EQ(p.reviewers[0].decisions, 2);
  EXPECT_EQ(p.reviewers[0].recent, 2);
  EXPECT_EQ(p.reviewers[0].last_at, "2026-03-01T09:20:00Z");
  EXPECT_EQ(p.reviewers[1].name, "Bình");
  EXPECT_EQ(p.reviewers[1].decisions, 1);
  EXPECT_EQ(p.reviewers[1].recent, 0);
}

}  // namespace
}  // namespace phieu
