#pragma once
// Who is signed in to the review station: a session per sign-in, named by a random token kept in
// an HttpOnly cookie, with its own CSRF token that every change must carry. Kept in memory:
// restarting `phieu serve` signs everyone out. Thread-safe.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace phieu {

struct Session {
  std::string token;  // the cookie's value
  std::string csrf;   // what changes must send in the X-CSRF-Token header
  std::string name, role;
  std::int64_t last_seen = 0;  // seconds
};

class SessionTable {
 public:
  // Sessions idle for `idle_seconds` end.
  explicit SessionTable(std::int64_t idle_seconds) : idle_seconds_(idle_seconds) {}

  // A new session for `name` at time `now` (seconds).
  Session Start(const std::string& name, const std::string& role, std::int64_t now);

  // The session named by `token`, if it exists and was seen within the idle time; marks it seen.
  std::optional<Session> Find(const std::string& token, std::int64_t now);

  // Ends the session named by `token` (nothing when there is none).
  void End(const std::string& token);

 private:
  std::int64_t idle_seconds_;
  std::mutex mutex_;
  std::map<std::string, Session> sessions_;
};

}  // namespace phieu
