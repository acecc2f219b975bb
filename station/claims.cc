#include "station/claims.h"

namespace phieu {

bool ClaimTable::Take(const std::string& item, const std::string& who, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Claim& c = claims_[item];
  if (!c.holder.empty() && c.holder != who && c.until > now) return false;
  c = {who, now + claim_seconds_};
  return true;
}

std::optional<Claim> ClaimTable::Holder(const std::string& item, std::int64_t now) {
  std::lock_guard lock(mutex_);
  const auto it = claims_.find(item);
  if (it == claims_.end() || it->second.until <= now) return std::nullopt;
  return it->second;
}

bool ClaimTable::Holds(const std::string& item, const std::string& who, std::int64_t now) {
  const std::optional<Claim> c = Holder(item, now);
  return c && c->holder == who;
}

int ClaimTable::Running(std::int64_t now) {
  std::lock_guard lock(mutex_);
  int running = 0;
  for (const auto& [item, claim] : claims_) running += claim.until > now ? 1 : 0;
  return running;
}

void ClaimTable::Release(const std::string& item, const std::string& who) {
  std::lock_guard lock(mutex_);
  const auto it = claims_.find(item);
  if (it != claims_.end() && it->second.holder == who) claims_.erase(it);
}

}  // namespace phieu
