#pragma once
// Passwords and secrets of the review station: the only code that uses libsodium.

#include <string>

#include "core/status.h"

namespace phieu {

// An argon2id hash of `password` in libsodium's string form ("$argon2id$v=19$m=...", salt
// included), at libsodium's interactive cost (about 64 MB and a fraction of a second). Fails when
// libsodium cannot start or the memory cannot be had.
Result<std::string> HashPassword(const std::string& password);

// True when `password` is the one `hash` (HashPassword's) was made from; false for anything else,
// a malformed hash included. Takes as long as HashPassword.
bool PasswordMatches(const std::string& hash, const std::string& password);

// 32 random bytes from the system's generator, as 64 lowercase hex digits: session and CSRF
// tokens.
std::string RandomToken();

// True when `a` and `b` are equal, taking the same time wherever they first differ.
bool TokensEqual(const std::string& a, const std::string& b);

}  // namespace phieu
