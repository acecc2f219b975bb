// The audit bundle library (audit/bundle_export.h, audit/bundle_check.h) called directly, without
// the binary: a database with scanned forms (printed and verified by `phieu`, scanned by the
// intake library) is exported into a bundle, which passes its check; a bundle with a file altered
// fails the step that looks at it, the problem naming the file.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "audit/bundle_check.h"
#include "audit/bundle_export.h"
#include "intake/scan_session.h"
#include "store/database.h"
#include "tests/scan_test_util.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;
using e2e::PrintedFormsTest;
using e2e::ReadText;
using e2e::WriteText;

// The problems of the step whose name starts with `step` ("manifest", "archive" ...).
std::vector<std::string> ProblemsOf(const BundleCheck& check, const std::string& step) {
  for (const BundleCheckLine& line : check.lines) {
    if (line.name.starts_with(step + ":")) return line.problems;
  }
  ADD_FAILURE() << "no step " << step;
  return {};
}

std::string Listed(const BundleCheck& check) {
  std::string text;
  for (const BundleCheckLine& line : check.lines) {
    text += line.name + "\n";
    for (const std::string& p : line.problems) text += "  - " + p + "\n";
  }
  return text;
}

class AuditBundleTest : public PrintedFormsTest {
 protected:
  static void SetUpTestSuite() { Print({.forms = 4, .seed = "boc-tham-chi-so-2026"}); }
  static void TearDownTestSuite() { Discard(); }

  // Scans form 0 with the intake library, verifies it with `phieu verify` and exports the bundle
  // into dir_/bundle with the library; returns the export's summary.
  ExportedBundle ScanAndExport() {
    WriteForm(0, Plan(11), 11, "scans");
    auto db = Database::Open(Db().string());
    EXPECT_TRUE(db.ok()) << db.status().message();
    if (!db.ok()) return {};
    ScanObserver quiet;
    ScanOptions scan;
    scan.batch = "lo-1";
    auto scanned = ScanFiles(**db, {(dir_ / "scans").string()}, scan, quiet);
    EXPECT_TRUE(scanned.ok()) << scanned.status().message();
    PhieuOk({"verify"});
    BundleOptions options;
    options.report.period = "Năm 2026", options.report.date = "2026-04-01";
    // The official heading too: `audit check` must rebuild the same bytes from the manifest.
    options.report.issuer = {"UBND TỈNH THỬ NGHIỆM", "SỞ NỘI VỤ", "Hà Nội", "9/BC-SNV",
                             "2026-04-02"};
    auto bundle = ExportAuditBundle(**db, (dir_ / "bundle").string(), options);
    EXPECT_TRUE(bundle.ok()) << bundle.status().message();
    return bundle.ok() ? *bundle : ExportedBundle{};
  }

  // The archive path of the first archived scan, from the bundle's manifest.
  std::string FirstArchivedScan() const {
    for (const std::string& line : e2e::Lines(ReadText(dir_ / "bundle/manifest.txt"))) {
      const std::string path = line.substr(line.rfind(' ') + 1);
      if (line.starts_with("file ") && path.find(".archive/") != std::string::npos) return path;
    }
    ADD_FAILURE() << "no archived scan in the manifest";
    return "";
  }
};

TEST_F(AuditBundleTest, AnExportedBundlePassesEveryStepOfItsCheck) {
  const ExportedBundle bundle = ScanAndExport();
  EXPECT_EQ(bundle.archived_scans, PagesPerForm());
  EXPECT_EQ(bundle.templates, 1);
  EXPECT_EQ(bundle.withheld_people, 0);
  EXPECT_EQ(bundle.root.size(), 64u);
  int progress_calls = 0;
  auto check = CheckAuditBundle((dir_ / "bundle").string(), bundle.root, RereadOptions::Every(),
                                [&](int done, int total) {
                                  ++progress_calls;
                                  EXPECT_LE(done, total);
                                });
  ASSERT_TRUE(check.ok()) << check.status().message();
  EXPECT_EQ(check->failed(), 0) << Listed(*check);
  ASSERT_EQ(check->lines.size(), 5u);
  std::vector<std::string> steps;
  for (const BundleCheckLine& line : check->lines)
    steps.push_back(line.name.substr(0, line.name.find(':')));
  EXPECT_EQ(steps,
            (std::vector<std::string>{"manifest", "log", "archive", "re-reading", "report"}));
  EXPECT_EQ(progress_calls, PagesPerForm());
  // The heading's options are kept as facts, which the report step rebuilt the report from.
  const std::string manifest = ReadText(dir_ / "bundle/manifest.txt");
  for (const char* fact : {"fact report-parent-agency UBND TỈNH THỬ NGHIỆM\n",
                           "fact report-issuer SỞ NỘI VỤ\n", "fact report-place Hà Nội\n",
                           "fact report-number 9/BC-SNV\n", "fact report-issued-on 2026-04-02\n"}) {
    EXPECT_NE(manifest.find(fact), std::string::npos) << fact;
  }
}

