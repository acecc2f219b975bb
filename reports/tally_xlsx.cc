// The only libxlsxwriter code.

#include "reports/tally_xlsx.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/file.h"

namespace phieu {
namespace {

class Sheet {
 public:
  Sheet(lxw_workbook* book, const std::string& name, lxw_format* bold, lxw_format* decimal)
      : sheet_(workbook_add_worksheet(book, name.c_str())), bold_(bold), decimal_(decimal) {}

  // False when libxlsxwriter refused the sheet (its name): nothing can be written to it.
  bool ok() const { return sheet_ != nullptr; }
  void Header(int row, const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) Text(row, static_cast<int>(c), cells[c], bold_);
  }
  void Text(int row, int col, const std::string& text, lxw_format* format = nullptr) {
    // Always a string cell, never a formula, whatever the text starts with.
    if (ok() && !text.empty()) worksheet_write_string(sheet_, row, col, text.c_str(), format);
  }
  void Number(int row, int col, double value) {
    if (ok()) worksheet_write_number(sheet_, row, col, value, nullptr);
  }
  void Value(int row, int col, bool defined, double value) {
    if (ok() && defined) worksheet_write_number(sheet_, row, col, value, decimal_);
  }
  // Column widths, and the rows above `body` kept in view when scrolling.
  void Layout(const std::vector<double>& widths, int body = 1) {
    if (!ok()) return;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      worksheet_set_column(sheet_, c, c, widths[c], nullptr);
    }
    worksheet_freeze_panes(sheet_, body, 0);
  }

 private:
  lxw_worksheet* sheet_;
  lxw_format* bold_;
  lxw_format* decimal_;
};

// An Excel sheet name: at most 31 characters (bytes here, cut on a character boundary), none of
// []:*?/\, not starting or ending with an apostrophe (libxlsxwriter refuses such a name, and the
// sheet would not exist), never empty.
std::string SheetName(std::string name) {
  for (char& c : name) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '-';
  }
  while (name.size() > 31) {
    name.pop_back();
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();
    if (!name.empty() && (static_cast<unsigned char>(name.back()) & 0x80)) name.pop_back();
  }
  while (!name.empty() && name.back() == '\'') name.pop_back();
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  return name.empty() ? "-" : name;
}

