// The tallies' workbook; cells are written through reports/xlsx_workbook.h.

#include "reports/tally_xlsx.h"

#include <algorithm>
#include <set>

#include "reports/xlsx_workbook.h"

namespace phieu {

Status WriteTallyXlsx(const Survey& survey, const Tally& t, const std::string& path) {
  Result<std::unique_ptr<XlsxWorkbook>> workbook = XlsxWorkbook::Create(path, t.formula.title);
  if (!workbook.ok()) return workbook.status();
  XlsxWorkbook& book = **workbook;
  constexpr XlsxStyle bold = XlsxStyle::kBold;

  XlsxSheet& indexes = book.AddSheet("Chỉ số");
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

  XlsxSheet& counts = book.AddSheet("Số liệu");
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
    const std::string name = XlsxSheetName("Theo " + t.by);
    XlsxSheet& parts = book.AddSheet(name);
    if (!parts.ok()) {
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

  XlsxSheet& coverage = book.AddSheet("Độ bao phủ");
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

  return book.Close();
}

}  // namespace phieu
