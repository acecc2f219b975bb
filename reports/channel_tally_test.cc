// Answers imported from a channel are counted exactly as the same answers read from paper: the
// same respondents' answers go once through the paper path (bubble scores -> verification) and
// once through a channel's file (CSV -> map -> stored responses -> channel forms), and every
// index, under the Hà Nội rule and the SIPAS formula, comes out the same.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "channels/channel_map.h"
#include "channels/channel_rows.h"
#include "core/builtin_surveys.h"
#include "core/period.h"
#include "reports/index_formula.h"
#include "reports/tally.h"
#include "verify/channel_forms.h"
#include "verify/verify_test_input.h"

namespace phieu {
namespace {

using Marks = std::map<std::string, std::string>;  // item -> option code marked

// Paper: one issued form per respondent, its one page scanned with these marks, verified.
VerifyResult ReadFromPaper(const Survey& survey, const std::vector<Marks>& respondents) {
  VerifyInput input;
  TemplateItems t;
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.kind == QuestionKind::kText) continue;
    t.items.push_back(item);
    t.item_page[item.code] = 1;
  }
  t.pages = 1;
  input.templates["T1"] = t;
  for (std::size_t r = 0; r < respondents.size(); ++r) {
    const std::string code = "F" + std::to_string(r);
    FormRecord f = verify_test::Form(code, "S" + std::to_string(r), "Phường A");
    f.pages = 1;
    input.forms.push_back(f);
    std::vector<BubbleScore> bubbles;
    for (const AnswerItem& item : t.items) {
      for (const Option& o : item.options) {
        const auto marked = respondents[r].find(item.code);
        const bool filled = marked != respondents[r].end() && marked->second == o.code;
        bubbles.push_back(verify_test::Score(item.code, o.code,
                                             filled ? verify_test::Mark::kFilled
                                                    : verify_test::Mark::kEmpty));
      }
    }
    input.pages.push_back(verify_test::Scan(static_cast<int>(r) + 1, code, 1, bubbles));
  }
  return Verify(input);
}

// A channel: the same answers as a CSV whose columns are the item codes and whose cells are the
// option codes (blank when not marked), read through a map and turned into channel forms.
std::vector<FormResult> ImportFromChannel(const Survey& survey,
                                          const std::vector<Marks>& respondents) {
  std::vector<std::string> items;
  std::string map = "id: id\nunit: unit\ndate: date\nquestions:\n";
  std::string csv = "id,unit,date";
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.kind == QuestionKind::kText || item.kind == QuestionKind::kMulti) continue;
    items.push_back(item.code);
    map += "  \"" + item.code + "\": \"c" + item.code + "\"\n";
    csv += ",c" + item.code;
  }
  csv += "\n";
  for (std::size_t r = 0; r < respondents.size(); ++r) {
    csv += "X" + std::to_string(r) + ",Phường A,2026-08-01";
    for (const std::string& item : items) {
      const auto marked = respondents[r].find(item);
      csv += "," + (marked == respondents[r].end() ? std::string() : marked->second);
    }
    csv += "\n";
  }
  auto parsed_map = ParseChannelMap(map, "map.yaml", survey);
  EXPECT_TRUE(parsed_map.ok()) << parsed_map.status().message();
  auto rows = ReadChannelRows(csv, "tablet.csv", *parsed_map,
                              {{"Phường A"}, ParsePeriod("2026-Q3").value()});
  EXPECT_TRUE(rows.ok()) << rows.status().message();
  std::vector<StoredChannelResponse> stored;
  for (const ChannelResponse& r : *rows) stored.push_back({"tablet", r});
  return ChannelForms(AnswerItems(survey), stored);
}

