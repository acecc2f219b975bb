#pragma once
// The manifest of an audit bundle (`phieu audit export`, checked by `phieu audit check`):
// manifest.txt, UTF-8 text, one entry a line:
//   phieu-audit-bundle 1
//   fact NAME VALUE...           facts about the bundle (survey, log head, report options ...)
//   file SHA256 BYTES PATH       every other file of the bundle, PATH relative, '/'-separated
//   root SHA256                  SHA-256 of every byte of the manifest before this line
// Publishing the root hash pins every byte of the bundle.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace phieu {

inline constexpr std::string_view kManifestName = "manifest.txt";

struct ManifestFile {
  std::string sha256;
  std::int64_t bytes = 0;
  std::string path;
};

struct Manifest {
  std::map<std::string, std::string> facts;
  std::vector<ManifestFile> files;  // sorted by path
  std::string root;                 // as written in the manifest
  std::string computed_root;        // recomputed from the text (ParseManifest)
};

// The manifest's text for `facts` and `files` (sorted by path here); its root line included.
std::string ManifestText(const std::map<std::string, std::string>& facts,
                         std::vector<ManifestFile> files);

// Reads a manifest. Fails naming the line of anything malformed; the root is recomputed, not
// compared (the caller reports a mismatch as a failed check).
Result<Manifest> ParseManifest(std::string_view text);

// The SHA-256 and size of every file under `dir` (recursively), except the manifest, sorted by
// relative path; each file is hashed in fixed pieces (core/file.h HashFile), never read whole.
// A symbolic link, a FIFO or a device anywhere under `dir` is refused before it is opened:
// "DIR/PATH is a symbolic link: a bundle holds only plain files and folders".
Result<std::vector<ManifestFile>> HashFolder(const std::string& dir);

}  // namespace phieu
