// The question map's reader (yaml-cpp through core/yaml_fields.h).

#include "reports/question_map.h"

#include <set>

#include "core/yaml_fields.h"

namespace phieu {
namespace {

std::set<std::string> Codes(const Survey& survey) {
  std::set<std::string> codes;
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.kind != QuestionKind::kText) codes.insert(item.code);
  }
  return codes;
}

class QuestionMapParser : private YamlFields {
 public:
  QuestionMapParser(std::string_view file_name, const Survey& earlier, const Survey& current)
      : YamlFields(file_name), earlier_(earlier), current_(current) {}

  Result<QuestionMap> Parse(std::string_view text) {
    YAML::Node root;
    if (!Load(text, root)) return errors_.ToStatus();
    if (!root.IsMap()) {
      errors_.Add(root.IsDefined() ? LineOf(root) : 1,
                  "a question map must be a mapping with 'from', 'to' and 'items'");
      return errors_.ToStatus();
    }
    CheckKeys(root, "the question map", {"from", "to", "items"});
    QuestionMap map;
    map.from = Text(root, "from", "the question map", true);
    map.to = Text(root, "to", "the question map", true);
    if (root["from"] && map.from != earlier_.name) {
      errors_.Add(LineOf(root["from"]), "the map is from '" + map.from +
                                            "', but the earlier database is for '" +
                                            earlier_.name + "'");
    }
    if (root["to"] && map.to != current_.name) {
      errors_.Add(LineOf(root["to"]), "the map is to '" + map.to + "', but this database is for '" +
                                          current_.name + "'");
    }
    const YAML::Node items = root["items"];
    if (!items) {
      errors_.Add(LineOf(root), "the question map has no 'items'");
    } else if (ExpectMap(items, "'items'")) {
      const std::set<std::string> before = Codes(earlier_), now = Codes(current_);
      std::set<std::string> used_before, used_now;
      for (const auto& entry : items) {
        const std::string from = entry.first.as<std::string>("");
        const std::string to = entry.second.IsScalar() ? entry.second.Scalar() : "";
        const int line = LineOf(entry.first);
        if (!before.contains(from)) {
          errors_.Add(line, "'" + from + "' is not a question of " + earlier_.name);
        } else if (!used_before.insert(from).second) {
          errors_.Add(line, "'" + from + "' is mapped twice");
        }
        if (!now.contains(to)) {
          errors_.Add(line, "'" + to + "' is not a question of " + current_.name);
        } else if (!used_now.insert(to).second) {
          errors_.Add(line, "'" + to + "' is the counterpart of two questions");
        }
        map.items.emplace_back(from, to);
      }
    }
    if (!errors_.empty()) return errors_.ToStatus();
    return map;
  }

 private:
  const Survey& earlier_;
  const Survey& current_;
};

}  // namespace

QuestionMap SameCodes(const Survey& earlier, const Survey& current) {
  QuestionMap map{earlier.name, current.name, {}};
  const std::set<std::string> before = Codes(earlier);
  for (const AnswerItem& item : AnswerItems(current)) {
    if (item.kind != QuestionKind::kText && before.contains(item.code)) {
      map.items.emplace_back(item.code, item.code);
    }
  }
  return map;
}

Result<QuestionMap> ParseQuestionMap(std::string_view text, std::string_view file_name,
                                     const Survey& earlier, const Survey& current) {
  return QuestionMapParser(file_name, earlier, current).Parse(text);
}

}  // namespace phieu
