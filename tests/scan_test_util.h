#pragma once
// What the end-to-end tests of scanning and of what follows it (verify, review, export, log)
// share: the database read and edited with SQLite itself, and a fixture whose forms are printed
// once for the whole test program (init, sample draw, forms print; the PDF is rendered at kDpi
// when a test first needs a page), each test starting from its own copy of that database. Pages
// are marked with known answers (synthetic/), so a test checks readings against the truth.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/builtin_surveys.h"
#include "core/geometry.h"
#include "core/survey.h"
#include "forms/form_batch.h"
#include "scanner/grey_image.h"
#include "scanner/image_source.h"
#include "tests/cli_test_util.h"
#include "synthetic/answer_plan.h"
#include "synthetic/scan_generator.h"
#include "synthetic/synthetic_frame.h"

namespace phieu::e2e {

// --- the database, read with SQLite itself ------------------------------------------------------

using Rows = std::vector<std::vector<std::string>>;

// The rows of `sql` on `db`, every value as text (NULL as ""), opened read-only.
inline Rows Query(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  Rows rows;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << db << ": " << sqlite3_errmsg(handle);
    sqlite3_close(handle);
    return rows;
  }
  sqlite3_stmt* query = nullptr;
  if (sqlite3_prepare_v2(handle, sql.c_str(), -1, &query, nullptr) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << sqlite3_errmsg(handle);
  } else {
    while (sqlite3_step(query) == SQLITE_ROW) {
      std::vector<std::string>& row = rows.emplace_back();
      for (int c = 0; c < sqlite3_column_count(query); ++c) {
        const unsigned char* text = sqlite3_column_text(query, c);
        row.push_back(text ? reinterpret_cast<const char*>(text) : "");
      }
    }
  }
  sqlite3_finalize(query);
  sqlite3_close(handle);
  return rows;
}

// The single value `sql` gives.
inline std::string Value(const fs::path& db, const std::string& sql) {
  const Rows rows = Query(db, sql);
  if (rows.size() != 1 || rows[0].size() != 1) {
    ADD_FAILURE() << sql << " gave " << rows.size() << " rows";
    return "";
  }
  return rows[0][0];
}

inline int Count(const fs::path& db, const std::string& sql) { return std::stoi(Value(db, sql)); }

// Runs `sql` (several statements) on `db`, read-write.
inline void Exec(const fs::path& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  char* error = nullptr;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK ||
      sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    ADD_FAILURE() << sql << ": " << (error ? error : sqlite3_errmsg(handle));
  }
  sqlite3_free(error);
  sqlite3_close(handle);
}

// The answer item `code` of the survey.
inline const AnswerItem* FindItem(const std::vector<AnswerItem>& items, const std::string& code) {
  for (const AnswerItem& item : items) {
    if (item.code == code) return &item;
  }
  return nullptr;
}

// --- the forms, printed once --------------------------------------------------------------------

constexpr double kDpi = 150;

// What to print, from a synthetic frame of 30 people.
struct PrintOptions {
  int forms = 2;     // sampled people, each given a form (in one stratum: no --by)
  std::string seed;  // of the sample draw
  int reserves = 0;  // reserves drawn (not printed)
  // Stratified instead: --by this column and --per-stratum this many (then `forms` is how many
  // that draws in all).
  std::string by = "";
  int per_stratum = 0;
};

struct PrintedForms {
  bool ok = false;
  fs::path dir;                      // d.db (the forms printed, nothing scanned) and forms.pdf
  FormTemplate tmpl;                 // sipas-2022 laid out here: where the pen marks go
  std::vector<std::string> codes;    // in print order
  std::vector<std::string> samples;  // the sampled person of each form
  std::vector<std::string> units;
  std::vector<std::string> collectors;
  std::vector<int> first_pages;      // 1-based PDF page where each form starts
  std::vector<GreyImage> pdf_pages;  // the first pages of forms.pdf at kDpi, as tests need them
};

