#include "verify/verdict.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "verify/unit_summary.h"
#include "verify/verify_test_input.h"

namespace phieu::verify_test {
namespace {

using Ids = std::vector<std::int64_t>;
using Strings = std::vector<std::string>;

Strings ReasonCodes(const FormResult& f) {
  Strings codes;
  for (Reason r : f.reasons) codes.emplace_back(ReasonCode(r));
  return codes;
}

bool HasReason(const FormResult& f, Reason reason) {
  return std::find(f.reasons.begin(), f.reasons.end(), reason) != f.reasons.end();
}

bool HasNote(const FormResult& f, std::string_view text) {
  return std::any_of(f.notes.begin(), f.notes.end(),
                     [&](const std::string& note) { return note.find(text) != note.npos; });
}

const Answer& AnswerTo(const FormResult& f, std::string_view item) {
  for (const Answer& a : f.answers) {
    if (a.item == item) return a;
  }
  throw std::runtime_error("no answer to " + std::string(item));
}

const ReviewItem* FindReview(const VerifyResult& result, std::string_view id) {
  for (const ReviewItem& r : result.review) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

// One issued form F1 (sample S1) of template T1, and whatever a test adds.
class VerifyTest : public ::testing::Test {
 protected:
  VerifyTest() : input_(InputWithTemplate()) { input_.forms.push_back(Form("F1", "S1")); }

  FormRecord& f1() { return input_.forms.front(); }

  // Verifies the input and returns the result for `code` (the test fails if there is none).
  const FormResult& Verified(const std::string& code = "F1") {
    result_ = Verify(input_);
    const FormResult* f = result_.Find(code);
    if (f == nullptr) throw std::runtime_error("no result for " + code);
    return *f;
  }

  VerifyInput input_;
  VerifyResult result_;
};

TEST_F(VerifyTest, CompleteClearlyMarkedFormIsAcceptedWithTheMarkedOptions) {
  ReturnForm(input_, "F1", 1);
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kAccepted);
  EXPECT_EQ(ReasonCodes(f), Strings{});
  EXPECT_TRUE(f.in_sample);
  EXPECT_EQ(f.pages, (Ids{1, 2}));
  ASSERT_EQ(f.answers.size(), 7u);
  const Marks marked = UsualAnswers();
  for (const Answer& a : f.answers) {
    SCOPED_TRACE(a.item);
    EXPECT_EQ(a.state, AnswerState::kAnswered);
    EXPECT_EQ(a.options, Strings{marked.at(a.item)});
    EXPECT_EQ(a.machine, marked.at(a.item));
    EXPECT_EQ(a.decided_by, "");
  }
  EXPECT_TRUE(result_.review.empty());
}

TEST_F(VerifyTest, AnswersFollowTheTemplatesPrintedOrder) {
  ReturnForm(input_, "F1", 1);
  Strings items;
  for (const Answer& a : Verified().answers) items.push_back(a.item);
  EXPECT_EQ(items, (Strings{"Q1", "Q2.1", "Q2.2", "Q2.3", "Q2.4", "Q2.5", "Q2.6"}));
}

TEST_F(VerifyTest, CodeNeverIssuedIsRejectedAsUnknownAfterTheIssuedForms) {
  ReturnForm(input_, "ZZ999", 1);
  const FormResult& f = Verified("ZZ999");
  EXPECT_EQ(f.verdict, Verdict::kRejected);
  EXPECT_EQ(ReasonCodes(f), Strings{"unknown-code"});
  EXPECT_EQ(f.seen, (Ids{1, 2}));
  EXPECT_FALSE(f.in_sample);
  ASSERT_EQ(result_.forms.size(), 2u);
  EXPECT_EQ(result_.forms[0].code, "F1");
  EXPECT_EQ(result_.forms[0].verdict, Verdict::kNotReturned);
  EXPECT_EQ(result_.forms[1].code, "ZZ999");
}

TEST_F(VerifyTest, QrPageWithWrongTagIsRejectedAsBadTag) {
  ReturnForm(input_, "F1", 1);
  for (IdentifiedPage& p : input_.pages) p.tag_valid = false;
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kRejected);
  EXPECT_EQ(ReasonCodes(f), Strings{"bad-tag"});
  EXPECT_EQ(f.pages, Ids{});
  EXPECT_EQ(f.seen, (Ids{1, 2}));
}

TEST_F(VerifyTest, PageIdentifiedByItsPrintedCodeCounts) {
  ReturnForm(input_, "F1", 1);
  for (IdentifiedPage& p : input_.pages) p.identified_by = PageIdentification::kOcr, p.tag_valid = false;
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kAccepted);
  EXPECT_EQ(f.pages, (Ids{1, 2}));
  EXPECT_TRUE(HasNote(f, "scan-1.pdf: identified by its printed code"));
}

