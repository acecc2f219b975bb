#include "review/review_queue.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

// An evaluation made by hand: three forms in two units, their pages in two batches.
Evaluation ThreeForms() {
  Evaluation e;
  for (const auto& [code, unit] : std::vector<std::pair<std::string, std::string>>{
           {"AAA", "Xã A"}, {"BBB", "Xã B"}, {"CCC", "Xã A"}}) {
    FormResult f;
    f.code = code, f.unit = unit, f.verdict = Verdict::kNeedsReview;
    e.result.forms.push_back(f);
  }
  IdentifiedPage p1, p2, p3;
  p1.id = 1, p1.batch_name = "lo-1";
  p2.id = 2, p2.batch_name = "lo-2";
  p3.id = 3, p3.batch_name = "lo-2";
  e.input.pages = {p1, p2, p3};
  e.result.review = {
      {"AAA/Q9.1", "AAA", "Q9.1", ReviewReason::kUnsureMark, "unsure", "unsure 3", {1}},
      {"BBB", "BBB", "", ReviewReason::kFormScansDisagree, "disagree", "", {2, 3}},
      {"BBB/Q9.2", "BBB", "Q9.2", ReviewReason::kScansDisagree, "disagree", "2", {2, 3}},
      {"CCC/Q2", "CCC", "Q2", ReviewReason::kUnsureMark, "unsure", "unsure 1", {3}},
  };
  return e;
}

std::vector<std::string> Ids(const std::vector<QueueEntry>& queue) {
  std::vector<std::string> ids;
  for (const QueueEntry& q : queue) ids.push_back(q.item.id);
  return ids;
}

TEST(ReviewQueueTest, FormsComeFirstThenDisagreeingScansThenUnsureMarks) {
  EXPECT_EQ(Ids(ReviewQueue(ThreeForms())),
            (std::vector<std::string>{"BBB", "BBB/Q9.2", "AAA/Q9.1", "CCC/Q2"}));
}

TEST(ReviewQueueTest, EachEntryNamesItsUnitAndTheBatchesOfItsPagesOnce) {
  const std::vector<QueueEntry> queue = ReviewQueue(ThreeForms());
  EXPECT_EQ(queue[0].unit, "Xã B");
  EXPECT_EQ(queue[0].batches, (std::vector<std::string>{"lo-2"}));
  EXPECT_EQ(queue[2].batches, (std::vector<std::string>{"lo-1"}));
}

TEST(ReviewQueueTest, FiltersLetThroughOnlyWhatMatchesEveryField) {
  const Evaluation e = ThreeForms();
  EXPECT_EQ(Ids(ReviewQueue(e, {.kind = "marks"})),
            (std::vector<std::string>{"BBB/Q9.2", "AAA/Q9.1", "CCC/Q2"}));
  EXPECT_EQ(Ids(ReviewQueue(e, {.kind = "forms"})), (std::vector<std::string>{"BBB"}));
  EXPECT_EQ(Ids(ReviewQueue(e, {.reason = "unsure-mark"})),
            (std::vector<std::string>{"AAA/Q9.1", "CCC/Q2"}));
  EXPECT_EQ(Ids(ReviewQueue(e, {.unit = "Xã A"})),
            (std::vector<std::string>{"AAA/Q9.1", "CCC/Q2"}));
  EXPECT_EQ(Ids(ReviewQueue(e, {.batch = "lo-2"})),
            (std::vector<std::string>{"BBB", "BBB/Q9.2", "CCC/Q2"}));
  EXPECT_EQ(Ids(ReviewQueue(e, {.question = "Q9.2"})), (std::vector<std::string>{"BBB/Q9.2"}));
  EXPECT_EQ(Ids(ReviewQueue(e, {.unit = "Xã A", .batch = "lo-2"})),
            (std::vector<std::string>{"CCC/Q2"}));
}

TEST(ReviewQueueTest, AnUnknownKindOrReasonIsRefusedNamingTheValuesAllowed) {
  EXPECT_EQ(CheckReviewFilter({.kind = "pages"}).message(),
            "kind is 'marks' or 'forms', not 'pages'");
  EXPECT_EQ(CheckReviewFilter({.reason = "faint"}).message(),
            "reason is 'unsure-mark', 'scans-disagree' or 'form-scans-disagree', not 'faint'");
  EXPECT_TRUE(CheckReviewFilter({.kind = "marks", .reason = "scans-disagree"}).ok());
}

}  // namespace
}  // namespace phieu
