#include "audit/audit_reading.h"
#include "audit/audit_test_items.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace phieu {
namespace {

using audit_test::Items;
using audit_test::Options;

// The forms drawn (valid codes: their check characters are right).
const std::vector<std::string> kSelected = {"AAA-222-22K", "AAA-222-23U", "BBB-222-25J",
                                            "BBB-222-273", "CCC-222-24G"};

Result<std::vector<AuditReading>> Parse(const std::string& csv) {
  return ParseAuditReadings(csv, "audit.csv", Items(), kSelected);
}

TEST(AuditReadingTest, AGoodFileIsReadWithCodesAndCellsNormalised) {
  // A BOM, the answers export's own columns (sample, unit, collector, status: ignored), lower
  // case codes without dashes, a multi-choice answer out of order and with spaces.
  const std::string csv =
      "\xEF\xBB\xBF"
      "form,sample,unit,collector,status,outcome,Q1,Q2,Q9.1,Q9.2\r\n"
      "aaa22222k,S1,A,DTV-1,accepted,confirmed,2, 3 ; 1 ,5,\r\n"
      "AAA-222-23U,S2,A,DTV-1,accepted,not-received,*,?,,4\r\n"
      "bbb 222 25j,S3,B,DTV-2,accepted,someone-else,?,4,*,1\r\n"
      "BBB-222-273,S4,B,DTV-2,accepted,not-reached,,2;4;1,3,3\r\n"
      "CCC-222-24G,S5,C,DTV-3,accepted,,1,,,\r\n";
  const auto readings = Parse(csv);
  ASSERT_TRUE(readings.ok()) << readings.status().message();
  ASSERT_EQ(readings->size(), 5u);
  const std::vector<AuditReading>& r = *readings;

  EXPECT_EQ(r[0].form_code, "AAA-222-22K");
  EXPECT_EQ(r[0].line, 2);
  EXPECT_EQ(r[0].outcome, ContactOutcome::kConfirmed);
  EXPECT_EQ(r[0].cells, (std::map<std::string, std::string>{
                            {"Q1", "2"}, {"Q2", "1;3"}, {"Q9.1", "5"}, {"Q9.2", ""}}));

  EXPECT_EQ(r[1].outcome, ContactOutcome::kNotReceived);
  EXPECT_EQ(r[1].cells, (std::map<std::string, std::string>{
                            {"Q1", "*"}, {"Q2", "?"}, {"Q9.1", ""}, {"Q9.2", "4"}}));

  EXPECT_EQ(r[2].form_code, "BBB-222-25J");
  EXPECT_EQ(r[2].outcome, ContactOutcome::kSomeoneElse);
  EXPECT_EQ(r[2].cells, (std::map<std::string, std::string>{
                            {"Q1", "?"}, {"Q2", "4"}, {"Q9.1", "*"}, {"Q9.2", "1"}}));

  EXPECT_EQ(r[3].outcome, ContactOutcome::kNotReached);
  EXPECT_EQ(r[3].cells.at("Q2"), "1;2;4");

  EXPECT_EQ(r[4].form_code, "CCC-222-24G");
  EXPECT_EQ(r[4].line, 6);
  EXPECT_EQ(r[4].outcome, ContactOutcome::kNotContacted);
}

TEST(AuditReadingTest, OnlyTheItemColumnsGivenAreRecordedAndNoOutcomeColumnMeansNotContacted) {
  const auto readings = Parse("form,Q9.2\nCCC-222-24G,2\n");
  ASSERT_TRUE(readings.ok()) << readings.status().message();
  ASSERT_EQ(readings->size(), 1u);
  EXPECT_EQ(readings->front().outcome, ContactOutcome::kNotContacted);
  EXPECT_EQ(readings->front().cells, (std::map<std::string, std::string>{{"Q9.2", "2"}}));
}

TEST(AuditReadingTest, OutcomeCodesAreTheDocumentedWords) {
  EXPECT_EQ(ContactOutcomeCode(ContactOutcome::kNotContacted), "");
  EXPECT_EQ(ContactOutcomeCode(ContactOutcome::kConfirmed), "confirmed");
  EXPECT_EQ(ContactOutcomeCode(ContactOutcome::kNotReceived), "not-received");
  EXPECT_EQ(ContactOutcomeCode(ContactOutcome::kSomeoneElse), "someone-else");
  EXPECT_EQ(ContactOutcomeCode(ContactOutcome::kNotReached), "not-reached");
  EXPECT_EQ(ContactOutcomeCode(ContactOutcome::kReceived), "received");
  EXPECT_EQ(ContactOutcomeFromCode("received"), ContactOutcome::kReceived);
}

// Forms of the delivery check: they never came back (valid codes, not in kSelected).
const std::vector<std::string> kUnreturned = {"AAA-222-26M", "CCC-222-238"};

TEST(AuditReadingTest, AFormOfTheDeliveryCheckTakesReceivedNotReceivedOrNotReached) {
  const auto readings =
      ParseAuditReadings("form,outcome,Q1\nAAA-222-26M,not-received,\nCCC-222-238,received,\n"
                         "AAA-222-22K,confirmed,2\n",
                         "audit.csv", Items(), kSelected, kUnreturned);
  ASSERT_TRUE(readings.ok()) << readings.status().message();
  ASSERT_EQ(readings->size(), 3u);
  EXPECT_EQ((*readings)[0].outcome, ContactOutcome::kNotReceived);
  EXPECT_EQ((*readings)[1].outcome, ContactOutcome::kReceived);
  EXPECT_EQ((*readings)[2].outcome, ContactOutcome::kConfirmed);
  EXPECT_TRUE((*readings)[0].cells.empty());  // no paper: nothing to compare
}

TEST(AuditReadingTest, AnOutcomeThatDoesNotFitTheFormsCheckIsReportedWithItsLine) {
  const std::string csv =
      "form,outcome,Q1\n"
      "AAA-222-26M,confirmed,\n"    // 2: a delivery-check form cannot be confirmed as filled
      "CCC-222-238,,\n"             // 3: a delivery-check form needs its outcome
      "AAA-222-22K,received,1\n"    // 4: a re-read form is not 'received'
      "AAA-222-26M,,\n"             // 5: twice
      "CCC-222-22Y,received,\n";    // 6: not drawn at all
  const auto readings =
      ParseAuditReadings(csv, "audit.csv", Items(), kSelected, kUnreturned);
  ASSERT_FALSE(readings.ok());
  EXPECT_EQ(readings.status().message(),
            "audit.csv:2: form AAA-222-26M never came back (delivery check): its outcome is "
            "received, not-received or not-reached, not 'confirmed'\n"
            "audit.csv:3: form CCC-222-238 never came back (delivery check): its outcome is "
            "received, not-received or not-reached, not ''\n"
            "audit.csv:4: outcome 'received' is for a form of the delivery check (never came "
            "back); form AAA-222-22K is re-read: confirmed, not-received, someone-else, "
            "not-reached or empty\n"
            "audit.csv:5: form AAA-222-26M is already on line 2\n"
            "audit.csv:6: form CCC-222-22Y was not drawn for re-checking ('phieu audit draw')");
}

TEST(AuditReadingTest, AnAnswerGivenForAFormThatNeverCameBackIsAnError) {
  const auto readings = ParseAuditReadings("form,outcome,Q1,Q2\nAAA-222-26M,received,2,\n",
                                           "audit.csv", Items(), kSelected, kUnreturned);
  ASSERT_FALSE(readings.ok());
  EXPECT_EQ(readings.status().message(),
            "audit.csv:2: column Q1: form AAA-222-26M never came back, there is no paper to "
            "read: leave its answers empty");
}

TEST(AuditReadingTest, EveryBadLineIsReportedWithItsLineAndNothingIsReturned) {
  const std::string csv =
      "form,outcome,Q1,Q2,Q9.1\n"
      "AAA-222-22K,confirmed,7,,\n"         // 2: not an option of Q1
      "AAA-222-23U,,1;2,,\n"                // 3: two codes on a single-answer item
      "CCC-222-22Y,,1,,\n"                  // 4: a real code, not drawn
      "aaa-222-22k,,1,,\n"                  // 5: the form of line 2 again
      "BBB-222-25J,maybe,1,,\n"             // 6: unknown outcome
      "AAA-222-22X,,1,,\n"                  // 7: check character wrong
      "BBB-222-273,,,1;5,2;3\n"             // 8: 5 is not an option of Q2; a grid row takes one
      "CCC-222-24G,not-reached,4,4;3,5\n";  // 9: fine
  const auto readings = Parse(csv);
  ASSERT_FALSE(readings.ok());
  EXPECT_EQ(readings.status().message(),
            "audit.csv:2: column Q1: '7' is not an option of Q1 (options: 1 2 3 4; empty = "
            "blank, * = several marks, ? = cannot tell)\n"
            "audit.csv:3: column Q1: Q1 takes one answer: write * when the paper has several "
            "marks, not '1;2'\n"
            "audit.csv:4: form CCC-222-22Y was not drawn for re-checking ('phieu audit draw')\n"
            "audit.csv:5: form AAA-222-22K is already on line 2\n"
            "audit.csv:6: outcome 'maybe' is not one of confirmed, not-received, someone-else, "
            "not-reached (or empty: paper re-read only)\n"
            "audit.csv:7: 'AAA-222-22X' is not a form code (its check character is wrong)\n"
            "audit.csv:8: column Q2: '5' is not an option of Q2 (options: 1 2 3 4; empty = "
            "blank, * = several marks, ? = cannot tell)\n"
            "audit.csv:8: column Q9.1: Q9.1 takes one answer: write * when the paper has "
            "several marks, not '2;3'");
}

TEST(AuditReadingTest, AnUnknownColumnIsReportedOnTheHeaderLine) {
  const auto readings = Parse("form,outcome,Q1,Q99,note\nAAA-222-22K,,1,2,x\n");
  ASSERT_FALSE(readings.ok());
  EXPECT_EQ(readings.status().message(),
            "audit.csv:1: column 'Q99' is neither an item of the survey nor form, outcome, "
            "sample, unit, collector, status\n"
            "audit.csv:1: column 'note' is neither an item of the survey nor form, outcome, "
            "sample, unit, collector, status");
}

TEST(AuditReadingTest, AFileWithoutAFormColumnSaysWhereToStart) {
  const auto readings = Parse("outcome,Q1\nconfirmed,1\n");
  ASSERT_FALSE(readings.ok());
  EXPECT_EQ(readings.status().message(),
            "audit.csv:1: no 'form' column: start from the file 'phieu audit sheet --csv' "
            "writes");
}

TEST(AuditReadingTest, TheTemplateHasABomTheHeaderAndOneEmptyRowPerForm) {
  const std::string csv = AuditReadingTemplateCsv(
      {"Q1", "Q2", "Q9.1", "Q9.2"},
      {{"AAA-222-22K", "Phường 1, Quận 3", "DTV-1"}, {"BBB-222-25J", "B", "DTV-2"}});
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "form,unit,collector,outcome,Q1,Q2,Q9.1,Q9.2\r\n"
            "AAA-222-22K,\"Phường 1, Quận 3\",DTV-1,,,,,\r\n"
            "BBB-222-25J,B,DTV-2,,,,,\r\n");
}

TEST(AuditReadingTest, TheEmptyTemplateIsReadBackAsFormsWithBlankCells) {
  const std::string csv =
      AuditReadingTemplateCsv({"Q1", "Q2", "Q9.1", "Q9.2"}, {{"AAA-222-22K", "A", "DTV-1"}});
  const auto readings = Parse(csv);
  ASSERT_TRUE(readings.ok()) << readings.status().message();
  ASSERT_EQ(readings->size(), 1u);
  EXPECT_EQ(readings->front().form_code, "AAA-222-22K");
  EXPECT_EQ(readings->front().outcome, ContactOutcome::kNotContacted);
  EXPECT_EQ(readings->front().cells, (std::map<std::string, std::string>{
                                         {"Q1", ""}, {"Q2", ""}, {"Q9.1", ""}, {"Q9.2", ""}}));
}

}  // namespace
}  // namespace phieu