TEST_F(VerifyTest, PagesOfAnotherTemplateAreRejectedAsWrongTemplate) {
  ReturnForm(input_, "F1", 1);
  for (IdentifiedPage& p : input_.pages) p.template_id = "T2";
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kRejected);
  EXPECT_EQ(ReasonCodes(f), Strings{"wrong-template"});
}

TEST_F(VerifyTest, PageNumberBeyondTheTemplateIsNotCounted) {
  ReturnForm(input_, "F1", 1);
  input_.pages.push_back(Scan(3, "F1", 3, {}));
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kAccepted);
  EXPECT_EQ(f.pages, (Ids{1, 2}));
  EXPECT_TRUE(HasNote(f, "(page 3)"));
}

TEST_F(VerifyTest, VoidedFormIsRejectedAsVoided) {
  f1().status = FormStatus::kVoided;
  f1().void_reason = "reprinted";
  ReturnForm(input_, "F1", 1);
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kRejected);
  EXPECT_EQ(ReasonCodes(f), Strings{"voided"});
  EXPECT_FALSE(f.in_sample);
  EXPECT_TRUE(HasNote(f, "voided: reprinted"));
}

TEST_F(VerifyTest, VoidedFormOfReplacedMemberIsRejectedAsReplacedMember) {
  f1().status = FormStatus::kVoided;
  f1().member_replaced = true;
  ReturnForm(input_, "F1", 1);
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kRejected);
  EXPECT_EQ(ReasonCodes(f), Strings{"replaced-member"});
}

TEST_F(VerifyTest, ReserveFormIsRejectedAsUnusedReserve) {
  f1().reserve = true;
  ReturnForm(input_, "F1", 1);
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kRejected);
  EXPECT_EQ(ReasonCodes(f), Strings{"unused-reserve"});
  EXPECT_FALSE(f.in_sample);
}

TEST_F(VerifyTest, MissingPageMakesTheFormIncomplete) {
  input_.pages.push_back(Scan(1, "F1", 1, Bubbles(1, UsualAnswers())));
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kRejected);
  EXPECT_EQ(ReasonCodes(f), Strings{"incomplete"});
  EXPECT_EQ(AnswerTo(f, "Q1").state, AnswerState::kAnswered);
  EXPECT_EQ(AnswerTo(f, "Q2.1").state, AnswerState::kMissing);
  EXPECT_EQ(AnswerTo(f, "Q2.6").state, AnswerState::kMissing);
  EXPECT_TRUE(HasNote(f, "page 2 of 2 missing"));
}

TEST_F(VerifyTest, FormWithEveryBubbleEmptyIsRejectedAsBlank) {
  ReturnForm(input_, "F1", 1, Marks{});
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kRejected);
  EXPECT_EQ(ReasonCodes(f), Strings{"blank"});
  EXPECT_EQ(AnswerTo(f, "Q1").state, AnswerState::kBlank);
}

TEST_F(VerifyTest, InkInAFreeTextBoxKeepsAnUnmarkedFormFromBeingBlank) {
  ReturnForm(input_, "F1", 1, Marks{});
  input_.pages[1].inked_text_boxes = {"Q3"};
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kAccepted);
  EXPECT_TRUE(f.has_text);
}

TEST_F(VerifyTest, PagesReceivedOutsideTheWindowAreRejected) {
  input_.window = {"2026-03-01", "2026-03-31"};
  ReturnForm(input_, "F1", 1);
  for (IdentifiedPage& p : input_.pages) p.received_on = "2026-04-01";
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kRejected);
  EXPECT_EQ(ReasonCodes(f), Strings{"outside-window"});
}

