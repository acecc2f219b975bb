#include "reports/scorecard_pdf.h"

#include <algorithm>
#include <cstdio>

#include "core/vietnamese_format.h"

namespace phieu {
namespace {

// "7,85": the one formatter of published numbers (core/vietnamese_format.h), two decimals.
std::string Number(double value) { return VietnameseNumber(value, 2); }

std::string PeriodName(const Scorecards& cards, std::size_t i) {
  return cards.periods[i].empty() ? "Kỳ " + std::to_string(i + 1) : cards.periods[i];
}

// "kỳ Quý III năm 2026", or "kỳ 1" for a period without a name (not "kỳ Kỳ 1").
std::string KyPhrase(const Scorecards& cards, std::size_t i) {
  return cards.periods[i].empty() ? "kỳ " + std::to_string(i + 1) : "kỳ " + cards.periods[i];
}

// `phrase` starting "kỳ" with a capital K, to open a sentence.
std::string Capitalised(const std::string& phrase) { return "K" + phrase.substr(1); }

BaseClass BaseOf(const Scorecards& cards, const std::optional<AreaScore>& a) {
  return a && a->score ? ClassifyBase(a->respondents, cards.small_bases) : BaseClass::kSuppressed;
}

// A score as printed: "7,85", "7,85 *" on a flagged base, "–" when not printed.
std::string ScoreText(const Scorecards& cards, const std::optional<AreaScore>& a) {
  const BaseClass c = BaseOf(cards, a);
  if (c == BaseClass::kSuppressed) return "–";
  return Number(a->score->mean) + (c == BaseClass::kFlagged ? " *" : "");
}

// The change from the period before to the latest, in points ("+0,35"); "–" unless both shown.
std::string ChangeText(const Scorecards& cards, const ScorecardRow& row) {
  if (row.periods.size() < 2) return "–";
  const auto& before = row.periods[row.periods.size() - 2];
  const auto& latest = row.periods.back();
  if (BaseOf(cards, before) == BaseClass::kSuppressed ||
      BaseOf(cards, latest) == BaseClass::kSuppressed) {
    return "–";
  }
  return VietnameseChange(latest->score->mean - before->score->mean, 2);
}

// ▲ or ▼ after a change that Welch's test finds significant, else nothing.
std::string SignificanceMark(const ScorecardRow& row) {
  if (!row.change || !row.change->significant) return "";
  return " " + SignificanceArrow(true, row.change->difference);
}

// What the test says of the change, for an office's own page.
std::string SignificanceWords(const ScorecardRow& row) {
  if (!row.change) return "";
  if (!row.change->significant) {
    return " (không có ý nghĩa thống kê: có thể chỉ do ngẫu nhiên của mẫu)";
  }
  return row.change->difference > 0 ? " (tăng có ý nghĩa thống kê)"
                                    : " (giảm có ý nghĩa thống kê)";
}

const char kChangeTestText[] =
    "Dấu ▲ (tăng) hoặc ▼ (giảm) chỉ được ghi khi thay đổi so với kỳ trước có ý nghĩa thống kê "
    "theo kiểm định t Welch hai phía (hai kỳ có thể có độ phân tán khác nhau) trên điểm của từng "
    "người trả lời, mức ý nghĩa 5 %; không có dấu nghĩa là thay đổi có thể chỉ do ngẫu nhiên của "
    "mẫu.";

int Ranked(const Scorecards& cards, AreaLevel level) {
  int n = 0;
  for (const ScorecardRow& r : cards.rows) n += r.level == level && r.rank ? 1 : 0;
  return n;
}

std::string SmallBaseText(const Scorecards& cards) {
  return "Điểm tính trên dưới " + std::to_string(cards.small_bases.flag_below) +
         " người trả lời được đánh dấu * và không được xếp hạng; dưới " +
         std::to_string(cards.small_bases.suppress_below) +
         " người trả lời thì không công bố (ghi –).";
}

void Overview(PageFlow& flow, const Scorecards& cards) {
  const std::size_t n = cards.periods.size();
  std::vector<FlowColumn> columns = {{"Cấp", 1.1}, {"Tên", 2.4}};
  for (std::size_t i = 0; i < n; ++i) columns.push_back({PeriodName(cards, i), 1.1, true});
  columns.push_back({"Số người trả lời", 1.1, true});
  columns.push_back({"Thay đổi so với kỳ trước", 1.1, true});
  columns.push_back({"Hạng", 0.8, true});
  std::vector<std::vector<std::string>> rows;
  for (const ScorecardRow& r : cards.rows) {
    std::vector<std::string> cells = {AreaLevelVietnamese(r.level), r.name};
    for (const auto& p : r.periods) cells.push_back(ScoreText(cards, p));
    cells.push_back(r.periods.back() ? VietnameseCount(r.periods.back()->respondents) : "0");
    cells.push_back(ChangeText(cards, r) + SignificanceMark(r));
    cells.push_back(r.rank ? RankText(*r.rank) : "–");
    rows.push_back(std::move(cells));
  }
  flow.NewPage();
  flow.Heading("9. Điểm theo đơn vị và theo kỳ (thang điểm 10)", 14);
  flow.Paragraph(
      "Điểm 0–10 của mỗi đơn vị" +
          std::string(cards.rows.back().level == AreaLevel::kUnit ? "" : ", huyện, tỉnh") +
          " trong từng kỳ (cách tính: mục Phương pháp). Hạng là hạng của " +
          KyPhrase(cards, n - 1) +
          " giữa các đơn vị cùng cấp; khi khoảng tin cậy của các đơn vị chồng lên nhau, "
          "hạng được ghi thành dải (ví dụ 2–5): không thể khẳng định đơn vị nào hơn. " +
          SmallBaseText(cards) + " Thay đổi so với kỳ trước tính bằng điểm. " + kChangeTestText,
      8.5);
  flow.Table(columns, rows);
}

void CriteriaTable(PageFlow& flow, const std::string& title,
                   const std::vector<CriterionScore>& criteria) {
  flow.Heading(title, 11);
  if (criteria.empty()) {
    flow.Paragraph("Không đủ câu trả lời để công bố.");
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const CriterionScore& c : criteria) {
    rows.push_back({c.item, c.text, VietnameseCount(c.valid), Number(c.score)});
  }
  flow.Table({{"Mã", 0.9}, {"Tiêu chí", 6}, {"Số câu trả lời", 1.2, true}, {"Điểm", 0.9, true}},
             rows, 9);
}

// One office's A4.
void EasyScorecard(PageFlow& flow, const Scorecards& cards, const ScorecardRow& row) {
  const std::size_t n = cards.periods.size();
  const std::optional<AreaScore>& latest = row.periods.back();
  const BaseClass base = BaseOf(cards, latest);
  flow.PageHeader("Phiếu điểm: " + row.name);
  flow.NewPage();
  flow.Heading("Phiếu điểm: " + row.name, 16);
  flow.Paragraph(Capitalised(KyPhrase(cards, n - 1)) +
                     " · thang điểm 10 (0 = rất không hài lòng, "
                     "10 = rất hài lòng)",
                 10);
  flow.Space(6);
  flow.Paragraph("Điểm: " + ScoreText(cards, latest) + " / 10", 24, FontStyle::kBold);
  std::string facts = "Số người trả lời: " + VietnameseCount(latest ? latest->respondents : 0) + ".";
  if (base != BaseClass::kSuppressed && latest->score->interval) {
    facts += " Khoảng tin cậy 95 %: " + Number(latest->score->interval->lower) + "–" +
             Number(latest->score->interval->upper) + ".";
  }
  if (row.rank) {
    facts += " Hạng " + RankText(*row.rank) + " trong " + std::to_string(Ranked(cards, row.level)) +
             " đơn vị được xếp hạng.";
  } else if (base == BaseClass::kFlagged) {
    facts +=
        " Không xếp hạng: dưới " + std::to_string(cards.small_bases.flag_below) + " người trả lời.";
  } else if (base == BaseClass::kSuppressed) {
    facts += " Điểm không được công bố: dưới " + std::to_string(cards.small_bases.suppress_below) +
             " người trả lời.";
  }
  // A hyphen-minus in formulas and changes: Noto Sans has no U+2212.
  if (n > 1 && ChangeText(cards, row) != "–") {
    facts += " Thay đổi so với kỳ trước: " + ChangeText(cards, row) + " điểm" +
             SignificanceWords(row) + ".";
  }
  flow.Paragraph(facts, 10.5);
  flow.Heading("Xu hướng qua các kỳ", 11);
  std::vector<FlowBar> bars;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& p = row.periods[i];
    const bool shown = BaseOf(cards, p) != BaseClass::kSuppressed;
    bars.push_back(
        {PeriodName(cards, i) + " (" + VietnameseCount(p ? p->respondents : 0) + " người trả lời)",
         shown ? p->score->mean : 0, ScoreText(cards, p)});
  }
  flow.Bars(bars, 10);
  if (base == BaseClass::kSuppressed) {
    flow.Paragraph("Các tiêu chí không được công bố: quá ít người trả lời.");
  } else {
    CriteriaTable(flow, "Ba tiêu chí được đánh giá cao nhất", row.best);
    CriteriaTable(flow, "Ba tiêu chí được đánh giá thấp nhất", row.worst);
  }
  flow.Paragraph(SmallBaseText(cards) + " Tiêu chí có dưới " +
                     std::to_string(cards.small_bases.suppress_below) +
                     " câu trả lời không được xét. Cách tính điểm: mục Phương pháp của báo cáo.",
                 8.5);
}

}  // namespace

