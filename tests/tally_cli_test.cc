// End-to-end tests of `phieu tally` and `phieu export tallies`. The real binary tallies scans
// generated here from known answers (synthetic/) on forms it printed, and every count and
// index it reports is checked against the truth worked out here from what the respondents meant
// (AnswerPlan::truth) and the survey's aggregation tree: not against a snapshot of its output.
// The workbook is opened with Python's zipfile, outside phieu.
//
// The forms are printed once for the whole program (tests/scan_test_util.h); each test starts
// from its own copy of that database.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "core/builtin_surveys.h"
#include "core/survey.h"
#include "tests/cli_test_util.h"
#include "tests/scan_test_util.h"
#include "synthetic/answer_plan.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;
using e2e::CsvRow;
using e2e::PrintedFormsTest;
using e2e::ReadCsv;
using e2e::ReadText;
using e2e::RunResult;
using e2e::ShellQuote;
using e2e::WriteText;
using e2e::XlsxSheets;

constexpr int kForms = 4;
constexpr char kBom[] = "\xEF\xBB\xBF";
// The options the built-in SIPAS formula counts as satisfied: "Hài lòng" and "Rất hài lòng".
const std::set<std::string> kSipasSatisfied = {"4", "5"};
// What `--by A1` calls the forms that left A1 blank (reports/tally.cc).
constexpr char kNoAnswer[] = "(không trả lời)";

const Survey& Sipas2022() { return FindBuiltinSurvey("sipas-2022")->survey; }

// --- the truth, worked out from what the respondents meant --------------------------------------

// What the tallies of a set of forms must be under a share formula.
struct Truth {
  struct Item {
    std::string group;  // "" = not in the index
    int valid = 0, blank = 0, satisfied = 0;
    std::map<std::string, int> options;  // respondents marking each option
    bool Defined() const { return valid > 0; }
    double Index() const { return 100.0 * satisfied / valid; }
  };
  struct Group {
    int valid = 0;                // valid answers of the items under it
    std::optional<double> index;  // none when nothing under it has a value
  };
  int forms = 0;
  std::vector<std::string> order;  // the items tallied (every one but text), printed order
  std::map<std::string, Item> items;
  std::map<std::string, Group> groups;
  std::optional<double> overall;
};

std::optional<double> Mean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

// The tallies of the forms answered as `plans` say, `satisfied` being the options counted as
// satisfied: an item's index is the share of its valid answers that are satisfied, an element's
// the unweighted mean of its items', a block's the mean of its elements', the overall index the
// mean of the blocks'.
Truth Expected(const std::vector<AnswerPlan>& plans, const std::set<std::string>& satisfied) {
  const Survey& survey = Sipas2022();
  Truth t;
  t.forms = static_cast<int>(plans.size());
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.kind == QuestionKind::kText) continue;
    t.order.push_back(item.code);
    t.items[item.code].group = item.group;
  }
  for (const AnswerPlan& plan : plans) {
    for (const ItemTruth& truth : plan.truth) {
      Truth::Item& item = t.items.at(truth.item);
      if (truth.intended.empty()) {
        ++item.blank;
        continue;
      }
      ++item.valid;
      for (const std::string& option : truth.intended) ++item.options[option];
      item.satisfied += std::any_of(truth.intended.begin(), truth.intended.end(),
                                    [&](const std::string& o) { return satisfied.contains(o); });
    }
  }
  std::map<std::string, std::vector<double>> values;  // of each group's items or subgroups
  for (const std::string& code : t.order) {
    const Truth::Item& item = t.items.at(code);
    if (item.group.empty()) continue;
    t.groups[item.group].valid += item.valid;
    if (item.Defined()) values[item.group].push_back(item.Index());
  }
  // survey.groups lists parents before children: backwards, a group comes before its parent.
  std::vector<double> blocks;
  for (auto g = survey.groups.rbegin(); g != survey.groups.rend(); ++g) {
    Truth::Group& group = t.groups[g->code];
    group.index = Mean(values[g->code]);
    if (g->parent.empty()) {
      if (group.index) blocks.push_back(*group.index);
      continue;
    }
    t.groups[g->parent].valid += group.valid;
    if (group.index) values[g->parent].push_back(*group.index);
  }
  t.overall = Mean(blocks);
  return t;
}

// The plans of the forms grouped by their value (`values[i]` is that of form i, answered as
// `plans[i]` says): the unit of each form, its answer to a question ...
std::map<std::string, std::vector<AnswerPlan>> ByValue(const std::vector<AnswerPlan>& plans,
                                                       const std::vector<std::string>& values) {
  std::map<std::string, std::vector<AnswerPlan>> parts;
  for (std::size_t form = 0; form < plans.size(); ++form) {
    parts[values.at(form)].push_back(plans[form]);
  }
  return parts;
}

// The option label of `code` for item `item` of the survey ("" when it has no such option).
std::string OptionLabel(const std::string& item, const std::string& code) {
  for (const AnswerItem& answer_item : AnswerItems(Sipas2022())) {
    if (answer_item.code != item) continue;
    for (const Option& option : answer_item.options) {
      if (option.code == code) return option.label;
    }
  }
  ADD_FAILURE() << item << " has no option " << code;
  return "";
}

