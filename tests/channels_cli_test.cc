// End-to-end: paper forms scanned, a tablet kiosk's CSV and an SMS gateway's CSV imported for one
// quarter, a second quarter beside it. The report's and the tallies' per-channel and pooled
// figures are checked against an independent recomputation from the exported answers (SIPAS: an
// item's index is the share of "Hài lòng" and "Rất hài lòng" among its valid answers, an element
// the mean of its items, a block the mean of its elements, the overall index the mean of the
// blocks), and the second quarter's report against the first marks only significant changes;
// its scorecards per office (both quarters, pooled channels, small bases, Welch's test on the
// change) are checked against the respondents' scores recomputed from the same exports.

#include <gtest/gtest.h>

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

namespace phieu {
namespace {

namespace fs = std::filesystem;
using e2e::CsvRow;
using e2e::PrintedFormsTest;
using e2e::ReadCsv;
using e2e::ReadText;
using e2e::RunResult;
using e2e::WriteText;

constexpr int kForms = 4;
const std::vector<std::string> kLabels = {"Rất không hài lòng", "Không hài lòng", "Bình thường",
                                          "Hài lòng", "Rất hài lòng"};

const Survey& Sipas2022() { return FindBuiltinSurvey("sipas-2022")->survey; }

// The index items of sipas-2022 (Q9.1 .. Q9.33) with their element.
std::vector<std::pair<std::string, std::string>> IndexItems() {
  std::vector<std::pair<std::string, std::string>> items;
  for (const AnswerItem& item : AnswerItems(Sipas2022())) {
    if (!item.group.empty()) items.emplace_back(item.code, item.group);
  }
  return items;
}

// --- the recomputation from the exported answers -------------------------------------------------

std::optional<double> Mean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

// The SIPAS overall index of `rows` (rows of the answers export), from the cells alone.
std::optional<double> SipasIndex(const std::vector<CsvRow>& rows) {
  std::map<std::string, std::vector<double>> element_items;
  for (const auto& [item, element] : IndexItems()) {
    int valid = 0, satisfied = 0;
    for (const CsvRow& row : rows) {
      const std::string& cell = row.at(item);
      if (cell.empty() || cell == "?" || cell == "*") continue;
      ++valid;
      satisfied += cell == "4" || cell == "5";
    }
    if (valid > 0) element_items[element].push_back(100.0 * satisfied / valid);
  }
  std::map<std::string, std::vector<double>> block_elements;
  for (const Group& g : Sipas2022().groups) {
    if (g.parent.empty()) continue;
    if (const auto m = Mean(element_items[g.code])) block_elements[g.parent].push_back(*m);
  }
  std::vector<double> blocks;
  for (const Group& g : Sipas2022().groups) {
    if (!g.parent.empty()) continue;
    if (const auto m = Mean(block_elements[g.code])) blocks.push_back(*m);
  }
  return Mean(blocks);
}

// "82,35 %" as the report writes it.
std::string ReportPercent(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f %%", value);
  std::string s = text;
  for (char& c : s) c = c == '.' ? ',' : c;
  return s;
}

// Each unit's 0-10 respondent scores in `rows` (the answers export), from the cells alone: an
// index answer scores (level - 1) x 2,5, a respondent the mean of theirs.
std::map<std::string, std::vector<double>> RespondentScores(const std::vector<CsvRow>& rows) {
  std::map<std::string, std::vector<double>> by_unit;
  for (const CsvRow& row : rows) {
    if (row.at("status") != "accepted") continue;
    std::vector<double> scores;
    for (const auto& [item, element] : IndexItems()) {
      const std::string& cell = row.at(item);
      if (cell.size() == 1 && cell[0] >= '1' && cell[0] <= '5') scores.push_back((cell[0] - '1') * 2.5);
    }
    if (const auto mean = Mean(scores)) by_unit[row.at("unit")].push_back(*mean);
  }
  return by_unit;
}

// --- the channels' files --------------------------------------------------------------------------

// A kiosk export: every Q9 item, labels for values, DD/MM/YYYY dates.
std::string KioskMap() {
  std::string map = "channel: tablet\nid: ma\nunit: don_vi\ndate: ngay\ndate_format: DD/MM/YYYY\n"
                    "values:\n";
  for (std::size_t o = 0; o < kLabels.size(); ++o) {
    map += "  \"" + kLabels[o] + "\": \"" + std::to_string(o + 1) + "\"\n";
  }
  map += "blank: [\"-\"]\nquestions:\n";
  for (const auto& [item, element] : IndexItems()) map += "  " + item + ": \"" + item + "\"\n";
  return map;
}

std::string KioskCsv(const std::vector<std::string>& units, const std::string& month, int rows,
                     int seed) {
  std::string csv = "ma,don_vi,ngay";
  for (const auto& [item, element] : IndexItems()) csv += "," + item;
  csv += "\n";
  for (int r = 0; r < rows; ++r) {
    csv += "K" + month + "-" + std::to_string(r) + "," + units[r % units.size()] + "," +
           std::to_string(10 + r % 15) + "/" + month + "/2026";
    int k = 0;
    for (const auto& [item, element] : IndexItems()) {
      const int v = (r * 7 + k * 3 + seed) % 6;  // 0..4: a label, 5: blank
      csv += "," + (v == 5 ? std::string("-") : kLabels[v]);
      ++k;
    }
    csv += "\n";
  }
  return csv;
}

// An SMS gateway: five questions answered 1..5, ISO dates.
const std::vector<std::string> kSmsItems = {"Q9.15", "Q9.16", "Q9.17", "Q9.18", "Q9.19"};

std::string SmsMap() {
  std::string map = "channel: sms\nid: msg\nunit: office\ndate: date\nquestions:\n";
  for (std::size_t i = 0; i < kSmsItems.size(); ++i) {
    map += "  " + kSmsItems[i] + ": q" + std::to_string(i + 1) + "\n";
  }
  return map;
}

// `first` is the answer every sender gives to Q9.15; the others vary.
std::string SmsCsv(const std::vector<std::string>& units, const std::string& month, int rows,
                   const std::string& first) {
  std::string csv = "msg,office,date,q1,q2,q3,q4,q5\n";
  for (int r = 0; r < rows; ++r) {
    csv += "M" + month + "-" + std::to_string(r) + "," + units[r % units.size()] + ",2026-" +
           month + "-" + std::to_string(10 + r % 18) + "," + first;
    for (int q = 1; q < 5; ++q) csv += "," + std::to_string(1 + (r + q) % 5);
    csv += "\n";
  }
  return csv;
}

class ChannelsCliTest : public PrintedFormsTest {
 protected:
  static void SetUpTestSuite() { Print({.forms = kForms, .seed = "kenh-thu-thap-2026"}); }
  static void TearDownTestSuite() { Discard(); }

