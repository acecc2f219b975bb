#include "forms/delivery_list.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include "core/geometry.h"
#include "forms/page_flow.h"

namespace phieu {
namespace {

constexpr PageSize kA4Landscape{kA4.height_pt, kA4.width_pt};
constexpr double kBodyPt = 8.5;
constexpr double kRowPt = 10 * kMillimetre;  // room for a signature

// A cell is wrapped from at most this many bytes of its text and holds at most this many lines,
// so that a row always fits on a page however long a name or address in the sample list is (the
// CSV list has every character).
constexpr std::size_t kMaxCellBytes = 1000;
constexpr int kMaxCellLines = 6;

std::string Capped(const std::string& text) {
  if (text.size() <= kMaxCellBytes) return text;
  std::size_t end = kMaxCellBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

// `a` before `b` in the order a person walks a street: runs of digits compare as numbers
// ("Số 9" before "Số 12"), the rest byte by byte.
bool AddressBefore(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t ei = i, ej = j;
      while (ei < a.size() && digit(a[ei])) ++ei;
      while (ej < b.size() && digit(b[ej])) ++ej;
      std::string_view na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      while (na.size() > 1 && na.front() == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb.front() == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei, j = ej;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i, ++j;
  }
  return a.size() - i < b.size() - j;
}

std::string Legend() {
  std::string legend = "Cột \"Không phát được vì\": ghi mã lý do —";
  for (const NotDeliveredReason& r : NotDeliveredReasons())
    legend += " " + r.code + ": " + r.text + ";";
  legend.back() = '.';
  return legend;
}

void CollectorList(PageFlow& flow, const std::string& title, const std::string& collector,
                   std::vector<const DeliveryRow*> rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const DeliveryRow* a, const DeliveryRow* b) {
    if (a->unit != b->unit) return a->unit < b->unit;
    return AddressBefore(a->address, b->address);
  });
  const std::string who = collector.empty() ? std::string("(chưa phân công)") : collector;
  flow.PageHeader("Điều tra viên: " + who);
  flow.RestartPageNumbers();
  flow.NewPage();
  flow.Heading("DANH SÁCH GIAO - THU PHIẾU KHẢO SÁT", 13);
  flow.Paragraph(title, 9);
  flow.Paragraph("Điều tra viên: " + who, 10, FontStyle::kBold);
  flow.Paragraph(Legend(), 8.5);
  int reserves = 0;
  std::vector<std::vector<std::string>> cells;
  for (const DeliveryRow* r : rows) {
    reserves += r->reserve ? 1 : 0;
    cells.push_back({std::to_string(cells.size() + 1), r->form_code,
                     Capped(r->reserve ? r->name + " (dự phòng)" : r->name), Capped(r->address),
                     Capped(r->phone), Capped(r->unit), "", "", "", ""});
  }
  std::string total = std::to_string(rows.size()) + " phiếu";
  if (reserves > 0) total += " (trong đó " + std::to_string(reserves) + " dự phòng)";
  cells.push_back({"\t", "\tCộng", "\t" + total});
  const auto text = [](const char* title, double width) {
    return FlowColumn{.title = title, .width = width, .max_lines = kMaxCellLines};
  };
  const auto write = [](const char* title, double width) {
    return FlowColumn{.title = title, .width = width, .box = FlowBox::kWrite};
  };
  flow.Table({text("STT", 0.8), text("Mã phiếu", 2.3), text("Họ và tên", 3.2), text("Địa chỉ", 4.4),
              text("Điện thoại", 2.1), text("Đơn vị", 2.3), write("Ngày giao", 1.6),
              write("Ngày thu", 1.6), write("Chữ ký người trả lời", 2.5),
              write("Không phát được vì (ghi mã)", 1.9)},
             cells, kBodyPt, kRowPt);
  flow.KeepTogether(290);
  flow.Paragraph("Tổng số phiếu nhận để phát: " + total +
                     ".   Số phiếu đã phát: ………   Số phiếu thu về: ………   Số phiếu không phát "
                     "được: ………",
                 9.5, FontStyle::kBold);
  flow.Paragraph("Bàn giao phiếu để phát", 9.5, FontStyle::kBold);
  flow.SignatureBlocks({"Người giao (giám sát viên)", "Người nhận (điều tra viên)"});
  flow.Paragraph("Nộp lại phiếu đã thu và danh sách này", 9.5, FontStyle::kBold);
  flow.SignatureBlocks({"Người giao (điều tra viên)", "Người nhận (giám sát viên)"});
}

}  // namespace

const std::vector<NotDeliveredReason>& NotDeliveredReasons() {
  static const std::vector<NotDeliveredReason> reasons = {{"1", "chuyển đi nơi khác"},
                                                          {"2", "vắng nhà"},
                                                          {"3", "từ chối"},
                                                          {"4", "không tìm thấy địa chỉ"},
                                                          {"5", "khác (ghi rõ)"}};
  return reasons;
}

Result<std::string> RenderDeliveryList(const std::vector<DeliveryRow>& rows,
                                       const std::string& title) {
  if (rows.empty()) return Status::Error("no issued forms to list; print the forms first");
  auto flow = PageFlow::Create(
      "Danh sách giao - thu phiếu — Tài liệu có thông tin cá nhân: không sao chép, nộp lại sau "
      "khi thu phiếu",
      kA4Landscape);
  if (!flow.ok()) return flow.status();
  std::vector<std::string> collectors;
  std::map<std::string, std::vector<const DeliveryRow*>> by_collector;
  for (const DeliveryRow& r : rows) {
    auto [it, added] = by_collector.try_emplace(r.collector);
    if (added) collectors.push_back(r.collector);
    it->second.push_back(&r);
  }
  for (const std::string& collector : collectors) {
    CollectorList(**flow, title, collector, by_collector[collector]);
  }
  return (*flow)->Finish();
}

}  // namespace phieu
