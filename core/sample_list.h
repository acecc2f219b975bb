#pragma once
// The sample list: the people to survey, read from a UTF-8 CSV with a header row. Required
// columns `id` and `unit`; recognised optional columns name, address, phone, procedure, agency,
// completed_on (YYYY-MM-DD) and collector; any other column is kept as an attribute. The same
// reader serves `phieu sample import` (the list itself) and `phieu sample draw` (the frame the
// list is drawn from).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace phieu {

struct SampleRecord {
  std::string id;    // unique within the list
  std::string unit;  // administrative unit (commune, ward, one-stop office ...)
  std::string name, address, phone, procedure, agency, collector;
  std::string completed_on;  // YYYY-MM-DD or ""
  std::vector<std::pair<std::string, std::string>> attributes;  // other columns, in file order
  int line = 0;  // line of the CSV it came from (0 when not from a file)

  // The value of column `column` (a recognised one or an attribute), or nullptr if there is no
  // such column.
  const std::string* Column(std::string_view column) const;
  bool operator==(const SampleRecord& other) const;  // all data, not `line`
};

// Parses a sample list or frame. All or nothing: every bad line is reported as FILE:LINE: message
// (missing required column, empty id or unit, duplicate id, bad date, plus the CSV reader's own
// problems), at most 20, and no record is returned.
Result<std::vector<SampleRecord>> ParseSampleList(std::string_view csv_text,
                                                  std::string_view file_name);

// The recognised columns in their canonical order (id, unit, name, ...).
const std::vector<std::string>& SampleListColumns();

}  // namespace phieu
