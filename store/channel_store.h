#pragma once
// Answers collected through other channels than paper (channels/channel_import.h reads their
// files): stored all of a file or none of it, known by the file's content, and logged.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace phieu {

// One respondent's answers from a channel file.
struct ChannelResponse {
  std::string external_id;  // the channel's own id of the answer
  std::string unit;         // the office answered about
  std::string answered_on;  // YYYY-MM-DD
  int line = 0;             // where it stands in its file
  // item code -> option code(s) joined by ';' ("" = left blank); items the channel does not ask
  // are absent.
  std::vector<std::pair<std::string, std::string>> answers;
};

struct ChannelImportInfo {
  std::string channel;  // tablet | sms | phone | web
  std::string file_name, file_sha256;
  std::string map_file, map_sha256;
  std::string period;   // the period the rows were checked against (core/period.h text)
};

struct ChannelImportSummary {
  bool already_imported = false;  // the same bytes were imported before: nothing changed
  std::int64_t import_id = 0;     // the new import, or the earlier one
  std::string channel;            // of the new import, or the earlier one
  std::string imported_at;        // of the earlier one when already imported
  int responses = 0;
};

// Stores `responses` as one import, in one transaction, logged as an "import" event. A file whose
// SHA-256 was imported before changes nothing (already_imported). Refused, storing nothing:
// an external id the channel already has, one line each, "FILE:LINE: external id 'T-0042' was
// already imported from tablet-june.csv" (at most 20, then a count); a period that is no longer
// the database's ("PATH: the period is now 2026-Q4, not 2026-Q3: import again").
Result<ChannelImportSummary> SaveChannelImport(Database& db, const ChannelImportInfo& info,
                                               const std::vector<ChannelResponse>& responses);

// A stored response with its channel.
struct StoredChannelResponse {
  std::string channel;
  ChannelResponse response;
};

// Every stored channel response, by channel then external id.
Result<std::vector<StoredChannelResponse>> LoadChannelResponses(Database& db);

}  // namespace phieu