// The files PrintForms() makes, and the output of `forms print` and `forms list --csv`.
inline const std::vector<std::string>& PrintedFiles() {
  static const std::vector<std::string> files = {"d.db", "forms.pdf", "frame.csv", "print.txt", "list.csv"};
  return files;
}

// Where printed forms are kept between test processes (ctest runs every test in a process of its
// own, and printing under the sanitizers is slow): keyed by the options and by the phieu binary's
// size and time, so a rebuilt binary prints afresh.
inline fs::path PrintedFormsCache(const PrintOptions& options) {
  std::error_code ec;
  const auto size = fs::file_size(PHIEU_BINARY, ec);
  const auto time = fs::last_write_time(PHIEU_BINARY, ec).time_since_epoch().count();
  const std::string key = std::to_string(options.forms) + "|" + options.seed + "|" +
                          std::to_string(options.reserves) + "|" + options.by + "|" +
                          std::to_string(options.per_stratum) + "|" + std::to_string(size) + "|" +
                          std::to_string(time);
  return fs::temp_directory_path() /
         ("phieu-printed-cache-" + std::to_string(std::hash<std::string>{}(key)));
}

// Prints the forms into `dir` (init, draw, print, list), or copies them from the cache; `outs`
// gets the print and list outputs. False (with a failure added) when printing fails.
inline bool PrintOrReuse(const PrintOptions& options, const fs::path& dir,
                         std::vector<std::string>& outs) {
  const fs::path cache = PrintedFormsCache(options);
  std::error_code ec;
  if (fs::exists(cache / "list.csv", ec)) {
    for (const std::string& f : PrintedFiles()) fs::copy_file(cache / f, dir / f, ec);
    if (!ec) {
      outs = {"", "", ReadText(dir / "print.txt"), ReadText(dir / "list.csv")};
      return true;
    }
  }
  SyntheticFrameOptions frame;
  frame.records = 30;
  WriteText(dir / "frame.csv", SyntheticFrameCsv(frame));
  std::vector<std::string> draw = {"sample", "draw", "--frame", "frame.csv", "--db", "d.db"};
  draw.insert(draw.end(), {"--seed", options.seed});
  if (options.per_stratum > 0) {
    draw.insert(draw.end(), {"--by", options.by, "--per-stratum",
                             std::to_string(options.per_stratum)});
  } else {
    draw.insert(draw.end(), {"--size", std::to_string(options.forms)});
  }
  if (options.reserves > 0) {
    draw.insert(draw.end(), {"--reserves", std::to_string(options.reserves)});
  }
  const std::vector<std::vector<std::string>> commands = {
      {"init", "--survey", "sipas-2022", "--db", "d.db"},
      draw,
      {"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"},
      {"forms", "list", "--csv", "--db", "d.db"}};
  for (const auto& command : commands) {
    const RunResult r = RunPhieuIn(dir, command);
    EXPECT_EQ(r.exit_code, 0) << command[0] << ": " << r.err;
    if (r.exit_code != 0) return false;
    outs.push_back(r.out);
  }
  WriteText(dir / "print.txt", outs[2]);
  WriteText(dir / "list.csv", outs[3]);
  // Into the cache through a folder of its own and a rename: a process running beside this one
  // sees the whole cache or none of it (when it made one first, this copy is dropped).
  const fs::path staging = cache.string() + "." + std::to_string(getpid());
  fs::create_directories(staging, ec);
  for (const std::string& f : PrintedFiles()) fs::copy_file(dir / f, staging / f, ec);
  if (!ec) fs::rename(staging, cache, ec);
  if (ec) fs::remove_all(staging, ec);
  return true;
}

