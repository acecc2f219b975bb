#include "channels/channel_rows.h"

#include <algorithm>
#include <map>
#include <optional>

#include "core/csv.h"
#include "core/error_list.h"
#include "core/text.h"

namespace phieu {
namespace {

// A column the map names: where it is in the file.
struct Column {
  std::string name;
  std::string what;  // "the id", "Q9.15" ...
  int at = -1;
};

std::string KnownValues(const ChannelQuestion& q) {
  std::vector<std::string> known;
  for (const auto& [from, to] : q.values) known.push_back(from);
  return Join(known, ", ");
}

// `cell` in the map's date format as YYYY-MM-DD, or nullopt when it is not a date.
std::optional<std::string> IsoDate(const std::string& cell, DateFormat format) {
  std::string iso = cell;
  if (format == DateFormat::kDayMonthYear) {
    if (cell.size() != 10 || cell[2] != '/' || cell[5] != '/') return std::nullopt;
    iso = cell.substr(6, 4) + "-" + cell.substr(3, 2) + "-" + cell.substr(0, 2);
  }
  if (!IsIsoDate(iso)) return std::nullopt;
  return iso;
}

}  // namespace

Result<std::vector<ChannelResponse>> ReadChannelRows(std::string_view text,
                                                     std::string_view file_name,
                                                     const ChannelMap& map,
                                                     const ChannelRowRules& rules) {
  auto table = ParseCsv(text, file_name);
  if (!table.ok()) return table.status();
  ErrorList errors(file_name, 20);
  if (table->records.empty()) {
    return Status::Error(std::string(file_name) + ": a header but no answers");
  }

  // Line 1: every column the map names is in the file, every column of the file is in the map.
  std::map<std::string, int> position;
  for (std::size_t i = 0; i < table->header.size(); ++i) {
    if (!position.emplace(table->header[i], static_cast<int>(i)).second) {
      errors.Add(1, "column '" + table->header[i] + "' appears twice");
    }
  }
  std::vector<Column> columns = {{map.id_column, "the id"},
                                 {map.unit_column, "the unit"},
                                 {map.date_column, "the date"}};
  for (const ChannelQuestion& q : map.questions) columns.push_back({q.column, q.item});
  for (Column& c : columns) {
    const auto found = position.find(c.name);
    if (found == position.end()) {
      errors.Add(1, "no column '" + c.name + "' (" + c.what + " in the map)");
    } else {
      c.at = found->second;
    }
  }
  for (const std::string& name : table->header) {
    const bool known =
        std::any_of(columns.begin(), columns.end(), [&](const Column& c) { return c.name == name; }) ||
        std::find(map.ignore.begin(), map.ignore.end(), name) != map.ignore.end();
    if (!known) {
      errors.Add(1, "column '" + name + "' is not in the map: add it to 'questions' or to 'ignore'");
    }
  }
  if (!errors.empty()) return errors.ToStatus();

  std::vector<ChannelResponse> responses;
  responses.reserve(table->records.size());
  std::map<std::string, int> first_line;  // external id -> line
  const auto blank = [&](const std::string& cell) {
    return cell.empty() || std::find(map.blank.begin(), map.blank.end(), cell) != map.blank.end();
  };
  for (const CsvRecord& record : table->records) {
    const auto cell = [&](const Column& c) { return std::string(Trim(record.fields[c.at])); };
    ChannelResponse r;
    r.line = record.line;
    r.external_id = cell(columns[0]);
    r.unit = cell(columns[1]);
    const std::string date = cell(columns[2]);
    if (r.external_id.empty()) {
      errors.Add(r.line, "no external id (column '" + map.id_column + "')");
    } else if (const auto [it, added] = first_line.emplace(r.external_id, r.line); !added) {
      errors.Add(r.line, "external id '" + r.external_id + "' appears twice (first on line " +
                             std::to_string(it->second) + ")");
    }
    if (!rules.units.contains(r.unit)) {
      errors.Add(r.line, "unit '" + r.unit + "' is not a unit of the sample list");
    }
    if (const auto iso = IsoDate(date, map.date_format); !iso) {
      errors.Add(r.line, "date '" + date + "' is not " +
                             (map.date_format == DateFormat::kIso ? "YYYY-MM-DD" : "DD/MM/YYYY"));
    } else if (!rules.period.Contains(*iso)) {
      errors.Add(r.line, "date " + *iso + " is outside the period " + rules.period.text + " (" +
                             rules.period.Range() + ")");
    } else {
      r.answered_on = *iso;
    }
    for (std::size_t i = 0; i < map.questions.size(); ++i) {
      const ChannelQuestion& q = map.questions[i];
      const std::string value = cell(columns[3 + i]);
      if (blank(value)) {
        r.answers.emplace_back(q.item, "");
        continue;
      }
      std::vector<std::string> parts = q.multiple ? Split(value, ';') : std::vector{value};
      std::vector<std::string> codes;
      for (const std::string& part : parts) {
        const auto to = q.values.find(std::string(Trim(part)));
        if (to == q.values.end()) {
          errors.Add(r.line, "value '" + std::string(Trim(part)) + "' in column '" + q.column +
                                 "' (" + q.item + ") is not in the map (known: " + KnownValues(q) +
                                 ")");
        } else if (std::find(codes.begin(), codes.end(), to->second) == codes.end()) {
          codes.push_back(to->second);
        }
      }
      r.answers.emplace_back(q.item, Join(codes, ";"));
    }
    responses.push_back(std::move(r));
  }
  if (!errors.empty()) return errors.ToStatus();
  return responses;
}

}  // namespace phieu
