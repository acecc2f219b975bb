#include "audit/audit_compare_pdf.h"

#include <algorithm>

#include "core/text.h"
#include "core/vietnamese_format.h"
#include "forms/page_flow.h"

namespace phieu {
namespace {

constexpr double kCropMaxHeightPt = 160;
// Room for a heading, a line of text and a table's first rows, so that none is left alone at
// the foot of a page.
constexpr double kSectionStartPt = 110;
constexpr double kCropPtPerPixel =
    0.72;  // at most 100 pixels per inch: a scan crop is not blown up

std::string Percent(double value) { return VietnamesePercent(value, 1); }

std::string Cell(const std::string& value) { return value.empty() ? "(trống)" : value; }

void StartSection(PageFlow& flow, const std::string& title) {
  flow.KeepTogether(kSectionStartPt);
  flow.Heading(title, 13);
}

void AgreementTable(PageFlow& flow, const std::string& title,
                    const std::vector<Agreement>& agreements) {
  std::vector<std::vector<std::string>> rows;
  for (const Agreement& a : agreements) {
    rows.push_back({a.name.empty() ? "(không ghi)" : a.name, std::to_string(a.forms),
                    std::to_string(a.compared), std::to_string(a.agreeing),
                    a.compared ? Percent(a.Rate()) : "–"});
  }
  if (rows.empty()) {
    flow.Paragraph("Chưa có số liệu.");
    return;
  }
  flow.Table({{title, 3},
              {"Số phiếu", 1, true},
              {"Số câu đối chiếu", 1.3, true},
              {"Số câu khớp", 1.1, true},
              {"Tỷ lệ khớp", 1.1, true}},
             rows);
}

void Summary(PageFlow& flow, const AuditPdfInput& in) {
  const AuditComparison& c = in.comparison;
  StartSection(flow, "1. Kết quả chung");
  flow.Table({{"Chỉ tiêu", 5}, {"Giá trị", 1.5, true}},
             {{"Số phiếu được rút để phúc tra", std::to_string(c.selected)},
              {"Số phiếu đã phúc tra", std::to_string(c.recorded)},
              {"Số câu được đối chiếu", std::to_string(c.all.compared)},
              {"Số câu khớp với kết quả đọc của máy", std::to_string(c.all.agreeing)},
              {"\tTỷ lệ khớp", c.all.compared ? Percent(c.all.Rate()) : "–"},
              {"Ngưỡng đạt", Percent(c.min_agreement)}},
             9.5);
  const AuditDraw& d = in.draw;
  flow.Paragraph("Phiếu được rút từ " + std::to_string(d.candidates) +
                     " phiếu hợp lệ với hạt giống công bố \"" + d.seed + "\", tỷ lệ " +
                     Percent(100 * d.rate) + " (phương pháp: " + AuditDrawMethodText(d.method) +
                     ").",
                 8.5);
  flow.Paragraph(
      "Câu được đối chiếu: câu có kết quả ở cả hai bên; câu phúc tra ghi \"?\" (không "
      "đọc được) không được tính.",
      8.5);
}

std::string Share(int part, int whole) {
  return whole == 0 ? "–" : Percent(100.0 * part / whole);
}

// The delivery check, apart from the re-read's agreement: its counts, per collector, and every
// form drawn with what its person said.
void Delivery(PageFlow& flow, const AuditComparison& c) {
  const DeliveryComparison& d = c.delivery;
  // The heading, its paragraph and the summary table together: a table split after its first
  // row reads badly.
  flow.KeepTogether(d.forms.empty() ? kSectionStartPt : 270);
  flow.Heading("4. Kiểm tra việc phát phiếu (phiếu đã phát nhưng chưa thu về)", 13);
  if (d.forms.empty()) {
    flow.Paragraph(d.rate > 0 ? "Không có phiếu nào đã phát mà chưa thu về để rút kiểm tra."
                              : "Lần rút này không kiểm tra việc phát phiếu.");
    return;
  }
  flow.Paragraph("Rút " + VietnameseCount(d.all.drawn) + " trong " +
                     VietnameseCount(d.candidates) +
                     " phiếu đã phát nhưng chưa thu về (tỷ lệ rút " + Percent(100 * d.rate) +
                     ", cùng hạt giống); người phúc tra hỏi người được khảo sát có nhận được "
                     "phiếu hay không. Các phiếu này không có bản giấy để đọc lại nên không được "
                     "tính vào tỷ lệ khớp ở trên.",
                 8.5);
  const DeliveryTally& a = d.all;
  flow.Table({{"Chỉ tiêu", 5}, {"Giá trị", 1.5, true}},
             {{"Số phiếu chưa thu về được rút để kiểm tra", VietnameseCount(a.drawn)},
              {"Số người được khảo sát đã liên hệ được", VietnameseCount(a.contacted)},
              {"Đã nhận phiếu", VietnameseCount(a.received)},
              {"\tKhông nhận được phiếu", VietnameseCount(a.not_received)},
              {"Tỷ lệ không nhận được phiếu (trên số liên hệ được)",
               Share(a.not_received, a.contacted)},
              {"Số người không liên lạc được", VietnameseCount(a.not_reached)},
              {"Số phiếu chưa kiểm tra", VietnameseCount(a.drawn - a.recorded)}},
             9.5);
  std::vector<std::vector<std::string>> rows;
  for (const DeliveryTally& t : d.by_collector) {
    rows.push_back({t.name.empty() ? "(không ghi)" : t.name, VietnameseCount(t.drawn),
                    VietnameseCount(t.contacted), VietnameseCount(t.received),
                    VietnameseCount(t.not_received), VietnameseCount(t.not_reached),
                    Share(t.not_received, t.contacted)});
  }
  flow.KeepTogether(60);
  flow.Paragraph("Theo điều tra viên giữ phiếu:", 9.5, FontStyle::kBold);
  flow.Table({{"Điều tra viên", 2.4},
              {"Số phiếu rút", 1, true},
              {"Liên hệ được", 1, true},
              {"Đã nhận", 0.9, true},
              {"Không nhận được", 1.1, true},
              {"Không liên lạc được", 1.2, true},
              {"Tỷ lệ không nhận", 1.1, true}},
             rows, 8.5);
  std::vector<std::vector<std::string>> forms;
  for (const DeliveryFormCheck& f : d.forms) {
    forms.push_back({VietnameseCount(static_cast<long long>(forms.size() + 1)), f.pick.form_code,
                     f.pick.unit, f.pick.collector,
                     f.recorded ? std::string(ContactOutcomeText(f.outcome)) : "Chưa kiểm tra"});
  }
  flow.KeepTogether(60);
  flow.Paragraph("Từng phiếu được rút:", 9.5, FontStyle::kBold);
  flow.Table({{"STT", 0.5, true}, {"Mã phiếu", 1.4}, {"Đơn vị", 1.6}, {"ĐTV", 1.1},
              {"Kết quả liên hệ", 3.6}},
             forms, 8);
}

void Outcomes(PageFlow& flow, const AuditComparison& c) {
  std::vector<std::vector<std::string>> rows;
  for (ContactOutcome o :
       {ContactOutcome::kConfirmed, ContactOutcome::kNotReceived, ContactOutcome::kSomeoneElse,
        ContactOutcome::kNotReached, ContactOutcome::kNotContacted}) {
    const auto it = c.outcomes.find(o);
    rows.push_back({std::string(ContactOutcomeText(o)),
                    std::to_string(it == c.outcomes.end() ? 0 : it->second)});
  }
  StartSection(flow, "5. Kết quả liên hệ người được khảo sát (phiếu đọc lại)");
  flow.Table({{"Kết quả liên hệ", 5}, {"Số phiếu", 1.5, true}}, rows);
}

void Items(PageFlow& flow, const AuditComparison& c) {
  std::vector<Agreement> differing;
  for (const Agreement& a : c.by_item) {
    if (a.agreeing < a.compared) differing.push_back(a);
  }
  StartSection(flow, "6. Theo từng câu");
  const std::string all = std::to_string(c.by_item.size()) + " câu được đối chiếu";
  if (differing.empty()) {
    flow.Paragraph(all + ", mọi câu đều khớp hoàn toàn.");
    return;
  }
  flow.Paragraph(all + "; " + std::to_string(differing.size()) +
                 " câu có khác biệt (các câu còn lại khớp hoàn toàn):");
  AgreementTable(flow, "Câu", differing);
}

void Forms(PageFlow& flow, const AuditComparison& c) {
  std::vector<std::vector<std::string>> read, missing;
  for (const AuditFormComparison& f : c.forms) {
    const AuditPick& p = f.pick;
    if (!f.recorded) {
      missing.push_back({std::to_string(missing.size() + 1), p.form_code, p.unit, p.collector});
      continue;
    }
    read.push_back({p.form_code, p.unit, p.collector, std::string(ContactOutcomeText(f.outcome)),
                    std::to_string(f.compared), std::to_string(f.agreeing)});
  }
  StartSection(flow, "7. Từng phiếu đã phúc tra");
  if (read.empty()) {
    flow.Paragraph("Chưa có phiếu nào được phúc tra.");
  } else {
    flow.Table({{"Mã phiếu", 1.5},
                {"Đơn vị", 1.6},
                {"ĐTV", 1.4},
                {"Kết quả liên hệ", 2.4},
                {"Số câu đối chiếu", 1, true},
                {"Số câu khớp", 0.9, true}},
               read, 8);
  }
  StartSection(flow, "8. Phiếu được rút nhưng chưa phúc tra");
  if (missing.empty()) {
    flow.Paragraph("Mọi phiếu được rút đều đã được phúc tra.");
  } else {
    flow.Table({{"STT", 0.55, true}, {"Mã phiếu", 1.55}, {"Đơn vị", 2}, {"ĐTV", 2}}, missing);
  }
}

void Discrepancies(PageFlow& flow, const AuditPdfInput& in) {
  const auto& list = in.comparison.discrepancies;
  StartSection(flow, "9. Các điểm khác biệt");
  if (list.empty()) {
    flow.Paragraph("Không có điểm khác biệt nào.");
    return;
  }
  flow.Paragraph(
      "Mỗi điểm: kết quả của máy (hoặc của người duyệt, nếu câu đã được xem xét) và kết "
      "quả phúc tra, với ảnh cắt từ bản quét nơi câu được đọc. (trống) = bỏ trống; * = "
      "đánh nhiều ô ở câu một lựa chọn hoặc câu không hợp lệ.",
      8.5);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const AuditDiscrepancy& d = list[i];
    const PaperCrop* crop =
        i < in.crops.size() && !in.crops[i].pixels.empty() ? &in.crops[i] : nullptr;
    double crop_w = 0, crop_h = 0;
    if (crop != nullptr) {
      crop_w = std::min({flow.text_width(), kCropMaxHeightPt * crop->width / crop->height,
                         kCropPtPerPixel * crop->width});
      crop_h = crop_w * crop->height / crop->width;
    }
    flow.KeepTogether(46 + crop_h);
    std::vector<std::string> where;
    if (!d.unit.empty()) where.push_back(d.unit);
    if (!d.collector.empty()) where.push_back("ĐTV " + d.collector);
    flow.Paragraph(std::to_string(i + 1) + ". Phiếu " + d.form_code + " — câu " + d.item +
                       (where.empty() ? "" : " (" + Join(where, ", ") + ")"),
                   10, FontStyle::kBold);
    std::string values = "Máy: " + Cell(d.machine) + " · Phúc tra: " + Cell(d.auditor);
    if (!d.decided_by.empty()) values += " · người duyệt: " + d.decided_by;
    flow.Paragraph(values, 10);
    if (crop != nullptr) flow.Image(crop->pixels, crop->width, crop->height, crop_w);
    flow.Space(4);
  }
}

}  // namespace

