#include "verify/template_items.h"

#include <utility>

#include "core/layout_json.h"
#include "core/survey_yaml.h"

namespace phieu {

Result<TemplateItems> ReadTemplateItems(const StoredTemplate& stored) {
  auto survey = ParseSurveyYaml(stored.definition_yaml, "template " + stored.id);
  if (!survey.ok()) return survey.status();
  auto layout = LayoutFromJson(stored.layout_json, "template " + stored.id);
  if (!layout.ok()) return layout.status();
  TemplateItems t;
  t.pages = static_cast<int>(layout->layout.pages.size());
  for (const LayoutPage& page : layout->layout.pages) {
    for (const LayoutBubble& b : page.bubbles) t.item_page.emplace(b.question, page.number);
  }
  for (AnswerItem& item : AnswerItems(*survey)) {
    if (t.item_page.contains(item.code)) t.items.push_back(std::move(item));
  }
  return t;
}

}  // namespace phieu
