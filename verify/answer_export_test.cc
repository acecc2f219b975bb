// The answers export: what a spreadsheet opens. Names of units, collectors and sample ids come
// from outside (the sampling frame), so cells a spreadsheet would run are neutralised; answers,
// which are option codes, stay numbers.

#include "verify/answer_export.h"

#include <gtest/gtest.h>

#include "core/csv.h"
#include "verify/verify_test_input.h"

namespace phieu::verify_test {
namespace {

TEST(AnswerExportTest, HostileSampleUnitAndCollectorAreNeutralisedAndAnswersStayNumbers) {
  VerifyInput input = InputWithTemplate();
  input.forms.push_back(
      Form("F1", "+84 912 345 678", "=HYPERLINK(\"http://x.example\",\"A\")", "@SUM(A1)"));
  input.forms.push_back(Form("F2", "-1+2", "\tPhường B", "Lan"));
  ReturnForm(input, "F1", 1);
  ReturnForm(input, "F2", 3);
  const std::string csv = AnswersCsv(input, Verify(input));
  EXPECT_EQ(csv, std::string(kUtf8Bom) +
                     "form,sample,unit,collector,status,Q1,Q2.1,Q2.2,Q2.3,Q2.4,Q2.5,Q2.6\r\n"
                     "F1,'+84 912 345 678,\"'=HYPERLINK(\"\"http://x.example\"\",\"\"A\"\")\","
                     "'@SUM(A1),accepted,2,1,2,3,4,5,1\r\n"
                     "F2,'-1+2,'\tPhường B,Lan,accepted,2,1,2,3,4,5,1\r\n");
  // Read back (as `audit record` reads its own format), every value is the one written.
  const auto table = ParseCsv(csv, "answers.csv");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->records[0].fields[1], "+84 912 345 678");
  EXPECT_EQ(table->records[0].fields[2], "=HYPERLINK(\"http://x.example\",\"A\")");
  EXPECT_EQ(table->records[0].fields[3], "@SUM(A1)");
  EXPECT_EQ(table->records[1].fields[1], "-1+2");
  EXPECT_EQ(table->records[1].fields[2], "\tPhường B");
}

// A multiple-choice item has one 0/1 column per option: no cell holds a list (Excel on a
// Vietnamese-locale PC splits "1;3" at its list separator, ';').
TEST(AnswerExportTest, AMultipleChoiceOptionsColumnHoldsOneZeroOrTheItemsSpecialCell) {
  const AnswerItem multi{"Q2", "Q2", QuestionKind::kMulti, "Kênh thông tin", "",
                         {{"1", "Ti vi", false}, {"2", "Báo", false}, {"3", "Loa", false}}};
  const auto column = [&](const std::string& option) {
    return AnswerColumn{"Q2=" + option, multi, option};
  };
  const auto answer = [](AnswerState state, std::vector<std::string> options = {}) {
    Answer a;
    a.item = "Q2";
    a.state = state;
    a.options = std::move(options);
    return a;
  };
  const Answer ticked = answer(AnswerState::kAnswered, {"1", "3"});
  EXPECT_EQ(ColumnCell(column("1"), ticked), "1");
  EXPECT_EQ(ColumnCell(column("2"), ticked), "0");
  EXPECT_EQ(ColumnCell(column("3"), ticked), "1");
  for (const auto& [state, cell] : std::vector<std::pair<AnswerState, std::string>>{
           {AnswerState::kBlank, ""},
           {AnswerState::kMissing, ""},
           {AnswerState::kReview, "?"},
           {AnswerState::kInvalid, "*"}}) {
    EXPECT_EQ(ColumnCell(column("2"), answer(state)), cell) << cell;
  }
  // A single-answer item's own column holds the option's code.
  const AnswerItem single{"A1", "A1", QuestionKind::kSingle, "Giới tính", "", multi.options};
  EXPECT_EQ(ColumnCell({"A1", single, ""}, answer(AnswerState::kAnswered, {"2"})), "2");
}

TEST(AnswerExportTest, TheAnonymousExportHasNoFormCodeOrSampleId) {
  VerifyInput input = InputWithTemplate();
  input.forms.push_back(Form("F1", "HS00042", "Phường A", "Lan"));
  ReturnForm(input, "F1", 1);
  const std::string csv = AnswersCsv(input, Verify(input), {}, /*anonymous=*/true);
  EXPECT_EQ(csv, std::string(kUtf8Bom) +
                     "unit,collector,status,Q1,Q2.1,Q2.2,Q2.3,Q2.4,Q2.5,Q2.6\r\n"
                     "Phường A,Lan,accepted,2,1,2,3,4,5,1\r\n");
}

}  // namespace
}  // namespace phieu::verify_test
