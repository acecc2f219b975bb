#pragma once
// The one check every command runs before it writes a file a user named (--out, --xlsx, --csv,
// --pdf, --json, a bundle folder): no output may replace an input. An output path is refused when
// it is, or (for a path that exists) shares its device and inode with:
//   - the survey database, or its -wal, -shm or -journal file;
//   - the database's scan archive folder, or anything inside it;
//   - an input file of the same run (a formula file, the image being explained, another output
//     of the same run).
// Paths are compared resolved (symbolic links and "..", relative or absolute, followed as far as
// they exist), so a symbolic link or a hard link to the database is refused as the database is.
// Nothing is opened or written; call it before the command touches anything.

#include <string>
#include <vector>

#include "core/status.h"

namespace phieu {

// Something the run reads that no output may replace: `what` says what it is, for the message
// ("the formula file", "the --pdf output"), `path` as the user gave it.
struct GuardedInput {
  std::string what;
  std::string path;
};

// Checks `output` (as given on the command line; "" = the option was not given, always allowed),
// written through `option` ("--out"), against the database at `db_path` and `inputs`. On a clash,
// a usage error naming both paths:
//   "refusing to write answers.csv: it is the survey database phieu.db; choose another --out"
// Other reasons: "it is the survey database's write-ahead log phieu.db-wal", "... shared-memory
// file phieu.db-shm", "... journal phieu.db-journal", "it is the scan archive phieu.archive",
// "it is inside the scan archive phieu.archive", "it is the formula file f.yaml" (`what` + path).
Status CheckOutputPath(const std::string& output, const std::string& option,
                       const std::string& db_path, const std::vector<GuardedInput>& inputs = {});

}  // namespace phieu
