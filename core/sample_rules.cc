#include "core/sample_rules.h"

#include <algorithm>

namespace phieu {

std::string_view MemberStatusName(MemberStatus status) {
  switch (status) {
    case MemberStatus::kSampled: return "sampled";
    case MemberStatus::kReserve: return "reserve";
    case MemberStatus::kReplaced: return "replaced";
  }
  return "?";
}

std::optional<MemberStatus> ParseMemberStatus(std::string_view name) {
  for (MemberStatus status :
       {MemberStatus::kSampled, MemberStatus::kReserve, MemberStatus::kReplaced}) {
    if (MemberStatusName(status) == name) return status;
  }
  return std::nullopt;
}

std::string_view DrawRoleName(DrawRole role) {
  return role == DrawRole::kSampled ? "sampled" : "reserve";
}

bool IsSameDraw(const DrawInfo& stored, const DrawInfo& again) {
  return stored.seed == again.seed && stored.method == again.method &&
         stored.frame_sha256 == again.frame_sha256 && stored.stratify_by == again.stratify_by &&
         stored.size_rule == again.size_rule && stored.reserves == again.reserves;
}

ImportRuling RuleOnImport(const SampleRecord& incoming,
                          const std::optional<ExistingMember>& existing) {
  if (!existing) return {ImportOutcome::kAdd, ""};
  const std::string who = "id '" + incoming.id + "' is already in the sample ";
  switch (existing->status) {
    case MemberStatus::kReserve:
      return {ImportOutcome::kRefused,
              who + "as an unused reserve; use 'phieu sample replace' instead"};
    case MemberStatus::kReplaced:
      return {ImportOutcome::kRefused, who + "as a replaced person and cannot be added again"};
    case MemberStatus::kSampled: break;
  }
  if (existing->record == incoming) return {ImportOutcome::kUnchanged, ""};
  return {ImportOutcome::kRefused, who + "with different data"};
}

const std::vector<std::string>& ReplacementReasons() {
  static const std::vector<std::string> reasons = {"moved", "deceased", "absent", "refused",
                                                   "wrong-address"};
  return reasons;
}

Status CheckReplacementReason(const std::string& reason) {
  const auto& reasons = ReplacementReasons();
  if (std::find(reasons.begin(), reasons.end(), reason) != reasons.end()) return Status::Ok();
  std::string names;
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    names += (i == 0 ? "" : i + 1 == reasons.size() ? " or " : ", ") + reasons[i];
  }
  return Status::Error("unknown reason '" + reason + "'; use " + names);
}

Status CheckReplaceable(const std::string& id, const std::optional<ExistingMember>& member,
                        const std::string& replaced_by, const std::string& replaced_on) {
  if (!member) return Status::Error("'" + id + "' is not in the sample");
  switch (member->status) {
    case MemberStatus::kReplaced: {
      std::string message = "'" + id + "' was already replaced";
      if (!replaced_by.empty()) message += " by '" + replaced_by + "'";
      if (!replaced_on.empty()) message += " on " + replaced_on;
      return Status::Error(message);
    }
    case MemberStatus::kReserve:
      return Status::Error("'" + id + "' is an unused reserve, not a sampled person");
    case MemberStatus::kSampled: break;
  }
  if (!member->drawn) {
    return Status::Error("'" + id +
                         "' came from an imported list, which has no reserves to replace it");
  }
  return Status::Ok();
}

Result<std::string> NextReserve(const std::string& stratum, const std::string& replaced_id,
                                const std::vector<StratumEntry>& entries) {
  const StratumEntry* next = nullptr;
  for (const StratumEntry& entry : entries) {
    if (entry.status != MemberStatus::kReserve) continue;
    if (next == nullptr || entry.rank < next->rank) next = &entry;
  }
  if (next == nullptr) {
    return Status::Error("no reserve left in stratum '" + stratum + "' to replace '" +
                         replaced_id + "'; every reserve drawn for it is in use");
  }
  return std::string(next->id);
}

}  // namespace phieu
