#include "audit/bundle_path.h"

#include <filesystem>

#include "core/text.h"

namespace phieu {

namespace fs = std::filesystem;

bool IsBundleRelativePath(std::string_view relative) {
  if (relative.empty() || relative.front() == '/') return false;
  for (const std::string& part : Split(relative, '/')) {
    if (part.empty() || part == "." || part == "..") return false;
  }
  return true;
}

Result<std::string> PathInBundle(const std::string& bundle, std::string_view relative) {
  const std::string quoted = "'" + std::string(relative) + "'";
  if (!IsBundleRelativePath(relative)) return Status::Error(quoted + " is not a path inside the bundle");
  fs::path path(bundle);
  std::string walked;
  for (const std::string& part : Split(relative, '/')) {
    path /= part;
    walked += (walked.empty() ? "" : "/") + part;
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(path, ec);
    if (!fs::exists(status)) break;  // missing: the caller's open says so
    if (fs::is_symlink(status)) {
      return Status::Error("'" + walked + "'" + (walked.size() < relative.size() ? " (in " + quoted + ")" : "") +
                           " is a symbolic link: a bundle holds only plain files and folders");
    }
  }
  return path.string();
}

}  // namespace phieu
