#include "audit/bundle_check.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <utility>

#include "audit/bundle_manifest.h"
#include "audit/bundle_path.h"
#include "audit/bundle_report.h"
#include "audit/reread_check.h"
#include "core/crypto.h"
#include "core/file.h"
#include "store/event_log.h"
#include "store/scan_store.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

// A manifest is a few hundred bytes per file: this allows a million files, and keeps a hostile
// manifest from being read whole into memory.
constexpr std::int64_t kMaxManifestBytes = 256 << 20;

// The text of the bundle's manifest.txt, which must be a plain file inside it.
Result<std::string> ReadManifest(const std::string& dir) {
  auto path = PathInBundle(dir, kManifestName);
  if (!path.ok())
    return Status::Error(dir + "/" + std::string(kManifestName) + ": " + path.status().message());
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(*path, ec);
  if (!fs::exists(status)) {
    return Status::Error(dir + " is not an audit bundle: " + *path + ": no such file");
  }
  if (!fs::is_regular_file(status)) return Status::Error(*path + ": is not a plain file");
  if (static_cast<std::int64_t>(fs::file_size(*path, ec)) > kMaxManifestBytes) {
    return Status::Error(*path + ": " + std::to_string(fs::file_size(*path, ec)) +
                         " bytes is too large for a manifest");
  }
  return ReadFile(*path);
}

// The path inside the bundle `dir` of the file that fact `name` names ("database",
// "report-formula"), refused before it is opened when it would leave the bundle.
Result<std::string> FactPath(const std::string& dir, const Manifest& manifest,
                             const std::string& name) {
  const auto fact = manifest.facts.find(name);
  auto path = PathInBundle(dir, fact == manifest.facts.end() ? "" : fact->second);
  if (!path.ok()) {
    return Status::Error(dir + "/" + std::string(kManifestName) + ": fact " + name + " " +
                         path.status().message());
  }
  return path;
}

}  // namespace

int BundleCheck::failed() const {
  int failed = 0;
  for (const BundleCheckLine& line : lines) failed += !line.problems.empty();
  return failed;
}