std::string Fixed2(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

// "82.35" as Vietnamese writes it: "82,35".
std::string Comma(std::string number) {
  std::replace(number.begin(), number.end(), '.', ',');
  return number;
}

// --- the checks ---------------------------------------------------------------------------------

// Checks a cell holding an index: "" when there is none, else within 0.01 of `expected`.
void ExpectIndexNear(const std::string& cell, const std::optional<double>& expected,
                     const std::string& what) {
  if (!expected) {
    EXPECT_EQ(cell, "") << what;
    return;
  }
  ASSERT_FALSE(cell.empty()) << what << ": no index, expected " << *expected;
  EXPECT_NEAR(std::stod(cell), *expected, 0.01) << what << ": " << cell;
}

// Checks that the rows of part `part` of `phieu tally --csv` are `truth`: one overall row, one
// per group of the survey, one per item, with every count, satisfied and index.
void ExpectPartIsTheTruth(const std::vector<CsvRow>& rows, const std::string& part,
                          const Truth& truth) {
  SCOPED_TRACE("part '" + part + "'");
  std::vector<CsvRow> overall;
  std::map<std::string, CsvRow> groups;
  std::vector<std::string> item_order;
  std::map<std::string, CsvRow> items;
  for (const CsvRow& row : rows) {
    if (row.at("part") != part) continue;
    EXPECT_EQ(row.at("forms"), std::to_string(truth.forms))
        << row.at("kind") << " " << row.at("code");
    if (row.at("kind") == "overall") {
      overall.push_back(row);
    } else if (row.at("kind") == "group") {
      EXPECT_TRUE(groups.emplace(row.at("code"), row).second) << "group " << row.at("code");
    } else {
      EXPECT_EQ(row.at("kind"), "item");
      item_order.push_back(row.at("code"));
      items[row.at("code")] = row;
    }
  }
  ASSERT_EQ(overall.size(), 1u);
  ExpectIndexNear(overall[0].at("index"), truth.overall, "overall");

  EXPECT_EQ(groups.size(), Sipas2022().groups.size());
  for (const Group& g : Sipas2022().groups) {
    const auto row = groups.find(g.code);
    if (row == groups.end()) {
      ADD_FAILURE() << "no row of group " << g.code;
      continue;
    }
    const Truth::Group& expected = truth.groups.at(g.code);
    EXPECT_EQ(row->second.at("title"), g.title) << g.code;
    EXPECT_EQ(row->second.at("valid"), std::to_string(expected.valid)) << g.code;
    ExpectIndexNear(row->second.at("index"), expected.index, "group " + g.code);
  }

  EXPECT_EQ(item_order, truth.order);
  for (const auto& [code, row] : items) {
    const auto found = truth.items.find(code);
    if (found == truth.items.end()) continue;  // reported by the order check
    const Truth::Item& expected = found->second;
    SCOPED_TRACE("item " + code);
    EXPECT_EQ(row.at("valid"), std::to_string(expected.valid));
    EXPECT_EQ(row.at("blank"), std::to_string(expected.blank));
    EXPECT_EQ(row.at("invalid"), "0");
    EXPECT_EQ(row.at("review"), "0");
    EXPECT_EQ(row.at("missing"), "0");
    if (expected.group.empty()) {  // tallied, not indexed
      EXPECT_EQ(row.at("satisfied"), "");
      EXPECT_EQ(row.at("index"), "");
    } else {
      EXPECT_EQ(row.at("satisfied"), std::to_string(expected.satisfied));
      EXPECT_EQ(row.at("index"), expected.Defined() ? Fixed2(expected.Index()) : "");
    }
    int options = 0;
    for (const auto& [column, cell] : row) {
      if (!column.starts_with("option ")) continue;
      ++options;
      const auto n = expected.options.find(column.substr(7));
      EXPECT_EQ(cell, std::to_string(n == expected.options.end() ? 0 : n->second)) << column;
    }
    EXPECT_GE(options, 5);  // at least the satisfaction scale's
    for (const auto& [option, n] : expected.options) {
      EXPECT_TRUE(row.contains("option " + option)) << "no column for option " << option;
    }
  }
}

// The parts of `phieu tally --csv` (the values of its 'part' column) with the number of forms
// each says it counts.
std::map<std::string, std::string> PartForms(const std::vector<CsvRow>& rows) {
  std::map<std::string, std::string> parts;
  for (const CsvRow& row : rows) {
    if (row.at("kind") == "overall") parts[row.at("part")] = row.at("forms");
  }
  return parts;
}

// The rows of a `phieu tally --csv` run that must succeed.
std::vector<CsvRow> TallyRowsOf(const RunResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return ReadCsv(r.out);
}

// --- the fixture --------------------------------------------------------------------------------

class TallyCliTest : public PrintedFormsTest {
 protected:
  static void SetUpTestSuite() { Print({.forms = kForms, .seed = "boc-tham-chi-so-2026"}); }
  static void TearDownTestSuite() { Discard(); }

  // Marks forms 0 .. count-1 as clean respondents seeded 11, 12 ... would (scans/formN/pK.png),
  // scans them and runs `phieu verify`; returns their plans, in form order.
  std::vector<AnswerPlan> ScanCleanForms(int count) const {
    PdfPage(count * PagesPerForm() - 1);  // renders the pages of all `count` forms at once
    std::vector<AnswerPlan> plans;
    for (int form = 0; form < count; ++form) {
      plans.push_back(Plan(11 + form));
      WriteForm(form, plans.back(), 11 + form, "scans/form" + std::to_string(form));
    }
    ScanOk({"scans"});
    PhieuOk({"verify"});
    return plans;
  }

  // Runs `phieu tally --csv ARGS...`; returns its rows (and checks its header).
  std::vector<CsvRow> TallyRows(std::vector<std::string> args = {}) const {
    args.insert(args.begin(), {"tally", "--csv"});
    const RunResult r = Phieu(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_TRUE(
        r.out.starts_with("part,kind,code,title,forms,valid,satisfied,index,blank,invalid,"
                          "review,missing,option "))
        << r.out.substr(0, 200);
    return ReadCsv(r.out);
  }
};

// --- the indexes of the accepted forms ----------------------------------------------------------

TEST_F(TallyCliTest, TheCountsAndIndexesOfAcceptedFormsAreWhatTheRespondentsMeant) {
  const std::vector<AnswerPlan> plans = ScanCleanForms(kForms);
  const Truth truth = Expected(plans, kSipasSatisfied);
  // The index is sipas-2022's Q9: 33 items in 9 elements under 2 blocks.
  int indexed = 0;
  for (const auto& [code, item] : truth.items) {
    EXPECT_EQ(!item.group.empty(), code.starts_with("Q9.")) << code;
    indexed += !item.group.empty();
  }
  EXPECT_EQ(indexed, 33);
  ASSERT_TRUE(truth.overall.has_value());
  // The answers are not all alike: the check means something.
  int blank = 0, satisfied = 0, unsatisfied = 0;
  for (const auto& [code, item] : truth.items) {
    blank += item.blank;
    if (item.group.empty()) continue;
    satisfied += item.satisfied;
    unsatisfied += item.valid - item.satisfied;
  }
  EXPECT_GT(blank, 0);
  EXPECT_GT(satisfied, 0);
  EXPECT_GT(unsatisfied, 0);

  const std::vector<CsvRow> rows = TallyRows();
  EXPECT_EQ(PartForms(rows), (std::map<std::string, std::string>{{"", std::to_string(kForms)}}));
  ExpectPartIsTheTruth(rows, "", truth);

  const std::string text = PhieuOk({"tally"});
  EXPECT_TRUE(text.starts_with("Survey sipas-2022 2022.1; formula sipas 2022.1 (fingerprint "))
      << text;
  EXPECT_NE(text.find("\nCounted: 4 accepted forms. Not counted: 0 waiting for review, 0 "
                      "rejected.\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(" " + Fixed2(*truth.overall) + " %\n"), std::string::npos) << text;
}

// --- the published report -----------------------------------------------------------------------

// The text of pages `first` to `last` of a PDF (1-based; 0 = from the first, to the last),
// extracted by poppler's pdftotext (outside phieu), every run of white space (line breaks
// included) made one space, so wrapped sentences read whole.
std::string PdfPagesText(const fs::path& pdf, int first, int last) {
  std::string command = "pdftotext ";
  if (first > 0) command += "-f " + std::to_string(first) + " ";
  if (last > 0) command += "-l " + std::to_string(last) + " ";
  command += e2e::ShellQuote(pdf.string()) + " - 2>/dev/null";
  std::string text;
  for (char c : e2e::CommandOutput(command)) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (!space) text += c;
    else if (!text.empty() && text.back() != ' ') text += ' ';
  }
  return text;
}

std::string PdfText(const fs::path& pdf) { return PdfPagesText(pdf, 0, 0); }

// The number of pages of a PDF, by poppler's pdfinfo (0 when it cannot tell).
int PdfPageCount(const fs::path& pdf) {
  const std::string info =
      e2e::CommandOutput("pdfinfo " + e2e::ShellQuote(pdf.string()) + " 2>/dev/null");
  std::smatch m;
  static const std::regex pages("Pages:\\s+([0-9]+)");
  return std::regex_search(info, m, pages) ? std::stoi(m[1]) : 0;
}

// What a published Vietnamese document must not hold, found in its text `text`: a file path
// (anything starting with "/", "/tmp", "/home", a Windows drive), an English word of the
// methodology or a draft note, a number with a decimal point, a date written YYYY-MM-DD. Empty when
// the text is clean.
std::vector<std::string> PublishedTextProblems(const std::string& text) {
  std::vector<std::string> problems;
  const auto find_all = [&](const std::regex& pattern, const std::string& what) {
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
         it != std::sregex_iterator(); ++it) {
      problems.push_back(what + ": '" + it->str() + "'");
    }
  };
  find_all(std::regex("(^| )/[^ ]+"), "a path");  // "5,22 / 10" is no path
  find_all(std::regex("/tmp|/home|[A-Za-z]:\\\\"), "a path");
  find_all(std::regex("\\b(allocated|allocation|proportion|stratum|strata|ascending|descending|"
                      "draft|seed|rounded|size|per|method|fingerprint|not issued|weights?|weighted|"
                      "design|effective|"
                      "TODO|placeholder)\\b",
                      std::regex::icase),
           "an English word");
  find_all(std::regex("cần đối chiếu|chưa chính thức|bản nháp"), "a draft note");
  find_all(std::regex("[0-9]+\\.[0-9]+ ?%"), "a decimal point");
  find_all(std::regex("\\b[0-9]{4}-[0-9]{2}-[0-9]{2}\\b"), "an ISO date");
  return problems;
}

TEST_F(TallyCliTest, TheReportCarriesTheIndexesOfTheAcceptedFormsAndIsByteIdenticalWhenRedone) {
  const std::vector<AnswerPlan> plans = ScanCleanForms(kForms);
  const Truth truth = Expected(plans, kSipasSatisfied);
  ASSERT_TRUE(truth.overall.has_value());
  const std::vector<std::string> args = {"report", "--out", "r1.pdf", "--period", "Năm 2026",
                                         "--date", "2026-04-01"};
  const std::string out = PhieuOk(args);
  EXPECT_NE(out.find(Fixed2(*truth.overall) + " % over 4 accepted forms"), std::string::npos) << out;
  PhieuOk({"report", "--out", "r2.pdf", "--period", "Năm 2026", "--date", "2026-04-01"});
  EXPECT_EQ(ReadText(dir_ / "r1.pdf"), ReadText(dir_ / "r2.pdf"));

  const std::string text = PdfText(dir_ / "r1.pdf");
  EXPECT_NE(text.find("BÁO CÁO Kết quả khảo sát Chỉ số hài lòng"), std::string::npos) << text;
  EXPECT_NE(text.find("Năm 2026"), std::string::npos);
  EXPECT_NE(text.find("số liệu tính đến ngày 01/04/2026"), std::string::npos) << text;
  // The report writes numbers as Vietnamese does, with a decimal comma: "82,35 %".
  EXPECT_NE(text.find("(SIPAS): " + Comma(Fixed2(*truth.overall)) + " %, tính trên 4 phiếu hợp lệ"),
            std::string::npos)
      << text;
  for (const auto& [code, group] : truth.groups) {
    ASSERT_TRUE(group.index.has_value()) << code;
    EXPECT_NE(text.find(Comma(Fixed2(*group.index)) + " %"), std::string::npos) << code;
  }
  // Every criterion here has 4 valid answers, fewer than 10: not printed, and the report says why.
  EXPECT_NE(text.find("dưới 10 câu trả lời hợp lệ thì không công bố (ghi –)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("khoảng tin cậy 95 % theo phương pháp điểm số Wilson"), std::string::npos)
      << text;
  // The methodology names the formula and the draw's seed; nobody in the sample is named.
  EXPECT_NE(text.find("Công thức: sipas, phiên bản 2022.1"), std::string::npos);
  EXPECT_NE(text.find("boc-tham-chi-so-2026"), std::string::npos);
  for (const std::string& person : printed_->samples) EXPECT_EQ(text.find(person), std::string::npos);
  // A report of one unit only, and a unit that does not exist.
  EXPECT_EQ(Phieu({"report", "--out", "x.pdf", "--units", "Không có"}).exit_code, 1);
  EXPECT_FALSE(fs::exists(dir_ / "x.pdf"));
}

// The report as Home Affairs publishes it (Nghị định 30/2020/NĐ-CP): the national heading, the
// issuing agency, the number, the place and date; the cover leads with the result and its
// coverage, the hashes are in the annex at the end; Vietnamese throughout, with decimal commas.
TEST_F(TallyCliTest, TheReportIsAnOfficialVietnameseDocumentLeadingWithItsResult) {
  // Half the forms come back: the units of the others have no valid form, and the cover says so.
  const std::vector<AnswerPlan> plans = ScanCleanForms(2);
  const Truth truth = Expected(plans, kSipasSatisfied);
  ASSERT_TRUE(truth.overall.has_value());
  const std::string out =
      PhieuOk({"report", "--out", "r.pdf", "--date", "2026-12-01", "--parent-agency",
               "UBND TỈNH THỬ NGHIỆM", "--issuer", "SỞ NỘI VỤ", "--place", "Hà Nội", "--number",
               "125/BC-SNV", "--issued-on", "2026-12-05"});
  const fs::path pdf = dir_ / "r.pdf";
  const std::string text = PdfText(pdf);
  for (const char* line :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND TỈNH THỬ NGHIỆM",
        "SỞ NỘI VỤ", "Số: 125/BC-SNV", "Hà Nội, ngày 05 tháng 12 năm 2026"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << " in:\n" << text;
  }
  EXPECT_EQ(PublishedTextProblems(text), std::vector<std::string>{});
  EXPECT_TRUE(std::regex_search(text, std::regex("[0-9]+,[0-9]+ %"))) << text;

  // The cover: the overall index and the coverage, the units without a valid form named.
  const std::string cover = PdfPagesText(pdf, 1, 1);
  EXPECT_NE(cover.find(Comma(Fixed2(*truth.overall)) + " %"), std::string::npos) << cover;
  const int issued = static_cast<int>(printed_->codes.size());
  EXPECT_NE(cover.find("Số phiếu phát ra " + std::to_string(issued)), std::string::npos) << cover;
  EXPECT_NE(cover.find("Số phiếu thu về 2"), std::string::npos) << cover;
  EXPECT_NE(cover.find("Tỷ lệ thu về " + Comma(Fixed2(100.0 * 2 / issued)) + " %"),
            std::string::npos)
      << cover;
  EXPECT_NE(cover.find("Số phiếu hợp lệ được tính 2"), std::string::npos) << cover;
  std::set<std::string> with_forms(printed_->units.begin(), printed_->units.begin() + 2);
  std::set<std::string> without(printed_->units.begin() + 2, printed_->units.end());
  for (const std::string& u : with_forms) without.erase(u);
  if (without.empty()) {
    EXPECT_NE(cover.find("Đơn vị nào cũng có phiếu hợp lệ."), std::string::npos) << cover;
  } else {
    EXPECT_NE(cover.find("đơn vị không có phiếu hợp lệ nào"), std::string::npos) << cover;
    for (const std::string& u : without) EXPECT_NE(cover.find(u), std::string::npos) << u;
  }
  // The hashes are not on the cover but in the annex, the last page.
  const std::size_t at = out.find("Data fingerprint ");
  ASSERT_NE(at, std::string::npos) << out;
  const std::string fingerprint = out.substr(at + 17, 16);
  EXPECT_FALSE(std::regex_search(cover, std::regex("[0-9a-f]{32}"))) << cover;
  EXPECT_EQ(cover.find(fingerprint), std::string::npos);
  const int pages = PdfPageCount(pdf);
  ASSERT_GT(pages, 2);
  const std::string annex = PdfPagesText(pdf, pages, pages);
  EXPECT_NE(annex.find("Phụ lục"), std::string::npos) << annex;
  EXPECT_NE(annex.find(fingerprint), std::string::npos) << annex;
  EXPECT_NE(annex.find("“boc-tham-chi-so-2026”"), std::string::npos) << annex;

  // A date or a line break the heading cannot take is refused, naming the option.
  const RunResult bad = Phieu({"report", "--out", "x.pdf", "--issued-on", "05/12/2026"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("--issued-on is YYYY-MM-DD, not '05/12/2026'"), std::string::npos)
      << bad.err;
  EXPECT_EQ(Phieu({"report", "--out", "x.pdf", "--issuer", "SỞ\nNỘI VỤ"}).exit_code, 1);
  EXPECT_FALSE(fs::exists(dir_ / "x.pdf"));
}

// A sample drawn from a frame given by its absolute path, nothing scanned yet: the report prints
// the frame's file name only, the heading's blanks to fill by hand, and names every unit as
// having no valid form.
TEST_F(TallyCliTest, TheReportPrintsNoPathAndNamesEveryUnitWithoutValidForms) {
  fs::create_directories(dir_ / "khung");
  const fs::path frame = fs::absolute(dir_ / "khung" / "frame.csv");
  WriteText(frame, ReadText(printed_->dir / "frame.csv"));
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"init", "--survey", "sipas-2022"},
        {"sample", "draw", "--frame", frame.string(), "--seed", "hat-giong", "--size", "6", "--by",
         "unit"},
        {"forms", "print", "--draft", "--out", "f.pdf"},
        {"report", "--out", "r.pdf", "--date", "2026-03-09"}}) {
    std::vector<std::string> args = command;
    args.insert(args.end(), {"--db", "fresh.db"});
    const RunResult r = e2e::RunPhieuIn(dir_, args);
    ASSERT_EQ(r.exit_code, 0) << command[0] << ": " << r.err;
  }
  const std::string text = PdfText(dir_ / "r.pdf");
  EXPECT_EQ(PublishedTextProblems(text), std::vector<std::string>{});
  EXPECT_EQ(text.find(dir_.string()), std::string::npos);
  EXPECT_NE(text.find("frame.csv"), std::string::npos) << text;  // its name, in the annex
  // No issuer given: the survey's own (its first title line); place and number left blank.
  EXPECT_NE(text.find("BỘ NỘI VỤ"), std::string::npos);
  EXPECT_NE(text.find("Số: ……/BC"), std::string::npos) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex("…… ?, ngày 09 tháng 3 năm 2026"))) << text;
  const std::string cover = PdfPagesText(dir_ / "r.pdf", 1, 1);
  EXPECT_NE(cover.find("đơn vị không có phiếu hợp lệ nào"), std::string::npos) << cover;
}

