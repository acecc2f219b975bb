#include "reports/tally.h"

#include <gtest/gtest.h>

#include "reports/report_test_data.h"
#include "reports/tally_csv.h"
#include "reports/tally_xlsx.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace phieu::report_test {
namespace {

IndexFormula Sipas() {
  IndexFormula f;
  f.name = "t";
  f.satisfied = {"4", "5"};
  return f;
}

FormResult Returned(const std::string& code, const std::string& unit, Verdict verdict,
                    const std::string& a1, const std::vector<std::string>& q) {
  FormResult f = Form(a1, q);
  f.code = code;
  f.sample_id = "S-" + code;
  f.unit = unit;
  f.collector = unit == "U1" ? "Lan" : "Minh";
  f.in_sample = true;
  f.verdict = verdict;
  return f;
}

VerifyResult Result3() {
  VerifyResult r;
  r.forms = {Returned("F1", "U1", Verdict::kAccepted, "1", {"5", "5", "5", "5"}),
             Returned("F2", "U2", Verdict::kAccepted, "2", {"1", "1", "1", "1"}),
             Returned("F3", "U2", Verdict::kNeedsReview, "2", {"5", "?", "5", "5"}),
             Returned("F4", "U1", Verdict::kRejected, "1", {"5", "5", "5", "5"})};
  return r;
}

std::map<std::string, SampleRecord> Sample() {
  std::map<std::string, SampleRecord> sample;
  for (const char* code : {"F1", "F2", "F3", "F4"}) {
    SampleRecord& r = sample["S-" + std::string(code)];
    r.id = "S-" + std::string(code);
    r.attributes = {{"district", std::string(code) == "F1" ? "D1" : "D2"}};
  }
  return sample;
}

TEST(TallyTest, OnlyAcceptedFormsCountAndTheOthersAreReported) {
  auto t = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->accepted, 2);
  EXPECT_EQ(t->needs_review, 1);
  EXPECT_EQ(t->rejected, 1);
  EXPECT_EQ(t->all.forms, 2);
  EXPECT_NEAR(t->all.overall, 50.0, 1e-9);  // F1 all satisfied, F2 none
}

TEST(TallyTest, BreaksDownByUnitCollectorColumnOrAnswer) {
  auto by_unit = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "unit");
  ASSERT_TRUE(by_unit.ok());
  ASSERT_EQ(by_unit->parts.size(), 2u);
  EXPECT_EQ(by_unit->parts[0].value, "U1");
  EXPECT_NEAR(by_unit->parts[0].indexes.overall, 100.0, 1e-9);
  EXPECT_EQ(by_unit->parts[1].value, "U2");
  EXPECT_NEAR(by_unit->parts[1].indexes.overall, 0.0, 1e-9);
  EXPECT_EQ(by_unit->parts[1].indexes.forms, 1);  // F3 waits for review

  auto by_district = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "district");
  ASSERT_TRUE(by_district.ok());
  EXPECT_EQ(by_district->parts[0].value, "D1");

  auto by_sex = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "A1");
  ASSERT_TRUE(by_sex.ok());
  ASSERT_EQ(by_sex->parts.size(), 2u);
  EXPECT_EQ(by_sex->parts[0].value, "f");  // option labels, in label order
  EXPECT_EQ(by_sex->parts[1].value, "m");
}

TEST(TallyTest, AnUnknownBreakdownNamesWhatIsKnown) {
  auto t = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "province");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("use unit, collector, channel, procedure, agency, completed_on, district"),
            std::string::npos)
      << t.status().message();
}

TEST(TallyTest, CsvHasOneRowPerOverallGroupAndItemWithOptionCounts) {
  auto t = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "");
  ASSERT_TRUE(t.ok());
  const std::string csv = TallyCsv(TestSurvey(), *t);
  EXPECT_TRUE(csv.starts_with("part,kind,code,title,forms,valid,satisfied,index,blank,invalid,"
                              "review,missing,option 1,option 2,option 3,option 4,option 5\r\n"))
      << csv;
  EXPECT_NE(csv.find("\r\n,overall,,,2,,,50.00,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\n,group,E1,Element 1,2,4,,50.00,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\n,item,Q.1,r1,2,2,1,50.00,0,0,0,0,1,0,0,0,1\r\n"), std::string::npos) << csv;
}

// The workbook's sheet names and strings, read with Python's zipfile (outside phieu).
std::string XlsxText(const std::string& path) {
  const std::string command =
      "/usr/bin/python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
      "print(z.read('xl/workbook.xml').decode()); print(z.read('xl/sharedStrings.xml').decode())\" " +
      path;
  std::string text;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) text.append(buffer, n);
    pclose(pipe);
  }
  return text;
}

TEST(TallyTest, WorkbookHasTheIndexCountBreakdownAndCoverageSheetsAndIsReproducible) {
  auto t = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "unit");
  ASSERT_TRUE(t.ok());
  const auto dir = std::filesystem::temp_directory_path();
  const std::string a = (dir / ("phieu-tally-a-" + std::to_string(getpid()) + ".xlsx")).string();
  const std::string b = (dir / ("phieu-tally-b-" + std::to_string(getpid()) + ".xlsx")).string();
  ASSERT_TRUE(WriteTallyXlsx(TestSurvey(), *t, a).ok());
  ASSERT_TRUE(WriteTallyXlsx(TestSurvey(), *t, b).ok());
  const std::string text = XlsxText(a);
  for (const char* sheet : {"Chỉ số", "Số liệu", "Theo unit", "Độ bao phủ"}) {
    EXPECT_NE(text.find("<sheet name=\"" + std::string(sheet) + "\""), std::string::npos) << sheet;
  }
  EXPECT_NE(text.find("Element 1"), std::string::npos);
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  const std::string bytes_a((std::istreambuf_iterator<char>(fa)), {});
  const std::string bytes_b((std::istreambuf_iterator<char>(fb)), {});
  EXPECT_FALSE(bytes_a.empty());
  EXPECT_EQ(bytes_a, bytes_b);
  std::filesystem::remove(a);
  std::filesystem::remove(b);
}

TEST(TallyTest, AWorkbookThatCannotBeWrittenSaysWhere) {
  auto t = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "");
  ASSERT_TRUE(t.ok());
  const Status s = WriteTallyXlsx(TestSurvey(), *t, "/no/such/folder/t.xlsx");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/no/such/folder/t.xlsx"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace phieu::report_test
