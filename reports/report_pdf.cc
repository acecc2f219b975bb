#include "reports/report_pdf.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

#include "core/text.h"
#include "core/vietnamese_format.h"
#include "forms/page_flow.h"
#include "reports/report_parts.h"
#include "reports/scorecard_pdf.h"
#include "reports/tally_csv.h"
#include "stats/design_weights.h"
#include "stats/statistics.h"

namespace phieu {

std::string IndexValueText(const IndexFormula& f, bool defined, double value) {
  if (!defined) return "–";
  return f.score == IndexScore::kShare ? VietnamesePercent(value, 2) : VietnameseNumber(value, 2);
}

std::string UnitNameVietnamese(const std::string& unit) {
  return unit == kNotIssuedUnit ? "(mã không được phát ra)" : unit;
}

namespace {

// The reasons of verify/verdict.h as printed in the report.
std::string_view ReasonVietnamese(Reason reason) {
  switch (reason) {
    case Reason::kUnknownCode: return "Mã phiếu không được phát ra (phiếu ngoài mẫu)";
    case Reason::kBadTag: return "Mã QR sai dấu xác thực (phiếu giả hoặc bị sửa)";
    case Reason::kWrongTemplate: return "In theo mẫu phiếu khác";
    case Reason::kVoided: return "Mã phiếu đã hủy (bản cũ của phiếu in lại)";
    case Reason::kReplacedMember: return "Người đã được thay thế trong mẫu";
    case Reason::kUnusedReserve: return "Người dự phòng chưa được đưa vào mẫu";
    case Reason::kIncomplete: return "Thiếu trang";
    case Reason::kBlank: return "Phiếu trắng";
    case Reason::kOutsideWindow: return "Nhận ngoài thời gian khảo sát";
    case Reason::kRejectedByPerson: return "Bị loại khi xem xét";
    case Reason::kDuplicateConflict: return "Các bản quét của cùng phiếu không khớp (chờ xem xét)";
    case Reason::kMarksToReview: return "Có ô đánh dấu chờ xem xét";
  }
  return "?";
}

// A channel as the report names it (reports/tally.h ChannelOf).
std::string ChannelVietnamese(const std::string& channel) {
  if (channel == "paper") return "Phiếu giấy";
  if (channel == "tablet") return "Máy tính bảng tại quầy";
  if (channel == "sms") return "Tin nhắn SMS";
  if (channel == "phone") return "Điện thoại";
  if (channel == "web") return "Trực tuyến";
  return channel;
}

std::string Value(const IndexFormula& f, bool defined, double value) {
  return IndexValueText(f, defined, value);
}

// The 95 % Wilson interval of an item's share, in percent ("38,21–51,02 %"), taken on the
// item's effective base (the number of valid answers when unweighted); "–" on no answers.
std::string IntervalText(const ItemTally& t) {
  const auto e = WeightedProportionFromSums(t.satisfied, t.valid, t.weighted_satisfied,
                                            t.weighted_valid, t.weight_squares);
  if (!e) return "–";
  return VietnameseNumber(100 * e->interval.lower, 2) + "–" +
         VietnameseNumber(100 * e->interval.upper, 2) + " %";
}

// The small-base rule's thresholds as the report states them; `what` counts the base.
std::string SmallBaseNote(const SmallBaseRule& rule, const std::string& what, bool ranked) {
  return "Chỉ số tính trên dưới " + VietnameseCount(rule.flag_below) + " " + what +
         " được đánh dấu *" + (ranked ? " và không được xếp hạng" : "") + "; dưới " +
         VietnameseCount(rule.suppress_below) + " " + what + " thì không công bố (ghi –).";
}

std::string ItemText(const std::vector<AnswerItem>& items, const std::string& code) {
  for (const AnswerItem& i : items) {
    if (i.code == code) return i.text;
  }
  return "";
}

// Every channel's indexes alone, then all channels pooled (reports/tally.h): only when some
// answers came through another channel than paper. A channel on few answers is flagged or not
// printed, as a unit is in the ranking.
void Channels(PageFlow& flow, const ReportInput& in) {
  if (in.tally.channels.empty()) return;
  const IndexFormula& f = in.tally.formula;
  std::vector<FlowColumn> columns = {{"Kênh thu thập ý kiến", 3}, {"Số người trả lời", 1.2, true},
                                     {"Chỉ số chung", 1.3, true}};
  for (const GroupIndex& g : in.tally.all.groups) {
    if (g.depth == 0) columns.push_back({g.code, 1.1, true});
  }
  std::vector<std::vector<std::string>> rows;
  const auto row = [&](const std::string& name, const IndexResult& r) {
    const BaseClass c = r.overall_defined ? ClassifyBase(r.forms, in.small_bases)
                                          : BaseClass::kSuppressed;
    const bool shown = c != BaseClass::kSuppressed;
    const std::string mark = c == BaseClass::kFlagged ? " *" : "";
    std::vector<std::string> cells = {name, VietnameseCount(r.forms),
                                      Value(f, shown, r.overall) + mark};
    for (const GroupIndex& g : r.groups) {
      if (g.depth == 0) cells.push_back(Value(f, shown && g.defined, g.value) + mark);
    }
    rows.push_back(cells);
  };
  for (const TallyPart& p : in.tally.channels) row(ChannelVietnamese(p.value), p.indexes);
  row("\tTất cả các kênh (gộp)", in.tally.all);
  flow.Heading("Chỉ số theo kênh thu thập ý kiến", 11);
  flow.Table(columns, rows);
  flow.Paragraph("Ý kiến của mọi kênh được gộp chung: mỗi người trả lời được tính một lần, như "
                 "nhau, không phân biệt kênh (xem mục Phương pháp). " +
                     std::string(in.tally.weighting
                                     ? "Phiếu giấy được gán trọng số thiết kế theo tầng, trung "
                                       "bình bằng 1; ý kiến qua các kênh khác có trọng số 1. "
                                     : "") +
                     SmallBaseNote(in.small_bases, "người trả lời", false),
                 8.5);
}

void Summary(PageFlow& flow, const ReportInput& in) {
  const IndexFormula& f = in.tally.formula;
  const IndexResult& all = in.tally.all;
  const double max = f.score == IndexScore::kShare ? 100 : 10;
  flow.NewPage();
  flow.Heading("1. Kết quả chung", 14);
  flow.Paragraph(f.title + ": " + Value(f, all.overall_defined, all.overall) + ", tính trên " +
                     VietnameseCount(in.tally.accepted) +
                     (in.tally.channel_answers > 0
                          ? " phiếu giấy hợp lệ và " + VietnameseCount(in.tally.channel_answers) +
                                " ý kiến thu qua các kênh khác, tính gộp."
                          : " phiếu hợp lệ."),
                 12, FontStyle::kBold);
  if (const std::string w = WeightingSummaryText(in, true); !w.empty()) flow.Paragraph(w, 9.5);
  if (f.respondent == RespondentRule::kAllSatisfied) {
    flow.Paragraph(VietnameseCount(all.respondents_satisfied) + " trong " +
                   VietnameseCount(all.respondents_complete) +
                   " người trả lời đủ các tiêu chí hài lòng với tất cả các tiêu chí.");
  }
  std::vector<FlowBar> blocks, elements;
  // A block's number as its title gives it ("II" of "II. VIỆC CUNG ỨNG ..."), else its title.
  std::map<std::string, std::string> block_number;
  for (const GroupIndex& g : all.groups) {
    const std::size_t dot = g.title.find('.');
    block_number[g.code] = dot != std::string::npos && dot <= 5 ? g.title.substr(0, dot) : g.title;
  }
  for (const GroupIndex& g : all.groups) {
    // The group's title, not its internal code ("Q9.II.2"); an element says whose block it is in,
    // as two blocks both number theirs from I or A ("Khối II – II. Thủ tục hành chính").
    const std::string label =
        g.parent.empty() ? g.title : "Khối " + block_number[g.parent] + " – " + g.title;
    FlowBar bar{label, g.defined ? g.value : 0, Value(f, g.defined, g.value)};
    (g.depth == 0 ? blocks : elements).push_back(bar);
  }
  if (!blocks.empty()) {
    flow.Heading("Chỉ số theo khối", 11);
    flow.Bars(blocks, max, f.score == IndexScore::kShare ? " %" : "");
  }
  if (!elements.empty()) {
    flow.Heading("Chỉ số theo yếu tố", 11);
    flow.Bars(elements, max, f.score == IndexScore::kShare ? " %" : "");
  }
  Channels(flow, in);
}

void Ranking(PageFlow& flow, const ReportInput& in) {
  const IndexFormula& f = in.tally.formula;
  // A unit's figures stand on its accepted forms: too few and it is flagged and not ranked, fewer
  // still and its figures are not printed (stats/statistics.h, ClassifyBase).
  const auto base = [&](const TallyPart* p) {
    return p->indexes.overall_defined ? ClassifyBase(p->indexes.forms, in.small_bases)
                                      : BaseClass::kSuppressed;
  };
  std::vector<const TallyPart*> parts;
  for (const TallyPart& p : in.tally.parts) parts.push_back(&p);
  std::stable_sort(parts.begin(), parts.end(), [&](const TallyPart* a, const TallyPart* b) {
    if (base(a) != base(b)) return base(a) < base(b);
    if (base(a) == BaseClass::kSuppressed) return false;
    return a->indexes.overall > b->indexes.overall;
  });
  std::vector<FlowColumn> columns = {{"Hạng", 0.6, true}, {"Đơn vị", 3}, {"Số phiếu", 1, true},
                                     {"Chỉ số chung", 1.3, true}};
  for (const GroupIndex& g : in.tally.all.groups) {
    if (g.depth == 0) columns.push_back({g.code, 1.1, true});
  }
  std::vector<std::vector<std::string>> rows;
  int rank = 0;
  for (const TallyPart* p : parts) {
    const BaseClass c = base(p);
    const bool shown = c != BaseClass::kSuppressed;
    const std::string mark = c == BaseClass::kFlagged ? " *" : "";
    std::vector<std::string> row = {c == BaseClass::kReliable ? VietnameseCount(++rank) : "–",
                                    UnitNameVietnamese(p->value),
                                    VietnameseCount(p->indexes.forms),
                                    Value(f, shown, p->indexes.overall) + mark};
    for (const GroupIndex& g : p->indexes.groups) {
      if (g.depth == 0) row.push_back(Value(f, shown && g.defined, g.value) + mark);
    }
    rows.push_back(row);
  }
  flow.Heading("2. Xếp hạng các đơn vị", 14);
  if (rows.empty()) {
    flow.Paragraph("Chưa có phiếu hợp lệ.");
    return;
  }
  flow.Table(columns, rows);
  flow.Paragraph(SmallBaseNote(in.small_bases, "phiếu hợp lệ", true), 8.5);
}

void Details(PageFlow& flow, const ReportInput& in) {
  const IndexFormula& f = in.tally.formula;
  const std::vector<AnswerItem> items = AnswerItems(in.survey);
  std::vector<std::vector<std::string>> groups;
  for (const GroupIndex& g : in.tally.all.groups) {
    groups.push_back({std::string(g.depth == 0 ? "\t" : "") + g.code, g.title,
                      VietnameseCount(g.valid), Value(f, g.defined, g.value)});
  }
  flow.Heading("3. Chỉ số theo khối và yếu tố", 14);
  flow.Table({{"Mã", 1}, {"Nội dung", 6}, {"Số câu trả lời hợp lệ", 1.4, true}, {"Chỉ số", 1.1, true}},
             groups);
  // A share gets its 95 % Wilson interval; a criterion on few valid answers is flagged or not
  // printed, as a unit is in the ranking.
  const bool share = f.score == IndexScore::kShare;
  const bool weighted = in.tally.weighting.has_value();
  std::vector<std::vector<std::string>> rows;
  for (const ItemTally& t : in.tally.all.items) {
    if (t.group.empty()) continue;
    const BaseClass c = ClassifyBase(t.valid, in.small_bases);
    const bool shown = t.defined && c != BaseClass::kSuppressed;
    const std::string mark = shown && c == BaseClass::kFlagged ? " *" : "";
    std::vector<std::string> row = {t.item,
                                    ItemText(items, t.item),
                                    VietnameseCount(t.valid),
                                    VietnameseCount(t.blank),
                                    VietnameseCount(t.invalid + t.review + t.missing -
                                                    t.not_asked),
                                    Value(f, shown, t.value) + mark};
    if (share) row.push_back(shown ? IntervalText(t) : "–");
    if (weighted) {
      row.push_back(shown ? EffectiveBaseText(t.weighted_valid * t.weighted_valid /
                                              t.weight_squares)
                          : "–");
    }
    rows.push_back(row);
  }
  flow.Heading("4. Chỉ số theo từng tiêu chí", 14);
  flow.Paragraph(
      "Hợp lệ: số câu trả lời được tính. Bỏ trống và không hợp lệ (đánh nhiều ô, bị "
      "loại khi xem xét, chờ xem xét, thiếu trang) không được tính vào mẫu số; câu mà kênh thu "
      "thập ý kiến không hỏi (tin nhắn, điện thoại…) không được tính ở cột nào. " +
          std::string(share ? "Khoảng tin cậy 95 % theo phương pháp Wilson" : "") +
          std::string(share && weighted ? ", tính trên cỡ mẫu hiệu dụng. " : share ? ". " : "") +
          std::string(weighted ? "Chỉ số đã gán trọng số thiết kế (mục 7); số câu trả lời là số "
                                 "đếm, chưa gán trọng số. "
                               : "") +
          SmallBaseNote(in.small_bases, "câu trả lời hợp lệ", false),
      8.5);
  // The effective base takes its room from the criterion's text, and the index gets a little
  // more, so that "100,00 % *" stays on one line beside the extra column.
  const double text_width = (share ? 5.0 : 6.0) - (weighted ? 1.2 : 0.0);
  std::vector<FlowColumn> columns = {
      {"Mã", 0.9},           {"Tiêu chí", text_width},    {"Hợp lệ", 0.9, true},
      {"Bỏ trống", 1, true}, {"Không hợp lệ", 1.1, true}, {"Chỉ số", weighted ? 1.3 : 1.1, true}};
  if (share) columns.push_back({"Khoảng tin cậy 95 %", 1.7, true});
  if (weighted) columns.push_back({"Cỡ mẫu hiệu dụng", 1.1, true});
  flow.Table(columns, rows);
}

// How the valid answers to each criterion spread over the scale's levels, as stacked bars with the
// criterion's text; the weakest and the strongest criteria highlighted. Only criteria on the
// scale of the first one (a survey's index items share it) and scales of 2 to 7 levels; a
// criterion on too few valid answers is listed without its bar, as its index is not printed.
void Distribution(PageFlow& flow, const ReportInput& in) {
  const IndexFormula& f = in.tally.formula;
  const std::vector<AnswerItem> items = AnswerItems(in.survey);
  const auto item_of = [&](const std::string& code) -> const AnswerItem* {
    for (const AnswerItem& i : items) {
      if (i.code == code) return &i;
    }
    return nullptr;
  };
  const AnswerItem* first = nullptr;
  std::vector<const ItemTally*> shown;  // on the first one's scale
  for (const ItemTally& t : in.tally.all.items) {
    const AnswerItem* item = t.group.empty() ? nullptr : item_of(t.item);
    if (item == nullptr) continue;
    if (first == nullptr) first = item;
    const auto same_scale = [&] {
      if (item->options.size() != first->options.size()) return false;
      for (std::size_t o = 0; o < item->options.size(); ++o) {
        if (item->options[o].code != first->options[o].code) return false;
      }
      return true;
    };
    if (same_scale()) shown.push_back(&t);
  }
  if (first == nullptr || first->options.size() < 2 || first->options.size() > 7) return;
  const auto printed = [&](const ItemTally& t) {
    return t.defined && ClassifyBase(t.valid, in.small_bases) != BaseClass::kSuppressed;
  };
  std::optional<double> lowest, highest;
  for (const ItemTally* t : shown) {
    if (!printed(*t)) continue;
    lowest = std::min(lowest.value_or(t->value), t->value);
    highest = std::max(highest.value_or(t->value), t->value);
  }
  const bool differ = lowest && highest && *lowest < *highest;
  std::vector<std::string> legend;
  for (const Option& o : first->options) legend.push_back(o.label);
  std::vector<FlowStack> bars;
  for (const ItemTally* t : shown) {
    FlowStack bar;
    const bool is_printed = printed(*t);
    const BaseClass c = ClassifyBase(t->valid, in.small_bases);
    bar.label = t->item + " " + ItemText(items, t->item);
    if (differ && is_printed && t->value == *lowest) bar.label += " (thấp nhất)";
    if (differ && is_printed && t->value == *highest) bar.label += " (cao nhất)";
    bar.highlighted = differ && is_printed && (t->value == *lowest || t->value == *highest);
    bar.value_text = Value(f, is_printed, t->value) +
                     (is_printed && c == BaseClass::kFlagged ? " *" : "");
    if (is_printed) {
      // Weighted as the index is (the counts' shares when unweighted).
      for (const Option& o : first->options) {
        const auto w = t->weighted_options.find(o.code);
        bar.shares.push_back(w == t->weighted_options.end() ? 0.0
                                                            : w->second / t->weighted_valid);
      }
    }
    bars.push_back(std::move(bar));
  }
  flow.Heading("Phân bố các mức trả lời theo tiêu chí", 11);
  flow.Paragraph(
      "Mỗi thanh là toàn bộ câu trả lời hợp lệ cho một tiêu chí (100 %), chia theo mức trả lời, "
      "từ mức nhạt nhất bên trái đến mức đậm nhất bên phải; số bên phải là chỉ số của tiêu chí. "
      "Tiêu chí có chỉ số thấp nhất và cao nhất được in đậm và đóng khung. Tiêu chí không đủ câu "
      "trả lời hợp lệ để công bố thì không vẽ thanh.",
      8.5);
  flow.StackedBars(bars, legend);
}

void Coverage(PageFlow& flow, const ReportInput& in) {
  std::vector<std::vector<std::string>> rows;
  for (const UnitSummary& u : in.tally.coverage) {
    rows.push_back({(u.unit.empty() ? "\tTổng cộng" : UnitNameVietnamese(u.unit)),
                    VietnameseCount(u.issued),
                    VietnameseCount(u.returned),
                    u.issued ? VietnamesePercent(100.0 * u.ReturnRate(), 2) : "–",
                    VietnameseCount(u.accepted), VietnameseCount(u.needs_review),
                    VietnameseCount(u.rejected)});
  }
  flow.Heading("5. Độ bao phủ và tỷ lệ thu về", 14);
  flow.Table({{"Đơn vị", 3}, {"Phát ra", 1, true}, {"Thu về", 1, true}, {"Tỷ lệ thu về", 1.2, true},
              {"Hợp lệ", 1, true}, {"Chờ xem xét", 1.2, true}, {"Bị loại", 1, true}},
             rows);
}

void Verification(PageFlow& flow, const ReportInput& in) {
  const UnitSummary& total = in.tally.coverage.back();
  flow.Heading("6. Kiểm tra phiếu và phúc tra", 14);
  flow.Paragraph("Mỗi phiếu thu về được đối chiếu với danh sách mẫu: mã phiếu, dấu xác thực của "
                 "mã QR, mẫu phiếu, phiếu đã hủy hoặc của người đã được thay thế, số trang, phiếu "
                 "trắng, ngày nhận và các bản quét trùng nhau. Chỉ phiếu hợp lệ được tính.");
  std::vector<std::vector<std::string>> rows = {
      {"Phiếu hợp lệ (được tính)", VietnameseCount(total.accepted)},
      {"Phiếu chờ xem xét (không được tính)", VietnameseCount(total.needs_review)},
      {"\tPhiếu bị loại", VietnameseCount(total.rejected)}};
  for (const auto& [reason, count] : total.rejected_by) {
    rows.push_back({"    " + std::string(ReasonVietnamese(reason)), VietnameseCount(count)});
  }
  if (in.tally.channel_answers > 0) {
    rows.push_back({"\tÝ kiến thu qua các kênh khác (được tính, không đối chiếu với danh sách mẫu)",
                    VietnameseCount(in.tally.channel_answers)});
  }
  flow.Table({{"", 5}, {"Số phiếu", 1, true}}, rows);
  flow.Paragraph("Phúc tra: " + (in.recheck.empty() ? std::string("chưa có kết quả phúc tra.")
                                                     : in.recheck));
}

void Methodology(PageFlow& flow, const ReportInput& in) {
  const IndexFormula& f = in.tally.formula;
  flow.Heading("7. Phương pháp", 14);
  // The formula's `source` is a note for whoever configures it (reports/formulas/FORMAT.md), not
  // published: what the formula does is said here from its fields, its fingerprint in the annex.
  flow.Paragraph("Công thức: " + f.name + ", phiên bản " + f.version +
                 " (mã SHA-256 của công thức ở Phụ lục).");
  if (f.score == IndexScore::kShare) {
    // The options by their labels on the scale of the index's criteria ("Hài lòng" (4)).
    std::map<std::string, std::string> labels;
    for (const AnswerItem& item : AnswerItems(in.survey)) {
      if (item.group.empty()) continue;
      for (const Option& o : item.options) labels.emplace(o.code, o.label);
    }
    std::string satisfied;
    for (const std::string& o : f.satisfied) {
      const auto label = labels.find(o);
      satisfied += (satisfied.empty() ? "" : ", ") +
                   (label == labels.end() ? o : "“" + label->second + "” (" + o + ")");
    }
    flow.Paragraph("Chỉ số của một tiêu chí = số câu trả lời chọn phương án " + satisfied +
                   " chia cho số câu trả lời hợp lệ, nhân 100 %.");
  } else {
    flow.Paragraph("Điểm của một tiêu chí = trung bình các câu trả lời hợp lệ (thang điểm 0–10).");
  }
  flow.Paragraph(std::string("Mỗi nhóm (yếu tố, khối) = ") +
                 (f.combine == GroupCombine::kMean
                      ? "trung bình cộng giản đơn của các tiêu chí và nhóm con (mỗi tiêu chí, "
                        "nhóm con ngang nhau)."
                      : "tính gộp trên mọi câu trả lời hợp lệ của các tiêu chí thuộc nhóm.") +
                 " Chỉ số chung = " +
                 (f.respondent == RespondentRule::kAllSatisfied
                      ? "tỷ lệ người trả lời hài lòng với tất cả các tiêu chí, trong số người trả "
                        "lời hợp lệ đủ các tiêu chí."
                  : f.overall == OverallOver::kBlocks   ? "trung bình của các khối."
                  : f.overall == OverallOver::kElements ? "trung bình của các yếu tố."
                                                        : "tính gộp trên mọi câu trả lời hợp lệ."));
  if (!in.tally.channels.empty()) {
    flow.Paragraph(
        "Kết hợp các kênh thu thập ý kiến: ý kiến thu bằng phiếu giấy và ý kiến thu qua các kênh "
        "khác (máy tính bảng tại quầy, tin nhắn SMS, điện thoại, trực tuyến) được gộp chung: mỗi "
        "người trả lời được tính một lần, như nhau, không phân biệt kênh và không gán trọng số "
        "theo kênh; mọi chỉ số của toàn bộ khảo sát và của từng đơn vị được tính trên tập gộp này "
        "theo cùng một công thức. Chỉ số của từng kênh được tính riêng theo cùng công thức. Câu "
        "hỏi mà một kênh không hỏi không được tính vào mẫu số của kênh đó. Ý kiến thu qua các "
        "kênh khác không có phiếu giấy, không có bản quét và không được đối chiếu với danh sách "
        "mẫu: chúng được nhập từ tệp dữ liệu của kênh theo một tệp ánh xạ, toàn bộ tệp hoặc "
        "không dòng nào; mỗi dòng phải có mã riêng không trùng, đơn vị thuộc danh sách mẫu và "
        "ngày trả lời nằm trong kỳ báo cáo.");
  }
  flow.Paragraph("Mẫu số là số câu trả lời hợp lệ: câu bỏ trống, đánh nhiều ô ở câu chỉ chọn một "
                 "phương án, câu bị đánh giá không hợp lệ, câu còn chờ xem xét và trang không thu "
                 "về đều không được tính. Phiếu chờ xem xét và phiếu bị loại không được tính.");
  std::string sureness;
  if (f.score == IndexScore::kShare) {
    sureness =
        "Độ chính xác của số liệu: chỉ số của mỗi tiêu chí là một tỷ lệ, được công bố kèm khoảng "
        "tin cậy 95 % theo phương pháp điểm số Wilson (Wilson, 1927; Newcombe, 1998): nếu lặp lại "
        "cuộc khảo sát nhiều lần, khoảng tính như vậy chứa tỷ lệ thật trong khoảng 95 % số lần. "
        "Phương pháp này vẫn đúng khi số câu trả lời ít hoặc tỷ lệ gần 0 % hay 100 %. ";
  }
  const SmallBaseRule& rule = in.small_bases;
  flow.Paragraph(sureness + "Số liệu tính trên ít câu trả lời kém tin cậy. " +
                 SmallBaseNote(rule, "câu trả lời hợp lệ", false) +
                 " Trong bảng xếp hạng, ngưỡng áp dụng cho số phiếu hợp lệ của mỗi đơn vị: đơn vị "
                 "có dưới " +
                 VietnameseCount(rule.flag_below) +
                 " phiếu hợp lệ được đánh dấu * và không được xếp hạng; dưới " +
                 VietnameseCount(rule.suppress_below) +
                 " phiếu hợp lệ thì không công bố chỉ số. Chỉ số chung, chỉ số theo khối và theo "
                 "yếu tố của toàn bộ khảo sát được công bố kèm số phiếu và số câu trả lời hợp lệ "
                 "mà chúng dựa vào.");
  flow.Paragraph(SampleDrawText(in));
  for (const std::string& w : WeightingMethodText(in)) flow.Paragraph(w);
  if (in.scorecards) flow.Paragraph(ScorecardMethodText(*in.scorecards));
  flow.Paragraph("Ý kiến ghi bằng chữ của người trả lời không được đưa vào báo cáo để bảo mật "
                 "thông tin; báo cáo không chứa thông tin cá nhân.");
  flow.Paragraph("Mọi thay đổi dữ liệu được ghi vào nhật ký chống sửa đổi; mã đầu chuỗi nhật ký "
                 "và dấu vân tay dữ liệu để kiểm tra lại ở Phụ lục.");
}

// A change between periods in points ("+1,25", "-0,80"); "–" when either side is not shown.
std::string ChangeText(const FigureChange& c, bool shown) {
  return shown ? VietnameseChange(c.value2 - c.value1, 2) : "–";
}

// ▲ or ▼ when the test finds the change significant, else nothing.
std::string SignificanceMark(const FigureChange& c, bool shown) {
  return shown && c.test ? SignificanceArrow(c.test->significant, c.test->difference) : "";
}

void Comparison(PageFlow& flow, const ReportInput& in) {
  if (!in.comparison) return;
  const PeriodComparison& c = *in.comparison;
  const IndexFormula& f = in.tally.formula;
  const bool share = f.score == IndexScore::kShare;
  flow.NewPage();
  flow.Heading("8. So sánh với kỳ trước", 14);
  flow.Paragraph("Kỳ này: " + (in.period.empty() ? std::string("không ghi") : in.period) +
                 ". Kỳ trước: " + (c.earlier_period.empty() ? "không ghi" : c.earlier_period) +
                 " (khảo sát " + c.earlier_survey + "). Cùng công thức " + f.name + " " +
                 f.version + "." +
                 (in.tally.weighting ? " Số liệu của cả hai kỳ ở mục này chưa gán trọng số: kiểm "
                                       "định dựa trên số câu trả lời."
                                     : ""));
  std::vector<std::vector<std::string>> rows;
  const auto row = [&](const std::string& code, const std::string& text, const FigureChange& x) {
    const bool shown1 = x.defined1 && ClassifyBase(x.base1, in.small_bases) != BaseClass::kSuppressed;
    const bool shown2 = x.defined2 && ClassifyBase(x.base2, in.small_bases) != BaseClass::kSuppressed;
    rows.push_back({code, text, Value(f, shown1, x.value1), Value(f, shown2, x.value2),
                    ChangeText(x, shown1 && shown2), SignificanceMark(x, shown1 && shown2)});
  };
  row("\tChung", f.title, c.overall);
  for (const FigureChange& g : c.groups) row(g.code, g.text, g);
  for (const FigureChange& i : c.items) {
    row(i.code == i.earlier_code ? i.code : i.code + " (" + i.earlier_code + ")", i.text, i);
  }
  flow.Table({{"Mã", 1.2},
              {"Nội dung", 5},
              {"Kỳ trước", 1.1, true},
              {"Kỳ này", 1.1, true},
              {share ? "Thay đổi (điểm %)" : "Thay đổi", 1.2, true},
              {"", 0.4, true}},
             rows);
  flow.Paragraph(
      share ? "Dấu ▲ (tăng) hoặc ▼ (giảm) chỉ được ghi khi thay đổi có ý nghĩa thống kê theo "
              "kiểm định z hai phía cho hiệu hai tỷ lệ (tỷ lệ gộp của hai kỳ dưới giả thuyết "
              "không có thay đổi), mức ý nghĩa 5 %; không có dấu nghĩa là thay đổi có thể chỉ do "
              "ngẫu nhiên của mẫu. Kiểm định áp dụng cho từng tiêu chí" +
                  std::string(f.respondent == RespondentRule::kAllSatisfied
                                  ? " và cho tỷ lệ người hài lòng với tất cả các tiêu chí"
                                  : "") +
                  "; chỉ số của khối, yếu tố" +
                  (f.respondent == RespondentRule::kAllSatisfied ? "" : " và chỉ số chung") +
                  " là trung bình của nhiều tỷ lệ nên chỉ ghi thay đổi, không kiểm định. "
            : "Điểm trung bình được so sánh không kèm kiểm định ý nghĩa thống kê. ",
      8.5);
  std::string unmatched;
  if (!c.not_compared_earlier.empty()) {
    unmatched += "của kỳ trước: " + Join(c.not_compared_earlier, ", ") + ". ";
  }
  if (!c.not_compared_current.empty()) {
    unmatched += "của kỳ này: " + Join(c.not_compared_current, ", ") + ". ";
  }
  flow.Paragraph(unmatched.empty()
                     ? "Mọi tiêu chí của hai kỳ đều được so sánh."
                     : "Tiêu chí không so sánh được (không có tiêu chí tương ứng ở kỳ kia) " +
                           unmatched,
                 8.5);
}

}  // namespace

Result<std::string> RenderReportPdf(const ReportInput& in) {
  auto flow = PageFlow::Create(in.tally.formula.title + (in.period.empty() ? "" : " — " + in.period));
  if (!flow.ok()) return flow.status();
  ReportCover(**flow, in);
  Summary(**flow, in);
  Ranking(**flow, in);
  Details(**flow, in);
  Distribution(**flow, in);
  Coverage(**flow, in);
  Verification(**flow, in);
  Methodology(**flow, in);
  Comparison(**flow, in);
  if (in.scorecards) ScorecardPages(**flow, *in.scorecards);
  OtherQuestions(**flow, in);
  ReportAnnex(**flow, in);
  return (*flow)->Finish();
}

}  // namespace phieu
