#include "review/review_progress.h"

#include <map>

namespace phieu {

ReviewProgress ProgressOf(const Evaluation& e, const std::string& since) {
  ReviewProgress p;
  p.waiting = static_cast<int>(e.result.review.size());
  std::map<std::string, ReviewerProgress> by_name;
  for (const Decision& d : e.input.decisions) {
    ReviewerProgress& r = by_name[d.decided_by];
    r.name = d.decided_by;
    ++r.decisions;
    if (d.decided_at >= since) ++r.recent;
    if (d.decided_at > r.last_at) r.last_at = d.decided_at;
    ++p.decisions;
  }
  for (auto& [name, r] : by_name) p.reviewers.push_back(std::move(r));
  return p;
}

}  // namespace phieu
