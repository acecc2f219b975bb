#pragma once
// The rules that keep a sample honest once it is stored: who an imported list may add, when a
// second draw is the same draw, who may be replaced and by which reserve. Pure functions over the
// sample's states; store/sample_store.cc loads the states, applies these rules inside one
// transaction and writes what they decide.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sample_draw.h"
#include "core/sample_list.h"
#include "core/status.h"

namespace phieu {

// Where a member of the sample stands. A replaced member stays in the sample's history.
enum class MemberStatus { kSampled, kReserve, kReplaced };
std::string_view MemberStatusName(MemberStatus status);  // "sampled", "reserve", "replaced"
// The status named by MemberStatusName; nullopt for any other text.
std::optional<MemberStatus> ParseMemberStatus(std::string_view name);
std::string_view DrawRoleName(DrawRole role);  // "sampled", "reserve"

// What identifies a draw, beside its result.
struct DrawInfo {
  std::string seed;
  std::string method;  // kDrawMethod
  std::string frame_file;
  std::string frame_sha256;
  int frame_records = 0;
  std::string stratify_by;
  std::string size_rule;
  int reserves = 0;
};

// Whether `again` repeats `stored`: the same seed, method, frame content, stratification, size
// rule and reserves (the frame's file name may differ). A database holds one draw: repeating it
// changes nothing, any other draw is refused.
bool IsSameDraw(const DrawInfo& stored, const DrawInfo& again);

// A member already in the sample, as the rules need to see it.
struct ExistingMember {
  SampleRecord record;
  MemberStatus status = MemberStatus::kSampled;
  bool drawn = false;   // came from a draw here (has a stratum and reserves), not an import
  std::string stratum;  // for drawn members
};

// What importing one record does.
enum class ImportOutcome {
  kAdd,        // a new person: added
  kUnchanged,  // already sampled with exactly this data: nothing to do
  kRefused,    // would change or hide someone: the whole import is refused
};
struct ImportRuling {
  ImportOutcome outcome = ImportOutcome::kAdd;
  std::string reason;  // for kRefused: why, naming the id and what to do instead
};

// Rules on importing `incoming` when `existing` holds the member with the same id (nullopt: none).
// Importing must not silently change a person's data, leave a reserve out of the replacement
// order, or bring back someone who was replaced.
ImportRuling RuleOnImport(const SampleRecord& incoming, const std::optional<ExistingMember>& existing);

// The reasons a sampled person may be replaced, and the check that `reason` is one of them.
const std::vector<std::string>& ReplacementReasons();
Status CheckReplacementReason(const std::string& reason);

// Whether member `id` (nullopt: not in the sample) may be replaced: only a sampled person who was
// drawn here, since only a draw has reserves. For a member already replaced the error names
// `replaced_by`/`replaced_on` when given.
Status CheckReplaceable(const std::string& id, const std::optional<ExistingMember>& member,
                        const std::string& replaced_by = "", const std::string& replaced_on = "");

// One drawn member of a stratum, as the choice of a reserve sees it.
struct StratumEntry {
  std::string id;
  int rank = 0;
  MemberStatus status = MemberStatus::kReserve;
};

// The reserve that replaces a person of `stratum`: the unused reserve with the lowest rank in
// the stratum's ticket order. Fails naming the stratum and `replaced_id` when none is left.
Result<std::string> NextReserve(const std::string& stratum, const std::string& replaced_id,
                                const std::vector<StratumEntry>& entries);

}  // namespace phieu
