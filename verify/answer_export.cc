#include "verify/answer_export.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/csv.h"
#include "core/text.h"

namespace phieu {
namespace {

bool Exported(const FormResult& f) { return f.verdict != Verdict::kNotReturned; }

// The answer items of every template used, in printed order, each once.
std::vector<AnswerItem> ItemsOfTemplatesUsed(const VerifyInput& input) {
  std::vector<AnswerItem> items;
  std::set<std::string> seen;
  std::set<std::string> used_templates;
  for (const FormRecord& f : input.forms) used_templates.insert(f.template_id);
  for (const std::string& id : used_templates) {
    const auto t = input.templates.find(id);
    if (t == input.templates.end()) continue;
    for (const AnswerItem& item : t->second.items) {
      if (seen.insert(item.code).second) items.push_back(item);
    }
  }
  return items;
}

}  // namespace

std::string AnswerCell(const Answer& a) {
  switch (a.state) {
    case AnswerState::kBlank:
    case AnswerState::kMissing:
      return "";
    case AnswerState::kReview:
      return "?";
    case AnswerState::kMultiple:
    case AnswerState::kInvalid:
      return "*";
    case AnswerState::kAnswered:
      return Join(a.options, ";");
  }
  return "";
}

std::vector<std::string> AnswerColumns(const VerifyInput& input) {
  std::vector<std::string> codes;
  for (const AnswerItem& item : ItemsOfTemplatesUsed(input)) codes.push_back(item.code);
  return codes;
}

std::string ColumnCell(const AnswerColumn& column, const Answer& a) {
  if (column.option.empty() || a.state != AnswerState::kAnswered) return AnswerCell(a);
  const bool ticked =
      std::find(a.options.begin(), a.options.end(), column.option) != a.options.end();
  return ticked ? "1" : "0";
}

AnswerTable BuildAnswerTable(const VerifyInput& input, const VerifyResult& result) {
  AnswerTable table;
  for (const AnswerItem& item : ItemsOfTemplatesUsed(input)) {
    if (item.kind != QuestionKind::kMulti) {
      table.columns.push_back({item.code, item, ""});
      continue;
    }
    for (const Option& o : item.options)
      table.columns.push_back({item.code + "=" + o.code, item, o.code});
  }
  for (const FormResult& f : result.forms) {
    if (!Exported(f)) continue;
    std::map<std::string, const Answer*> answers;
    for (const Answer& a : f.answers) answers[a.item] = &a;
    AnswerTable::Row row{f.code, f.sample_id, f.unit, f.collector, f.verdict, {}};
    for (const AnswerColumn& c : table.columns) {
      const auto a = answers.find(c.item.code);
      row.cells.push_back(a == answers.end() ? "" : ColumnCell(c, *a->second));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::string AnswersCsv(const VerifyInput& input, const VerifyResult& result, bool anonymous) {
  const AnswerTable table = BuildAnswerTable(input, result);
  std::ostringstream out;
  out << kUtf8Bom;
  std::vector<std::string> header = {"unit", "collector", "status"};
  if (!anonymous) header.insert(header.begin(), {"form", "sample"});
  for (const AnswerColumn& c : table.columns) header.push_back(c.header);
  WriteCsvRecord(out, header);
  for (const AnswerTable::Row& r : table.rows) {
    std::vector<std::string> row = {r.unit, r.collector, std::string(VerdictName(r.verdict))};
    if (!anonymous) row.insert(row.begin(), {r.form, r.sample});
    row.insert(row.end(), r.cells.begin(), r.cells.end());
    WriteCsvRecord(out, row);
  }
  return out.str();
}

std::string AnswersJson(const std::string& survey, const std::string& version,
                        const VerifyInput& input, const VerifyResult& result) {
  nlohmann::ordered_json doc;
  doc["survey"] = survey;
  doc["version"] = version;
  doc["items"] = AnswerColumns(input);
  doc["forms"] = nlohmann::ordered_json::array();
  for (const FormResult& f : result.forms) {
    if (!Exported(f)) continue;
    nlohmann::ordered_json form;
    form["form"] = f.code;
    form["sample"] = f.sample_id;
    form["unit"] = f.unit;
    form["collector"] = f.collector;
    form["status"] = VerdictName(f.verdict);
    form["reasons"] = nlohmann::ordered_json::array();
    for (Reason r : f.reasons) form["reasons"].push_back(ReasonCode(r));
    form["answers"] = nlohmann::ordered_json::object();
    for (const Answer& a : f.answers) form["answers"][a.item] = AnswerCell(a);
    doc["forms"].push_back(std::move(form));
  }
  return doc.dump(2) + "\n";
}

}  // namespace phieu