TEST_F(TallyCliTest, AFormWaitingForReviewIsNotCounted) {
  // Forms 0-2 clean; form 3 clean but for one Q9 answer shaded in faint pencil, which only a
  // person may decide.
  PdfPage(4 * PagesPerForm() - 1);
  const std::vector<AnswerPlan> counted = {Plan(11), Plan(12), Plan(13)};
  for (int form = 0; form < 3; ++form) {
    WriteForm(form, counted[form], 11 + form, "scans/form" + std::to_string(form));
  }
  AnswerPlan faint = Plan(14);
  const auto mark = std::find_if(faint.marks.begin(), faint.marks.end(), [](const PenMark& m) {
    return m.question.starts_with("Q9.") && m.style == MarkStyle::kFill;
  });
  ASSERT_NE(mark, faint.marks.end());
  mark->style = MarkStyle::kFaintPencil;
  WriteForm(3, faint, 14, "scans/form3");
  ScanOk({"scans"});
  const std::string verify = PhieuOk({"verify"});
  EXPECT_NE(verify.find("\n1 marks and 0 forms wait for a person: "), std::string::npos) << verify;
  ASSERT_EQ(e2e::Value(Db(), "SELECT count(*) FROM scan_page"), std::to_string(4 * PagesPerForm()));

  const std::vector<CsvRow> rows = TallyRows();
  EXPECT_EQ(PartForms(rows), (std::map<std::string, std::string>{{"", "3"}}));
  ExpectPartIsTheTruth(rows, "", Expected(counted, kSipasSatisfied));

  const std::string text = PhieuOk({"tally"});
  EXPECT_NE(text.find("\nCounted: 3 accepted forms. Not counted: 1 waiting for review ('phieu "
                      "review list'), 0 rejected.\n"),
            std::string::npos)
      << text;
  const std::string exported = PhieuOk({"export", "tallies", "--out", "t.csv"});
  EXPECT_TRUE(
      exported.ends_with("\nTallies of 3 accepted forms under formula sipas 2022.1; 1 forms "
                         "waiting for review are not counted.\n"))
      << exported;
}

