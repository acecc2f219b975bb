#include "reports/scorecard_export.h"

#include <cstdio>
#include <sstream>

#include "core/csv.h"
#include "reports/xlsx_workbook.h"

namespace phieu {
namespace {

std::string Fixed(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::string_view BaseName(BaseClass c) {
  switch (c) {
    case BaseClass::kReliable:
      return "reliable";
    case BaseClass::kFlagged:
      return "flagged";
    case BaseClass::kSuppressed:
      return "suppressed";
  }
  return "?";
}

BaseClass BaseOf(const Scorecards& cards, const std::optional<AreaScore>& a) {
  return a && a->score ? ClassifyBase(a->respondents, cards.small_bases) : BaseClass::kSuppressed;
}

std::string AsciiRank(const std::optional<RankBand>& band) {
  if (!band) return "";
  if (band->best == band->worst) return std::to_string(band->best);
  return std::to_string(band->best) + "-" + std::to_string(band->worst);
}

}  // namespace

std::string ScorecardCsv(const Scorecards& cards) {
  std::ostringstream out;
  WriteCsvRecord(out, {"level", "area", "period", "kind", "code", "title", "respondents", "score",
                       "lower", "upper", "base", "rank", "change_p_value",
                       "change_significant"});
  for (const ScorecardRow& row : cards.rows) {
    const std::string level = AreaLevelName(row.level);
    for (std::size_t i = 0; i < row.periods.size(); ++i) {
      const std::optional<AreaScore>& a = row.periods[i];
      if (!a) continue;
      const BaseClass base = BaseOf(cards, a);
      const bool shown = base != BaseClass::kSuppressed;
      const bool latest = i + 1 == row.periods.size();
      const bool interval = shown && a->score->interval.has_value();
      const bool tested = latest && row.change.has_value();
      char p_value[32] = "";
      if (tested) std::snprintf(p_value, sizeof p_value, "%.6g", row.change->p_value);
      WriteCsvRecord(out, {level, row.name, cards.periods[i], "area", "", "",
                           std::to_string(a->respondents), shown ? Fixed(a->score->mean) : "",
                           interval ? Fixed(a->score->interval->lower) : "",
                           interval ? Fixed(a->score->interval->upper) : "",
                           std::string(BaseName(base)), latest ? AsciiRank(row.rank) : "",
                           p_value, tested ? (row.change->significant ? "1" : "0") : ""});
      if (!shown) continue;
      for (const CriterionScore& c : a->criteria) {
        WriteCsvRecord(out,
                       {level, row.name, cards.periods[i], "criterion", c.item, c.text,
                        std::to_string(c.valid), c.defined ? Fixed(c.score) : "", "", "", "", "",
                        "", ""});
      }
    }
  }
  return out.str();
}

Status WriteScorecardXlsx(const Scorecards& cards, const std::string& path) {
  auto workbook = XlsxWorkbook::Create(path, "Điểm theo đơn vị và theo kỳ");
  if (!workbook.ok()) return workbook.status();
  XlsxWorkbook& book = **workbook;
  XlsxSheet& scores = book.AddSheet("Điểm theo kỳ");
  std::vector<std::string> header = {"Cấp", "Tên"};
  std::vector<double> widths = {10, 30};
  for (const std::string& p : cards.periods) {
    header.push_back((p.empty() ? "Kỳ" : p) + ": số người trả lời");
    header.push_back((p.empty() ? "Kỳ" : p) + ": điểm");
    widths.insert(widths.end(), {14, 12});
  }
  for (const char* h : {"Cận dưới 95 %", "Cận trên 95 %", "Cỡ mẫu", "Hạng",
                        "Thay đổi so với kỳ trước: p (kiểm định t Welch)",
                        "Thay đổi có ý nghĩa (5 %)"}) {
    header.push_back(h);
  }
  widths.insert(widths.end(), {12, 12, 12, 8, 16, 14});
  scores.Header(0, header);
  scores.Layout(widths);
  XlsxSheet& criteria = book.AddSheet("Tiêu chí");
  criteria.Header(0, {"Cấp", "Tên", "Kỳ", "Mã", "Tiêu chí", "Số câu trả lời", "Điểm"});
  criteria.Layout({10, 30, 18, 8, 60, 14, 10});
  int r = 1, cr = 1;
  for (const ScorecardRow& row : cards.rows) {
    scores.Text(r, 0, AreaLevelVietnamese(row.level));
    scores.Text(r, 1, row.name);
    int col = 2;
    for (std::size_t i = 0; i < row.periods.size(); ++i, col += 2) {
      const std::optional<AreaScore>& a = row.periods[i];
      if (!a) continue;
      const bool shown = BaseOf(cards, a) != BaseClass::kSuppressed;
      scores.Number(r, col, a->respondents);
      scores.Value(r, col + 1, shown, shown ? a->score->mean : 0);
      if (!shown) continue;
      for (const CriterionScore& c : a->criteria) {
        criteria.Text(cr, 0, AreaLevelVietnamese(row.level));
        criteria.Text(cr, 1, row.name);
        criteria.Text(cr, 2, cards.periods[i]);
        criteria.Text(cr, 3, c.item);
        criteria.Text(cr, 4, c.text);
        criteria.Number(cr, 5, c.valid);
        criteria.Value(cr++, 6, c.defined, c.score);
      }
    }
    const std::optional<AreaScore>& latest = row.periods.back();
    const BaseClass base = BaseOf(cards, latest);
    const bool interval = base != BaseClass::kSuppressed && latest->score->interval.has_value();
    scores.Value(r, col, interval, interval ? latest->score->interval->lower : 0);
    scores.Value(r, col + 1, interval, interval ? latest->score->interval->upper : 0);
    scores.Text(r, col + 2, std::string(BaseName(base)));
    scores.Text(r, col + 3, AsciiRank(row.rank));
    scores.Value(r, col + 4, row.change.has_value(), row.change ? row.change->p_value : 0);
    scores.Text(r++, col + 5,
                !row.change ? "" : row.change->significant ? (row.change->difference > 0 ? "tăng" : "giảm")
                                                            : "không");
  }
  return book.Close();
}

}  // namespace phieu