// Prints the forms in a folder of its own; `ok` is false (and a failure added) when it fails.
inline PrintedForms* PrintForms(const PrintOptions& options) {
  auto printed = std::make_unique<PrintedForms>();
  std::random_device random;
  do {
    printed->dir = fs::temp_directory_path() / ("phieu-printed-forms-" + std::to_string(getpid()) +
                                                "-" + std::to_string(random()));
  } while (!fs::create_directory(printed->dir));
  const fs::path& dir = printed->dir;
  std::vector<std::string> outs;
  if (!PrintOrReuse(options, dir, outs)) return printed.release();
  const std::string& print = outs[2];
  const std::string& list = outs[3];
  for (const CsvRow& row : ReadCsv(list)) {
    printed->codes.push_back(row.at("code"));
    printed->samples.push_back(row.at("sample"));
    printed->units.push_back(row.at("unit"));
    printed->collectors.push_back(row.at("collector"));
    printed->first_pages.push_back(std::stoi(row.at("first_page")));
  }
  EXPECT_EQ(printed->codes.size(), static_cast<std::size_t>(options.forms));

  const BuiltinSurvey* survey = FindBuiltinSurvey("sipas-2022");
  Result<FormTemplate> tmpl = BuildFormTemplate(survey->yaml_text, "sipas-2022");
  EXPECT_TRUE(tmpl.ok()) << tmpl.status().message();
  if (!tmpl.ok()) return printed.release();
  printed->tmpl = std::move(tmpl).value();
  // The layout the marks are drawn on is the one the forms were printed with.
  EXPECT_NE(print.find("\nTemplate " + printed->tmpl.id + " (sipas-2022 "), std::string::npos)
      << "the printed template is not " << printed->tmpl.id << ":\n"
      << print;
  printed->ok = printed->codes.size() == static_cast<std::size_t>(options.forms);
  return printed.release();
}

// A marked page: a printed page with known answers drawn on and put through the scanner.
struct MarkedPage {
  std::string code;
  int page = 0;  // 1-based page of the form
  GreyImage image;
  std::vector<ItemTruth> truth;  // what was meant on this page
};

// Marks made the instructed way only: every answer is a clear fill (or left blank).
inline StyleMix CleanMix() {
  StyleMix mix;
  mix.fill = 0.95, mix.x = 0, mix.partial = 0, mix.blank = 0.05;
  return mix;
}

// A test that starts from a copy (d.db in its folder) of the database its suite printed forms
// from. A suite prints them in SetUpTestSuite with Print() and frees them with Discard().
class PrintedFormsTest : public PhieuCliTest {
 protected:
  static void Print(const PrintOptions& options) { printed_ = PrintForms(options); }
  static void Discard() {
    std::error_code ignored;
    fs::remove_all(printed_->dir, ignored);
    delete printed_;
    printed_ = nullptr;
  }

  void SetUp() override {
    PhieuCliTest::SetUp();
    ASSERT_TRUE(printed_->ok) << "the forms could not be printed";
    fs::copy_file(printed_->dir / "d.db", dir_ / "d.db");
  }

  static const FormTemplate& Template() { return printed_->tmpl; }
  // The page of the form that holds item `item`.
  static int PageOf(const std::string& item) {
    for (const LayoutPage& page : Template().layout.pages) {
      for (const LayoutBubble& bubble : page.bubbles) {
        if (bubble.question == item) return page.number;
      }
    }
    ADD_FAILURE() << "no bubble of " << item;
    return 1;
  }

  // The first item of `plan` printed on page `page` that takes one answer and was answered with
  // one clear fill: its index in plan.marks.
  static std::size_t FirstSingleFilledMark(const AnswerPlan& plan, int page) {
    const std::vector<AnswerItem> items = AnswerItems(Template().survey);
    for (std::size_t m = 0; m < plan.marks.size(); ++m) {
      const PenMark& mark = plan.marks[m];
      const AnswerItem* item = FindItem(items, mark.question);
      if (item == nullptr || item->kind == QuestionKind::kMulti || PageOf(mark.question) != page ||
          mark.style != MarkStyle::kFill) {
        continue;
      }
      const auto marks_on_item =
          std::count_if(plan.marks.begin(), plan.marks.end(),
                        [&](const PenMark& other) { return other.question == mark.question; });
      if (marks_on_item == 1) return m;
    }
    ADD_FAILURE() << "no single-answer item filled on page " << page;
    return 0;
  }

