#pragma once
// The review station's JSON: what its API answers (shapes documented in README.md, "The review
// station") and the request bodies it reads. The only code of the station that uses nlohmann-json.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "review/review_decision.h"
#include "review/review_item.h"
#include "review/review_progress.h"
#include "review/review_queue.h"
#include "review/writein.h"
#include "station/sessions.h"

namespace phieu {

// {"error": message}
std::string ErrorJson(const std::string& message);

// {"name", "role", "csrf"}
std::string SessionJson(const Session& session);

// {"items": [{"id", "form", "item", "reason", "why", "machine", "unit", "batches", "confidence",
// "claimed_by"}], "total"}; `claimed_by[i]` is who holds entry i ("" = nobody).
std::string QueueJson(const std::vector<QueueEntry>& entries,
                      const std::vector<std::string>& claimed_by);

// {"item": {...}} (ReviewItemView with its scans' sizes and bubbles, and "claimed_until"), or
// {"item": null} for `view` == nullptr: nothing left.
std::string ItemJson(const ReviewItemView* view, std::int64_t claimed_until);

// {"decision": {"id", "form", "item", "value", "machine", "by", "at", "note"},
//  "form": {"code", "verdict", "reasons"}}
std::string DecisionJson(const DecisionOutcome& outcome);

// {"waiting", "claimed", "decisions", "reviewers": [{"name", "decisions", "last_hour",
// "last_at"}]}: `claimed` items are held by someone now.
std::string ProgressJson(const ReviewProgress& progress, int claimed);

// {"items": [WRITEIN], "total"}: the write-ins waiting; `claimed_by[i]` is who holds entry i.
// WRITEIN is {"id", "form", "box", "page", "unit", "label", "ink_mm2", "recorded": RECORD or null,
// "claimed_by"}.
std::string WriteInQueueJson(const std::vector<WriteIn>& boxes,
                             const std::vector<std::string>& claimed_by);

// {"item": WRITEIN with "claimed_until" (Unix seconds), "width" and "height" (of its crop)}, or
// {"item": null} for `box` == nullptr: nothing left.
std::string WriteInJson(const WriteInView* box, std::int64_t claimed_until);

// {"recorded": RECORD}; RECORD is {"id", "form", "box", "page", "state", "text", "by", "at"}.
std::string TranscriptionJson(const Transcription& t);

// A request body: a JSON object whose values are text or lists of text.
struct JsonFields {
  std::map<std::string, std::string> text;
  std::map<std::string, std::vector<std::string>> lists;
  std::string Text(const std::string& name) const;  // "" when absent
};

// Reads `body` ("" = no fields). Fails with a message naming what is wrong: not JSON, not an
// object, a value that is neither text nor a list of text.
Result<JsonFields> ParseJsonFields(const std::string& body);

}  // namespace phieu
