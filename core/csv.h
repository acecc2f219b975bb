#pragma once
// RFC 4180 CSV: a reader that reports every problem with its file and line, and a writer.
// UTF-8 only (a leading byte-order mark is accepted and dropped); comma-separated; fields may be
// quoted with '"' and contain commas, doubled quotes and line breaks; CRLF or LF line ends.

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/error_list.h"
#include "core/status.h"

namespace phieu {

struct CsvRecord {
  int line = 0;                     // 1-based line on which the record starts
  std::vector<std::string> fields;  // as written, quotes removed
};

struct CsvTable {
  std::vector<std::string> header;  // the first record, each name trimmed
  std::vector<CsvRecord> records;   // the rest; blank lines are skipped
};

// Parses `text`, naming `file_name` in messages. Every field is read through
// FromSpreadsheetSafeCell, so a file phieu wrote reads back as the values it was written from. On failure the status lists every problem found
// (one "FILE:LINE: message" per line, at most `max_errors`, then a count of the rest): invalid
// UTF-8, a NUL byte, a quote that is never closed, a stray quote, a field over 1 MB, a record of
// more than 1,000 fields or whose field count differs from the header's, an empty file.
Result<CsvTable> ParseCsv(std::string_view text, std::string_view file_name,
                          std::size_t max_errors = 20);

// Writes one record, every field through SpreadsheetSafeCell, quoting fields that need it (comma,
// quote, line break, leading/trailing space; a record's only field when it is empty, which would
// otherwise be a blank line), ending with CRLF as RFC 4180 says. Every CSV phieu
// writes goes through here.
void WriteCsvRecord(std::ostream& out, const std::vector<std::string>& fields);

// `value` as a cell a spreadsheet shows but never runs as a formula (OWASP's advice on CSV
// injection): text starting with '=', '+', '-', '@', a tab or a carriage return gets a leading
// apostrophe ("=HYPERLINK(..)" -> "'=HYPERLINK(..)", "+84 912 345 678" -> "'+84 912 345 678",
// "-1+2" -> "'-1+2"); a plain number ("-3.5", "12") stays as it is. Leading apostrophes already
// in the value are looked past, so that FromSpreadsheetSafeCell gives back exactly `value`.
std::string SpreadsheetSafeCell(std::string_view value);

// The value SpreadsheetSafeCell was given: one leading apostrophe is dropped where it would have
// added one; any other cell is returned as it is.
std::string FromSpreadsheetSafeCell(std::string_view cell);

// The UTF-8 byte-order mark, which spreadsheet programs need to show Vietnamese correctly.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace phieu
