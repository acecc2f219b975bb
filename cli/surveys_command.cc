// phieu surveys list | show NAME: the built-in survey definitions.

#include <iostream>

#include "cli/commands.h"
#include "core/builtin_surveys.h"
#include "core/text.h"

namespace phieu {
namespace {

Status RunSurveysList(std::ostream& out) {
  out << PadRight("NAME", 12) << PadRight("VERSION", 9) << PadRight("ITEMS", 7)
      << PadRight("HASH", 14) << "TITLE\n";
  for (const BuiltinSurvey& b : BuiltinSurveys()) {
    const std::string title =
        b.survey.title_lines.empty() ? "" : b.survey.title_lines.back();
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

}  // namespace

void AddSurveysCommand(CLI::App& app, Action& action) {
  CLI::App* group = app.add_subcommand("surveys", "The built-in survey definitions");
  group->add_subcommand("list", "List the built-in surveys")->callback([&action] {
    action = [] { return RunSurveysList(std::cout); };
  });
  auto name = std::make_shared<std::string>();
  CLI::App* show =
      group->add_subcommand("show", "Print a built-in survey as YAML (copy it to make your own)");
  show->add_option("NAME", *name, "Survey name")->required();
  show->callback([name, &action] { action = [name] { return RunSurveysShow(*name, std::cout); }; });
}

}  // namespace phieu
