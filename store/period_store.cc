#include "store/period_store.h"

#include "core/text.h"
#include "store/event_append.h"
#include "store/sqlite.h"

namespace phieu {
namespace {

using store_internal::Access;
using store_internal::Guard;
using store_internal::Statement;

std::int64_t CountOf(sqlite3* h, const char* sql) {
  Statement s(h, sql);
  return s.Step() ? s.Int(0) : 0;
}

std::string Plural(std::int64_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

Status SetPeriod(Database& db, const Period& period) {
  sqlite3* h = Access::Handle(db);
  return db.Transaction([&]() -> Status {
    Statement current(h, "SELECT period FROM survey_period WHERE id = 1");
    const bool has = current.Step();
    const std::string was = has ? current.Text(0) : "";
    if (has && was == period.text) return Status::Ok();
    const std::int64_t pages = CountOf(h, "SELECT count(*) FROM scan_page");
    const std::int64_t files = CountOf(h, "SELECT count(*) FROM channel_import");
    if (pages > 0 || files > 0) {
      std::string done;
      if (pages > 0) done = Plural(pages, "page has", "pages have") + " been scanned";
      if (files > 0) {
        done += (done.empty() ? Plural(files, "channel file has", "channel files have") + " been"
                              : " and " + Plural(files, "channel file", "channel files")) +
                " imported";
      }
      return Status::Error(db.path() + ": the period is " + (has ? was : "not set") +
                           " and cannot change: " + done +
                           " in it; start a new database for another period");
    }
    Statement set(h,
                  "INSERT INTO survey_period VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                  "SET period = excluded.period, first_day = excluded.first_day, "
                  "last_day = excluded.last_day, set_at = excluded.set_at");
    set.Bind(1, period.text).Bind(2, period.first_day).Bind(3, period.last_day);
    set.Bind(4, UtcTimestampNow()).Run();
    store_internal::AppendEvent(
        h, "period",
        "period " + period.text + " (" + period.Range() + ")" + (has ? ", was " + was : ""),
        {{"survey_period", "1"}});
    return Status::Ok();
  });
}

Result<std::optional<Period>> LoadPeriod(Database& db) {
  return Guard([&]() -> Result<std::optional<Period>> {
    Statement s(Access::Handle(db), "SELECT period FROM survey_period WHERE id = 1");
    if (!s.Step()) return std::optional<Period>();
    auto period = ParsePeriod(s.Text(0));
    if (!period.ok()) return period.status().WithContext(db.path());
    return std::optional<Period>(std::move(period).value());
  });
}

}  // namespace phieu
