// The report's annex (what an auditor checks the report against) and the sample draw in words.

#include <cstdio>

#include "core/sample_draw.h"
#include "core/vietnamese_format.h"
#include "reports/report_parts.h"

namespace phieu {
namespace {

// The strata as the report names them: the stored `--by` column.
std::string StrataText(const std::string& by) {
  if (by.empty()) return "không phân tầng (cả khung mẫu là một tầng)";
  if (by == "unit") return "phân tầng theo đơn vị";
  if (by == "collector") return "phân tầng theo điều tra viên";
  if (by == "district") return "phân tầng theo huyện";
  if (by == "province") return "phân tầng theo tỉnh";
  return "phân tầng theo cột “" + by + "” của khung mẫu";
}

// The size rule stored with the draw (core/sample_draw.cc DrawResult::size_rule, written for the
// operator in English) said in Vietnamese; a rule written otherwise is not printed, only said to
// be stored, so no English reaches the report.
std::string SizeRuleText(const std::string& rule) {
  int n = 0, population = 0, yamane = 0, used = -1;
  double margin = 0;
  // %n counts what the pattern took: the whole rule, or it is another rule.
  const auto whole = [&] { return used == static_cast<int>(rule.size()); };
  if (std::sscanf(rule.c_str(), "per stratum %d%n", &n, &used) == 1 && whole()) {
    return "mỗi tầng rút " + VietnameseCount(n) + " người (tầng ít hơn thì lấy cả tầng)";
  }
  used = -1;
  if (std::sscanf(rule.c_str(), "size %d, allocated in proportion to stratum size%n", &n,
                  &used) == 1 &&
      whole()) {
    return "cỡ mẫu " + VietnameseCount(n) +
           " người, phân bổ cho các tầng theo tỷ lệ với số hồ sơ của tầng (phần còn lại chia lần "
           "lượt cho các tầng có phần lẻ lớn nhất; tầng nào được 0 thì nhận 1)";
  }
  if (std::sscanf(rule.c_str(), "Yamane n = N/(1+N*e^2) with N = %d, e = %lf: n = %d", &population,
                  &margin, &yamane) == 3) {
    return "cỡ mẫu theo công thức Yamane n = N/(1 + N·e²) với N = " + VietnameseCount(population) +
           ", e = " + VietnameseNumber(margin, 2) + ": n = " + VietnameseCount(yamane) +
           " (làm tròn lên), phân bổ cho các tầng theo tỷ lệ với số hồ sơ của tầng";
  }
  return "cỡ mẫu theo quy tắc lưu cùng lần rút mẫu trong cơ sở dữ liệu";
}

// The method's name before its description (core/sample_draw.h kDrawMethod:
// "sha256-ticket-v1: ...").
std::string MethodName(const std::string& method) { return method.substr(0, method.find(':')); }

bool IsTicketMethod(const std::string& method) {
  return MethodName(method) == MethodName(std::string(kDrawMethod));
}

}  // namespace

std::string SampleDrawText(const ReportInput& in) {
  if (in.draw_seed.empty()) {
    return "Mẫu khảo sát: danh sách mẫu được nhập vào, không rút mẫu trong hệ thống.";
  }
  std::string text = "Chọn mẫu: mẫu được rút ngẫu nhiên từ khung mẫu gồm " +
                     VietnameseCount(in.draw_frame_records) + " hồ sơ, " +
                     StrataText(in.draw_stratify_by) + "; " + SizeRuleText(in.draw_rule);
  if (in.draw_reserves > 0) {
    text += "; mỗi tầng có thêm " + VietnameseCount(in.draw_reserves) +
            " người dự phòng theo thứ tự, để thay người vắng, chuyển đi hoặc từ chối";
  }
  text += ". ";
  if (IsTicketMethod(in.draw_method)) {
    text +=
        "Cách rút công khai và ai cũng lặp lại được: mỗi hồ sơ được gán một mã rút thăm là giá trị "
        "băm SHA-256 của hạt giống công bố ghép với mã hồ sơ; trong mỗi tầng, hồ sơ được xếp theo "
        "mã rút thăm từ nhỏ đến lớn và những hồ sơ đầu tiên được chọn. ";
  }
  return text + "Hạt giống, dấu vân tay của khung mẫu và cách rút lại ở Phụ lục.";
}

void ReportAnnex(PageFlow& flow, const ReportInput& in) {
  const IndexFormula& f = in.tally.formula;
  flow.NewPage();
  flow.Heading("Phụ lục. Thông tin để kiểm tra lại báo cáo", 14);
  flow.Paragraph(
      "Các mã dưới đây cho phép cơ quan kiểm tra, Mặt trận Tổ quốc và Hội Cựu chiến binh đối chiếu "
      "báo cáo với dữ liệu gốc: cùng cơ sở dữ liệu và cùng tùy chọn cho ra đúng báo cáo này, từng "
      "byte.");
  const std::string none = "không có";
  std::vector<std::vector<std::string>> rows = {
      {"\tDữ liệu", ""},
      {"Dấu vân tay dữ liệu (SHA-256 của tệp câu trả lời xuất bằng lệnh phieu export answers)",
       in.data_fingerprint},
      {"Mã đầu chuỗi nhật ký chống sửa đổi (kiểm tra bằng lệnh phieu log verify)",
       in.log_head.empty() ? none : in.log_head},
      {"Công thức tính", f.name + ", phiên bản " + f.version},
      {"Mã SHA-256 của công thức", f.fingerprint}};
  if (!in.draw_seed.empty()) {
    rows.push_back({"\tRút mẫu", ""});
    rows.push_back({"Hạt giống công bố", "“" + in.draw_seed + "”"});
    rows.push_back({"Phương pháp", MethodName(in.draw_method)});
    rows.push_back({"Phân tầng", StrataText(in.draw_stratify_by)});
    rows.push_back({"Cỡ mẫu", SizeRuleText(in.draw_rule)});
    rows.push_back({"Người dự phòng mỗi tầng", VietnameseCount(in.draw_reserves)});
    rows.push_back({"Khung mẫu (tên tệp)", in.draw_frame.empty() ? none : in.draw_frame});
    rows.push_back({"Số hồ sơ của khung mẫu", VietnameseCount(in.draw_frame_records)});
    rows.push_back({"Mã SHA-256 của tệp khung mẫu", in.draw_frame_sha256});
  }
  if (!in.recheck_seed.empty()) {
    rows.push_back({"\tPhúc tra", ""});
    rows.push_back({"Hạt giống công bố của lần rút phiếu phúc tra", "“" + in.recheck_seed + "”"});
  }
  flow.Table({{"", 3}, {"Giá trị", 4}}, rows, 8.5);
  WeightsTable(flow, in);
  if (!in.draw_seed.empty() && IsTicketMethod(in.draw_method)) {
    flow.Heading("Cách rút lại mẫu", 11);
    flow.Paragraph(
        "1. Với mỗi hồ sơ của khung mẫu: mã rút thăm = giá trị băm SHA-256, viết bằng chữ số thập "
        "lục phân thường, của chuỗi UTF-8 gồm hạt giống, dấu phẩy và mã hồ sơ (ví dụ: printf '%s' "
        "'HẠT GIỐNG,MÃ HỒ SƠ' | sha256sum).");
    flow.Paragraph(
        "2. Các tầng là các giá trị khác nhau của cột phân tầng, xếp theo thứ tự byte UTF-8; trong "
        "mỗi tầng, hồ sơ được xếp theo mã rút thăm từ nhỏ đến lớn.");
    flow.Paragraph(
        "3. Những hồ sơ đầu tiên của mỗi tầng, đúng số lượng phân bổ cho tầng, là người được khảo "
        "sát; những hồ sơ kế tiếp là người dự phòng, theo thứ tự.");
    flow.Paragraph(
        "4. So sánh với danh sách rút được, in bằng lệnh phieu sample show-draw: hai danh sách phải "
        "trùng nhau.");
  }
}

}  // namespace phieu