TEST_F(VerifyTest, PagesReceivedOnTheWindowsLastDayCount) {
  input_.window = {"2026-03-01", "2026-03-31"};
  ReturnForm(input_, "F1", 1);
  for (IdentifiedPage& p : input_.pages) p.received_on = "2026-03-31";
  EXPECT_EQ(Verified().verdict, Verdict::kAccepted);
}

TEST_F(VerifyTest, IssuedFormWithNoPageBackIsNotReturned) {
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kNotReturned);
  EXPECT_EQ(ReasonCodes(f), Strings{});
  EXPECT_TRUE(f.in_sample);
  EXPECT_EQ(f.seen, Ids{});
  EXPECT_TRUE(result_.review.empty());
}

TEST_F(VerifyTest, CollectorIsTheBatchsWhenItHasOne) {
  ReturnForm(input_, "F1", 1);
  for (IdentifiedPage& p : input_.pages) p.collector = "Minh";
  EXPECT_EQ(Verified().collector, "Minh");
}

TEST_F(VerifyTest, SamePageScannedTwiceIdenticallyIsCountedOnce) {
  ReturnForm(input_, "F1", 1);
  input_.pages.push_back(Scan(3, "F1", 1, Bubbles(1, UsualAnswers())));
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kAccepted);
  EXPECT_EQ(f.pages, (Ids{1, 2}));
  EXPECT_EQ(f.seen, (Ids{1, 2, 3}));
  EXPECT_TRUE(HasNote(f, "page 1 scanned 2 times with identical readings"));
  EXPECT_TRUE(result_.review.empty());
}

// Page 1 of F1 scanned as 1 (Q1 = 2) and again as 3 (Q1 = 3): a photocopy altered by hand?
class DuplicateConflictTest : public VerifyTest {
 protected:
  DuplicateConflictTest() {
    ReturnForm(input_, "F1", 1);
    Marks altered = UsualAnswers();
    altered["Q1"] = "3";
    input_.pages.push_back(Scan(3, "F1", 1, Bubbles(1, altered)));
  }
};

TEST_F(DuplicateConflictTest, ScansThatDisagreeNeedReview) {
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kNeedsReview);
  EXPECT_TRUE(HasReason(f, Reason::kDuplicateConflict));
  EXPECT_TRUE(HasNote(f, "page 1 scanned 2 times and the scans disagree on Q1"));
}

TEST_F(DuplicateConflictTest, DifferingItemWaitsForAPersonWithBothScans) {
  const FormResult& f = Verified();
  const Answer& q1 = AnswerTo(f, "Q1");
  EXPECT_EQ(q1.state, AnswerState::kReview);
  EXPECT_EQ(q1.review_why, "the scans of this page disagree");
  EXPECT_EQ(AnswerTo(f, "Q2.1").state, AnswerState::kAnswered);  // page 2 came once
  const ReviewItem* item = FindReview(result_, "F1/Q1");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->form_code, "F1");
  EXPECT_EQ(item->item, "Q1");
  EXPECT_EQ(item->pages, (Ids{1, 3}));
}

TEST_F(DuplicateConflictTest, WholeFormWaitsForAPerson) {
  Verified();
  const ReviewItem* form = FindReview(result_, "F1");
  ASSERT_NE(form, nullptr);
  EXPECT_EQ(form->form_code, "F1");
  EXPECT_EQ(form->item, "");
  EXPECT_EQ(form->pages, (Ids{1, 3}));
  ASSERT_EQ(result_.review.size(), 2u);
  EXPECT_EQ(result_.review[0].id, "F1");  // the form before its items
}

TEST_F(DuplicateConflictTest, FormAcceptClearsTheConflictButNotItsItems) {
  input_.decisions.push_back(MakeDecision("F1", "", "accept"));
  const FormResult& f = Verified();
  EXPECT_EQ(ReasonCodes(f), Strings{"marks-to-review"});
  EXPECT_EQ(f.verdict, Verdict::kNeedsReview);
  EXPECT_EQ(FindReview(result_, "F1"), nullptr);
  EXPECT_NE(FindReview(result_, "F1/Q1"), nullptr);
}

