#pragma once
// Whole-file reads and writes with messages that name the file.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace phieu {

// The bytes of the file at `path`. Fails with "PATH: no such file", "PATH: is a folder, not a
// file" or "PATH: cannot read (reason)".
Result<std::string> ReadFile(const std::string& path);

struct FileDigest {
  std::string sha256;  // lowercase hex
  std::int64_t bytes = 0;
};

// The SHA-256 and size of the regular file at `path`, read in fixed pieces: memory does not grow
// with the file. Nothing but a regular file is opened: a symbolic link is refused, not followed
// (O_NOFOLLOW), and a FIFO or device is not read. Fails with "PATH: no such file", "PATH: is a
// symbolic link", "PATH: is not a plain file" or "PATH: cannot read (reason)".
Result<FileDigest> HashFile(const std::string& path);

// A name beside `path` for writing it before a rename: "PATH.PID-N.partial", unique to this process
// (N counts up), so that two processes or threads writing the same path never share one.
std::string TemporaryNameFor(const std::string& path);

// Writes `bytes` to `path` through a temporary file (TemporaryNameFor) and a rename, so a reader,
// a concurrent writer or a kill at any moment never leaves half a file under `path`: it holds
// the old bytes or the new ones. On failure the temporary file is removed; a killed process can
// leave one behind (named *.partial), never a truncated `path`. The file and the rename are
// synced to the disk before it returns, so a power cut does not undo it. Fails with
// "PATH: cannot write (reason)".
Status WriteFileAtomically(const std::string& path, std::string_view bytes);

// WriteFileAtomically for a file written in pieces (a PDF of 40,000 forms is never held in
// memory whole): the pieces go to a temporary file (TemporaryNameFor), which Commit() syncs and
// renames to `path`. Destroyed without Commit() (or after a failure) the temporary file is removed
// and `path` is as it was.
class AtomicFileWriter {
 public:
  // Creates the temporary file beside `path`. Fails with "PATH: cannot write (reason)".
  static Result<std::unique_ptr<AtomicFileWriter>> Create(const std::string& path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  // Appends `bytes`. Fails with "PATH: cannot write (reason)".
  Status Append(std::string_view bytes);
  // Syncs the file, renames it to `path` and syncs the folder. Call once, last.
  Status Commit();

 private:
  AtomicFileWriter(std::string path, std::string temporary, int fd);
  Status Failed(const std::string& reason);

  std::string path_, temporary_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace phieu
