#pragma once
// Private to store/: the steps that bring an older database up to kSchemaVersion.

#include <string_view>
#include <vector>

namespace phieu::store_internal {

struct Migration {
  int to_version;        // user_version after this step
  std::string_view sql;  // statements run inside the upgrade transaction
};

// In ascending to_version order. Migration k takes a database from version k-1 to k; a new
// database skips them all (it is created from schema.sql at kSchemaVersion).
const std::vector<Migration>& Migrations();

}  // namespace phieu::store_internal
