#pragma once
// Verification: which returned forms count, which do not and why. A pure function of what the
// database holds (issued forms, identified scanned pages with their raw scores, people's
// decisions, the mark thresholds and the fieldwork window); verify/evaluate.h loads those.
//
// Every issued form and every code that came back gets a verdict:
//   accepted      counts in the tallies;
//   needs_review  waits for a person (uncertain marks, scans of one form that disagree);
//   rejected      does not count, with typed reasons (Reason);
//   not_returned  an issued form no page of which came back.
// The machine's readings are never changed: a person's decision (verify/review.h) is applied on
// top of them, and the latest decision on an item wins.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/mark_decision.h"
#include "core/status.h"
#include "core/survey.h"
#include "store/form_store.h"
#include "store/verify_store.h"

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

enum class AnswerState {
  kBlank,     // no mark
  kAnswered,  // the option(s) in `options`
  kMultiple,  // more than one mark on a single-answer item
  kInvalid,   // a person judged the answer invalid
  kReview,    // waiting for a person
  kMissing,   // its page did not come back
};

struct Answer {
  std::string item;
  AnswerState state = AnswerState::kBlank;
  std::vector<std::string> options;
  std::string decided_by;   // "" = as the machine read it
  std::string review_why;   // for kReview
  std::string machine;      // the machine's reading as text (ReadingText)
};

struct FormResult {
  std::string code, sample_id, unit;
  // "" = a paper form; else the channel its answers were imported from (tablet, sms, phone, web:
  // verify/channel_forms.h), with no form, no scan and no sample member behind it.
  std::string channel;
  std::string answered_on;  // a channel answer: the day it was given (YYYY-MM-DD)
  std::string collector;             // who brought it back (the batch's), else the assigned one
  bool in_sample = false;            // issued, not voided, to a sampled person
  Verdict verdict = Verdict::kNotReturned;
  std::vector<Reason> reasons;
  std::vector<std::string> notes;
  std::vector<Answer> answers;       // every bubble item of its template, in printed order
  std::vector<std::int64_t> pages;   // the scanned pages counted, one per form page
  std::vector<std::int64_t> seen;    // every identified page carrying this code
  bool has_text = false;             // ink in a free-text box of a counted page
};

// Why an item waits for a person, in the order a queue shows them.
enum class ReviewReason {
  kFormScansDisagree,  // scans of the same form disagree: the whole form is accepted or rejected
  kScansDisagree,      // a mark read differently from two scans of its page
  kUnsureMark,         // a mark the scanner is unsure of
};
std::string_view ReviewReasonCode(ReviewReason reason);  // "form-scans-disagree" ...

struct ReviewItem {
  std::string id;         // "CODE/ITEM" for a mark, "CODE" for a whole form
  std::string form_code, item;
  ReviewReason reason = ReviewReason::kUnsureMark;
  std::string why;
  std::string machine;    // what the machine read
  std::vector<std::int64_t> pages;  // the scanned pages to look at
};

// An inclusive range of ISO dates; empty = no window.
struct DateWindow {
  std::string from, to;
  bool empty() const { return from.empty(); }
  bool Contains(std::string_view date) const;
  std::string Text() const;  // "FROM..TO" or ""
};
// Reads "YYYY-MM-DD..YYYY-MM-DD" ("" = no window).
Result<DateWindow> ParseDateWindow(std::string_view text);

// What verification needs to know of a template.
struct TemplateItems {
  std::vector<AnswerItem> items;          // bubble items in printed order (free text excluded)
  std::map<std::string, int> item_page;   // item code -> page number
  int pages = 0;
};
Result<TemplateItems> ReadTemplateItems(const StoredTemplate& stored);

struct VerifyInput {
  std::vector<FormRecord> forms;           // every form ever issued
  std::vector<IdentifiedPage> pages;       // every identified page
  std::vector<Decision> decisions;         // oldest first
  std::map<std::string, TemplateItems> templates;  // by template id
  MarkThresholds thresholds;
  DateWindow window;
};

struct VerifyResult {
  std::vector<FormResult> forms;   // issued forms in sample order, then codes never issued
  std::vector<ReviewItem> review;  // what waits for a person, in form order
  const FormResult* Find(std::string_view code) const;
};

VerifyResult Verify(const VerifyInput& input);

// A reading as text: "blank", "2", "1;3", "multiple 2;4", "unsure 3", "unsure 3, marked 1".
std::string ReadingText(const ItemReading& reading);

}  // namespace phieu
