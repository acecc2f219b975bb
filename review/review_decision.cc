#include "review/review_decision.h"

#include <algorithm>
#include <vector>

#include "core/text.h"
#include "review/review_item.h"
#include "verify/evaluate.h"

namespace phieu {
namespace {

// Checks VALUE for `item`: "blank", "invalid", or option codes joined by ';' (one code unless the
// question takes several).
Status CheckMarkValue(const AnswerItem& item, const std::string& value) {
  if (value == "blank" || value == "invalid") return Status::Ok();
  std::vector<std::string> codes;
  for (const Option& o : item.options) codes.push_back(o.code);
  const std::vector<std::string> given = Split(value, ';');
  for (const std::string& code : given) {
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
      return Status::Error("'" + code + "' is not an option of " + item.code +
                           " (options: " + Join(codes, ", ") + "; or blank, invalid)");
    }
  }
  if (given.size() > 1 && item.kind != QuestionKind::kMulti) {
    return Status::Error(item.code +
                         " takes one answer; give one option code, or 'invalid' if "
                         "the respondent marked several");
  }
  return Status::Ok();
}

// What the machine read of the whole form `f`, when `value` may be decided on it.
Result<std::string> CheckFormDecision(const FormResult& f, const std::string& value) {
  if (value != "accept" && value != "reject") {
    return Status::Error("a whole form is decided with 'accept' or 'reject', not '" + value + "'");
  }
  bool overridable = false, fixed = false;
  for (Reason r : f.reasons) {
    overridable = overridable || r == Reason::kIncomplete || r == Reason::kDuplicateConflict;
    fixed = fixed || (ReasonRejects(r) && r != Reason::kIncomplete && r != Reason::kRejectedByPerson);
  }
  if (value == "accept" && (fixed || !overridable)) {
    return Status::Error(
        "form " + f.code + " cannot be accepted by a person: " +
        (fixed ? "it is rejected for " + ReasonCodes(f.reasons) + ", which no decision changes"
               : std::string("only missing pages or disagreeing scans are a person's call")) +
        "; its marks are decided item by item (CODE/ITEM)");
  }
  return std::string(VerdictName(f.verdict)) +
         (f.reasons.empty() ? "" : " (" + ReasonCodes(f.reasons) + ")");
}

// What the machine read of mark `code` of form `f`, when `value` may be decided on it.
Result<std::string> CheckItemDecision(const Evaluation& e, const FormResult& f,
                                      const std::string& code, const std::string& value) {
  const Answer* answer = nullptr;
  for (const Answer& a : f.answers) {
    if (a.item == code) answer = &a;
  }
  const AnswerItem* item = FormItem(e, f.code, code);
  if (answer == nullptr || item == nullptr) {
    return Status::Error("form " + f.code + " has no item '" + code + "'");
  }
  if (answer->state != AnswerState::kReview && answer->decided_by.empty()) {
    return Status::Error(f.code + "/" + code + " does not wait for a person (the machine read '" +
                         answer->machine + "')");
  }
  PHIEU_RETURN_IF_ERROR(CheckMarkValue(*item, value));
  return answer->machine;
}

}  // namespace

Result<DecisionOutcome> DecideReviewItem(Database& db, const DecisionRequest& request) {
  if (Trim(request.by).empty()) return Status::Error("--by NAME is needed: who decided");
  auto e = EvaluateDatabase(db);
  if (!e.ok()) return e.status();
  const ReviewItemId id = ParseReviewItemId(request.item);
  const FormResult* f = e->result.Find(id.code);
  if (f == nullptr) return Status::Error("no form '" + id.code + "' was issued or scanned");
  if (f->verdict == Verdict::kNotReturned) {
    return Status::Error("form " + id.code + " has not come back: nothing to review");
  }
  auto machine = id.item.empty() ? CheckFormDecision(*f, request.value)
                                 : CheckItemDecision(*e, *f, id.item, request.value);
  if (!machine.ok()) return machine.status();
  Decision d;
  d.form_code = f->code;
  d.item = id.item;
  d.value = request.value;
  d.machine = *machine;
  d.decided_by = std::string(Trim(request.by));
  d.note = request.note;
  auto stored = RecordDecision(db, d);
  if (!stored.ok()) return stored.status();
  auto after = EvaluateDatabase(db);
  if (!after.ok()) return after.status();
  const FormResult* now = after->result.Find(f->code);
  DecisionOutcome outcome;
  outcome.stored = std::move(stored).value();
  outcome.verdict = std::string(VerdictName(now->verdict));
  outcome.reasons = ReasonCodes(now->reasons);
  return outcome;
}

}  // namespace phieu
