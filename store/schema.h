#pragma once
// Private to store/: the versioned sections of store/schema.sql (embedded at build time).

#include <string_view>
#include <vector>

namespace phieu::store_internal {

struct SchemaSection {
  int version;           // the user_version a database has once this section has run
  std::string_view sql;  // the section's statements
};

// The sections of schema.sql in file order. Throws std::logic_error if the file is malformed
// (versions not 1, 2, 3 ... in order), which the test suite would catch.
const std::vector<SchemaSection>& SchemaSections();

}  // namespace phieu::store_internal
