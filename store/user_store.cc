#include "store/user_store.h"

#include "core/text.h"
#include "store/event_append.h"
#include "store/sqlite.h"

namespace phieu {

using store_internal::Access;
using store_internal::Guard;
using store_internal::Statement;

Result<StationUser> AddStationUser(Database& db, StationUser user) {
  if (user.role != "reviewer" && user.role != "supervisor") {
    return Status::Error("a role is 'reviewer' or 'supervisor', not '" + user.role + "'");
  }
  sqlite3* h = Access::Handle(db);
  user.added_at = UtcTimestampNow();
  bool taken = false;
  const Status status = db.Transaction([&] {
    Statement find(h, "SELECT 1 FROM station_user WHERE name = ?");
    find.Bind(1, user.name);
    if (find.Step()) {
      taken = true;
      return Status::Ok();
    }
    Statement s(h, "INSERT INTO station_user (name, role, password_hash, added_at) "
                   "VALUES (?, ?, ?, ?)");
    s.Bind(1, user.name).Bind(2, user.role).Bind(3, user.password_hash).Bind(4, user.added_at);
    s.Run();
    store_internal::AppendEvent(h, "user", user.name + " may sign in as " + user.role, {});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (taken) {
    return Status::Error("a person named '" + user.name +
                         "' can already sign in; choose another name");
  }
  return user;
}

Result<std::optional<StationUser>> FindStationUser(Database& db, const std::string& name) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::optional<StationUser>> {
    Statement s(h, "SELECT name, role, password_hash, added_at FROM station_user WHERE name = ?");
    s.Bind(1, name);
    if (!s.Step()) return std::optional<StationUser>();
    return std::optional<StationUser>(StationUser{s.Text(0), s.Text(1), s.Text(2), s.Text(3)});
  });
}

}  // namespace phieu
