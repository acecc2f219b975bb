#include "station/http_types.h"

#include "core/text.h"

namespace phieu {

std::string HttpRequest::Cookie(const std::string& name) const {
  for (const std::string& part : Split(Header("cookie"), ';')) {
    const std::string_view kv = Trim(part);
    const std::size_t eq = kv.find('=');
    if (eq != std::string_view::npos && kv.substr(0, eq) == name) {
      return std::string(kv.substr(eq + 1));
    }
  }
  return "";
}

std::string HttpRequest::Header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::string HttpRequest::Query(const std::string& name) const {
  const auto it = query.find(name);
  return it == query.end() ? "" : it->second;
}

}  // namespace phieu
