#include "core/builtin_surveys.h"

#include <algorithm>
#include <span>
#include <stdexcept>

#include "core/embedded.h"
#include "core/survey_yaml.h"

namespace phieu {

// Generated from core/surveys/*.yaml by cmake/embed.cmake.
std::span<const EmbeddedFile> EmbeddedSurveyFiles();

const std::vector<BuiltinSurvey>& BuiltinSurveys() {
  static const std::vector<BuiltinSurvey> surveys = [] {
    std::vector<BuiltinSurvey> list;
    for (const EmbeddedFile& file : EmbeddedSurveyFiles()) {
      Result<Survey> parsed = ParseSurveyYaml(file.text, file.name);
      if (!parsed.ok()) {
        throw std::logic_error("built-in survey does not parse: " + parsed.status().message());
      }
      list.push_back({parsed->name, std::string(file.text), std::move(parsed).value()});
    }
    std::sort(list.begin(), list.end(),
              [](const BuiltinSurvey& a, const BuiltinSurvey& b) { return a.name < b.name; });
    return list;
  }();
  return surveys;
}

const BuiltinSurvey* FindBuiltinSurvey(std::string_view name) {
  for (const BuiltinSurvey& builtin : BuiltinSurveys()) {
    if (builtin.name == name) return &builtin;
  }
  return nullptr;
}

}  // namespace phieu
