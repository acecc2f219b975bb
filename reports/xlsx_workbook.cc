// The only libxlsxwriter code.

#include "reports/xlsx_workbook.h"

#include <xlsxwriter.h>

#include <filesystem>
#include <string_view>

#include "core/file.h"

namespace phieu {
namespace {

lxw_worksheet* AsSheet(void* p) { return static_cast<lxw_worksheet*>(p); }
lxw_format* AsFormat(void* p) { return static_cast<lxw_format*>(p); }

}  // namespace

void XlsxSheet::Header(int row, const std::vector<std::string>& cells) {
  for (std::size_t c = 0; c < cells.size(); ++c) {
    Text(row, static_cast<int>(c), cells[c], XlsxStyle::kBold);
  }
}

void XlsxSheet::Text(int row, int col, const std::string& text, XlsxStyle style) {
  if (!ok() || text.empty()) return;
  worksheet_write_string(AsSheet(sheet_), row, col, text.c_str(),
                         style == XlsxStyle::kBold ? AsFormat(bold_) : nullptr);
}

void XlsxSheet::Number(int row, int col, double value) {
  if (ok()) worksheet_write_number(AsSheet(sheet_), row, col, value, nullptr);
}

void XlsxSheet::Value(int row, int col, bool defined, double value) {
  if (ok() && defined) worksheet_write_number(AsSheet(sheet_), row, col, value, AsFormat(decimal_));
}

void XlsxSheet::Layout(const std::vector<double>& widths, int body) {
  if (!ok()) return;
  for (std::size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(AsSheet(sheet_), c, c, widths[c], nullptr);
  }
  worksheet_freeze_panes(AsSheet(sheet_), body, 0);
}

Result<std::unique_ptr<XlsxWorkbook>> XlsxWorkbook::Create(const std::string& path,
                                                           const std::string& title) {
  // libxlsxwriter writes the zip in place as it closes the workbook: it writes a temporary file,
  // renamed when whole, so a killed or failed export never leaves half a workbook under `path`.
  std::unique_ptr<XlsxWorkbook> w(new XlsxWorkbook());
  w->path_ = path;
  w->temporary_ = TemporaryNameFor(path);
  w->title_ = title;
  lxw_workbook* book = workbook_new(w->temporary_.c_str());
  if (book == nullptr) return Status::Error(path + ": cannot create the workbook");
  w->book_ = book;
  lxw_doc_properties properties{};
  properties.title = w->title_.data();
  properties.created = 946684800;  // fixed (2000-01-01): the same content gives the same file
  workbook_set_properties(book, &properties);
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* decimal = workbook_add_format(book);
  format_set_num_format(decimal, "0.00");
  w->bold_ = bold;
  w->decimal_ = decimal;
  return w;
}

XlsxWorkbook::~XlsxWorkbook() {
  if (book_ != nullptr) workbook_close(static_cast<lxw_workbook*>(book_));
  if (!written_) {
    std::error_code ec;
    std::filesystem::remove(temporary_, ec);
  }
}

XlsxSheet& XlsxWorkbook::AddSheet(const std::string& name) {
  lxw_worksheet* sheet =
      book_ ? workbook_add_worksheet(static_cast<lxw_workbook*>(book_), name.c_str()) : nullptr;
  sheets_.push_back(std::unique_ptr<XlsxSheet>(new XlsxSheet(sheet, bold_, decimal_)));
  return *sheets_.back();
}

Status XlsxWorkbook::Close() {
  if (book_ == nullptr) return Status::Error(path_ + ": the workbook is already closed");
  const lxw_error error = workbook_close(static_cast<lxw_workbook*>(book_));
  book_ = nullptr;
  if (error != LXW_NO_ERROR) {
    return Status::Error(path_ + ": cannot write the workbook (" + lxw_strerror(error) + ")");
  }
  std::error_code ec;
  std::filesystem::rename(temporary_, path_, ec);
  if (ec) return Status::Error(path_ + ": cannot write the workbook (" + ec.message() + ")");
  written_ = true;
  return Status::Ok();
}

std::string XlsxSheetName(std::string name) {
  for (char& c : name) {
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '-';
  }
  while (name.size() > 31) {
    name.pop_back();
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80)
      name.pop_back();
    if (!name.empty() && (static_cast<unsigned char>(name.back()) & 0x80)) name.pop_back();
  }
  while (!name.empty() && name.back() == '\'') name.pop_back();
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  return name.empty() ? "-" : name;
}

}  // namespace phieu
