#include "audit/audit_compare.h"
#include "audit/audit_test_items.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace phieu {
namespace {

const std::string kF1 = "AAA-222-22K";  // unit A, DTV-1
const std::string kF2 = "AAA-222-23U";  // unit A, DTV-2
const std::string kF3 = "BBB-222-25J";  // unit B, DTV-2

using audit_test::Items;
using audit_test::Options;

AuditDraw Draw(const std::vector<std::string>& codes = {kF1, kF2, kF3}) {
  const std::map<std::string, AuditPick> all = {
      {kF1, {kF1, "A", "DTV-1", "", "t1", 1}},
      {kF2, {kF2, "A", "DTV-2", "", "t2", 2}},
      {kF3, {kF3, "B", "DTV-2", "", "t3", 3}},
  };
  AuditDraw draw;
  draw.seed = "s";
  for (const std::string& code : codes) draw.picks.push_back(all.at(code));
  draw.candidates = 20;
  return draw;
}

Answer Given(const std::string& item, std::vector<std::string> options,
             const std::string& decided_by = "") {
  Answer a;
  a.item = item;
  a.state = AnswerState::kAnswered;
  a.options = std::move(options);
  a.decided_by = decided_by;
  return a;
}

Answer InState(const std::string& item, AnswerState state, const std::string& decided_by = "") {
  Answer a;
  a.item = item;
  a.state = state;
  a.decided_by = decided_by;
  return a;
}

FormResult Form(const std::string& code, const std::string& unit, const std::string& collector,
                std::vector<Answer> answers) {
  FormResult f;
  f.code = code;
  f.unit = unit;
  f.collector = collector;
  f.in_sample = true;
  f.verdict = Verdict::kAccepted;
  f.answers = std::move(answers);
  return f;
}

// The machine's answers:
//   F1: Q1 2, Q2 1;3, Q9.1 5, Q9.2 blank
//   F2: Q1 multiple (*), Q2 4, Q9.1 waiting for review (?), Q9.2 3 (decided by lan)
//   F3: Q1 1, Q2 blank, Q9.1 invalid (* decided by minh), Q9.2 2
VerifyResult Machine() {
  VerifyResult result;
  result.forms = {
      Form(kF1, "A", "DTV-1",
           {Given("Q1", {"2"}), Given("Q2", {"1", "3"}), Given("Q9.1", {"5"}),
            InState("Q9.2", AnswerState::kBlank)}),
      Form(kF2, "A", "DTV-2",
           {InState("Q1", AnswerState::kMultiple), Given("Q2", {"4"}),
            InState("Q9.1", AnswerState::kReview), Given("Q9.2", {"3"}, "lan")}),
      Form(kF3, "B", "DTV-2",
           {Given("Q1", {"1"}), InState("Q2", AnswerState::kBlank),
            InState("Q9.1", AnswerState::kInvalid, "minh"), Given("Q9.2", {"2"})}),
  };
  return result;
}

AuditReading Reading(const std::string& code, ContactOutcome outcome,
                     std::map<std::string, std::string> cells) {
  AuditReading r;
  r.form_code = code;
  r.outcome = outcome;
  r.cells = std::move(cells);
  return r;
}

// The auditors' readings, against the machine's:
//   F1 (confirmed):     Q1 2 =, Q2 1;3 =, Q9.1 4 != 5, Q9.2 "" =          -> 3 of 4
//   F2 (not contacted): Q1 * =, Q2 ? (skipped), Q9.1 3 vs ? (skipped), Q9.2 2 != 3 -> 1 of 2
//   F3 (confirmed):     Q1 1 =, Q2 2 != "", Q9.1 * =, Q9.2 not given       -> 2 of 3
// All: 6 of 9 (66.7 %).
std::vector<AuditReading> Readings() {
  return {
      Reading(kF1, ContactOutcome::kConfirmed,
              {{"Q1", "2"}, {"Q2", "1;3"}, {"Q9.1", "4"}, {"Q9.2", ""}}),
      Reading(kF2, ContactOutcome::kNotContacted,
              {{"Q1", "*"}, {"Q2", "?"}, {"Q9.1", "3"}, {"Q9.2", "2"}}),
      Reading(kF3, ContactOutcome::kConfirmed, {{"Q1", "1"}, {"Q2", "2"}, {"Q9.1", "*"}}),
  };
}

// Page of an item: 10, 20, 30 for the forms' first page, +1 for the grid's page.
std::int64_t PageOf(const std::string& form, const std::string& item) {
  const std::int64_t base = form == kF1 ? 10 : form == kF2 ? 20 : 30;
  return base + (item.starts_with("Q9") ? 1 : 0);
}

// "name forms compared/agreeing", for one readable comparison.
std::vector<std::string> Lines(const std::vector<Agreement>& groups) {
  std::vector<std::string> lines;
  for (const Agreement& g : groups) {
    lines.push_back(g.name + " " + std::to_string(g.forms) + " " + std::to_string(g.compared) +
                    "/" + std::to_string(g.agreeing));
  }
  return lines;
}

TEST(AuditCompareTest, AgreementIsCountedOverallByItemUnitAndCollector) {
  const AuditComparison c = CompareAudit(Draw(), Machine(), Items(), Readings(), 99.0, PageOf);
  EXPECT_EQ(c.selected, 3);
  EXPECT_EQ(c.recorded, 3);
  EXPECT_EQ(c.all.forms, 3);
  EXPECT_EQ(c.all.compared, 9);
  EXPECT_EQ(c.all.agreeing, 6);
  EXPECT_NEAR(c.all.Rate(), 200.0 / 3, 1e-9);
  // By item, the forms are those where the item was compared.
  EXPECT_EQ(Lines(c.by_item),
            (std::vector<std::string>{"Q1 3 3/3", "Q2 2 2/1", "Q9.1 2 2/1", "Q9.2 2 2/1"}));
  EXPECT_EQ(Lines(c.by_unit), (std::vector<std::string>{"A 2 6/4", "B 1 3/2"}));
  EXPECT_EQ(Lines(c.by_collector), (std::vector<std::string>{"DTV-1 1 4/3", "DTV-2 2 5/3"}));

  ASSERT_EQ(c.forms.size(), 3u);
  EXPECT_EQ(c.forms[0].pick.form_code, kF1);
  EXPECT_TRUE(c.forms[0].recorded);
  EXPECT_EQ(c.forms[0].outcome, ContactOutcome::kConfirmed);
  EXPECT_EQ(c.forms[0].compared, 4);
  EXPECT_EQ(c.forms[0].agreeing, 3);
  EXPECT_EQ(c.forms[1].compared, 2);
  EXPECT_EQ(c.forms[1].agreeing, 1);
  EXPECT_EQ(c.forms[1].outcome, ContactOutcome::kNotContacted);
  EXPECT_EQ(c.forms[2].compared, 3);
  EXPECT_EQ(c.forms[2].agreeing, 2);

  EXPECT_EQ(c.outcomes, (std::map<ContactOutcome, int>{{ContactOutcome::kNotContacted, 1},
                                                       {ContactOutcome::kConfirmed, 2}}));
}

TEST(AuditCompareTest, EveryDiscrepancyKeepsBothCellsWhoDecidedAndThePage) {
  std::vector<std::string> asked;
  const PageOfItem page_of = [&](const std::string& form, const std::string& item) {
    asked.push_back(form + " " + item);
    return PageOf(form, item);
  };
  const AuditComparison c = CompareAudit(Draw(), Machine(), Items(), Readings(), 99.0, page_of);
  ASSERT_EQ(c.discrepancies.size(), 3u);
  const AuditDiscrepancy& a = c.discrepancies[0];
  EXPECT_EQ(a.form_code, kF1);
  EXPECT_EQ(a.unit, "A");
  EXPECT_EQ(a.collector, "DTV-1");
  EXPECT_EQ(a.item, "Q9.1");
  EXPECT_EQ(a.machine, "5");
  EXPECT_EQ(a.auditor, "4");
  EXPECT_EQ(a.decided_by, "");
  EXPECT_EQ(a.page_id, 11);

  const AuditDiscrepancy& b = c.discrepancies[1];
  EXPECT_EQ(b.form_code, kF2);
  EXPECT_EQ(b.item, "Q9.2");
  EXPECT_EQ(b.machine, "3");
  EXPECT_EQ(b.auditor, "2");
  EXPECT_EQ(b.decided_by, "lan");
  EXPECT_EQ(b.page_id, 21);

  const AuditDiscrepancy& d = c.discrepancies[2];
  EXPECT_EQ(d.form_code, kF3);
  EXPECT_EQ(d.collector, "DTV-2");
  EXPECT_EQ(d.item, "Q2");
  EXPECT_EQ(d.machine, "");  // blank on the machine's side
  EXPECT_EQ(d.auditor, "2");
  EXPECT_EQ(d.page_id, 30);

  // Asked only for the discrepancies.
  EXPECT_EQ(asked, (std::vector<std::string>{kF1 + " Q9.1", kF2 + " Q9.2", kF3 + " Q2"}));
}

TEST(AuditCompareTest, MultipleAndInvalidAreStarAndAMultiAnswerIsJoined) {
  // The machine's F3 Q9.1 is invalid (decided by minh) and F2 Q1 multiple: an auditor's '*'
  // agrees with both; a machine's multi answer 1;3 is written "1;3". An auditor reading '1' on
  // F2's Q1 disagrees with '*'.
  std::vector<AuditReading> readings = {
      Reading(kF1, ContactOutcome::kConfirmed, {{"Q2", "1"}}),
      Reading(kF2, ContactOutcome::kConfirmed, {{"Q1", "1"}}),
      Reading(kF3, ContactOutcome::kConfirmed, {{"Q9.1", "2"}}),
  };
  const AuditComparison c = CompareAudit(Draw(), Machine(), Items(), readings, 99.0, nullptr);
  ASSERT_EQ(c.discrepancies.size(), 3u);
  EXPECT_EQ(c.discrepancies[0].machine, "1;3");
  EXPECT_EQ(c.discrepancies[0].auditor, "1");
  EXPECT_EQ(c.discrepancies[1].machine, "*");
  EXPECT_EQ(c.discrepancies[2].machine, "*");
  EXPECT_EQ(c.discrepancies[2].decided_by, "minh");
  EXPECT_EQ(c.discrepancies[2].page_id, 0);  // no page_of: no page
  EXPECT_EQ(c.all.compared, 3);
  EXPECT_EQ(c.all.agreeing, 0);
}

TEST(AuditCompareTest, CannotTellOnEitherSideIsNotCompared) {
  // Only F2: the auditor's '?' on Q2 and the machine's review ('?') on Q9.1 are skipped.
  std::vector<AuditReading> readings = {
      Reading(kF2, ContactOutcome::kConfirmed, {{"Q2", "?"}, {"Q9.1", "?"}}),
  };
  const AuditComparison c = CompareAudit(Draw({kF2}), Machine(), Items(), readings, 99.0, PageOf);
  EXPECT_EQ(c.recorded, 1);
  EXPECT_EQ(c.all.forms, 1);
  EXPECT_EQ(c.all.compared, 0);
  EXPECT_TRUE(c.by_item.empty());  // only items compared at least once
  EXPECT_TRUE(c.discrepancies.empty());
  EXPECT_FALSE(c.passed);  // nothing compared: nothing shown to agree
}

TEST(AuditCompareTest, BelowTheThresholdFails) {
  const AuditComparison c = CompareAudit(Draw(), Machine(), Items(), Readings(), 99.0, PageOf);
  EXPECT_FALSE(c.passed);
  EXPECT_DOUBLE_EQ(c.min_agreement, 99.0);
  EXPECT_EQ(c.verdict,
            "Phúc tra 3/3 phiếu: khớp 6/9 câu (66,7 %, ngưỡng 99,0 %). KHÔNG ĐẠT: cần xem xét "
            "các điểm khác biệt.");
}

TEST(AuditCompareTest, AtOrAboveTheThresholdPasses) {
  // F1 alone: 3 of 4 = 75 %.
  const std::vector<AuditReading> readings = {Readings()[0]};
  const AuditComparison at = CompareAudit(Draw({kF1}), Machine(), Items(), readings, 75.0, PageOf);
  EXPECT_TRUE(at.passed);
  EXPECT_EQ(at.verdict,
            "Phúc tra 1/1 phiếu: khớp 3/4 câu (75,0 %, ngưỡng 75,0 %). ĐẠT: kết quả đọc máy khớp "
            "với phiếu giấy.");
  EXPECT_TRUE(CompareAudit(Draw({kF1}), Machine(), Items(), readings, 60.0, PageOf).passed);
  EXPECT_FALSE(CompareAudit(Draw({kF1}), Machine(), Items(), readings, 75.1, PageOf).passed);
}

TEST(AuditCompareTest, ARespondentDenyingTheFormFailsEvenAtFullAgreement) {
  for (ContactOutcome denial : {ContactOutcome::kNotReceived, ContactOutcome::kSomeoneElse}) {
    const std::vector<AuditReading> readings = {
        Reading(kF1, denial, {{"Q1", "2"}, {"Q2", "1;3"}, {"Q9.1", "5"}, {"Q9.2", ""}})};
    const AuditComparison c = CompareAudit(Draw({kF1}), Machine(), Items(), readings, 99.0, PageOf);
    EXPECT_EQ(c.all.Rate(), 100.0);
    EXPECT_FALSE(c.passed) << ContactOutcomeCode(denial);
    EXPECT_EQ(c.outcomes, (std::map<ContactOutcome, int>{{denial, 1}}));
    EXPECT_EQ(c.verdict,
              "Phúc tra 1/1 phiếu: khớp 4/4 câu (100,0 %, ngưỡng 99,0 %); 1 người được khảo sát "
              "phủ nhận phiếu. KHÔNG ĐẠT: cần xem xét các điểm khác biệt.");
  }
  // Not reached, or confirmed: no denial.
  for (ContactOutcome fine :
       {ContactOutcome::kNotReached, ContactOutcome::kConfirmed, ContactOutcome::kNotContacted}) {
    const std::vector<AuditReading> readings = {Reading(kF1, fine, {{"Q1", "2"}})};
    EXPECT_TRUE(CompareAudit(Draw({kF1}), Machine(), Items(), readings, 99.0, PageOf).passed)
        << ContactOutcomeCode(fine);
  }
}

TEST(AuditCompareTest, APickWithoutAReadingIsNotFinishedAndItsOutcomeIsNotCounted) {
  // F2 not re-read yet; the others agree fully.
  const std::vector<AuditReading> readings = {
      Reading(kF1, ContactOutcome::kConfirmed, {{"Q1", "2"}}),
      Reading(kF3, ContactOutcome::kConfirmed, {{"Q1", "1"}}),
  };
  const AuditComparison c = CompareAudit(Draw(), Machine(), Items(), readings, 99.0, PageOf);
  EXPECT_EQ(c.selected, 3);
  EXPECT_EQ(c.recorded, 2);
  EXPECT_FALSE(c.passed);
  ASSERT_EQ(c.forms.size(), 3u);
  EXPECT_FALSE(c.forms[1].recorded);
  EXPECT_EQ(c.forms[1].pick.form_code, kF2);
  EXPECT_EQ(c.forms[1].compared, 0);
  // Only the recorded forms' outcomes; no zero entry for the others.
  EXPECT_EQ(c.outcomes, (std::map<ContactOutcome, int>{{ContactOutcome::kConfirmed, 2}}));
  EXPECT_EQ(Lines(c.by_unit), (std::vector<std::string>{"A 1 1/1", "B 1 1/1"}));
  EXPECT_EQ(c.verdict,
            "Phúc tra 2/3 phiếu: khớp 2/2 câu (100,0 %, ngưỡng 99,0 %). CHƯA XONG: còn 1 phiếu "
            "chưa phúc tra.");
}

TEST(AuditCompareTest, AReadingOfAFormNotDrawnIsNotCounted) {
  std::vector<AuditReading> readings = Readings();
  readings.push_back(Reading("CCC-222-24G", ContactOutcome::kNotReceived, {{"Q1", "4"}}));
  const AuditComparison c = CompareAudit(Draw(), Machine(), Items(), readings, 60.0, PageOf);
  EXPECT_EQ(c.recorded, 3);
  EXPECT_EQ(c.all.compared, 9);
  EXPECT_EQ(c.outcomes.count(ContactOutcome::kNotReceived), 0u);
  EXPECT_TRUE(c.passed);
}

// ---- The delivery check: forms that never came back, their person asked.

const std::string kU1 = "AAA-222-26M";  // unit A, DTV-1
const std::string kU2 = "CCC-222-238";  // unit C, DTV-3
const std::string kU3 = "CCC-222-22Y";  // unit C, DTV-3

AuditDraw DrawWithDeliveryCheck() {
  AuditDraw draw = Draw({kF1});
  draw.delivery.rate = 0.1;
  draw.delivery.candidates = 25;
  draw.delivery.picks = {{kU1, "A", "DTV-1", "", "u1", 1},
                         {kU2, "C", "DTV-3", "", "u2", 2},
                         {kU3, "C", "DTV-3", "", "u3", 3}};
  return draw;
}

// F1 re-read in full agreement (4 of 4).
AuditReading AgreeingF1() {
  return Reading(kF1, ContactOutcome::kConfirmed,
                 {{"Q1", "2"}, {"Q2", "1;3"}, {"Q9.1", "5"}, {"Q9.2", ""}});
}

std::string Tally(const DeliveryTally& t) {
  return t.name + " drawn " + std::to_string(t.drawn) + " recorded " + std::to_string(t.recorded) +
         " contacted " + std::to_string(t.contacted) + " received " +
         std::to_string(t.received) + " not-received " + std::to_string(t.not_received) +
         " not-reached " + std::to_string(t.not_reached);
}

TEST(AuditCompareTest, APersonWhoNeverReceivedTheFormIsAFindingPerCollectorAndInTheVerdict) {
  const std::vector<AuditReading> readings = {
      AgreeingF1(), Reading(kU1, ContactOutcome::kReceived, {}),
      Reading(kU2, ContactOutcome::kNotReceived, {}), Reading(kU3, ContactOutcome::kNotReached, {})};
  const AuditComparison c =
      CompareAudit(DrawWithDeliveryCheck(), Machine(), Items(), readings, 99.0, PageOf);
  EXPECT_EQ(Tally(c.delivery.all),
            "all drawn 3 recorded 3 contacted 2 received 1 not-received 1 not-reached 1");
  ASSERT_EQ(c.delivery.by_collector.size(), 2u);
  EXPECT_EQ(Tally(c.delivery.by_collector[0]),
            "DTV-1 drawn 1 recorded 1 contacted 1 received 1 not-received 0 not-reached 0");
  EXPECT_EQ(Tally(c.delivery.by_collector[1]),
            "DTV-3 drawn 2 recorded 2 contacted 1 received 0 not-received 1 not-reached 1");
  ASSERT_EQ(c.delivery.forms.size(), 3u);
  EXPECT_EQ(c.delivery.forms[1].pick.form_code, kU2);
  EXPECT_EQ(c.delivery.forms[1].outcome, ContactOutcome::kNotReceived);
  EXPECT_DOUBLE_EQ(c.delivery.rate, 0.1);
  EXPECT_EQ(c.delivery.candidates, 25);
  // The re-read's figures hold only F1: the unreturned forms are not folded into them.
  EXPECT_EQ(c.selected, 1);
  EXPECT_EQ(c.recorded, 1);
  EXPECT_EQ(c.all.compared, 4);
  EXPECT_EQ(c.all.agreeing, 4);
  EXPECT_EQ(c.outcomes, (std::map<ContactOutcome, int>{{ContactOutcome::kConfirmed, 1}}));
  EXPECT_EQ(Lines(c.by_collector), (std::vector<std::string>{"DTV-1 1 4/4"}));
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.verdict,
            "Phúc tra 1/1 phiếu: khớp 4/4 câu (100,0 %, ngưỡng 99,0 %); kiểm tra phát phiếu: liên "
            "hệ được 2/3 người chưa trả phiếu, 1 người không nhận được phiếu (điều tra viên "
            "DTV-3: 1). KHÔNG ĐẠT: 1 phiếu báo chưa thu về nhưng người được khảo sát không nhận "
            "được phiếu.");
}

