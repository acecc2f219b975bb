// End-to-end tests of `phieu audit`: the auditors' re-check (draw, sheet, record, compare) and the
// bundle an auditor checks on their own machine (export, check). The real binary works on scans
// generated here from known answers (synthetic/) on forms it printed, and everything is
// checked from outside phieu: the draw recomputed from the published method with OpenSSL's
// SHA-256, the auditors' file filled in with what the respondents meant, the PDFs read by
// poppler, the databases read and tampered with by SQLite, an archived scan painted over with
// OpenCV, the manifest's hashes and root recomputed here.
//
// The forms are printed once for the whole program (tests/scan_test_util.h); each test starts
// from its own copy of that database and scans only the forms it needs.

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/survey.h"
#include "core/text.h"
#include "tests/cli_test_util.h"
#include "tests/scan_test_util.h"
#include "tests/sha256_util.h"
#include "synthetic/answer_plan.h"
#include "synthetic/scan_generator.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;
using e2e::ChildOptions;
using e2e::ChildRun;
using e2e::Count;
using e2e::CsvRow;
using e2e::Exec;
using e2e::Lines;
using e2e::LinesStartingWith;
using e2e::PrintedFormsTest;
using e2e::Query;
using e2e::ReadCsv;
using e2e::ReadText;
using e2e::Rows;
using e2e::RunPhieuChild;
using e2e::RunResult;
using e2e::Sha256;
using e2e::ShellQuote;
using e2e::Value;
using e2e::WriteText;

constexpr int kForms = 4;
constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr char kAuditor[] = "Trần Thị Bình";

// --- small readers, written here --------------------------------------------------------------


// `text` without its UTF-8 byte-order mark (a failure when it has none).
std::string WithoutBom(const std::string& text) {
  EXPECT_TRUE(text.starts_with(kBom)) << text.substr(0, 40);
  return text.starts_with(kBom) ? text.substr(3) : text;
}

// The text of a PDF by poppler's pdftotext, every run of white space made one space.
std::string PdfText(const fs::path& pdf) {
  const std::string raw =
      e2e::CommandOutput("pdftotext " + ShellQuote(pdf.string()) + " - 2>/dev/null");
  std::string text;
  for (char c : raw) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (!space)
      text += c;
    else if (!text.empty() && text.back() != ' ')
      text += ' ';
  }
  return text;
}

// The images of a PDF as poppler's `pdfimages -list` lists them: width x height of each.
std::vector<std::pair<int, int>> PdfImages(const fs::path& pdf) {
  const std::string list =
      e2e::CommandOutput("pdfimages -list " + ShellQuote(pdf.string()) + " 2>/dev/null");
  std::vector<std::pair<int, int>> images;
  const std::vector<std::string> lines = Lines(list);
  for (std::size_t i = 2; i < lines.size(); ++i) {  // after the header and its rule
    std::istringstream fields(lines[i]);
    std::string page, num, type;
    int width = 0, height = 0;
    if (fields >> page >> num >> type >> width >> height) images.emplace_back(width, height);
  }
  return images;
}

std::string Fixed1(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

// As a published Vietnamese text writes it: a decimal comma.
std::string Comma1(double value) {
  std::string text = Fixed1(value);
  std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

// One CSV record, every field quoted.
std::string CsvLine(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    std::string quoted = "\"";
    for (char c : fields[i]) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    line += (i > 0 ? "," : "") + quoted + "\"";
  }
  return line + "\r\n";
}

// --- the published draw, recomputed -------------------------------------------------------------

// One form the draw must pick.
struct Pick {
  std::string code, stratum, ticket;
  int rank = 0;
  bool operator==(const Pick&) const = default;
  friend void PrintTo(const Pick& p, std::ostream* out) {
    *out << p.code << " (stratum '" << p.stratum << "', rank " << p.rank << ", " << p.ticket << ")";
  }
};

// The published allocation of `total` over strata of `sizes` (core/sample_draw.h): the whole part
// of each quota, the rest by largest remainder (ties: the earlier), then any empty stratum takes
// one from the largest (ties: the later).
std::vector<int> Allocate(const std::vector<int>& sizes, int total) {
  const long long sum = std::accumulate(sizes.begin(), sizes.end(), 0LL);
  std::vector<int> allocation(sizes.size());
  std::vector<long long> remainder(sizes.size());
  int given = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    allocation[i] = static_cast<int>(total * sizes[i] / sum);
    remainder[i] = total * sizes[i] % sum;
    given += allocation[i];
  }
  std::vector<std::size_t> order(sizes.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t k = 0; given < total; ++k, ++given) ++allocation[order[k]];
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (allocation[i] > 0) continue;
    std::size_t largest = 0;
    for (std::size_t j = 0; j < sizes.size(); ++j) {
      if (allocation[j] >= allocation[largest]) largest = j;
    }
    --allocation[largest];
    allocation[i] = 1;
  }
  return allocation;
}

// What the published method draws from the accepted forms (rows of `phieu export answers`):
// ticket = sha256(SEED + "," + CODE); within each stratum (by unit / collector, or one) the forms
// by ticket ascending; n = ceil(rate x forms), at least one per stratum, allocated in proportion
// to stratum size. By stratum name, then rank.
std::vector<Pick> PublishedDraw(const std::vector<CsvRow>& accepted, const std::string& seed,
                                double rate, const std::string& by) {
  std::map<std::string, std::vector<Pick>> strata;
  for (const CsvRow& row : accepted) {
    const std::string stratum = by.empty() ? "" : row.at(by);
    strata[stratum].push_back({row.at("form"), stratum, Sha256(seed + "," + row.at("form"))});
  }
  std::vector<int> sizes;
  for (auto& [name, picks] : strata) {
    std::sort(picks.begin(), picks.end(),
              [](const Pick& a, const Pick& b) { return a.ticket < b.ticket; });
    sizes.push_back(static_cast<int>(picks.size()));
  }
  const int total = std::max(static_cast<int>(std::ceil(rate * accepted.size() - 1e-9)),
                             static_cast<int>(strata.size()));
  const std::vector<int> allocation = Allocate(sizes, total);
  std::vector<Pick> drawn;
  std::size_t s = 0;
  for (auto& [name, picks] : strata) {
    for (int k = 0; k < allocation[s]; ++k) {
      picks[k].rank = k + 1;
      drawn.push_back(picks[k]);
    }
    ++s;
  }
  return drawn;
}

// The picks a retrieval-list CSV lists, in its order.
std::vector<Pick> ListedPicks(const std::vector<CsvRow>& rows) {
  std::vector<Pick> picks;
  for (const CsvRow& row : rows) {
    picks.push_back(
        {row.at("form"), row.at("stratum"), row.at("ticket"), std::stoi(row.at("rank"))});
  }
  return picks;
}

// --- the bundle, read here ----------------------------------------------------------------------

// `phieu audit check`'s verdict: the checks that passed, and the problems of those that failed,
// by the check's name (manifest, log, archive, re-reading, report).
struct BundleCheck {
  int exit_code = -1;
  std::string out, err;
  std::set<std::string> passed;
  std::map<std::string, std::vector<std::string>> failed;

  // Whether check `name` failed with a problem containing every one of `parts`.
  bool FailedNaming(const std::string& name, const std::vector<std::string>& parts) const {
    const auto problems = failed.find(name);
    if (problems == failed.end()) return false;
    return std::any_of(problems->second.begin(), problems->second.end(), [&](const auto& p) {
      return std::all_of(parts.begin(), parts.end(), [&](const std::string& part) {
        return p.find(part) != std::string::npos;
      });
    });
  }
};

BundleCheck ParseCheck(const RunResult& r) {
  BundleCheck check;
  check.exit_code = r.exit_code, check.out = r.out, check.err = r.err;
  std::string current;
  for (const std::string& line : Lines(r.out)) {
    const bool pass = line.starts_with("PASS "), fail = line.starts_with("FAIL ");
    if (pass || fail) {
      current = line.substr(5, line.find(':') - 5);
      if (pass) check.passed.insert(current);
      if (fail) check.failed[current];
    } else if (line.starts_with("     - ") && check.failed.contains(current)) {
      check.failed[current].push_back(line.substr(7));
    }
  }
  return check;
}

