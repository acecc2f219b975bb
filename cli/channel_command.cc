// phieu channel import: answers collected through another channel than paper
// (channels/channel_import.h).

#include "channels/channel_import.h"
#include "cli/commands.h"
#include "store/database.h"

namespace phieu {

Status RunChannelImport(const ChannelImportArgs& args, std::ostream& out) {
  auto db = Database::Open(ResolveDatabasePath(args.db));
  if (!db.ok()) return db.status();
  auto summary = ImportChannelFile(**db, {args.file, args.channel, args.map});
  if (!summary.ok()) return summary.status();
  if (summary->already_imported) {
    out << args.file << " was already imported on " << summary->imported_at << " ("
        << summary->channel << ", " << summary->responses << " answers): nothing changed\n";
    return Status::Ok();
  }
  out << "Imported " << summary->responses << " " << summary->channel << " answers from "
      << args.file << " into " << (*db)->path() << "\n";
  return Status::Ok();
}

}  // namespace phieu
