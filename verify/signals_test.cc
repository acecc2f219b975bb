#include "verify/signals.h"

#include <gtest/gtest.h>

#include "verify/verify_test_input.h"

namespace phieu::verify_test {
namespace {

using Strings = std::vector<std::string>;

std::vector<Signal> Of(const std::vector<Signal>& signals, const std::string& kind) {
  std::vector<Signal> found;
  for (const Signal& s : signals) {
    if (s.kind == kind) found.push_back(s);
  }
  return found;
}

// Answers that differ from form to form (n = 0..14) and never straight-line.
Marks Varied(int n) {
  Marks marks{{"Q1", std::to_string(n % 3 + 1)}};
  for (int row = 1; row <= 6; ++row) {
    marks["Q2." + std::to_string(row)] = std::to_string((n / 3 + row) % 5 + 1);
  }
  return marks;
}

std::vector<Signal> Signals(const VerifyInput& input) { return FindSignals(input, Verify(input)); }

TEST(SignalsTest, FormsWithIdenticalAnswersAreNamedTogether) {
  VerifyInput input = InputWithTemplate();
  input.forms = {Form("F1", "S1"), Form("F2", "S2"), Form("F3", "S3")};
  ReturnForm(input, "F1", 10);
  ReturnForm(input, "F2", 20);
  ReturnForm(input, "F3", 30, Varied(1));
  const std::vector<Signal> identical = Of(Signals(input), "identical-answers");
  ASSERT_EQ(identical.size(), 1u);
  EXPECT_EQ(identical[0].forms, (Strings{"F1", "F2"}));
  EXPECT_EQ(identical[0].text, "2 forms give the same answer to every item");
}

TEST(SignalsTest, FormsDifferingInOneAnswerAreNotIdentical) {
  VerifyInput input = InputWithTemplate();
  input.forms = {Form("F1", "S1"), Form("F2", "S2")};
  ReturnForm(input, "F1", 10);
  Marks other = UsualAnswers();
  other["Q2.6"] = "2";
  ReturnForm(input, "F2", 20, other);
  EXPECT_TRUE(Of(Signals(input), "identical-answers").empty());
}

TEST(SignalsTest, FormsWithFewerThanFiveAnswersAreNotCompared) {
  VerifyInput input = InputWithTemplate();
  input.forms = {Form("F1", "S1"), Form("F2", "S2")};
  const Marks four{{"Q1", "2"}, {"Q2.1", "1"}, {"Q2.2", "2"}, {"Q2.3", "3"}};
  ReturnForm(input, "F1", 10, four);
  ReturnForm(input, "F2", 20, four);
  EXPECT_TRUE(Of(Signals(input), "identical-answers").empty());
}

TEST(SignalsTest, RejectedFormsAreNotCompared) {
  VerifyInput input = InputWithTemplate();
  input.forms = {Form("F1", "S1"), Form("F2", "S2")};
  input.forms[1].status = FormStatus::kVoided;
  ReturnForm(input, "F1", 10);
  ReturnForm(input, "F2", 20);
  EXPECT_TRUE(Of(Signals(input), "identical-answers").empty());
}

TEST(SignalsTest, SameAnswerOnEveryGridRowIsStraightLining) {
  VerifyInput input = InputWithTemplate();
  input.forms = {Form("F1", "S1"), Form("F2", "S2")};
  ReturnForm(input, "F1", 10,
             Marks{{"Q1", "1"},
                   {"Q2.1", "3"},
                   {"Q2.2", "3"},
                   {"Q2.3", "3"},
                   {"Q2.4", "3"},
                   {"Q2.5", "3"},
                   {"Q2.6", "3"}});
  ReturnForm(input, "F2", 20);
  const std::vector<Signal> straight = Of(Signals(input), "straight-lining");
  ASSERT_EQ(straight.size(), 1u);
  EXPECT_EQ(straight[0].forms, Strings{"F1"});
}

TEST(SignalsTest, VariedGridAnswersAreNotStraightLining) {
  VerifyInput input = InputWithTemplate();
  input.forms = {Form("F1", "S1")};
  ReturnForm(input, "F1", 10);
  EXPECT_TRUE(Of(Signals(input), "straight-lining").empty());
}

TEST(SignalsTest, CollectorWithAReturnRateFarAboveTheRestOfTheUnitStandsOut) {
  VerifyInput input = InputWithTemplate();
  int n = 0;
  for (const char* collector : {"Lan", "Minh"}) {
    for (int i = 0; i < 5; ++i, ++n) {
      const std::string code = "F" + std::to_string(n);
      input.forms.push_back(Form(code, "S" + std::to_string(n), "U1", collector));
      // Lan brings back all five forms, Minh one.
      if (std::string(collector) == "Lan" || i == 0)
        ReturnForm(input, code, 10 * (n + 1), Varied(n));
    }
  }
  const std::vector<Signal> signals = Signals(input);
  EXPECT_TRUE(Of(signals, "identical-answers").empty());
  EXPECT_TRUE(Of(signals, "straight-lining").empty());
  const std::vector<Signal> collectors = Of(signals, "collector");
  ASSERT_EQ(collectors.size(), 1u);
  EXPECT_EQ(collectors[0].text,
            "collector Lan (unit U1): return rate 100 % of 5 forms, against 20 % for the rest of "
            "the unit");
  EXPECT_EQ(collectors[0].forms, (Strings{"F0", "F1", "F2", "F3", "F4"}));
}

TEST(SignalsTest, CollectorWhoseFormsAreUnusuallyUniformStandsOut) {
  VerifyInput input = InputWithTemplate();
  for (int n = 0; n < 6; ++n) {
    const std::string code = "F" + std::to_string(n);
    const char* collector = n < 3 ? "Lan" : "Minh";
    input.forms.push_back(Form(code, "S" + std::to_string(n), "U1", collector));
    Marks marks = Varied(n);
    if (n < 3) {  // Lan's forms: five of six rows "4", a different row "2" on each: not identical
      for (int row = 1; row <= 6; ++row)
        marks["Q2." + std::to_string(row)] = row == n + 1 ? "2" : "4";
    }
    ReturnForm(input, code, 10 * (n + 1), marks);
  }
  const std::vector<Signal> signals = Signals(input);
  EXPECT_TRUE(Of(signals, "identical-answers").empty());
  EXPECT_TRUE(Of(signals, "straight-lining").empty());
  const std::vector<Signal> collectors = Of(signals, "collector");
  ASSERT_EQ(collectors.size(), 1u);
  EXPECT_NE(collectors[0].text.find("collector Lan (unit U1): on average 83 % of a form's rating "
                                    "answers are the same"),
            std::string::npos)
      << collectors[0].text;
  EXPECT_EQ(collectors[0].forms, (Strings{"F0", "F1", "F2"}));
}

// Every scanned page of form `code` came in batch `batch`, handed in by `collector`.
void InBatch(VerifyInput& input, const std::string& code, const std::string& batch,
             const std::string& collector) {
  for (IdentifiedPage& page : input.pages) {
    if (page.form_code == code) page.batch_name = batch, page.collector = collector;
  }
}

TEST(SignalsTest, BatchHoldingAnotherCollectorsFormsBreaksCustody) {
  VerifyInput input = InputWithTemplate();
  input.forms = {Form("F1", "S1", "U1", "ĐTV-05"), Form("F2", "S2", "U1", "ĐTV-05"),
                 Form("F3", "S3", "U1", "ĐTV-01")};
  for (int n = 0; n < 3; ++n) {
    const std::string code = "F" + std::to_string(n + 1);
    ReturnForm(input, code, 10 * (n + 1), Varied(n));
    InBatch(input, code, "lo-1", "ĐTV-01");
  }
  const std::vector<Signal> custody = Of(Signals(input), "custody");
  ASSERT_EQ(custody.size(), 1u);
  EXPECT_EQ(custody[0].forms, (Strings{"F1", "F2"}));  // F3 is ĐTV-01's own form
  EXPECT_EQ(custody[0].text,
            "lô lo-1 do điều tra viên ĐTV-01 nộp có 2 phiếu đã giao cho điều tra viên ĐTV-05 "
            "(F1, F2) / batch lo-1 handed in by collector ĐTV-01 holds 2 form(s) issued to "
            "collector ĐTV-05: F1, F2");
}

TEST(SignalsTest, BatchOfTheCollectorsOwnFormsKeepsCustody) {
  VerifyInput input = InputWithTemplate();
  input.forms = {Form("F1", "S1", "U1", "ĐTV-05"), Form("F2", "S2", "U1", "ĐTV-01")};
  ReturnForm(input, "F1", 10, Varied(1));
  InBatch(input, "F1", "lo-5", "ĐTV-05");
  ReturnForm(input, "F2", 20, Varied(2));
  InBatch(input, "F2", "lo-1", "ĐTV-01");
  EXPECT_TRUE(Of(Signals(input), "custody").empty());
}

TEST(SignalsTest, BatchNamingNoCollectorSaysNothingAboutCustody) {
  VerifyInput input = InputWithTemplate();
  input.forms = {Form("F1", "S1", "U1", "ĐTV-05")};
  ReturnForm(input, "F1", 10);
  InBatch(input, "F1", "lo-x", "");
  EXPECT_TRUE(Of(Signals(input), "custody").empty());
}

TEST(SignalsTest, EachBatchAndIssuedToCollectorIsItsOwnCustodySignal) {
  VerifyInput input = InputWithTemplate();
  input.forms = {Form("F1", "S1", "U1", "ĐTV-05"), Form("F2", "S2", "U1", "ĐTV-07"),
                 Form("F3", "S3", "U1", "ĐTV-05")};
  ReturnForm(input, "F1", 10, Varied(1));
  InBatch(input, "F1", "lo-1", "ĐTV-01");
  ReturnForm(input, "F2", 20, Varied(2));
  InBatch(input, "F2", "lo-1", "ĐTV-01");
  ReturnForm(input, "F3", 30, Varied(3));
  InBatch(input, "F3", "lo-2", "ĐTV-01");
  const std::vector<Signal> custody = Of(Signals(input), "custody");
  ASSERT_EQ(custody.size(), 3u);
  EXPECT_EQ(custody[0].forms, Strings{"F1"});
  EXPECT_EQ(custody[1].forms, Strings{"F2"});
  EXPECT_EQ(custody[2].forms, Strings{"F3"});
  EXPECT_NE(custody[1].text.find("issued to collector ĐTV-07"), std::string::npos);
  EXPECT_NE(custody[2].text.find("batch lo-2"), std::string::npos);
}

}  // namespace
}  // namespace phieu::verify_test
