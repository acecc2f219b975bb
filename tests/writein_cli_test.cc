// Write-ins end to end: forms printed by `phieu`, handwriting drawn into some of their free-text
// boxes (synthetic/scan_generator.h DrawHandwriting), scanned by `phieu scan`. The boxes written in
// are known, so the queue is checked against the truth: every box with writing waits for a person,
// no empty box does (on clean and on noisy, JPEG-compressed scans). Then a person's transcription
// goes through `phieu review text`, comes out of `phieu export answers --with-text` with who and
// when (never without the flag), is covered by `phieu log verify`, and never appears in the
// published report (its text read back with pdftotext).

#include <set>

#include "tests/scan_test_util.h"

namespace phieu::e2e {
namespace {

constexpr const char* kSentence = "Thủ tục cấp giấy phép xây dựng còn rườm rà, cần rút gọn";

class WriteInCliTest : public PrintedFormsTest {
 protected:
  static void SetUpTestSuite() { Print({.forms = 2, .seed = "y-kien-viet-tay"}); }
  static void TearDownTestSuite() { Discard(); }

  // The boxes written in: the long "Ý kiến khác" box and one "Khác: ...." line.
  static std::map<std::string, int> Writing() { return {{"Q11", 9}, {"A4.6.other", 2}}; }

  // Form 0 answered cleanly, `writing` in its boxes, scanned under `conditions`.
  void ScanWrittenForm(const ScanConditions& conditions = {},
                       const std::map<std::string, int>& writing = Writing()) {
    WriteFormWithWriting(0, Plan(5), 5, "scans", writing, conditions);
    ScanOk({"scans"});
  }

  // The boxes `phieu review text list [--all]` lists, by id, with the rest of their line.
  std::map<std::string, std::string> Listed(bool all) const {
    std::vector<std::string> args = {"review", "text", "list"};
    if (all) args.push_back("--all");
    const std::string out = PhieuOk(args);
    std::map<std::string, std::string> boxes;
    std::size_t at = 0;
    while (at < out.size()) {
      const std::size_t end = out.find('\n', at);
      const std::string line = out.substr(at, end - at);
      at = end == std::string::npos ? out.size() : end + 1;
      if (line.starts_with(Code(0) + "/")) {
        const std::size_t space = line.find(' ');
        boxes[line.substr(0, space)] = line.substr(space);
      }
    }
    return boxes;
  }

  static std::string Id(const std::string& box) { return Code(0) + "/" + box; }

