// phieu surveys list | show NAME: the built-in survey definitions.

#include "cli/commands.h"
#include "core/builtin_surveys.h"
#include "core/text.h"

namespace phieu {

Status RunSurveysList(std::ostream& out) {
  out << PadRight("NAME", 12) << PadRight("VERSION", 9) << PadRight("ITEMS", 7)
      << PadRight("HASH", 14) << "TITLE\n";
  for (const BuiltinSurvey& b : BuiltinSurveys()) {
    const std::string title = b.survey.title_lines.empty() ? "" : b.survey.title_lines.back();
    out << PadRight(b.name, 12) << PadRight(b.survey.version, 9)
        << PadRight(std::to_string(AnswerItems(b.survey).size()), 7)
        << PadRight(b.survey.content_hash.substr(0, 12), 14) << title << "\n";
  }
  return Status::Ok();
}

Status RunSurveysShow(const std::string& name, std::ostream& out) {
  const BuiltinSurvey* builtin = FindBuiltinSurvey(name);
  if (builtin == nullptr) {
    return Status::Error("no built-in survey called '" + name + "'; see 'phieu surveys list'");
  }
  out << builtin->yaml_text;
  return Status::Ok();
}

}  // namespace phieu
