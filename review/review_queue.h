#pragma once
// What waits for a person, as a queue: every mark the scanner is unsure of, every mark or form
// whose scans disagree, with where it came from (unit, batch) and how sure the machine was, in the
// order people work through them. Used by `phieu review list` and the review station
// (`phieu serve`), so both show the same queue.

#include <string>
#include <vector>

#include "core/status.h"
#include "verify/evaluate.h"

namespace phieu {

// Which items to show; an empty field matches everything.
struct ReviewFilter {
  std::string kind;      // "marks", "forms" or ""
  std::string reason;    // a ReviewReasonCode: "unsure-mark", "scans-disagree", "form-scans-disagree"
  std::string unit;      // the form's unit, exactly
  std::string batch;     // a batch that brought one of the pages to look at, exactly
  std::string question;  // an item code ("Q9.15") or its question ("Q9")
};

// Checks the filter's kind and reason; the message names the values allowed.
Status CheckReviewFilter(const ReviewFilter& filter);

struct QueueEntry {
  ReviewItem item;
  std::string unit;
  std::vector<std::string> batches;  // of the pages to look at, in page order, without repeats
  // How far the machine's evidence was from its nearest threshold (0..1, core/mark_decision.h
  // ItemReading), lowest over the pages to look at; 0 for a whole form.
  double confidence = 0;
  std::string machine_why;  // the machine's own account of the mark ("one faint mark (3)"), or ""
};

// Every item of `e` waiting for a person that `filter` lets through (CheckReviewFilter first),
// ordered by reason (ReviewReason's order), then confidence (least sure first), then form and item
// in printed order.
std::vector<QueueEntry> ReviewQueue(const Evaluation& e, const ReviewFilter& filter = {});

}  // namespace phieu
