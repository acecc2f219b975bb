#pragma once
// `phieu serve`: the review station on an open database, until the process is stopped.

#include <ostream>
#include <string>

#include "core/status.h"
#include "store/database.h"

namespace phieu {

struct ServeOptions {
  std::string host = "127.0.0.1";  // only this machine, unless the office network is wanted
  int port = 8080;
};

// Serves the review station for `db` on host:port; tells `out` where to open it (and warns when
// the host is not this machine only). Returns only when it cannot listen (the message says why).
Status ServeReviewStation(Database& db, const ServeOptions& options, std::ostream& out);

// True for the host names and addresses that only this machine can reach.
bool IsLoopbackHost(const std::string& host);

}  // namespace phieu
