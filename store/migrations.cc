#include "store/migrations.h"

namespace phieu::store_internal {

const std::vector<Migration>& Migrations() {
  // Version 1 is the first schema: nothing to migrate from yet. When schema.sql changes, bump
  // kSchemaVersion and add {N, "ALTER TABLE ...;"} here so that existing databases follow.
  static const std::vector<Migration> migrations = {};
  return migrations;
}

}  // namespace phieu::store_internal
