#pragma once
// An Excel workbook being written: the only place that touches libxlsxwriter (xlsx_workbook.cc).
// Sheets of text and number cells, bold headers, values shown with 2 decimals, column widths and
// header rows kept in view. The workbook's creation date is fixed, so the same content gives the
// same file; it is written through a temporary file and a rename, so the file at its path is
// whole or as it was, whatever happens.

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"

namespace phieu {

enum class XlsxStyle { kPlain, kBold };

class XlsxSheet {
 public:
  // False when Excel cannot have a sheet of this name (see XlsxSheetName): writes do nothing.
  bool ok() const { return sheet_ != nullptr; }
  // `cells` in bold from column 0 of `row`.
  void Header(int row, const std::vector<std::string>& cells);
  // Always a string cell, never a formula, whatever `text` starts with; nothing when empty.
  void Text(int row, int col, const std::string& text, XlsxStyle style = XlsxStyle::kPlain);
  void Number(int row, int col, double value);
  // `value` shown with 2 decimals; the cell is left empty when not `defined`.
  void Value(int row, int col, bool defined, double value);
  // Column widths (in characters) from column 0, and the rows above `body` kept in view.
  void Layout(const std::vector<double>& widths, int body = 1);

 private:
  friend class XlsxWorkbook;
  XlsxSheet(void* sheet, void* bold, void* decimal)
      : sheet_(sheet), bold_(bold), decimal_(decimal) {}
  void* sheet_;  // lxw_worksheet*
  void* bold_;   // lxw_format*
  void* decimal_;
};

class XlsxWorkbook {
 public:
  // A new workbook titled `title`, to be written to `path` by Close(). Fails with
  // "PATH: cannot create the workbook".
  static Result<std::unique_ptr<XlsxWorkbook>> Create(const std::string& path,
                                                      const std::string& title);
  // Drops the temporary file unless Close() succeeded.
  ~XlsxWorkbook();

  // A new sheet named `name`, after the others; check ok() when the name comes from data.
  XlsxSheet& AddSheet(const std::string& name);

  // Writes the workbook to its path. Fails with "PATH: cannot write the workbook (reason)",
  // leaving no file behind.
  Status Close();

 private:
  XlsxWorkbook() = default;
  void* book_ = nullptr;  // lxw_workbook*, until closed
  void* bold_ = nullptr;
  void* decimal_ = nullptr;
  std::string path_, temporary_, title_;
  bool written_ = false;
  std::vector<std::unique_ptr<XlsxSheet>> sheets_;
};

// `name` made a name Excel accepts for a sheet: at most 31 characters (bytes here, cut on a
// character boundary), none of []:*?/\, not starting or ending with an apostrophe, never empty.
std::string XlsxSheetName(std::string name);

}  // namespace phieu
