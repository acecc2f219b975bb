#include "verify/channel_forms.h"

#include <gtest/gtest.h>

#include "core/builtin_surveys.h"
#include "verify/answer_export.h"

namespace phieu {
namespace {

TEST(ChannelFormsTest, AResponseIsAnAcceptedFormWithAnAnswerForEveryItem) {
  const Survey& hanoi = FindBuiltinSurvey("hanoi-2014")->survey;
  StoredChannelResponse stored{"sms", {"M-7", "Xã B", "2026-08-02", 3, {{"H.1", "2"}, {"H.2", ""}}}};
  const std::vector<FormResult> forms = ChannelForms(AnswerItems(hanoi), {stored});
  ASSERT_EQ(forms.size(), 1u);
  const FormResult& f = forms[0];
  EXPECT_EQ(f.code, "sms:M-7");
  EXPECT_EQ(f.channel, "sms");
  EXPECT_EQ(f.unit, "Xã B");
  EXPECT_EQ(f.sample_id, "");
  EXPECT_FALSE(f.in_sample);
  EXPECT_EQ(f.verdict, Verdict::kAccepted);
  ASSERT_EQ(f.answers.size(), 4u);  // H5, free text, is not an answer item here
  EXPECT_EQ(f.answers[0].state, AnswerState::kAnswered);
  EXPECT_EQ(f.answers[0].options, std::vector<std::string>{"2"});
  EXPECT_EQ(f.answers[1].state, AnswerState::kBlank);
  EXPECT_EQ(f.answers[2].state, AnswerState::kMissing);  // not asked by this channel
  EXPECT_EQ(f.answers[3].item, "H.4");
}

TEST(ChannelFormsTest, TheAnswersExportAddsAChannelColumnOnlyWhenThereAreChannelAnswers) {
  const Survey& hanoi = FindBuiltinSurvey("hanoi-2014")->survey;
  const std::vector<FormResult> forms = ChannelForms(
      AnswerItems(hanoi), {{"tablet", {"K-1", "Phường A", "2026-07-02", 2, {{"H.1", "1"}}}}});
  EXPECT_EQ(AnswersCsv({}, {}), "\xEF\xBB\xBF" "form,sample,unit,collector,status\r\n");
  EXPECT_EQ(AnswersCsv({}, {}, forms),
            "\xEF\xBB\xBF"
            "form,sample,unit,collector,status,channel,H.1,H.2,H.3,H.4\r\n"
            "tablet:K-1,,Phường A,,accepted,tablet,1,,,\r\n");
}

}  // namespace
}  // namespace phieu