// "file SHA256 BYTES PATH" for every file under `bundle` but the manifest, hashed here.
std::set<std::string> FileLines(const fs::path& bundle) {
  std::set<std::string> lines;
  for (const auto& entry : fs::recursive_directory_iterator(bundle)) {
    if (!entry.is_regular_file()) continue;
    const std::string path = fs::relative(entry.path(), bundle).generic_string();
    if (path == "manifest.txt") continue;
    const std::string bytes = ReadText(entry.path());
    lines.insert("file " + Sha256(bytes) + " " + std::to_string(bytes.size()) + " " + path);
  }
  return lines;
}

// Rewrites the manifest of `bundle` as a forger would: the line of `path` with that file's SHA-256
// and size now, and a root line over the new text.
void RewriteManifest(const fs::path& bundle, const std::string& path) {
  std::string text;
  for (std::string line : Lines(ReadText(bundle / "manifest.txt"))) {
    if (line.starts_with("root ")) continue;
    if (line.starts_with("file ") && line.ends_with(" " + path)) {
      const std::string bytes = ReadText(bundle / path);
      line = "file " + Sha256(bytes) + " " + std::to_string(bytes.size()) + " " + path;
    }
    text += line + "\n";
  }
  WriteText(bundle / "manifest.txt", text + "root " + Sha256(text) + "\n");
}

// The last line of `err` (the error, after any progress lines), with its line end.
std::string LastLine(const std::string& err) {
  const std::vector<std::string> lines = Lines(err);
  return lines.empty() ? "" : lines.back() + "\n";
}

// The value after "PREFIX" on the line of `out` that starts with it.
std::string LineValue(const std::string& out, const std::string& prefix) {
  const std::vector<std::string> lines = LinesStartingWith(out, prefix);
  EXPECT_EQ(lines.size(), 1u) << prefix << " in:\n" << out;
  return lines.empty() ? "" : lines[0].substr(prefix.size());
}

// --- the fixture --------------------------------------------------------------------------------

class AuditCliTest : public PrintedFormsTest {
 protected:
  // The seed gives four forms in fewer units than forms, more than one (as tally_cli_test).
  static void SetUpTestSuite() { Print({.forms = kForms, .seed = "boc-tham-chi-so-2026"}); }
  static void TearDownTestSuite() { Discard(); }

  // The items an auditor reads: every answer item with options, in printed order.
  static std::vector<AnswerItem> ReadableItems() {
    std::vector<AnswerItem> items = AnswerItems(Template().survey);
    std::erase_if(items, [](const AnswerItem& item) { return item.options.empty(); });
    return items;
  }

  // Marks forms 0 .. count-1 as clean respondents seeded 11, 12 ... would (scans/formN/pK.png),
  // scans them in batch lo-1 and runs `phieu verify`, which must accept them all; returns their
  // plans, in form order.
  std::vector<AnswerPlan> ScanAcceptedForms(int count) const {
    PdfPage(count * PagesPerForm() - 1);  // renders the pages of all `count` forms at once
    std::vector<AnswerPlan> plans;
    for (int form = 0; form < count; ++form) {
      plans.push_back(Plan(11 + form));
      WriteForm(form, plans.back(), 11 + form, "scans/form" + std::to_string(form));
    }
    ScanOk({"scans", "--batch", "lo-1"});
    PhieuOk({"verify"});
    EXPECT_EQ(Count(Db(), "SELECT count(*) FROM verdict WHERE verdict = 'accepted'"), count);
    return plans;
  }

  // The rows of `phieu export answers` whose status is accepted.
  std::vector<CsvRow> AcceptedForms() const {
    PhieuOk({"export", "answers", "--out", "answers.csv"});
    std::vector<CsvRow> rows = ReadCsv(WithoutBom(ReadText(dir_ / "answers.csv")));
    std::erase_if(rows, [](const CsvRow& row) { return row.at("status") != "accepted"; });
    return rows;
  }

  // The cells an auditor who reads the paper right writes for the form answered as `plan` says:
  // item -> the options meant, joined by ';' ("" = blank).
  static std::map<std::string, std::string> TrueCells(const AnswerPlan& plan) {
    std::map<std::string, std::string> cells;
    for (const ItemTruth& truth : plan.truth) cells[truth.item] = Join(truth.intended, ";");
    return cells;
  }

  // An auditors' file: form, outcome and every readable item, one row per form (code, outcome,
  // cells by item).
  struct Reading {
    std::string code, outcome;
    std::map<std::string, std::string> cells;
  };
  static std::string ReadingsCsv(const std::vector<Reading>& readings) {
    std::vector<std::string> header = {"form", "outcome"};
    for (const AnswerItem& item : ReadableItems()) header.push_back(item.code);
    std::string csv = kBom + CsvLine(header);
    for (const Reading& reading : readings) {
      std::vector<std::string> row = {reading.code, reading.outcome};
      for (const AnswerItem& item : ReadableItems()) {
        const auto cell = reading.cells.find(item.code);
        EXPECT_NE(cell, reading.cells.end()) << "no truth for " << item.code;
        row.push_back(cell == reading.cells.end() ? "?" : cell->second);
      }
      csv += CsvLine(row);
    }
    return csv;
  }

  // Runs `phieu audit record FILE --by kAuditor` on `readings`, which must succeed.
  void Record(const std::vector<Reading>& readings, const std::string& file) const {
    WriteText(dir_ / file, ReadingsCsv(readings));
    const std::string out = PhieuOk({"audit", "record", file, "--by", kAuditor});
    EXPECT_TRUE(out.starts_with("Recorded " + std::to_string(readings.size()) +
                                " re-checked form(s) from " + file + " by " + kAuditor + ".\n"))
        << out;
  }

  // The first line of `phieu audit compare --out audit.pdf`: the verdict.
  std::string Verdict() const {
    const std::vector<std::string> lines =
        Lines(PhieuOk({"audit", "compare", "--out", "audit.pdf"}));
    return lines.empty() ? "" : lines[0];
  }

  // Runs `phieu audit check BUNDLE --all [--root ROOT]` (its progress on stderr is not looked at).
  BundleCheck Check(const std::string& bundle, const std::string& root = "") const {
    std::vector<std::string> args = {"audit", "check", bundle, "--all"};
    if (!root.empty()) args.insert(args.end(), {"--root", root});
    return ParseCheck(RunPhieu(args));
  }

  // Runs `phieu audit export BUNDLE ARGS...`, which must succeed; returns the root hash it prints.
  std::string Export(const std::string& bundle, std::vector<std::string> args = {}) const {
    args.insert(args.begin(),
                {"audit", "export", bundle, "--period", "Năm 2026", "--date", "2026-04-01"});
    return LineValue(PhieuOk(args), "Root hash: ");
  }
};

// --- the draw -----------------------------------------------------------------------------------