// --- breakdowns ---------------------------------------------------------------------------------

// One scan for both breakdowns: each costs as much as the other to set up.
TEST_F(TallyCliTest, ByUnitAndByAnA1AnswerEachPartHoldsItsOwnForms) {
  const std::vector<AnswerPlan> plans = ScanCleanForms(kForms);

  // --by unit: one part per unit of the forms.
  const auto units = ByValue(plans, printed_->units);
  EXPECT_GT(units.size(), 1u) << "all forms went to one unit: choose another draw seed";
  EXPECT_LT(units.size(), plans.size()) << "no unit has two forms: choose another draw seed";
  std::vector<CsvRow> rows = TallyRows({"--by", "unit"});
  std::map<std::string, std::string> expected_forms = {{"", std::to_string(kForms)}};
  for (const auto& [unit, unit_plans] : units) {
    expected_forms[unit] = std::to_string(unit_plans.size());
  }
  EXPECT_EQ(PartForms(rows), expected_forms);
  ExpectPartIsTheTruth(rows, "", Expected(plans, kSipasSatisfied));
  for (const auto& [unit, unit_plans] : units) {
    ExpectPartIsTheTruth(rows, unit, Expected(unit_plans, kSipasSatisfied));
  }
  const std::string text = PhieuOk({"tally", "--by", "unit"});
  EXPECT_NE(text.find("\nBy unit:\n"), std::string::npos) << text;
  for (const auto& [unit, unit_plans] : units) {
    EXPECT_NE(text.find("\n" + unit + "  "), std::string::npos) << unit << " in:\n" << text;
  }

  // --by A1: one part per answer to A1, named by the option's label.
  std::vector<std::string> labels;  // of each form's answer
  for (const AnswerPlan& plan : plans) {
    const auto a1 = std::find_if(plan.truth.begin(), plan.truth.end(),
                                 [](const ItemTruth& t) { return t.item == "A1"; });
    ASSERT_NE(a1, plan.truth.end());
    ASSERT_LE(a1->intended.size(), 1u);
    labels.push_back(a1->intended.empty() ? kNoAnswer : OptionLabel("A1", a1->intended[0]));
  }
  const auto answers = ByValue(plans, labels);
  EXPECT_GT(answers.size(), 1u) << "every respondent gave the same A1: choose other seeds";
  rows = TallyRows({"--by", "A1"});
  expected_forms = {{"", std::to_string(kForms)}};
  for (const auto& [label, label_plans] : answers) {
    expected_forms[label] = std::to_string(label_plans.size());
  }
  EXPECT_EQ(PartForms(rows), expected_forms);
  for (const auto& [label, label_plans] : answers) {
    ExpectPartIsTheTruth(rows, label, Expected(label_plans, kSipasSatisfied));
  }
}

