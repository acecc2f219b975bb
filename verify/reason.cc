#include "verify/reason.h"

#include "core/text.h"

namespace phieu {

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAccepted: return "accepted";
    case Verdict::kNeedsReview: return "needs_review";
    case Verdict::kRejected: return "rejected";
    case Verdict::kNotReturned: return "not_returned";
  }
  return "?";
}

std::string_view ReviewReasonCode(ReviewReason reason) {
  switch (reason) {
    case ReviewReason::kFormScansDisagree: return "form-scans-disagree";
    case ReviewReason::kScansDisagree: return "scans-disagree";
    case ReviewReason::kUnsureMark: return "unsure-mark";
  }
  return "?";
}

const std::vector<Reason>& AllReasons() {
  static const std::vector<Reason> all = {
      Reason::kUnknownCode,    Reason::kBadTag,           Reason::kWrongTemplate,
      Reason::kVoided,         Reason::kReplacedMember,   Reason::kUnusedReserve,
      Reason::kIncomplete,     Reason::kBlank,            Reason::kOutsideWindow,
      Reason::kRejectedByPerson, Reason::kDuplicateConflict, Reason::kMarksToReview};
  return all;
}

std::string_view ReasonCode(Reason reason) {
  switch (reason) {
    case Reason::kUnknownCode: return "unknown-code";
    case Reason::kBadTag: return "bad-tag";
    case Reason::kWrongTemplate: return "wrong-template";
    case Reason::kVoided: return "voided";
    case Reason::kReplacedMember: return "replaced-member";
    case Reason::kUnusedReserve: return "unused-reserve";
    case Reason::kIncomplete: return "incomplete";
    case Reason::kBlank: return "blank";
    case Reason::kOutsideWindow: return "outside-window";
    case Reason::kRejectedByPerson: return "rejected-by-person";
    case Reason::kDuplicateConflict: return "duplicate-conflict";
    case Reason::kMarksToReview: return "marks-to-review";
  }
  return "?";
}

std::string_view ReasonText(Reason reason) {
  switch (reason) {
    case Reason::kUnknownCode: return "the code was never issued (a form from outside the sample)";
    case Reason::kBadTag: return "the QR code's integrity tag is wrong (forged or altered)";
    case Reason::kWrongTemplate: return "printed for another survey or layout than its code";
    case Reason::kVoided: return "the code was voided (the old copy of a reprinted form)";
    case Reason::kReplacedMember: return "the person was replaced in the sample";
    case Reason::kUnusedReserve: return "the person is a reserve not brought into the sample";
    case Reason::kIncomplete: return "pages are missing";
    case Reason::kBlank: return "no answer at all";
    case Reason::kOutsideWindow: return "received outside the fieldwork window";
    case Reason::kRejectedByPerson: return "rejected by a person";
    case Reason::kDuplicateConflict: return "scans of the same page disagree";
    case Reason::kMarksToReview: return "marks wait for a person";
  }
  return "?";
}

std::string ReasonCodes(const std::vector<Reason>& reasons) {
  std::vector<std::string> codes;
  for (Reason r : reasons) codes.emplace_back(ReasonCode(r));
  return Join(codes, " ");
}

bool ReasonRejects(Reason reason) {
  return reason != Reason::kDuplicateConflict && reason != Reason::kMarksToReview;
}

}  // namespace phieu
