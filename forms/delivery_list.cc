#include "forms/delivery_list.h"

#include <algorithm>
#include <map>

#include "core/geometry.h"
#include "core/layout.h"
#include "forms/pdf_document.h"

namespace phieu {
namespace {

constexpr PageSize kA4Landscape{kA4.height_pt, kA4.width_pt};
constexpr double kMargin = 12 * kMillimetre;
constexpr double kBodyPt = 8.5;
constexpr double kLine = kBodyPt * 1.35;
constexpr double kPad = 3;

struct Column {
  const char* title;
  double width_pt;
};

const std::vector<Column>& Columns() {
  static const std::vector<Column> columns = {
      {"STT", 11 * kMillimetre},       {"Mã phiếu", 27 * kMillimetre},
      {"Họ và tên", 45 * kMillimetre}, {"Địa chỉ", 72 * kMillimetre},
      {"Đơn vị", 38 * kMillimetre},    {"Ngày giao", 22 * kMillimetre},
      {"Ngày thu", 22 * kMillimetre},  {"Chữ ký người trả lời", 36 * kMillimetre}};
  return columns;
}

// A cell holds at most this many lines, and is wrapped from at most this many bytes of its text,
// so that a row always fits on a page, however long a name or address in the sample list is.
constexpr std::size_t kMaxCellLines = 6;
constexpr std::size_t kMaxCellBytes = 1000;
constexpr std::string_view kEllipsis = "…";

// The lines `text` takes in a column `width_pt` wide: at most kMaxCellLines, the last ending in
// "…" when the text is longer (the CSV list has every character).
std::vector<std::string> CellLines(std::string_view text, double width_pt, FontStyle style,
                                   const TextMetrics& metrics) {
  bool cut = false;
  if (text.size() > kMaxCellBytes) {
    std::size_t end = kMaxCellBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    text = text.substr(0, end);
    cut = true;
  }
  std::vector<std::string> lines = WrapText(text, width_pt, style, kBodyPt, metrics);
  if (lines.size() > kMaxCellLines) {
    lines.resize(kMaxCellLines);
    cut = true;
  }
  if (cut) {
    std::string& last = lines.back();
    while (!last.empty() &&
           metrics.WidthPt(last + std::string(kEllipsis), style, kBodyPt) > width_pt) {
      last.pop_back();
      while (!last.empty() && (static_cast<unsigned char>(last.back()) & 0xC0) == 0x80) {
        last.pop_back();
      }
      if (!last.empty() && (static_cast<unsigned char>(last.back()) & 0x80)) last.pop_back();
    }
    last += kEllipsis;
  }
  return lines;
}

// One page's worth of rows for one collector.
struct PagePlan {
  std::string collector;
  std::vector<std::size_t> rows;  // indexes into the input
};

class DeliveryListWriter {
 public:
  DeliveryListWriter(PdfDocument& pdf, const std::vector<DeliveryRow>& rows, const std::string& title)
      : pdf_(pdf), rows_(rows), title_(title) {}

  void Write() {
    const std::vector<PagePlan> plan = Plan();
    for (std::size_t p = 0; p < plan.size(); ++p) DrawPage(plan[p], static_cast<int>(p + 1),
                                                            static_cast<int>(plan.size()));
  }

 private:
  std::vector<std::string> Cells(std::size_t index, int number) const {
    const DeliveryRow& r = rows_[index];
    return {std::to_string(number), r.form_code, r.reserve ? r.name + " (dự phòng)" : r.name,
            r.address, r.unit, "", "", ""};
  }

  double RowHeight(const std::vector<std::string>& cells) const {
    std::size_t lines = 1;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      lines = std::max(lines, CellLines(cells[c], Columns()[c].width_pt - 2 * kPad,
                                        c == 1 ? FontStyle::kMono : FontStyle::kRegular, pdf_)
                                  .size());
    }
    return std::max(10 * kMillimetre, lines * kLine + 2 * kPad);
  }

  double TableTop() const { return kMargin + 16 * kMillimetre; }
  double TableBottom() const { return kA4Landscape.height_pt - kMargin - 6 * kMillimetre; }

