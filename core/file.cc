#include "core/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "core/crypto.h"

namespace phieu {

Result<std::string> ReadFile(const std::string& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) return Status::Error(path + ": no such file");
  if (std::filesystem::is_directory(status)) {
    return Status::Error(path + ": is a folder, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": cannot read (" + std::strerror(errno) + ")");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Status::Error(path + ": cannot read (" + std::strerror(errno) + ")");
  return bytes.str();
}

Result<FileDigest> HashFile(const std::string& path) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
  const int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::Error(path + ": no such file");
    if (errno == ELOOP) return Status::Error(path + ": is a symbolic link");
    return Status::Error(path + ": cannot read (" + std::strerror(errno) + ")");
  }
  struct Closer {
    int fd;
    ~Closer() { close(fd); }
  } closer{fd};
  struct stat info {};
  if (fstat(fd, &info) != 0) return Status::Error(path + ": cannot read (" + std::strerror(errno) + ")");
  if (!S_ISREG(info.st_mode)) return Status::Error(path + ": is not a plain file");
  Sha256Stream hash;
  FileDigest digest;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::Error(path + ": cannot read (" + std::strerror(errno) + ")");
    if (n == 0) break;
    hash.Update(std::string_view(buffer, static_cast<std::size_t>(n)));
    digest.bytes += n;
  }
  digest.sha256 = hash.FinishHex();
  return digest;
}

std::string TemporaryNameFor(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return path + "." + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".partial";
}

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  const auto failed = [&](const std::string& reason) {
    return Status::Error(path + ": cannot write (" + reason + ")");
  };
  // A name of this process's own: two writers of one path (two scans archiving the same file)
  // each write their own temporary file, and the last rename wins with a whole file.
  const std::string temporary = TemporaryNameFor(path);
  const int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return failed(std::strerror(errno));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string reason = std::strerror(errno);
      close(fd);
      unlink(temporary.c_str());
      return failed(reason);
    }
    written += static_cast<std::size_t>(n);
  }
  // On the disk before the rename: after a power cut the name holds the whole new file (the
  // database may already record it: an archived scan, an exported bundle), never an empty one.
  if (fsync(fd) != 0 && errno != EINVAL) {
    const std::string reason = std::strerror(errno);
    close(fd);
    unlink(temporary.c_str());
    return failed(reason);
  }
  if (close(fd) != 0) {
    const std::string reason = std::strerror(errno);
    unlink(temporary.c_str());
    return failed(reason);
  }
  if (rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    unlink(temporary.c_str());
    return failed(reason);
  }
  // And the rename itself (best effort: some file systems cannot sync a folder).
  const std::string folder = std::filesystem::path(path).parent_path().string();
  const int dir = open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    fsync(dir);
    close(dir);
  }
  return Status::Ok();
}

AtomicFileWriter::AtomicFileWriter(std::string path, std::string temporary, int fd)
    : path_(std::move(path)), temporary_(std::move(temporary)), fd_(fd) {}

Result<std::unique_ptr<AtomicFileWriter>> AtomicFileWriter::Create(const std::string& path) {
  const std::string temporary = TemporaryNameFor(path);
  const int fd = open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Error(path + ": cannot write (" + std::strerror(errno) + ")");
  return std::unique_ptr<AtomicFileWriter>(new AtomicFileWriter(path, temporary, fd));
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) close(fd_);
  if (!committed_) unlink(temporary_.c_str());
}

Status AtomicFileWriter::Failed(const std::string& reason) {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
  unlink(temporary_.c_str());
  return Status::Error(path_ + ": cannot write (" + reason + ")");
}

Status AtomicFileWriter::Append(std::string_view bytes) {
  if (fd_ < 0) return Status::Error(path_ + ": cannot write (it failed before)");
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Failed(std::strerror(errno));
    written += static_cast<std::size_t>(n);
  }
  return Status::Ok();
}

Status AtomicFileWriter::Commit() {
  if (fd_ < 0) return Status::Error(path_ + ": cannot write (it failed before)");
  if (fsync(fd_) != 0 && errno != EINVAL) return Failed(std::strerror(errno));
  const int fd = fd_;
  fd_ = -1;
  if (close(fd) != 0) return Failed(std::strerror(errno));
  if (rename(temporary_.c_str(), path_.c_str()) != 0) return Failed(std::strerror(errno));
  committed_ = true;
  const std::string folder = std::filesystem::path(path_).parent_path().string();
  const int dir = open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    fsync(dir);
    close(dir);
  }
  return Status::Ok();
}

}  // namespace phieu
