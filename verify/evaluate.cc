#include "verify/evaluate.h"

#include "core/survey_yaml.h"
#include "store/channel_store.h"
#include "store/scan_store.h"
#include "verify/channel_forms.h"

namespace phieu {

Result<Evaluation> EvaluateDatabase(Database& db, const DateWindow& window) {
  Evaluation e;
  // Loaded as one view: a scan storing pages meanwhile is seen wholly or not at all (a page
  // without its scores would read as blank).
  PHIEU_RETURN_IF_ERROR(db.Snapshot([&]() -> Status {
    auto forms = ListForms(db, {});
    if (!forms.ok()) return forms.status();
    e.input.forms = std::move(forms).value();
    auto pages = LoadIdentifiedPages(db);
    if (!pages.ok()) return pages.status();
    e.input.pages = std::move(pages).value();
    auto decisions = ListDecisions(db);
    if (!decisions.ok()) return decisions.status();
    e.input.decisions = std::move(decisions).value();
    auto thresholds = LoadMarkThresholds(db);
    if (!thresholds.ok()) return thresholds.status();
    e.input.thresholds = *thresholds;
    if (window.empty()) {
      auto last = LastVerifyWindow(db);
      if (!last.ok()) return last.status();
      auto parsed = ParseDateWindow(*last);
      if (!parsed.ok()) return parsed.status();
      e.input.window = *parsed;
    } else {
      e.input.window = window;
    }
    auto responses = LoadChannelResponses(db);
    if (!responses.ok()) return responses.status();
    if (!responses->empty()) {
      auto stored = db.Survey();
      if (!stored.ok()) return stored.status();
      auto survey = ParseSurveyYaml(stored->definition_yaml, db.path() + " (survey)");
      if (!survey.ok()) return survey.status();
      e.channel_forms = ChannelForms(AnswerItems(*survey), *responses);
    }
    auto layouts = TemplateLayouts(db);
    if (!layouts.ok()) return layouts.status();
    for (const auto& [id, ignored] : *layouts) {
      auto stored = LoadTemplate(db, id);
      if (!stored.ok()) return stored.status();
      auto items = ReadTemplateItems(**stored);
      if (!items.ok()) return items.status().WithContext(db.path());
      e.input.templates[id] = std::move(items).value();
    }
    return Status::Ok();
  }));
  e.result = Verify(e.input);
  return e;
}

}  // namespace phieu
