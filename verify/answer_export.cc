#include "verify/answer_export.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

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
  const FormResult* previous = nullptr;
  for (const FormResult& f : channel_forms) {
    // Channel forms of one survey carry the same items: a form with the previous one's items
    // brings nothing new (a million of them come through here).
    const auto same_items = [&](const FormResult& p) {
      return std::equal(f.answers.begin(), f.answers.end(), p.answers.begin(), p.answers.end(),
                        [](const Answer& a, const Answer& b) { return a.item == b.item; });
    };
    if (previous != nullptr && same_items(*previous)) continue;
    previous = &f;
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

namespace {

// The answer columns of the table, and how a form's answers are found for them: the items in
// column order, each once, looked up by position first (answers come in printed order) and by a
// hash map otherwise, built once, not per form (a million channel answers come through here).
class ColumnFinder {
 public:
  explicit ColumnFinder(std::vector<AnswerColumn> columns) : columns_(std::move(columns)) {
    for (const AnswerColumn& c : columns_) {
      if (items_.empty() || items_.back() != c.item.code) {
        if (index_of_.emplace(c.item.code, items_.size()).second) items_.push_back(c.item.code);
      }
      item_of_column_.push_back(index_of_.at(c.item.code));
    }
    found_.resize(items_.size());
  }

  const std::vector<AnswerColumn>& columns() const { return columns_; }

  // The cells of `f`, one per column; a later answer to the same item wins, as it always did.
  void Cells(const FormResult& f, std::vector<std::string>& cells) {
    std::fill(found_.begin(), found_.end(), nullptr);
    std::size_t next = 0;
    for (const Answer& a : f.answers) {
      std::size_t at = next;
      if (at >= items_.size() || items_[at] != a.item) {
        const auto it = index_of_.find(a.item);
        if (it == index_of_.end()) continue;
        at = it->second;
      }
      found_[at] = &a;
      next = at + 1;
    }
    cells.clear();
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      const Answer* a = found_[item_of_column_[c]];
      cells.push_back(a == nullptr ? "" : ColumnCell(columns_[c], *a));
    }
  }

 private:
  std::vector<AnswerColumn> columns_;
  std::vector<std::string> items_;          // distinct item codes, in column order
  std::unordered_map<std::string, std::size_t> index_of_;
  std::vector<std::size_t> item_of_column_;
  std::vector<const Answer*> found_;        // per item, for the form being read
};

// The text cells of form `f` (empty ones when it has none: a channel answer, a rejected form).
std::vector<std::string> TextCells(const TextColumns& text, const FormResult& f) {
  const auto found = text.cells.find(f.code);
  if (found == text.cells.end() || !f.channel.empty()) {
    return std::vector<std::string>(text.headers.size());
  }
  return found->second;
}

std::vector<AnswerColumn> TableColumns(const VerifyInput& input,
                                       const std::vector<FormResult>& channel_forms) {
  std::vector<AnswerColumn> columns;
  for (const AnswerItem& item : ItemsOfTemplatesUsed(input, channel_forms)) {
    if (item.kind != QuestionKind::kMulti) {
      columns.push_back({item.code, item, ""});
      continue;
    }
    for (const Option& o : item.options) columns.push_back({item.code + "=" + o.code, item, o.code});
  }
  return columns;
}

}  // namespace

AnswerTable BuildAnswerTable(const VerifyInput& input, const VerifyResult& result,
                             const std::vector<FormResult>& channel_forms,
                             const TextColumns* text) {
  ColumnFinder finder(TableColumns(input, channel_forms));
  AnswerTable table;
  table.columns = finder.columns();
  if (text != nullptr) table.text_headers = text->headers;
  const auto add = [&](const FormResult& f) {
    AnswerTable::Row row{f.code, f.sample_id, f.unit, f.collector, f.channel, f.verdict, {}, {}};
    finder.Cells(f, row.cells);
    if (text != nullptr) row.text = TextCells(*text, f);
    table.rows.push_back(std::move(row));
  };
  for (const FormResult& f : result.forms) {
    if (Exported(f)) add(f);
  }
  for (const FormResult& f : channel_forms) add(f);
  return table;
}

std::string AnswersCsv(const VerifyInput& input, const VerifyResult& result,
                       const std::vector<FormResult>& channel_forms, bool anonymous,
                       const TextColumns* text) {
  // Row by row: the table of a million answers is never held as cells.
  ColumnFinder finder(TableColumns(input, channel_forms));
  const bool channels = !channel_forms.empty();
  std::ostringstream out;
  out << kUtf8Bom;
  std::vector<std::string> header = {"unit", "collector", "status"};
  if (!anonymous) header.insert(header.begin(), {"form", "sample"});
  if (channels) header.push_back("channel");
  for (const AnswerColumn& c : finder.columns()) header.push_back(c.header);
  if (text != nullptr) header.insert(header.end(), text->headers.begin(), text->headers.end());
  WriteCsvRecord(out, header);
  std::vector<std::string> row, cells;
  const auto write = [&](const FormResult& f) {
    row = {f.unit, f.collector, std::string(VerdictName(f.verdict))};
    if (!anonymous) row.insert(row.begin(), {f.code, f.sample_id});
    if (channels) row.push_back(f.channel.empty() ? "paper" : f.channel);
    finder.Cells(f, cells);
    row.insert(row.end(), cells.begin(), cells.end());
    if (text != nullptr) {
      const std::vector<std::string> written = TextCells(*text, f);
      row.insert(row.end(), written.begin(), written.end());
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
                        const std::vector<FormResult>& channel_forms,
                        const TextColumns* text) {
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
    if (text != nullptr) {
      const std::vector<std::string> written = TextCells(*text, f);
      form["text"] = nlohmann::ordered_json::object();
      for (std::size_t i = 0; i < text->headers.size(); ++i) {
        form["text"][text->headers[i]] = written[i];
      }
    }
    doc["forms"].push_back(std::move(form));
  }
  return doc.dump(2) + "\n";
}

}  // namespace phieu
