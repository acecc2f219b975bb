// phieu rescore: re-decide every mark from the stored scores with new thresholds, without
// rescanning. People's decisions are kept: they are applied on top of whatever the machine reads.

#include "cli/commands.h"
#include "core/text.h"
#include "store/scan_store.h"
#include "verify/evaluate.h"

namespace phieu {
namespace {

struct ReadingCounts {
  int answers = 0, review = 0, decided = 0;
};

ReadingCounts Count(const VerifyResult& result) {
  ReadingCounts c;
  for (const FormResult& f : result.forms) {
    for (const Answer& a : f.answers) {
      if (a.state == AnswerState::kMissing) continue;
      ++c.answers;
      if (a.state == AnswerState::kReview) ++c.review;
      if (!a.decided_by.empty()) ++c.decided;
    }
  }
  return c;
}

// How many answers read differently (state or options) between two runs over the same forms.
int Changed(const VerifyResult& before, const VerifyResult& after) {
  int changed = 0;
  for (std::size_t i = 0; i < before.forms.size() && i < after.forms.size(); ++i) {
    const auto& a = before.forms[i].answers;
    const auto& b = after.forms[i].answers;
    for (std::size_t j = 0; j < a.size() && j < b.size(); ++j) {
      if (a[j].state != b[j].state || a[j].options != b[j].options) ++changed;
    }
  }
  return changed;
}

}  // namespace

Status RunRescore(const RescoreArgs& args, std::ostream& out) {
  auto db = Database::Open(ResolveDatabasePath(args.db));
  if (!db.ok()) return db.status();
  auto before = EvaluateDatabase(**db);
  if (!before.ok()) return before.status();
  MarkThresholds t = before->input.thresholds;
  if (args.filled) t.solid_coverage = *args.filled;
  if (args.empty) t.blank_coverage = *args.empty;
  if (!(t.blank_coverage > 0 && t.blank_coverage < t.solid_coverage && t.solid_coverage <= 1)) {
    return Status::Error("thresholds must satisfy 0 < --empty < --filled <= 1 (now empty " +
                         FixedText(t.blank_coverage, 2) + ", filled " +
                         FixedText(t.solid_coverage, 2) + ")");
  }
  PHIEU_RETURN_IF_ERROR(SaveMarkThresholds(**db, t,
                                           "filled from " + FixedText(t.solid_coverage, 2) +
                                               ", empty below " + FixedText(t.blank_coverage, 2)));
  auto after = EvaluateDatabase(**db);
  if (!after.ok()) return after.status();
  const ReadingCounts b = Count(before->result), a = Count(after->result);
  out << "Thresholds: filled from " << FixedText(t.solid_coverage, 2) << " (was "
      << FixedText(before->input.thresholds.solid_coverage, 2) << "), empty below "
      << FixedText(t.blank_coverage, 2) << " (was "
      << FixedText(before->input.thresholds.blank_coverage, 2) << ").\n"
      << "Re-decided " << a.answers
      << " answers from the stored scores: " << Changed(before->result, after->result)
      << " read differently; " << a.review << " wait for a person (was " << b.review << "); "
      << a.decided << " people's decisions kept.\n"
      << "Run 'phieu verify' to update the stored verdicts.\n";
  return Status::Ok();
}

}  // namespace phieu
