#include "store/schema.h"

#include <span>
#include <stdexcept>
#include <string>

#include "core/embedded.h"

namespace phieu {

// Generated from store/schema.sql by cmake/embed.cmake.
std::span<const EmbeddedFile> EmbeddedSchemaFiles();

namespace store_internal {

const std::vector<SchemaSection>& SchemaSections() {
  static const std::vector<SchemaSection> sections = [] {
    constexpr std::string_view kMarker = "\n-- @version ";
    const std::string_view text = EmbeddedSchemaFiles().front().text;
    std::vector<SchemaSection> list;
    std::size_t at = text.find(kMarker);
    while (at != std::string_view::npos) {
      const std::size_t number = at + kMarker.size();
      const int version = std::stoi(std::string(text.substr(number, 6)));
      if (version != static_cast<int>(list.size()) + 1) {
        throw std::logic_error("schema.sql: section '@version " + std::to_string(version) +
                               "' out of order");
      }
      const std::size_t body = text.find('\n', number);  // the SQL starts after the marker line
      const std::size_t next = text.find(kMarker, number);
      list.push_back({version, text.substr(body, next == std::string_view::npos
                                                     ? std::string_view::npos
                                                     : next - body)});
      at = next;
    }
    if (list.empty()) throw std::logic_error("schema.sql has no '-- @version N' sections");
    return list;
  }();
  return sections;
}

}  // namespace store_internal
}  // namespace phieu
