#include "audit/audit_sheet.h"

#include "audit/delivery_sheet.h"
#include "core/text.h"
#include "forms/page_flow.h"

namespace phieu {
namespace {

constexpr double kItemPt = 9;
constexpr const char* kUnreadable = "Không đọc được";

// What the form prints for `option` (core/layout.cc): a scale's bubbles are numbered with their
// codes, every other option carries its label (a grid's in its column header). The code follows
// in brackets, for whoever types the sheet into the readings CSV; an option printed without a
// label (a grid's middle columns may have none) shows its code alone.
std::string OptionText(QuestionKind kind, const Option& option) {
  if (kind == QuestionKind::kScale || option.label.empty()) return option.code;
  return option.label + " (" + option.code + ")";
}

// A grid as on the form: one row per grid row, one tick column per option headed by its label.
void Grid(PageFlow& flow, const Question& q) {
  flow.KeepTogether(90);
  flow.Paragraph(q.text, kItemPt, FontStyle::kBold);
  std::vector<FlowColumn> columns = {
      {"Câu", 0.9},
      {.title = q.row_header.empty() ? "Nội dung" : q.row_header, .width = 4.6, .one_line = true}};
  for (const Option& o : q.options) {
    columns.push_back({.title = OptionText(q.kind, o), .width = 1, .box = FlowBox::kTick});
  }
  columns.push_back({.title = kUnreadable, .width = 1, .box = FlowBox::kTick});
  std::vector<std::vector<std::string>> rows;
  for (const GridRow& row : q.rows) rows.push_back({row.code, row.text});
  flow.Table(columns, rows, 8);
}

// Any other read question: its code and text, then its options as on the form, each a box.
void Choice(PageFlow& flow, const Question& q) {
  flow.KeepTogether(60);
  flow.Paragraph(q.code + "  " + q.text, kItemPt, FontStyle::kBold);
  if (q.kind == QuestionKind::kMulti) flow.Paragraph("(Có thể chọn nhiều phương án)", 8);
  if (q.kind == QuestionKind::kScale && (!q.low_label.empty() || !q.high_label.empty())) {
    flow.Paragraph(q.options.front().code + " = " + q.low_label + "; " + q.options.back().code +
                       " = " + q.high_label,
                   8);
  }
  std::vector<std::string> labels;
  for (const Option& o : q.options) labels.push_back(OptionText(q.kind, o));
  labels.push_back(kUnreadable);
  flow.CheckBoxes(labels, kItemPt);
}

std::string OrNone(const std::string& value) { return value.empty() ? "(không có)" : value; }

void Sheet(PageFlow& flow, const Survey& survey, const AuditSheetForm& form) {
  flow.PageHeader("Phiếu phúc tra " + form.form_code);
  flow.RestartPageNumbers();
  flow.NewPage();
  flow.Heading("PHIẾU PHÚC TRA", 16);
  flow.Paragraph(form.form_code, 22, FontStyle::kMono);
  flow.Paragraph("Khảo sát: " + survey.name + " (phiên bản " + survey.version + ")", 9);
  flow.Table({{"Người trả lời", 1.3}, {"", 4}},
             {{"Họ và tên", OrNone(form.name)},
              {"Địa chỉ", OrNone(form.address)},
              {"Điện thoại", OrNone(form.phone)},
              {"Mã mẫu", OrNone(form.sample_id)},
              {"Đơn vị", OrNone(form.unit)},
              {"Điều tra viên", OrNone(form.collector)}},
             9.5);
  flow.Heading("Kết quả liên hệ (đánh dấu một ô)", 11);
  flow.CheckBoxes(
      {"Đã xác nhận", "Không nhận được phiếu", "Người khác điền", "Không liên lạc được"});
  flow.Paragraph("Người phúc tra: ………………………………………   Ngày: ……/……/20……   Chữ ký: ………………………", 9.5);
  flow.Heading("Câu trả lời đọc được trên phiếu giấy", 11);
  flow.Paragraph(
      "Đánh dấu vào ô của phương án được tô trên phiếu giấy; tên các phương án in như trên phiếu, "
      "số trong ngoặc là mã để nhập kết quả. Câu bỏ trống trên phiếu: để trống. Câu một lựa chọn "
      "mà phiếu tô nhiều ô: đánh dấu mọi ô đã tô (nhập là *). Không đọc được: đánh dấu ô "
      "\"Không đọc được\" (nhập là ?).",
      9);
  for (const Section& section : survey.sections) {
    if (!section.title.empty()) flow.Paragraph(section.title, 9.5, FontStyle::kBold);
    for (const Question& q : section.questions) {
      if (q.kind == QuestionKind::kText || q.options.empty()) continue;
      if (q.kind == QuestionKind::kGrid) {
        Grid(flow, q);
      } else {
        Choice(flow, q);
      }
    }
  }
  flow.KeepTogether(160);  // the heading stays with the signature blocks
  flow.Heading("Xác nhận của đại diện giám sát", 11);
  flow.SignatureBlocks(
      {"Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam", "Đại diện Hội Cựu chiến binh Việt Nam"});
}

}  // namespace

Result<std::string> RenderAuditSheets(const Survey& survey,
                                      const std::vector<AuditSheetForm>& forms) {
  if (forms.empty()) return Status::Error("no forms to print re-reading sheets for");
  auto made = PageFlow::Create("Phiếu phúc tra — Có thông tin cá nhân — giữ kín");
  if (!made.ok()) return made.status();
  for (const AuditSheetForm& form : forms) {
    if (form.unreturned) {
      AddDeliverySheet(**made, survey, form);
    } else {
      Sheet(**made, survey, form);
    }
  }
  return (*made)->Finish();
}

}  // namespace phieu