// --- the export ---------------------------------------------------------------------------------

TEST_F(TallyCliTest, ExportTalliesWritesTheCsvWithABomAndAReproducibleWorkbook) {
  ScanCleanForms(kForms);
  const RunResult tally = Phieu({"tally", "--csv"});
  ASSERT_EQ(tally.exit_code, 0) << tally.err;

  const std::string out = PhieuOk({"export", "tallies", "--out", "t.csv", "--xlsx", "t.xlsx"});
  EXPECT_EQ(out,
            "Wrote t.csv\nWrote t.xlsx\nTallies of 4 accepted forms under formula sipas 2022.1; 0 "
            "forms waiting for review are not counted.\n");
  const std::string csv = ReadText(dir_ / "t.csv");
  ASSERT_TRUE(csv.starts_with(kBom)) << csv.substr(0, 40);
  EXPECT_EQ(csv.substr(3), tally.out);

  EXPECT_EQ(XlsxSheets(dir_ / "t.xlsx"), "ok\nChỉ số\nSố liệu\nĐộ bao phủ\n");
  PhieuOk({"export", "tallies", "--xlsx", "again.xlsx"});
  const std::string first = ReadText(dir_ / "t.xlsx");
  EXPECT_FALSE(first.empty());
  EXPECT_TRUE(first == ReadText(dir_ / "again.xlsx")) << "the two workbooks differ";
}

