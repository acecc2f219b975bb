// Commands killed at any moment (SIGKILL: no clean-up runs) and run again, end to end: `init`,
// `forms print`, the exports and `audit export` on real work. Whatever the moment, nothing stored
// is lost or doubled, every output is whole or absent (never half a file under its final name), the
// rerun finishes the job and the tamper-evident log verifies. `scan` killed and rerun is in
// scan_cli_test.cc.
//
// A command is killed at fractions of the time an uninterrupted run of it took here, and at the
// moments its output is being written; both adapt to the machine (and to the sanitizer build),
// so nothing here asserts a time.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/cli_test_util.h"
#include "tests/scan_test_util.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;
using e2e::ChildOptions;
using e2e::ChildRun;
using e2e::Count;
using e2e::CsvRow;
using e2e::KillAfter;
using e2e::MarkedPage;
using e2e::PhieuCliTest;
using e2e::PrintedFormsTest;
using e2e::Query;
using e2e::ReadCsv;
using e2e::ReadText;
using e2e::Rows;
using e2e::RunPhieuChild;
using e2e::RunPhieuIn;
using e2e::RunResult;
using e2e::Value;
using std::chrono::milliseconds;

// True when `file` is a temporary file of `name` (NAME.PID-N.partial, core/file.h) or, for a
// database made under such a name, one of its SQLite journals (NAME.PID-N.partial-journal ...).
bool IsTemporaryOf(const std::string& file, const std::string& name) {
  static const std::regex rest(R"([0-9]+-[0-9]+\.partial(-journal|-wal|-shm)?)");
  return file.starts_with(name + ".") && std::regex_match(file.substr(name.size() + 1), rest);
}

// True when a temporary file of `name` is in `dir`: `name` is being written.
bool TemporaryFileOf(const fs::path& dir, const std::string& name) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (IsTemporaryOf(entry.path().filename().string(), name)) return true;
  }
  return false;
}

// The names in `dir` (not below), except what a killed writer of one of `outputs` may leave (its
// temporary files) and the database's WAL files (they stay after a kill, and go with the
// database's next clean close).
std::set<std::string> FilesBesideTemporaries(const fs::path& dir,
                                             const std::vector<std::string>& outputs) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    bool temporary = false;
    for (const std::string& out : outputs) temporary = temporary || IsTemporaryOf(file, out);
    if (!temporary && !file.ends_with(".db-wal") && !file.ends_with(".db-shm")) names.insert(file);
  }
  return names;
}

// When to kill a command whose uninterrupted run took `whole`: at once, at `fractions` of its
// run, and the first time `writing` says its output is being written.
std::vector<ChildOptions> KillSchedule(milliseconds whole, const std::function<bool()>& writing,
                                       const std::vector<double>& fractions = {0.0, 0.15, 0.35,
                                                                               0.55, 0.75, 0.9}) {
  std::vector<ChildOptions> schedule;
  for (const double fraction : fractions) {
    ChildOptions options;
    options.kill_when = KillAfter(milliseconds(static_cast<long>(whole.count() * fraction)));
    schedule.push_back(options);
  }
  ChildOptions at_write;
  at_write.kill_when = [writing](milliseconds) { return writing(); };
  schedule.push_back(at_write);
  return schedule;
}

// How long `phieu ARGS...` took in `dir`, run to its end (it must succeed).
milliseconds TimedRun(const fs::path& dir, const std::vector<std::string>& args) {
  const auto start = std::chrono::steady_clock::now();
  const ChildRun run = RunPhieuChild(dir, args);
  EXPECT_EQ(run.result.exit_code, 0) << args[0] << ": " << run.result.err;
  return std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - start);
}

// --- init ---------------------------------------------------------------------------------------

class InitKilledTest : public PhieuCliTest {};

