#include "core/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

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

Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return Status::Error(path + ": cannot write (" + std::strerror(errno) + ")");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(temporary);
      return Status::Error(path + ": cannot write (" + std::strerror(errno) + ")");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary);
    return Status::Error(path + ": cannot write (" + error.message() + ")");
  }
  return Status::Ok();
}

}  // namespace phieu