void ScorecardPages(PageFlow& flow, const Scorecards& cards) {
  if (cards.rows.empty() || cards.periods.empty()) return;
  Overview(flow, cards);
  for (const ScorecardRow& row : cards.rows) {
    if (row.level == AreaLevel::kUnit) EasyScorecard(flow, cards, row);
  }
  flow.PageHeader("");
}

std::string ScorecardMethodText(const Scorecards& cards) {
  return "Điểm theo thang 10 (mục 9): mỗi câu trả lời hợp lệ cho một tiêu chí thuộc chỉ số được "
         "quy ra điểm 0–10 = 10 × (mức trả lời - mức thấp nhất) ÷ (mức cao nhất - mức thấp "
         "nhất); với thang 5 mức là (mức - 1) × 2,5: Rất không hài lòng = 0; Không hài lòng = "
         "2,5; Bình thường = 5; Hài lòng = 7,5; Rất hài lòng = 10; câu hỏi chấm điểm 0–10 giữ "
         "nguyên điểm. Câu bỏ trống, đánh nhiều ô, không hợp lệ hoặc còn chờ xem xét không được "
         "tính. Điểm của một người trả lời là trung bình điểm các tiêu chí người đó trả lời hợp "
         "lệ; điểm của một đơn vị (huyện, tỉnh) là trung bình điểm của những người trả lời thuộc "
         "đơn vị đó, mỗi người được tính một lần, không phân biệt kênh; khoảng tin cậy 95 % của "
         "điểm theo phân phối Student t trên điểm của từng người. Điểm của một tiêu chí là trung "
         "bình điểm các câu trả lời hợp lệ cho tiêu chí đó. Xếp hạng theo dải: một đơn vị chỉ "
         "đứng sau đơn vị khác khi toàn bộ khoảng tin cậy của nó nằm dưới khoảng tin cậy của "
         "đơn vị kia. " +
         SmallBaseText(cards) + " " + kChangeTestText;
}

}  // namespace phieu
