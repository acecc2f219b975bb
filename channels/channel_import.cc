#include "channels/channel_import.h"

#include <algorithm>

#include "channels/channel_map.h"
#include "channels/channel_rows.h"
#include "core/crypto.h"
#include "core/file.h"
#include "core/survey_yaml.h"
#include "core/text.h"
#include "store/period_store.h"
#include "store/sample_store.h"

namespace phieu {

Result<ChannelImportSummary> ImportChannelFile(Database& db, const ChannelImportRequest& request) {
  const auto& names = ChannelNames();
  if (std::find(names.begin(), names.end(), request.channel) == names.end()) {
    return Status::UsageError("--channel '" + request.channel + "' is not one of " +
                              Join(names, ", "));
  }
  const std::string lower = AsciiLower(request.file);
  if (lower.ends_with(".xlsx") || lower.ends_with(".xls")) {
    return Status::Error(request.file +
                         ": spreadsheet files cannot be read here (Debian 12 has no library that "
                         "reads XLSX); save it as CSV UTF-8, e.g. 'xlsx2csv " + request.file +
                         " > answers.csv' (Debian package xlsx2csv), and import that");
  }
  auto text = ReadFile(request.file);
  if (!text.ok()) return text.status();
  auto map_text = ReadFile(request.map_file);
  if (!map_text.ok()) return map_text.status();
  auto stored = db.Survey();
  if (!stored.ok()) return stored.status();
  auto survey = ParseSurveyYaml(stored->definition_yaml, db.path() + " (survey)");
  if (!survey.ok()) return survey.status();
  auto map = ParseChannelMap(*map_text, request.map_file, *survey);
  if (!map.ok()) return map.status();
  if (!map->channel.empty() && map->channel != request.channel) {
    return Status::Error(request.map_file + ": the map is for channel '" + map->channel +
                         "', not '" + request.channel + "'");
  }
  auto period = LoadPeriod(db);
  if (!period.ok()) return period.status();
  if (!*period) {
    return Status::Error(db.path() +
                         " has no period: set it first with 'phieu period set 2026-Q3' (a year, "
                         "a quarter or a month): channel answers must be dated inside it");
  }
  auto members = ListSample(db, {"", true});
  if (!members.ok()) return members.status();
  ChannelRowRules rules{{}, **period};
  for (const SampleMember& m : *members) rules.units.insert(m.record.unit);
  auto rows = ReadChannelRows(*text, request.file, *map, rules);
  if (!rows.ok()) return rows.status();
  const ChannelImportInfo info{request.channel, request.file,     Sha256Hex(*text),
                               request.map_file, Sha256Hex(*map_text), (*period)->text};
  return SaveChannelImport(db, info, *rows);
}

}  // namespace phieu
