#include "core/survey_yaml.h"

#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

#include "core/crypto.h"
#include "core/error_list.h"
#include "core/text.h"
#include "core/yaml_fields.h"

namespace phieu {
namespace {

// True when every character of `text` is one of `allowed`.
bool OnlyCharacters(const std::string& text, std::string_view allowed) {
  return text.find_first_not_of(allowed) == std::string::npos;
}

class SurveyParser : private YamlFields {
 public:
  explicit SurveyParser(std::string_view file_name) : YamlFields(file_name) {}

  Result<Survey> Parse(std::string_view text) {
    YAML::Node loaded;
    if (!Load(text, loaded)) return errors_.ToStatus();
    const YAML::Node& root = loaded;  // const: lookups must never add keys
    if (!root.IsMap()) {
      errors_.Add(root.IsDefined() ? LineOf(root) : 1,
                  "a survey definition must be a mapping with 'name', 'version', 'title' and "
                  "'sections'");
      return errors_.ToStatus();
    }
    CheckKeys(root, "the survey",
              {"name", "version", "description", "title", "intro", "instructions", "closing",
               "scales", "groups", "sections"});
    survey_.name = Text(root, "name", "the survey", true);
    if (!survey_.name.empty() && !OnlyCharacters(survey_.name, "abcdefghijklmnopqrstuvwxyz0123456789-")) {
      errors_.Add(LineOf(root["name"]), "survey name '" + survey_.name +
                                            "' may use only lowercase letters, digits and '-'");
    }
    survey_.version = Text(root, "version", "the survey", true);
    survey_.description = Text(root, "description", "the survey", false);
    survey_.title_lines = TextList(root, "title", "the survey", true);
    survey_.instructions = TextList(root, "instructions", "the survey", false);
    survey_.closing = Text(root, "closing", "the survey", false);
    if (const YAML::Node intro = root["intro"]) {
      if (ExpectMap(intro, "'intro'")) {
        CheckKeys(intro, "'intro'", {"heading", "paragraphs"});
        survey_.intro_heading = Text(intro, "heading", "'intro'", false);
        survey_.intro_paragraphs = TextList(intro, "paragraphs", "'intro'", false);
      }
    }
    if (const YAML::Node scales = root["scales"]) ParseScales(scales);
    if (const YAML::Node groups = root["groups"]) ParseGroups(groups, "");
    ParseSections(root);
    CheckGroupReferences();
    if (!errors_.empty()) return errors_.ToStatus();
    survey_.content_hash = Sha256Hex(CanonicalText(survey_));
    return survey_;
  }

