#include "station/serve.h"

#include "station/http_server.h"
#include "station/review_station.h"

namespace phieu {

bool IsLoopbackHost(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.starts_with("127.");
}

Status ServeReviewStation(Database& db, const ServeOptions& options, std::ostream& out) {
  ReviewStation station(db);
  HttpServer server([&station](const HttpRequest& r) { return station.Handle(r); });
  auto port = server.Bind(options.host, options.port);
  if (!port.ok()) return port.status();
  if (!IsLoopbackHost(options.host)) {
    out << "Warning: listening on " << options.host << ", so other machines on the network can "
        << "reach this review station (over plain HTTP: passwords and answers cross the network "
        << "unencrypted). Use it only on the office's own network.\n";
  }
  const std::string shown = options.host == "0.0.0.0" ? "THIS-MACHINE'S-ADDRESS" : options.host;
  out << "Review station for " << db.path() << " at http://" << shown << ":" << *port
      << "/ (stop it with Ctrl-C). People sign in with 'phieu users add NAME --role reviewer'.\n"
      << std::flush;
  server.Run();
  return Status::Ok();
}

}  // namespace phieu
