#pragma once
// Recording a person's decision on an item waiting for review: the one way a decision is made,
// whether typed (`phieu review decide`) or keyed in the review station (`phieu serve`), so both
// store the same record in the same log. A correction is a new decision; none is ever edited.

#include <string>

#include "core/status.h"
#include "store/database.h"
#include "store/verify_store.h"

namespace phieu {

struct DecisionRequest {
  std::string item;   // "CODE/ITEM" or "CODE" (review/review_item.h ParseReviewItemId)
  std::string value;  // marks: option code(s) joined by ';', "blank", "invalid"; forms: "accept",
                      // "reject"
  std::string by;     // who decides (trimmed; must not be empty)
  std::string note;
};

struct DecisionOutcome {
  Decision stored;                // as stored, with its id and time
  std::string verdict, reasons;   // the form's verdict after it, and its reason codes
};

// Checks `request` against the database as it is now and stores the decision (store/verify_store.h
// RecordDecision, logged). Fails, storing nothing, when: `by` is empty; the form was not issued or
// scanned, or has not come back; the item does not exist, or does not wait for a person and was
// never decided; the value is not one of the item's options (the message lists them), or several
// for a one-answer item; a form is given anything but accept or reject, or accepted when only
// missing pages or disagreeing scans could be a person's call.
Result<DecisionOutcome> DecideReviewItem(Database& db, const DecisionRequest& request);

}  // namespace phieu