// `init` makes the database under a temporary name and links it into place whole: killed at any
// moment, there is no d.db or a whole one (its log verifies), and the rerun makes it or says it
// exists.
TEST_F(InitKilledTest, KilledAtAnyMomentLeavesNoDatabaseOrAWholeOne) {
  const std::vector<std::string> init = {"init", "--survey", "sipas-2022", "--db", "d.db"};
  const milliseconds whole =
      TimedRun(dir_, {"init", "--survey", "sipas-2022", "--db", "timing.db"});
  fs::remove(dir_ / "timing.db");
  int killed = 0;
  for (const ChildOptions& kill :
       KillSchedule(whole, [&] { return TemporaryFileOf(dir_, "d.db"); })) {
    const ChildRun run = RunPhieuChild(dir_, init, kill);
    killed += run.killed;
    if (!run.killed) { EXPECT_EQ(run.result.exit_code, 0) << run.result.err; }
    const bool made = fs::exists(dir_ / "d.db");
    if (made) {
      const RunResult log = RunPhieu({"log", "verify", "--db", "d.db"});
      EXPECT_EQ(log.exit_code, 0) << log.out << log.err;
    }
    const RunResult again = RunPhieu(init);
    if (made) {
      EXPECT_EQ(again.exit_code, 1);
      EXPECT_EQ(again.err,
                "phieu: d.db already exists; choose another --db or move the old file away\n");
    } else {
      EXPECT_EQ(again.exit_code, 0) << again.err;
    }
    const RunResult log = RunPhieu({"log", "verify", "--db", "d.db"});
    EXPECT_EQ(log.exit_code, 0) << log.out << log.err;
    EXPECT_EQ(FilesBesideTemporaries(dir_, {"d.db"}), std::set<std::string>{"d.db"});
    for (const char* file : {"d.db", "d.db-wal", "d.db-shm"}) fs::remove(dir_ / file);
  }
  EXPECT_GT(killed, 0) << "every run ended before it could be killed";
}

// --- forms print --------------------------------------------------------------------------------

class FormsPrintKilledTest : public PhieuCliTest {};

