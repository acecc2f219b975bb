#include "core/csv.h"

#include "core/text.h"

namespace phieu {

namespace {

// No name, address or answer comes near these: past them the file is not what it was meant to
// be (a binary export, a misplaced quote swallowing the rest of the file), and going on would
// only cost memory and time (a record of a million fields made `sample list` run for minutes).
constexpr std::size_t kMaxFieldBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxFields = 1000;

// Splits `text` into records. Stops at the first quoting error, since what follows a broken quote
// cannot be trusted.
class CsvLexer {
 public:
  CsvLexer(std::string_view text, ErrorList& errors) : text_(text), errors_(errors) {}

  // Reads the next record into `record`; false at the end of input or after a quoting error.
  bool Next(CsvRecord& record) {
    while (pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r')) SkipLineEnd();
    if (pos_ >= text_.size() || failed_) return false;
    record.line = line_;
    record.fields.clear();
    std::string field;
    while (true) {
      if (!ReadField(field)) {
        failed_ = true;
        return false;
      }
      record.fields.push_back(std::move(field));
      field.clear();
      if (record.fields.size() > kMaxFields) {
        errors_.Add(record.line, "more than " + std::to_string(kMaxFields) +
                                     " fields in one record: this is not a list phieu reads");
        failed_ = true;
        return false;
      }
      if (pos_ >= text_.size()) return true;
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      SkipLineEnd();
      return true;
    }
  }

 private:
  void SkipLineEnd() {
    if (text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
  }

  bool AtFieldEnd() const {
    return pos_ >= text_.size() || text_[pos_] == ',' || text_[pos_] == '\n' ||
           text_[pos_] == '\r';
  }

  bool ReadField(std::string& field) {
    if (pos_ < text_.size() && text_[pos_] == '"') return ReadQuotedField(field);
    while (!AtFieldEnd()) {
      if (text_[pos_] == '"') {
        errors_.Add(line_, "stray '\"' inside an unquoted field (quote the whole field)");
        return false;
      }
      field.push_back(text_[pos_++]);
      if (!FieldFits(field)) return false;
    }
    return true;
  }

  bool FieldFits(const std::string& field) {
    if (field.size() <= kMaxFieldBytes) return true;
    errors_.Add(line_, "a field longer than " + std::to_string(kMaxFieldBytes >> 20) +
                           " MB: no name or address is that long (a quote left open?)");
    return false;
  }

  bool ReadQuotedField(std::string& field) {
    const int start_line = line_;
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= text_.size()) {
        errors_.Add(start_line, "quoted field is never closed");
        return false;
      }
      const char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field.push_back('"');
          ++pos_;
          continue;
        }
        if (!AtFieldEnd()) {
          errors_.Add(line_, "unexpected text after a closing '\"'");
          return false;
        }
        return true;
      }
      if (c == '\n') ++line_;
      field.push_back(c);
      if (!FieldFits(field)) return false;
    }
  }

  std::string_view text_;
  ErrorList& errors_;
  std::size_t pos_ = 0;
  int line_ = 1;
  bool failed_ = false;
};

// "12", "-3.5": what a spreadsheet reads as a number, never as a formula.
bool IsPlainNumber(std::string_view v) {
  if (v.starts_with('-')) v.remove_prefix(1);
  const std::size_t point = v.find('.');
  const std::string_view whole = v.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? "" : v.substr(point + 1);
  const auto digits = [](std::string_view d) {
    return !d.empty() && d.find_first_not_of("0123456789") == std::string_view::npos;
  };
  return digits(whole) && (point == std::string_view::npos || digits(fraction));
}

// Whether `cell`, looked at past any leading apostrophes, is text a spreadsheet would run: it
// starts with = + - @ tab or CR and is not a plain number.
bool RunsAsFormula(std::string_view cell) {
  const std::size_t start = cell.find_first_not_of('\'');
  if (start == std::string_view::npos) return false;
  const std::string_view rest = cell.substr(start);
  return std::string_view("=+-@\t\r").find(rest.front()) != std::string_view::npos &&
         !IsPlainNumber(rest);
}

int LineOfOffset(std::string_view text, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset; ++i) line += text[i] == '\n';
  return line;
}

}  // namespace

Result<CsvTable> ParseCsv(std::string_view text, std::string_view file_name,
                          std::size_t max_errors) {
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  ErrorList errors(file_name, max_errors);
  if (const auto bad = FindInvalidUtf8(text)) {
    errors.Add(LineOfOffset(text, *bad), "invalid UTF-8 (save the file as UTF-8)");
    return errors.ToStatus();
  }
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    errors.Add(LineOfOffset(text, nul),
               "a NUL byte: this is not a text file (export the list again as CSV, UTF-8)");
    return errors.ToStatus();
  }

  CsvTable table;
  CsvLexer lexer(text, errors);
  CsvRecord record;
  if (!lexer.Next(record)) {
    if (errors.empty()) errors.Add(1, "the file is empty (a header row is required)");
    return errors.ToStatus();
  }
  for (auto& name : record.fields) table.header.emplace_back(Trim(FromSpreadsheetSafeCell(name)));
  while (lexer.Next(record)) {
    if (record.fields.size() != table.header.size()) {
      errors.Add(record.line, std::to_string(record.fields.size()) + " field(s), but the header has " +
                                  std::to_string(table.header.size()));
      continue;
    }
    for (std::string& field : record.fields) field = FromSpreadsheetSafeCell(field);
    table.records.push_back(std::move(record));
    record = CsvRecord{};
  }
  if (!errors.empty()) return errors.ToStatus();
  return table;
}

std::string SpreadsheetSafeCell(std::string_view value) {
  return RunsAsFormula(value) ? "'" + std::string(value) : std::string(value);
}

std::string FromSpreadsheetSafeCell(std::string_view cell) {
  return cell.starts_with('\'') && RunsAsFormula(cell) ? std::string(cell.substr(1))
                                                       : std::string(cell);
}

void WriteCsvRecord(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    const std::string f = SpreadsheetSafeCell(fields[i]);
    // A record of one empty field is quoted, or it would be a blank line, which readers skip.
    const bool quote = f.find_first_of(",\"\r\n") != std::string::npos ||
                       (!f.empty() && (f.front() == ' ' || f.back() == ' ')) ||
                       (f.empty() && fields.size() == 1);
    if (!quote) {
      out << f;
      continue;
    }
    out << '"';
    for (char c : f) {
      if (c == '"') out << '"';
      out << c;
    }
    out << '"';
  }
  out << "\r\n";
}

}  // namespace phieu
