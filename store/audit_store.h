#pragma once
// What the auditors' re-check stores: the draw of forms to re-read (core/audit_draw.h) and what
// the auditors recorded for each. Both are logged (store/event_log.h) in the transaction that
// writes them.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_draw.h"
#include "core/status.h"
#include "store/database.h"

namespace phieu {

// Stores `draw` as the database's audit draw. Fails, changing nothing, when a draw is already
// stored (the message names its seed and date).
Status SaveAuditDraw(Database& db, const AuditDraw& draw);

// The stored audit draw (drawn_at in `drawn_at`), or nullopt when there is none.
struct StoredAuditDraw {
  AuditDraw draw;
  std::string drawn_at;
};
Result<std::optional<StoredAuditDraw>> LoadAuditDraw(Database& db);

// One form as an auditor recorded it.
struct AuditRecord {
  std::int64_t id = 0;
  std::string form_code;
  std::string outcome;                        // audit/audit_reading.h ContactOutcomeCode()
  std::map<std::string, std::string> cells;   // item code -> cell
  std::string recorded_by, source_file, source_sha256, recorded_at;
};

// Stores `records` (one auditor's file) in one transaction and one log event; ids and
// recorded_at are set here.
Status SaveAuditRecords(Database& db, std::vector<AuditRecord>& records);

// The latest record of every form, in form code order.
Result<std::vector<AuditRecord>> LoadLatestAuditRecords(Database& db);

}  // namespace phieu
