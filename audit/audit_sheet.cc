#include "audit/audit_sheet.h"

#include "core/text.h"
#include "forms/page_flow.h"

namespace phieu {
namespace {

// One row per answer item that is read (free text is not): code, text, option codes, and the
// empty cell the auditor writes in.
std::vector<std::vector<std::string>> ItemRows(const Survey& survey) {
  std::vector<std::vector<std::string>> rows;
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.kind == QuestionKind::kText || item.options.empty()) continue;
    std::vector<std::string> codes;
    for (const Option& o : item.options) codes.push_back(o.code);
    std::string options = item.kind == QuestionKind::kScale
                              ? codes.front() + "–" + codes.back()  // every whole number between
                              : Join(codes, ", ");
    if (item.kind == QuestionKind::kMulti) options += " (chọn nhiều)";
    rows.push_back({item.code, item.text, options, ""});
  }
  return rows;
}

std::string OrNone(const std::string& value) { return value.empty() ? "(không có)" : value; }

void Sheet(PageFlow& flow, const Survey& survey, const AuditSheetForm& form,
           const std::vector<std::vector<std::string>>& items) {
  flow.PageHeader("Phiếu phúc tra " + form.form_code);
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
      "Ghi mã phương án đọc được trên phiếu giấy; để trống nếu câu bỏ trống; ghi * nếu "
      "chọn nhiều phương án ở câu một lựa chọn; ở câu chọn nhiều, ghi mọi mã đã chọn; "
      "ghi ? nếu không đọc được.",
      9);
  flow.Table({{"Câu", 0.85},
              {.title = "Nội dung", .width = 5.2, .one_line = true},
              {"Phương án", 2},
              {.title = "Đọc được", .width = 1.7, .box = FlowBox::kWrite}},
             items, 10);
}

}  // namespace

Result<std::string> RenderAuditSheets(const Survey& survey,
                                      const std::vector<AuditSheetForm>& forms) {
  if (forms.empty()) return Status::Error("no forms to print re-reading sheets for");
  auto made = PageFlow::Create("Phiếu phúc tra — Có thông tin cá nhân — giữ kín");
  if (!made.ok()) return made.status();
  const auto items = ItemRows(survey);
  for (const AuditSheetForm& form : forms) Sheet(**made, survey, form, items);
  return (*made)->Finish();
}

}  // namespace phieu
