#include "station/users.h"

#include "core/text.h"
#include "station/password.h"

namespace phieu {

Result<StationUser> AddUser(Database& db, const std::string& name, const std::string& role,
                            const std::string& password) {
  const std::string trimmed(Trim(name));
  if (trimmed.empty()) return Status::Error("a person needs a name");
  if (password.size() < kMinPasswordLength) {
    return Status::Error("the password is too short: at least " +
                         std::to_string(kMinPasswordLength) + " characters");
  }
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  return AddStationUser(db, {trimmed, role, *hash, ""});
}

Result<std::optional<StationUser>> CheckSignIn(Database& db, const std::string& name,
                                               const std::string& password) {
  auto user = FindStationUser(db, std::string(Trim(name)));
  if (!user.ok()) return user.status();
  if (!user->has_value()) {
    // As long as a real check, so a wrong name is not told from a wrong password by the time.
    static const Result<std::string> kDummy = HashPassword("phieu-no-such-person");
    if (kDummy.ok()) PasswordMatches(*kDummy, password);
    return std::optional<StationUser>();
  }
  if (!PasswordMatches((*user)->password_hash, password)) return std::optional<StationUser>();
  return user;
}

}  // namespace phieu
