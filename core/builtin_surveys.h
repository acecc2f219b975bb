#pragma once
// The survey definitions compiled into the binary (core/surveys/*.yaml): sipas-2022, sipas-2017,
// hanoi-2014, mscore.

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/survey.h"

namespace phieu {

struct BuiltinSurvey {
  std::string name;       // e.g. "sipas-2022"
  std::string yaml_text;  // the definition as shipped, comments included
  Survey survey;          // parsed
};

// Every built-in survey, parsed, in name order. A built-in that does not parse is a bug (the test
// suite parses them all), so this throws std::logic_error rather than returning a Status.
const std::vector<BuiltinSurvey>& BuiltinSurveys();

// The built-in survey called `name`, or nullptr.
const BuiltinSurvey* FindBuiltinSurvey(std::string_view name);

}  // namespace phieu
