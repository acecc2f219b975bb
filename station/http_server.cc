#include "station/http_server.h"

#include <httplib.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <thread>

namespace phieu {

struct HttpServer::Impl {
  HttpHandler handler;
  httplib::Server server;
  bool bound = false;
  std::atomic<bool> run_called{false}, run_returned{false}, stop_requested{false};
};

HttpServer::HttpServer(HttpHandler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  // Uploads are small JSON bodies; anything larger is refused before it is read.
  impl_->server.set_payload_max_length(64 * 1024);
  auto serve = [this](const httplib::Request& in, httplib::Response& out) {
    HttpRequest request;
    request.method = in.method;
    request.path = in.path;
    for (const auto& [name, value] : in.params) request.query[name] = value;
    for (const auto& [name, value] : in.headers) {
      std::string lower = name;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers[lower] = value;
    }
    request.body = in.body;
    const HttpResponse response = impl_->handler(request);
    out.status = response.status;
    for (const auto& [name, value] : response.headers) out.set_header(name, value);
    out.set_content(response.body, response.content_type);
  };
  impl_->server.Get(".*", serve);
  impl_->server.Post(".*", serve);
  impl_->server.Put(".*", serve);
  impl_->server.Delete(".*", serve);
}

HttpServer::~HttpServer() { Stop(); }

Result<int> HttpServer::Bind(const std::string& host, int port) {
  int bound = port;
  if (port == 0) {
    bound = impl_->server.bind_to_any_port(host);
    if (bound < 0) bound = 0;
  } else if (!impl_->server.bind_to_port(host, port)) {
    bound = 0;
  }
  if (bound == 0) {
    return Status::Error("cannot listen on " + host + ":" + std::to_string(port) +
                         " (in use, or not an address of this machine)");
  }
  impl_->bound = true;
  return bound;
}

void HttpServer::Run() {
  impl_->run_called = true;
  if (impl_->bound && !impl_->stop_requested) impl_->server.listen_after_bind();
  impl_->run_returned = true;
}

void HttpServer::Stop() {
  impl_->stop_requested = true;
  // httplib's stop() does nothing before its loop runs: when Run() has been called, wait (briefly)
  // for the loop to start, so that Run() cannot start listening after this returned.
  for (int i = 0; i < 500 && impl_->run_called && !impl_->run_returned && !impl_->server.is_running();
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  impl_->server.stop();
}

}  // namespace phieu
