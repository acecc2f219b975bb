// phieu init: create a survey database.

#include <filesystem>
#include <optional>

#include "cli/commands.h"
#include "core/builtin_surveys.h"
#include "core/file.h"
#include "core/period.h"
#include "core/survey_yaml.h"
#include "store/database.h"
#include "store/period_store.h"

namespace phieu {

Status RunInit(const std::string& db_flag, const std::string& survey_arg, std::ostream& out,
               const std::string& period_arg) {
  std::optional<Period> period;
  if (!period_arg.empty()) {
    auto parsed = ParsePeriod(period_arg);
    if (!parsed.ok()) return Status::UsageError("--period " + parsed.status().message());
    period = std::move(parsed).value();
  }
  StoredSurvey stored;
  Survey survey;
  if (const BuiltinSurvey* builtin = FindBuiltinSurvey(survey_arg)) {
    survey = builtin->survey;
    stored.definition_yaml = builtin->yaml_text;
    stored.source = "builtin:" + builtin->name;
  } else if (survey_arg.ends_with(".yaml") || survey_arg.ends_with(".yml") ||
             std::filesystem::exists(survey_arg)) {
    Result<std::string> text = ReadFile(survey_arg);
    if (!text.ok()) return text.status();
    Result<Survey> parsed = ParseSurveyYaml(*text, survey_arg);
    if (!parsed.ok()) return parsed.status();
    survey = std::move(parsed).value();
    stored.definition_yaml = std::move(text).value();
    stored.source = survey_arg;
  } else {
    return Status::Error("no built-in survey or file called '" + survey_arg +
                         "'; see 'phieu surveys list'");
  }
  stored.name = survey.name;
  stored.version = survey.version;
  stored.content_hash = survey.content_hash;

  const std::string path = ResolveDatabasePath(db_flag);
  Result<std::unique_ptr<Database>> db = Database::Create(path, stored);
  if (!db.ok()) return db.status();
  if (period) PHIEU_RETURN_IF_ERROR(SetPeriod(**db, *period));
  out << "Created " << path << " for survey " << survey.name << " " << survey.version
      << " (content hash " << survey.content_hash.substr(0, 16) << "...)"
      << (period ? ", period " + period->text + " (" + period->Range() + ")" : "") << "\n";
  return Status::Ok();
}

}  // namespace phieu
