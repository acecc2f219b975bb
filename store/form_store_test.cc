#include "store/form_store.h"

#include <gtest/gtest.h>

#include "store/sample_store.h"
#include "store/test_util.h"

namespace phieu {
namespace {

// Codes from a counter, so tests know what comes next.
std::function<std::string()> Counter() {
  auto next = std::make_shared<int>(0);
  return [next] { return "C" + std::to_string(++*next); };
}

StoredTemplate Template(const std::string& id = "ABCD1234") {
  return {id, "hash", "yaml", "{}", 4};
}

std::unique_ptr<Database> DatabaseWithSample(const TempFolder& dir) {
  auto db = CreateTestDatabase(dir.File("a.db"));
  std::vector<SampleRecord> list;
  for (const char* id : {"S1", "S2", "S3"}) {
    SampleRecord r;
    r.id = id;
    r.unit = id == std::string("S3") ? "U2" : "U1";
    r.collector = "ĐTV-01";
    list.push_back(r);
  }
  EXPECT_TRUE(ImportSampleList(*db, "l.csv", "h", list).ok());
  return db;
}

std::vector<std::string> Codes(const std::vector<FormRecord>& forms) {
  std::vector<std::string> codes;
  for (const auto& f : forms) codes.push_back(f.code);
  return codes;
}

TEST(FormStoreTest, IssuingTwiceReusesTheSameCodes) {
  TempFolder dir;
  auto db = DatabaseWithSample(dir);
  auto codes = Counter();
  auto first = IssueForms(*db, Template(), {}, codes);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(Codes(*first), (std::vector<std::string>{"C1", "C2", "C3"}));
  EXPECT_EQ(first->front().sample_id, "S1");
  EXPECT_EQ(first->front().pages, 4);
  auto second = IssueForms(*db, Template(), {}, codes);
  EXPECT_EQ(Codes(*second), Codes(*first));
  auto template_stored = LoadTemplate(*db, "ABCD1234");
  ASSERT_TRUE(template_stored.ok() && template_stored->has_value());
  EXPECT_EQ((*template_stored)->pages, 4);
}

TEST(FormStoreTest, SelectionByUnitIssuesOnlyThatShare) {
  TempFolder dir;
  auto db = DatabaseWithSample(dir);
  auto forms = IssueForms(*db, Template(), {"U2", "", false}, Counter());
  ASSERT_TRUE(forms.ok());
  ASSERT_EQ(forms->size(), 1u);
  EXPECT_EQ(forms->front().sample_id, "S3");
  EXPECT_EQ(ListForms(*db, {})->size(), 1u);
}

TEST(FormStoreTest, ReissueVoidsTheOldCodeAndIssuesANewOne) {
  TempFolder dir;
  auto db = DatabaseWithSample(dir);
  auto codes = Counter();
  ASSERT_TRUE(IssueForms(*db, Template(), {}, codes).ok());
  auto fresh = ReissueForm(*db, "C2", "lost", Template(), codes);
  ASSERT_TRUE(fresh.ok()) << fresh.status().message();
  EXPECT_EQ(fresh->code, "C4");
  EXPECT_EQ(fresh->sample_id, "S2");
  EXPECT_EQ(fresh->replaces, "C2");
  const auto all = ListForms(*db, {});
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ(all->at(1).code, "C2");
  EXPECT_EQ(all->at(1).status, FormStatus::kVoided);
  EXPECT_EQ(all->at(1).void_reason, "lost");
  EXPECT_EQ(Codes(*IssueForms(*db, Template(), {}, codes)), (std::vector<std::string>{"C1", "C4", "C3"}));
  EXPECT_EQ(ReissueForm(*db, "C2", "lost", Template(), codes).status().message(),
            "form 'C2' is already voided");
  EXPECT_EQ(ReissueForm(*db, "ZZZ", "lost", Template(), codes).status().message(),
            "no form with code 'ZZZ' was issued");
}

TEST(FormStoreTest, ACodeClashIsSkipped) {
  TempFolder dir;
  auto db = DatabaseWithSample(dir);
  auto repeating = [n = 0]() mutable { return std::string(++n <= 2 ? "SAME" : "C" + std::to_string(n)); };
  auto forms = IssueForms(*db, Template(), {}, repeating);
  ASSERT_TRUE(forms.ok()) << forms.status().message();
  EXPECT_EQ(Codes(*forms), (std::vector<std::string>{"SAME", "C3", "C4"}));
}

TEST(FormStoreTest, PrintRunsRecordWhereEachFormStarts) {
  TempFolder dir;
  auto db = DatabaseWithSample(dir);
  ASSERT_TRUE(IssueForms(*db, Template(), {}, Counter()).ok());
  ASSERT_TRUE(RecordPrintRun(*db, "a.pdf", "sha", 12, {{"C1", 1}, {"C2", 5}, {"C3", 9}}).ok());
  ASSERT_TRUE(RecordPrintRun(*db, "b.pdf", "sha2", 4, {{"C2", 1}}).ok());
  const auto forms = ListForms(*db, {});
  EXPECT_EQ(forms->at(0).printed_file, "a.pdf");
  EXPECT_EQ(forms->at(2).first_page, 9);
  EXPECT_EQ(forms->at(1).printed_file, "b.pdf");  // the latest print
  EXPECT_EQ(forms->at(1).first_page, 1);
}

}  // namespace
}  // namespace phieu
