#include "audit/bundle_export.h"

#include <filesystem>
#include <map>
#include <utility>

#include "audit/bundle_manifest.h"
#include "audit/bundle_report.h"
#include "core/file.h"
#include "store/archive.h"
#include "store/bundle_copy.h"
#include "store/scan_store.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

Status WriteInto(const fs::path& dir, const std::string& relative, std::string_view bytes) {
  const fs::path target = dir / relative;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec)
    return Status::Error("cannot create " + target.parent_path().string() + ": " + ec.message());
  return WriteFileAtomically(target.string(), bytes);
}

// In the folder an export is built in, until its manifest is written.
constexpr const char* kPartialMarker = ".phieu-partial-bundle";

// True when the folder `work` was left by a killed `phieu audit export`: it carries the marker,
// or (killed after the manifest was written and the marker removed, before the rename) it is a
// whole bundle, its manifest's root holding.
bool LeftByAnExport(const fs::path& work) {
  std::error_code ec;
  if (fs::exists(work / kPartialMarker, ec)) return true;
  // Killed before its marker was in place: the folder is empty or holds only the marker's
  // temporary file (core/file.h TemporaryNameFor).
  bool only_marker_begun = true;
  for (fs::directory_iterator it(work, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    only_marker_begun = only_marker_begun && it->is_regular_file(ec) &&
                        name.starts_with(std::string(kPartialMarker) + ".") &&
                        name.ends_with(".partial");
  }
  if (!ec && only_marker_begun) return true;
  const fs::path manifest_path = work / kManifestName;
  if (!fs::is_regular_file(fs::symlink_status(manifest_path, ec))) return false;
  auto text = ReadFile(manifest_path.string());
  if (!text.ok()) return false;
  auto manifest = ParseManifest(*text);
  return manifest.ok() && manifest->root == manifest->computed_root;
}

}  // namespace

Result<ExportedBundle> ExportAuditBundle(Database& live, const std::string& dir_text,
                                         const BundleOptions& options) {
  const std::string& db_path = live.path();
  const fs::path dir(dir_text);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return Status::Error(dir_text + " is not empty; give a new folder for the bundle");
  }

  // Built beside the target and renamed at the end: a killed export leaves no half bundle.
  // A folder left by a killed export is cleared; any other is not touched.
  const fs::path work = dir.string() + ".partial";
  const fs::path marker = work / kPartialMarker;
  if (fs::exists(work, ec)) {
    if (!LeftByAnExport(work)) {
      return Status::Error(work.string() +
                           " exists and was not made by 'phieu audit export': move "
                           "it away or give another folder");
    }
    fs::remove_all(work, ec);
  }
  fs::create_directories(work, ec);
  if (ec) return Status::Error("cannot create " + work.string() + ": " + ec.message());
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(marker.string(), "a bundle being written\n"));
  auto fail = [&](const Status& s) {
    fs::remove_all(work, ec);
    return s;
  };
  const std::string db_name = fs::path(db_path).filename().string();
  const std::string copy_path = (work / db_name).string();
  auto copy = WriteBundleCopy(live, copy_path, options.redact);
  if (!copy.ok()) return fail(copy.status());
  // Everything else is taken from the copy, one state of the database (VACUUM INTO reads one
  // snapshot), as `audit check` takes it: a scan or a review running meanwhile cannot make the
  // report, the scans and the templates disagree with the bundled database. Reading leaves the
  // copy's bytes as they are.
  auto db = Database::Open(copy_path);
  if (!db.ok()) return fail(db.status());
  auto report = BuildReport(**db, options.report);
  if (!report.ok()) return fail(report.status());

  auto files = ListArchivedFiles(**db);
  if (!files.ok()) return fail(files.status());
  for (const ArchivedFile& f : *files) {
    const fs::path target = work / f.archive_path;
    fs::create_directories(target.parent_path(), ec);
    fs::copy_file(ArchivedFilePath(db_path, f.archive_path), target, ec);
    if (ec) {
      return fail(Status::Error("cannot copy the archived scan of " + f.original_path + " (" +
                                f.archive_path + "): " + ec.message() +
                                "; run 'phieu log verify'"));
    }
  }
  auto layouts = TemplateLayouts(**db);
  if (!layouts.ok()) return fail(layouts.status());
  for (const auto& [id, json] : *layouts) {
    if (Status s = WriteInto(work, "templates/" + id + ".json", json); !s.ok()) return fail(s);
  }
  auto survey = (*db)->Survey();
  if (!survey.ok()) return fail(survey.status());
  if (Status s = WriteInto(work, "survey.yaml", survey->definition_yaml); !s.ok()) return fail(s);
  for (const auto& [name, bytes] : BundleReportFiles(*report)) {
    if (Status s = WriteInto(work, name, bytes); !s.ok()) return fail(s);
  }
  std::map<std::string, std::string> facts = {
      {"database", db_name},
      {"survey", survey->name + " " + survey->version},
      {"log-head", report->input.log_head},
      {"redacted", options.redact ? "yes" : "no"},
      {"report-period", options.report.period},
      {"report-units", options.report.units},
      {"report-date", report->input.date},
      {"report-formula", options.report.formula.empty() ? "builtin" : kBundleFormulaFile},
      {"report-parent-agency", options.report.issuer.parent_agency},
      {"report-issuer", options.report.issuer.agency},
      {"report-place", options.report.issuer.place},
      {"report-number", options.report.issuer.number},
      {"report-issued-on", options.report.issuer.date},
  };
  if (!options.report.formula.empty()) {
    auto formula = ReadFile(options.report.formula);
    if (!formula.ok()) return fail(formula.status());
    if (Status s = WriteInto(work, kBundleFormulaFile, *formula); !s.ok()) return fail(s);
  }
  db->reset();
  // The marker stays until the manifest is written (a kill while the files are hashed leaves a
  // folder that is still known as the export's own), and is not listed in it.
  auto hashed = HashFolder(work.string());
  if (!hashed.ok()) return fail(hashed.status());
  std::erase_if(*hashed, [](const ManifestFile& f) { return f.path == kPartialMarker; });
  const std::string manifest = ManifestText(facts, *hashed);
  if (Status s = WriteInto(work, std::string(kManifestName), manifest); !s.ok()) return fail(s);
  fs::remove(marker, ec);
  fs::remove(dir, ec);  // an empty folder given as the target
  fs::rename(work, dir, ec);
  if (ec) {
    return fail(
        Status::Error("cannot rename " + work.string() + " to " + dir_text + ": " + ec.message()));
  }
  auto parsed = ParseManifest(manifest);
  if (!parsed.ok()) return parsed.status();
  return ExportedBundle{static_cast<int>(hashed->size()),
                        static_cast<int>(files->size()),
                        static_cast<int>(layouts->size()),
                        options.redact ? copy->withheld - 1 : 0,
                        report->input.log_head,
                        parsed->root};
}

}  // namespace phieu
