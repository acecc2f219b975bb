// The report's section on the questions outside the index: the respondents' profile (Part A) and
// every other question with options, as distributions of the valid answers.

#include <map>

#include "core/vietnamese_format.h"
#include "reports/report_parts.h"
#include "stats/statistics.h"

namespace phieu {
namespace {

// The tallies of `question`'s items, in printed order.
std::vector<const ItemTally*> TalliesOf(const ReportInput& in, const Question& question) {
  std::map<std::string, const ItemTally*> by_code;
  for (const ItemTally& t : in.tally.all.items) by_code[t.item] = &t;
  std::vector<const ItemTally*> tallies;
  const auto add = [&](const std::string& code) {
    const auto found = by_code.find(code);
    if (found != by_code.end()) tallies.push_back(found->second);
  };
  if (question.kind == QuestionKind::kGrid) {
    for (const GridRow& r : question.rows) add(r.code);
  } else {
    add(question.code);
  }
  return tallies;
}

// The options a question's answers are counted on: its own, or for a 0–10 scale its points.
std::vector<Option> OptionsOf(const Question& q) {
  if (q.kind != QuestionKind::kScale) return q.options;
  std::vector<Option> points;
  for (int v = q.min; v <= q.max; ++v) points.push_back({std::to_string(v), std::to_string(v)});
  return points;
}

// The valid answers of `t` that chose `option`, each with its form's design weight (the count
// itself when unweighted), and as a share of them.
double WeightedCount(const ItemTally& t, const std::string& option) {
  const auto w = t.weighted_options.find(option);
  return w == t.weighted_options.end() ? 0.0 : w->second;
}

double WeightedShare(const ItemTally& t, const std::string& option) {
  return WeightedCount(t, option) / t.weighted_valid;
}

// One question answered once (single, multiple, yes/no, scale): a table of its options; the
// counts are people, the shares weighted as the indexes are.
void OptionsTable(PageFlow& flow, const Question& q, const ItemTally& t) {
  std::vector<std::vector<std::string>> rows;
  for (const Option& o : OptionsOf(q)) {
    const auto n = t.options.find(o.code);
    const int count = n == t.options.end() ? 0 : n->second;
    rows.push_back({o.label, VietnameseCount(count),
                    t.valid > 0 ? VietnamesePercent(100.0 * WeightedCount(t, o.code) / t.weighted_valid, 2) : "–"});
  }
  rows.push_back({"\tSố người trả lời hợp lệ", VietnameseCount(t.valid), ""});
  flow.Table({{"Phương án", 5}, {"Số người chọn", 1.3, true}, {"Tỷ lệ", 1.2, true}}, rows);
  if (q.kind == QuestionKind::kMulti) {
    flow.Paragraph("Mỗi người có thể chọn nhiều phương án: tổng các tỷ lệ có thể vượt 100 %.",
                   8.5);
  }
}

// A grid outside the index (interest, experience, priorities): a stacked bar per row. A row
// marked draft (its text a placeholder) is left out: its wording is not the form's.
void GridBars(PageFlow& flow, const ReportInput& in, const Question& q,
              const std::vector<const ItemTally*>& tallies) {
  std::vector<std::string> legend;
  for (const Option& o : q.options) legend.push_back(o.label);
  std::vector<FlowStack> bars;
  for (const GridRow& row : q.rows) {
    if (row.draft) continue;
    const ItemTally* found = nullptr;
    for (const ItemTally* t : tallies) {
      if (t->item == row.code) found = t;
    }
    if (found == nullptr) continue;
    const ItemTally& t = *found;
    FlowStack bar;
    bar.label = row.text;
    const BaseClass c = ClassifyBase(t.valid, in.small_bases);
    if (t.valid > 0 && c != BaseClass::kSuppressed) {
      for (const Option& o : q.options) bar.shares.push_back(WeightedShare(t, o.code));
    }
    bar.value_text = VietnameseCount(t.valid) + " người" + (c == BaseClass::kFlagged ? " *" : "");
    bars.push_back(std::move(bar));
  }
  flow.StackedBars(bars, legend);
}

}  // namespace

void OtherQuestions(PageFlow& flow, const ReportInput& in) {
  bool started = false;
  for (const Section& s : in.survey.sections) {
    for (const Question& q : s.questions) {
      if (q.kind == QuestionKind::kText || q.draft) continue;
      const std::vector<const ItemTally*> tallies = TalliesOf(in, q);
      if (tallies.empty() || !tallies.front()->group.empty()) continue;  // the index's own
      if (!started) {
        flow.NewPage();
        flow.Heading("10. Đặc điểm người trả lời và các câu hỏi khác", 14);
        flow.Paragraph(
            "Phân bố câu trả lời hợp lệ của mọi câu hỏi có phương án ngoài các tiêu chí của chỉ "
            "số: tỷ lệ tính trên số người trả lời hợp lệ câu hỏi đó (câu bỏ trống, đánh nhiều ô ở "
            "câu chỉ chọn một phương án, không hợp lệ hoặc chờ xem xét không được tính). " +
                std::string("Câu hỏi có dưới ") + VietnameseCount(in.small_bases.suppress_below) +
                " người trả lời hợp lệ thì không công bố phân bố; dưới " +
                VietnameseCount(in.small_bases.flag_below) + " người thì được đánh dấu *. "
                "Ý kiến ghi bằng chữ không được đưa vào báo cáo.",
            8.5);
        started = true;
      }
      // The form's own numbering when the text has it ("Câu 2. …"), else the code ("A1. …").
      flow.Heading(q.text.starts_with("Câu ") ? q.text : q.code + ". " + q.text, 10);
      if (q.kind == QuestionKind::kGrid) {
        GridBars(flow, in, q, tallies);
        continue;
      }
      const ItemTally& t = *tallies.front();
      const BaseClass c = ClassifyBase(t.valid, in.small_bases);
      if (t.valid == 0 || c == BaseClass::kSuppressed) {
        flow.Paragraph("Không đủ câu trả lời hợp lệ để công bố (" + VietnameseCount(t.valid) +
                           " người trả lời).",
                       9);
        continue;
      }
      OptionsTable(flow, q, t);
      if (c == BaseClass::kFlagged) {
        flow.Paragraph("* Tính trên dưới " + VietnameseCount(in.small_bases.flag_below) +
                           " người trả lời: kém tin cậy.",
                       8.5);
      }
    }
  }
}

}  // namespace phieu