void ExpectSameIndexes(const IndexResult& paper, const IndexResult& channel) {
  EXPECT_EQ(paper.forms, channel.forms);
  EXPECT_EQ(paper.overall_defined, channel.overall_defined);
  EXPECT_DOUBLE_EQ(paper.overall, channel.overall);
  EXPECT_EQ(paper.respondents_complete, channel.respondents_complete);
  EXPECT_EQ(paper.respondents_satisfied, channel.respondents_satisfied);
  ASSERT_EQ(paper.groups.size(), channel.groups.size());
  for (std::size_t g = 0; g < paper.groups.size(); ++g) {
    EXPECT_EQ(paper.groups[g].defined, channel.groups[g].defined) << paper.groups[g].code;
    EXPECT_DOUBLE_EQ(paper.groups[g].value, channel.groups[g].value) << paper.groups[g].code;
  }
  ASSERT_EQ(paper.items.size(), channel.items.size());
  for (std::size_t i = 0; i < paper.items.size(); ++i) {
    if (paper.items[i].group.empty()) continue;  // Part A and the like: not in the index
    EXPECT_EQ(paper.items[i].valid, channel.items[i].valid) << paper.items[i].item;
    EXPECT_EQ(paper.items[i].satisfied, channel.items[i].satisfied) << paper.items[i].item;
    EXPECT_EQ(paper.items[i].blank, channel.items[i].blank) << paper.items[i].item;
  }
}

// Tallies the same respondents both ways under the survey's built-in formula.
void ExpectPaperAndChannelAgree(const std::string& name, const std::vector<Marks>& respondents) {
  const Survey& survey = FindBuiltinSurvey(name)->survey;
  const IndexFormula* formula = BuiltinFormulaFor(name);
  ASSERT_NE(formula, nullptr);
  const VerifyResult paper = ReadFromPaper(survey, respondents);
  for (const FormResult& f : paper.forms) ASSERT_EQ(f.verdict, Verdict::kAccepted) << f.code;
  auto from_paper = TallyForms(survey, *formula, paper, {}, "");
  auto from_channel = TallyForms(survey, *formula, VerifyResult{}, {}, "",
                                 ImportFromChannel(survey, respondents));
  ASSERT_TRUE(from_paper.ok() && from_channel.ok());
  EXPECT_EQ(from_channel->channel_answers, static_cast<int>(respondents.size()));
  ExpectSameIndexes(from_paper->all, from_channel->all);
}

TEST(ChannelTallyTest, TheHanoiRuleCountsImportedAnswersAsItCountsPaper) {
  // Satisfied on all four; not on one; a blank criterion (not complete); satisfied on all four.
  const std::vector<Marks> respondents = {
      {{"H.1", "2"}, {"H.2", "2"}, {"H.3", "2"}, {"H.4", "2"}},
      {{"H.1", "2"}, {"H.2", "1"}, {"H.3", "2"}, {"H.4", "2"}},
      {{"H.1", "2"}, {"H.2", "2"}, {"H.4", "2"}},
      {{"H.1", "2"}, {"H.2", "2"}, {"H.3", "2"}, {"H.4", "2"}},
  };
  ExpectPaperAndChannelAgree("hanoi-2014", respondents);
  // And the rule itself: 2 satisfied of the 3 who answered all four criteria.
  const Survey& survey = FindBuiltinSurvey("hanoi-2014")->survey;
  auto tally = TallyForms(survey, *BuiltinFormulaFor("hanoi-2014"), VerifyResult{}, {}, "",
                          ImportFromChannel(survey, respondents));
  ASSERT_TRUE(tally.ok());
  EXPECT_EQ(tally->all.respondents_complete, 3);
  EXPECT_EQ(tally->all.respondents_satisfied, 2);
  EXPECT_DOUBLE_EQ(tally->all.overall, 200.0 / 3);
}

TEST(ChannelTallyTest, TheSipasIndexCountsImportedAnswersAsItCountsPaper) {
  const Survey& survey = FindBuiltinSurvey("sipas-2022")->survey;
  std::vector<Marks> respondents(5);
  int k = 0;
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.kind == QuestionKind::kText || item.kind == QuestionKind::kMulti) continue;
    for (std::size_t r = 0; r < respondents.size(); ++r) {
      if ((k + r) % 7 == 3) continue;  // left blank now and then
      respondents[r][item.code] = item.options[(k * 3 + r) % item.options.size()].code;
    }
    ++k;
  }
  ExpectPaperAndChannelAgree("sipas-2022", respondents);
}

