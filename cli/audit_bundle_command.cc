// phieu audit export | check: the bundle an auditor takes to their own machine, and the check they
// run there. The bundle holds the database (the form secret withheld; personal data too with
// --redact), every archived scan, the templates, the survey, the report with the answers and
// tallies it was made from, and a manifest with the SHA-256 of every file and a root hash.

#include <filesystem>
#include <iostream>
#include <utility>

#include "audit/bundle_manifest.h"
#include "audit/bundle_path.h"
#include "cli/commands.h"
#include "cli/reread_check.h"
#include "core/crypto.h"
#include "core/csv.h"
#include "core/file.h"
#include "reports/report_build.h"
#include "reports/tally_csv.h"
#include "store/archive.h"
#include "store/bundle_copy.h"
#include "store/event_log.h"
#include "store/output_guard.h"
#include "store/scan_store.h"
#include "verify/answer_export.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

constexpr const char* kReportFile = "report.pdf";
constexpr const char* kAnswersFile = "answers.csv";
constexpr const char* kTalliesFile = "tallies.csv";
constexpr const char* kFormulaFile = "formula.yaml";

// The files the report is rebuilt from and compared with, by bundle path.
std::map<std::string, std::string> ReportFiles(const BuiltReport& report) {
  const Evaluation& e = report.source.evaluation;
  return {
      {kReportFile, report.pdf},
      {kAnswersFile, AnswersCsv(e.input, e.result)},
      {kTalliesFile, std::string(kUtf8Bom) + TallyCsv(report.source.survey, report.source.tally)}};
}

Status WriteInto(const fs::path& dir, const std::string& relative, std::string_view bytes) {
  const fs::path target = dir / relative;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec)
    return Status::Error("cannot create " + target.parent_path().string() + ": " + ec.message());
  return WriteFileAtomically(target.string(), bytes);
}

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

// One line of the check's verdict.
struct CheckLine {
  explicit CheckLine(std::string what) : name(std::move(what)) {}
  std::string name;
  std::vector<std::string> problems;
  std::string detail;
};

}  // namespace

Status RunAuditExport(const AuditExportArgs& args, std::ostream& out) {
  const std::string db_path = ResolveDatabasePath(args.db);
  PHIEU_RETURN_IF_ERROR(
      CheckOutputPath(args.dir, "folder", db_path, {{"the formula file", args.formula}}));
  const fs::path dir(args.dir);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return Status::Error(args.dir + " is not empty; give a new folder for the bundle");
  }
  auto live = Database::Open(db_path);
  if (!live.ok()) return live.status();

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
  auto copy = WriteBundleCopy(**live, copy_path, args.redact);
  if (!copy.ok()) return fail(copy.status());
  live->reset();
  // Everything else is taken from the copy, one state of the database (VACUUM INTO reads one
  // snapshot), as `audit check` takes it: a scan or a review running meanwhile cannot make the
  // report, the scans and the templates disagree with the bundled database. Reading leaves the
  // copy's bytes as they are.
  auto db = Database::Open(copy_path);
  if (!db.ok()) return fail(db.status());
  auto report = BuildReport(**db, {args.period, args.units, args.date, args.formula});
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
  for (const auto& [name, bytes] : ReportFiles(*report)) {
    if (Status s = WriteInto(work, name, bytes); !s.ok()) return fail(s);
  }
  std::map<std::string, std::string> facts = {
      {"database", db_name},
      {"survey", survey->name + " " + survey->version},
      {"log-head", report->input.log_head},
      {"redacted", args.redact ? "yes" : "no"},
      {"report-period", args.period},
      {"report-units", args.units},
      {"report-date", report->input.date},
      {"report-formula", args.formula.empty() ? "builtin" : kFormulaFile},
  };
  if (!args.formula.empty()) {
    auto formula = ReadFile(args.formula);
    if (!formula.ok()) return fail(formula.status());
    if (Status s = WriteInto(work, kFormulaFile, *formula); !s.ok()) return fail(s);
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
  if (ec)
    return fail(
        Status::Error("cannot rename " + work.string() + " to " + args.dir + ": " + ec.message()));

  auto parsed = ParseManifest(manifest);
  if (!parsed.ok()) return parsed.status();
  out << "Wrote the audit bundle " << args.dir << ": " << hashed->size() << " files ("
      << files->size() << " archived scans, " << layouts->size() << " template(s), the report "
      << "and the answers and tallies it counts).\n";
  out << "Withheld from its database: the form secret"
      << (args.redact ? "; names, addresses, phones and extra columns of " +
                            std::to_string(copy->withheld - 1) + " people"
                      : " (personal data is included: use --redact to remove it)")
      << ".\n";
  out << "Log head: " << report->input.log_head << "\n";
  out << "Root hash: " << parsed->root << "\n";
  out << "Publish the root hash; the auditor runs: phieu audit check " << args.dir << " --root "
      << parsed->root << "\n";
  return Status::Ok();
}

