#pragma once
// Private to store/: the domain states (core/page_states.h, core/sample_rules.h ...) are stored
// as their names and read back through their parsers. A name the parser does not know was written
// by a newer phieu: it throws SqliteError naming the column, so no state is ever guessed.

#include <string>
#include <string_view>

#include "store/sqlite.h"

namespace phieu::store_internal {

// parse(text) -> std::optional<State>; returns the state or throws.
template <typename Parse>
auto StoredState(Parse parse, const std::string& text, std::string_view column) {
  const auto state = parse(text);
  if (!state) {
    throw SqliteError(std::string(column) + " holds '" + text +
                      "', which this phieu does not know: the database was written by a newer "
                      "phieu; use that version");
  }
  return *state;
}

}  // namespace phieu::store_internal