TEST(ChannelTallyTest, ChannelsAreTalliedAloneAndPooledWithPaper) {
  const Survey& survey = FindBuiltinSurvey("hanoi-2014")->survey;
  const std::vector<Marks> on_paper = {{{"H.1", "2"}, {"H.2", "2"}, {"H.3", "2"}, {"H.4", "2"}}};
  const std::vector<Marks> on_tablet = {{{"H.1", "1"}, {"H.2", "2"}, {"H.3", "2"}, {"H.4", "2"}},
                                        {{"H.1", "2"}, {"H.2", "2"}, {"H.3", "2"}, {"H.4", "2"}}};
  auto tally = TallyForms(survey, *BuiltinFormulaFor("hanoi-2014"), ReadFromPaper(survey, on_paper),
                          {}, "channel", ImportFromChannel(survey, on_tablet));
  ASSERT_TRUE(tally.ok()) << tally.status().message();
  EXPECT_EQ(tally->accepted, 1);
  EXPECT_EQ(tally->channel_answers, 2);
  ASSERT_EQ(tally->channels.size(), 2u);
  EXPECT_EQ(tally->channels[0].value, "paper");
  EXPECT_DOUBLE_EQ(tally->channels[0].indexes.overall, 100.0);
  EXPECT_EQ(tally->channels[1].value, "tablet");
  EXPECT_DOUBLE_EQ(tally->channels[1].indexes.overall, 50.0);
  // Pooled: every respondent once, whatever the channel: 2 of 3.
  EXPECT_EQ(tally->all.forms, 3);
  EXPECT_DOUBLE_EQ(tally->all.overall, 200.0 / 3);
  // --by channel gives the same parts.
  ASSERT_EQ(tally->parts.size(), 2u);
  EXPECT_EQ(tally->parts[0].value, "paper");
  EXPECT_EQ(tally->parts[1].value, "tablet");
}

// An SMS or a kiosk asks some of the questions only: the others are missing from its answers but
// are not pages that did not come back, and the report does not count them as invalid.
TEST(ChannelTallyTest, ItemsAChannelDoesNotAskAreCountedApartFromMissingPages) {
  const Survey& survey = FindBuiltinSurvey("sipas-2022")->survey;
  const std::vector<Marks> respondents = {{{"Q9.1", "4"}}, {{"Q9.1", "5"}}};
  auto tally = TallyForms(survey, *BuiltinFormulaFor("sipas-2022"), VerifyResult{}, {}, "",
                          ImportFromChannel(survey, respondents));
  ASSERT_TRUE(tally.ok()) << tally.status().message();
  int multiple_choice = 0;
  const std::vector<AnswerItem> items = AnswerItems(survey);
  for (const ItemTally& t : tally->all.items) {
    const AnswerItem* item = nullptr;
    for (const AnswerItem& i : items) {
      if (i.code == t.item) item = &i;
    }
    ASSERT_NE(item, nullptr) << t.item;
    // The channel's map leaves out multiple-choice items (ImportFromChannel): never asked.
    if (item->kind == QuestionKind::kMulti) {
      ++multiple_choice;
      EXPECT_EQ(t.missing, 2) << t.item;
      EXPECT_EQ(t.not_asked, 2) << t.item;
    } else {
      EXPECT_EQ(t.not_asked, 0) << t.item;
    }
  }
  EXPECT_GT(multiple_choice, 0);
  // On paper nothing is "not asked".
  const VerifyResult paper = ReadFromPaper(survey, respondents);
  auto from_paper = TallyForms(survey, *BuiltinFormulaFor("sipas-2022"), paper, {}, "");
  ASSERT_TRUE(from_paper.ok());
  for (const ItemTally& t : from_paper->all.items) EXPECT_EQ(t.not_asked, 0) << t.item;
}

}  // namespace
}  // namespace phieu
