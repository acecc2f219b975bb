#pragma once
// Scans in the database: batches, archived files, and what the scanner made of every page (raw
// bubble scores, not decisions). Each page is stored in its own transaction, and a file is marked
// complete only when all its pages are in: a scan killed half-way is finished by running it again,
// and a file scanned twice is recognised by its SHA-256.

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/mark_decision.h"
#include "core/page_states.h"
#include "core/status.h"
#include "store/database.h"

namespace phieu {

struct ScanBatchInfo {
  std::string name;
  std::string operator_name;
  std::string collector;    // whose forms these are ("" = not said)
  std::string received_on;  // YYYY-MM-DD
};

// Starts a batch; returns its id.
Result<std::int64_t> CreateScanBatch(Database& db, const ScanBatchInfo& batch);

struct OpenedBatch {
  std::int64_t id = 0;
  bool continued = false;  // the batch existed: this run adds to it
  std::string name;        // the batch's name
};

// The batch named `batch.name`: continued when one of that name exists, else started (an empty
// `received_on` is then today). A name is one pile of paper: a scan killed or failed and run
// again with the same name adds to the same batch, so its sheets are numbered on from the first
// run's (ListSheetPlaces), never from 1 again. Continuing, a collector or date other than the
// batch's is refused ("batch 'lo-1' was started for collector 'BĐ-02', not 'BĐ-03': give another
// --batch name"); empty ones take the batch's. Of batches of one name stored by older versions,
// the first is continued.
Result<OpenedBatch> OpenScanBatch(Database& db, const ScanBatchInfo& batch);

// Starts a new batch named `batch.name`, or, when a batch of that name exists (two scanning
// stations started in the same second with the time as the name), "NAME (2)", "NAME (3)" ...: two
// piles of paper are never numbered as one. An empty `received_on` is today.
Result<OpenedBatch> StartNewScanBatch(Database& db, const ScanBatchInfo& batch);

struct KnownScanFile {
  bool known = false;       // a file with this SHA-256 was seen before
  bool complete = false;    // ... and every page of it is stored
  std::string original_path;
  std::string batch;        // the name of the batch it was scanned in
  std::set<int> stored_pages;  // page indexes already stored
};

Result<KnownScanFile> LookupScanFile(Database& db, const std::string& sha256);

// Records a file about to be read (no-op if it is already recorded).
Status StartScanFile(Database& db, const std::string& sha256, const std::string& original_path,
                     const std::string& archive_path, std::int64_t bytes, int pages,
                     std::int64_t batch_id);
Status CompleteScanFile(Database& db, const std::string& sha256);

struct TextBoxRecord {
  std::string question;
  double ink = 0;
  bool has_ink = false;
};

// One page as read, in storable form (scanner/page_reader.h PageReading, minus the image).
struct PageRecord {
  int page_index = 0;
  PageOutcome outcome = PageOutcome::kNotAForm;
  PageIdentification identified_by = PageIdentification::kNone;
  std::string reason, qr_text, template_id, form_code;
  int page = 0;
  bool tag_valid = false;
  int quarter_turns = 0, marks_found = 0;
  double residual_px = 0, paper_level = 0, ink_level = 0;
  std::array<double, 9> transform{};
  std::vector<BubbleScore> bubbles;
  std::vector<TextBoxRecord> text_boxes;
};

// Stores one page and its scores in one transaction (replacing nothing: a page already stored
// is left as it is).
Status StorePage(Database& db, const std::string& file_sha256, const PageRecord& page);

// Every stored page (without scores), in file then page order.
Result<std::vector<PageRecord>> ListScanPages(Database& db);

// Where a scanned page of a form lies in the paper, for pulling it again: batches keep their
// sheets in the order scanned (files by name, as `phieu scan` reads them; pages in file order).
// A batch is its name: the files of every run under one name are numbered as one pile.
struct SheetPlace {
  std::string form_code;
  int page = 0;             // the form's page number
  std::string batch;        // the batch's name
  std::string file;         // the file as scanned (original path)
  int page_in_file = 0;     // 1-based
  int sheet_in_batch = 0;   // 1-based, among every page scanned in the batch (blank ones too)
};

// The place of every stored page that carries a form code.
Result<std::vector<SheetPlace>> ListSheetPlaces(Database& db);

struct ArchivedFile {
  std::string sha256;         // of the file as scanned
  std::string archive_path;   // relative to the database's folder
  std::string original_path;
};

// Every scanned file in the archive, by archive path.
Result<std::vector<ArchivedFile>> ListArchivedFiles(Database& db);

// The layout JSON of every template, by template id (for the scanner).
Result<std::map<std::string, std::string>> TemplateLayouts(Database& db);

// The template id of every form code ever issued, voided ones included (for the scanner).
Result<std::map<std::string, std::string>> FormCodeTemplates(Database& db);

// The mark thresholds in force: the stored settings, or the defaults.
Result<MarkThresholds> LoadMarkThresholds(Database& db);
// Stores new thresholds (logged as a "rescore" event with `summary`).
Status SaveMarkThresholds(Database& db, const MarkThresholds& thresholds,
                          const std::string& summary);

}  // namespace phieu
