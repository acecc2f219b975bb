#pragma once
// A small HTTP server that hands every request to one function: the only code that uses
// cpp-httplib's server.

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "station/http_types.h"

namespace phieu {

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer {
 public:
  // Requests are answered by `handler`, from several threads at once.
  explicit HttpServer(HttpHandler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Listens on `host`:`port` (0 = a free port the system picks) and returns the port. Fails,
  // naming the address, when it cannot (in use, no such address, not allowed).
  Result<int> Bind(const std::string& host, int port);

  // Answers requests until Stop() (from another thread); returns at once if not bound.
  void Run();

  // Makes Run() return; safe to call from any thread, and more than once.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace phieu
