#pragma once
// The re-check as it stands in a database: its draw and the auditors' latest readings compared
// with the verification (audit/audit_compare.h). Shared by `phieu audit compare` and the report's
// re-check line.

#include <optional>
#include <vector>

#include "audit/audit_compare.h"
#include "core/status.h"
#include "core/survey.h"
#include "store/audit_store.h"
#include "store/database.h"
#include "verify/evaluate.h"

namespace phieu {

// The items an auditor reads: those with options (free-text boxes are never read), as in the
// answers export.
std::vector<AnswerItem> ReadableItems(const Survey& survey);

// The forms a re-check draw draws from, in verify's order: the accepted paper forms of sampled
// people (to re-read) and the issued forms of sampled people no page of which came back (for the
// delivery check: core/audit_draw.h). Channel answers and reserves are in neither.
struct AuditFrame {
  std::vector<AuditCandidate> accepted, unreturned;
};
AuditFrame AuditFrameOf(const VerifyResult& result);

struct AuditState {
  StoredAuditDraw draw;
  AuditComparison comparison;
};

// nullopt when nothing was drawn for re-checking yet. With `units`, only the drawn forms of those
// units are compared (a report limited to them).
Result<std::optional<AuditState>> LoadAuditState(Database& db, const Survey& survey,
                                                 const Evaluation& evaluation,
                                                 double min_agreement = 99.0,
                                                 const std::vector<std::string>& units = {});

}  // namespace phieu
