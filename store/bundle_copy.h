#pragma once
// The database copy inside an audit bundle (`phieu audit export`). The form secret (the key of
// every QR integrity tag) never leaves the working database: the copy's is emptied; nor do the
// review station's accounts and their password hashes. With
// `redact_personal`, people's names, addresses, phones, the values of extra sample columns and
// the text typed from write-in boxes are emptied too (ids, units, collectors, procedures and dates stay: the report needs them). Every
// emptied record is listed in the copy's `redaction` table, so that VerifyLog() counts it as
// withheld rather than altered; nothing else can be withheld. Emptied text is overwritten in the
// file, not just unlinked (secure_delete, then VACUUM).

#include <string>

#include "core/status.h"
#include "store/database.h"

namespace phieu {

struct BundleCopySummary {
  int withheld = 0;   // records listed as withheld
};

// Writes the copy of `db` to `path`, which must not exist. On failure no file is left at `path`.
Result<BundleCopySummary> WriteBundleCopy(Database& db, const std::string& path,
                                          bool redact_personal);

}  // namespace phieu
