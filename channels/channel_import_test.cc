#include "channels/channel_import.h"

#include <gtest/gtest.h>

#include "channels/channel_test_data.h"
#include "store/period_store.h"
#include "store/sample_store.h"
#include "store/scan_store.h"
#include "store/test_util.h"

namespace phieu {
namespace {

using channel_test::kKioskHeader;

// A hanoi-2014 database for 2026-Q3 whose sample has units Phường A and Xã B, with the kiosk map
// and an SMS map written beside it.
class ChannelImportTest : public testing::Test {
 protected:
  void SetUp() override {
    auto db = Database::Create(dir_.File("d.db"), BuiltinStoredSurvey("hanoi-2014"));
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(db).value();
    ASSERT_TRUE(SetPeriod(*db_, ParsePeriod("2026-Q3").value()).ok());
    std::vector<SampleRecord> people(2);
    people[0].id = "S1", people[0].unit = "Phường A";
    people[1].id = "S2", people[1].unit = "Xã B";
    ASSERT_TRUE(ImportSampleList(*db_, "list.csv", "h", people).ok());
    dir_.Write("kiosk.yaml", channel_test::kKioskMap);
    dir_.Write("sms.yaml", channel_test::kSmsMap);
  }

  Result<ChannelImportSummary> Import(const std::string& file, const std::string& channel,
                                      const std::string& map) {
    return ImportChannelFile(*db_, {dir_.File(file), channel, dir_.File(map)});
  }

  std::size_t Stored() { return LoadChannelResponses(*db_).value().size(); }

