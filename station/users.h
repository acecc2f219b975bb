#pragma once
// The people of the review station: adding one with a password (`phieu users add`), and checking a
// sign-in (`phieu serve`). Passwords are kept only as argon2id hashes (station/password.h).

#include <optional>
#include <string>

#include "core/status.h"
#include "store/database.h"
#include "store/user_store.h"

namespace phieu {

inline constexpr std::size_t kMinPasswordLength = 8;

// Adds `name` with `role` ("reviewer" or "supervisor") and `password`. Fails, storing nothing,
// when the name is empty or taken, the role unknown, or the password shorter than
// kMinPasswordLength characters.
Result<StationUser> AddUser(Database& db, const std::string& name, const std::string& role,
                            const std::string& password);

// The person when `name` and `password` match an account; nullopt when they do not (the same
// answer whether the name or the password is wrong). Fails only when the database cannot be read.
Result<std::optional<StationUser>> CheckSignIn(Database& db, const std::string& name,
                                               const std::string& password);

}  // namespace phieu