TEST_F(AuditCliTest, TheDrawIsThePublishedTicketMethodAndTheListSaysWhereEachFormLies) {
  // Two batches, each file named so that the order of names is the order of the paper: batch
  // lo-1 holds form 2, a sheet of blank paper, then form 0; batch lo-2 form 3, then form 1.
  PdfPage(kForms * PagesPerForm() - 1);
  struct Place {
    int form;
    std::string folder, batch;
    int first_sheet;
  };
  const std::vector<Place> places = {
      {2, "lo1", "lo-1", 1}, {0, "lo1", "lo-1", 8}, {3, "lo2", "lo-2", 1}, {1, "lo2", "lo-2", 7}};
  auto sheet_file = [](const std::string& folder, int sheet) {
    char name[16];
    std::snprintf(name, sizeof name, "%02d.png", sheet);
    return folder + "/" + name;
  };
  for (const Place& p : places) {
    for (int page = 1; page <= PagesPerForm(); ++page) {
      Write(Marked(p.form, page, Plan(11 + p.form), 11 + p.form).image,
            sheet_file(p.folder, p.first_sheet + page - 1));
    }
  }
  const GreyImage& printed = PrintedPage(0, 1);
  Write(GreyImage(printed.width, printed.height), sheet_file("lo1", 7));
  ScanOk({"lo1", "--batch", "lo-1"});
  ScanOk({"lo2", "--batch", "lo-2"});
  PhieuOk({"verify"});
  const std::vector<CsvRow> accepted = AcceptedForms();
  ASSERT_EQ(accepted.size(), static_cast<std::size_t>(kForms));

  fs::copy_file(Db(), dir_ / "u.db");  // for a draw by unit: a database is drawn once

  // One stratum, half the forms.
  const std::string seed = "phuc-tra-2026-04";
  const std::string out = PhieuOk({"audit", "draw", "--seed", seed, "--rate", "0.5"});
  EXPECT_TRUE(
      out.starts_with("Drew 2 of 4 accepted forms to re-check (50.0 % of 4 accepted "
                      "forms), seed '" +
                      seed + "'.\n"))
      << out;
  const std::vector<CsvRow> listed = ReadCsv(WithoutBom(ReadText(dir_ / "retrieval-list.csv")));
  const std::vector<Pick> expected = PublishedDraw(accepted, seed, 0.5, "");
  ASSERT_EQ(expected.size(), 2u);
  EXPECT_EQ(ListedPicks(listed), expected);
  EXPECT_TRUE(fs::exists(dir_ / "retrieval-list.pdf"));
  for (const CsvRow& row : listed) {
    SCOPED_TRACE(row.at("form"));
    const auto place = std::find_if(places.begin(), places.end(),
                                    [&](const Place& p) { return Code(p.form) == row.at("form"); });
    ASSERT_NE(place, places.end());
    EXPECT_EQ(row.at("unit"), printed_->units[place->form]);
    EXPECT_EQ(row.at("collector"), printed_->collectors[place->form]);
    EXPECT_EQ(row.at("batch"), place->batch);
    EXPECT_EQ(row.at("file"), sheet_file(place->folder, place->first_sheet));
    EXPECT_EQ(row.at("page_in_file"), "1");
    EXPECT_EQ(row.at("sheet_in_batch"), std::to_string(place->first_sheet));
    EXPECT_EQ(row.at("pages"), std::to_string(PagesPerForm()));
  }

  // By unit, the default tenth: one form per unit at least.
  RunOk({"audit", "draw", "--seed", seed, "--by", "unit", "--csv", "u.csv", "--pdf", "u.pdf",
         "--db", "u.db"});
  const std::vector<Pick> by_unit = PublishedDraw(accepted, seed, 0.10, "unit");
  std::set<std::string> units;
  for (const Pick& pick : by_unit) units.insert(pick.stratum);
  EXPECT_GT(units.size(), 1u) << "every accepted form is in one unit: choose another print seed";
  EXPECT_EQ(by_unit.size(), units.size());
  EXPECT_EQ(ListedPicks(ReadCsv(WithoutBom(ReadText(dir_ / "u.csv")))), by_unit);
}

TEST_F(AuditCliTest, APublishedDrawIsNotRedrawnAndWithoutASeedItsListsAreWrittenAgain) {
  ScanAcceptedForms(1);
  PhieuOk({"audit", "draw", "--seed", "hat-giong-1", "--rate", "1"});
  const Rows draw = Query(Db(), "SELECT * FROM audit_draw");
  const Rows picks = Query(Db(), "SELECT * FROM audit_pick ORDER BY form_code");
  ASSERT_EQ(picks.size(), 1u);
  const int events = Count(Db(), "SELECT count(*) FROM event");
  const std::string csv = ReadText(dir_ / "retrieval-list.csv");
  const std::string pdf = ReadText(dir_ / "retrieval-list.pdf");
  const std::string drawn_at = Value(Db(), "SELECT drawn_at FROM audit_draw");

  // Another seed, or the same seed with another rate: refused, nothing changed.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"audit", "draw", "--seed", "hat-giong-2"},
        std::vector<std::string>{"audit", "draw", "--seed", "hat-giong-1", "--rate", "0.5"}}) {
    SCOPED_TRACE(Join(args, " "));
    const RunResult r = Phieu(args);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "phieu: the forms to re-check were already drawn (seed 'hat-giong-1', 100.0 % "
              "of 1 accepted forms, delivery check 10.0 % of 3 unreturned forms, " +
                  drawn_at +
                  "); a published draw is not redrawn. Without --seed this command writes "
                  "its lists again\n");
    EXPECT_EQ(Query(Db(), "SELECT * FROM audit_draw"), draw);
    EXPECT_EQ(Query(Db(), "SELECT * FROM audit_pick ORDER BY form_code"), picks);
    EXPECT_EQ(Count(Db(), "SELECT count(*) FROM event"), events);
    EXPECT_EQ(ReadText(dir_ / "retrieval-list.csv"), csv);
    EXPECT_TRUE(ReadText(dir_ / "retrieval-list.pdf") == pdf) << "the PDF was rewritten";
  }

  // Without --seed: the same lists again.
  fs::remove(dir_ / "retrieval-list.csv");
  fs::remove(dir_ / "retrieval-list.pdf");
  const std::string out = PhieuOk({"audit", "draw"});
  EXPECT_TRUE(out.starts_with("The forms to re-check were drawn on " + drawn_at +
                              " (seed 'hat-giong-1'); writing the lists again.\n"))
      << out;
  EXPECT_EQ(ReadText(dir_ / "retrieval-list.csv"), csv);
  EXPECT_TRUE(ReadText(dir_ / "retrieval-list.pdf") == pdf) << "the PDF differs";
  EXPECT_EQ(Query(Db(), "SELECT * FROM audit_pick ORDER BY form_code"), picks);
}

// --- the blind sheet ----------------------------------------------------------------------------

TEST_F(AuditCliTest, TheReReadingSheetNamesThePersonButShowsNothingOfTheMachinesReading) {
  ScanAcceptedForms(1);
  PhieuOk({"audit", "draw", "--seed", "hat-giong", "--rate", "1"});
  PhieuOk({"audit", "sheet", "--out", "sheet1.pdf"});
  const std::string text = PdfText(dir_ / "sheet1.pdf");
  EXPECT_NE(text.find(Code(0)), std::string::npos) << text;
  CsvRow person;
  for (const CsvRow& row : ReadCsv(ReadText(printed_->dir / "frame.csv"))) {
    if (row.at("id") == printed_->samples[0]) person = row;
  }
  ASSERT_FALSE(person.empty()) << printed_->samples[0] << " is not in the frame";
  for (const char* column : {"name", "address", "phone"}) {
    EXPECT_NE(text.find(person.at(column)), std::string::npos) << column << " not in:\n" << text;
  }

  // Every stored score of the form turned over (filled reads empty, empty filled): the machine now
  // reads other answers, and the sheet must not change by a letter.
  const std::vector<CsvRow> before = AcceptedForms();
  Exec(Db(),
       "UPDATE bubble_score SET fill = 1 - fill WHERE page_id IN (SELECT id FROM scan_page "
       "WHERE form_code = '" +
           Code(0) + "')");
  PhieuOk({"export", "answers", "--out", "after.csv"});
  const std::vector<CsvRow> after = ReadCsv(WithoutBom(ReadText(dir_ / "after.csv")));
  ASSERT_EQ(before.size(), 1u);
  ASSERT_EQ(after.size(), 1u);
  ASSERT_NE(before[0], after[0]) << "the machine's reading did not change";
  PhieuOk({"audit", "sheet", "--out", "sheet2.pdf"});
  EXPECT_EQ(PdfText(dir_ / "sheet2.pdf"), text);
}

// --- the auditors' readings against the machine's -----------------------------------------------