  // The rows of the CSV at `file`, its byte-order mark taken off.
  std::vector<CsvRow> Csv(const std::string& file) const {
    std::string text = ReadText(dir_ / file);
    if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    return ReadCsv(text);
  }
};

TEST_F(WriteInCliTest, TheLayoutHasTheBoxesTheTestWritesIn) {
  const std::vector<std::string> boxes = TextBoxes();
  for (const auto& [box, words] : Writing()) {
    EXPECT_NE(std::find(boxes.begin(), boxes.end(), box), boxes.end()) << box;
  }
  EXPECT_GE(boxes.size(), 4u);  // the other boxes stay empty
}

TEST_F(WriteInCliTest, ABoxWithWritingIsQueuedAndAnEmptyBoxIsNot) {
  ScanWrittenForm();
  const std::map<std::string, std::string> queued = Listed(false);
  std::set<std::string> expected;
  for (const auto& [box, words] : Writing()) expected.insert(Id(box));
  std::set<std::string> got;
  for (const auto& [id, rest] : queued) got.insert(id);
  EXPECT_EQ(got, expected) << PhieuOk({"review", "text", "list", "--all"});
  // Every box of the form was measured; the empty ones are listed with --all, not queued.
  EXPECT_EQ(Listed(true).size(), TextBoxes().size());
}

TEST_F(WriteInCliTest, OnANoisyJpegScanTheEmptyBoxesStillAreNotQueued) {
  ScanConditions noisy;
  noisy.rotate_deg = 1.5, noisy.noise_sigma = 6, noisy.blur_sigma_px = 0.6;
  noisy.jpeg_quality = 70, noisy.paper_grey = 238;
  ScanWrittenForm(noisy);
  std::set<std::string> got, expected;
  for (const auto& [id, rest] : Listed(false)) got.insert(id);
  for (const auto& [box, words] : Writing()) expected.insert(Id(box));
  EXPECT_EQ(got, expected) << PhieuOk({"review", "text", "list", "--all"});
}

// The area inked counts, not the share of the box: one word in the five-line box waits as one word
// in a one-line box does.
TEST_F(WriteInCliTest, OneWordIsQueuedInTheLargeBoxAsInASmallOne) {
  ScanWrittenForm({}, {{"Q11", 1}, {"A3.2.other", 1}});
  std::set<std::string> got;
  for (const auto& [id, rest] : Listed(false)) got.insert(id);
  EXPECT_EQ(got, (std::set<std::string>{Id("Q11"), Id("A3.2.other")}))
      << PhieuOk({"review", "text", "list", "--all"});
}

// The threshold is a setting a person changes, logged, applied to the stored figures (no rescan).
TEST_F(WriteInCliTest, TheThresholdIsASettingAppliedWithoutRescanning) {
  ScanWrittenForm({}, {{"Q11", 1}, {"A3.2.other", 9}});
  EXPECT_EQ(PhieuOk({"review", "text", "threshold"}),
            "Write-in boxes are queued from 1 mm² of ink.\n");
  EXPECT_EQ(Listed(false).size(), 2u);
  EXPECT_EQ(PhieuOk({"review", "text", "threshold", "6", "--by", "Lê Văn C"}),
            "Write-in boxes are now queued from 6 mm² of ink.\n");
  // One word (about 5 mm²) is now under it; the line of words is not.
  std::set<std::string> got;
  for (const auto& [id, rest] : Listed(false)) got.insert(id);
  EXPECT_EQ(got, (std::set<std::string>{Id("A3.2.other")}))
      << PhieuOk({"review", "text", "list", "--all"});
  EXPECT_EQ(Value(Db(), "SELECT summary FROM event ORDER BY seq DESC LIMIT 1"),
            "write-ins are queued from 6 mm2 of ink (set by Lê Văn C)");
  for (const auto& [args, message] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"0", "--by", "An"},
            "phieu: the threshold is an inked area in mm², above 0 and at most 1000\n"},
           {{"2"}, "phieu: --by NAME is needed: who sets it\n"}}) {
    std::vector<std::string> command = {"review", "text", "threshold"};
    command.insert(command.end(), args.begin(), args.end());
    const RunResult r = Phieu(command);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.err, message);
  }
  const RunResult log = Phieu({"log", "verify"});
  EXPECT_EQ(log.exit_code, 0) << log.out << log.err;
}

