#include "verify/unit_summary.h"

namespace phieu {

std::vector<UnitSummary> SummariseByUnit(const VerifyResult& result) {
  std::map<std::string, UnitSummary> units;
  UnitSummary total;
  for (const FormResult& f : result.forms) {
    const std::string unit = f.sample_id.empty() ? kNotIssuedUnit : f.unit;
    for (UnitSummary* s : {&units[unit], &total}) {
      if (f.in_sample) {
        ++s->issued;
        if (f.verdict != Verdict::kNotReturned) ++s->returned;
      }
      switch (f.verdict) {
        case Verdict::kAccepted: ++s->accepted; break;
        case Verdict::kNeedsReview: ++s->needs_review; break;
        case Verdict::kRejected:
          ++s->rejected;
          for (Reason reason : f.reasons) {
            if (ReasonRejects(reason)) ++s->rejected_by[reason];
          }
          break;
        case Verdict::kNotReturned: break;
      }
    }
  }
  std::vector<UnitSummary> rows;
  for (auto& [unit, summary] : units) {
    summary.unit = unit;
    rows.push_back(std::move(summary));
  }
  rows.push_back(std::move(total));
  return rows;
}

}  // namespace phieu
