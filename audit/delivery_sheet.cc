#include "audit/delivery_sheet.h"

namespace phieu {
namespace {

constexpr double kTextPt = 9.5;

std::string OrNone(const std::string& value) { return value.empty() ? "(không có)" : value; }

// A question asked of the person: its text, then the answers to tick.
void Asked(PageFlow& flow, const std::string& question, const std::vector<std::string>& answers) {
  flow.KeepTogether(36);
  flow.Paragraph(question, kTextPt, FontStyle::kBold);
  flow.CheckBoxes(answers, kTextPt);
}

}  // namespace

void AddDeliverySheet(PageFlow& flow, const Survey& survey, const AuditSheetForm& form) {
  flow.PageHeader("Phiếu kiểm tra việc phát phiếu " + form.form_code);
  flow.RestartPageNumbers();
  flow.NewPage();
  flow.Heading("PHIẾU KIỂM TRA VIỆC PHÁT PHIẾU", 16);
  flow.Paragraph(form.form_code, 22, FontStyle::kMono);
  flow.Paragraph("Khảo sát: " + survey.name + " (phiên bản " + survey.version + ")", 9);
  flow.Paragraph(
      "Phiếu khảo sát mang mã trên đã được phát cho người có tên dưới đây nhưng chưa được thu "
      "về. Người phúc tra liên hệ trực tiếp với người này để xác minh việc phát phiếu và ghi lại "
      "câu trả lời. Không hỏi về nội dung ý kiến của người được khảo sát.",
      kTextPt);
  flow.Table({{"Người được phát phiếu", 1.5}, {"", 4}},
             {{"Họ và tên", OrNone(form.name)},
              {"Địa chỉ", OrNone(form.address)},
              {"Điện thoại", OrNone(form.phone)},
              {"Mã mẫu", OrNone(form.sample_id)},
              {"Đơn vị", OrNone(form.unit)},
              {"Điều tra viên giữ phiếu", OrNone(form.collector)}},
             kTextPt);
  flow.Heading("1. Kết quả liên hệ (đánh dấu một ô)", 11);
  flow.CheckBoxes({"Đã nhận phiếu", "Không nhận được phiếu", "Không liên lạc được"});
  flow.Paragraph("Hình thức liên hệ:", kTextPt, FontStyle::kBold);
  flow.CheckBoxes({"Gặp trực tiếp", "Điện thoại", "Hình thức khác: ……………………………"}, kTextPt);
  flow.Paragraph("Thời gian liên hệ: ……… giờ ……… ngày ……/……/20……", kTextPt);
  flow.Heading("2. Nếu người được khảo sát đã nhận phiếu", 11);
  flow.Paragraph("Ngày nhận phiếu: ……/……/20……", kTextPt, FontStyle::kBold);
  Asked(flow, "Người giao phiếu:",
        {"Điều tra viên nêu trên", "Người khác (ghi rõ họ tên): ………………………………"});
  Asked(flow, "Người được khảo sát đã điền phiếu chưa?", {"Đã điền", "Chưa điền"});
  Asked(flow, "Phiếu đã điền được giao lại cho ai?",
        {"Điều tra viên nêu trên", "Người khác (ghi rõ): ……………………………", "Chưa giao lại"});
  flow.Heading("3. Ghi chú của người phúc tra", 11);
  for (int i = 0; i < 4; ++i) {
    flow.Paragraph("………………………………………………………………………………………………………………………………", kTextPt);
  }
  flow.Space(4);
  flow.Paragraph("Người phúc tra: ………………………………………   Ngày: ……/……/20……   Chữ ký: ………………………",
                 kTextPt);
  flow.KeepTogether(120);  // the heading stays with the signature blocks
  flow.Heading("Xác nhận của đại diện giám sát", 11);
  flow.SignatureBlocks(
      {"Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam", "Đại diện Hội Cựu chiến binh Việt Nam"});
}

}  // namespace phieu