  TempFolder dir_;
  std::unique_ptr<Database> db_;
};

const std::string kTwoKioskRows = std::string(kKioskHeader) +
                                  "K-1,Phường A,02/07/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,\n"
                                  "K-2,Xã B,03/07/2026,Hài lòng,Không hài lòng,-,Hài lòng,\n";

TEST_F(ChannelImportTest, AFileIsStoredWithItsChannelAndTheSameFileAgainIsANoOp) {
  dir_.Write("kiosk.csv", kTwoKioskRows);
  auto first = Import("kiosk.csv", "tablet", "kiosk.yaml");
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_FALSE(first->already_imported);
  EXPECT_EQ(first->responses, 2);
  auto stored = LoadChannelResponses(*db_);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ((*stored)[1].channel, "tablet");
  EXPECT_EQ((*stored)[1].response.external_id, "K-2");
  EXPECT_EQ((*stored)[1].response.unit, "Xã B");
  EXPECT_EQ((*stored)[1].response.answered_on, "2026-07-03");
  const std::vector<std::pair<std::string, std::string>> answers = {
      {"H.1", "2"}, {"H.2", "1"}, {"H.3", ""}, {"H.4", "2"}};
  EXPECT_EQ((*stored)[1].response.answers, answers);

  auto again = Import("kiosk.csv", "tablet", "kiosk.yaml");
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_TRUE(again->already_imported);
  EXPECT_EQ(again->import_id, first->import_id);
  EXPECT_EQ(Stored(), 2u);
  EXPECT_TRUE(VerifyLogOf(dir_.File("d.db")).problems.empty());
}

TEST_F(ChannelImportTest, AnExternalIdAlreadyImportedIsADuplicateAndNothingOfTheFileIsStored) {
  dir_.Write("kiosk.csv", kTwoKioskRows);
  ASSERT_TRUE(Import("kiosk.csv", "tablet", "kiosk.yaml").ok());
  dir_.Write("kiosk-2.csv", std::string(kKioskHeader) +
                                "K-3,Phường A,04/07/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,\n"
                                "K-2,Xã B,05/07/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,\n");
  auto second = Import("kiosk-2.csv", "tablet", "kiosk.yaml");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().message(), dir_.File("kiosk-2.csv") +
                                           ":3: external id 'K-2' was already imported from " +
                                           dir_.File("kiosk.csv"));
  EXPECT_EQ(Stored(), 2u);
}

TEST_F(ChannelImportTest, ABadRowRefusesTheWholeFile) {
  dir_.Write("kiosk.csv", kTwoKioskRows +
                              "K-3,Phường Z,04/07/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,\n");
  auto r = Import("kiosk.csv", "tablet", "kiosk.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            dir_.File("kiosk.csv") + ":4: unit 'Phường Z' is not a unit of the sample list");
  EXPECT_EQ(Stored(), 0u);
}

TEST_F(ChannelImportTest, TheSameIdOnAnotherChannelIsAnotherAnswer) {
  dir_.Write("kiosk.csv", kTwoKioskRows);
  dir_.Write("sms.csv", "msg_id,office,date,q1,q2,q3,q4\nK-1,Phường A,2026-08-01,2,2,1,2\n");
  ASSERT_TRUE(Import("kiosk.csv", "tablet", "kiosk.yaml").ok());
  auto sms = Import("sms.csv", "sms", "sms.yaml");
  ASSERT_TRUE(sms.ok()) << sms.status().message();
  EXPECT_EQ(Stored(), 3u);
}

TEST_F(ChannelImportTest, RefusalsBeforeAnyRowIsRead) {
  dir_.Write("kiosk.csv", kTwoKioskRows);
  dir_.Write("kiosk.xlsx", "PK");
  auto wrong_map = Import("kiosk.csv", "sms", "kiosk.yaml");
  ASSERT_FALSE(wrong_map.ok());
  EXPECT_EQ(wrong_map.status().message(),
            dir_.File("kiosk.yaml") + ": the map is for channel 'tablet', not 'sms'");
  auto fax = Import("kiosk.csv", "fax", "kiosk.yaml");
  ASSERT_FALSE(fax.ok());
  EXPECT_EQ(fax.status().message(), "--channel 'fax' is not one of tablet, sms, phone, web");
  auto xlsx = Import("kiosk.xlsx", "tablet", "kiosk.yaml");
  ASSERT_FALSE(xlsx.ok());
  EXPECT_EQ(xlsx.status().message(),
            dir_.File("kiosk.xlsx") +
                ": spreadsheet files cannot be read here (Debian 12 has no library that reads "
                "XLSX); save it as CSV UTF-8, e.g. 'xlsx2csv " + dir_.File("kiosk.xlsx") +
                " > answers.csv' (Debian package xlsx2csv), and import that");
  EXPECT_EQ(Stored(), 0u);
}

TEST_F(ChannelImportTest, ADatabaseWithoutAPeriodCannotImport) {
  auto db = Database::Create(dir_.File("e.db"), BuiltinStoredSurvey("hanoi-2014"));
  ASSERT_TRUE(db.ok());
  dir_.Write("kiosk.csv", kTwoKioskRows);
  auto r = ImportChannelFile(**db, {dir_.File("kiosk.csv"), "tablet", dir_.File("kiosk.yaml")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            dir_.File("e.db") +
                " has no period: set it first with 'phieu period set 2026-Q3' (a year, a quarter "
                "or a month): channel answers must be dated inside it");
}

TEST_F(ChannelImportTest, ThePeriodIsFixedOnceAChannelFileIsImported) {
  EXPECT_TRUE(SetPeriod(*db_, ParsePeriod("2026-Q4").value()).ok());
  EXPECT_TRUE(SetPeriod(*db_, ParsePeriod("2026-Q3").value()).ok());
  dir_.Write("kiosk.csv", kTwoKioskRows);
  ASSERT_TRUE(Import("kiosk.csv", "tablet", "kiosk.yaml").ok());
  const Status changed = SetPeriod(*db_, ParsePeriod("2026-Q4").value());
  EXPECT_EQ(changed.message(), dir_.File("d.db") +
                                   ": the period is 2026-Q3 and cannot change: 1 channel file "
                                   "has been imported in it; start a new database for another "
                                   "period");
  EXPECT_TRUE(SetPeriod(*db_, ParsePeriod("2026-Q3").value()).ok());  // the same: nothing to do
  EXPECT_EQ(LoadPeriod(*db_).value()->text, "2026-Q3");
  EXPECT_TRUE(VerifyLogOf(dir_.File("d.db")).problems.empty());
}

}  // namespace
}  // namespace phieu