// --- formulas -----------------------------------------------------------------------------------

TEST_F(TallyCliTest, AFormulaFileCountingOnly5sMakesEachItemsIndexTheShareOf5s) {
  const std::vector<AnswerPlan> plans = ScanCleanForms(kForms);
  WriteText(dir_ / "only5.yaml",
            "name: chi-rat-hai-long\n"
            "version: \"0.1\"\n"
            "title: \"Tỉ lệ rất hài lòng\"\n"
            "surveys: [sipas-2022]\n"
            "score: share\n"
            "satisfied: [\"5\"]\n");
  const Truth only5 = Expected(plans, {"5"});
  const Truth sipas = Expected(plans, kSipasSatisfied);
  ASSERT_NE(only5.overall, sipas.overall) << "no 4 among the answers: choose other seeds";

  ExpectPartIsTheTruth(TallyRows({"--formula", "only5.yaml"}), "", only5);
  const std::string text = PhieuOk({"tally", "--formula", "only5.yaml"});
  EXPECT_TRUE(
      text.starts_with("Survey sipas-2022 2022.1; formula chi-rat-hai-long 0.1 "
                       "(fingerprint "))
      << text;
  EXPECT_NE(text.find("\nTỉ lệ rất hài lòng "), std::string::npos) << text;

  // export tallies takes it too.
  PhieuOk({"export", "tallies", "--out", "t.csv", "--formula", "only5.yaml"});
  const std::string csv = ReadText(dir_ / "t.csv");
  ASSERT_TRUE(csv.starts_with(kBom));
  ExpectPartIsTheTruth(ReadCsv(csv.substr(3)), "", only5);
}

