#include "core/survey.h"

namespace phieu {

std::string_view QuestionKindName(QuestionKind kind) {
  switch (kind) {
    case QuestionKind::kSingle: return "single";
    case QuestionKind::kMulti: return "multi";
    case QuestionKind::kGrid: return "grid";
    case QuestionKind::kScale: return "scale";
    case QuestionKind::kYesNo: return "yesno";
    case QuestionKind::kText: return "text";
  }
  return "?";
}

std::vector<AnswerItem> AnswerItems(const Survey& survey) {
  std::vector<AnswerItem> items;
  for (const Section& section : survey.sections) {
    for (const Question& q : section.questions) {
      if (q.kind != QuestionKind::kGrid) {
        items.push_back({q.code, q.code, q.kind, q.text, q.group, q.options});
        continue;
      }
      for (const GridRow& row : q.rows) {
        items.push_back({row.code, q.code, q.kind, row.text,
                         row.group.empty() ? q.group : row.group, q.options});
      }
    }
  }
  return items;
}

namespace {

// Appends "key=value" lines; values are length-prefixed so that no text can fake a boundary.
class CanonicalWriter {
 public:
  void Field(std::string_view key, std::string_view value) {
    text_ += key;
    text_ += '=';
    text_ += std::to_string(value.size());
    text_ += ':';
    text_ += value;
    text_ += '\n';
  }
  void Field(std::string_view key, int value) { Field(key, std::to_string(value)); }
  void Options(const std::vector<Option>& options) {
    for (const Option& o : options) {
      Field("option", o.code);
      Field("label", o.label);
      Field("other_text", o.other_text ? "1" : "0");
    }
  }
  std::string Take() { return std::move(text_); }

 private:
  std::string text_;
};

}  // namespace

std::string CanonicalText(const Survey& survey) {
  CanonicalWriter w;
  w.Field("format", "phieu-survey-1");
  w.Field("name", survey.name);
  w.Field("version", survey.version);
  for (const auto& line : survey.title_lines) w.Field("title", line);
  w.Field("intro_heading", survey.intro_heading);
  for (const auto& p : survey.intro_paragraphs) w.Field("intro", p);
  for (const auto& i : survey.instructions) w.Field("instruction", i);
  w.Field("closing", survey.closing);
  for (const Group& g : survey.groups) {
    w.Field("group", g.code);
    w.Field("title", g.title);
    w.Field("level", g.level);
    w.Field("note", g.note);
    w.Field("parent", g.parent);
  }
  for (const Section& s : survey.sections) {
    w.Field("section", s.code);
    w.Field("title", s.title);
    w.Field("note", s.note);
    for (const Question& q : s.questions) {
      w.Field("question", q.code);
      w.Field("kind", QuestionKindName(q.kind));
      w.Field("text", q.text);
      w.Field("note", q.note);
      w.Field("group", q.group);
      w.Options(q.options);
      w.Field("row_header", q.row_header);
      for (const GridRow& r : q.rows) {
        w.Field("row", r.code);
        w.Field("text", r.text);
        w.Field("group", r.group);
      }
      w.Field("min", q.min);
      w.Field("max", q.max);
      w.Field("low_label", q.low_label);
      w.Field("high_label", q.high_label);
      w.Field("lines", q.lines);
    }
  }
  return w.Take();
}

std::vector<std::string> DraftItems(const Survey& survey) {
  std::vector<std::string> codes;
  for (const Section& section : survey.sections) {
    for (const Question& q : section.questions) {
      if (q.draft) {
        codes.push_back(q.code);
        continue;
      }
      for (const GridRow& row : q.rows) {
        if (row.draft) codes.push_back(row.code);
      }
    }
  }
  return codes;
}

const Group* FindGroup(const Survey& survey, std::string_view code) {
  for (const Group& g : survey.groups) {
    if (g.code == code) return &g;
  }
  return nullptr;
}

}  // namespace phieu
