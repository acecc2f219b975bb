// phieu serve: the review station in a web browser (station/serve.h).

#include "cli/commands.h"
#include "station/serve.h"

namespace phieu {

Status RunServe(const ServeArgs& args, std::ostream& out) {
  if (args.port < 0 || args.port > 65535) {
    return Status::Error("--port is 1-65535, not " + std::to_string(args.port));
  }
  auto db = Database::Open(ResolveDatabasePath(args.db));
  if (!db.ok()) return db.status();
  return ServeReviewStation(**db, {args.host, args.port}, out);
}

}  // namespace phieu
