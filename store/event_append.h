#pragma once
// Private to store/: appending to the tamper-evident log (store/event_log.h). Every store function
// that changes state calls AppendEvent inside its own transaction, after writing its records.

#include <sqlite3.h>

#include <string_view>
#include <vector>

#include "store/record_digest.h"

namespace phieu::store_internal {

// Appends one event of `kind` that wrote `records` (digested now). Throws SqliteError.
void AppendEvent(sqlite3* db, std::string_view kind, std::string_view summary,
                 const std::vector<RecordRef>& records);

// Appends an event only for those of `records` whose digest differs from the one their last
// event recorded (or that no event recorded yet). Returns how many it recorded.
int AppendEventForChanged(sqlite3* db, std::string_view kind, std::string_view summary,
                          const std::vector<RecordRef>& records);

// After an upgrade from a schema without the log: one event recording every record that exists.
void AppendBaselineEvent(sqlite3* db);

// After an upgrade from schema 4, whose log digested people's records whole: one event recording
// the public part of every person's record (record_digest.h "sample_member_public").
void AppendPublicPartsEvent(sqlite3* db);

}  // namespace phieu::store_internal