// `forms print` issues every code in one transaction, then renders and writes the PDF, then
// records the print run: killed anywhere, it has issued all codes or none, forms.pdf is whole or
// absent, and the rerun prints the same codes once each, into the same bytes.
TEST_F(FormsPrintKilledTest, KilledAtAnyMomentAndRunAgainPrintsEveryPersonOnceIntoAWholePdf) {
  constexpr int kPeople = 60;
  Init("d.db");
  WriteFrame("frame.csv", 120);
  RunOk({"sample", "draw", "--frame", "frame.csv", "--seed", "ngat-dien", "--size",
         std::to_string(kPeople), "--db", "d.db"});
  const std::set<std::string> people = [&] {
    std::set<std::string> ids;
    for (const CsvRow& row : ReadCsv(RunOk({"sample", "list", "--csv", "--db", "d.db"}))) {
      ids.insert(row.at("id"));
    }
    return ids;
  }();
  ASSERT_EQ(people.size(), static_cast<std::size_t>(kPeople));
  // An uninterrupted run on a copy, to know how long printing takes here.
  fs::copy_file(dir_ / "d.db", dir_ / "timing.db");
  const milliseconds whole =
      TimedRun(dir_, {"forms", "print", "--draft", "--out", "timing.pdf", "--db", "timing.db"});
  fs::remove(dir_ / "timing.db");
  fs::remove(dir_ / "timing.pdf");
  const std::set<std::string> before = {"d.db", "frame.csv"};

  std::set<std::string> codes;    // once issued, never changed
  std::vector<std::string> pdfs;  // forms.pdf as each killed run left it
  int killed = 0;
  for (const ChildOptions& kill :
       KillSchedule(whole, [&] { return TemporaryFileOf(dir_, "forms.pdf"); })) {
    const ChildRun run = RunPhieuChild(
        dir_, {"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"}, kill);
    killed += run.killed;
    if (!run.killed) { EXPECT_EQ(run.result.exit_code, 0) << run.result.err; }
    // All codes or none, one per person.
    const Rows forms = Query(dir_ / "d.db", "SELECT code, sample_id FROM form");
    ASSERT_TRUE(forms.empty() || forms.size() == people.size()) << forms.size() << " forms";
    std::set<std::string> issued, to;
    for (const auto& row : forms) issued.insert(row[0]), to.insert(row[1]);
    if (!forms.empty()) {
      EXPECT_EQ(to, people);
      if (!codes.empty()) { EXPECT_EQ(issued, codes) << "codes changed after a kill"; }
      codes = issued;
    }
    if (fs::exists(dir_ / "forms.pdf")) pdfs.push_back(ReadText(dir_ / "forms.pdf"));
    std::set<std::string> expected = before;
    if (fs::exists(dir_ / "forms.pdf")) expected.insert("forms.pdf");
    EXPECT_EQ(FilesBesideTemporaries(dir_, {"forms.pdf"}), expected);
  }
  EXPECT_GT(killed, 0) << "every run ended before it could be killed";

  const RunResult rerun =
      RunPhieu({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_TRUE(rerun.out.starts_with("Printed " + std::to_string(kPeople) + " form(s), "))
      << rerun.out;
  const std::string pdf = ReadText(dir_ / "forms.pdf");
  EXPECT_TRUE(pdf.starts_with("%PDF-"));
  for (const std::string& left : pdfs) EXPECT_TRUE(left == pdf) << "a killed run left another PDF";
  // Every person once, every form placed in forms.pdf, and printing again gives the same bytes.
  const std::vector<CsvRow> list = ReadCsv(RunOk({"forms", "list", "--csv", "--db", "d.db"}));
  ASSERT_EQ(list.size(), people.size());
  std::set<std::string> listed_people, listed_codes;
  for (const CsvRow& row : list) {
    listed_people.insert(row.at("sample"));
    listed_codes.insert(row.at("code"));
    EXPECT_EQ(row.at("status"), "issued");
    EXPECT_EQ(row.at("printed_file"), "forms.pdf");
    EXPECT_NE(row.at("first_page"), "");
  }
  EXPECT_EQ(listed_people, people);
  if (!codes.empty()) { EXPECT_EQ(listed_codes, codes); }
  const RunResult again =
      RunPhieu({"forms", "print", "--draft", "--out", "again.pdf", "--db", "d.db"});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(ReadText(dir_ / "again.pdf") == pdf) << "a second print differs";
  const RunResult log = RunPhieu({"log", "verify", "--db", "d.db"});
  EXPECT_EQ(log.exit_code, 0) << log.out << log.err;
  EXPECT_EQ(Value(dir_ / "d.db", "PRAGMA integrity_check"), "ok");
}

// `forms reprint` voids the old code and issues the new one in one transaction, then prints the
// replacement: killed anywhere, the person has one issued form (the old or its replacement), and
// the rerun of the same command prints the replacement (or says where it was printed).
TEST_F(FormsPrintKilledTest, AReprintKilledAtAnyMomentAndRunAgainPrintsOneReplacement) {
  Init("d.db");
  WriteFrame("frame.csv", 40);
  RunOk({"sample", "draw", "--frame", "frame.csv", "--seed", "in-lai", "--size", "12", "--db",
         "d.db"});
  ASSERT_EQ(RunPhieu({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"}).exit_code,
            0);
  const std::vector<CsvRow> printed = ReadCsv(RunOk({"forms", "list", "--csv", "--db", "d.db"}));
  ASSERT_EQ(printed.size(), 12u);
  const auto reprint = [](const std::string& code, const std::string& out) {
    return std::vector<std::string>{"forms", "reprint", code, "--draft", "--reason",
                                    "lost",  "--out",   out,  "--db",    "d.db"};
  };
  const milliseconds whole = TimedRun(dir_, reprint(printed[11].at("code"), "timing.pdf"));
  // Each round reprints another person's form.
  std::vector<ChildOptions> schedule =
      KillSchedule(whole, [&] { return TemporaryFileOf(dir_, "r.pdf"); });
  ASSERT_LE(schedule.size(), 11u);
  int killed = 0;
  for (std::size_t round = 0; round < schedule.size(); ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string code = printed[round].at("code"), person = printed[round].at("sample");
    const ChildRun run = RunPhieuChild(dir_, reprint(code, "r.pdf"), schedule[round]);
    killed += run.killed;
    if (!run.killed) { EXPECT_EQ(run.result.exit_code, 0) << run.result.err; }
    const std::string issued_sql =
        "SELECT code, COALESCE(replaces, '') FROM form WHERE status = 'issued' AND sample_id = '" +
        person + "'";
    Rows issued = Query(dir_ / "d.db", issued_sql);
    ASSERT_EQ(issued.size(), 1u) << "the person has " << issued.size() << " issued forms";
    EXPECT_TRUE(issued[0][0] == code || issued[0][1] == code) << issued[0][0];
    const std::string left = fs::exists(dir_ / "r.pdf") ? ReadText(dir_ / "r.pdf") : "";

    const RunResult again = RunPhieu(reprint(code, "r.pdf"));
    issued = Query(dir_ / "d.db", issued_sql);
    ASSERT_EQ(issued.size(), 1u);
    const std::string replacement = issued[0][0];
    EXPECT_EQ(issued[0][1], code);
    if (again.exit_code != 0) {
      EXPECT_EQ(again.err, "phieu: form '" + code + "' is already voided; its replacement " +
                               replacement + " was printed to r.pdf\n");
    }
    EXPECT_EQ(Value(dir_ / "d.db",
                    "SELECT count(*) FROM print_item WHERE form_code = '" + replacement + "'"),
              "1")
        << "the replacement is recorded as printed once";
    const std::string pdf = ReadText(dir_ / "r.pdf");
    EXPECT_TRUE(pdf.starts_with("%PDF-"));
    if (!left.empty()) { EXPECT_TRUE(left == pdf) << "a killed run left another PDF"; }
    fs::remove(dir_ / "r.pdf");
  }
  EXPECT_GT(killed, 0) << "every run ended before it could be killed";
  EXPECT_EQ(Count(dir_ / "d.db", "SELECT count(*) FROM form WHERE status = 'issued'"), 12);
  const RunResult log = RunPhieu({"log", "verify", "--db", "d.db"});
  EXPECT_EQ(log.exit_code, 0) << log.out << log.err;
}

// --- the exports, the auditors' lists and the audit bundle, on scanned forms
// -----------------------------------------

// Two forms printed, filled and scanned once for the suite (d.db, d.archive); each test starts
// from its own copy of them.
class KilledOnScannedFormsTest : public PrintedFormsTest {
 protected:
  static void SetUpTestSuite() {
    Print({.forms = 3, .seed = "ngat-giua-chung"});
    if (!printed_->ok) return;
    scanned_ = new fs::path(printed_->dir / "scanned");
    fs::create_directories(*scanned_ / "scans");
    fs::copy_file(printed_->dir / "d.db", *scanned_ / "d.db");
    for (int form = 0; form < 2; ++form) {
      for (int page = 1; page <= PagesPerForm(); ++page) {
        const MarkedPage marked = Marked(form, page, Plan(70 + form), 70 + form);
        const std::string file =
            "scans/f" + std::to_string(form) + "-p" + std::to_string(page) + ".png";
        ASSERT_TRUE(WritePng(marked.image, (*scanned_ / file).string()).ok());
      }
    }
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"scan", "scans", "--jobs", "2", "--db", "d.db"},
          std::vector<std::string>{"verify", "--db", "d.db"}}) {
      const RunResult r = RunPhieuIn(*scanned_, args);
      ASSERT_EQ(r.exit_code, 0) << args[0] << ": " << r.out << r.err;
    }
  }
  static void TearDownTestSuite() {
    delete scanned_;
    scanned_ = nullptr;
    Discard();
  }

  void SetUp() override {
    PhieuCliTest::SetUp();
    ASSERT_TRUE(printed_->ok && scanned_ != nullptr) << "the forms could not be printed";
    fs::copy_file(*scanned_ / "d.db", dir_ / "d.db");
    fs::copy(*scanned_ / "d.archive", dir_ / "d.archive", fs::copy_options::recursive);
    pages_ = Count(Db(), "SELECT count(*) FROM scan_page");
    ASSERT_EQ(pages_, 2 * PagesPerForm());
  }

  // What must hold of the database whatever was killed: every page stored once, the store sound,
  // the log whole.
  void ExpectDatabaseWhole() const {
    EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_page"), pages_);
    EXPECT_EQ(
        Count(Db(),
              "SELECT count(*) FROM (SELECT DISTINCT file_sha256, page_index FROM scan_page)"),
        pages_);
    EXPECT_EQ(Value(Db(), "PRAGMA integrity_check"), "ok");
    const RunResult log = RunPhieu({"log", "verify", "--db", "d.db"});
    EXPECT_EQ(log.exit_code, 0) << log.out << log.err;
  }

  static inline fs::path* scanned_ = nullptr;
  int pages_ = 0;
};

// Every command that writes files from the database (the exports, the report, the collectors'
// and the auditors' lists), killed at any moment: each file it writes is absent or exactly what
// an uninterrupted run writes, and the rerun writes them all.
TEST_F(KilledOnScannedFormsTest, AnExportKilledAtAnyMomentLeavesEachFileWholeOrAbsent) {
  struct Export {
    std::vector<std::string> args;  // with OUT files named as below
    std::vector<std::string> outputs;
  };
  const std::vector<Export> exports = {
      {{"export", "answers", "--out", "answers.csv"}, {"answers.csv"}},
      {{"export", "answers", "--json", "--out", "answers.json"}, {"answers.json"}},
      {{"export", "tallies", "--out", "tallies.csv", "--xlsx", "tallies.xlsx"},
       {"tallies.csv", "tallies.xlsx"}},
      {{"report", "--out", "report.pdf", "--date", "2026-04-01"}, {"report.pdf"}},
      {{"forms", "delivery-list", "--out", "delivery.pdf"}, {"delivery.pdf"}},
      {{"forms", "layout", "--json", "layout.json"}, {"layout.json"}},
      // The first run records the draw; a rerun with the same seed writes the lists again.
      {{"audit", "draw", "--seed", "ngat-giua-chung", "--pdf", "retrieval.pdf", "--csv",
        "retrieval.csv"},
       {"retrieval.pdf", "retrieval.csv"}},
      {{"audit", "sheet", "--out", "sheets.pdf", "--csv", "readings.csv"},
       {"sheets.pdf", "readings.csv"}},
  };
  for (const Export& e : exports) {
    SCOPED_TRACE(e.args[0] + " " + e.args[1]);
    // The uninterrupted run, into a folder of its own: what each file must be.
    const fs::path reference = dir_ / "reference";
    fs::create_directory(reference);
    std::vector<std::string> args = e.args;
    args.insert(args.end(), {"--db", "../d.db"});
    const milliseconds whole = TimedRun(reference, args);
    std::map<std::string, std::string> expected;
    for (const std::string& out : e.outputs) expected[out] = ReadText(reference / out);
    fs::remove_all(reference);

    const fs::path work = dir_ / "work";
    fs::create_directory(work);
    int killed = 0;
    const auto writing = [&] {
      for (const std::string& out : e.outputs) {
        if (TemporaryFileOf(work, out)) return true;
      }
      return false;
    };
    for (const ChildOptions& kill : KillSchedule(whole, writing)) {
      const ChildRun run = RunPhieuChild(work, args, kill);
      killed += run.killed;
      if (!run.killed) { EXPECT_EQ(run.result.exit_code, 0) << run.result.err; }
      for (const std::string& out : e.outputs) {
        if (fs::exists(work / out)) {
          EXPECT_TRUE(ReadText(work / out) == expected[out]) << out << " is not whole";
        }
      }
      std::set<std::string> files = FilesBesideTemporaries(work, e.outputs);
      for (const std::string& out : e.outputs) files.erase(out);
      EXPECT_EQ(files, std::set<std::string>{}) << "left beside the outputs";
      // The next kill starts from nothing written.
      for (const std::string& out : e.outputs) fs::remove(work / out);
    }
    EXPECT_GT(killed, 0) << "every run ended before it could be killed";
    const ChildRun rerun = RunPhieuChild(work, args);
    EXPECT_EQ(rerun.result.exit_code, 0) << rerun.result.err;
    for (const std::string& out : e.outputs) {
      EXPECT_TRUE(ReadText(work / out) == expected[out]) << out << " differs after the rerun";
    }
    fs::remove_all(work);
  }
  ExpectDatabaseWhole();
}

// `audit export` builds the bundle in BUNDLE.partial and renames it whole: killed anywhere, there
// is no bundle or a whole one that passes `audit check`, and the rerun clears what the killed run
// left and exports.
TEST_F(KilledOnScannedFormsTest, AnAuditExportKilledAtAnyMomentLeavesNoBundleOrAWholeOne) {
  const milliseconds whole = TimedRun(dir_, {"audit", "export", "timing", "--db", "d.db"});
  const auto files_of = [](const fs::path& bundle) {
    std::set<std::string> files;
    if (!fs::exists(bundle)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(bundle)) {
      if (entry.is_regular_file())
        files.insert(fs::relative(entry.path(), bundle).generic_string());
    }
    return files;
  };
  const std::set<std::string> bundle_files = files_of(dir_ / "timing");
  fs::remove_all(dir_ / "timing");

  std::vector<ChildOptions> schedule = KillSchedule(
      whole, [&] { return fs::exists(dir_ / "bundle.partial"); }, {0.0, 0.3, 0.6, 0.9});
  // Also at the export's last steps: the report written (the files are being hashed), and the
  // manifest written (the marker removed, the folder not renamed yet).
  for (const char* written : {"bundle.partial/report.pdf", "bundle.partial/manifest.txt"}) {
    ChildOptions options;
    options.kill_when = [&, written](milliseconds) { return fs::exists(dir_ / written); };
    schedule.push_back(options);
  }
  int killed = 0;
  for (const ChildOptions& kill : schedule) {
    const ChildRun run = RunPhieuChild(dir_, {"audit", "export", "bundle", "--db", "d.db"}, kill);
    killed += run.killed;
    if (!run.killed) { EXPECT_EQ(run.result.exit_code, 0) << run.result.err; }
    if (fs::exists(dir_ / "bundle")) {
      EXPECT_EQ(files_of(dir_ / "bundle"), bundle_files);
      const RunResult check = RunPhieu({"audit", "check", "bundle", "--all"});
      EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
      fs::remove_all(dir_ / "bundle");  // the next kill exports afresh
    }
    // The rerun clears what the killed run left and exports a whole bundle.
    const RunResult again = RunPhieu({"audit", "export", "bundle", "--db", "d.db"});
    EXPECT_EQ(again.exit_code, 0) << again.err;
    EXPECT_FALSE(fs::exists(dir_ / "bundle.partial"));
    EXPECT_EQ(files_of(dir_ / "bundle"), bundle_files);
    const RunResult check = RunPhieu({"audit", "check", "bundle", "--all"});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    fs::remove_all(dir_ / "bundle");
  }
  EXPECT_GT(killed, 0) << "every run ended before it could be killed";
  ExpectDatabaseWhole();
}

}  // namespace
}  // namespace phieu
