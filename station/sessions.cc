#include "station/sessions.h"

#include "station/password.h"

namespace phieu {

Session SessionTable::Start(const std::string& name, const std::string& role, std::int64_t now) {
  Session s{RandomToken(), RandomToken(), name, role, now};
  std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [&](const auto& entry) {
    return now - entry.second.last_seen > idle_seconds_;
  });
  sessions_[s.token] = s;
  return s;
}

std::optional<Session> SessionTable::Find(const std::string& token, std::int64_t now) {
  std::lock_guard lock(mutex_);
  const auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  if (now - it->second.last_seen > idle_seconds_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

void SessionTable::End(const std::string& token) {
  std::lock_guard lock(mutex_);
  sessions_.erase(token);
}

}  // namespace phieu
