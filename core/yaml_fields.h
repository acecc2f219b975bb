#pragma once
// Private to phieu's YAML readers (core/survey_yaml.cc, reports/formula_yaml.cc): reading fields
// of a yaml-cpp document while collecting every problem as "FILE:LINE: message" in an ErrorList,
// so a file is reported whole, not one error at a time. Not a public header: it exposes yaml-cpp.

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/error_list.h"

namespace phieu {

class YamlFields {
 protected:
  explicit YamlFields(std::string_view file_name) : errors_(file_name, 20) {}

  static int LineOf(const YAML::Node& node) { return node.Mark().line + 1; }

  // Parses `text` into `document`; a syntax error is recorded (with its line) and gives false.
  bool Load(std::string_view text, YAML::Node& document);

  bool ExpectMap(const YAML::Node& node, std::string_view what);
  bool ExpectSequence(const YAML::Node& node, std::string_view what);
  // Reports keys of `map` not in `allowed`, and keys given twice.
  void CheckKeys(const YAML::Node& map, std::string_view what,
                 std::initializer_list<std::string_view> allowed);
  // The scalar at map[key] as text ("" when absent). A missing required key or a non-scalar value
  // is reported.
  std::string Text(const YAML::Node& map, const char* key, std::string_view what, bool required);
  // A list of non-empty lines of text at map[key].
  std::vector<std::string> TextList(const YAML::Node& map, const char* key, std::string_view what,
                                    bool required);
  int Integer(const YAML::Node& map, const char* key, std::string_view what, int fallback);
  bool Flag(const YAML::Node& map, const char* key, std::string_view what);

  ErrorList errors_;
};

}  // namespace phieu
