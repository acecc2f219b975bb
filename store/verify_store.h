#pragma once
// What verification reads and writes: identified scanned pages with their scores, people's
// decisions on marks and forms, and the verdicts of each `phieu verify` run. Decisions and
// verdicts are logged (store/event_log.h) in the transaction that writes them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/mark_decision.h"
#include "core/page_states.h"
#include "core/status.h"
#include "store/database.h"

namespace phieu {

// A scanned page that carries a form code: read (outcome "read"), or refused by the scanner after
// its QR code was decoded (a wrong integrity tag, a template or page this database does not
// have: outcome "unidentified", no scores). Verification gives those codes their verdict too.
struct IdentifiedPage {
  std::int64_t id = 0;
  std::string file_sha256, original_path;
  std::string archive_path;    // the archived copy, relative to the database's folder
  int page_index = 0;          // 0-based page within its file
  std::string form_code, template_id;
  PageIdentification identified_by = PageIdentification::kNone;
  int page = 0;                // the form's page number, 1-based
  bool tag_valid = false;      // the QR's integrity tag matched (always false for "ocr")
  std::string batch_name, collector, received_on;  // of the batch that brought it
  std::string transform;       // 9 numbers: template points -> image pixels
  int quarter_turns = 0;
  std::vector<BubbleScore> bubbles;
  std::vector<std::string> inked_text_boxes;  // questions whose write-in box has ink
};

// Every such page, in the order they were stored.
Result<std::vector<IdentifiedPage>> LoadIdentifiedPages(Database& db);

// The identified page with `id`, or nullopt.
Result<std::optional<IdentifiedPage>> LoadIdentifiedPage(Database& db, std::int64_t id);

struct Decision {
  std::int64_t id = 0;
  std::string form_code;
  std::string item;        // answer item code; "" = the whole form
  std::string value;       // option code(s) joined by ';', "blank", "invalid"; forms: "accept", "reject"
  std::string machine;     // what the machine read when the person decided
  std::string decided_by, note, decided_at;
};

// Every decision, oldest first.
Result<std::vector<Decision>> ListDecisions(Database& db);

// Stores a decision (id and decided_at are set here); returns it as stored.
Result<Decision> RecordDecision(Database& db, Decision decision);

struct StoredVerdict {
  std::string subject;  // the form code as read
  std::string sample_id, unit, collector;
  std::string verdict;  // accepted | needs_review | rejected | not_returned
  std::string reasons;  // reason codes joined by ' '
  std::string notes;    // one note a line
};

struct VerifyRunTotals {
  std::string window;  // "YYYY-MM-DD..YYYY-MM-DD" or ""
  int forms = 0, accepted = 0, needs_review = 0, rejected = 0;
};

// Replaces the stored verdicts with `verdicts` as one run; logs the verdicts that changed.
// Returns how many changed.
Result<int> SaveVerifyRun(Database& db, const VerifyRunTotals& totals,
                          const std::vector<StoredVerdict>& verdicts);

// The window of the latest verify run ("" when there is none or it had none).
Result<std::string> LastVerifyWindow(Database& db);

}  // namespace phieu
