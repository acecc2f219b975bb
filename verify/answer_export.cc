#include "verify/answer_export.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

#include "core/csv.h"
#include "core/text.h"

namespace phieu {
namespace {

bool Exported(const FormResult& f) { return f.verdict != Verdict::kNotReturned; }

std::map<std::string, std::string> Cells(const FormResult& f) {
  std::map<std::string, std::string> cells;
  for (const Answer& a : f.answers) cells[a.item] = AnswerCell(a);
  return cells;
}

}  // namespace

std::string AnswerCell(const Answer& a) {
  switch (a.state) {
    case AnswerState::kBlank:
    case AnswerState::kMissing: return "";
    case AnswerState::kReview: return "?";
    case AnswerState::kMultiple:
    case AnswerState::kInvalid: return "*";
    case AnswerState::kAnswered: return Join(a.options, ";");
  }
  return "";
}

std::vector<std::string> AnswerColumns(const VerifyInput& input,
                                       const std::vector<FormResult>& channel_forms) {
  std::vector<std::string> columns;
  std::set<std::string> seen;
  std::set<std::string> used_templates;
  for (const FormRecord& f : input.forms) used_templates.insert(f.template_id);
  for (const std::string& id : used_templates) {
    const auto t = input.templates.find(id);
    if (t == input.templates.end()) continue;
    for (const AnswerItem& item : t->second.items) {
      if (seen.insert(item.code).second) columns.push_back(item.code);
    }
  }
  for (const FormResult& f : channel_forms) {
    for (const Answer& a : f.answers) {
      if (seen.insert(a.item).second) columns.push_back(a.item);
    }
  }
  return columns;
}

std::string AnswersCsv(const VerifyInput& input, const VerifyResult& result,
                       const std::vector<FormResult>& channel_forms) {
  const std::vector<std::string> columns = AnswerColumns(input, channel_forms);
  const bool channels = !channel_forms.empty();
  std::ostringstream out;
  out << kUtf8Bom;
  std::vector<std::string> header = {"form", "sample", "unit", "collector", "status"};
  if (channels) header.push_back("channel");
  header.insert(header.end(), columns.begin(), columns.end());
  WriteCsvRecord(out, header);
  const auto write = [&](const FormResult& f) {
    std::vector<std::string> row = {f.code, f.sample_id, f.unit, f.collector,
                                    std::string(VerdictName(f.verdict))};
    if (channels) row.push_back(f.channel.empty() ? "paper" : f.channel);
    const auto cells = Cells(f);
    for (const std::string& c : columns) {
      const auto cell = cells.find(c);
      row.push_back(cell == cells.end() ? "" : cell->second);
    }
    WriteCsvRecord(out, row);
  };
  for (const FormResult& f : result.forms) {
    if (Exported(f)) write(f);
  }
  for (const FormResult& f : channel_forms) write(f);
  return out.str();
}

std::string AnswersJson(const std::string& survey, const std::string& version,
                        const VerifyInput& input, const VerifyResult& result,
                        const std::vector<FormResult>& channel_forms) {
  nlohmann::ordered_json doc;
  doc["survey"] = survey;
  doc["version"] = version;
  doc["items"] = AnswerColumns(input, channel_forms);
  doc["forms"] = nlohmann::ordered_json::array();
  std::vector<const FormResult*> exported;
  for (const FormResult& f : result.forms) {
    if (Exported(f)) exported.push_back(&f);
  }
  for (const FormResult& f : channel_forms) exported.push_back(&f);
  for (const FormResult* each : exported) {
    const FormResult& f = *each;
    nlohmann::ordered_json form;
    form["form"] = f.code;
    form["sample"] = f.sample_id;
    form["unit"] = f.unit;
    form["collector"] = f.collector;
    form["status"] = VerdictName(f.verdict);
    if (!channel_forms.empty()) form["channel"] = f.channel.empty() ? "paper" : f.channel;
    form["reasons"] = nlohmann::ordered_json::array();
    for (Reason r : f.reasons) form["reasons"].push_back(ReasonCode(r));
    form["answers"] = nlohmann::ordered_json::object();
    for (const Answer& a : f.answers) form["answers"][a.item] = AnswerCell(a);
    doc["forms"].push_back(std::move(form));
  }
  return doc.dump(2) + "\n";
}

}  // namespace phieu
