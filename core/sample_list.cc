#include "core/sample_list.h"

#include <map>

#include "core/csv.h"
#include "core/error_list.h"
#include "core/text.h"

namespace phieu {
namespace {

std::string* Field(SampleRecord& r, std::string_view column) {
  if (column == "id") return &r.id;
  if (column == "unit") return &r.unit;
  if (column == "name") return &r.name;
  if (column == "address") return &r.address;
  if (column == "phone") return &r.phone;
  if (column == "procedure") return &r.procedure;
  if (column == "agency") return &r.agency;
  if (column == "completed_on") return &r.completed_on;
  if (column == "collector") return &r.collector;
  return nullptr;
}

}  // namespace

const std::vector<std::string>& SampleListColumns() {
  static const std::vector<std::string> columns = {
      "id", "unit", "name", "address", "phone", "procedure", "agency", "completed_on", "collector"};
  return columns;
}

const std::string* SampleRecord::Column(std::string_view column) const {
  if (const std::string* field = Field(const_cast<SampleRecord&>(*this), column)) return field;
  for (const auto& [name, value] : attributes) {
    if (name == column) return &value;
  }
  return nullptr;
}

bool SampleRecord::operator==(const SampleRecord& o) const {
  return id == o.id && unit == o.unit && name == o.name && address == o.address &&
         phone == o.phone && procedure == o.procedure && agency == o.agency &&
         completed_on == o.completed_on && collector == o.collector && attributes == o.attributes;
}

Result<std::vector<SampleRecord>> ParseSampleList(std::string_view csv_text,
                                                  std::string_view file_name) {
  Result<CsvTable> table = ParseCsv(csv_text, file_name);
  if (!table.ok()) return table.status();

  ErrorList errors(file_name, 20);
  std::vector<std::string> columns;
  std::map<std::string, int> seen_columns;
  for (const std::string& raw : table->header) {
    std::string column = AsciiLower(raw);
    if (column.empty()) errors.Add(1, "column " + std::to_string(columns.size() + 1) + " has no name");
    if (!seen_columns.emplace(column, columns.size() + 1).second) {
      errors.Add(1, "column '" + column + "' appears twice in the header");
    }
    columns.push_back(column);
  }
  for (const char* required : {"id", "unit"}) {
    if (!seen_columns.count(required)) {
      errors.Add(1, std::string("required column '") + required + "' is missing (the header has: " +
                        [&] {
                          std::string list;
                          for (const auto& c : columns) list += (list.empty() ? "" : ", ") + c;
                          return list;
                        }() + ")");
    }
  }
  if (!errors.empty()) return errors.ToStatus();

  std::vector<SampleRecord> records;
  std::map<std::string, int> id_lines;
  for (const CsvRecord& row : table->records) {
    SampleRecord record;
    record.line = row.line;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      std::string value(Trim(row.fields[i]));
      if (std::string* field = Field(record, columns[i])) {
        *field = std::move(value);
      } else {
        record.attributes.emplace_back(table->header[i], std::move(value));
      }
    }
    if (record.id.empty()) errors.Add(row.line, "id is empty");
    if (record.unit.empty()) errors.Add(row.line, "unit is empty for id '" + record.id + "'");
    if (!record.completed_on.empty() && !IsIsoDate(record.completed_on)) {
      errors.Add(row.line, "completed_on '" + record.completed_on +
                               "' is not a date written YYYY-MM-DD");
    }
    if (!record.id.empty()) {
      const auto [it, inserted] = id_lines.emplace(record.id, row.line);
      if (!inserted) {
        errors.Add(row.line, "id '" + record.id + "' appears twice (first on line " +
                                 std::to_string(it->second) + ")");
      }
    }
    records.push_back(std::move(record));
  }
  if (!errors.empty()) return errors.ToStatus();
  return records;
}

}  // namespace phieu