  static const std::string& Code(int form) { return printed_->codes[form]; }
  static int PagesPerForm() { return static_cast<int>(Template().layout.pages.size()); }

  // Page `index` (0-based) of the printed forms.pdf at kDpi, rendered on first use (from the
  // start up to a whole form's worth of pages: most tests need only the first forms).
  static const GreyImage& PdfPage(int index) {
    if (index >= static_cast<int>(printed_->pdf_pages.size())) {
      const int count = (index / PagesPerForm() + 1) * PagesPerForm();
      Result<std::vector<ScanImage>> pages =
          RenderPdfPages((printed_->dir / "forms.pdf").string(), kDpi, count);
      EXPECT_TRUE(pages.ok()) << pages.status().message();
      if (pages.ok()) {
        printed_->pdf_pages.clear();
        for (ScanImage& page : *pages) printed_->pdf_pages.push_back(std::move(page.image));
      }
    }
    if (index >= static_cast<int>(printed_->pdf_pages.size())) {
      throw std::logic_error("forms.pdf has no page index " + std::to_string(index));
    }
    return printed_->pdf_pages[index];
  }

  // Page `page` (1-based) of form `form` (0-based, in print order) as printed, unmarked.
  static const GreyImage& PrintedPage(int form, int page) {
    return PdfPage(printed_->first_pages[form] - 1 + page - 1);
  }

  // Page `page` (1-based) of form `form` (0-based, in print order), marked as `plan` says with a
  // pen seeded with `seed`, scanned under `conditions` (seeded with `seed` too).
  static MarkedPage Marked(int form, int page, const AnswerPlan& plan, std::uint64_t seed,
                           const ScanConditions& conditions = {}) {
    const LayoutPage& layout = Template().layout.pages[page - 1];
    const double k = kDpi / 72;
    const Rect qr{layout.qr.x * k, layout.qr.y * k, layout.qr.w * k, layout.qr.h * k};
    GreyImage scanned =
        ApplyScanConditions(DrawPenMarks(PrintedPage(form, page), layout, plan.marks, kDpi, seed),
                            conditions, qr, seed);
    return {Code(form), page, std::move(scanned), TruthForPage(plan.truth, layout)};
  }

  // The same, answered by a respondent seeded with `seed` who marks as `mix` says.
  static MarkedPage Marked(int form, int page, std::uint64_t seed,
                           const ScanConditions& conditions = {}, const StyleMix& mix = {}) {
    return Marked(form, page, PlanAnswers(Template().survey, mix, seed), seed, conditions);
  }

  // Writes `image` to `relative` in the test's folder (the extension decides the format).
  void Write(const GreyImage& image, const std::string& relative) const {
    fs::create_directories((dir_ / relative).parent_path());
    const Status written = WritePng(image, (dir_ / relative).string());
    ASSERT_TRUE(written.ok()) << written.message();
  }

  fs::path Db() const { return dir_ / "d.db"; }

  // Runs `phieu ARGS... --db d.db`.
  RunResult Phieu(std::vector<std::string> args) const {
    args.insert(args.end(), {"--db", "d.db"});
    return RunPhieu(args);
  }

  // Runs `phieu ARGS... --db d.db`, which must succeed; returns its stdout.
  std::string PhieuOk(const std::vector<std::string>& args) const {
    const RunResult r = Phieu(args);
    EXPECT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
    return r.out;
  }