TEST_F(AuditCliTest, ReadingsComparedWithTheMachineNameTheOneItemTheAuditorReadOtherwise) {
  const std::vector<AnswerPlan> plans = ScanAcceptedForms(2);
  PhieuOk({"audit", "draw", "--seed", "hat-giong", "--rate", "1", "--unreturned-rate", "0"});
  PhieuOk({"audit", "sheet", "--out", "sheet.pdf", "--csv", "readings.csv"});

  // The file to fill in: the readable items in printed order, one row per drawn form.
  const std::string blank_file = WithoutBom(ReadText(dir_ / "readings.csv"));
  std::vector<std::string> header = {"form", "unit", "collector", "outcome"};
  for (const AnswerItem& item : ReadableItems()) header.push_back(item.code);
  EXPECT_EQ(Lines(blank_file).at(0), Join(header, ",") + "\r");
  const std::vector<CsvRow> blank_rows = ReadCsv(blank_file);
  ASSERT_EQ(blank_rows.size(), 2u);

  // The auditor reads the paper right, but for one single-answer item of form 0.
  const std::vector<AnswerItem> items = ReadableItems();
  const AnswerItem* misread = nullptr;
  std::string meant;
  for (const ItemTruth& truth : plans[0].truth) {
    const auto item = std::find_if(items.begin(), items.end(),
                                   [&](const AnswerItem& i) { return i.code == truth.item; });
    if (item != items.end() && item->kind != QuestionKind::kMulti && truth.intended.size() == 1) {
      misread = &*item;
      meant = truth.intended[0];
      break;
    }
  }
  ASSERT_NE(misread, nullptr);
  const std::string read = misread->options.front().code == meant ? misread->options.back().code
                                                                  : misread->options.front().code;
  std::string filled = kBom + CsvLine(header);
  for (const CsvRow& row : blank_rows) {
    const int form = row.at("form") == Code(0) ? 0 : 1;
    ASSERT_EQ(row.at("form"), Code(form));
    EXPECT_EQ(row.at("unit"), printed_->units[form]);
    EXPECT_EQ(row.at("collector"), printed_->collectors[form]);
    std::map<std::string, std::string> cells = TrueCells(plans[form]);
    if (form == 0) cells[misread->code] = read;
    std::vector<std::string> fields = {row.at("form"), row.at("unit"), row.at("collector"),
                                       form == 0 ? "confirmed" : "not-reached"};
    for (const AnswerItem& item : items) {
      const auto cell = cells.find(item.code);
      EXPECT_NE(cell, cells.end()) << "no truth for " << item.code;
      fields.push_back(cell == cells.end() ? "?" : cell->second);
    }
    filled += CsvLine(fields);
  }
  WriteText(dir_ / "readings.csv", filled);
  const std::string recorded = PhieuOk({"audit", "record", "readings.csv", "--by", kAuditor});
  EXPECT_NE(recorded.find("\n  1 × confirmed\n"), std::string::npos) << recorded;
  EXPECT_NE(recorded.find("\n  1 × not-reached\n"), std::string::npos) << recorded;
  EXPECT_TRUE(recorded.ends_with("\n2 of 2 drawn forms re-checked.\n")) << recorded;
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM audit_record"), 2);

  const std::string out = PhieuOk({"audit", "compare", "--out", "audit.pdf"});
  const int compared = 2 * static_cast<int>(items.size());
  const double rate = 100.0 * (compared - 1) / compared;
  const std::string agreement = std::to_string(compared - 1) + "/" + std::to_string(compared);
  EXPECT_TRUE(out.starts_with("Phúc tra 2/2 phiếu: khớp " + agreement + " câu (" + Comma1(rate) +
                              " %, ngưỡng 99,0 %). " + (rate >= 99 ? "ĐẠT" : "KHÔNG ĐẠT")))
      << out;
  EXPECT_NE(out.find("\n  items compared:    " + std::to_string(compared) + ", agreeing " +
                     std::to_string(compared - 1) + " (" + Fixed1(rate) + " %)\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\n  contact:           1 × confirmed\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\n  contact:           1 × not-reached\n"), std::string::npos) << out;
  EXPECT_EQ(LinesStartingWith(out, "  differs: "),
            std::vector<std::string>{"  differs: " + Code(0) + " " + misread->code + ": machine '" +
                                     meant + "', auditor '" + read + "'"})
      << out;

  // The PDF names it, with the crop of the paper where it was read: one image, a row of bubbles.
  const std::string text = PdfText(dir_ / "audit.pdf");
  EXPECT_NE(text.find("1. Phiếu " + Code(0) + " — câu " + misread->code + " "), std::string::npos)
      << text;
  EXPECT_NE(text.find("Máy: " + meant + " · Phúc tra: " + read), std::string::npos) << text;
  const std::vector<std::pair<int, int>> images = PdfImages(dir_ / "audit.pdf");
  ASSERT_EQ(images.size(), 1u);
  EXPECT_GT(images[0].first, images[0].second);
}

TEST_F(AuditCliTest, ARespondentWhoNeverReceivedTheFormFailsTheAuditEvenAtFullAgreement) {
  const std::vector<AnswerPlan> plans = ScanAcceptedForms(2);
  PhieuOk({"audit", "draw", "--seed", "hat-giong", "--rate", "1", "--unreturned-rate", "0"});
  const int items = static_cast<int>(ReadableItems().size());
  const std::string all = std::to_string(2 * items) + "/" + std::to_string(2 * items);

  // One of the two forms re-read, every item as the machine read it: not finished.
  Record({{Code(0), "confirmed", TrueCells(plans[0])}}, "r1.csv");
  EXPECT_EQ(Verdict(), "Phúc tra 1/2 phiếu: khớp " + std::to_string(items) + "/" +
                           std::to_string(items) +
                           " câu (100,0 %, ngưỡng 99,0 %). CHƯA XONG: còn 1 phiếu chưa "
                           "phúc tra.");
  // Both, the second respondent saying they never received the form: fails.
  Record(
      {{Code(0), "confirmed", TrueCells(plans[0])}, {Code(1), "not-received", TrueCells(plans[1])}},
      "r2.csv");
  EXPECT_EQ(Verdict(), "Phúc tra 2/2 phiếu: khớp " + all +
                           " câu (100,0 %, ngưỡng 99,0 %); 1 người được khảo sát phủ nhận phiếu. "
                           "KHÔNG ĐẠT: cần xem xét các điểm khác biệt.");
  EXPECT_NE(PdfText(dir_ / "audit.pdf").find("1 người được khảo sát phủ nhận phiếu"),
            std::string::npos);
  // The respondent reached again confirms: passes (a later record supersedes the earlier).
  Record({{Code(1), "confirmed", TrueCells(plans[1])}}, "r3.csv");
  EXPECT_EQ(Verdict(), "Phúc tra 2/2 phiếu: khớp " + all +
                           " câu (100,0 %, ngưỡng 99,0 %). ĐẠT: kết quả đọc máy khớp với phiếu "
                           "giấy.");
}

// --- the delivery check: forms issued and never returned ------------------------------------------