// The pages an auditor's seed draws are the ones the published method gives, recomputed here by a
// few lines of Python from the bundle's manifest alone (each archived scan holds one page).
TEST_F(AuditBundleTest, ASeedDrawsTheSharePythonRecomputesFromTheManifest) {
  const ExportedBundle bundle = ScanAndExport();
  std::string pages;
  for (const std::string& line : e2e::Lines(ReadText(dir_ / "bundle/manifest.txt"))) {
    const std::string path = line.substr(line.rfind(' ') + 1);
    if (line.starts_with("file ") && path.find(".archive/") != std::string::npos) {
      pages += " " + e2e::ShellQuote(path + "#1");
    }
  }
  const std::string seed = "MTTQ phường Cống Vị, 07/12/2026";
  const std::string python =
      "import hashlib, math, sys\n"
      "seed, share, pages = sys.argv[1], float(sys.argv[2]), sys.argv[3:]\n"
      "tickets = sorted((hashlib.sha256((seed + ',' + p).encode()).hexdigest(), p) for p in pages)\n"
      "n = max(1, math.ceil(share * len(pages)))\n"
      "print('\\n'.join(p for _, p in tickets[:n]))\n";
  const std::vector<std::string> expected = e2e::Lines(e2e::CommandOutput(
      "/usr/bin/python3 -c " + e2e::ShellQuote(python) + " " + e2e::ShellQuote(seed) + " 0.4" +
      pages));
  ASSERT_EQ(expected.size(), 3u) << "ceil(0.4 x 6 pages)";

  auto check =
      CheckAuditBundle((dir_ / "bundle").string(), bundle.root, RereadOptions::Drawn(seed, 0.4));
  ASSERT_TRUE(check.ok()) << check.status().message();
  EXPECT_EQ(check->failed(), 0) << Listed(*check);
  EXPECT_EQ(check->reread_drawn, expected);
  EXPECT_NE(check->lines[3].detail.find("3 pages in 3 files, drawn from the 6 read pages with seed"),
            std::string::npos)
      << check->lines[3].detail;
}

TEST_F(AuditBundleTest, AShareOutsideZeroToOneIsRefused) {
  const ExportedBundle bundle = ScanAndExport();
  auto check =
      CheckAuditBundle((dir_ / "bundle").string(), bundle.root, RereadOptions::Drawn("seed", 1.5));
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().message(), "the share of pages to read again must be in (0, 1], not 1.5");
}

// Neither a seed nor every page: refused before anything is read (the folder has no manifest,
// which would otherwise be the message).
TEST_F(AuditBundleTest, NeitherASeedNorEveryPageIsRefusedBeforeAnythingIsRead) {
  fs::create_directory(dir_ / "empty");
  auto check = CheckAuditBundle((dir_ / "empty").string(), "", RereadOptions());
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().message(),
            "no pages to read again: give a seed to draw a share of them from, or ask for every "
            "page");
  RereadOptions both = RereadOptions::Every();
  both.seed = "x";
  check = CheckAuditBundle((dir_ / "empty").string(), "", both);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().message(),
            "the pages to read again are either every one or drawn from a seed, not both");
}

TEST_F(AuditBundleTest, AnAlteredArchivedScanFailsTheManifestAndTheArchiveNamingTheFile) {
  const ExportedBundle bundle = ScanAndExport();
  const std::string archived = FirstArchivedScan();
  ASSERT_FALSE(archived.empty());
  {
    std::ofstream append(dir_ / "bundle" / archived, std::ios::binary | std::ios::app);
    append << "x";
  }
  auto check = CheckAuditBundle((dir_ / "bundle").string(), bundle.root, RereadOptions::Every());
  ASSERT_TRUE(check.ok()) << check.status().message();
  const std::vector<std::string> manifest = ProblemsOf(*check, "manifest");
  ASSERT_EQ(manifest.size(), 1u) << Listed(*check);
  EXPECT_TRUE(manifest[0].starts_with(archived + ": altered (")) << manifest[0];
  const std::vector<std::string> archive = ProblemsOf(*check, "archive");
  ASSERT_EQ(archive.size(), 1u) << Listed(*check);
  EXPECT_TRUE(archive[0].starts_with(archived + ": altered: it is not the scan of ")) << archive[0];
  EXPECT_TRUE(ProblemsOf(*check, "log").empty()) << Listed(*check);
}

TEST_F(AuditBundleTest, AManifestEditedWithoutItsRootFailsNamingTheManifest) {
  const ExportedBundle bundle = ScanAndExport();
  const fs::path manifest = dir_ / "bundle/manifest.txt";
  std::string text = ReadText(manifest);
  const std::size_t fact = text.find("fact report-period ");
  ASSERT_NE(fact, std::string::npos) << text;
  text.insert(fact + 19, "X");
  WriteText(manifest, text);
  auto check = CheckAuditBundle((dir_ / "bundle").string(), bundle.root, RereadOptions::Every());
  ASSERT_TRUE(check.ok()) << check.status().message();
  const std::vector<std::string> problems = ProblemsOf(*check, "manifest");
  ASSERT_FALSE(problems.empty()) << Listed(*check);
  EXPECT_TRUE(problems[0].starts_with("manifest.txt: the root line says " + bundle.root))
      << problems[0];
}

TEST_F(AuditBundleTest, AFolderWithoutAManifestIsRefusedNamingIt) {
  fs::create_directory(dir_ / "empty");
  auto check = CheckAuditBundle((dir_ / "empty").string(), "", RereadOptions::Every());
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().message(), (dir_ / "empty").string() + " is not an audit bundle: " +
                                          (dir_ / "empty/manifest.txt").string() +
                                          ": no such file");
}

}  // namespace
}  // namespace phieu