  // Runs `phieu scan ARGS... --jobs 2 --db d.db`, which must succeed (its progress on stderr is
  // not looked at here).
  void ScanOk(std::vector<std::string> args) const {
    args.insert(args.begin(), "scan");
    args.insert(args.end(), {"--jobs", "2"});
    const RunResult r = Phieu(args);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }

  // A respondent seeded with `seed` who marks only the instructed way.
  static AnswerPlan Plan(std::uint64_t seed) {
    return PlanAnswers(Template().survey, CleanMix(), seed);
  }

  // Writes every page of form `form` (or `pages` only), marked as `plan` says, as
  // FOLDER/pN.png.
  void WriteForm(int form, const AnswerPlan& plan, std::uint64_t seed, const std::string& folder,
                 const ScanConditions& conditions = {}, std::vector<int> pages = {}) const {
    if (pages.empty()) {
      for (int page = 1; page <= PagesPerForm(); ++page) pages.push_back(page);
    }
    for (int page : pages) {
      Write(Marked(form, page, plan, seed, conditions).image,
            folder + "/p" + std::to_string(page) + ".png");
    }
  }

  // Writes every page of form `form`, marked as `plan` says, with handwriting of `writing[BOX]`
  // words in each free-text box named there (synthetic/scan_generator.h DrawHandwriting), as
  // FOLDER/pN.png. Boxes not named stay empty.
  void WriteFormWithWriting(int form, const AnswerPlan& plan, std::uint64_t seed,
                            const std::string& folder, const std::map<std::string, int>& writing,
                            const ScanConditions& conditions = {}) const {
    const double k = kDpi / 72;
    for (int page = 1; page <= PagesPerForm(); ++page) {
      const LayoutPage& layout = Template().layout.pages[page - 1];
      GreyImage image = DrawPenMarks(PrintedPage(form, page), layout, plan.marks, kDpi, seed);
      std::uint64_t n = 0;
      for (const LayoutTextBox& box : layout.text_boxes) {
        const auto words = writing.find(box.question);
        if (words != writing.end()) {
          image = DrawHandwriting(image, box.box, words->second, kDpi, seed * 131 + ++n);
        }
      }
      const Rect qr{layout.qr.x * k, layout.qr.y * k, layout.qr.w * k, layout.qr.h * k};
      Write(ApplyScanConditions(image, conditions, qr, seed),
            folder + "/p" + std::to_string(page) + ".png");
    }
  }

  // The names of the free-text boxes of the template, in printed order.
  static std::vector<std::string> TextBoxes() {
    std::vector<std::string> boxes;
    for (const LayoutPage& page : Template().layout.pages) {
      for (const LayoutTextBox& box : page.text_boxes) boxes.push_back(box.question);
    }
    return boxes;
  }

  // One form printed by another database (other.db, with its own secret) for the same survey,
  // so with the same template: its code and its first page as printed.
  struct ForeignForm {
    std::string code;
    GreyImage first_page;
  };
  ForeignForm PrintFromAnotherDatabase() {
    WriteText(dir_ / "frame.csv", ReadText(printed_->dir / "frame.csv"));
    RunOk({"init", "--survey", "sipas-2022", "--db", "other.db"});
    RunOk({"sample", "draw", "--frame", "frame.csv", "--seed", "khac", "--size", "1", "--db",
           "other.db"});
    RunOk({"forms", "print", "--draft", "--out", "other.pdf", "--db", "other.db"});
    ForeignForm form;
    form.code = Column(ReadCsv(RunOk({"forms", "list", "--csv", "--db", "other.db"})), "code").at(0);
    Result<std::vector<ScanImage>> pages = RenderPdfPages((dir_ / "other.pdf").string(), kDpi, 1);
    EXPECT_TRUE(pages.ok()) << pages.status().message();
    if (pages.ok()) form.first_page = std::move(pages->front().image);
    return form;
  }

  static inline PrintedForms* printed_ = nullptr;
};

}  // namespace phieu::e2e
