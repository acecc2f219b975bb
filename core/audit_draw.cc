#include "core/audit_draw.h"

#include <cmath>
#include <set>

#include "core/sample_draw.h"

namespace phieu {

Result<AuditDraw> DrawAudit(const std::vector<AuditCandidate>& candidates,
                            const AuditDrawOptions& options) {
  if (options.seed.empty()) return Status::Error("the seed is empty; publish a seed and pass --seed");
  if (!(options.rate > 0 && options.rate <= 1)) {
    return Status::Error("--rate must be above 0 and at most 1 (e.g. 0.10 for a tenth)");
  }
  if (!options.by.empty() && options.by != "unit" && options.by != "collector") {
    return Status::Error("--by is 'unit' or 'collector', not '" + options.by + "'");
  }
  if (candidates.empty()) {
    return Status::Error("no form is accepted yet: run 'phieu verify' after scanning, then draw");
  }
  // The sample draw's method with the form code as the id.
  std::vector<SampleRecord> frame;
  std::set<std::string> strata;
  for (const AuditCandidate& c : candidates) {
    SampleRecord r;
    r.id = c.form_code;
    r.unit = c.unit;
    r.collector = c.collector;
    frame.push_back(std::move(r));
    strata.insert(options.by == "unit" ? c.unit : options.by == "collector" ? c.collector : "");
  }
  const int n = static_cast<int>(candidates.size());
  int total = static_cast<int>(std::ceil(options.rate * n - 1e-9));
  total = std::max(total, static_cast<int>(strata.size()));  // at least one per stratum
  DrawOptions draw;
  draw.seed = options.seed;
  draw.size = total;
  draw.stratify_by = options.by;
  auto drawn = DrawSample(frame, draw);
  if (!drawn.ok()) return drawn.status();

  AuditDraw result;
  result.seed = options.seed;
  result.method = kAuditDrawMethod;
  result.by = options.by;
  result.rate = options.rate;
  result.candidates = n;
  for (const StratumSummary& s : drawn->strata) {
    result.strata.push_back({s.stratum, s.frame_size, s.sampled});
  }
  for (const DrawnRecord& d : drawn->drawn) {
    if (d.role != DrawRole::kSampled) continue;
    result.picks.push_back(
        {d.record.id, d.record.unit, d.record.collector, d.stratum, d.ticket, d.rank});
  }
  return result;
}

std::string AuditDrawMethodText(const std::string& method) {
  if (method != kAuditDrawMethod) return method;
  return "mỗi phiếu hợp lệ có một số thăm là mã SHA-256 của \"hạt giống,mã phiếu\"; trong mỗi "
         "nhóm, phiếu được xếp theo số thăm tăng dần và rút từ đầu danh sách; số phiếu rút bằng "
         "tỷ lệ rút nhân số phiếu hợp lệ, làm tròn lên, chia cho các nhóm theo tỷ lệ số phiếu của "
         "nhóm, mỗi nhóm ít nhất 1 phiếu (mã phương pháp: sha256-ticket-v1)";
}

}  // namespace phieu