// Writes the workbook into `file`; messages name `path`, where it is going.
Status WriteWorkbook(const Survey& survey, const Tally& t, const std::string& file,
                     const std::string& path) {
  lxw_workbook* book = workbook_new(file.c_str());
  if (book == nullptr) return Status::Error(path + ": cannot create the workbook");
  lxw_doc_properties properties{};
  std::string title = t.formula.title;
  properties.title = title.data();
  properties.created = 946684800;  // fixed (2000-01-01): the same tallies give the same file
  workbook_set_properties(book, &properties);
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* decimal = workbook_add_format(book);
  format_set_num_format(decimal, "0.00");

  Sheet indexes(book, "Chỉ số", bold, decimal);
  indexes.Text(0, 0, t.formula.title, bold);
  indexes.Text(1, 0, "Công thức " + t.formula.name + " " + t.formula.version + ", mã " +
                         t.formula.fingerprint.substr(0, 16) + "; khảo sát " + survey.name + " " +
                         survey.version + "; " + std::to_string(t.all.forms) + " phiếu hợp lệ");
  indexes.Header(3, {"Mã", "Nội dung", "Cấp", "Giá trị", "Số câu trả lời hợp lệ"});
  int row = 4;
  indexes.Text(row, 0, "TỔNG");
  indexes.Text(row, 1, t.formula.title);
  indexes.Text(row, 2, "overall");
  indexes.Value(row++, 3, t.all.overall_defined, t.all.overall);
  for (const GroupIndex& g : t.all.groups) {
    indexes.Text(row, 0, g.code);
    indexes.Text(row, 1, std::string(2 * g.depth, ' ') + g.title);
    indexes.Text(row, 2, g.level);
    indexes.Value(row, 3, g.defined, g.value);
    indexes.Number(row++, 4, g.valid);
  }
  const std::vector<AnswerItem> items = AnswerItems(survey);
  auto text_of = [&](const std::string& code) {
    for (const AnswerItem& i : items) {
      if (i.code == code) return i.text;
    }
    return std::string();
  };
  for (const ItemTally& it : t.all.items) {
    if (it.group.empty()) continue;
    indexes.Text(row, 0, it.item);
    indexes.Text(row, 1, text_of(it.item));
    indexes.Text(row, 2, "item");
    indexes.Value(row, 3, it.defined, it.value);
    indexes.Number(row++, 4, it.valid);
  }
  indexes.Layout({10, 70, 10, 10, 22}, 4);

  Sheet counts(book, "Số liệu", bold, decimal);
  std::set<std::string> codes;
  for (const ItemTally& it : t.all.items) {
    for (const auto& [code, n] : it.options) codes.insert(code);
  }
  std::vector<std::string> header = {"Mã", "Nội dung", "Hợp lệ", "Bỏ trống", "Không hợp lệ",
                                     "Chờ xem xét", "Thiếu trang"};
  for (const std::string& c : codes) header.push_back("Phương án " + c);
  counts.Header(0, header);
  row = 1;
  for (const ItemTally& it : t.all.items) {
    counts.Text(row, 0, it.item);
    counts.Text(row, 1, text_of(it.item));
    int col = 2;
    for (int n : {it.valid, it.blank, it.invalid, it.review, it.missing}) counts.Number(row, col++, n);
    for (const std::string& c : codes) {
      const auto n = it.options.find(c);
      counts.Number(row, col++, n == it.options.end() ? 0 : n->second);
    }
    ++row;
  }
  counts.Layout({10, 60, 8, 9, 12, 12, 11});

  if (!t.by.empty()) {
    const std::string name = SheetName("Theo " + t.by);
    Sheet parts(book, name, bold, decimal);
    if (!parts.ok()) {
      workbook_close(book);
      return Status::Error(path + ": the workbook cannot have a sheet named '" + name + "'");
    }
    std::vector<std::string> head = {t.by, "Số phiếu", "Tổng"};
    for (const GroupIndex& g : t.all.groups) {
      if (g.depth == 0) head.push_back(g.code);
    }
    parts.Header(0, head);
    row = 1;
    for (const TallyPart& p : t.parts) {
      parts.Text(row, 0, p.value);
      parts.Number(row, 1, p.indexes.forms);
      parts.Value(row, 2, p.indexes.overall_defined, p.indexes.overall);
      int col = 3;
      for (const GroupIndex& g : p.indexes.groups) {
        if (g.depth == 0) parts.Value(row, col++, g.defined, g.value);
      }
      ++row;
    }
    parts.Layout({30, 10, 10, 10, 10, 10});
  }

  Sheet coverage(book, "Độ bao phủ", bold, decimal);
  coverage.Header(0, {"Đơn vị", "Phát ra", "Thu về", "Tỷ lệ thu về (%)", "Hợp lệ", "Chờ xem xét",
                      "Bị loại"});
  row = 1;
  for (const UnitSummary& u : t.coverage) {
    coverage.Text(row, 0, u.unit.empty() ? "Tất cả" : u.unit);
    coverage.Number(row, 1, u.issued);
    coverage.Number(row, 2, u.returned);
    coverage.Value(row, 3, u.issued > 0, 100.0 * u.ReturnRate());
    coverage.Number(row, 4, u.accepted);
    coverage.Number(row, 5, u.needs_review);
    coverage.Number(row++, 6, u.rejected);
  }
  coverage.Layout({30, 10, 10, 16, 10, 12, 10});

  const lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR) {
    return Status::Error(path + ": cannot write the workbook (" + lxw_strerror(error) + ")");
  }
  return Status::Ok();
}

}  // namespace

Status WriteTallyXlsx(const Survey& survey, const Tally& t, const std::string& path) {
  // libxlsxwriter writes the zip in place as it closes the workbook: it writes a temporary file,
  // renamed when whole, so a killed or failed export never leaves half a workbook under `path`.
  const std::string temporary = TemporaryNameFor(path);
  Status status = WriteWorkbook(survey, t, temporary, path);
  std::error_code ec;
  if (status.ok()) {
    std::filesystem::rename(temporary, path, ec);
    if (ec) status = Status::Error(path + ": cannot write the workbook (" + ec.message() + ")");
  }
  if (!status.ok()) std::filesystem::remove(temporary, ec);
  return status;
}

}  // namespace phieu
