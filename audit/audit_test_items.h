#pragma once
// The answer items the audit tests read and compare: Q1 single (1-4), Q2 multi (1-4), grid Q9
// with rows Q9.1 and Q9.2 on a 1-5 scale.

#include <string>
#include <vector>

#include "core/survey.h"

namespace phieu::audit_test {

inline std::vector<Option> Options(const std::vector<std::string>& codes) {
  std::vector<Option> options;
  for (const std::string& code : codes) options.push_back({code, "label " + code});
  return options;
}

inline std::vector<AnswerItem> Items() {
  return {
      {"Q1", "Q1", QuestionKind::kSingle, "Giới tính", "", Options({"1", "2", "3", "4"})},
      {"Q2", "Q2", QuestionKind::kMulti, "Kênh thông tin", "", Options({"1", "2", "3", "4"})},
      {"Q9.1", "Q9", QuestionKind::kGrid, "Thái độ", "B1", Options({"1", "2", "3", "4", "5"})},
      {"Q9.2", "Q9", QuestionKind::kGrid, "Thời gian", "B1", Options({"1", "2", "3", "4", "5"})},
  };
}

}  // namespace phieu::audit_test
