#pragma once
// The words of verification: a form's verdict, why a form is rejected or waits for a person, and
// why an item waits; each with the code stored and printed (e.g. "unknown-code") and, for reasons,
// a sentence for people. verify/verdict.h decides them.

#include <string>
#include <string_view>
#include <vector>

namespace phieu {

enum class Verdict { kAccepted, kNeedsReview, kRejected, kNotReturned };
std::string_view VerdictName(Verdict verdict);  // accepted, needs_review, rejected, not_returned

enum class Reason {
  // Reject the form (or the pages carrying the code):
  kUnknownCode,       // the code was never issued by this database
  kBadTag,            // the QR's integrity tag is wrong: forged or altered
  kWrongTemplate,     // printed from another survey or layout than the code was issued with
  kVoided,            // a reprinted form's old copy
  kReplacedMember,    // the form of a person replaced in the sample
  kUnusedReserve,     // the form of a reserve never brought into the sample
  kIncomplete,        // pages missing (a person may accept it)
  kBlank,             // no answer at all
  kOutsideWindow,     // every page was received outside the fieldwork window
  kRejectedByPerson,  // a person rejected the form
  // Send the form to a person:
  kDuplicateConflict,  // the same page scanned from images that read differently (a photocopy?)
  kMarksToReview,      // marks the scanner is unsure of
};
std::string_view ReasonCode(Reason reason);  // "unknown-code", "bad-tag" ...
std::string_view ReasonText(Reason reason);  // a sentence for people
bool ReasonRejects(Reason reason);
// The codes of `reasons` joined by spaces, e.g. "voided outside-window".
std::string ReasonCodes(const std::vector<Reason>& reasons);
const std::vector<Reason>& AllReasons();

// Why an item waits for a person, in the order a queue shows them.
enum class ReviewReason {
  kFormScansDisagree,  // scans of the same form disagree: the whole form is accepted or rejected
  kScansDisagree,      // a mark read differently from two scans of its page
  kUnsureMark,         // a mark the scanner is unsure of
};
std::string_view ReviewReasonCode(ReviewReason reason);  // "form-scans-disagree" ...

}  // namespace phieu
