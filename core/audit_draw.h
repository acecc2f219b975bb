#pragma once
// The auditors' re-check draw (`phieu audit draw`): which accepted forms are pulled from the paper
// and re-read. The same published ticket method as the sample draw (core/sample_draw.h), with the
// form code as the id:
//   ticket(code) = lowercase hex SHA-256 of SEED + "," + CODE;
//   the accepted forms (one stratum, or one per unit with --by unit) ordered by ticket ascending;
//   n = ceil(rate * number of accepted forms), at least 1 per stratum, allocated to strata in
//   proportion to their size (core/sample_draw.h AllocateProportionally); the first n_i of each
//   stratum are re-checked.
// Anyone with the list of accepted form codes and the seed can recompute it.

#include <string>
#include <vector>

#include "core/status.h"

namespace phieu {

// An accepted form that can be drawn.
struct AuditCandidate {
  std::string form_code, unit, collector;
};

struct AuditDrawOptions {
  std::string seed;   // published; required
  double rate = 0.10; // share of the accepted forms, in (0, 1]
  std::string by;     // "" = one stratum; "unit" or "collector" = one stratum each
};

struct AuditPick {
  std::string form_code, unit, collector;
  std::string stratum;  // "" when not stratified
  std::string ticket;
  int rank = 0;         // 1-based position in its stratum's ticket order
};

struct AuditStratum {
  std::string name;
  int forms = 0;     // accepted forms in it
  int selected = 0;
};

struct AuditDraw {
  std::string seed, method, by;
  double rate = 0;
  int candidates = 0;
  std::vector<AuditStratum> strata;  // name order
  std::vector<AuditPick> picks;      // by stratum (name order), then rank
};

// The method's name, stored with the draw.
inline constexpr const char* kAuditDrawMethod =
    "sha256-ticket-v1 over accepted form codes: sha256(SEED,CODE) ascending per stratum, "
    "n = ceil(rate x forms), proportional";

// `method` told in Vietnamese, for the printed audit documents: the known method explained in
// words, with its name; a method this version does not know (a draw stored by another) as stored.
std::string AuditDrawMethodText(const std::string& method);

// Draws from `candidates`. Fails with a clear message on an empty seed, a rate outside (0, 1],
// an unknown `by`, or no candidates.
Result<AuditDraw> DrawAudit(const std::vector<AuditCandidate>& candidates,
                            const AuditDrawOptions& options);

}  // namespace phieu
