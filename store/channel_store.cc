#include "store/channel_store.h"

#include <map>
#include <unordered_map>

#include "core/error_list.h"
#include "core/text.h"
#include "store/event_append.h"
#include "store/sqlite.h"

namespace phieu {
namespace {

using store_internal::Access;
using store_internal::Guard;
using store_internal::Statement;

}  // namespace

Result<ChannelImportSummary> SaveChannelImport(Database& db, const ChannelImportInfo& info,
                                               const std::vector<ChannelResponse>& responses) {
  sqlite3* h = Access::Handle(db);
  ChannelImportSummary summary;
  summary.channel = info.channel;
  summary.responses = static_cast<int>(responses.size());
  PHIEU_RETURN_IF_ERROR(db.Transaction([&]() -> Status {
    Statement seen(h,
                   "SELECT id, channel, responses, imported_at FROM channel_import "
                   "WHERE file_sha256 = ?");
    seen.Bind(1, info.file_sha256);
    if (seen.Step()) {
      summary.already_imported = true;
      summary.import_id = seen.Int(0);
      summary.channel = seen.Text(1);
      summary.responses = static_cast<int>(seen.Int(2));
      summary.imported_at = seen.Text(3);
      return Status::Ok();
    }
    Statement period(h, "SELECT period FROM survey_period WHERE id = 1");
    const std::string now_period = period.Step() ? period.Text(0) : "";
    if (now_period != info.period) {
      return Status::Error(db.path() + ": the period is now " + now_period + ", not " +
                           info.period + ": import again");
    }
    // Ids the channel already has: a second answer under one id is a duplicate.
    ErrorList duplicates(info.file_name, 20);
    Statement known(h,
                    "SELECT i.file_name FROM channel_response r JOIN channel_import i "
                    "ON i.id = r.import_id WHERE r.channel = ? AND r.external_id = ?");
    for (const ChannelResponse& r : responses) {
      known.Bind(1, info.channel).Bind(2, r.external_id);
      if (known.Step()) {
        duplicates.Add(r.line, "external id '" + r.external_id + "' was already imported from " +
                                   known.Text(0));
      }
      known.Reset();
    }
    if (!duplicates.empty()) return duplicates.ToStatus();
    const std::string now = UtcTimestampNow();
    Statement add(h,
                  "INSERT INTO channel_import (channel, file_name, file_sha256, map_file, "
                  "map_sha256, responses, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    add.Bind(1, info.channel).Bind(2, info.file_name).Bind(3, info.file_sha256);
    add.Bind(4, info.map_file).Bind(5, info.map_sha256);
    add.Bind(6, static_cast<int>(responses.size())).Bind(7, now).Run();
    summary.import_id = sqlite3_last_insert_rowid(h);
    Statement response(h,
                       "INSERT INTO channel_response (import_id, channel, external_id, unit, "
                       "answered_on, line) VALUES (?, ?, ?, ?, ?, ?)");
    Statement answer(h, "INSERT INTO channel_answer VALUES (?, ?, ?)");
    for (const ChannelResponse& r : responses) {
      response.Bind(1, summary.import_id).Bind(2, info.channel).Bind(3, r.external_id);
      response.Bind(4, r.unit).Bind(5, r.answered_on).Bind(6, r.line).Run();
      response.Reset();
      const std::int64_t id = sqlite3_last_insert_rowid(h);
      for (const auto& [item, value] : r.answers) {
        answer.Bind(1, id).Bind(2, item).Bind(3, value).Run();
        answer.Reset();
      }
    }
    store_internal::AppendEvent(h, "import",
                                info.channel + " answers " + info.file_name + " (" +
                                    std::to_string(responses.size()) + ", map " + info.map_file +
                                    ")",
                                {{"channel_import", std::to_string(summary.import_id)}});
    return Status::Ok();
  }));
  return summary;
}

Result<std::vector<StoredChannelResponse>> LoadChannelResponses(Database& db) {
  return Guard([&]() -> Result<std::vector<StoredChannelResponse>> {
    sqlite3* h = Access::Handle(db);
    std::vector<StoredChannelResponse> list;
    std::unordered_map<std::int64_t, std::size_t> index_of;
    Statement s(h,
                "SELECT id, channel, external_id, unit, answered_on, line FROM channel_response "
                "ORDER BY channel, external_id");
    while (s.Step()) {
      index_of[s.Int(0)] = list.size();
      list.push_back({s.Text(1),
                      {s.Text(2), s.Text(3), s.Text(4), static_cast<int>(s.Int(5)), {}}});
    }
    Statement a(h, "SELECT response_id, item, value FROM channel_answer ORDER BY response_id, rowid");
    // Answers come grouped by response: one look-up per response, not per answer.
    std::int64_t last_id = -1;
    ChannelResponse* last = nullptr;
    while (a.Step()) {
      if (a.Int(0) != last_id) {
        last_id = a.Int(0);
        last = &list[index_of.at(last_id)].response;
      }
      last->answers.emplace_back(a.Text(1), a.Text(2));
    }
    return list;
  });
}

}  // namespace phieu