Status RunAuditCheck(const std::string& dir_text, const std::string& root, std::ostream& out) {
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
  std::vector<CheckLine> lines;

  // 1. The manifest: its root hash, then every file.
  CheckLine m{"manifest: every file has the SHA-256 the manifest lists, and the root hash holds"};
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
  CheckLine l{"log: the hash chain replays and every record matches the event that wrote it"};
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
  CheckLine a{"archive: every archived scan is the file the database says was scanned"};
  for (const ArchivedFile& f : *files) {
    auto path = PathInBundle(dir_text, f.archive_path);
    auto digest = path.ok() ? HashFile(*path) : Result<FileDigest>(path.status());
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
  auto reread = RereadArchivedPages(**db, dir_text);
  if (!reread.ok()) return reread.status();
  CheckLine r{"re-reading: every page read again from its image gives the stored readings"};
  r.problems = reread->problems;
  r.detail =
      std::to_string(reread->pages) + " pages in " + std::to_string(reread->files) + " files";
  lines.push_back(r);

  // 5. The answers, the tallies and the report rebuilt.
  auto rebuilt =
      BuildReport(**db, {manifest->facts["report-period"], manifest->facts["report-units"],
                         manifest->facts["report-date"], formula});
  CheckLine b{
      "report: the answers, tallies and report rebuilt from the database are the bundled ones"};
  if (!rebuilt.ok()) {
    b.problems.push_back("cannot be rebuilt: " + rebuilt.status().message());
  } else {
    for (const auto& [name, bytes] : ReportFiles(*rebuilt)) {
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

  int failed = 0;
  for (const CheckLine& line : lines) {
    out << (line.problems.empty() ? "PASS " : "FAIL ") << line.name << "\n";
    if (!line.detail.empty()) out << "     " << line.detail << "\n";
    for (const std::string& p : line.problems) out << "     - " << p << "\n";
    failed += !line.problems.empty();
  }
  if (failed > 0) {
    return Status::Error(dir_text + ": " + std::to_string(failed) + " of " +
                         std::to_string(lines.size()) + " checks failed");
  }
  out << "All " << lines.size() << " checks pass: the bundle is what phieu recorded"
      << (root.empty() ? " (give --root HASH to compare with the published root hash)" : "")
      << ".\n";
  return Status::Ok();
}

void AddAuditBundleCommands(CLI::App& audit, Action& action) {
  auto args = std::make_shared<AuditExportArgs>();
  CLI::App* e = audit.add_subcommand(
      "export", "Write the bundle an auditor checks on their own machine (manifest, root hash)");
  e->add_option("DIR", args->dir, "A new folder for the bundle")->required();
  e->add_flag("--redact", args->redact, "Remove names, addresses, phones and extra columns");
  e->add_option("--period", args->period, "The bundled report's period (as phieu report)");
  e->add_option("--units", args->units, "The bundled report's units (as phieu report)");
  e->add_option("--date", args->date, "The bundled report's date (as phieu report)");
  e->add_option("--formula", args->formula, "The bundled report's formula file (as phieu report)");
  AddDatabaseOption(*e, args->db);
  e->callback([args, &action] { action = [args] { return RunAuditExport(*args, std::cout); }; });

  auto check = std::make_shared<std::pair<std::string, std::string>>();
  CLI::App* c = audit.add_subcommand(
      "check", "Check a bundle: manifest, log, archive, re-reading, report (exit 1 on a failure)");
  c->add_option("DIR", check->first, "The bundle's folder")->required();
  c->add_option("--root", check->second, "The published root hash to compare with");
  c->callback([check, &action] {
    action = [check] { return RunAuditCheck(check->first, check->second, std::cout); };
  });
}

}  // namespace phieu
