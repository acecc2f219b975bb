#pragma once
// Test data for reports/: a small survey with a two-level tree and forms given as answer cells.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/survey_yaml.h"
#include "verify/verdict.h"

namespace phieu::report_test {

// Two blocks: B1 with elements E1 (Q.1, Q.2) and E2 (Q.3); B2 with Q.4 directly. A1 is outside
// the index.
inline constexpr const char* kSurvey = R"yaml(
name: t
version: "1"
title: [T]
scales:
  s5:
    - {code: "1", label: a}
    - {code: "2", label: b}
    - {code: "3", label: c}
    - {code: "4", label: d}
    - {code: "5", label: e}
groups:
  - code: B1
    title: Block 1
    level: block
    groups:
      - {code: E1, title: Element 1, level: element}
      - {code: E2, title: Element 2, level: element}
  - {code: B2, title: Block 2, level: block}
sections:
  - code: S
    title: S
    questions:
      - code: A1
        kind: single
        text: Sex
        options:
          - {code: "1", label: m}
          - {code: "2", label: f}
      - code: Q
        kind: grid
        text: Q
        scale: s5
        rows:
          - {code: Q.1, text: r1, group: E1}
          - {code: Q.2, text: r2, group: E1}
          - {code: Q.3, text: r3, group: E2}
          - {code: Q.4, text: r4, group: B2}
)yaml";

inline const Survey& TestSurvey() {
  static const Survey survey = [] {
    auto s = ParseSurveyYaml(kSurvey, "t.yaml");
    EXPECT_TRUE(s.ok()) << s.status().message();
    return *s;
  }();
  return survey;
}

// An answer cell: "5" answered, "" blank, "*" several marks, "?" waiting for review.
inline Answer Cell(const std::string& item, const std::string& cell) {
  Answer a;
  a.item = item;
  if (cell.empty()) a.state = AnswerState::kBlank;
  else if (cell == "*") a.state = AnswerState::kMultiple;
  else if (cell == "?") a.state = AnswerState::kReview;
  else a.state = AnswerState::kAnswered, a.options = {cell};
  return a;
}

inline FormResult Form(const std::string& a1, const std::vector<std::string>& q) {
  FormResult f;
  f.verdict = Verdict::kAccepted;
  f.answers.push_back(Cell("A1", a1));
  for (std::size_t i = 0; i < q.size(); ++i) f.answers.push_back(Cell("Q." + std::to_string(i + 1), q[i]));
  return f;
}

}  // namespace phieu::report_test