TEST_F(WriteInCliTest, ATranscriptionRoundTripsToTheExportWithWhoAndWhen) {
  ScanWrittenForm();
  const RunResult shown =
      Phieu({"review", "text", "show", Id("Q11"), "--out", "q11.png"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("Ý kiến khác"), std::string::npos) << shown.out;
  EXPECT_TRUE(fs::exists(dir_ / "q11.png"));

  // A first reading, then its correction: a new record; the latest is the one exported.
  PhieuOk({"review", "text", "record", Id("Q11"), "--text", "Thủ tục cấp giấy phép", "--by", "An"});
  const std::string recorded = PhieuOk(
      {"review", "text", "record", Id("Q11"), "--text", kSentence, "--by", "Trần Thị B"});
  EXPECT_EQ(recorded.find("Recorded write-in 2: " + Id("Q11") + " = \"" + kSentence +
                          "\" (Trần Thị B, "),
            0u)
      << recorded;
  PhieuOk({"review", "text", "record", Id("A4.6.other"), "--as", "illegible", "--by", "An"});
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM writein"), 3);
  EXPECT_EQ(PhieuOk({"review", "text", "list"}), "No write-in waits to be transcribed.\n");

  PhieuOk({"export", "answers", "--with-text", "--out", "with.csv", "--xlsx", "with.xlsx"});
  const std::vector<CsvRow> rows = Csv("with.csv");
  ASSERT_EQ(rows.size(), 1u);
  const CsvRow& row = rows[0];
  EXPECT_EQ(row.at("form"), Code(0));
  EXPECT_EQ(row.at("Q11:text"), kSentence);
  EXPECT_EQ(row.at("Q11:by"), "Trần Thị B");
  EXPECT_EQ(row.at("Q11:at"), Value(Db(), "SELECT transcribed_at FROM writein WHERE id = 2"));
  EXPECT_EQ(row.at("A4.6.other:text"), "*");
  EXPECT_EQ(row.at("A4.6.other:by"), "An");
  // An empty box: nothing in its three cells.
  EXPECT_EQ(row.at("A5.7.other:text"), "");
  EXPECT_EQ(row.at("A5.7.other:by"), "");
  // The workbook carries the same words.
  const std::string sheet = CommandOutput(
      "unzip -p " + ShellQuote((dir_ / "with.xlsx").string()) + " xl/sharedStrings.xml");
  EXPECT_NE(sheet.find(kSentence), std::string::npos);
  EXPECT_NE(sheet.find("Q11:text"), std::string::npos);

  // Without the flag: no text column and no words.
  PhieuOk({"export", "answers", "--out", "without.csv", "--xlsx", "without.xlsx"});
  const std::string without = ReadText(dir_ / "without.csv");
  EXPECT_EQ(without.find("Q11:text"), std::string::npos);
  EXPECT_EQ(without.find(kSentence), std::string::npos);
  EXPECT_EQ(CommandOutput("unzip -p " + ShellQuote((dir_ / "without.xlsx").string()) +
                          " xl/sharedStrings.xml")
                .find(kSentence),
            std::string::npos);
  PhieuOk({"export", "answers", "--with-text", "--json", "--out", "with.json"});
  EXPECT_NE(ReadText(dir_ / "with.json").find("\"Q11:text\": \"" + std::string(kSentence) + "\""),
            std::string::npos);

  // The log covers the records; one edited behind phieu's back is found.
  const RunResult verified = Phieu({"log", "verify"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  Exec(Db(), "UPDATE writein SET transcribed_by = 'Ai đó' WHERE id = 2");
  const RunResult tampered = Phieu({"log", "verify"});
  EXPECT_EQ(tampered.exit_code, 1);
  EXPECT_NE((tampered.out + tampered.err).find("writein 2: changed after event"),
            std::string::npos)
      << tampered.out << tampered.err;
}

TEST_F(WriteInCliTest, ThePublishedReportNeverPrintsAWriteIn) {
  ScanWrittenForm();
  PhieuOk({"review", "text", "record", Id("Q11"), "--text", kSentence, "--by", "An"});
  PhieuOk({"verify"});
  PhieuOk({"report", "--out", "report.pdf"});
  const std::string text = CommandOutput(
      "pdftotext " + ShellQuote((dir_ / "report.pdf").string()) + " - 2>/dev/null");
  ASSERT_GT(text.size(), 1000u) << "pdftotext read nothing";
  // Whole, or any stretch of it a line break could not split.
  EXPECT_EQ(text.find(kSentence), std::string::npos);
  for (const char* part : {"rườm rà", "cần rút gọn", "giấy phép xây dựng còn"}) {
    EXPECT_EQ(text.find(part), std::string::npos) << part;
  }
}

TEST_F(WriteInCliTest, ATranscriptionThatCannotBeRightIsRefusedAndNothingIsStored) {
  ScanWrittenForm();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{Id("Q11"), "--by", "An"},
       "phieu: no text: type what is written, or record the box as illegible or empty\n"},
      {{Id("Q11"), "--text", "   ", "--by", "An"},
       "phieu: no text: type what is written, or record the box as illegible or empty\n"},
      {{Id("Q11"), "--as", "blurred", "--by", "An"},
       "phieu: a write-in is recorded as text, illegible or empty, not 'blurred'\n"},
      {{Id("Q11"), "--as", "empty", "--text", "x", "--by", "An"},
       "phieu: a box recorded as empty takes no text\n"},
      {{Id("Q11"), "--text", "?", "--by", "An"},
       "phieu: '?' alone is not a transcription: record the box as illegible\n"},
      {{Id("Q11"), "--text", "chữ", "--by", "  "}, "phieu: --by NAME is needed: who typed it\n"},
      {{Id("Q99"), "--text", "chữ", "--by", "An"},
       "phieu: form " + Code(0) + " has no write-in box 'Q99' on a page that came back\n"},
      {{Code(1) + "/Q11", "--text", "chữ", "--by", "An"},
       "phieu: form " + Code(1) + " has not come back: nothing to transcribe\n"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"review", "text", "record"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const RunResult r = Phieu(args);
    EXPECT_EQ(r.exit_code, 1) << c.message;
    EXPECT_EQ(r.err, c.message);
  }
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM writein"), 0);
  // --with-text is never anonymous.
  const RunResult anonymous =
      Phieu({"export", "answers", "--with-text", "--anonymous", "--out", "a.csv"});
  EXPECT_EQ(anonymous.exit_code, 1);
  EXPECT_NE(anonymous.err.find("--with-text names no one but is not anonymous"),
            std::string::npos)
      << anonymous.err;
}

}  // namespace
}  // namespace phieu::e2e
