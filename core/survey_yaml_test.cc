#include "core/survey_yaml.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

constexpr const char* kSmallSurvey = R"(name: test-survey
version: "1"
description: not printed
title: [PHIẾU KHẢO SÁT]
scales:
  sat:
    - {code: "1", label: Không hài lòng}
    - {code: "2", label: Hài lòng}
groups:
  - code: B
    title: Khối
    level: block
    groups:
      - code: B.1
        title: Yếu tố
        level: element
sections:
  - code: A
    title: Phần A
    questions:
      - code: A1
        kind: single
        text: "Giới tính:"
        options:
          - {code: "1", label: Nam}
          - {code: "2", label: Nữ}
          - {code: "3", label: Khác, other_text: true}
      - code: G
        kind: grid
        text: Mức độ hài lòng
        scale: sat
        group: B.1
        rows:
          - {code: G.1, text: Thái độ}
          - {code: G.2, text: Thời gian, group: B}
      - {code: S, kind: scale, text: Điểm, min: 0, max: 10}
      - {code: Y, kind: yesno, text: Có không}
      - {code: T, kind: text, text: Ý kiến khác, lines: 4}
)";

TEST(SurveyYamlTest, ParsesEveryQuestionKind) {
  const auto survey = ParseSurveyYaml(kSmallSurvey, "t.yaml");
  ASSERT_TRUE(survey.ok()) << survey.status().message();
  EXPECT_EQ(survey->name, "test-survey");
  ASSERT_EQ(survey->sections.size(), 1u);
  const auto& q = survey->sections[0].questions;
  ASSERT_EQ(q.size(), 5u);
  EXPECT_EQ(q[0].kind, QuestionKind::kSingle);
  EXPECT_TRUE(q[0].options[2].other_text);
  EXPECT_EQ(q[1].kind, QuestionKind::kGrid);
  EXPECT_EQ(q[1].options.size(), 2u);
  EXPECT_EQ(q[2].options.size(), 11u);
  EXPECT_EQ(q[2].options.front().code, "0");
  EXPECT_EQ(q[3].options[0].label, "Có");
  EXPECT_EQ(q[4].lines, 4);
  ASSERT_EQ(survey->groups.size(), 2u);
  EXPECT_EQ(survey->groups[1].parent, "B");
}

TEST(SurveyYamlTest, AnswerItemsFlattenGridRowsWithTheirGroups) {
  const auto survey = ParseSurveyYaml(kSmallSurvey, "t.yaml");
  ASSERT_TRUE(survey.ok());
  const auto items = AnswerItems(*survey);
  std::vector<std::string> codes;
  for (const auto& item : items) codes.push_back(item.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"A1", "G.1", "G.2", "S", "Y", "T"}));
  EXPECT_EQ(items[1].group, "B.1");  // inherited from the question
  EXPECT_EQ(items[2].group, "B");    // its own
  EXPECT_EQ(items[1].question, "G");
}