TEST(AuditCompareTest, EveryUnreturnedPersonReachedWhoReceivedTheFormPasses) {
  const std::vector<AuditReading> readings = {
      AgreeingF1(), Reading(kU1, ContactOutcome::kReceived, {}),
      Reading(kU2, ContactOutcome::kReceived, {}), Reading(kU3, ContactOutcome::kNotReached, {})};
  const AuditComparison c =
      CompareAudit(DrawWithDeliveryCheck(), Machine(), Items(), readings, 99.0, PageOf);
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.verdict,
            "Phúc tra 1/1 phiếu: khớp 4/4 câu (100,0 %, ngưỡng 99,0 %); kiểm tra phát phiếu: liên "
            "hệ được 2/3 người chưa trả phiếu. ĐẠT: kết quả đọc máy khớp với phiếu giấy; không "
            "phát hiện phiếu nào không được phát.");
}

TEST(AuditCompareTest, AnUnreturnedFormNotYetAskedLeavesTheCheckUnfinished) {
  const std::vector<AuditReading> readings = {AgreeingF1(),
                                              Reading(kU1, ContactOutcome::kReceived, {})};
  const AuditComparison c =
      CompareAudit(DrawWithDeliveryCheck(), Machine(), Items(), readings, 99.0, PageOf);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.delivery.all.recorded, 1);
  EXPECT_FALSE(c.delivery.forms[2].recorded);
  EXPECT_EQ(c.verdict,
            "Phúc tra 1/1 phiếu: khớp 4/4 câu (100,0 %, ngưỡng 99,0 %); kiểm tra phát phiếu: liên "
            "hệ được 1/3 người chưa trả phiếu. CHƯA XONG: còn 2 phiếu chưa thu về chưa được "
            "kiểm tra việc phát.");
}

