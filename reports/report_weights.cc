// The report's design weighting (reports/tally.h PaperWeighting) in words and figures: the clause
// beside the overall index, the methodology's paragraph and the annex's table of strata.

#include "core/vietnamese_format.h"
#include "reports/report_parts.h"
#include "stats/design_weights.h"

namespace phieu {
namespace {

// Kish's design effect of every respondent counted (paper forms weighted, channel answers 1).
DesignEffect PooledDesign(const IndexResult& r) {
  const auto d = KishDesignEffectFromSums(r.forms, r.weight_sum, r.weight_squares);
  return d ? *d : DesignEffect{1, 0};
}

std::string DesignText(const DesignEffect& d, int n, const std::string& what) {
  return "hiệu ứng thiết kế " + VietnameseNumber(d.design_effect, 2) + ", cỡ mẫu hiệu dụng " +
         VietnameseNumber(d.effective_n, 1) + " trên " + VietnameseCount(n) + " " + what;
}

}  // namespace

std::string EffectiveBaseText(double effective_n) { return VietnameseNumber(effective_n, 1); }

std::string WeightingSummaryText(const ReportInput& in, bool long_form) {
  const Tally& t = in.tally;
  if (!t.weighting || !t.unweighted) return "";
  const IndexFormula& f = t.formula;
  const std::string plain = IndexValueText(f, t.unweighted->overall_defined, t.unweighted->overall);
  if (!long_form) {
    return "Có gán trọng số thiết kế theo tầng: " +
           DesignText(PooledDesign(t.all), t.all.forms, "người trả lời") +
           "; chưa gán trọng số: " + plain + ".";
  }
  std::string text =
      "Các chỉ số của báo cáo được gán trọng số thiết kế theo tầng của mẫu (cách tính ở mục 7): " +
      DesignText(PooledDesign(t.all), t.all.forms, "người trả lời");
  if (t.channel_answers > 0) {
    text +=
        " (riêng phiếu giấy: " +
        DesignText(t.weighting->design.design, t.weighting->design.respondents, "phiếu hợp lệ") +
        ")";
  }
  return text + ". Chưa gán trọng số, " + f.title + " là " + plain +
         "; số phiếu và số câu trả lời trong các bảng là số đếm, chưa gán trọng số.";
}

std::vector<std::string> WeightingMethodText(const ReportInput& in) {
  const Tally& t = in.tally;
  if (!t.weighting) {
    // A stratified draw, but a report of some units whose strata are not the units
    // (reports/tally_source.h): said, not silently left out.
    if (in.draw_seed.empty() || in.draw_stratify_by.empty() || in.draw_stratify_by == "unit" ||
        in.units.empty()) {
      return {};
    }
    return {
        "Trọng số thiết kế: mẫu được rút theo tầng, nhưng báo cáo này chỉ gồm một số đơn vị "
        "trong khi các tầng không phải là đơn vị; số hồ sơ của khung mẫu theo từng đơn vị "
        "trong mỗi tầng không được lưu, nên các chỉ số của báo cáo này không gán trọng số."};
  }
  const PaperWeighting& w = *t.weighting;
  int empty = 0;
  for (const StratumWeight& s : w.design.strata) empty += s.respondents == 0 ? 1 : 0;
  std::string text =
      "Trọng số thiết kế: mẫu được rút theo tầng, tỷ lệ rút và tỷ lệ thu về phiếu hợp lệ có thể "
      "khác nhau giữa các tầng, nên mỗi phiếu giấy hợp lệ được gán một trọng số. Trọng số của một "
      "phiếu thuộc tầng h = số hồ sơ của tầng trong khung mẫu chia cho số phiếu giấy hợp lệ của "
      "tầng, tức số người mà một người trả lời của tầng đại diện; như vậy trọng số điều chỉnh cả "
      "tỷ lệ rút mẫu lẫn tỷ lệ không trả lời của từng tầng. Trọng số được chuẩn hóa để trung bình "
      "bằng 1 trên các phiếu giấy hợp lệ (chỉ tỷ lệ giữa các trọng số ảnh hưởng đến kết quả). "
      "Chỉ số của một tiêu chí = tổng trọng số của các câu trả lời được tính là hài lòng chia cho "
      "tổng trọng số của các câu trả lời hợp lệ; yếu tố, khối, chỉ số chung, xếp hạng đơn vị, "
      "phân bố các mức trả lời và tỷ lệ ở mục 10 được tính từ các giá trị đã gán trọng số theo "
      "cùng công thức. Khi mọi tầng có cùng tỷ lệ, mọi trọng số bằng 1 và kết quả trùng với kết "
      "quả không gán trọng số.";
  if (empty > 0) {
    text += " " + VietnameseCount(empty) +
            " tầng không có phiếu hợp lệ nào nên người dân của các tầng này không được đại diện.";
  }
  std::string sureness =
      "Hiệu ứng thiết kế do trọng số không đều (Kish, 1965) = n·Σw²/(Σw)², với n là số câu trả "
      "lời và w là trọng số của từng câu; cỡ mẫu hiệu dụng = n chia cho hiệu ứng thiết kế = "
      "(Σw)²/Σw². Khoảng tin cậy 95 % của một tỷ lệ đã gán trọng số được tính theo phương pháp "
      "Wilson trên cỡ mẫu hiệu dụng của tiêu chí thay cho số câu trả lời hợp lệ, nên rộng hơn khi "
      "trọng số chênh lệch nhiều. Ngưỡng số liệu ít câu trả lời vẫn áp dụng trên số câu trả lời "
      "thực tế. Trọng số của từng tầng ở Phụ lục.";
  std::vector<std::string> paragraphs = {text, sureness};
  std::string rest;
  if (t.channel_answers > 0) {
    rest +=
        "Ý kiến thu qua các kênh khác không được rút từ khung mẫu nên không có trọng số thiết "
        "kế: mỗi ý kiến có trọng số 1. Vì trọng số của phiếu giấy có trung bình bằng 1, khi gộp "
        "các kênh, phiếu giấy vẫn được tính với tổng sức nặng bằng số phiếu giấy hợp lệ, đúng quy "
        "tắc gộp ở trên; trọng số chỉ phân bổ lại sức nặng giữa các tầng trong kênh phiếu giấy. "
        "Trong bảng theo kênh, dòng phiếu giấy là chỉ số đã gán trọng số, các kênh khác không gán "
        "trọng số.";
  }
  if (in.scorecards) {
    rest += std::string(rest.empty() ? "" : " ") +
            "Điểm 0–10 của từng cơ quan ở mục 9 không gán trọng số.";
  }
  if (in.comparison) {
    rest += std::string(rest.empty() ? "" : " ") +
            "So sánh với kỳ trước ở mục 8 dùng số liệu chưa gán trọng số của cả hai kỳ.";
  }
  if (!rest.empty()) paragraphs.push_back(rest);
  return paragraphs;
}

void WeightsTable(PageFlow& flow, const ReportInput& in) {
  if (!in.tally.weighting) return;
  const DesignWeights& d = in.tally.weighting->design;
  std::vector<std::vector<std::string>> rows;
  for (const StratumWeight& s : d.strata) {
    const bool answered = s.respondents > 0;
    rows.push_back({s.stratum, VietnameseCount(s.frame_size), VietnameseCount(s.respondents),
                    answered ? VietnameseNumber(s.raw, 2) : "–",
                    answered ? VietnameseNumber(s.weight, 4) : "–"});
  }
  rows.push_back({"\tTổng cộng", "", VietnameseCount(d.respondents), "", ""});
  flow.Heading("Trọng số thiết kế theo tầng", 11);
  flow.Paragraph(
      "Trọng số = số hồ sơ của tầng trong khung mẫu chia cho số phiếu giấy hợp lệ của "
      "tầng; trọng số chuẩn hóa có trung bình bằng 1 trên các phiếu giấy hợp lệ. Hiệu "
      "ứng thiết kế của phiếu giấy " +
          VietnameseNumber(d.design.design_effect, 4) + ", cỡ mẫu hiệu dụng " +
          VietnameseNumber(d.design.effective_n, 2) + ".",
      8.5);
  flow.Table({{"Tầng", 3},
              {"Số hồ sơ của khung mẫu", 1.4, true},
              {"Số phiếu giấy hợp lệ", 1.3, true},
              {"Trọng số", 1.1, true},
              {"Trọng số chuẩn hóa", 1.3, true}},
             rows, 8.5);
}

}  // namespace phieu
