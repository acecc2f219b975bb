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
  flow.Paragraph("Khảo sát " + survey.name + " (phiên bản " + survey.version +
                     "). Phiếu trên đã phát nhưng chưa thu về: liên hệ người được phát phiếu để "
                     "xác minh, không hỏi về nội dung ý kiến.",
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
  Asked(flow, "Liên hệ lúc ……… giờ ……… ngày ……/……/20……, bằng hình thức:",
        {"Gặp trực tiếp", "Điện thoại", "Hình thức khác: ……………………………"});
  flow.Heading("2. Nếu người được khảo sát đã nhận phiếu", 11);
  Asked(flow, "Ngày nhận phiếu: ……/……/20……     Người giao phiếu:",
        {"Điều tra viên nêu trên", "Người khác (ghi rõ họ tên): ………………………………"});
  Asked(flow, "Người được khảo sát đã điền phiếu chưa?", {"Đã điền", "Chưa điền"});
  Asked(flow, "Phiếu đã điền được giao lại cho ai?",
        {"Điều tra viên nêu trên", "Người khác (ghi rõ): ……………………………", "Chưa giao lại"});
  flow.Heading("3. Ghi chú của người phúc tra", 11);
  for (int i = 0; i < 2; ++i) {
    flow.Paragraph("………………………………………………………………………………………………………………………………", kTextPt);
  }
  flow.Space(4);
  flow.Paragraph("Người phúc tra: ………………………………………   Ngày: ……/……/20……   Chữ ký: ………………………",
                 kTextPt);
  flow.KeepTogether(140);  // the heading stays with the signature blocks (PageFlow: 114 pt)
  flow.Heading("Xác nhận của đại diện giám sát", 11);
  flow.SignatureBlocks(
      {"Đại diện Ủy ban Mặt trận Tổ quốc Việt Nam", "Đại diện Hội Cựu chiến binh Việt Nam"});
}

}  // namespace phieu
