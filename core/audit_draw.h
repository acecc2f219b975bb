#pragma once
// The auditors' re-check draw (`phieu audit draw`): which accepted forms are pulled from the paper
// and re-read, and which forms that never came back are checked for delivery. The same published
// ticket method as the sample draw (core/sample_draw.h), with the form code as the id:
//   ticket(code) = lowercase hex SHA-256 of SEED + "," + CODE;
//   the accepted forms (one stratum, or one per unit with --by unit) ordered by ticket ascending;
//   n = ceil(rate * number of accepted forms), at least 1 per stratum, allocated to strata in
//   proportion to their size (core/sample_draw.h AllocateProportionally); the first n_i of each
//   stratum are re-checked.
// The delivery check repeats exactly this, apart, over the issued forms that never came back
// (verify's not_returned) with its own share `unreturned_rate` (0 = no delivery check): at least 1
// per stratum that has such forms. The two lists never mix: a form is either returned or not.
// Anyone with the two lists of form codes and the seed can recompute both.

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
  std::string by;     // "" = one stratum; "unit" or "collector" = one stratum each (both lists)
  double unreturned_rate = 0.10;  // share of the unreturned forms, in [0, 1]; 0 = no delivery check
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

// The delivery check's part of a draw: issued forms that never came back, whose person is asked
// whether they received the form. A draw stored before the delivery check existed has rate 0 and
// nothing in it.
struct DeliveryDraw {
  double rate = 0;     // share of the unreturned forms; 0 = no delivery check
  int candidates = 0;  // unreturned forms it drew from
  std::vector<AuditStratum> strata;  // name order; only strata that have unreturned forms
  std::vector<AuditPick> picks;      // by stratum (name order), then rank
};

struct AuditDraw {
  std::string seed, method, by;
  double rate = 0;
  int candidates = 0;
  std::vector<AuditStratum> strata;  // name order
  std::vector<AuditPick> picks;      // the forms to re-read: by stratum (name order), then rank
  DeliveryDraw delivery;             // the unreturned forms to check delivery of
};

// The method's name, stored with the draw.
inline constexpr const char* kAuditDrawMethod =
    "sha256-ticket-v2 over form codes: sha256(SEED,CODE) ascending per stratum, proportional; "
    "re-read: accepted forms, n = ceil(rate x forms); delivery check, apart: issued forms not "
    "returned, n = ceil(unreturned_rate x forms), none when 0";
// The name stored by draws made before the delivery check (accepted forms only).
inline constexpr const char* kAuditDrawMethodV1 =
    "sha256-ticket-v1 over accepted form codes: sha256(SEED,CODE) ascending per stratum, "
    "n = ceil(rate x forms), proportional";

// `method` told in Vietnamese, for the printed audit documents: the known method explained in
// words, with its name; a method this version does not know (a draw stored by another) as stored.
std::string AuditDrawMethodText(const std::string& method);

// Draws the forms to re-read from `candidates` (the accepted forms) and, unless
// `options.unreturned_rate` is 0, the delivery check from `unreturned` (issued forms never
// returned; none is fine). Fails with a clear message on an empty seed, a rate outside (0, 1], an
// unreturned rate outside [0, 1], an unknown `by`, no candidates, or a code in both lists.
Result<AuditDraw> DrawAudit(const std::vector<AuditCandidate>& candidates,
                            const AuditDrawOptions& options,
                            const std::vector<AuditCandidate>& unreturned = {});

}  // namespace phieu