Result<BundleCheck> CheckAuditBundle(const std::string& dir_text, const std::string& root,
                                     const RereadOptions& reread_options,
                                     const std::function<void(int done, int total)>& progress) {
  // Refused before anything is read: a check that would end on a bad option is an hour wasted.
  PHIEU_RETURN_IF_ERROR(CheckRereadOptions(reread_options));
  const fs::path dir(dir_text);
  auto manifest_text = ReadManifest(dir_text);
  if (!manifest_text.ok()) return manifest_text.status();
  auto manifest = ParseManifest(*manifest_text);
  if (!manifest.ok()) return Status::Error(dir_text + "/" + manifest.status().message());
  // Every path the facts name is resolved inside the bundle before anything is opened.
  auto bundled_db = FactPath(dir_text, *manifest, "database");
  if (!bundled_db.ok()) return bundled_db.status();
  if (manifest->facts["database"].find('/') != std::string::npos) {
    // Archive paths in the database are relative to its folder: the bundle's top.
    return Status::Error(dir_text + "/" + std::string(kManifestName) + ": fact database '" +
                         manifest->facts["database"] + "' is not a file at the bundle's top");
  }
  std::string formula;
  if (manifest->facts["report-formula"] != "builtin") {
    auto path = FactPath(dir_text, *manifest, "report-formula");
    if (!path.ok()) return path.status();
    formula = *path;
  }
  BundleCheck check;
  std::vector<BundleCheckLine>& lines = check.lines;

  // 1. The manifest: its root hash, then every file.
  BundleCheckLine m{
      "manifest: every file has the SHA-256 the manifest lists, and the root hash holds"};
  if (manifest->root != manifest->computed_root) {
    m.problems.push_back("manifest.txt: the root line says " + manifest->root +
                         " but the manifest's text hashes to " + manifest->computed_root);
  }
  if (!root.empty() && root != manifest->root) {
    m.problems.push_back("manifest.txt: root hash " + manifest->root +
                         " is not the published one (" + root + ")");
  }
  auto present = HashFolder(dir.string());
  if (!present.ok()) return present.status();
  std::map<std::string, const ManifestFile*> on_disk;
  for (const ManifestFile& f : *present) on_disk[f.path] = &f;
  // What each file hashed to just now, so that step 3 does not read every archived scan a second
  // time (at national size the archive is most of the bundle, and hashing it most of the check).
  const std::map<std::string, const ManifestFile*> hashed = on_disk;
  for (const ManifestFile& f : manifest->files) {
    const auto found = on_disk.find(f.path);
    if (found == on_disk.end()) {
      m.problems.push_back(f.path + ": missing");
    } else {
      if (found->second->bytes != f.bytes) {
        m.problems.push_back(f.path + ": altered (" + std::to_string(found->second->bytes) +
                             " bytes, the manifest lists " + std::to_string(f.bytes) + ")");
      } else if (found->second->sha256 != f.sha256) {
        m.problems.push_back(f.path + ": altered (SHA-256 " + found->second->sha256.substr(0, 16) +
                             "..., the manifest lists " + f.sha256.substr(0, 16) + "...)");
      }
      on_disk.erase(found);
    }
  }
  for (const auto& [path, file] : on_disk) m.problems.push_back(path + ": not in the manifest");
  m.detail = std::to_string(manifest->files.size()) + " files, root " + manifest->computed_root;
  lines.push_back(m);

  // The database is checked on a copy in a scratch folder of the check's own (removed however
  // the check ends): opening it must not change a byte of the bundle. The copy's archive is not
  // linked: archived scans are read from the bundle, through PathInBundle.
  const std::string db_name = manifest->facts["database"];
  const fs::path scratch = fs::temp_directory_path() / ("phieu-audit-check-" + RandomHex(8));
  std::error_code ec;
  if (!fs::create_directory(scratch, ec)) {
    return Status::Error(scratch.string() +
                         ": cannot create a scratch folder: " + (ec ? ec.message() : "it exists"));
  }
  struct Cleanup {
    fs::path path;
    ~Cleanup() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  } cleanup{scratch};
  const fs::path db_copy = scratch / fs::path(*bundled_db).filename();
  fs::copy_file(*bundled_db, db_copy, ec);
  if (ec) return Status::Error(*bundled_db + ": cannot be copied to check it: " + ec.message());
  auto db = Database::Open(db_copy.string());
  if (!db.ok()) return Status::Error(*bundled_db + ": " + db.status().message());

  // 2. The tamper-evident log.
  auto log = VerifyLog(**db);
  if (!log.ok()) return log.status();
  BundleCheckLine l{"log: the hash chain replays and every record matches the event that wrote it"};
  for (const std::string& p : log->problems) l.problems.push_back(db_name + ": " + p);
  if (log->head != manifest->facts["log-head"]) {
    l.problems.push_back(db_name + ": log head " + log->head + " is not the manifest's " +
                         manifest->facts["log-head"]);
  }
  l.detail = std::to_string(log->events) + " events, " + std::to_string(log->records) +
             " records (" + std::to_string(log->withheld) +
             " withheld: personal data or the form "
             "secret), head " +
             log->head;
  lines.push_back(l);

  // 3. Every archived scan is the file that was scanned.
  auto files = ListArchivedFiles(**db);
  if (!files.ok()) return files.status();
  BundleCheckLine a{"archive: every archived scan is the file the database says was scanned"};
  for (const ArchivedFile& f : *files) {
    auto path = PathInBundle(dir_text, f.archive_path);
    const auto known = path.ok() ? hashed.find(f.archive_path) : hashed.end();
    auto digest = known != hashed.end()
                      ? Result<FileDigest>(FileDigest{known->second->sha256, known->second->bytes})
                  : path.ok() ? HashFile(*path)
                              : Result<FileDigest>(path.status());
    if (!path.ok()) {
      a.problems.push_back(f.archive_path + ": not read: " + path.status().message());
    } else if (!digest.ok() && !fs::exists(fs::symlink_status(*path, ec))) {
      a.problems.push_back(f.archive_path + ": missing (scan of " + f.original_path + ")");
    } else if (!digest.ok()) {
      a.problems.push_back(digest.status().message());
    } else if (digest->sha256 != f.sha256) {
      a.problems.push_back(f.archive_path + ": altered: it is not the scan of " + f.original_path +
                           " that was read");
    }
  }
  a.detail = std::to_string(files->size()) + " files";
  lines.push_back(a);

  // 4. Every read page read again.
  auto reread = RereadArchivedPages(**db, dir_text, reread_options, progress);
  if (!reread.ok()) return reread.status();
  BundleCheckLine r{reread_options.seed.empty()
                        ? "re-reading: every page read again from its image gives the stored readings"
                        : "re-reading: every page drawn, read again from its image, gives the "
                          "stored readings"};
  r.problems = reread->problems;
  r.detail =
      std::to_string(reread->pages) + " pages in " + std::to_string(reread->files) + " files";
  if (!reread_options.seed.empty()) {
    char share[32];
    std::snprintf(share, sizeof share, "%g", 100 * reread_options.share);
    r.detail += ", drawn from the " + std::to_string(reread->read_pages) + " read pages with seed \"" +
                reread_options.seed + "\" (share " + share + " %; " + kRereadDrawMethod +
                "); --all reads every page";
    check.reread_drawn = reread->drawn;
  }
  lines.push_back(r);

  // 5. The answers, the tallies and the report rebuilt.
  // A bundle from before the official heading has no report-issuer facts: "" is their default.
  ReportOptions options;
  options.period = manifest->facts["report-period"];
  options.units = manifest->facts["report-units"];
  options.date = manifest->facts["report-date"];
  options.formula = formula;
  options.issuer = {manifest->facts["report-parent-agency"], manifest->facts["report-issuer"],
                    manifest->facts["report-place"], manifest->facts["report-number"],
                    manifest->facts["report-issued-on"]};
  auto rebuilt = BuildReport(**db, options);
  BundleCheckLine b{
      "report: the answers, tallies and report rebuilt from the database are the bundled ones"};
  if (!rebuilt.ok()) {
    b.problems.push_back("cannot be rebuilt: " + rebuilt.status().message());
  } else {
    for (const auto& [name, bytes] : BundleReportFiles(*rebuilt)) {
      auto path = PathInBundle(dir_text, name);
      auto bundled = path.ok() ? HashFile(*path) : Result<FileDigest>(path.status());
      if (!bundled.ok()) {
        b.problems.push_back(name + ": missing");
      } else if (bundled->sha256 != Sha256Hex(bytes)) {
        b.problems.push_back(name + ": differs from the one rebuilt from the database");
      }
    }
    b.detail = "report of " + std::to_string(rebuilt->source.tally.accepted) + " accepted forms";
  }
  lines.push_back(b);

  return check;
}

}  // namespace phieu
