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

// The answer items of every template used, in printed order, each once; then the items of
// `channel_forms` none of them has, as any template defines them (else as a bare code).
std::vector<AnswerItem> ItemsOfTemplatesUsed(const VerifyInput& input,
                                             const std::vector<FormResult>& channel_forms) {
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
  for (const FormResult& f : channel_forms) {
    for (const Answer& a : f.answers) {
      if (!seen.insert(a.item).second) continue;
      AnswerItem found;
      found.code = a.item;
      for (const auto& [id, t] : input.templates) {
        const auto item = std::find_if(t.items.begin(), t.items.end(),
                                       [&](const AnswerItem& i) { return i.code == a.item; });
        if (item != t.items.end()) {
          found = *item;
          break;
        }
      }
      items.push_back(found);
    }
  }
  return items;
}

std::string ChannelName(const FormResult& f) { return f.channel.empty() ? "paper" : f.channel; }

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

std::vector<std::string> AnswerColumns(const VerifyInput& input,
                                       const std::vector<FormResult>& channel_forms) {
  std::vector<std::string> codes;
  for (const AnswerItem& item : ItemsOfTemplatesUsed(input, channel_forms)) {
    codes.push_back(item.code);
  }
  return codes;
}

std::string ColumnCell(const AnswerColumn& column, const Answer& a) {
  if (column.option.empty() || a.state != AnswerState::kAnswered) return AnswerCell(a);
  const bool ticked =
      std::find(a.options.begin(), a.options.end(), column.option) != a.options.end();
  return ticked ? "1" : "0";
}

AnswerTable BuildAnswerTable(const VerifyInput& input, const VerifyResult& result,
                             const std::vector<FormResult>& channel_forms) {
  AnswerTable table;
  for (const AnswerItem& item : ItemsOfTemplatesUsed(input, channel_forms)) {
    if (item.kind != QuestionKind::kMulti) {
      table.columns.push_back({item.code, item, ""});
      continue;
    }
    for (const Option& o : item.options)
      table.columns.push_back({item.code + "=" + o.code, item, o.code});
  }
  const auto add = [&](const FormResult& f) {
    std::map<std::string, const Answer*> answers;
    for (const Answer& a : f.answers) answers[a.item] = &a;
    AnswerTable::Row row{f.code, f.sample_id, f.unit, f.collector, f.channel, f.verdict, {}};
    for (const AnswerColumn& c : table.columns) {
      const auto a = answers.find(c.item.code);
      row.cells.push_back(a == answers.end() ? "" : ColumnCell(c, *a->second));
    }
    table.rows.push_back(std::move(row));
  };
  for (const FormResult& f : result.forms) {
    if (Exported(f)) add(f);
  }
  for (const FormResult& f : channel_forms) add(f);
  return table;
}

std::string AnswersCsv(const VerifyInput& input, const VerifyResult& result,
                       const std::vector<FormResult>& channel_forms, bool anonymous) {
  const AnswerTable table = BuildAnswerTable(input, result, channel_forms);
  const bool channels = !channel_forms.empty();
  std::ostringstream out;
  out << kUtf8Bom;
  std::vector<std::string> header = {"unit", "collector", "status"};
  if (!anonymous) header.insert(header.begin(), {"form", "sample"});
  if (channels) header.push_back("channel");
  for (const AnswerColumn& c : table.columns) header.push_back(c.header);
  WriteCsvRecord(out, header);
  for (const AnswerTable::Row& r : table.rows) {
    std::vector<std::string> row = {r.unit, r.collector, std::string(VerdictName(r.verdict))};
    if (!anonymous) row.insert(row.begin(), {r.form, r.sample});
    if (channels) row.push_back(r.channel.empty() ? "paper" : r.channel);
    row.insert(row.end(), r.cells.begin(), r.cells.end());
    WriteCsvRecord(out, row);
  }
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
    if (!channel_forms.empty()) form["channel"] = ChannelName(f);
    form["reasons"] = nlohmann::ordered_json::array();
    for (Reason r : f.reasons) form["reasons"].push_back(ReasonCode(r));
    form["answers"] = nlohmann::ordered_json::object();
    for (const Answer& a : f.answers) form["answers"][a.item] = AnswerCell(a);
    doc["forms"].push_back(std::move(form));
  }
  return doc.dump(2) + "\n";
}

}  // namespace phieu
