#include "store/archive.h"

#include <filesystem>

#include "core/file.h"

namespace phieu {

namespace fs = std::filesystem;

std::string ArchiveFolder(const std::string& db_path) {
  const fs::path db(db_path);
  return (db.parent_path() / (db.stem().string() + ".archive")).string();
}

Result<std::string> ArchiveScanFile(const std::string& db_path, std::string_view bytes,
                                    const std::string& sha256, const std::string& extension) {
  const fs::path folder = fs::path(ArchiveFolder(db_path)) / sha256.substr(0, 2);
  const fs::path target = folder / (sha256 + extension);
  const std::string relative =
      (fs::path(fs::path(ArchiveFolder(db_path)).filename()) / sha256.substr(0, 2) /
       (sha256 + extension)).string();
  std::error_code error;
  if (fs::exists(target, error) && fs::file_size(target, error) == bytes.size()) return relative;
  fs::create_directories(folder, error);
  if (error) {
    return Status::Error(folder.string() + ": cannot create the scan archive (" + error.message() + ")");
  }
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(target.string(), bytes));
  return relative;
}

std::string ArchivedFilePath(const std::string& db_path, const std::string& relative) {
  return (fs::path(db_path).parent_path() / relative).string();
}

}  // namespace phieu
