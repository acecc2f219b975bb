#pragma once
// The tamper-evident record: every change of state (init, import, draw, replacement, issue,
// reprint, print, scan, decision, rescore, verify) appends an event to a hash chain inside the
// same transaction as the change. An event's hash covers the previous event's hash, the event's
// own fields and the digests of the records it wrote (store/record_digest.h), so editing a record,
// adding one behind phieu's back, or deleting, editing or reordering an event shows in
// VerifyLog(). Whoever can rewrite the whole file can rebuild a consistent chain: publish the head
// hash (it is printed by `phieu log verify` and in reports) to pin the record at that point.

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace phieu {

struct LogEvent {
  std::int64_t seq = 0;
  std::string at, kind, actor, summary;
  std::string records_hash, prev_hash, hash;
  int records = 0;  // how many records it wrote
};

// Every event in order.
Result<std::vector<LogEvent>> ListEvents(Database& db);

// The hash of the last event ("" when the log is empty): what a report prints so that anyone can
// later check the database it was made from.
Result<std::string> LogHead(Database& db);

struct LogCheck {
  std::int64_t events = 0;
  std::int64_t records = 0;      // records checked against their last event
  // Of those, records an audit bundle withheld (the form secret; with --redact, people's personal
  // data): emptied in the copy, so their content cannot be checked (store/bundle_copy.h).
  std::int64_t withheld = 0;
  std::string head;              // hash of the last event ("" when the log is empty)
  std::vector<std::string> problems;  // first the chain's, then the records'; empty = intact
  bool ok() const { return problems.empty(); }
};

// Replays the chain (every hash recomputed, every link followed) and checks every record in the
// database against the digest its last event recorded, and that no record is missing from the
// log. Fails only when the database cannot be read; what does not match is in `problems`.
Result<LogCheck> VerifyLog(Database& db);

}  // namespace phieu
