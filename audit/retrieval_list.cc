#include "audit/retrieval_list.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <tuple>

#include "core/csv.h"
#include "core/text.h"
#include "core/vietnamese_format.h"
#include "forms/page_flow.h"

namespace phieu {
namespace {

// Room for a heading, a line of text and a table's first rows, so that none is left alone at
// the foot of a page.
constexpr double kSectionStartPt = 110;

// "3–5, 9" for {3, 4, 5, 9}.
std::string Ranges(std::vector<int> numbers) {
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < numbers.size();) {
    std::size_t j = i;
    while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1) ++j;
    parts.push_back(std::to_string(numbers[i]) +
                    (j > i ? "–" + std::to_string(numbers[j]) : std::string()));
    i = j + 1;
  }
  return Join(parts, ", ");
}

std::string FileName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

std::string StratumName(const AuditDraw& draw, const std::string& name) {
  if (draw.by.empty()) return "Tất cả phiếu hợp lệ";
  return name.empty() ? "(không ghi)" : name;
}

std::string StrataRule(const std::string& by) {
  if (by == "unit") return "theo đơn vị (mỗi đơn vị một nhóm)";
  if (by == "collector") return "theo điều tra viên (mỗi điều tra viên một nhóm)";
  return "không phân nhóm (một nhóm chung)";
}

void DrawFacts(PageFlow& flow, const AuditDraw& draw) {
  flow.Table({{"Cách rút", 1.3}, {"", 4}},
             {{"Hạt giống công bố", "\"" + draw.seed + "\""},
              {"Phương pháp", AuditDrawMethodText(draw.method)},
              {"Tỷ lệ rút", VietnamesePercent(100 * draw.rate, 1) + " số phiếu hợp lệ"},
              {"Phân nhóm", StrataRule(draw.by)},
              {"Số phiếu hợp lệ", std::to_string(draw.candidates)},
              {"Số phiếu được rút", std::to_string(draw.picks.size())}});
  std::vector<std::vector<std::string>> strata;
  int forms = 0, selected = 0;
  for (const AuditStratum& s : draw.strata) {
    strata.push_back(
        {StratumName(draw, s.name), std::to_string(s.forms), std::to_string(s.selected)});
    forms += s.forms;
    selected += s.selected;
  }
  if (draw.strata.size() > 1) {
    strata.push_back({"\tTổng cộng", std::to_string(forms), std::to_string(selected)});
  }
  flow.Table({{"Nhóm", 4}, {"Số phiếu hợp lệ", 1.3, true}, {"Số phiếu được rút", 1.3, true}},
             strata);
  flow.Paragraph(
      "Bất kỳ ai có danh sách mã phiếu hợp lệ và hạt giống trên đều có thể rút lại "
      "đúng danh sách này.",
      8.5);
  const DeliveryDraw& delivery = draw.delivery;
  if (delivery.rate > 0) {
    flow.Paragraph("Kiểm tra việc phát phiếu: rút riêng " + VietnameseCount(delivery.picks.size()) +
                       " trong " + VietnameseCount(delivery.candidates) +
                       " phiếu đã phát nhưng chưa thu về (tỷ lệ rút " +
                       VietnamesePercent(100 * delivery.rate, 1) +
                       "). Các phiếu này không có bản giấy nên không có trong danh sách cần lấy "
                       "dưới đây; người phúc tra liên hệ người được khảo sát theo phiếu kiểm tra "
                       "việc phát phiếu.",
                   8.5);
  }
}

// The forms with sheets in one batch, in the order of their first sheet there.
struct BatchEntry {
  const RetrievalRow* row;
  std::vector<ScannedSheet> sheets;  // the form's sheets in this batch, scan order
};

std::map<std::string, std::vector<BatchEntry>> ByBatch(const std::vector<RetrievalRow>& rows) {
  std::map<std::string, std::vector<BatchEntry>> batches;
  for (const RetrievalRow& row : rows) {
    std::map<std::string, std::vector<ScannedSheet>> mine;
    for (const ScannedSheet& s : row.sheets) mine[s.batch].push_back(s);
    for (auto& [batch, sheets] : mine) {
      std::sort(sheets.begin(), sheets.end(), [](const ScannedSheet& a, const ScannedSheet& b) {
        return a.sheet_in_batch < b.sheet_in_batch;
      });
      batches[batch].push_back({&row, std::move(sheets)});
    }
  }
  for (auto& [batch, entries] : batches) {
    std::stable_sort(entries.begin(), entries.end(), [](const BatchEntry& a, const BatchEntry& b) {
      return a.sheets.front().sheet_in_batch < b.sheets.front().sheet_in_batch;
    });
  }
  return batches;
}

std::vector<std::string> BatchCells(int number, const BatchEntry& e) {
  std::vector<std::string> files, pages;
  std::map<std::string, std::vector<int>> pages_by_file;
  std::vector<int> sheet_numbers;
  for (const ScannedSheet& s : e.sheets) {
    if (!pages_by_file.count(s.file)) files.push_back(s.file);
    pages_by_file[s.file].push_back(s.page_in_file);
    sheet_numbers.push_back(s.sheet_in_batch);
  }
  std::vector<std::string> names;
  for (const std::string& f : files) {
    names.push_back(FileName(f));
    pages.push_back(Ranges(pages_by_file[f]));
  }
  const AuditPick& p = e.row->pick;
  return {std::to_string(number),
          p.form_code,
          p.unit,
          p.collector,
          Join(names, ", "),
          Join(pages, "; "),
          Ranges(sheet_numbers),
          std::to_string(e.sheets.size()),
          ""};
}

}  // namespace

