#include "store/output_guard.h"

#include <algorithm>
#include <filesystem>

#include "store/archive.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

// `path` absolute, with symbolic links and ".." resolved as far as it exists, and no trailing
// separator (so that "phieu.archive/" is the archive itself, not something inside it).
fs::path Resolved(const std::string& path) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) resolved = fs::absolute(path, ec).lexically_normal();
  while (resolved.has_parent_path() && resolved.filename().empty() &&
         resolved != resolved.root_path()) {
    resolved = resolved.parent_path();
  }
  return resolved;
}

// Whether `a` and `b` name one file: the same resolved path, or (both existing) the same device
// and inode, which is what catches a hard link.
bool SameFile(const std::string& a, const std::string& b) {
  if (Resolved(a) == Resolved(b)) return true;
  std::error_code ec;
  return fs::equivalent(a, b, ec) && !ec;
}

// Whether resolved path `inner` lies under resolved folder `folder`, component by component.
bool Inside(const fs::path& inner, const fs::path& folder) {
  const auto [f, i] = std::mismatch(folder.begin(), folder.end(), inner.begin(), inner.end());
  return f == folder.end() && i != inner.end();
}

// Whether the existing file `output` is a hard link to a file inside `archive`. Only a file with
// more than one link can be, so the archive is walked only then.
bool HardLinkIntoFolder(const std::string& output, const std::string& archive) {
  std::error_code ec;
  if (!fs::is_regular_file(output, ec) || fs::hard_link_count(output, ec) < 2 || ec) return false;
  for (fs::recursive_directory_iterator it(archive, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code ignored;
    if (it->is_regular_file(ignored) && fs::equivalent(output, it->path(), ignored)) return true;
  }
  return false;
}

}  // namespace

Status CheckOutputPath(const std::string& output, const std::string& option,
                       const std::string& db_path, const std::vector<GuardedInput>& inputs) {
  if (output.empty()) return Status::Ok();
  auto refuse = [&](const std::string& reason) {
    return Status::UsageError("refusing to write " + output + ": it is " + reason +
                              "; choose another " + option);
  };
  if (!db_path.empty()) {
    if (SameFile(output, db_path)) return refuse("the survey database " + db_path);
    const std::pair<const char*, const char*> companions[] = {
        {"-wal", "write-ahead log"}, {"-shm", "shared-memory file"}, {"-journal", "journal"}};
    for (const auto& [suffix, name] : companions) {
      if (SameFile(output, db_path + suffix)) {
        return refuse("the survey database's " + std::string(name) + " " + db_path + suffix);
      }
    }
    const std::string archive = ArchiveFolder(db_path);
    if (SameFile(output, archive)) return refuse("the scan archive " + archive);
    if (Inside(Resolved(output), Resolved(archive)) || HardLinkIntoFolder(output, archive)) {
      return refuse("inside the scan archive " + archive);
    }
  }
  for (const GuardedInput& input : inputs) {
    if (!input.path.empty() && SameFile(output, input.path)) {
      return refuse(input.what + " " + input.path);
    }
  }
  return Status::Ok();
}

}  // namespace phieu