TEST_F(AuditCliTest, TheDeliveryCheckAsksUnreturnedFormsPeopleAndANeverDeliveredFormFails) {
  const std::vector<AnswerPlan> plans = ScanAcceptedForms(1);  // forms 1, 2, 3 never come back
  const std::string seed = "phat-phieu-2026";
  const std::string out = PhieuOk(
      {"audit", "draw", "--seed", seed, "--rate", "1", "--unreturned-rate", "0.5"});
  EXPECT_NE(out.find("\nDrew 2 of 3 forms issued but never returned for the delivery check: the "
                     "auditors ask each person whether they received the form.\n"),
            std::string::npos)
      << out;
  // Recomputed here by the published method over the unreturned codes: ceil(0.5 x 3) = 2.
  std::vector<CsvRow> unreturned;
  std::map<std::string, std::string> collector;
  for (int f = 1; f < kForms; ++f) {
    unreturned.push_back({{"form", Code(f)}, {"unit", printed_->units[f]}});
    collector[Code(f)] = printed_->collectors[f];
  }
  const std::vector<Pick> expected = PublishedDraw(unreturned, seed, 0.5, "");
  ASSERT_EQ(expected.size(), 2u);
  Rows want;
  for (const Pick& p : expected) want.push_back({p.code, p.stratum, p.ticket, std::to_string(p.rank)});
  EXPECT_EQ(Query(Db(), "SELECT form_code, stratum, ticket, rank FROM audit_delivery_pick "
                        "ORDER BY stratum, rank"),
            want);
  // The re-read list holds the returned form only.
  EXPECT_EQ(Query(Db(), "SELECT form_code FROM audit_pick"), (Rows{{Code(0)}}));

  // One re-reading sheet and two contact sheets; the auditors' file lists all three forms.
  PhieuOk({"audit", "sheet", "--out", "sheet.pdf", "--csv", "readings.csv"});
  const std::string sheet = PdfText(dir_ / "sheet.pdf");
  const std::size_t first = sheet.find("PHIẾU KIỂM TRA VIỆC PHÁT PHIẾU");
  ASSERT_NE(first, std::string::npos) << sheet;
  EXPECT_NE(sheet.find("PHIẾU KIỂM TRA VIỆC PHÁT PHIẾU", first + 1), std::string::npos);
  EXPECT_EQ(ReadCsv(WithoutBom(ReadText(dir_ / "readings.csv"))).size(), 3u);

  // An outcome that does not fit a form that never came back is refused with its line.
  WriteText(dir_ / "d.csv", "form,outcome\n" + expected[0].code + ",confirmed\n");
  const RunResult refused = Phieu({"audit", "record", "d.csv", "--by", kAuditor});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(refused.err.starts_with("phieu: d.csv:2: form " + expected[0].code +
                                      " never came back (delivery check): its outcome is "
                                      "received, not-received or not-reached, not 'confirmed'\n"))
      << refused.err;
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM audit_record"), 0);

  // The paper re-read in agreement; one person never received the form, the other did.
  Record({{Code(0), "confirmed", TrueCells(plans[0])}}, "r1.csv");
  WriteText(dir_ / "d.csv", "form,outcome\n" + expected[0].code + ",not-received\n" +
                                expected[1].code + ",received\n");
  const std::string recorded = PhieuOk({"audit", "record", "d.csv", "--by", kAuditor});
  EXPECT_TRUE(recorded.ends_with("\n3 of 3 drawn forms re-checked.\n")) << recorded;
  const int items = static_cast<int>(ReadableItems().size());
  const std::string agreement = std::to_string(items) + "/" + std::to_string(items);
  const std::string who = collector[expected[0].code];
  const std::string compared = PhieuOk({"audit", "compare", "--out", "audit.pdf"});
  EXPECT_EQ(Lines(compared).at(0),
            "Phúc tra 1/1 phiếu: khớp " + agreement +
                " câu (100,0 %, ngưỡng 99,0 %); kiểm tra phát phiếu: liên hệ được 2/2 người "
                "chưa trả phiếu, 1 người không nhận được phiếu (điều tra viên " + who +
                ": 1). KHÔNG ĐẠT: 1 phiếu báo chưa thu về nhưng người được khảo sát không nhận "
                "được phiếu.");
  const int reached = who == collector[expected[1].code] ? 2 : 1;
  EXPECT_NE(compared.find("\n  never delivered:   1 of " + std::to_string(reached) +
                          " reached, collector " + who + "\n"),
            std::string::npos)
      << compared;
  const std::string pdf = PdfText(dir_ / "audit.pdf");
  EXPECT_NE(pdf.find("4. Kiểm tra việc phát phiếu"), std::string::npos) << pdf;
  EXPECT_NE(pdf.find(expected[0].code), std::string::npos) << pdf;

  // Reached again, the person remembers receiving it: a later record supersedes; passes.
  WriteText(dir_ / "d2.csv", "form,outcome\n" + expected[0].code + ",received\n");
  PhieuOk({"audit", "record", "d2.csv", "--by", kAuditor});
  EXPECT_EQ(Verdict(), "Phúc tra 1/1 phiếu: khớp " + agreement +
                           " câu (100,0 %, ngưỡng 99,0 %); kiểm tra phát phiếu: liên hệ được 2/2 "
                           "người chưa trả phiếu. ĐẠT: kết quả đọc máy khớp với phiếu giấy; "
                           "không phát hiện phiếu nào không được phát.");
}

TEST_F(AuditCliTest, AnAuditorsFileWithAMistakeIsRefusedNamingLineAndColumnAndNothingIsStored) {
  ScanAcceptedForms(1);
  PhieuOk({"audit", "draw", "--seed", "hat-giong", "--rate", "1", "--unreturned-rate", "0"});
  const AnswerItem item = ReadableItems().front();
  std::vector<std::string> options;
  for (const Option& option : item.options) options.push_back(option.code);
  const std::string header = "form,outcome," + item.code + "\n";
  const std::string fine = Code(0) + ",confirmed," + options.front() + "\n";
  struct Case {
    std::string csv, error;
  };
  const std::vector<Case> cases = {
      {header + Code(0) + ",confirmed,Z9\n", "r.csv:2: column " + item.code +
                                                 ": 'Z9' is not an option of " + item.code +
                                                 " (options: " + Join(options, " ") + "; "},
      // The first line is right, and is not stored either.
      {header + fine + Code(1) + ",confirmed," + options.front() + "\n",
       "r.csv:3: form " + Code(1) + " was not drawn for re-checking ('phieu audit draw')\n"},
      {header + Code(0) + ",maybe," + options.front() + "\n",
       "r.csv:2: outcome 'maybe' is not one of confirmed, not-received, someone-else, "
       "not-reached (or empty: paper re-read only)\n"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.csv);
    WriteText(dir_ / "r.csv", c.csv);
    const RunResult r = Phieu({"audit", "record", "r.csv", "--by", kAuditor});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(r.err.starts_with("phieu: " + c.error)) << r.err;
    EXPECT_TRUE(
        r.err.ends_with("\nNothing was recorded; correct the file and run the command "
                        "again\n"))
        << r.err;
    EXPECT_EQ(Count(Db(), "SELECT count(*) FROM audit_record"), 0);
    EXPECT_EQ(Count(Db(), "SELECT count(*) FROM audit_cell"), 0);
  }
  // The right file is taken.
  WriteText(dir_ / "r.csv", header + fine);
  PhieuOk({"audit", "record", "r.csv", "--by", kAuditor});
  EXPECT_EQ(Query(Db(),
                  "SELECT a.form_code, a.outcome, a.recorded_by, c.item, c.cell FROM "
                  "audit_record a JOIN audit_cell c ON c.record_id = a.id"),
            (Rows{{Code(0), "confirmed", kAuditor, item.code, options.front()}}));
}

// --- a scan run again continues its batch -------------------------------------------------------

// A scan killed and run again under its batch name adds to the same batch: the retrieval list then
// sends the auditors to the same sheets as if the pile had been scanned in one run (issue 14).
TEST_F(AuditCliTest, AScanRunAgainUnderItsBatchNameNumbersTheSheetsAsOneUninterruptedRun) {
  constexpr int kScanned = 3;
  PdfPage(kScanned * PagesPerForm() - 1);
  for (int form = 0; form < kScanned; ++form) {
    WriteForm(form, Plan(11 + form), 11 + form, "scans/form" + std::to_string(form));
  }
  fs::copy_file(Db(), dir_ / "whole.db");  // as printed, nothing scanned yet

  // One uninterrupted run.
  RunResult r = RunPhieu({"scan", "scans", "--batch", "lo-1", "--jobs", "2", "--db", "whole.db"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  // The same pile in two runs: the first sees only the first form and a half (it was killed).
  std::vector<std::string> first = {"scan", "scans/form0", "scans/form1/p1.png"};
  if (PagesPerForm() > 2) first.push_back("scans/form1/p2.png");
  first.insert(first.end(), {"--batch", "lo-1", "--jobs", "2"});
  PhieuOk(first);
  r = Phieu({"scan", "scans", "--batch", "lo-1", "--jobs", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("into batch 'lo-1', continued ("), std::string::npos) << r.out;
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM scan_batch"), 1);

  // The retrieval lists of every accepted form (rate 1), from one seed.
  auto retrieval = [&](const std::string& db) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"verify"},
          std::vector<std::string>{"audit", "draw", "--seed", "noi-tiep", "--rate", "1", "--pdf",
                                   db + ".pdf", "--csv", db + ".csv"}}) {
      std::vector<std::string> full = args;
      full.insert(full.end(), {"--db", db});
      const RunResult run = RunPhieu(full);
      EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    }
    return ReadCsv(WithoutBom(ReadText(dir_ / (db + ".csv"))));
  };
  const std::vector<CsvRow> whole = retrieval("whole.db"), resumed = retrieval("d.db");
  ASSERT_EQ(whole.size(), static_cast<std::size_t>(kScanned));
  EXPECT_EQ(e2e::Column(resumed, "form"), e2e::Column(whole, "form"));
  EXPECT_EQ(e2e::Column(resumed, "batch"), e2e::Column(whole, "batch"));
  EXPECT_EQ(e2e::Column(resumed, "file"), e2e::Column(whole, "file"));
  EXPECT_EQ(e2e::Column(resumed, "sheet_in_batch"), e2e::Column(whole, "sheet_in_batch"));
  // The sheets of the later forms are numbered on, not from 1 again: form N's first page is the
  // (N x pages per form + 1)th sheet of the pile.
  const std::vector<std::string> column = e2e::Column(resumed, "sheet_in_batch");
  const std::set<std::string> sheets(column.begin(), column.end());
  std::set<std::string> expected;
  for (int form = 0; form < kScanned; ++form) {
    expected.insert(std::to_string(form * PagesPerForm() + 1));
  }
  EXPECT_EQ(sheets, expected);
}

