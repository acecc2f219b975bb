#pragma once
// An HTTP request and response as the review station's routes see them, free of the HTTP library
// (station/http_server.h adapts cpp-httplib to these), so the routes are tested without sockets.

#include <map>
#include <string>

namespace phieu {

struct HttpRequest {
  std::string method;                         // "GET", "POST" ...
  std::string path;                           // without the query, e.g. "/api/queue"
  std::map<std::string, std::string> query;   // decoded query parameters
  std::map<std::string, std::string> headers; // names in lower case
  std::string body;
  // The value of cookie `name` ("" when absent).
  std::string Cookie(const std::string& name) const;
  // The value of header `name` given in lower case ("" when absent).
  std::string Header(const std::string& name) const;
  // The query parameter `name` ("" when absent).
  std::string Query(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::map<std::string, std::string> headers;  // extra headers, e.g. Set-Cookie
};

}  // namespace phieu
