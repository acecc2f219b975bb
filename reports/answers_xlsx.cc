#include "reports/answers_xlsx.h"

#include <map>

#include "reports/xlsx_workbook.h"

namespace phieu {
namespace {

// True when `cell` reads as the same whole number in Excel: digits, no leading zero, short.
bool IsWholeNumber(const std::string& cell) {
  if (cell.empty() || cell.size() > 9 || (cell.size() > 1 && cell[0] == '0')) return false;
  return cell.find_first_not_of("0123456789") == std::string::npos;
}

// What the forms' identifying columns hold, in the answers sheet's order.
struct IdColumn {
  std::string header, meaning;
};
std::vector<IdColumn> IdColumns(bool anonymous) {
  std::vector<IdColumn> columns;
  if (!anonymous) {
    columns.push_back({"Mã phiếu", "Mã in dưới mã QR của phiếu (ký tự cuối là ký tự kiểm tra)"});
    columns.push_back({"Mã mẫu", "Mã của người trả lời trong danh sách mẫu"});
  }
  columns.push_back({"Đơn vị", "Đơn vị hành chính của người trả lời"});
  columns.push_back({"Điều tra viên", "Điều tra viên đã thu phiếu về"});
  columns.push_back({"Trạng thái", "Kết quả kiểm tra phiếu (xem mục Trạng thái bên dưới)"});
  return columns;
}

// The questions of `survey` by code.
std::map<std::string, const Question*> QuestionsByCode(const Survey& survey) {
  std::map<std::string, const Question*> questions;
  for (const Section& section : survey.sections) {
    for (const Question& q : section.questions) questions[q.code] = &q;
  }
  return questions;
}

void WriteAnswers(XlsxSheet& sheet, const AnswerTable& table, bool anonymous) {
  std::vector<std::string> header;
  for (const IdColumn& c : IdColumns(anonymous)) header.push_back(c.header);
  for (const AnswerColumn& c : table.columns) header.push_back(c.header);
  header.insert(header.end(), table.text_headers.begin(), table.text_headers.end());
  sheet.Header(0, header);
  int row = 1;
  for (const AnswerTable::Row& r : table.rows) {
    int col = 0;
    if (!anonymous) {
      sheet.Text(row, col++, r.form);
      sheet.Text(row, col++, r.sample);
    }
    sheet.Text(row, col++, r.unit);
    sheet.Text(row, col++, r.collector);
    sheet.Text(row, col++, VerdictWords(r.verdict));
    for (const std::string& cell : r.cells) {
      if (IsWholeNumber(cell)) {
        sheet.Number(row, col++, std::stod(cell));
      } else {
        sheet.Text(row, col++, cell);
      }
    }
    // Typed words stay text, whatever they look like ("12", "=1+1").
    for (const std::string& cell : r.text) sheet.Text(row, col++, cell);
    ++row;
  }
  std::vector<double> widths;
  if (!anonymous) widths = {13, 12};
  widths.insert(widths.end(), {22, 14, 13});
  sheet.Layout(widths);
}

void WriteCodebook(XlsxSheet& sheet, const Survey& survey, const AnswerTable& table,
                   bool anonymous) {
  constexpr XlsxStyle bold = XlsxStyle::kBold;
  int row = 0;
  sheet.Text(row++, 0, "Giải thích mã — khảo sát " + survey.name + " " + survey.version, bold);
  sheet.Text(row++, 0,
             "Mỗi dòng của trang \"Trả lời\" là một phiếu đã thu về; mỗi cột là một câu hỏi "
             "(hoặc một dòng của câu hỏi dạng bảng). Câu hỏi chọn nhiều phương án có một cột "
             "cho mỗi phương án, ghi 1 hoặc 0.");
  ++row;
  sheet.Header(row++, {"Cột", "Câu hỏi", "Nội dung", "Giá trị", "Ý nghĩa"});
  for (const IdColumn& c : IdColumns(anonymous)) {
    sheet.Text(row, 0, c.header);
    sheet.Text(row++, 2, c.meaning);
  }
  const auto questions = QuestionsByCode(survey);
  for (const AnswerColumn& c : table.columns) {
    const auto q = questions.find(c.item.question);
    std::string text = c.item.text;
    if (q != questions.end() && q->second->kind == QuestionKind::kGrid) {
      text = q->second->text + " — " + c.item.text;
    }
    sheet.Text(row, 0, c.header, bold);
    sheet.Text(row, 1, c.item.question);
    sheet.Text(row++, 2, text);
    if (!c.option.empty()) {
      std::string label;
      for (const Option& o : c.item.options) {
        if (o.code == c.option) label = o.label;
      }
      sheet.Number(row, 3, 1);
      sheet.Text(row++, 4, "Có chọn phương án " + c.option + ": " + label);
      sheet.Number(row, 3, 0);
      sheet.Text(row++, 4, "Không chọn phương án này (đã chọn phương án khác của câu)");
      continue;
    }
    for (const Option& o : c.item.options) {
      if (IsWholeNumber(o.code)) {
        sheet.Number(row, 3, std::stod(o.code));
      } else {
        sheet.Text(row, 3, o.code);
      }
      sheet.Text(row++, 4, o.label);
    }
  }
  ++row;
  sheet.Text(row++, 0, "Giá trị đặc biệt (mọi cột câu hỏi)", bold);
  const std::pair<const char*, const char*> special[] = {
      {"(trống)", "Bỏ trống: không đánh dấu ô nào, hoặc trang có câu này không được thu về"},
      {"?", "Chờ xem xét: máy đọc chưa chắc chắn và người duyệt chưa quyết định"},
      {"*",
       "Không hợp lệ: đánh dấu nhiều ô ở câu chỉ được chọn một, hoặc người duyệt xác định câu "
       "trả lời không hợp lệ"},
  };
  for (const auto& [value, meaning] : special) {
    sheet.Text(row, 3, value);
    sheet.Text(row++, 4, meaning);
  }
  if (!table.text_headers.empty()) {
    ++row;
    sheet.Text(row++, 0, "Ý kiến viết tay (cột BOX:text, BOX:by, BOX:at)", bold);
    const std::pair<const char*, const char*> text[] = {
        {"BOX:text", "Chữ người duyệt đã gõ lại từ ô viết tay BOX của phiếu (không công bố)"},
        {"BOX:by", "Người đã gõ lại"},
        {"BOX:at", "Thời điểm gõ lại (giờ UTC)"},
        {"?", "Ô có chữ viết, chưa ai gõ lại"},
        {"*", "Người duyệt không đọc được chữ viết"},
        {"(trống)", "Ô không có chữ viết"},
    };
    for (const auto& [value, meaning] : text) {
      sheet.Text(row, 3, value);
      sheet.Text(row++, 4, meaning);
    }
  }
  ++row;
  sheet.Text(row++, 0, "Trạng thái", bold);
  const std::pair<Verdict, const char*> statuses[] = {
      {Verdict::kAccepted, "Phiếu được tính vào kết quả"},
      {Verdict::kNeedsReview, "Phiếu còn điểm chờ người xem xét; chưa được tính vào kết quả"},
      {Verdict::kRejected,
       "Phiếu không được tính (mã không hợp lệ, phiếu đã hủy, thiếu trang, phiếu trống ...)"},
  };
  for (const auto& [verdict, meaning] : statuses) {
    sheet.Text(row, 3, VerdictWords(verdict));
    sheet.Text(row++, 4, meaning);
  }
  sheet.Layout({13, 10, 70, 12, 60}, 4);
}

}  // namespace

std::string VerdictWords(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAccepted:
      return "Hợp lệ";
    case Verdict::kNeedsReview:
      return "Chờ xem xét";
    case Verdict::kRejected:
      return "Bị loại";
    case Verdict::kNotReturned:
      return "Chưa thu về";
  }
  return "?";
}

Status WriteAnswersXlsx(const Survey& survey, const AnswerTable& table, bool anonymous,
                        const std::string& path) {
  Result<std::unique_ptr<XlsxWorkbook>> book =
      XlsxWorkbook::Create(path, "Kết quả trả lời — khảo sát " + survey.name);
  if (!book.ok()) return book.status();
  WriteAnswers((*book)->AddSheet("Trả lời"), table, anonymous);
  WriteCodebook((*book)->AddSheet("Giải thích mã"), survey, table, anonymous);
  return (*book)->Close();
}

}  // namespace phieu