// --- the bundle ---------------------------------------------------------------------------------

TEST_F(AuditCliTest, AnIntactBundlePassesEveryCheckAndItsRootHashIsTheManifestsSha256) {
  ScanAcceptedForms(1);
  const std::string root = Export("bundle");
  const std::string manifest = ReadText(dir_ / "bundle/manifest.txt");
  const std::size_t root_line = manifest.find("\nroot ");
  ASSERT_NE(root_line, std::string::npos) << manifest;
  EXPECT_EQ(Sha256(manifest.substr(0, root_line + 1)), root);
  EXPECT_EQ(manifest.substr(root_line + 1), "root " + root + "\n");
  EXPECT_TRUE(manifest.starts_with("phieu-audit-bundle 1\n")) << manifest;
  // Every file of the bundle is listed with its SHA-256 and size, and nothing else is.
  const std::set<std::string> files = FileLines(dir_ / "bundle");
  const std::vector<std::string> listed = LinesStartingWith(manifest, "file ");
  EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), files);
  for (const char* name :
       {" d.db", " report.pdf", " answers.csv", " tallies.csv", " survey.yaml"}) {
    EXPECT_EQ(std::count_if(listed.begin(), listed.end(),
                            [&](const std::string& line) { return line.ends_with(name); }),
              1)
        << name;
  }
  // Every scanned page is in the bundle's archive.
  EXPECT_EQ(std::count_if(listed.begin(), listed.end(),
                          [](const std::string& line) {
                            return line.find(".archive/") != std::string::npos;
                          }),
            PagesPerForm());

  const BundleCheck check = Check("bundle", root);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(check.passed,
            (std::set<std::string>{"manifest", "log", "archive", "re-reading", "report"}))
      << check.out;
  EXPECT_TRUE(check.failed.empty()) << check.out;
  EXPECT_TRUE(check.out.ends_with("\nAll 5 checks pass: the bundle is what phieu recorded.\n"))
      << check.out;
  // Checking changed nothing.
  EXPECT_EQ(FileLines(dir_ / "bundle"), files);
  EXPECT_EQ(ReadText(dir_ / "bundle/manifest.txt"), manifest);

  // Another root than the published one.
  const std::string wrong(64, 'a');
  const BundleCheck refused = Check("bundle", wrong);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_TRUE(refused.FailedNaming("manifest", {"manifest.txt: root hash " + root +
                                                " is not the published one (" + wrong + ")"}))
      << refused.out;
  EXPECT_EQ(LastLine(refused.err), "phieu: bundle: 1 of 5 checks failed\n");
}

// With a seed the re-reading reads ceil(share x read pages) and prints each page drawn; the other
// steps pass in full.
TEST_F(AuditCliTest, ASeedReadsAgainTheShareDrawnAndPrintsEveryPageDrawn) {
  ScanAcceptedForms(1);
  Export("bundle");
  const RunResult r =
      RunPhieu({"audit", "check", "bundle", "--seed", "MTTQ 2026", "--share", "0.5"});
  const BundleCheck check = ParseCheck(r);
  EXPECT_EQ(check.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(check.passed,
            (std::set<std::string>{"manifest", "log", "archive", "re-reading", "report"}));
  int read_pages = 0, pages = 0, drawn = 0;
  for (const std::string& line : Lines(r.out)) {
    drawn += line.starts_with("     drawn: ");
    const std::size_t at = line.find(" read pages with seed \"MTTQ 2026\" (share 50 %");
    if (at != std::string::npos) {
      pages = std::stoi(line.substr(5));
      read_pages = std::stoi(line.substr(line.rfind(' ', at - 1) + 1));
    }
  }
  ASSERT_EQ(read_pages, PagesPerForm()) << r.out;
  EXPECT_EQ(pages, (read_pages + 1) / 2) << r.out;
  EXPECT_EQ(drawn, pages) << r.out;
}

TEST_F(AuditCliTest, ARedactedBundleHoldsNoPersonalDataNorTheSecretAndStillPassesItsCheck) {
  ScanAcceptedForms(1);
  const Rows people = Query(Db(),
                            "SELECT name, address, phone FROM sample_member WHERE name <> '' AND "
                            "address <> '' AND phone <> ''");
  ASSERT_EQ(people.size(), static_cast<std::size_t>(kForms));
  const std::string secret = Value(Db(), "SELECT value FROM meta WHERE key = 'form_secret'");
  ASSERT_FALSE(secret.empty());

  const std::string root = Export("bundle", {"--redact"});
  const fs::path copy = dir_ / "bundle/d.db";
  EXPECT_EQ(Count(copy, "SELECT count(*) FROM sample_member"), kForms);
  EXPECT_EQ(Count(copy,
                  "SELECT count(*) FROM sample_member WHERE name <> '' OR address <> '' "
                  "OR phone <> ''"),
            0);
  EXPECT_EQ(Count(copy, "SELECT count(*) FROM sample_attribute WHERE value <> ''"), 0);
  EXPECT_EQ(Value(copy, "SELECT value FROM meta WHERE key = 'form_secret'"), "");
  // Not a byte of it anywhere in the bundle: the database file itself was overwritten.
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / "bundle")) {
    if (!entry.is_regular_file()) continue;
    const std::string bytes = ReadText(entry.path());
    SCOPED_TRACE(entry.path().string());
    EXPECT_EQ(bytes.find(secret), std::string::npos);
    for (const auto& person : people) {
      for (const std::string& value : person)
        EXPECT_EQ(bytes.find(value), std::string::npos) << value;
    }
  }
  // The working database keeps everything, and its log still verifies.
  EXPECT_EQ(Query(Db(),
                  "SELECT name, address, phone FROM sample_member WHERE name <> '' AND "
                  "address <> '' AND phone <> ''"),
            people);
  EXPECT_EQ(Value(Db(), "SELECT value FROM meta WHERE key = 'form_secret'"), secret);
  const RunResult log = Phieu({"log", "verify"});
  EXPECT_EQ(log.exit_code, 0) << log.out << log.err;

  const BundleCheck check = Check("bundle", root);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_TRUE(check.failed.empty()) << check.out;
  EXPECT_EQ(check.passed.size(), 5u) << check.out;
}

