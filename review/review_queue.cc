#include "review/review_queue.h"

#include <algorithm>
#include <optional>

#include "core/mark_decision.h"

namespace phieu {
namespace {

const IdentifiedPage* FindPage(const Evaluation& e, std::int64_t id) {
  for (const IdentifiedPage& p : e.input.pages) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const TemplateItems* FindTemplate(const Evaluation& e, const std::string& id) {
  const auto t = e.input.templates.find(id);
  return t == e.input.templates.end() ? nullptr : &t->second;
}

// The machine's reading of `item` on `page`, decided again from the stored scores.
std::optional<ItemReading> ReadingOn(const Evaluation& e, const IdentifiedPage& page,
                                     const std::string& item) {
  const TemplateItems* tmpl = FindTemplate(e, page.template_id);
  if (tmpl == nullptr) return std::nullopt;
  for (const AnswerItem& a : tmpl->items) {
    if (a.code != item) continue;
    const std::vector<ItemReading> readings = DecideItems({a}, page.bubbles, e.input.thresholds);
    if (readings.empty()) return std::nullopt;
    return readings.front();
  }
  return std::nullopt;
}

bool QuestionMatches(const Evaluation& e, const QueueEntry& entry, const std::string& question) {
  if (entry.item.item == question) return true;
  for (std::int64_t id : entry.item.pages) {
    const IdentifiedPage* page = FindPage(e, id);
    const TemplateItems* tmpl = page ? FindTemplate(e, page->template_id) : nullptr;
    if (tmpl == nullptr) continue;
    for (const AnswerItem& a : tmpl->items) {
      if (a.code == entry.item.item && a.question == question) return true;
    }
  }
  return false;
}

bool Passes(const Evaluation& e, const QueueEntry& entry, const ReviewFilter& f) {
  const bool mark = !entry.item.item.empty();
  if (f.kind == "marks" && !mark) return false;
  if (f.kind == "forms" && mark) return false;
  if (!f.reason.empty() && ReviewReasonCode(entry.item.reason) != f.reason) return false;
  if (!f.unit.empty() && entry.unit != f.unit) return false;
  if (!f.batch.empty() &&
      std::find(entry.batches.begin(), entry.batches.end(), f.batch) == entry.batches.end()) {
    return false;
  }
  if (!f.question.empty() && !QuestionMatches(e, entry, f.question)) return false;
  return true;
}

}  // namespace

Status CheckReviewFilter(const ReviewFilter& filter) {
  if (!filter.kind.empty() && filter.kind != "marks" && filter.kind != "forms") {
    return Status::Error("kind is 'marks' or 'forms', not '" + filter.kind + "'");
  }
  if (filter.reason.empty()) return Status::Ok();
  for (ReviewReason r : {ReviewReason::kFormScansDisagree, ReviewReason::kScansDisagree,
                         ReviewReason::kUnsureMark}) {
    if (ReviewReasonCode(r) == filter.reason) return Status::Ok();
  }
  return Status::Error("reason is 'unsure-mark', 'scans-disagree' or 'form-scans-disagree', not '" +
                       filter.reason + "'");
}

std::vector<QueueEntry> ReviewQueue(const Evaluation& e, const ReviewFilter& filter) {
  std::vector<QueueEntry> queue;
  for (const ReviewItem& r : e.result.review) {
    QueueEntry entry;
    entry.item = r;
    if (const FormResult* form = e.result.Find(r.form_code)) entry.unit = form->unit;
    bool first = true;
    for (std::int64_t id : r.pages) {
      const IdentifiedPage* page = FindPage(e, id);
      if (page == nullptr) continue;
      if (std::find(entry.batches.begin(), entry.batches.end(), page->batch_name) ==
          entry.batches.end()) {
        entry.batches.push_back(page->batch_name);
      }
      if (r.item.empty()) continue;
      const std::optional<ItemReading> reading = ReadingOn(e, *page, r.item);
      if (!reading) continue;
      if (first || reading->confidence < entry.confidence) entry.confidence = reading->confidence;
      if (first) entry.machine_why = reading->why;
      first = false;
    }
    if (Passes(e, entry, filter)) queue.push_back(std::move(entry));
  }
  // Stable: the verification's order (forms in sample order, items in printed order) breaks ties.
  std::stable_sort(queue.begin(), queue.end(), [](const QueueEntry& a, const QueueEntry& b) {
    if (a.item.reason != b.item.reason) return a.item.reason < b.item.reason;
    return a.confidence < b.confidence;
  });
  return queue;
}

}  // namespace phieu
