#include "audit/audit_reading.h"

#include <map>
#include <set>
#include <sstream>

#include "core/csv.h"
#include "core/form_code.h"
#include "core/text.h"

namespace phieu {
namespace {

constexpr ContactOutcome kOutcomes[] = {ContactOutcome::kNotContacted, ContactOutcome::kConfirmed,
                                        ContactOutcome::kNotReceived, ContactOutcome::kSomeoneElse,
                                        ContactOutcome::kNotReached,  ContactOutcome::kReceived};

// The outcomes a form of the delivery check can have: its person was asked about the form.
bool FitsDeliveryCheck(ContactOutcome o) {
  return o == ContactOutcome::kReceived || o == ContactOutcome::kNotReceived ||
         o == ContactOutcome::kNotReached;
}

// The columns of `phieu export answers` that an auditor's file may keep; they are not read.
const std::set<std::string> kIgnoredColumns = {"sample", "unit", "collector", "status"};

// `cell` checked against `item` and written in the item's option order; "" when it is fine,
// else the problem.
std::string NormaliseCell(const AnswerItem& item, const std::string& cell, std::string& out) {
  const std::string text(Trim(cell));
  if (text.empty() || text == "*" || text == "?") {
    out = text;
    return "";
  }
  std::set<std::string> given;
  for (const std::string& part : Split(text, ';')) {
    const std::string code(Trim(part));
    if (code.empty()) continue;
    bool known = false;
    for (const Option& o : item.options) known = known || o.code == code;
    if (!known) {
      std::vector<std::string> codes;
      for (const Option& o : item.options) codes.push_back(o.code);
      return "'" + code + "' is not an option of " + item.code + " (options: " + Join(codes, " ") +
             "; empty = blank, * = several marks, ? = cannot tell)";
    }
    given.insert(code);
  }
  if (given.size() > 1 && item.kind != QuestionKind::kMulti) {
    return item.code + " takes one answer: write * when the paper has several marks, not '" +
           text + "'";
  }
  std::vector<std::string> ordered;
  for (const Option& o : item.options) {
    if (given.contains(o.code)) ordered.push_back(o.code);
  }
  out = Join(ordered, ";");
  return "";
}

}  // namespace

std::string_view ContactOutcomeCode(ContactOutcome outcome) {
  switch (outcome) {
    case ContactOutcome::kNotContacted: return "";
    case ContactOutcome::kConfirmed: return "confirmed";
    case ContactOutcome::kNotReceived: return "not-received";
    case ContactOutcome::kSomeoneElse: return "someone-else";
    case ContactOutcome::kNotReached: return "not-reached";
    case ContactOutcome::kReceived: return "received";
  }
  return "";
}

std::string_view ContactOutcomeText(ContactOutcome outcome) {
  switch (outcome) {
    case ContactOutcome::kNotContacted: return "Chỉ đọc lại phiếu giấy (không liên hệ)";
    case ContactOutcome::kConfirmed: return "Người được khảo sát xác nhận đã tự điền";
    case ContactOutcome::kNotReceived: return "Người được khảo sát không nhận được phiếu";
    case ContactOutcome::kSomeoneElse: return "Phiếu do người khác điền";
    case ContactOutcome::kNotReached: return "Không liên lạc được";
    case ContactOutcome::kReceived: return "Người được khảo sát xác nhận đã nhận phiếu";
  }
  return "";
}

std::optional<ContactOutcome> ContactOutcomeFromCode(std::string_view code) {
  for (ContactOutcome o : kOutcomes) {
    if (ContactOutcomeCode(o) == code) return o;
  }
  return std::nullopt;
}

Result<std::vector<AuditReading>> ParseAuditReadings(std::string_view csv, const std::string& file,
                                                     const std::vector<AnswerItem>& items,
                                                     const std::vector<std::string>& selected,
                                                     const std::vector<std::string>& unreturned) {
  auto table = ParseCsv(csv, file);
  if (!table.ok()) return table.status();
  std::map<std::string, const AnswerItem*> by_code;
  for (const AnswerItem& item : items) by_code[item.code] = &item;

  ErrorList errors(file, 20);
  int form_column = -1, outcome_column = -1;
  std::vector<const AnswerItem*> column_item(table->header.size(), nullptr);
  std::set<std::string> named;
  for (std::size_t c = 0; c < table->header.size(); ++c) {
    const std::string& name = table->header[c];
    if (!named.insert(name).second) {
      errors.Add(1, "column '" + name + "' appears twice");
    } else if (name == "form") {
      form_column = static_cast<int>(c);
    } else if (name == "outcome") {
      outcome_column = static_cast<int>(c);
    } else if (by_code.contains(name)) {
      column_item[c] = by_code.at(name);
    } else if (!kIgnoredColumns.contains(name)) {
      errors.Add(1, "column '" + name +
                 "' is neither an item of the survey nor form, outcome, sample, unit, collector, "
                 "status");
    }
  }
  if (form_column < 0) {
    errors.Add(1, "no 'form' column: start from the file 'phieu audit sheet --csv' writes");
  }
  if (!errors.empty()) return errors.ToStatus();

  const std::set<std::string> reread(selected.begin(), selected.end());
  const std::set<std::string> delivery(unreturned.begin(), unreturned.end());
  std::map<std::string, int> seen;  // form code -> line
  std::vector<AuditReading> readings;
  for (const CsvRecord& record : table->records) {
    const int at = record.line;
    AuditReading reading;
    reading.line = record.line;
    const std::string code_text(Trim(record.fields[form_column]));
    const std::optional<std::string> code = NormalizeFormCode(code_text);
    if (!code) {
      errors.Add(at, "'" + code_text + "' is not a form code (its check character is wrong)");
      continue;
    }
    reading.form_code = *code;
    const bool unreturned_form = delivery.contains(*code);
    if (!reread.contains(*code) && !unreturned_form) {
      errors.Add(at, "form " + *code + " was not drawn for re-checking ('phieu audit draw')");
      continue;
    }
    if (const auto [it, inserted] = seen.emplace(*code, record.line); !inserted) {
      errors.Add(at, "form " + *code + " is already on line " + std::to_string(it->second));
      continue;
    }
    const std::string outcome =
        outcome_column >= 0 ? std::string(Trim(record.fields[outcome_column])) : "";
    const std::optional<ContactOutcome> known = ContactOutcomeFromCode(outcome);
    if (unreturned_form) {
      if (known && FitsDeliveryCheck(*known)) {
        reading.outcome = *known;
      } else {
        errors.Add(at, "form " + *code +
                   " never came back (delivery check): its outcome is received, not-received "
                   "or not-reached, not '" + outcome + "'");
      }
    } else if (known && *known != ContactOutcome::kReceived) {
      reading.outcome = *known;
    } else if (known) {
      errors.Add(at, "outcome 'received' is for a form of the delivery check (never came back); "
                 "form " + *code + " is re-read: confirmed, not-received, someone-else, "
                 "not-reached or empty");
    } else {
      errors.Add(at, "outcome '" + outcome +
                 "' is not one of confirmed, not-received, someone-else, not-reached (or empty: "
                 "paper re-read only)");
    }
    for (std::size_t c = 0; c < record.fields.size(); ++c) {
      if (column_item[c] == nullptr) continue;
      if (unreturned_form) {
        if (!Trim(record.fields[c]).empty()) {
          errors.Add(at, "column " + column_item[c]->code + ": form " + *code +
                     " never came back, there is no paper to read: leave its answers empty");
        }
        continue;
      }
      std::string cell;
      const std::string problem = NormaliseCell(*column_item[c], record.fields[c], cell);
      if (!problem.empty()) {
        errors.Add(at, "column " + column_item[c]->code + ": " + problem);
        continue;
      }
      reading.cells[column_item[c]->code] = cell;
    }
    readings.push_back(std::move(reading));
  }
  if (!errors.empty()) return errors.ToStatus();
  return readings;
}

std::string AuditReadingTemplateCsv(const std::vector<std::string>& item_codes,
                                    const std::vector<std::vector<std::string>>& forms) {
  std::ostringstream out;
  out << kUtf8Bom;
  std::vector<std::string> header = {"form", "unit", "collector", "outcome"};
  header.insert(header.end(), item_codes.begin(), item_codes.end());
  WriteCsvRecord(out, header);
  for (const std::vector<std::string>& form : forms) {
    std::vector<std::string> row(header.size());
    for (std::size_t i = 0; i < form.size() && i < 3; ++i) row[i] = form[i];
    WriteCsvRecord(out, row);
  }
  return out.str();
}

}  // namespace phieu