TEST_F(AuditCliTest, EveryAlterationOfABundleFailsItsCheckNamingWhatWasAltered) {
  ScanAcceptedForms(1);
  const std::string root = Export("bundle");
  auto fresh_copy = [&](const std::string& name) {
    fs::copy(dir_ / "bundle", dir_ / name, fs::copy_options::recursive);
    return name;
  };

  {
    SCOPED_TRACE("an archived scan painted over");
    const std::string bundle = fresh_copy("painted");
    const Rows file = Query(dir_ / bundle / "d.db",
                            "SELECT f.archive_path, f.original_path FROM scan_file f JOIN "
                            "scan_page p ON p.file_sha256 = f.sha256 WHERE p.page = 2");
    ASSERT_EQ(file.size(), 1u);
    const std::string archived = file[0][0];
    const fs::path path = dir_ / bundle / archived;
    cv::Mat image = cv::imread(path.string(), cv::IMREAD_GRAYSCALE);
    ASSERT_FALSE(image.empty()) << path;
    image(cv::Rect(0, image.rows / 4, image.cols, image.rows / 2)).setTo(255);  // every mark gone
    ASSERT_TRUE(cv::imwrite(path.string(), image));
    const BundleCheck check = Check(bundle, root);
    EXPECT_EQ(check.exit_code, 1);
    EXPECT_TRUE(check.FailedNaming("manifest", {archived + ": altered"})) << check.out;
    EXPECT_TRUE(check.FailedNaming("archive",
                                   {archived + ": altered: it is not the scan of " + file[0][1]}))
        << check.out;
    EXPECT_TRUE(check.FailedNaming("re-reading", {file[0][1], archived, Code(0) + " page 2"}))
        << check.out;
    EXPECT_TRUE(check.passed.contains("log")) << check.out;
  }
  {
    SCOPED_TRACE("a stored reading changed");
    const std::string bundle = fresh_copy("reading");
    const fs::path db = dir_ / bundle / "d.db";
    const Rows filled = Query(db,
                              "SELECT s.page_id, s.item, s.option, p.page FROM bubble_score s "
                              "JOIN scan_page p ON p.id = s.page_id WHERE s.fill > 0.5 "
                              "ORDER BY s.page_id, s.item, s.option LIMIT 1");
    ASSERT_EQ(filled.size(), 1u);
    const std::string page_id = filled[0][0], page = filled[0][3];
    Exec(db, "UPDATE bubble_score SET fill = 0.0 WHERE page_id = " + page_id + " AND item = '" +
                 filled[0][1] + "' AND option = '" + filled[0][2] + "'");
    BundleCheck check = Check(bundle, root);
    EXPECT_EQ(check.exit_code, 1);
    EXPECT_TRUE(check.FailedNaming("manifest", {"d.db: altered"})) << check.out;
    EXPECT_TRUE(check.FailedNaming("log", {"d.db: scan_page " + page_id + ": changed after "}))
        << check.out;
    // A forger who also rewrites the manifest (and so does not publish its root): the log and the
    // re-reading still name the page.
    RewriteManifest(dir_ / bundle, "d.db");
    check = Check(bundle);
    EXPECT_EQ(check.exit_code, 1);
    EXPECT_TRUE(check.passed.contains("manifest")) << check.out;
    EXPECT_TRUE(check.FailedNaming("log", {"d.db: scan_page " + page_id + ": changed after "}))
        << check.out;
    EXPECT_TRUE(check.FailedNaming(
        "re-reading", {Code(0) + " page " + page + ")",
                       filled[0][1] + " option " + filled[0][2] + ": stored ", "fill 0.00, "}))
        << check.out;
  }
  {
    SCOPED_TRACE("the report altered");
    const std::string bundle = fresh_copy("report");
    std::string pdf = ReadText(dir_ / bundle / "report.pdf");
    pdf[pdf.size() / 2] ^= 1;
    WriteText(dir_ / bundle / "report.pdf", pdf);
    const BundleCheck check = Check(bundle, root);
    EXPECT_EQ(check.exit_code, 1);
    EXPECT_TRUE(check.FailedNaming("manifest", {"report.pdf: altered"})) << check.out;
    EXPECT_TRUE(check.FailedNaming("report", {"report.pdf: differs"})) << check.out;
    EXPECT_EQ(LastLine(check.err), "phieu: report: 2 of 5 checks failed\n");
  }
}

// --- exports that cannot be made ----------------------------------------------------------------

