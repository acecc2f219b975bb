// Fuzz target: the CSV reader (core/csv.h ParseCsv) on any bytes. What it reads, written back as
// every phieu CSV is (a byte-order mark, then WriteCsvRecord), must read again as the same table.

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

#include "core/csv.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace phieu;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Result<CsvTable> table = ParseCsv(text, "fuzz.csv");
  if (!table.ok()) return 0;
  std::ostringstream written;
  written << kUtf8Bom;  // else a first cell starting with U+FEFF would lose it
  WriteCsvRecord(written, table->header);
  for (const CsvRecord& record : table->records) WriteCsvRecord(written, record.fields);
  const Result<CsvTable> again = ParseCsv(written.str(), "again.csv");
  FUZZ_CHECK(again.ok(), "a table WriteCsvRecord wrote does not read back");
  FUZZ_CHECK(again->header == table->header, "the header changed in a round trip");
  FUZZ_CHECK(again->records.size() == table->records.size(), "records lost in a round trip");
  for (std::size_t i = 0; i < table->records.size(); ++i) {
    FUZZ_CHECK(again->records[i].fields == table->records[i].fields,
               "a record changed in a round trip");
  }
  return 0;
}