TEST_F(DuplicateConflictTest, FormAcceptAndItemDecisionAcceptTheForm) {
  input_.decisions.push_back(MakeDecision("F1", "", "accept"));
  input_.decisions.push_back(MakeDecision("F1", "Q1", "2"));
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kAccepted);
  EXPECT_EQ(AnswerTo(f, "Q1").options, Strings{"2"});
  EXPECT_TRUE(result_.review.empty());
}

TEST_F(VerifyTest, TwoMarksOnASingleAnswerItemReadAsMultiple) {
  ReturnForm(input_, "F1", 1);
  input_.pages[0].bubbles = Bubbles(1, {});
  for (BubbleScore& b : input_.pages[0].bubbles) {
    if (b.option != "2") b = Score(b.item, b.option, Mark::kFilled);
  }
  const Answer& q1 = AnswerTo(Verified(), "Q1");
  EXPECT_EQ(q1.state, AnswerState::kMultiple);
  EXPECT_EQ(q1.options, (Strings{"1", "3"}));
  EXPECT_EQ(q1.machine, "multiple 1;3");
}

TEST_F(VerifyTest, UnsureMarkSendsItsItemToReview) {
  ReturnForm(input_, "F1", 1, UsualAnswers(), Marks{{"Q1", "2"}});
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kNeedsReview);
  EXPECT_EQ(ReasonCodes(f), Strings{"marks-to-review"});
  const Answer& q1 = AnswerTo(f, "Q1");
  EXPECT_EQ(q1.state, AnswerState::kReview);
  EXPECT_EQ(q1.machine, "unsure 2");
  ASSERT_EQ(result_.review.size(), 1u);
  const ReviewItem& item = result_.review[0];
  EXPECT_EQ(item.id, "F1/Q1");
  EXPECT_EQ(item.form_code, "F1");
  EXPECT_EQ(item.item, "Q1");
  EXPECT_EQ(item.machine, "unsure 2");
  EXPECT_EQ(item.why, "a mark the scanner is unsure of");
  EXPECT_EQ(item.pages, Ids{1});
}

TEST_F(VerifyTest, ItemDecisionAnswersAnUnsureMark) {
  ReturnForm(input_, "F1", 1, UsualAnswers(), Marks{{"Q1", "2"}});
  input_.decisions.push_back(MakeDecision("F1", "Q1", "2", "Minh"));
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kAccepted);
  const Answer& q1 = AnswerTo(f, "Q1");
  EXPECT_EQ(q1.state, AnswerState::kAnswered);
  EXPECT_EQ(q1.options, Strings{"2"});
  EXPECT_EQ(q1.decided_by, "Minh");
  EXPECT_EQ(q1.machine, "unsure 2");  // the machine's reading is kept beside the decision
  EXPECT_TRUE(result_.review.empty());
}

TEST_F(VerifyTest, LaterItemDecisionSupersedesAnEarlierOne) {
  ReturnForm(input_, "F1", 1, UsualAnswers(), Marks{{"Q1", "2"}});
  input_.decisions.push_back(MakeDecision("F1", "Q1", "1", "Lan"));
  input_.decisions.push_back(MakeDecision("F1", "Q1", "3", "Minh"));
  const Answer& q1 = AnswerTo(Verified(), "Q1");
  EXPECT_EQ(q1.options, Strings{"3"});
  EXPECT_EQ(q1.decided_by, "Minh");
}

TEST_F(VerifyTest, BlankDecisionMakesTheItemBlank) {
  ReturnForm(input_, "F1", 1, UsualAnswers(), Marks{{"Q1", "2"}});
  input_.decisions.push_back(MakeDecision("F1", "Q1", "blank"));
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kAccepted);
  EXPECT_EQ(AnswerTo(f, "Q1").state, AnswerState::kBlank);
  EXPECT_EQ(AnswerTo(f, "Q1").options, Strings{});
}