// What needs no marked forms: a database with its forms printed (not rendered) and one sheet of
// blank paper scanned, so that the archive is not empty.
class AuditCliRefusalTest : public e2e::PhieuCliTest {
 protected:
  void SetUp() override {
    PhieuCliTest::SetUp();
    Init("d.db");
    WriteFrame("frame.csv", 30);
    RunOk({"sample", "draw", "--frame", "frame.csv", "--seed", "tu-choi", "--size", "3", "--db",
           "d.db"});
    RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
    fs::create_directory(dir_ / "scans");
    ASSERT_TRUE(WritePng(GreyImage(1240, 1754), (dir_ / "scans/blank.png").string()).ok());
    const RunResult r = RunPhieu({"scan", "scans", "--jobs", "1", "--db", "d.db"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  fs::path Db() const { return dir_ / "d.db"; }
};

TEST_F(AuditCliRefusalTest, AnExportIntoAFolderThatIsNotEmptyIsRefusedAndWritesNothing) {
  fs::create_directory(dir_ / "bundle");
  WriteText(dir_ / "bundle/notes.txt", "giữ nguyên");
  const RunResult r = RunPhieu({"audit", "export", "bundle", "--db", "d.db"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "phieu: bundle is not empty; give a new folder for the bundle\n");
  std::vector<std::string> left;
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / "bundle")) {
    left.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(left, std::vector<std::string>{"notes.txt"});
  EXPECT_EQ(ReadText(dir_ / "bundle/notes.txt"), "giữ nguyên");
  EXPECT_FALSE(fs::exists(dir_ / "bundle.partial"));
}

TEST_F(AuditCliRefusalTest, AnExportThatFailsHalfwayLeavesNoBundleNorAnyPartOfIt) {
  const Rows files = Query(Db(), "SELECT archive_path, original_path FROM scan_file");
  ASSERT_EQ(files.size(), 1u);
  fs::remove(dir_ / files[0][0]);  // the archived scan is gone: the export cannot copy it
  const RunResult r = RunPhieu({"audit", "export", "bundle", "--db", "d.db"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(r.err.starts_with("phieu: cannot copy the archived scan of " + files[0][1] + " (" +
                                files[0][0] + "): "))
      << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "bundle"));
  EXPECT_FALSE(fs::exists(dir_ / "bundle.partial"));
}

// A redacted person's record is withheld, but its public part (unit, procedure, dates ...) is
// logged apart: a change to it fails the log check even with the manifest rewritten to match.
TEST_F(AuditCliRefusalTest, AChangeToWhatARedactedPersonsRecordStillShowsFailsTheLog) {
  RunOk({"audit", "export", "bundle", "--redact", "--db", "d.db"});
  const fs::path db = dir_ / "bundle/d.db";
  const std::string id = Value(db, "SELECT min(id) FROM sample_member");
  const std::string unit = Value(db, "SELECT unit FROM sample_member WHERE id = '" + id + "'");
  Exec(db, "UPDATE sample_member SET unit = 'Xã Không Có' WHERE id = '" + id + "'");
  RewriteManifest(dir_ / "bundle", "d.db");
  const BundleCheck check = ParseCheck(RunPhieu({"audit", "check", "bundle", "--all"}));
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_TRUE(check.passed.contains("manifest")) << check.out;
  EXPECT_TRUE(check.FailedNaming("log", {"d.db: sample_member_public " + id + ": changed after "}))
      << "the unit of " << id << " changed from " << unit << ":\n"
      << check.out;
}

// --- hostile bundles: nothing outside the bundle is read or written ----------------------------

// A bundle exported from the refusal fixture's database, and a "victim" database outside it (a
// copy of d.db beside the bundle). `phieu audit check` runs with TMPDIR set to a folder of the
// test's own, so that its scratch folder can be seen to be gone afterwards.
class HostileBundleTest : public AuditCliRefusalTest {
 protected:
  void SetUp() override {
    AuditCliRefusalTest::SetUp();
    RunOk({"audit", "export", "bundle", "--db", "d.db"});
    fs::copy_file(Db(), dir_ / "victim.db");
    fs::create_directory(dir_ / "tmp");
    outside_ = Outside();
  }

  // Every file beside the bundle (the bundle itself left out) with its bytes.
  std::map<std::string, std::string> Outside() const {
    std::map<std::string, std::string> files;
    for (auto it = fs::recursive_directory_iterator(dir_); it != fs::recursive_directory_iterator();
         ++it) {
      const std::string path = fs::relative(it->path(), dir_).string();
      if (path == "bundle") {
        it.disable_recursion_pending();
        continue;
      }
      files[path] = it->is_regular_file() && !it->is_symlink() ? ReadText(it->path()) : "";
    }
    return files;
  }

  // Rewrites the line of the bundle's manifest that starts with `prefix` to `line`, with a root
  // line recomputed over the new text (as a forger would, who then does not publish the root).
  void ForgeManifestLine(const std::string& prefix, const std::string& replacement) const {
    std::string text;
    bool found = false;
    for (std::string line : Lines(ReadText(dir_ / "bundle/manifest.txt"))) {
      if (line.starts_with("root ")) continue;
      if (line.starts_with(prefix)) line = replacement, found = true;
      text += line + "\n";
    }
    ASSERT_TRUE(found) << "no manifest line starts with " << prefix;
    WriteText(dir_ / "bundle/manifest.txt", text + "root " + Sha256(text) + "\n");
  }

  // Replaces fact `name`'s value in the bundle's manifest (root recomputed).
  void ForgeFact(const std::string& name, const std::string& value) const {
    ForgeManifestLine("fact " + name + " ", "fact " + name + " " + value);
  }

  // Runs `phieu audit check bundle --all`, which must fail, its manifest check naming `problem` and
  // nothing else, having written nothing outside the bundle.
  void ExpectManifestProblem(const std::string& problem) const {
    const RunResult r =
        RunPhieu({"audit", "check", "bundle", "--all"}, {{"TMPDIR", (dir_ / "tmp").string()}});
    const BundleCheck check = ParseCheck(r);
    EXPECT_EQ(check.exit_code, 1) << r.err;
    ASSERT_TRUE(check.failed.contains("manifest")) << r.out;
    EXPECT_EQ(check.failed.at("manifest"), std::vector<std::string>{problem}) << r.out;
    EXPECT_EQ(Outside(), outside_);
    EXPECT_TRUE(fs::is_empty(dir_ / "tmp"));
  }

  // Runs `phieu audit check bundle --all` and checks that it is refused with exactly `message`,
  // having read and written nothing outside the bundle: every file beside it as it was (the victim
  // database byte for byte, no journal nor archive made beside it) and its scratch folder gone.
  void ExpectRefused(const std::string& message) const {
    const RunResult r =
        RunPhieu({"audit", "check", "bundle", "--all"}, {{"TMPDIR", (dir_ / "tmp").string()}});
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "phieu: " + message + "\n");
    EXPECT_EQ(Outside(), outside_);
    EXPECT_TRUE(fs::is_empty(dir_ / "tmp"));
  }

  std::map<std::string, std::string> outside_;
};

TEST_F(HostileBundleTest, TheUntouchedBundlePassesAndLeavesNoScratchFolder) {
  const RunResult r =
      RunPhieu({"audit", "check", "bundle", "--all"}, {{"TMPDIR", (dir_ / "tmp").string()}});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(Outside(), outside_);
  EXPECT_TRUE(fs::is_empty(dir_ / "tmp"));
}

// No draw is made up for the auditor: without a seed of their own (or --all) nothing is read.
TEST_F(HostileBundleTest, WithNeitherASeedNorAllTheCheckAsksForOneAndReadsNothing) {
  const RunResult r = RunPhieu({"audit", "check", "bundle"}, {{"TMPDIR", (dir_ / "tmp").string()}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "phieu: which pages should be read again? Give --seed SEED to read a share of them "
            "(--share, 0.05 by default) drawn from a seed of your own choosing (any text, e.g. "
            "your name and today's date), or --all to read every page\n");
  EXPECT_TRUE(fs::is_empty(dir_ / "tmp"));
}

TEST_F(HostileBundleTest, ASeedAndAllTogetherAreAUsageError) {
  const RunResult r = RunPhieu({"audit", "check", "bundle", "--all", "--seed", "x"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
}

TEST_F(HostileBundleTest, ADatabaseFactLeavingTheBundleByDotDotIsRefusedBeforeItIsOpened) {
  ForgeFact("database", "../victim.db");
  outside_ = Outside();
  ExpectRefused("bundle/manifest.txt: fact database '../victim.db' is not a path inside the bundle");
}

TEST_F(HostileBundleTest, ADatabaseFactWithAnAbsolutePathIsRefusedBeforeItIsOpened) {
  const std::string victim = (dir_ / "victim.db").string();
  ForgeFact("database", victim);
  outside_ = Outside();
  ExpectRefused("bundle/manifest.txt: fact database '" + victim +
                "' is not a path inside the bundle");
}

TEST_F(HostileBundleTest, AFormulaFactNamingAFileOutsideTheBundleIsRefusedBeforeItIsOpened) {
  ForgeFact("report-formula", "/etc/passwd");
  outside_ = Outside();
  ExpectRefused("bundle/manifest.txt: fact report-formula '/etc/passwd' is not a path inside the "
                "bundle");
  ForgeFact("report-formula", "../victim.db");
  outside_ = Outside();
  ExpectRefused("bundle/manifest.txt: fact report-formula '../victim.db' is not a path inside the "
                "bundle");
}

TEST_F(HostileBundleTest, ADatabaseFactThatIsASymbolicLinkIsRefusedBeforeItIsFollowed) {
  fs::remove(dir_ / "bundle/d.db");
  fs::create_symlink("../victim.db", dir_ / "bundle/d.db");
  ExpectRefused("bundle/manifest.txt: fact database 'd.db' is a symbolic link: a bundle holds "
                "only plain files and folders");
}

TEST_F(HostileBundleTest, AListedFileThatIsASymbolicLinkOutsideIsRefusedBeforeItIsRead) {
  WriteText(dir_ / "secret.txt", "not the auditor's to read");
  fs::remove(dir_ / "bundle/survey.yaml");
  fs::create_symlink(dir_ / "secret.txt", dir_ / "bundle/survey.yaml");
  outside_ = Outside();
  ExpectRefused("bundle/survey.yaml is a symbolic link: a bundle holds only plain files and "
                "folders");
}

TEST_F(HostileBundleTest, AnArchiveFolderThatIsASymbolicLinkOutsideIsRefusedBeforeItIsRead) {
  fs::rename(dir_ / "bundle/d.archive", dir_ / "elsewhere.archive");
  fs::create_directory_symlink(dir_ / "elsewhere.archive", dir_ / "bundle/d.archive");
  outside_ = Outside();
  ExpectRefused("bundle/d.archive is a symbolic link: a bundle holds only plain files and folders");
}

TEST_F(HostileBundleTest, AManifestThatLiesAboutAFilesSizeFailsNamingBothSizes) {
  const std::string yaml = ReadText(dir_ / "bundle/survey.yaml");
  const std::string real = std::to_string(yaml.size());
  const std::string lie = std::to_string(yaml.size() + 1000);
  ForgeManifestLine("file " + Sha256(yaml) + " ",
                    "file " + Sha256(yaml) + " " + lie + " survey.yaml");
  ExpectManifestProblem("survey.yaml: altered (" + real + " bytes, the manifest lists " + lie + ")");
}

TEST_F(HostileBundleTest, AFileTheManifestDoesNotListFailsNamingIt) {
  WriteText(dir_ / "bundle/d.archive/extra.png", "slipped in");
  ExpectManifestProblem("d.archive/extra.png: not in the manifest");
}

TEST_F(HostileBundleTest, AListedFileThatIsMissingFailsNamingIt) {
  fs::remove(dir_ / "bundle/survey.yaml");
  ExpectManifestProblem("survey.yaml: missing");
}

// A 1 GiB file in the bundle is hashed in fixed pieces: the check's peak memory stays far below it.
TEST_F(HostileBundleTest, AHugeExtraFileIsHashedWithoutBeingReadIntoMemory) {
  constexpr std::uintmax_t kHuge = std::uintmax_t{1} << 30;
  {
    std::ofstream(dir_ / "bundle/huge.bin", std::ios::binary);
  }
  fs::resize_file(dir_ / "bundle/huge.bin", kHuge);  // sparse: no disk space taken
  ChildOptions options;
  options.env = {{"TMPDIR", (dir_ / "tmp").string()}};
  const ChildRun run = RunPhieuChild(dir_, {"audit", "check", "bundle", "--all"}, options);
  EXPECT_EQ(run.result.exit_code, 1) << run.result.err;  // the file is not in the manifest
  const long peak_mib = run.max_rss_kb / 1024;           // ru_maxrss is in KiB
  EXPECT_LT(peak_mib, 768) << "audit check held " << peak_mib << " MiB for a 1024 MiB file";
  EXPECT_TRUE(fs::is_empty(dir_ / "tmp"));
}

TEST_F(HostileBundleTest, AnArchivePathInTheDatabaseLeavingTheBundleIsAFailedCheckNotARead) {
  // The bundled database says its scan lies outside; the manifest is rewritten to match it.
  const Rows files = Query(dir_ / "bundle/d.db", "SELECT sha256, archive_path FROM scan_file");
  ASSERT_EQ(files.size(), 1u);
  fs::copy_file(dir_ / "bundle" / files[0][1], dir_ / "outside.png");
  Exec(dir_ / "bundle/d.db", "UPDATE scan_file SET archive_path = '../outside.png'");
  RewriteManifest(dir_ / "bundle", "d.db");
  outside_ = Outside();
  const RunResult r =
      RunPhieu({"audit", "check", "bundle", "--all"}, {{"TMPDIR", (dir_ / "tmp").string()}});
  const BundleCheck check = ParseCheck(r);
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_TRUE(check.FailedNaming(
      "archive", {"../outside.png: not read: '../outside.png' is not a path inside the bundle"}))
      << check.out;
  EXPECT_EQ(Outside(), outside_);
  EXPECT_TRUE(fs::is_empty(dir_ / "tmp"));
}

}  // namespace
}  // namespace phieu
