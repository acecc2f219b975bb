#include "intake/reader_context.h"

#include <optional>

#include "core/layout_json.h"
#include "core/survey_yaml.h"
#include "store/scan_store.h"

namespace phieu {

PageReader ReaderContext::MakeReader() const {
  return PageReader(
      [this](const std::string& id) -> const Layout* {
        const auto found = layouts.find(id);
        return found == layouts.end() ? nullptr : &found->second;
      },
      [this](const std::string& code) -> std::optional<std::string> {
        const auto found = code_templates.find(code);
        if (found == code_templates.end()) return std::nullopt;
        return found->second;
      },
      {secret, {}, check_tag});
}

Result<ReaderContext> LoadReaderContext(Database& db) {
  ReaderContext ctx;
  Result<std::map<std::string, std::string>> layouts = TemplateLayouts(db);
  if (!layouts.ok()) return layouts.status();
  for (const auto& [id, json] : *layouts) {
    Result<ParsedLayout> parsed = LayoutFromJson(json, "template " + id);
    if (!parsed.ok()) return parsed.status();
    ctx.layouts.emplace(id, std::move(parsed->layout));
  }
  Result<std::map<std::string, std::string>> codes = FormCodeTemplates(db);
  if (!codes.ok()) return codes.status();
  ctx.code_templates = std::move(codes).value();
  Result<std::string> secret = db.Meta("form_secret");
  if (!secret.ok()) return secret.status();
  ctx.secret = *secret;
  Result<MarkThresholds> thresholds = LoadMarkThresholds(db);
  if (!thresholds.ok()) return thresholds.status();
  ctx.thresholds = *thresholds;
  Result<StoredSurvey> survey = db.Survey();
  if (!survey.ok()) return survey.status();
  Result<Survey> parsed = ParseSurveyYaml(survey->definition_yaml, "survey " + survey->name);
  if (!parsed.ok()) return parsed.status();
  ctx.items = AnswerItems(*parsed);
  return ctx;
}

}  // namespace phieu