TEST_F(VerifyTest, InvalidDecisionMakesTheItemInvalid) {
  ReturnForm(input_, "F1", 1, UsualAnswers(), Marks{{"Q1", "2"}});
  input_.decisions.push_back(MakeDecision("F1", "Q1", "invalid"));
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kAccepted);
  EXPECT_EQ(AnswerTo(f, "Q1").state, AnswerState::kInvalid);
  EXPECT_EQ(AnswerTo(f, "Q1").options, Strings{});
}

TEST_F(VerifyTest, DecisionOnAnotherFormDoesNotApply) {
  ReturnForm(input_, "F1", 1, UsualAnswers(), Marks{{"Q1", "2"}});
  input_.decisions.push_back(MakeDecision("F2", "Q1", "2"));
  EXPECT_EQ(Verified().verdict, Verdict::kNeedsReview);
}

TEST_F(VerifyTest, FormAcceptOverridesMissingPages) {
  input_.pages.push_back(Scan(1, "F1", 1, Bubbles(1, UsualAnswers())));
  input_.decisions.push_back(MakeDecision("F1", "", "accept"));
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kAccepted);
  EXPECT_EQ(ReasonCodes(f), Strings{});
  EXPECT_EQ(AnswerTo(f, "Q2.1").state, AnswerState::kMissing);
  EXPECT_TRUE(HasNote(f, "accepted by Lan on 2026-04-01"));
}

TEST_F(VerifyTest, FormAcceptDoesNotOverrideABadTag) {
  ReturnForm(input_, "F1", 1);
  for (IdentifiedPage& p : input_.pages) p.tag_valid = false;
  input_.decisions.push_back(MakeDecision("F1", "", "accept"));
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kRejected);
  EXPECT_EQ(ReasonCodes(f), Strings{"bad-tag"});
}

TEST_F(VerifyTest, FormAcceptDoesNotOverrideVoiding) {
  f1().status = FormStatus::kVoided;
  ReturnForm(input_, "F1", 1);
  input_.decisions.push_back(MakeDecision("F1", "", "accept"));
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kRejected);
  EXPECT_EQ(ReasonCodes(f), Strings{"voided"});
}

TEST_F(VerifyTest, FormRejectRejectsByPerson) {
  ReturnForm(input_, "F1", 1);
  Decision reject = MakeDecision("F1", "", "reject");
  reject.note = "same handwriting as F7";
  input_.decisions.push_back(reject);
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kRejected);
  EXPECT_EQ(ReasonCodes(f), Strings{"rejected-by-person"});
  EXPECT_TRUE(HasNote(f, "rejected by Lan on 2026-04-01: same handwriting as F7"));
}

TEST_F(VerifyTest, RejectedFormSendsNothingToReview) {
  ReturnForm(input_, "F1", 1, UsualAnswers(), Marks{{"Q1", "2"}});
  input_.decisions.push_back(MakeDecision("F1", "", "reject"));
  EXPECT_EQ(Verified().verdict, Verdict::kRejected);
  EXPECT_TRUE(result_.review.empty());
}

TEST_F(VerifyTest, LaterFormDecisionSupersedesAnEarlierOne) {
  ReturnForm(input_, "F1", 1);
  input_.decisions.push_back(MakeDecision("F1", "", "reject"));
  input_.decisions.push_back(MakeDecision("F1", "", "accept"));
  EXPECT_EQ(Verified().verdict, Verdict::kAccepted);
}

TEST_F(VerifyTest, StricterFillThresholdRereadsTheMarksButKeepsDecisions) {
  ReturnForm(input_, "F1", 1);
  input_.decisions.push_back(MakeDecision("F1", "Q1", "3"));
  {
    const FormResult& f = Verified();
    EXPECT_EQ(f.verdict, Verdict::kAccepted);
    EXPECT_EQ(AnswerTo(f, "Q1").machine, "2");
    EXPECT_EQ(AnswerTo(f, "Q1").options, Strings{"3"});
  }
  input_.thresholds.filled_from = 0.95;  // above the pen fills' 0.90
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kNeedsReview);
  EXPECT_EQ(AnswerTo(f, "Q1").machine, "unsure 2");
  EXPECT_EQ(AnswerTo(f, "Q1").state, AnswerState::kAnswered);
  EXPECT_EQ(AnswerTo(f, "Q1").options, Strings{"3"});
  EXPECT_EQ(AnswerTo(f, "Q1").decided_by, "Lan");
  EXPECT_EQ(AnswerTo(f, "Q2.1").state, AnswerState::kReview);
  EXPECT_EQ(AnswerTo(f, "Q2.1").machine, "unsure 1");
  EXPECT_EQ(FindReview(result_, "F1/Q1"), nullptr);
  EXPECT_NE(FindReview(result_, "F1/Q2.1"), nullptr);
}

