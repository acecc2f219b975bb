#pragma once
// The scan archive: every original scan file kept, by content, in a folder beside the database
// (phieu.db -> phieu.archive/ab/abcdef...pdf), so that any reading can be checked against the
// paper's image later, and an auditor's bundle can carry them.

#include <string>
#include <string_view>

#include "core/status.h"

namespace phieu {

// The archive folder of the database at `db_path`.
std::string ArchiveFolder(const std::string& db_path);

// Stores `bytes` (whose SHA-256 is `sha256`; `extension` like ".pdf") in the archive, unless it is
// there already; returns the path relative to the database's folder. Written through a temporary
// file and a rename: a crash never leaves half a file under the final name.
Result<std::string> ArchiveScanFile(const std::string& db_path, std::string_view bytes,
                                    const std::string& sha256, const std::string& extension);

// The absolute path of an archived file given its stored relative path.
std::string ArchivedFilePath(const std::string& db_path, const std::string& relative);

}  // namespace phieu
