#pragma once
// Whole-file reads and writes with messages that name the file.

#include <string>
#include <string_view>

#include "core/status.h"

namespace phieu {

// The bytes of the file at `path`. Fails with "PATH: no such file", "PATH: is a folder, not a
// file" or "PATH: cannot read (reason)".
Result<std::string> ReadFile(const std::string& path);

// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a reader
// (or a crash) never sees half a file.
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace phieu
