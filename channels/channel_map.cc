// The channel mapping file's reader (yaml-cpp through core/yaml_fields.h).

#include "channels/channel_map.h"

#include <algorithm>
#include <set>

#include "core/text.h"
#include "core/yaml_fields.h"

namespace phieu {
namespace {

std::string OptionCodes(const AnswerItem& item) {
  std::vector<std::string> codes;
  for (const Option& o : item.options) codes.push_back(o.code);
  return Join(codes, ", ");
}

bool HasOption(const AnswerItem& item, const std::string& code) {
  for (const Option& o : item.options) {
    if (o.code == code) return true;
  }
  return false;
}

class ChannelMapParser : private YamlFields {
 public:
  ChannelMapParser(std::string_view file_name, const Survey& survey)
      : YamlFields(file_name), survey_(survey) {
    for (const AnswerItem& item : AnswerItems(survey)) items_[item.code] = item;
  }

  Result<ChannelMap> Parse(std::string_view text) {
    YAML::Node root;
    if (!Load(text, root)) return errors_.ToStatus();
    if (!root.IsMap()) {
      errors_.Add(root.IsDefined() ? LineOf(root) : 1,
                  "a channel map must be a mapping with 'id', 'unit', 'date' and 'questions'");
      return errors_.ToStatus();
    }
    CheckKeys(root, "the channel map",
              {"channel", "id", "unit", "date", "date_format", "values", "blank", "ignore",
               "questions"});
    ChannelMap map;
    map.channel = Text(root, "channel", "the channel map", false);
    if (!map.channel.empty()) {
      const auto& names = ChannelNames();
      if (std::find(names.begin(), names.end(), map.channel) == names.end()) {
        errors_.Add(LineOf(root["channel"]), "channel '" + map.channel +
                                                 "' is not one of " + Join(names, ", "));
      }
    }
    map.id_column = Text(root, "id", "the channel map", true);
    map.unit_column = Text(root, "unit", "the channel map", true);
    map.date_column = Text(root, "date", "the channel map", true);
    const std::string format = Text(root, "date_format", "the channel map", false);
    if (format == "DD/MM/YYYY") {
      map.date_format = DateFormat::kDayMonthYear;
    } else if (!format.empty() && format != "YYYY-MM-DD") {
      errors_.Add(LineOf(root["date_format"]),
                  "date_format '" + format + "' is not YYYY-MM-DD or DD/MM/YYYY");
    }
    map.blank = TextList(root, "blank", "the channel map", false);
    map.ignore = TextList(root, "ignore", "the channel map", false);
    const auto shared = Values(root["values"], "'values'");
    const YAML::Node questions = root["questions"];
    if (!questions) {
      errors_.Add(LineOf(root), "the channel map has no 'questions'");
    } else if (ExpectMap(questions, "'questions'")) {
      for (const auto& entry : questions) Question(entry.first, entry.second, shared, map);
      if (questions.size() == 0) errors_.Add(LineOf(questions), "'questions' is empty");
    }
    CheckColumnsOnce(root, map);
    if (!errors_.empty()) return errors_.ToStatus();
    return map;
  }

 private:
  struct Value {
    std::string to;
    int line = 0;
  };
  using Values_ = std::map<std::string, Value>;

  Values_ Values(const YAML::Node& node, const std::string& what) {
    Values_ values;
    if (!node || !ExpectMap(node, what)) return values;
    for (const auto& entry : node) {
      if (!entry.first.IsScalar() || !entry.second.IsScalar()) {
        errors_.Add(LineOf(entry.first), what + " maps each channel value to an option code");
        continue;
      }
      values[std::string(Trim(entry.first.Scalar()))] = {std::string(Trim(entry.second.Scalar())),
                                                         LineOf(entry.first)};
    }
    return values;
  }

  void Question(const YAML::Node& key, const YAML::Node& value, const Values_& shared,
                ChannelMap& map) {
    const std::string code = key.as<std::string>("");
    const auto item = items_.find(code);
    if (item == items_.end()) {
      errors_.Add(LineOf(key), "'" + code + "' is not a question of " + survey_.name);
      return;
    }
    if (item->second.kind == QuestionKind::kText) {
      errors_.Add(LineOf(key), "'" + code + "' is a free-text question: channels cannot answer it");
      return;
    }
    ChannelQuestion q;
    q.item = code;
    q.multiple = item->second.kind == QuestionKind::kMulti;
    Values_ own;
    const std::string what = "question '" + code + "'";
    if (value.IsScalar()) {
      q.column = std::string(Trim(value.Scalar()));
    } else if (value.IsMap()) {
      CheckKeys(value, what, {"column", "values"});
      q.column = Text(value, "column", what, true);
      own = Values(value["values"], "the values of " + what);
    } else {
      errors_.Add(LineOf(value), what + " needs a column name, or {column, values}");
      return;
    }
    if (q.column.empty()) errors_.Add(LineOf(key), what + " has no column");
    for (const auto& [from, to] : own.empty() ? shared : own) {
      if (!HasOption(item->second, to.to)) {
        errors_.Add(to.line, "value '" + from + "' maps to '" + to.to +
                                 "', which is not an option of " + code + " (" +
                                 OptionCodes(item->second) + ")");
      }
      q.values[from] = to.to;
    }
    if (own.empty() && shared.empty()) {
      for (const Option& o : item->second.options) q.values[o.code] = o.code;
    }
    for (const ChannelQuestion& other : map.questions) {
      if (other.item == code) errors_.Add(LineOf(key), "'" + code + "' is mapped twice");
    }
    map.questions.push_back(std::move(q));
  }

  void CheckColumnsOnce(const YAML::Node& root, const ChannelMap& map) {
    std::map<std::string, std::string> used;  // column -> what it is
    const auto use = [&](const std::string& column, const std::string& what) {
      if (column.empty()) return;
      const auto [it, added] = used.emplace(column, what);
      if (!added) {
        errors_.Add(LineOf(root), "column '" + column + "' is both " + it->second + " and " + what);
      }
    };
    use(map.id_column, "the id");
    use(map.unit_column, "the unit");
    use(map.date_column, "the date");
    for (const ChannelQuestion& q : map.questions) use(q.column, q.item);
    for (const std::string& c : map.ignore) use(c, "ignored");
  }

  const Survey& survey_;
  std::map<std::string, AnswerItem> items_;
};

}  // namespace

const std::vector<std::string>& ChannelNames() {
  static const std::vector<std::string> names = {"tablet", "sms", "phone", "web"};
  return names;
}

Result<ChannelMap> ParseChannelMap(std::string_view text, std::string_view file_name,
                                   const Survey& survey) {
  return ChannelMapParser(file_name, survey).Parse(text);
}

}  // namespace phieu
