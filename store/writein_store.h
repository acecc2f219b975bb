#pragma once
// Write-ins in the database: what the scanner measured in every free-text box of a scanned page
// (its raw ink, stored with the page since schema 3), and what people typed from those boxes
// (schema 11). A transcription is a person's record, as a review decision is: stored with who and
// when, logged in the same transaction (store/event_log.h), never updated; a later record on the
// same box of the same form supersedes the earlier ones.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace phieu {

// The ink the scanner measured in one free-text box of one scanned page.
struct BoxInk {
  std::int64_t page_id = 0;
  std::string box;   // the layout's name of the box: "Q11", "Q2.8.other"
  double ink = 0;    // share of the box's inside that is dark (scanner/bubble_measure.h)
};

// Every box measured on every scanned page, by page then box.
Result<std::vector<BoxInk>> ListBoxInk(Database& db);

// What a person made of a box.
enum class WriteInState { kText, kIllegible, kEmpty };

// "text", "illegible", "empty".
const char* WriteInStateName(WriteInState state);

struct Transcription {
  std::int64_t id = 0;
  std::string form_code;
  int page = 0;                 // the form's page the box is on
  std::string box;
  WriteInState state = WriteInState::kText;
  std::string text;             // UTF-8 as typed; "" unless state is kText
  std::int64_t page_id = 0;     // the scanned page it was read from
  std::string by, at;           // who typed it, and when (UTC, "YYYY-MM-DDTHH:MM:SSZ")
};

// Every transcription, oldest first.
Result<std::vector<Transcription>> ListTranscriptions(Database& db);

// Stores `t` (id and `at` are set here) with a "writein" event naming the box, the state and the
// person, never the text; returns it as stored. Checks nothing but the store's own constraints:
// review/writein.h checks a request against the forms first.
Result<Transcription> RecordTranscription(Database& db, Transcription t);

// The inked area (mm²) from which a write-in box is queued (setting "writein.queue_from_mm2"), or
// nullopt when it was never set (review/writein.h has the default).
Result<std::optional<double>> LoadWriteInThreshold(Database& db);

// Stores it, logged as a "setting" event with `summary`.
Status SaveWriteInThreshold(Database& db, double mm2, const std::string& summary);

}  // namespace phieu