// --- refusals -----------------------------------------------------------------------------------

// What is refused before any form is read needs no forms: a database with a drawn sample only.
class TallyCliRefusalTest : public e2e::PhieuCliTest {
 protected:
  void SetUp() override {
    PhieuCliTest::SetUp();
    Init("d.db");
    WriteFrame("frame.csv", 30);
    RunOk({"sample", "draw", "--frame", "frame.csv", "--seed", "tu-choi", "--size", "4", "--db",
           "d.db"});
  }

  // Checks that `phieu ARGS... --db d.db` fails with exit 1, nothing on stdout, and an error
  // starting with "phieu: START"; returns the error.
  std::string ExpectRefused(std::vector<std::string> args, const std::string& start) const {
    args.insert(args.end(), {"--db", "d.db"});
    const RunResult r = RunPhieu(args);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(r.err.starts_with("phieu: " + start)) << r.err;
    return r.err;
  }
};

TEST_F(TallyCliRefusalTest, AFormulaForAnotherSurveyIsRefusedNamingIt) {
  WriteText(dir_ / "hanoi.yaml",
            "name: chi-so-ha-noi\n"
            "version: \"1\"\n"
            "title: \"Chỉ số Hà Nội\"\n"
            "surveys: [hanoi-2014]\n"
            "score: share\n"
            "satisfied: [\"4\", \"5\"]\n");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"tally", "--formula", "hanoi.yaml"},
        std::vector<std::string>{"export", "tallies", "--out", "t.csv", "--formula",
                                 "hanoi.yaml"}}) {
    SCOPED_TRACE(args[0]);
    const std::string err = ExpectRefused(args, "formula 'chi-so-ha-noi' ");
    EXPECT_NE(err.find("sipas-2022"), std::string::npos) << err;
  }
  EXPECT_FALSE(fs::exists(dir_ / "t.csv"));
}

TEST_F(TallyCliRefusalTest, AMalformedFormulaFileIsRefusedNamingItsLine) {
  WriteText(dir_ / "bad.yaml",
            "name: sai\n"
            "version: \"1\"\n"
            "title: \"Sai\"\n"
            "surveys: [sipas-2022]\n"
            "score: share\n"
            "satisfied: [\"4\", \"5\"]\n"
            "overall: everything\n");
  const std::string err = ExpectRefused({"tally", "--formula", "bad.yaml"}, "bad.yaml:7: ");
  EXPECT_NE(err.find("overall"), std::string::npos) << err;
  // A YAML syntax error too.
  WriteText(dir_ / "broken.yaml", "name: sai\nversion: \"1\nsurveys: [sipas-2022\n");
  ExpectRefused({"tally", "--csv", "--formula", "broken.yaml"}, "broken.yaml:");
  ExpectRefused({"tally", "--formula", "missing.yaml"}, "");
}

TEST_F(TallyCliRefusalTest, AnUnknownBreakdownIsRefusedNamingTheKnownOnes) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"tally", "--by", "nganh"},
        std::vector<std::string>{"export", "tallies", "--out", "t.csv", "--by", "nganh"}}) {
    SCOPED_TRACE(args[0]);
    const std::string err = ExpectRefused(args, "cannot break down by 'nganh': ");
    for (const char* known : {"unit", "collector", "procedure", "agency", "completed_on", "A1"}) {
      EXPECT_NE(err.find(known), std::string::npos) << known << " not in: " << err;
    }
  }
  EXPECT_FALSE(fs::exists(dir_ / "t.csv"));
}

TEST_F(TallyCliRefusalTest, ExportTalliesWithNowhereToWriteIsRefused) {
  const std::string err = ExpectRefused({"export", "tallies"}, "");
  EXPECT_NE(err.find("--out"), std::string::npos) << err;
  EXPECT_NE(err.find("--xlsx"), std::string::npos) << err;
}

// --- a stratified draw with unequal fractions: design weights -----------------------------------

// The 30-person frame drawn two per unit: the units are of unequal size, so their sampling
// fractions differ, and a form stands for its unit's frame size over its unit's valid forms.
class WeightedReportCliTest : public PrintedFormsTest {
 protected:
  static constexpr int kPerUnit = 2;
  static void SetUpTestSuite() {
    Print({.forms = kWeightedForms, .seed = "trong-so-2026", .by = "unit",
           .per_stratum = kPerUnit});
  }
  static void TearDownTestSuite() { Discard(); }
  static constexpr int kWeightedForms = 12;
};

// The weighted figures recomputed here, outside phieu, from the exported answers and the frame:
// each accepted form weighs N_unit / r_unit (frame records of its unit over its unit's accepted
// forms); an item's index is Σ w over satisfied answers / Σ w over valid answers; elements,
// blocks and the overall index are the unweighted means above them, as the formula says.
struct WeightedTruth {
  std::optional<double> overall;
  double design_effect = 0, effective_n = 0;
  int n = 0;
};

