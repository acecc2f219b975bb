#include "audit/bundle_manifest.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "audit/bundle_path.h"
#include "core/crypto.h"
#include "core/file.h"
#include "core/text.h"

namespace phieu {
namespace {

constexpr std::string_view kFirstLine = "phieu-audit-bundle 1";

bool IsHex64(std::string_view text) {
  return text.size() == 64 &&
         std::all_of(text.begin(), text.end(), [](char c) { return std::isxdigit(c) && !std::isupper(c); });
}

}  // namespace

std::string ManifestText(const std::map<std::string, std::string>& facts,
                         std::vector<ManifestFile> files) {
  std::sort(files.begin(), files.end(),
            [](const ManifestFile& a, const ManifestFile& b) { return a.path < b.path; });
  std::string text = std::string(kFirstLine) + "\n";
  for (const auto& [name, value] : facts) text += "fact " + name + " " + value + "\n";
  for (const ManifestFile& f : files) {
    text += "file " + f.sha256 + " " + std::to_string(f.bytes) + " " + f.path + "\n";
  }
  return text + "root " + Sha256Hex(text) + "\n";
}

Result<Manifest> ParseManifest(std::string_view text) {
  Manifest m;
  std::size_t start = 0;
  int line_number = 0;
  bool first = true, rooted = false;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      return Status::Error("manifest.txt: the last line has no line end: the file is cut short");
    }
    const std::string line(text.substr(start, end - start));
    ++line_number;
    const std::string at = "manifest.txt:" + std::to_string(line_number) + ": ";
    if (rooted) return Status::Error(at + "text after the root line");
    if (first) {
      if (line != kFirstLine) return Status::Error(at + "not a phieu audit bundle manifest");
      first = false;
    } else if (line.starts_with("fact ")) {
      const std::size_t space = line.find(' ', 5);
      const std::string name = line.substr(5, space == std::string::npos ? std::string::npos : space - 5);
      m.facts[name] = space == std::string::npos ? "" : line.substr(space + 1);
    } else if (line.starts_with("file ")) {
      const std::vector<std::string> parts = Split(line.substr(5), ' ');
      if (parts.size() < 3 || !IsHex64(parts[0])) {
        return Status::Error(at + "a file line is 'file SHA256 BYTES PATH'");
      }
      ManifestFile f;
      f.sha256 = parts[0];
      const std::string& size = parts[1];
      if (size.empty() || size.size() > 18 ||
          !std::all_of(size.begin(), size.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return Status::Error(at + "'" + size + "' is not a size in bytes");
      }
      f.bytes = std::stoll(size);
      f.path = line.substr(5 + parts[0].size() + 1 + size.size() + 1);
      if (!IsBundleRelativePath(f.path)) {
        return Status::Error(at + "'" + f.path + "' is not a path inside the bundle");
      }
      m.files.push_back(std::move(f));
    } else if (line.starts_with("root ")) {
      m.root = line.substr(5);
      m.computed_root = Sha256Hex(text.substr(0, start));
      rooted = true;
    } else {
      return Status::Error(at + "unknown line '" + line.substr(0, 40) + "'");
    }
    start = end + 1;
  }
  if (first) return Status::Error("manifest.txt is empty");
  if (!rooted) return Status::Error("manifest.txt has no root line: the file is cut short");
  return m;
}

Result<std::vector<ManifestFile>> HashFolder(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<ManifestFile> files;
  std::error_code ec;
  // Folders are walked without following links; what is not a folder nor a plain file is
  // refused before it is opened.
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string relative = fs::relative(it->path(), dir).generic_string();
    const fs::file_status status = it->symlink_status(ec);
    if (ec) break;
    if (fs::is_directory(status)) continue;
    if (fs::is_symlink(status)) {
      return Status::Error(it->path().string() +
                           " is a symbolic link: a bundle holds only plain files and folders");
    }
    if (!fs::is_regular_file(status)) {
      return Status::Error(it->path().string() +
                           " is not a plain file: a bundle holds only plain files and folders");
    }
    if (relative == kManifestName) continue;
    auto digest = HashFile(it->path().string());
    if (!digest.ok()) return digest.status();
    files.push_back({digest->sha256, digest->bytes, relative});
  }
  if (ec) return Status::Error("cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end(),
            [](const ManifestFile& a, const ManifestFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace phieu
