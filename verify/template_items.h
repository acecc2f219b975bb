#pragma once
// What verification needs to know of a stored template: its bubble items in printed order and the
// page each is on, read from the survey definition and the layout stored with it.

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/survey.h"
#include "store/form_store.h"

namespace phieu {

// What verification needs to know of a template.
struct TemplateItems {
  std::vector<AnswerItem> items;          // bubble items in printed order (free text excluded)
  std::map<std::string, int> item_page;   // item code -> page number
  int pages = 0;
};
Result<TemplateItems> ReadTemplateItems(const StoredTemplate& stored);

}  // namespace phieu