TEST(SurveyYamlTest, HashIgnoresCommentsAndDescriptionButNotPrintedText) {
  const auto base = ParseSurveyYaml(kSmallSurvey, "t.yaml");
  std::string commented = std::string("# a comment\n") + kSmallSurvey;
  commented.replace(commented.find("not printed"), 11, "other words");
  std::string reworded = kSmallSurvey;
  reworded.replace(reworded.find("Thái độ"), std::string("Thái độ").size(), "Thái độ phục vụ");
  const auto same = ParseSurveyYaml(commented, "t.yaml");
  const auto changed = ParseSurveyYaml(reworded, "t.yaml");
  ASSERT_TRUE(base.ok() && same.ok() && changed.ok());
  EXPECT_EQ(base->content_hash.size(), 64u);
  EXPECT_EQ(base->content_hash, same->content_hash);
  EXPECT_NE(base->content_hash, changed->content_hash);
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(SurveyYamlTest, DraftQuestionsAndRowsAreListedInPrintedOrderAndNotHashed) {
  const auto base = ParseSurveyYaml(kSmallSurvey, "t.yaml");
  ASSERT_TRUE(base.ok());
  EXPECT_TRUE(DraftItems(*base).empty());
  std::string marked = Replace(kSmallSurvey, "{code: G.2, text: Thời gian, group: B}",
                               "{code: G.2, text: Thời gian, group: B, draft: true}");
  marked = Replace(marked, "{code: Y, kind: yesno, text: Có không}",
                   "{code: Y, kind: yesno, text: Có không, draft: true}");
  const auto draft = ParseSurveyYaml(marked, "t.yaml");
  ASSERT_TRUE(draft.ok()) << draft.status().message();
  EXPECT_EQ(DraftItems(*draft), (std::vector<std::string>{"G.2", "Y"}));
  // Marking an item draft does not make another template of forms already issued.
  EXPECT_EQ(draft->content_hash, base->content_hash);

  // A draft grid is named once, not row by row.
  const auto grid = ParseSurveyYaml(
      Replace(kSmallSurvey, "        scale: sat\n", "        scale: sat\n        draft: true\n"),
      "t.yaml");
  ASSERT_TRUE(grid.ok()) << grid.status().message();
  EXPECT_EQ(DraftItems(*grid), (std::vector<std::string>{"G"}));

  const auto bad = ParseSurveyYaml(
      Replace(kSmallSurvey, "{code: G.1, text: Thái độ}", "{code: G.1, text: Thái độ, draft: 2}"),
      "t.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("draft"), std::string::npos) << bad.status().message();
}

struct BadSurvey {
  std::string yaml;
  std::string message;
};

TEST(SurveyYamlTest, ProblemsNameTheFileAndLine) {
  const std::string s = kSmallSurvey;
  const std::vector<BadSurvey> cases = {
      {Replace(s, "{code: G.1, text: Thái độ}", "{code: G.1}"),
       "sipas.yaml:34: grid 'G' row 'G.1' has no text"},
      {Replace(s, "kind: single", "kind: choice"),
       "sipas.yaml:22: question 'A1' has kind 'choice'; expected one of single, multi, grid, "
       "scale, yesno, text"},
      {Replace(s, "        options:\n          - {code: \"1\", label: Nam}",
               "        optons:\n          - {code: \"1\", label: Nam}"),
       "sipas.yaml:24: unknown key 'optons' in single 'A1'\nsipas.yaml:21: single 'A1' has no "
       "'options'"},
      {Replace(s, "code: G.2", "code: A1"),
       "sipas.yaml:35: row code 'A1' is used twice (first on line 21)"},
      {Replace(s, "group: B.1", "group: B.9"),
       "sipas.yaml:32: grid 'G' names group 'B.9', which is not defined in 'groups'"},
      {Replace(s, "scale: sat", "scale: sat5"),
       "sipas.yaml:31: grid 'G' uses scale 'sat5', which is not defined in 'scales'"},
      {Replace(s, "version: \"1\"\n", ""), "sipas.yaml:1: the survey has no 'version'"},
      {Replace(s, "lines: 4", "lines: 40"), "sipas.yaml:38: text 'T' needs 1 to 20 'lines' (has 40)"},
      {Replace(s, "text: \"Giới tính:\"", "text: Giới tính: x"),
       "sipas.yaml:23: YAML syntax error: illegal map value"},
      {Replace(s, "          - {code: \"2\", label: Nữ}\n          - {code: \"3\", label: Khác, "
                  "other_text: true}\n",
               ""),
       "sipas.yaml:25: single 'A1' needs at least 2 options"},
      {Replace(s, "name: test-survey", "name: Test Survey"),
       "sipas.yaml:1: survey name 'Test Survey' may use only lowercase letters, digits and '-'"},
      // yaml-cpp itself stops at 500 levels with "bad file".
      {"name: " + std::string(5000, '[') + std::string(5000, ']') + "\n",
       "sipas.yaml:1: YAML nested too deeply (500 levels of lists or mappings or more; a survey "
       "needs fewer than 10)"},
  };
  for (const BadSurvey& c : cases) {
    const auto survey = ParseSurveyYaml(c.yaml, "sipas.yaml");
    ASSERT_FALSE(survey.ok()) << c.message;
    EXPECT_EQ(survey.status().message(), c.message);
  }
}

TEST(SurveyYamlTest, ANonMappingDocumentIsRefused) {
  const auto survey = ParseSurveyYaml("- just\n- a list\n", "x.yaml");
  ASSERT_FALSE(survey.ok());
  EXPECT_EQ(survey.status().message(),
            "x.yaml:1: a survey definition must be a mapping with 'name', 'version', 'title' and "
            "'sections'");
}

}  // namespace
}  // namespace phieu