TEST(AuditCompareTest, ANotReceivedFindingFailsEvenBeforeEverythingIsChecked) {
  // F1 not re-read yet, U3 not asked yet; U2's person never received the form.
  const std::vector<AuditReading> readings = {Reading(kU2, ContactOutcome::kNotReceived, {})};
  const AuditComparison c =
      CompareAudit(DrawWithDeliveryCheck(), Machine(), Items(), readings, 99.0, PageOf);
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.verdict,
            "Phúc tra 0/1 phiếu: khớp 0/0 câu (0,0 %, ngưỡng 99,0 %); kiểm tra phát phiếu: liên "
            "hệ được 1/3 người chưa trả phiếu, 1 người không nhận được phiếu (điều tra viên "
            "DTV-3: 1). KHÔNG ĐẠT: 1 phiếu báo chưa thu về nhưng người được khảo sát không nhận "
            "được phiếu; còn 1 phiếu chưa phúc tra, 2 phiếu chưa thu về chưa được kiểm tra việc "
            "phát.");
}

TEST(AuditCompareTest, AnOldDrawWithoutDeliveryCheckComparesAsBefore) {
  // A draw stored before the delivery check: no delivery part at all, the verdict as it was.
  const AuditComparison c = CompareAudit(Draw({kF1}), Machine(), Items(), {AgreeingF1()}, 99.0,
                                         PageOf);
  EXPECT_TRUE(c.passed);
  EXPECT_EQ(c.delivery.all.drawn, 0);
  EXPECT_TRUE(c.delivery.by_collector.empty());
  EXPECT_EQ(c.verdict,
            "Phúc tra 1/1 phiếu: khớp 4/4 câu (100,0 %, ngưỡng 99,0 %). ĐẠT: kết quả đọc máy khớp "
            "với phiếu giấy.");
}

}  // namespace
}  // namespace phieu
