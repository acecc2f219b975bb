#pragma once
// `phieu channel import`: answers collected through another channel than paper (a tablet at the
// counter, an SMS gateway, a call centre, a web form) become answers of the survey in an open
// database, marked with their channel, their office, their date and the channel's own id. They
// have no form and no scan; verification keeps them as their own category (verify/evaluate.h).

#include <string>

#include "core/status.h"
#include "store/channel_store.h"
#include "store/database.h"

namespace phieu {

struct ChannelImportRequest {
  std::string file;      // the channel's export: CSV, UTF-8 (channels/channel_rows.h)
  std::string channel;   // tablet | sms | phone | web
  std::string map_file;  // the mapping (channels/channel_map.h)
};

// Imports the file whole or not at all; the same bytes again change nothing (already_imported).
// Refused, with nothing stored: a channel not in ChannelNames(); an XLSX file (no Debian 12
// library reads XLSX: it says to save it as CSV); a file or map that cannot be read; a map for
// another channel or with errors (ParseChannelMap); a database without a period ("set one with
// 'phieu period set'"); any bad row (ReadChannelRows); an external id already imported
// (SaveChannelImport).
Result<ChannelImportSummary> ImportChannelFile(Database& db, const ChannelImportRequest& request);

}  // namespace phieu
