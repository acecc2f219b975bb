// The report's cover: the official heading, the title, and the result with its coverage.

#include <map>

#include "core/vietnamese_format.h"
#include "reports/report_parts.h"
#include "verify/unit_summary.h"

namespace phieu {
namespace {

constexpr char kNationalName[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
constexpr char kMotto[] = "Độc lập - Tự do - Hạnh phúc";
// What a blank left for the hand looks like (place, number).
constexpr char kBlank[] = "………………";

// The heading's two blocks: the issuing agency (left, its parent above it), the national name
// and motto (right); then the number (left) and the place and date (right). Sizes and weights as
// Nghị định 30/2020/NĐ-CP, Phụ lục I: the parent agency upright, the issuer and the national name
// bold, the motto bold with a rule as long as it, a short rule under the issuer.
void OfficialHeading(PageFlow& flow, const ReportInput& in) {
  const ReportIssuer& is = in.issuer;
  std::string agency = is.agency;
  if (agency.empty() && !in.survey.title_lines.empty()) agency = in.survey.title_lines.front();
  if (agency.empty()) agency = kBlank;
  std::vector<FlowLine> left;
  if (!is.parent_agency.empty()) left.push_back({is.parent_agency, 11.5, FontStyle::kRegular});
  left.push_back({agency, 11.5, FontStyle::kBold, 0.4});
  const std::vector<FlowLine> right = {{kNationalName, 11.5, FontStyle::kBold, 0, true},
                                       {kMotto, 12.5, FontStyle::kBold, 1}};
  const std::vector<double> shares = {0.42, 0.58};
  flow.CentredBlocks({left, right}, shares);
  flow.Space(6);
  const std::string number = is.number.empty() ? std::string("……/BC") : is.number;
  const std::string place = is.place.empty() ? std::string(kBlank) : is.place;
  const std::string date = is.date.empty() ? in.date : is.date;
  flow.CentredBlocks({{{"Số: " + number, 12, FontStyle::kRegular}},
                      {{place + ", " + VietnameseLongDate(date), 12, FontStyle::kItalic, 0,
                        true}}},
                     shares);
}

// The units surveyed (forms issued to them) and, of them, those without a single valid form.
struct Reach {
  int surveyed = 0;
  std::vector<std::string> without_valid;  // name order
};

Reach UnitsReached(const ReportInput& in) {
  std::map<std::string, int> counted;  // unit -> forms counted (paper and channels)
  for (const TallyPart& p : in.tally.parts) counted[p.value] = p.indexes.forms;
  Reach r;
  for (const UnitSummary& u : in.tally.coverage) {
    if (u.unit.empty() || u.unit == kNotIssuedUnit || u.issued == 0) continue;
    ++r.surveyed;
    const auto found = counted.find(u.unit);
    if (found == counted.end() || found->second == 0) r.without_valid.push_back(u.unit);
  }
  return r;
}

}  // namespace

void ReportCover(PageFlow& flow, const ReportInput& in) {
  const IndexFormula& f = in.tally.formula;
  const IndexResult& all = in.tally.all;
  flow.NewPage();
  OfficialHeading(flow, in);
  flow.Space(40);
  std::vector<FlowLine> title = {{"BÁO CÁO", 18, FontStyle::kBold},
                                 {"Kết quả khảo sát " + f.title, 13, FontStyle::kBold}};
  if (!in.period.empty()) title.push_back({in.period, 12, FontStyle::kRegular});
  flow.CentredBlocks({title}, {1});
  flow.Space(28);

  // The result first, on the base it stands on.
  flow.CentredBlocks({{{f.title, 11, FontStyle::kRegular},
                       {IndexValueText(f, all.overall_defined, all.overall), 30, FontStyle::kBold},
                       {"tính trên " + VietnameseCount(in.tally.accepted) + " phiếu hợp lệ" +
                            (in.tally.channel_answers > 0
                                 ? " và " + VietnameseCount(in.tally.channel_answers) +
                                       " ý kiến thu qua các kênh khác"
                                 : "") +
                            (in.date.empty() ? "" : ", số liệu tính đến ngày " +
                                                        VietnameseDate(in.date)),
                        10.5, FontStyle::kRegular}}},
                     {1});
  if (const std::string w = WeightingSummaryText(in, false); !w.empty()) {
    flow.Space(2);
    flow.CentredBlocks({{{w, 9.5, FontStyle::kRegular}}}, {1});
  }
  flow.Space(18);

  const UnitSummary& total = in.tally.coverage.back();
  const Reach reach = UnitsReached(in);
  std::vector<std::vector<std::string>> rows = {
      {"Số phiếu phát ra", VietnameseCount(total.issued)},
      {"Số phiếu thu về", VietnameseCount(total.returned)},
      {"Tỷ lệ thu về", total.issued ? VietnamesePercent(100.0 * total.ReturnRate(), 2) : "–"},
      {"\tSố phiếu hợp lệ được tính", VietnameseCount(total.accepted)},
      {"Số phiếu chờ xem xét (không tính)", VietnameseCount(total.needs_review)},
      {"Số phiếu bị loại (không tính)", VietnameseCount(total.rejected)}};
  if (in.tally.channel_answers > 0) {
    rows.push_back({"Ý kiến thu qua các kênh khác (được tính)",
                    VietnameseCount(in.tally.channel_answers)});
  }
  rows.push_back({"Số đơn vị được khảo sát", VietnameseCount(reach.surveyed)});
  rows.push_back({"Số đơn vị có phiếu hợp lệ",
                  VietnameseCount(reach.surveyed -
                                  static_cast<int>(reach.without_valid.size()))});
  flow.Heading("Phạm vi và độ bao phủ", 11);
  flow.Table({{"", 5}, {"Số lượng", 1.4, true}}, rows, 10);
  std::string scope = in.units.empty() ? "Báo cáo gồm mọi đơn vị có trong danh sách mẫu. "
                                       : "Báo cáo gồm các đơn vị: " + in.units + ". ";
  if (reach.without_valid.empty()) {
    scope += "Đơn vị nào cũng có phiếu hợp lệ.";
  } else {
    std::string names;
    for (const std::string& u : reach.without_valid) names += (names.empty() ? "" : ", ") + u;
    scope += VietnameseCount(static_cast<long long>(reach.without_valid.size())) + "/" +
             VietnameseCount(reach.surveyed) +
             " đơn vị không có phiếu hợp lệ nào, nên kết quả chung không phản ánh ý kiến của "
             "người dân ở các đơn vị này: " +
             names + ".";
  }
  flow.Paragraph(scope, 10);
  flow.Paragraph("Bộ câu hỏi " + in.survey.name + ", phiên bản " + in.survey.version +
                     ". Cách tính ở mục 7; thông tin để kiểm tra lại báo cáo ở Phụ lục.",
                 9);
}

}  // namespace phieu
