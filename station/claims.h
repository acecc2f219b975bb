#pragma once
// Which reviewer is looking at which item: an item shown to a person is claimed by them for a few
// minutes, so that two people never decide it at the same time. A claim ends when its holder
// decides or releases the item, or when its time runs out. Kept in memory; thread-safe. Times are
// given by the caller (seconds), so tests need no clock.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace phieu {

struct Claim {
  std::string holder;
  std::int64_t until = 0;  // seconds
};

class ClaimTable {
 public:
  explicit ClaimTable(std::int64_t claim_seconds) : claim_seconds_(claim_seconds) {}

  // Claims `item` for `who` until now + the claim time (renewing their own claim). Returns false,
  // changing nothing, when someone else's claim on it is still running.
  bool Take(const std::string& item, const std::string& who, std::int64_t now);

  // The running claim on `item`, if any.
  std::optional<Claim> Holder(const std::string& item, std::int64_t now);

  // True when `who` holds a running claim on `item`.
  bool Holds(const std::string& item, const std::string& who, std::int64_t now);

  // Ends `who`'s claim on `item` (nothing when they hold none).
  void Release(const std::string& item, const std::string& who);

  // How many claims are running at `now`.
  int Running(std::int64_t now);

  std::int64_t claim_seconds() const { return claim_seconds_; }

 private:
  std::int64_t claim_seconds_;
  std::mutex mutex_;
  std::map<std::string, Claim> claims_;
};

}  // namespace phieu
