#pragma once
// Write-ins: the free-text boxes of the forms that came back ("Ý kiến khác", "Khác: ....") as items
// for a person to transcribe, shared by `phieu review text` and the review station, so a box typed
// at either is the same record (store/writein_store.h).
//
// Which boxes wait. The scanner measures every box of every page it reads (the share of the box's
// inside, 2 pt within its printed border, darker than half-way from the page's paper level to its
// ink level: scanner/bubble_measure.h MeasureTextBoxes) and stores that raw share. Here it is
// turned into an inked area (share x the inside's area, in mm²), so that one word weighs the same
// in the one-line "Khác: ...." box as in the five-line "Ý kiến khác" box. A box is an item when
// that area reaches WriteInOptions::queue_from_mm2 on a page counted for a form that came back and
// is not rejected (1 mm² unless a person set another: SetWriteInThreshold): below it the box is
// empty for certain; everything at or above it (a sentence, a word, a stray stroke, a stain) is
// shown to a person, who types the text or records "illegible" or "empty". The threshold applies to stored figures, so changing it needs no rescan. A box
// waits until someone records it; the latest record on a box wins.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "scanner/grey_image.h"
#include "store/database.h"
#include "store/writein_store.h"
#include "verify/answer_export.h"
#include "verify/evaluate.h"

namespace phieu {

struct WriteInOptions {
  // Inked area (mm²) from which a box goes to a person. Empty boxes measure 0 on clean scans and
  // on noisy, blurred, JPEG-compressed ones (tests/writein_cli_test.cc); one handwritten word
  // measures 4-5 mm²; a pen stroke 3 mm long and 0.3 mm wide would be about 1 mm². So a fifth of a word, or a single
  // stroke, is enough for a person to look.
  double queue_from_mm2 = 1.0;
};

// The options in force: the defaults, with the threshold a person set (SetWriteInThreshold).
Result<WriteInOptions> LoadWriteInOptions(Database& db);

// Sets the threshold for every later listing, station and export (no rescan: it applies to the
// stored figures), logged with `by`. Fails, storing nothing, when `by` is empty or `mm2` is not
// above 0 and at most 1000.
Status SetWriteInThreshold(Database& db, double mm2, const std::string& by);

// One box of one form that came back.
struct WriteIn {
  std::string id;            // "CODE/BOX", e.g. "K7Q-M4R-X2P/Q11"
  std::string form, box;     // box: the layout's name, "Q11" or "Q2.8.other"
  std::string unit;
  int page = 0;              // the form's page it is printed on
  std::int64_t page_id = 0;  // the scanned page counted for that page
  double ink = 0;            // the share of the box inked, as the scanner measured it
  double ink_mm2 = 0;        // the same as an area (see above)
  bool queued = false;       // ink_mm2 reaches the threshold: it waits until someone records it
  std::string label;         // what is printed for it: the question's text, or for a "Khác"
                             // box the question's text and its option's label
  std::optional<Transcription> latest;  // the record in force, if anyone made one
};

// The boxes of `e` (made from `db`) at or above the threshold, in form order then printed order;
// with `all`, every measured box of those forms; with `form`, of that form only. Those queued
// with no `latest` wait for a person.
Result<std::vector<WriteIn>> ListWriteIns(Database& db, const Evaluation& e,
                                          const WriteInOptions& options = {}, bool all = false,
                                          const std::string& form = "");

// The box `id` ("CODE/BOX"): any measured box of a form that came back, queued or not. Fails with
// a message for the person when the form was not issued or scanned, has not come back, came back
// rejected, or has no such box on a page counted for it.
Result<WriteIn> FindWriteIn(Database& db, const Evaluation& e, const std::string& id);

// FindWriteIn's box with its crop cut upright from the archived scan: the box and a little around
// it (for a "Khác" box, from its option's bubble on; for a question's own box, with the line of
// the question's text above it).
struct WriteInView {
  WriteIn item;
  GreyImage crop;
};
Result<WriteInView> ViewWriteIn(Database& db, const Evaluation& e, const std::string& id);

// The write-ins as export columns (verify/answer_export.h TextColumns): "BOX:text", "BOX:by",
// "BOX:at" for every box of the templates of `e`'s forms, in printed order; cells for every form
// that came back and is not rejected.
Result<TextColumns> WriteInColumns(Database& db, const Evaluation& e,
                                   const WriteInOptions& options = {});

struct TranscriptionRequest {
  std::string id;     // "CODE/BOX"
  std::string state;  // "text", "illegible" or "empty"
  std::string text;   // with "text": the words as written (UTF-8, Vietnamese), 1-2000 characters
  std::string by;     // who typed it (trimmed; must not be empty)
};

// Checks `request` against the database as it is now and stores it (store/writein_store.h
// RecordTranscription, logged). Fails, storing nothing, when: `by` is empty; the box is not one
// ViewWriteIn shows; the state is none of the three; "text" comes without text, or with text that
// is not UTF-8, holds control characters or is longer than 2000 characters; "illegible" or
// "empty" comes with text.
Result<Transcription> TranscribeWriteIn(Database& db, const Evaluation& e,
                                        const TranscriptionRequest& request);

}  // namespace phieu