 private:
  // Records `code` as used, reporting a bad shape or a second use.
  void ClaimCode(const std::string& code, int line, std::map<std::string, int>& used,
                 std::string_view what) {
    if (code.empty()) return;
    if (!OnlyCharacters(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")) {
      errors_.Add(line, std::string(what) + " code '" + code +
                            "' may use only letters, digits, '.', '_' and '-'");
    }
    const auto [it, inserted] = used.emplace(code, line);
    if (!inserted) {
      errors_.Add(line, std::string(what) + " code '" + code + "' is used twice (first on line " +
                            std::to_string(it->second) + ")");
    }
  }

  std::vector<Option> ParseOptions(const YAML::Node& list, const std::string& owner) {
    std::vector<Option> options;
    if (!ExpectSequence(list, "the options of " + owner)) return options;
    std::map<std::string, int> codes;
    for (const auto& item : list) {
      if (!ExpectMap(item, "an option of " + owner)) continue;
      CheckKeys(item, "an option of " + owner, {"code", "label", "other_text"});
      Option option;
      option.code = Text(item, "code", "an option of " + owner, true);
      ClaimCode(option.code, LineOf(item), codes, "option");
      const std::string what = owner + " option '" + option.code + "'";
      option.label = Text(item, "label", what, false);
      if (option.label.empty()) errors_.Add(LineOf(item), what + " has no label");
      option.other_text = Flag(item, "other_text", what);
      options.push_back(std::move(option));
    }
    if (options.size() < 2) {
      errors_.Add(LineOf(list), owner + " needs at least 2 options");
    }
    return options;
  }

  void ParseScales(const YAML::Node& scales) {
    if (!ExpectMap(scales, "'scales'")) return;
    for (const auto& entry : scales) {
      const std::string name = entry.first.as<std::string>("");
      scales_[name] = ParseOptions(entry.second, "scale '" + name + "'");
    }
  }

  void ParseGroups(const YAML::Node& list, const std::string& parent) {
    if (!ExpectSequence(list, "'groups'")) return;
    for (const auto& item : list) {
      if (!ExpectMap(item, "a group")) continue;
      CheckKeys(item, "a group", {"code", "title", "level", "note", "groups"});
      Group group;
      group.code = Text(item, "code", "a group", true);
      ClaimCode(group.code, LineOf(item), group_codes_, "group");
      const std::string what = "group '" + group.code + "'";
      group.title = Text(item, "title", what, true);
      group.level = Text(item, "level", what, false);
      group.note = Text(item, "note", what, false);
      group.parent = parent;
      survey_.groups.push_back(group);
      if (const YAML::Node children = item["groups"]) ParseGroups(children, group.code);
    }
  }

  void ParseSections(const YAML::Node& root) {
    const YAML::Node sections = root["sections"];
    if (!sections) {
      errors_.Add(LineOf(root), "the survey has no 'sections'");
      return;
    }
    if (!ExpectSequence(sections, "'sections'")) return;
    std::map<std::string, int> section_codes;
    for (const auto& item : sections) {
      if (!ExpectMap(item, "a section")) continue;
      CheckKeys(item, "a section", {"code", "title", "note", "questions"});
      Section section;
      section.code = Text(item, "code", "a section", true);
      ClaimCode(section.code, LineOf(item), section_codes, "section");
      const std::string what = "section '" + section.code + "'";
      section.title = Text(item, "title", what, false);
      section.note = Text(item, "note", what, false);
      const YAML::Node questions = item["questions"];
      if (!questions || !questions.IsSequence() || questions.size() == 0) {
        errors_.Add(LineOf(item), what + " needs a list of 'questions'");
      } else {
        for (const auto& q : questions) {
          if (ExpectMap(q, "a question")) section.questions.push_back(ParseQuestion(q));
        }
      }
      survey_.sections.push_back(std::move(section));
    }
    if (survey_.sections.empty()) errors_.Add(LineOf(sections), "the survey has no sections");
  }

  Question ParseQuestion(const YAML::Node& node) {
    Question q;
    q.code = Text(node, "code", "a question", true);
    ClaimCode(q.code, LineOf(node), item_codes_, "question");
    const std::string kind = Text(node, "kind", "question '" + q.code + "'", true);
    static const std::map<std::string, QuestionKind> kKinds = {
        {"single", QuestionKind::kSingle}, {"multi", QuestionKind::kMulti},
        {"grid", QuestionKind::kGrid},     {"scale", QuestionKind::kScale},
        {"yesno", QuestionKind::kYesNo},   {"text", QuestionKind::kText}};
    const auto found = kKinds.find(kind);
    if (found == kKinds.end()) {
      if (!kind.empty()) {
        errors_.Add(LineOf(node["kind"]), "question '" + q.code + "' has kind '" + kind +
                                              "'; expected one of single, multi, grid, scale, "
                                              "yesno, text");
      }
      return q;
    }
    q.kind = found->second;
    const std::string what = std::string(QuestionKindName(q.kind)) + " '" + q.code + "'";
    q.text = Text(node, "text", what, true);
    q.note = Text(node, "note", what, false);
    q.group = Text(node, "group", what, false);
    if (!q.group.empty()) group_references_.push_back({q.group, LineOf(node["group"]), what});
    q.draft = Flag(node, "draft", what);

    switch (q.kind) {
      case QuestionKind::kSingle:
      case QuestionKind::kMulti:
        CheckKeys(node, what, {"code", "kind", "text", "note", "group", "draft", "options"});
        if (node["options"]) {
          q.options = ParseOptions(node["options"], what);
        } else {
          errors_.Add(LineOf(node), what + " has no 'options'");
        }
        break;
      case QuestionKind::kYesNo:
        CheckKeys(node, what, {"code", "kind", "text", "note", "group", "draft", "options"});
        if (node["options"]) {
          q.options = ParseOptions(node["options"], what);
          if (q.options.size() != 2) errors_.Add(LineOf(node), what + " needs exactly 2 options");
        } else {
          q.options = {{"1", "Có", false}, {"2", "Không", false}};
        }
        break;
      case QuestionKind::kGrid:
        CheckKeys(
            node, what,
            {"code", "kind", "text", "note", "group", "draft", "scale", "row_header", "rows"});
        q.row_header = Text(node, "row_header", what, false);
        ParseGridScale(node, what, q);
        ParseGridRows(node, what, q);
        break;
      case QuestionKind::kScale:
        CheckKeys(node, what,
                  {"code", "kind", "text", "note", "group", "draft", "min", "max", "low_label",
                   "high_label"});
        q.min = Integer(node, "min", what, 0);
        q.max = Integer(node, "max", what, 10);
        if (q.min < 0 || q.max > 20 || q.max - q.min < 1) {
          errors_.Add(LineOf(node), what + " needs 0 <= min < max <= 20 (has " +
                                        std::to_string(q.min) + ".." + std::to_string(q.max) + ")");
        } else {
          for (int v = q.min; v <= q.max; ++v) q.options.push_back({std::to_string(v), std::to_string(v), false});
        }
        q.low_label = Text(node, "low_label", what, false);
        q.high_label = Text(node, "high_label", what, false);
        break;
      case QuestionKind::kText:
        CheckKeys(node, what, {"code", "kind", "text", "note", "group", "draft", "lines"});
        q.lines = Integer(node, "lines", what, 3);
        if (q.lines < 1 || q.lines > 20) {
          errors_.Add(LineOf(node["lines"]), what + " needs 1 to 20 'lines' (has " +
                                                 std::to_string(q.lines) + ")");
        }
        break;
    }
    return q;
  }

  void ParseGridScale(const YAML::Node& node, const std::string& what, Question& q) {
    const YAML::Node scale = node["scale"];
    if (!scale) {
      errors_.Add(LineOf(node), what + " has no 'scale'");
    } else if (scale.IsScalar()) {
      const auto found = scales_.find(scale.Scalar());
      if (found == scales_.end()) {
        errors_.Add(LineOf(scale), what + " uses scale '" + scale.Scalar() +
                                       "', which is not defined in 'scales'");
      } else {
        q.options = found->second;
      }
    } else {
      q.options = ParseOptions(scale, what);
    }
  }

  void ParseGridRows(const YAML::Node& node, const std::string& what, Question& q) {
    const YAML::Node rows = node["rows"];
    if (!rows || !rows.IsSequence() || rows.size() == 0) {
      errors_.Add(LineOf(node), what + " needs a list of 'rows'");
      return;
    }
    for (const auto& item : rows) {
      if (!ExpectMap(item, "a row of " + what)) continue;
      CheckKeys(item, "a row of " + what, {"code", "text", "group", "draft"});
      GridRow row;
      row.code = Text(item, "code", "a row of " + what, true);
      ClaimCode(row.code, LineOf(item), item_codes_, "row");
      const std::string row_what = what + " row '" + row.code + "'";
      row.text = Text(item, "text", row_what, false);
      if (row.text.empty()) errors_.Add(LineOf(item), row_what + " has no text");
      row.group = Text(item, "group", row_what, false);
      if (!row.group.empty()) group_references_.push_back({row.group, LineOf(item["group"]), row_what});
      row.draft = Flag(item, "draft", row_what);
      q.rows.push_back(std::move(row));
    }
  }

  void CheckGroupReferences() {
    for (const auto& ref : group_references_) {
      if (!FindGroup(survey_, ref.code)) {
        errors_.Add(ref.line, ref.what + " names group '" + ref.code +
                                  "', which is not defined in 'groups'");
      }
    }
  }

  struct GroupReference {
    std::string code;
    int line;
    std::string what;
  };

  Survey survey_;
  std::map<std::string, std::vector<Option>> scales_;
  std::map<std::string, int> item_codes_;
  std::map<std::string, int> group_codes_;
  std::vector<GroupReference> group_references_;
};

}  // namespace

Result<Survey> ParseSurveyYaml(std::string_view yaml_text, std::string_view file_name) {
  return SurveyParser(file_name).Parse(yaml_text);
}

}  // namespace phieu
