#include "core/yaml_fields.h"

#include <set>
#include <string>

#include <yaml-cpp/depthguard.h>

#include "core/text.h"

namespace phieu {

bool YamlFields::Load(std::string_view text, YAML::Node& document) {
  try {
    document = YAML::Load(std::string(text));
    return true;
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp says only "bad file".
    errors_.Add(e.mark.line + 1, "YAML nested too deeply (" + std::to_string(e.depth()) +
                                     " levels of lists or mappings or more; a survey needs fewer "
                                     "than 10)");
    return false;
  } catch (const YAML::ParserException& e) {
    errors_.Add(e.mark.line + 1, "YAML syntax error: " + e.msg);
    return false;
  }
}

bool YamlFields::ExpectMap(const YAML::Node& node, std::string_view what) {
  if (node.IsMap()) return true;
  errors_.Add(LineOf(node), std::string(what) + " must be a mapping of keys to values");
  return false;
}

bool YamlFields::ExpectSequence(const YAML::Node& node, std::string_view what) {
  if (node.IsSequence()) return true;
  errors_.Add(LineOf(node), std::string(what) + " must be a list");
  return false;
}

void YamlFields::CheckKeys(const YAML::Node& map, std::string_view what,
                           std::initializer_list<std::string_view> allowed) {
  std::set<std::string> seen;
  for (const auto& entry : map) {
    const std::string key = entry.first.as<std::string>("");
    bool known = false;
    for (auto a : allowed) known = known || key == a;
    if (!known) {
      errors_.Add(LineOf(entry.first), "unknown key '" + key + "' in " + std::string(what));
    } else if (!seen.insert(key).second) {
      errors_.Add(LineOf(entry.first), "key '" + key + "' appears twice in " + std::string(what));
    }
  }
}

std::string YamlFields::Text(const YAML::Node& map, const char* key, std::string_view what,
                             bool required) {
  const YAML::Node node = map[key];
  if (!node || node.IsNull()) {
    if (required) {
      errors_.Add(LineOf(map), std::string(what) + " has no '" + key + "'");
    }
    return "";
  }
  if (!node.IsScalar()) {
    errors_.Add(LineOf(node), "'" + std::string(key) + "' of " + std::string(what) +
                                  " must be text (quote it if it contains ': ')");
    return "";
  }
  std::string value(Trim(node.Scalar()));
  if (required && value.empty()) {
    errors_.Add(LineOf(node), std::string(what) + " has an empty '" + key + "'");
  }
  return value;
}

std::vector<std::string> YamlFields::TextList(const YAML::Node& map, const char* key,
                                              std::string_view what, bool required) {
  std::vector<std::string> lines;
  const YAML::Node node = map[key];
  if (!node) {
    if (required) errors_.Add(LineOf(map), std::string(what) + " has no '" + key + "'");
    return lines;
  }
  if (!ExpectSequence(node, "'" + std::string(key) + "' of " + std::string(what))) return lines;
  for (const auto& item : node) {
    if (!item.IsScalar() || Trim(item.Scalar()).empty()) {
      errors_.Add(LineOf(item), "every entry of '" + std::string(key) + "' must be a line of text");
      continue;
    }
    lines.emplace_back(Trim(item.Scalar()));
  }
  if (required && lines.empty()) {
    errors_.Add(LineOf(node), "'" + std::string(key) + "' of " + std::string(what) +
                                  " needs at least one line");
  }
  return lines;
}

int YamlFields::Integer(const YAML::Node& map, const char* key, std::string_view what,
                        int fallback) {
  const YAML::Node node = map[key];
  if (!node) return fallback;
  try {
    return node.as<int>();
  } catch (const YAML::Exception&) {
    errors_.Add(LineOf(node), "'" + std::string(key) + "' of " + std::string(what) +
                                  " must be a whole number");
    return fallback;
  }
}

bool YamlFields::Flag(const YAML::Node& map, const char* key, std::string_view what) {
  const YAML::Node node = map[key];
  if (!node) return false;
  try {
    return node.as<bool>();
  } catch (const YAML::Exception&) {
    errors_.Add(LineOf(node), "'" + std::string(key) + "' of " + std::string(what) +
                                  " must be true or false");
    return false;
  }
}

}  // namespace phieu
