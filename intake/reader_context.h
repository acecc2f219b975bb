#pragma once
// Everything the page readers (scanner/page_reader.h) need from a database, loaded once and shared
// read-only by the threads of `phieu scan` and by `phieu audit check`'s re-reading.

#include <map>
#include <string>
#include <vector>

#include "core/mark_decision.h"
#include "core/status.h"
#include "core/survey.h"
#include "scanner/page_reader.h"
#include "store/database.h"

namespace phieu {

struct ReaderContext {
  std::map<std::string, Layout> layouts;
  std::map<std::string, std::string> code_templates;
  std::string secret;
  bool check_tag = true;  // false: re-reading stored pages without the secret (audit check)
  MarkThresholds thresholds;
  std::vector<AnswerItem> items;

  // A reader over this context: one per thread.
  PageReader MakeReader() const;
};

// Loads the context of `db`. The secret is empty when the database withholds it (an audit
// bundle's copy); then readers must be made with check_tag false.
Result<ReaderContext> LoadReaderContext(Database& db);

}  // namespace phieu
