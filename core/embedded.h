#pragma once
// Data files compiled into the binary by cmake/embed.cmake (survey definitions, the schema).

#include <span>
#include <string_view>

namespace phieu {

struct EmbeddedFile {
  std::string_view name;  // the file's base name, e.g. "sipas-2022.yaml"
  std::string_view text;  // its bytes, exactly as in the source tree
};

}  // namespace phieu
