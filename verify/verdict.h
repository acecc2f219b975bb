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
#include "store/form_store.h"
#include "store/verify_store.h"
#include "verify/date_window.h"
#include "verify/reason.h"
#include "verify/template_items.h"

namespace phieu {

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

struct ReviewItem {
  std::string id;         // "CODE/ITEM" for a mark, "CODE" for a whole form
  std::string form_code, item;
  ReviewReason reason = ReviewReason::kUnsureMark;
  std::string why;
  std::string machine;    // what the machine read
  std::vector<std::int64_t> pages;  // the scanned pages to look at
};

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