TEST_F(VerifyTest, LooserThresholdsReadAFaintMarkAsAnswered) {
  ReturnForm(input_, "F1", 1, UsualAnswers(), Marks{{"Q1", "2"}});
  input_.thresholds.filled_from = 0.12;
  input_.thresholds.strong_ink = 0.25;
  const FormResult& f = Verified();
  EXPECT_EQ(f.verdict, Verdict::kAccepted);
  EXPECT_EQ(AnswerTo(f, "Q1").options, Strings{"2"});
}

TEST(ReadingTextTest, WritesEachStateAsDocumented) {
  struct Case {
    ItemReading reading;
    std::string text;
  };
  const std::vector<Case> cases = {
      {{"Q", ItemState::kBlank, {}, {}, 1, ""}, "blank"},
      {{"Q", ItemState::kAnswered, {"2"}, {}, 1, ""}, "2"},
      {{"Q", ItemState::kAnswered, {"1", "3"}, {}, 1, ""}, "1;3"},
      {{"Q", ItemState::kMultiple, {"2", "4"}, {}, 1, ""}, "multiple 2;4"},
      {{"Q", ItemState::kReview, {}, {"3"}, 0, ""}, "unsure 3"},
      {{"Q", ItemState::kReview, {"1"}, {"3"}, 0, ""}, "unsure 3, marked 1"},
  };
  for (const Case& c : cases) EXPECT_EQ(ReadingText(c.reading), c.text);
}

TEST(ReasonTest, OnlyDuplicateConflictAndMarksToReviewDoNotReject) {
  for (Reason reason : AllReasons()) {
    SCOPED_TRACE(ReasonCode(reason));
    const bool waits = reason == Reason::kDuplicateConflict || reason == Reason::kMarksToReview;
    EXPECT_EQ(ReasonRejects(reason), !waits);
  }
}

TEST(DateWindowTest, ParsesFromTo) {
  const Result<DateWindow> window = ParseDateWindow("2026-03-01..2026-03-31");
  ASSERT_TRUE(window.ok()) << window.status().message();
  EXPECT_EQ(window->from, "2026-03-01");
  EXPECT_EQ(window->to, "2026-03-31");
  EXPECT_EQ(window->Text(), "2026-03-01..2026-03-31");
}

TEST(DateWindowTest, EmptyTextIsNoWindow) {
  const Result<DateWindow> window = ParseDateWindow("");
  ASSERT_TRUE(window.ok());
  EXPECT_TRUE(window->empty());
  EXPECT_TRUE(window->Contains("1999-01-01"));
}