Result<std::string> RenderAuditComparePdf(const AuditPdfInput& in) {
  auto made = PageFlow::Create("Kết quả phúc tra — " + in.survey_title);
  if (!made.ok()) return made.status();
  PageFlow& flow = **made;
  const AuditComparison& c = in.comparison;
  flow.NewPage();
  flow.Heading("KẾT QUẢ PHÚC TRA", 16);
  flow.Paragraph(in.survey_title, 10.5, FontStyle::kBold);
  flow.Space(6);
  flow.Paragraph(c.verdict, 13, FontStyle::kBold);
  flow.Space(4);
  flow.Paragraph("Mã đầu chuỗi nhật ký chống sửa đổi của dữ liệu được đối chiếu:", 8.5);
  flow.Paragraph(in.log_head.empty() ? "(không có)" : in.log_head, 8.5, FontStyle::kMono);
  Summary(flow, in);
  StartSection(flow, "2. Theo đơn vị");
  AgreementTable(flow, "Đơn vị", c.by_unit);
  StartSection(flow, "3. Theo điều tra viên");
  AgreementTable(flow, "Điều tra viên", c.by_collector);
  Delivery(flow, c);
  Outcomes(flow, c);
  Items(flow, c);
  Forms(flow, c);
  Discrepancies(flow, in);
  return flow.Finish();
}

}  // namespace phieu