std::vector<RetrievalRow> RetrievalRows(const AuditDraw& draw,
                                        const std::vector<ScannedSheet>& sheets) {
  std::map<std::string, std::vector<ScannedSheet>> by_form;
  for (const ScannedSheet& s : sheets) by_form[s.form_code].push_back(s);
  std::vector<RetrievalRow> rows;
  for (const AuditPick& pick : draw.picks) {
    RetrievalRow row{pick, {}};
    if (auto it = by_form.find(pick.form_code); it != by_form.end()) row.sheets = it->second;
    // Page order; a page scanned twice: in scan order.
    std::stable_sort(row.sheets.begin(), row.sheets.end(),
                     [](const ScannedSheet& a, const ScannedSheet& b) {
                       return std::tie(a.page, a.batch, a.sheet_in_batch) <
                              std::tie(b.page, b.batch, b.sheet_in_batch);
                     });
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string RetrievalCsv(const std::vector<RetrievalRow>& rows) {
  std::ostringstream out;
  out << kUtf8Bom;
  WriteCsvRecord(out, {"form", "unit", "collector", "stratum", "rank", "ticket", "batch", "file",
                       "page_in_file", "sheet_in_batch", "pages"});
  for (const RetrievalRow& row : rows) {
    const AuditPick& p = row.pick;
    std::vector<std::string> fields = {
        p.form_code, p.unit, p.collector, p.stratum, std::to_string(p.rank), p.ticket};
    if (row.sheets.empty()) {
      fields.insert(fields.end(), {"", "", "", "", "0"});
    } else {
      const ScannedSheet& first = row.sheets.front();
      fields.insert(fields.end(),
                    {first.batch, first.file, std::to_string(first.page_in_file),
                     std::to_string(first.sheet_in_batch), std::to_string(row.sheets.size())});
    }
    WriteCsvRecord(out, fields);
  }
  return out.str();
}

Result<std::string> RenderRetrievalPdf(const std::string& survey_title, const AuditDraw& draw,
                                       const std::vector<RetrievalRow>& rows) {
  // Landscape: nine columns, and numbers that must not wrap.
  auto made = PageFlow::Create("Danh sách rút phiếu phúc tra — " + survey_title,
                               PageSize{kA4.height_pt, kA4.width_pt});
  if (!made.ok()) return made.status();
  PageFlow& flow = **made;
  flow.NewPage();
  flow.Heading("DANH SÁCH RÚT PHIẾU PHÚC TRA", 16);
  flow.Paragraph(survey_title, 10.5, FontStyle::kBold);
  flow.Heading("1. Các phiếu được rút", 12);
  DrawFacts(flow, draw);

  flow.KeepTogether(kSectionStartPt + 40);  // with its explanation
  flow.Heading("2. Rút phiếu giấy theo lô quét", 12);
  flow.Paragraph(
      "Mỗi bảng là một lô quét, các phiếu xếp theo thứ tự tờ trong lô (tờ thứ: vị trí "
      "của tờ giấy trong cả lô, đếm từ 1). Rút đủ số trang của từng phiếu, đánh dấu "
      "cột \"Đã rút\" và giữ nguyên thứ tự các tờ còn lại.",
      9);
  const std::vector<FlowColumn> columns = {
      {"STT", 0.5, true},
      {"Mã phiếu", 1.4},
      {"Đơn vị", 2.2},
      {"ĐTV", 2},
      {"Tệp", 2.2},
      {"Trang trong tệp", 1.1, true},
      {"Tờ thứ", 0.9, true},
      {"Số trang", 0.8, true},
      {.title = "Đã rút", .width = 0.7, .box = FlowBox::kTick}};
  const auto batches = ByBatch(rows);
  if (batches.empty()) flow.Paragraph("Không có phiếu nào có bản quét.");
  for (const auto& [batch, entries] : batches) {
    std::vector<std::vector<std::string>> cells;
    for (const BatchEntry& e : entries) cells.push_back(BatchCells(cells.size() + 1, e));
    const std::string name = "Lô " + (batch.empty() ? std::string("(không tên)") : batch);
    flow.PageHeader(name);  // the pages a batch's table runs on to
    // The heading stays with the table's first row, which lists one file a line.
    flow.KeepTogether(kSectionStartPt + 12.0 * entries.front().sheets.size());
    flow.Heading(name + " — " + std::to_string(entries.size()) + " phiếu", 11);
    flow.Table(columns, cells);
  }

  std::vector<std::vector<std::string>> missing;
  for (const RetrievalRow& row : rows) {
    if (!row.sheets.empty()) continue;
    const AuditPick& p = row.pick;
    missing.push_back({std::to_string(missing.size() + 1), p.form_code, p.unit, p.collector});
  }
  if (!missing.empty()) {
    flow.PageHeader("Không có bản quét");
    flow.KeepTogether(kSectionStartPt);
    flow.Heading("Không có bản quét", 12);
    flow.Paragraph(
        "Các phiếu được rút sau đây không có bản quét nào: báo ngay cho người phụ trách "
        "khảo sát.",
        9);
    flow.Table({{"STT", 0.55, true}, {"Mã phiếu", 1.55}, {"Đơn vị", 2}, {"ĐTV", 2}}, missing);
  }
  return flow.Finish();
}

}  // namespace phieu
