#pragma once
// The people who may sign in to the review station (`phieu users add`, `phieu serve`): a name, a
// role and a password hash made elsewhere (station/password.h). Adding one is logged as an event
// that names the person and role; the hash is never logged nor copied into an audit bundle.

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace phieu {

struct StationUser {
  std::string name;
  std::string role;           // "reviewer" | "supervisor"
  std::string password_hash;  // an argon2id string
  std::string added_at;
};

// Stores `user` (added_at is set here). Fails, storing nothing, when the name is taken ("a person
// named 'An' can already sign in; choose another name") or the role is neither reviewer nor
// supervisor.
Result<StationUser> AddStationUser(Database& db, StationUser user);

// The person called `name`, or nullopt.
Result<std::optional<StationUser>> FindStationUser(Database& db, const std::string& name);

}  // namespace phieu