  std::vector<std::string> Units() const {
    const std::set<std::string> units(printed_->units.begin(), printed_->units.end());
    return {units.begin(), units.end()};
  }

  // The rows of `phieu tally --by channel --csv` for `db`: part -> the overall row.
  std::map<std::string, CsvRow> OverallByChannel(const std::string& db) const {
    const RunResult r = RunPhieu({"tally", "--by", "channel", "--csv", "--db", db});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, CsvRow> overall;
    for (const CsvRow& row : ReadCsv(r.out)) {
      if (row.at("kind") == "overall") overall[row.at("part")] = row;
    }
    return overall;
  }
};

TEST_F(ChannelsCliTest, PerChannelAndPooledIndexesEqualARecomputationFromTheExportedAnswers) {
  const std::vector<std::string> units = Units();
  // Quarter 1: the period first (it is fixed once answers come in), then paper, tablet and SMS.
  EXPECT_EQ(PhieuOk({"period", "set", "2026-Q1"}),
            "Period of d.db: 2026-Q1 (2026-01-01..2026-03-31, \"Quý I năm 2026\")\n");
  PdfPage(kForms * PagesPerForm() - 1);
  for (int form = 0; form < kForms; ++form) {
    WriteForm(form, Plan(31 + form), 31 + form, "scans/form" + std::to_string(form));
  }
  ScanOk({"scans"});
  PhieuOk({"verify"});
  WriteText(dir_ / "tablet.yaml", KioskMap());
  WriteText(dir_ / "sms.yaml", SmsMap());
  WriteText(dir_ / "tablet-q1.csv", KioskCsv(units, "02", 24, 1));
  WriteText(dir_ / "sms-q1.csv", SmsCsv(units, "03", 60, "2"));
  EXPECT_EQ(PhieuOk({"channel", "import", "tablet-q1.csv", "--channel", "tablet", "--map",
                     "tablet.yaml"}),
            "Imported 24 tablet answers from tablet-q1.csv into d.db\n");
  PhieuOk({"channel", "import", "sms-q1.csv", "--channel", "sms", "--map", "sms.yaml"});
  // Importing the same file again changes nothing; the period can no longer change.
  EXPECT_NE(PhieuOk({"channel", "import", "sms-q1.csv", "--channel", "sms", "--map", "sms.yaml"})
                .find("was already imported on "),
            std::string::npos);
  const RunResult moved = Phieu({"period", "set", "2026-Q2"});
  EXPECT_EQ(moved.exit_code, 1);
  EXPECT_EQ(moved.err,
            "phieu: d.db: the period is 2026-Q1 and cannot change: " +
                std::to_string(kForms * PagesPerForm()) +
                " pages have been scanned and 2 channel files imported in it; start a new "
                "database for another period\n");
  // A file with a row outside the quarter is refused whole, naming the line.
  WriteText(dir_ / "late.csv", SmsCsv(units, "04", 2, "5"));
  const RunResult late = Phieu({"channel", "import", "late.csv", "--channel", "sms", "--map",
                                "sms.yaml"});
  EXPECT_EQ(late.exit_code, 1);
  EXPECT_TRUE(late.err.starts_with(
      "phieu: late.csv:2: date 2026-04-10 is outside the period 2026-Q1 (2026-01-01..2026-03-31)\n"
      "late.csv:3: date 2026-04-11 is outside"))
      << late.err;

  // The exported answers: paper, tablet and SMS rows with their channel.
  PhieuOk({"export", "answers", "--out", "answers.csv"});
  const std::vector<CsvRow> rows = ReadCsv(ReadText(dir_ / "answers.csv"));
  std::map<std::string, std::vector<CsvRow>> by_channel;
  std::vector<CsvRow> counted;
  for (const CsvRow& row : rows) {
    if (row.at("status") != "accepted") continue;
    by_channel[row.at("channel")].push_back(row);
    counted.push_back(row);
  }
  ASSERT_EQ(by_channel["paper"].size(), static_cast<std::size_t>(kForms));
  ASSERT_EQ(by_channel["tablet"].size(), 24u);
  ASSERT_EQ(by_channel["sms"].size(), 60u);
  EXPECT_EQ(by_channel["sms"].front().at("Q9.1"), "");  // not asked by SMS

  // Each channel alone and all pooled, as `phieu tally --by channel` gives them.
  const auto overall = OverallByChannel("d.db");
  for (const std::string& channel : {"paper", "tablet", "sms"}) {
    SCOPED_TRACE(channel);
    ASSERT_TRUE(overall.contains(channel));
    const auto expected = SipasIndex(by_channel[channel]);
    ASSERT_TRUE(expected.has_value());
    EXPECT_EQ(overall.at(channel).at("forms"), std::to_string(by_channel[channel].size()));
    EXPECT_NEAR(std::stod(overall.at(channel).at("index")), *expected, 0.005);
  }
  const double pooled = SipasIndex(counted).value();

  // The report: the cover's period, the channels' table with the pooled figure.
  PhieuOk({"report", "--out", "q1.pdf"});
  const std::string q1 = e2e::CommandOutput("pdftotext -layout " + e2e::ShellQuote((dir_ / "q1.pdf").string()) + " -");
  // The cover: the period under the title, the channel answers among what was counted.
  EXPECT_TRUE(std::regex_search(q1, std::regex("\n *Quý I năm 2026 *\n"))) << q1;
  EXPECT_TRUE(
      std::regex_search(q1, std::regex("Ý kiến thu qua các kênh khác \\(được tính\\) +84 *\n")))
      << q1;
  EXPECT_NE(q1.find("Chỉ số theo kênh thu thập ý kiến"), std::string::npos);
  for (const std::string& channel : {"paper", "tablet", "sms"}) {
    const std::string name = channel == "paper"    ? "Phiếu giấy"
                             : channel == "tablet" ? "Máy tính bảng tại quầy"
                                                   : "Tin nhắn SMS";
    const std::size_t at = q1.find(name);
    ASSERT_NE(at, std::string::npos) << name;
    const std::string line = q1.substr(at, q1.find('\n', at) - at);
    if (channel == "paper") {
      // 4 forms: under the small-base rule's 10, its figures are not published.
      EXPECT_EQ(line.find('%'), std::string::npos) << line;
      EXPECT_NE(line.find("–"), std::string::npos) << line;
    } else {
      EXPECT_NE(line.find(ReportPercent(*SipasIndex(by_channel[channel]))), std::string::npos)
          << line;
    }
    // The tablet's 24 answers are under 30: flagged.
    EXPECT_EQ(line.find(" *") != std::string::npos, channel == "tablet") << line;
  }
  const std::size_t all = q1.find("Tất cả các kênh (gộp)");
  ASSERT_NE(all, std::string::npos);
  EXPECT_NE(q1.substr(all, q1.find('\n', all) - all).find(ReportPercent(pooled)),
            std::string::npos);
  EXPECT_NE(q1.find("Kết hợp các kênh thu thập ý kiến"), std::string::npos);

  // Quarter 2, its own database: tablet and SMS only; every SMS sender now "Rất hài lòng" on
  // Q9.15 (it was "Không hài lòng": a significant rise), the rest as before.
  fs::copy_file(printed_->dir / "d.db", dir_ / "q2.db");
  RunOk({"period", "set", "2026-Q2", "--db", "q2.db"});
  WriteText(dir_ / "tablet-q2.csv", KioskCsv(units, "05", 24, 1));
  WriteText(dir_ / "sms-q2.csv", SmsCsv(units, "06", 60, "5"));
  RunOk({"channel", "import", "tablet-q2.csv", "--channel", "tablet", "--map", "tablet.yaml",
         "--db", "q2.db"});
  RunOk({"channel", "import", "sms-q2.csv", "--channel", "sms", "--map", "sms.yaml", "--db",
         "q2.db"});
  RunOk({"report", "--out", "q2.pdf", "--compare", "d.db", "--db", "q2.db", "--scorecards-csv",
         "cards.csv"});
  const std::string q2 = e2e::CommandOutput("pdftotext -layout " + e2e::ShellQuote((dir_ / "q2.pdf").string()) + " -");
  EXPECT_TRUE(std::regex_search(q2, std::regex("\n *Quý II năm 2026 *\n"))) << q2;
  EXPECT_NE(q2.find("8. So sánh với kỳ trước"), std::string::npos);
  EXPECT_NE(q2.find("Kỳ trước: Quý I năm 2026"), std::string::npos);
  const auto line_of = [&](const std::string& code) {
    const std::size_t at = q2.find("\n" + code + " ", q2.find("8. So sánh với kỳ trước"));
    return at == std::string::npos ? std::string() : q2.substr(at + 1, q2.find('\n', at + 1) - at - 1);
  };
  EXPECT_NE(line_of("Q9.15").find("▲"), std::string::npos) << line_of("Q9.15");
  // The kiosk answered the same in both quarters; Q9.1 was asked by the kiosk only: no mark.
  EXPECT_EQ(line_of("Q9.1").find("▲"), std::string::npos) << line_of("Q9.1");
  EXPECT_EQ(line_of("Q9.1").find("▼"), std::string::npos) << line_of("Q9.1");
  EXPECT_NE(q2.find("kiểm định z hai phía"), std::string::npos);

  // The scorecards: every office in both quarters (paper, tablet and SMS pooled), its score equal
  // to the mean of its respondents' scores recomputed from each quarter's exported answers, its
  // base flagged (< 30) or suppressed (< 10) as the rule says; the SMS senders' rise on Q9.15
  // moves each one's score by 1,5 points, which Welch's test finds where the base is printed;
  // the report has each office's page with its trend and the test named.
  RunOk({"export", "answers", "--out", "answers-q2.csv", "--db", "q2.db"});
  const std::map<std::string, std::map<std::string, std::vector<double>>> scores = {
      {"Quý I năm 2026", RespondentScores(rows)},
      {"Quý II năm 2026", RespondentScores(ReadCsv(ReadText(dir_ / "answers-q2.csv")))}};
  int rows_checked = 0, rises = 0;
  for (const CsvRow& card : ReadCsv(ReadText(dir_ / "cards.csv"))) {
    if (card.at("kind") != "area" || card.at("level") != "unit") continue;
    SCOPED_TRACE(card.at("area") + " " + card.at("period"));
    ASSERT_TRUE(scores.contains(card.at("period")));
    const std::vector<double>& own = scores.at(card.at("period")).at(card.at("area"));
    EXPECT_EQ(card.at("respondents"), std::to_string(own.size()));
    const int n = static_cast<int>(own.size());
    EXPECT_EQ(card.at("base"), n < 10 ? "suppressed" : n < 30 ? "flagged" : "reliable");
    if (n >= 10) EXPECT_NEAR(std::stod(card.at("score")), *Mean(own), 0.005);
    if (card.at("period") == "Quý II năm 2026" && card.at("change_significant") == "1") {
      const double before = *Mean(scores.at("Quý I năm 2026").at(card.at("area")));
      EXPECT_GT(*Mean(own), before);
      ++rises;
    }
    ++rows_checked;
  }
  EXPECT_EQ(rows_checked, static_cast<int>(2 * units.size()));
  EXPECT_GT(rises, 0);
  for (const std::string& unit : units) {
    EXPECT_NE(q2.find("Phiếu điểm: " + unit), std::string::npos) << unit;
  }
  EXPECT_NE(q2.find("Xu hướng qua các kỳ"), std::string::npos);
  EXPECT_NE(q2.find("kiểm định t Welch hai phía"), std::string::npos);
  EXPECT_EQ(rises > 0, q2.find("tăng có ý nghĩa thống kê") != std::string::npos);
}

}  // namespace
}  // namespace phieu