TEST(DateWindowTest, RefusesReversedUnpaddedAndGarbage) {
  for (const char* text : {"2026-03-31..2026-03-01", "2026-3-1..2026-03-31", "x", "2026-03-01",
                           "2026-03-01..", "2026-02-30..2026-03-31"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(ParseDateWindow(text).ok());
  }
  EXPECT_EQ(ParseDateWindow("x").status().message(),
            "the window 'x' is not FROM..TO with dates as YYYY-MM-DD, FROM not after TO "
            "(e.g. 2026-03-01..2026-03-31)");
}

TEST(DateWindowTest, ContainsBothEnds) {
  const DateWindow march{"2026-03-01", "2026-03-31"};
  EXPECT_FALSE(march.Contains("2026-02-28"));
  EXPECT_TRUE(march.Contains("2026-03-01"));
  EXPECT_TRUE(march.Contains("2026-03-31"));
  EXPECT_FALSE(march.Contains("2026-04-01"));
}

// U1: F1 accepted, F2 not returned, F3 rejected (page 2 missing);
// U2: F4 rejected (blank and page 2 missing), F5 an unused reserve that came back, F6 waiting
// for review; and ZZ9, never issued.
class UnitSummaryTest : public ::testing::Test {
 protected:
  UnitSummaryTest() {
    VerifyInput input = InputWithTemplate();
    input.forms = {Form("F1", "S1", "U1"), Form("F2", "S2", "U1"), Form("F3", "S3", "U1"),
                   Form("F4", "S4", "U2"), Form("F5", "S5", "U2"), Form("F6", "S6", "U2")};
    input.forms[4].reserve = true;
    ReturnForm(input, "F1", 10);
    input.pages.push_back(Scan(30, "F3", 1, Bubbles(1, UsualAnswers())));
    input.pages.push_back(Scan(40, "F4", 1, Bubbles(1, {})));
    ReturnForm(input, "F5", 50);
    ReturnForm(input, "F6", 60, UsualAnswers(), Marks{{"Q2.3", "4"}});
    ReturnForm(input, "ZZ9", 90);
    rows_ = SummariseByUnit(Verify(input));
  }

  const UnitSummary& Row(const std::string& unit) {
    for (const UnitSummary& row : rows_) {
      if (row.unit == unit) return row;
    }
    throw std::runtime_error("no row for unit '" + unit + "'");
  }

  std::vector<UnitSummary> rows_;
};

TEST_F(UnitSummaryTest, OneRowPerUnitInNameOrderThenTheTotal) {
  Strings units;
  for (const UnitSummary& row : rows_) units.push_back(row.unit);
  EXPECT_EQ(units, (Strings{"(not issued)", "U1", "U2", ""}));
}

TEST_F(UnitSummaryTest, CountsIssuedReturnedAndTheReturnRate) {
  const UnitSummary& u1 = Row("U1");
  EXPECT_EQ(u1.issued, 3);
  EXPECT_EQ(u1.returned, 2);
  EXPECT_DOUBLE_EQ(u1.ReturnRate(), 2.0 / 3);
  const UnitSummary& u2 = Row("U2");  // the reserve is not issued to a sampled person
  EXPECT_EQ(u2.issued, 2);
  EXPECT_EQ(u2.returned, 2);
  EXPECT_DOUBLE_EQ(u2.ReturnRate(), 1.0);
  EXPECT_EQ(Row("(not issued)").issued, 0);
  EXPECT_DOUBLE_EQ(Row("(not issued)").ReturnRate(), 0.0);
  EXPECT_EQ(Row("").issued, 5);
  EXPECT_EQ(Row("").returned, 4);
}

TEST_F(UnitSummaryTest, CountsVerdictsOfEveryCodeThatCameBack) {
  const UnitSummary& u1 = Row("U1");
  EXPECT_EQ(u1.accepted, 1);
  EXPECT_EQ(u1.needs_review, 0);
  EXPECT_EQ(u1.rejected, 1);
  const UnitSummary& u2 = Row("U2");
  EXPECT_EQ(u2.accepted, 0);
  EXPECT_EQ(u2.needs_review, 1);
  EXPECT_EQ(u2.rejected, 2);
  const UnitSummary& total = Row("");
  EXPECT_EQ(total.accepted, 1);
  EXPECT_EQ(total.needs_review, 1);
  EXPECT_EQ(total.rejected, 4);
}

TEST_F(UnitSummaryTest, CountsRejectionsUnderEachOfTheirReasons) {
  EXPECT_EQ(Row("U1").rejected_by, (std::map<Reason, int>{{Reason::kIncomplete, 1}}));
  EXPECT_EQ(Row("U2").rejected_by,
            (std::map<Reason, int>{
                {Reason::kUnusedReserve, 1}, {Reason::kIncomplete, 1}, {Reason::kBlank, 1}}));
  EXPECT_EQ(Row("(not issued)").rejected_by, (std::map<Reason, int>{{Reason::kUnknownCode, 1}}));
  EXPECT_EQ(Row("").rejected_by, (std::map<Reason, int>{{Reason::kUnknownCode, 1},
                                                        {Reason::kUnusedReserve, 1},
                                                        {Reason::kIncomplete, 2},
                                                        {Reason::kBlank, 1}}));
}

}  // namespace
}  // namespace phieu::verify_test
