// Fuzz target: the survey definition reader (core/survey_yaml.h ParseSurveyYaml), and the answer
// items of every survey it accepts.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/survey_yaml.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace phieu;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Result<Survey> survey = ParseSurveyYaml(text, "fuzz.yaml");
  if (survey.ok()) (void)AnswerItems(*survey);
  return 0;
}
