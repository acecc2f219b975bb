#include <gtest/gtest.h>

#include "core/builtin_surveys.h"
#include "reports/index_formula.h"

namespace phieu {
namespace {

TEST(FormulaYamlTest, EveryBuiltinFormulaParsesAndNamesBuiltinSurveys) {
  ASSERT_EQ(BuiltinFormulas().size(), 3u);
  for (const IndexFormula& f : BuiltinFormulas()) {
    EXPECT_EQ(f.fingerprint.size(), 64u) << f.name;
    for (const std::string& survey : f.surveys) {
      EXPECT_NE(FindBuiltinSurvey(survey), nullptr) << f.name << " names " << survey;
    }
  }
  EXPECT_EQ(BuiltinFormulaFor("sipas-2022")->name, "sipas");
  EXPECT_EQ(BuiltinFormulaFor("sipas-2022")->satisfied, (std::vector<std::string>{"4", "5"}));
  EXPECT_EQ(BuiltinFormulaFor("hanoi-2014")->respondent, RespondentRule::kAllSatisfied);
  EXPECT_EQ(BuiltinFormulaFor("mscore")->score, IndexScore::kMean);
  EXPECT_EQ(BuiltinFormulaFor("no-such-survey"), nullptr);
}

TEST(FormulaYamlTest, EveryBuiltinSurveyHasAFormula) {
  for (const BuiltinSurvey& s : BuiltinSurveys()) {
    EXPECT_NE(BuiltinFormulaFor(s.name), nullptr) << s.name;
  }
}

TEST(FormulaYamlTest, ProblemsAreReportedWithTheirLines) {
  const auto f = ParseIndexFormula(
      "name: x\nversion: \"1\"\ntitle: X\nsurveys: [s]\nscore: ratio\ncombine: mean\n"
      "weights: 3\n",
      "x.yaml");
  ASSERT_FALSE(f.ok());
  const std::string m = f.status().message();
  EXPECT_NE(m.find("x.yaml:5: 'score' is one of share, mean, not 'ratio'"), std::string::npos) << m;
  EXPECT_NE(m.find("x.yaml:7: unknown key 'weights' in the formula"), std::string::npos) << m;
}

TEST(FormulaYamlTest, AShareNeedsTheOptionsThatCountAsSatisfied) {
  const auto f =
      ParseIndexFormula("name: x\nversion: \"1\"\ntitle: X\nsurveys: [s]\nscore: share\n", "x.yaml");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("x.yaml:5: score 'share' needs 'satisfied'"),
            std::string::npos)
      << f.status().message();
}

TEST(FormulaYamlTest, TheFingerprintChangesWithTheText) {
  const std::string text = "name: x\nversion: \"1\"\ntitle: X\nsurveys: [s]\nscore: mean\n";
  const auto a = ParseIndexFormula(text, "a.yaml");
  const auto b = ParseIndexFormula(text + "# a comment\n", "b.yaml");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->fingerprint, b->fingerprint);
}

}  // namespace
}  // namespace phieu