WeightedTruth RecomputeWeighted(const std::vector<CsvRow>& answers,
                                const std::map<std::string, int>& frame_size) {
  std::map<std::string, int> respondents;
  for (const CsvRow& row : answers) {
    if (row.at("status") == "accepted") ++respondents[row.at("unit")];
  }
  WeightedTruth t;
  double sum = 0, squares = 0;
  std::map<std::string, double> valid, satisfied;  // by item: Σ w
  for (const CsvRow& row : answers) {
    if (row.at("status") != "accepted") continue;
    const std::string& unit = row.at("unit");
    const double w = static_cast<double>(frame_size.at(unit)) / respondents.at(unit);
    ++t.n;
    sum += w;
    squares += w * w;
    for (const auto& [column, cell] : row) {
      if (!column.starts_with("Q9.") || cell.empty() || cell == "?" || cell == "*") continue;
      valid[column] += w;
      if (kSipasSatisfied.contains(cell)) satisfied[column] += w;
    }
  }
  t.design_effect = t.n * squares / (sum * sum);
  t.effective_n = sum * sum / squares;
  const Survey& survey = Sipas2022();
  std::map<std::string, std::vector<double>> values;
  for (const AnswerItem& item : AnswerItems(survey)) {
    if (item.group.empty() || !valid.contains(item.code)) continue;
    values[item.group].push_back(100.0 * satisfied[item.code] / valid[item.code]);
  }
  std::vector<double> blocks;
  for (auto g = survey.groups.rbegin(); g != survey.groups.rend(); ++g) {
    const std::optional<double> index = Mean(values[g->code]);
    if (!index) continue;
    if (g->parent.empty()) blocks.push_back(*index);
    else values[g->parent].push_back(*index);
  }
  t.overall = Mean(blocks);
  return t;
}

std::string Fixed(double value, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

TEST_F(WeightedReportCliTest, TheWeightedIndexEqualsARecomputationFromTheAnswersAndTheFrame) {
  // Five forms come back: two units answer in full, one in half, the others not at all.
  constexpr int kReturned = 5;
  PdfPage(kReturned * PagesPerForm() - 1);
  std::vector<AnswerPlan> plans;
  for (int form = 0; form < kReturned; ++form) {
    plans.push_back(Plan(31 + form));
    WriteForm(form, plans.back(), 31 + form, "scans/form" + std::to_string(form));
  }
  ScanOk({"scans"});
  PhieuOk({"verify"});
  const std::string out = PhieuOk({"report", "--out", "r.pdf", "--date", "2026-04-01"});
  PhieuOk({"export", "answers", "--out", "answers.csv"});
  const std::vector<CsvRow> answers = ReadCsv(ReadText(dir_ / "answers.csv"));
  std::map<std::string, int> frame_size;
  for (const CsvRow& row : ReadCsv(ReadText(printed_->dir / "frame.csv"))) {
    ++frame_size[row.at("unit")];
  }
  const WeightedTruth truth = RecomputeWeighted(answers, frame_size);
  ASSERT_EQ(truth.n, kReturned);
  ASSERT_TRUE(truth.overall.has_value());
  const Truth plain = Expected(plans, kSipasSatisfied);
  ASSERT_TRUE(plain.overall.has_value());
  // The draw's fractions differ, so the weights do and the test means something.
  EXPECT_GT(truth.design_effect, 1.0 + 1e-6);
  EXPECT_GT(std::abs(*truth.overall - *plain.overall), 0.01);

  // The command says it, in English for the operator.
  EXPECT_NE(out.find(Fixed2(*truth.overall) + " % over 5 accepted forms, design-weighted by "
                     "stratum (unit): design effect " + Fixed2(truth.design_effect) +
                     ", effective base " + Fixed2(truth.effective_n) + "; unweighted " +
                     Fixed2(*plain.overall)),
            std::string::npos)
      << out;
  // The report, in Vietnamese: the weighted index on the cover with the design effect and the
  // effective base beside it, and the unweighted index.
  const fs::path pdf = dir_ / "r.pdf";
  const std::string cover = PdfPagesText(pdf, 1, 1);
  EXPECT_NE(cover.find(Comma(Fixed2(*truth.overall)) + " %"), std::string::npos) << cover;
  EXPECT_NE(cover.find("Có gán trọng số thiết kế theo tầng: hiệu ứng thiết kế " +
                       Comma(Fixed2(truth.design_effect)) + ", cỡ mẫu hiệu dụng " +
                       Comma(Fixed(truth.effective_n, 1)) + " trên 5 người trả lời; chưa gán "
                       "trọng số: " + Comma(Fixed2(*plain.overall)) + " %."),
            std::string::npos)
      << cover;
  const std::string text = PdfText(pdf);
  EXPECT_EQ(PublishedTextProblems(text), std::vector<std::string>{});
  EXPECT_NE(text.find("(SIPAS): " + Comma(Fixed2(*truth.overall)) + " %, tính trên 5 phiếu hợp lệ"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Trọng số của một phiếu thuộc tầng h = số hồ sơ của tầng trong khung mẫu "
                      "chia cho số phiếu giấy hợp lệ của tầng"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Wilson trên cỡ mẫu hiệu dụng"), std::string::npos) << text;
  // The annex lists every stratum with its frame size and valid forms.
  const int pages = PdfPageCount(pdf);
  const std::string annex = PdfPagesText(pdf, pages - 1, pages);
  EXPECT_NE(annex.find("Trọng số thiết kế theo tầng"), std::string::npos) << annex;
  for (const auto& [unit, size] : frame_size) {
    EXPECT_NE(annex.find(unit + " " + std::to_string(size) + " "), std::string::npos)
        << unit << " in:\n" << annex;
  }
  // `phieu tally` stays the plain count of the accepted forms.
  for (const CsvRow& row : TallyRowsOf(Phieu({"tally", "--csv"}))) {
    if (row.at("kind") == "overall") {
      EXPECT_EQ(row.at("index"), Fixed2(*plain.overall));
    }
  }
}

}  // namespace
}  // namespace phieu
