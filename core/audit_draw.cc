#include "core/audit_draw.h"

#include <cmath>
#include <set>

#include "core/sample_draw.h"

namespace phieu {
namespace {

struct DrawnList {
  std::vector<AuditStratum> strata;
  std::vector<AuditPick> picks;
};

// The ticket draw over one list of form codes (the re-read's or the delivery check's): the sample
// draw's method with the form code as the id, n = ceil(rate x forms), at least 1 per stratum.
Result<DrawnList> DrawList(const std::vector<AuditCandidate>& candidates, const std::string& seed,
                           double rate, const std::string& by) {
  std::vector<SampleRecord> frame;
  std::set<std::string> strata;
  for (const AuditCandidate& c : candidates) {
    SampleRecord r;
    r.id = c.form_code;
    r.unit = c.unit;
    r.collector = c.collector;
    frame.push_back(std::move(r));
    strata.insert(by == "unit" ? c.unit : by == "collector" ? c.collector : "");
  }
  const int n = static_cast<int>(candidates.size());
  int total = static_cast<int>(std::ceil(rate * n - 1e-9));
  total = std::max(total, static_cast<int>(strata.size()));  // at least one per stratum
  DrawOptions draw;
  draw.seed = seed;
  draw.size = total;
  draw.stratify_by = by;
  auto drawn = DrawSample(frame, draw);
  if (!drawn.ok()) return drawn.status();
  DrawnList list;
  for (const StratumSummary& s : drawn->strata) {
    list.strata.push_back({s.stratum, s.frame_size, s.sampled});
  }
  for (const DrawnRecord& d : drawn->drawn) {
    if (d.role != DrawRole::kSampled) continue;
    list.picks.push_back(
        {d.record.id, d.record.unit, d.record.collector, d.stratum, d.ticket, d.rank});
  }
  return list;
}

}  // namespace

Result<AuditDraw> DrawAudit(const std::vector<AuditCandidate>& candidates,
                            const AuditDrawOptions& options,
                            const std::vector<AuditCandidate>& unreturned) {
  if (options.seed.empty()) return Status::Error("the seed is empty; publish a seed and pass --seed");
  if (!(options.rate > 0 && options.rate <= 1)) {
    return Status::Error("--rate must be above 0 and at most 1 (e.g. 0.10 for a tenth)");
  }
  if (!(options.unreturned_rate >= 0 && options.unreturned_rate <= 1)) {
    return Status::Error(
        "--unreturned-rate must be at least 0 and at most 1 (0 turns the delivery check off)");
  }
  if (!options.by.empty() && options.by != "unit" && options.by != "collector") {
    return Status::Error("--by is 'unit' or 'collector', not '" + options.by + "'");
  }
  if (candidates.empty()) {
    return Status::Error("no form is accepted yet: run 'phieu verify' after scanning, then draw");
  }
  std::set<std::string> accepted;
  for (const AuditCandidate& c : candidates) accepted.insert(c.form_code);
  for (const AuditCandidate& c : unreturned) {
    if (accepted.contains(c.form_code)) {
      return Status::Error("form " + c.form_code + " is both accepted and not returned");
    }
  }
  auto reread = DrawList(candidates, options.seed, options.rate, options.by);
  if (!reread.ok()) return reread.status();

  AuditDraw result;
  result.seed = options.seed;
  result.method = kAuditDrawMethod;
  result.by = options.by;
  result.rate = options.rate;
  result.candidates = static_cast<int>(candidates.size());
  result.strata = std::move(reread->strata);
  result.picks = std::move(reread->picks);
  result.delivery.rate = options.unreturned_rate;
  if (options.unreturned_rate > 0 && !unreturned.empty()) {
    auto delivery = DrawList(unreturned, options.seed, options.unreturned_rate, options.by);
    if (!delivery.ok()) return delivery.status();
    result.delivery.candidates = static_cast<int>(unreturned.size());
    result.delivery.strata = std::move(delivery->strata);
    result.delivery.picks = std::move(delivery->picks);
  }
  return result;
}

std::string AuditDrawMethodText(const std::string& method) {
  constexpr const char* kReread =
      "mỗi phiếu có một số thăm là mã SHA-256 của \"hạt giống,mã phiếu\"; trong mỗi nhóm, phiếu "
      "được xếp theo số thăm tăng dần và rút từ đầu danh sách; số phiếu rút bằng tỷ lệ rút nhân "
      "số phiếu, làm tròn lên, chia cho các nhóm theo tỷ lệ số phiếu của nhóm, mỗi nhóm ít nhất 1 "
      "phiếu";
  if (method == kAuditDrawMethodV1) {
    return "mỗi phiếu hợp lệ có một số thăm là mã SHA-256 của \"hạt giống,mã phiếu\"; trong mỗi "
           "nhóm, phiếu được xếp theo số thăm tăng dần và rút từ đầu danh sách; số phiếu rút bằng "
           "tỷ lệ rút nhân số phiếu hợp lệ, làm tròn lên, chia cho các nhóm theo tỷ lệ số phiếu "
           "của nhóm, mỗi nhóm ít nhất 1 phiếu (mã phương pháp: sha256-ticket-v1)";
  }
  if (method == kAuditDrawMethod) {
    return std::string(kReread) +
           "; cách rút này áp dụng riêng cho hai danh sách: phiếu hợp lệ để đọc lại (theo tỷ lệ "
           "rút) và phiếu đã phát nhưng chưa thu về để kiểm tra việc phát phiếu (theo tỷ lệ rút "
           "phiếu chưa thu về; tỷ lệ 0 là không kiểm tra), cùng một hạt giống (mã phương pháp: "
           "sha256-ticket-v2)";
  }
  return method;
}

}  // namespace phieu
