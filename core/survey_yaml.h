#pragma once
// Reads a survey definition from YAML (format: core/surveys/FORMAT.md). The only file that
// touches yaml-cpp is survey_yaml.cc.

#include <string_view>

#include "core/status.h"
#include "core/survey.h"

namespace phieu {

// Parses and checks `yaml_text`; `file_name` is used in messages. On success the survey's
// content_hash is set. On failure the status lists every problem found as "FILE:LINE: message"
// (YAML syntax, unknown or missing keys, duplicate codes, undefined groups or scales, too few
// options ...), e.g. "sipas.yaml:41: grid 'Q9' row 'Q9.15' has no text".
Result<Survey> ParseSurveyYaml(std::string_view yaml_text, std::string_view file_name);

}  // namespace phieu