  std::vector<PagePlan> Plan() const {
    std::vector<std::string> collectors;
    std::map<std::string, std::vector<std::size_t>> by_collector;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      auto [it, added] = by_collector.try_emplace(rows_[i].collector);
      if (added) collectors.push_back(rows_[i].collector);
      it->second.push_back(i);
    }
    std::vector<PagePlan> pages;
    for (const std::string& collector : collectors) {
      pages.push_back({collector, {}});
      double y = TableTop() + HeaderHeight();
      int number = 0;
      for (std::size_t index : by_collector[collector]) {
        const double h = RowHeight(Cells(index, ++number));
        if (y + h > TableBottom() && !pages.back().rows.empty()) {
          pages.push_back({collector, {}});
          y = TableTop() + HeaderHeight();
        }
        pages.back().rows.push_back(index);
        y += h;
      }
    }
    return pages;
  }

  double HeaderHeight() const { return kLine + 2 * kPad; }

  void DrawRow(const std::vector<std::string>& cells, double top, double height, FontStyle style) {
    double x = kMargin;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const double w = Columns()[c].width_pt;
      const FontStyle cell_style = style == FontStyle::kBold ? style : (c == 1 ? FontStyle::kMono : style);
      const auto lines = CellLines(cells[c], w - 2 * kPad, cell_style, pdf_);
      for (std::size_t l = 0; l < lines.size(); ++l) {
        pdf_.Text({x + kPad, top + kPad + l * kLine + kBodyPt, kBodyPt, cell_style, lines[l]});
      }
      pdf_.StrokeRect({x, top, w, height}, 0.5);
      x += w;
    }
  }

  void DrawPage(const PagePlan& page, int number, int total) {
    pdf_.AddPage(kA4Landscape);
    pdf_.Text({kMargin, kMargin + 10, 11, FontStyle::kBold, "DANH SÁCH GIAO - THU PHIẾU KHẢO SÁT"});
    pdf_.Text({kMargin, kMargin + 24, 9, FontStyle::kRegular, title_});
    pdf_.Text({kMargin, kMargin + 37, 9, FontStyle::kBold,
               "Điều tra viên: " + (page.collector.empty() ? std::string("(chưa phân công)") : page.collector)});
    const std::string confidential = "Tài liệu có thông tin cá nhân: không sao chép, nộp lại sau khi thu phiếu.";
    pdf_.Text({kA4Landscape.width_pt - kMargin - pdf_.WidthPt(confidential, FontStyle::kRegular, 8),
               kMargin + 10, 8, FontStyle::kRegular, confidential});
    std::vector<std::string> header;
    for (const Column& c : Columns()) header.push_back(c.title);
    pdf_.FillRect({kMargin, TableTop(), kA4Landscape.width_pt - 2 * kMargin, HeaderHeight()}, 0.9);
    DrawRow(header, TableTop(), HeaderHeight(), FontStyle::kBold);
    double y = TableTop() + HeaderHeight();
    // Row numbers count within the collector's list, across pages.
    int row_number = first_number_[page.collector];
    for (std::size_t index : page.rows) {
      const auto cells = Cells(index, ++row_number);
      const double h = RowHeight(cells);
      DrawRow(cells, y, h, FontStyle::kRegular);
      y += h;
    }
    first_number_[page.collector] = row_number;
    const std::string footer = "Trang " + std::to_string(number) + "/" + std::to_string(total);
    pdf_.Text({(kA4Landscape.width_pt - pdf_.WidthPt(footer, FontStyle::kRegular, 8)) / 2,
               kA4Landscape.height_pt - kMargin + 4, 8, FontStyle::kRegular, footer});
  }

  PdfDocument& pdf_;
  const std::vector<DeliveryRow>& rows_;
  std::string title_;
  std::map<std::string, int> first_number_;
};

}  // namespace

Result<std::string> RenderDeliveryList(const std::vector<DeliveryRow>& rows,
                                       const std::string& title) {
  Result<std::unique_ptr<PdfDocument>> pdf = PdfDocument::Create();
  if (!pdf.ok()) return pdf.status();
  if (rows.empty()) return Status::Error("no issued forms to list; print the forms first");
  DeliveryListWriter(**pdf, rows, title).Write();
  return (*pdf)->Bytes();
}

}  // namespace phieu
