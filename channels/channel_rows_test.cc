#include "channels/channel_rows.h"

#include <gtest/gtest.h>

#include "channels/channel_test_data.h"

namespace phieu {
namespace {

using channel_test::Hanoi;
using channel_test::kKioskHeader;
using channel_test::Q3Rules;

ChannelMap KioskMap() { return ParseChannelMap(channel_test::kKioskMap, "kiosk.yaml", Hanoi()).value(); }

TEST(ChannelRowsTest, KioskRowsBecomeResponsesWithOptionCodes) {
  const std::string csv = std::string(kKioskHeader) +
                          "K-1,Phường A,02/07/2026,Hài lòng,Không hài lòng,Hài lòng,-,ok\n"
                          "K-2,Xã B,30/09/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,\n";
  auto rows = ReadChannelRows(csv, "kiosk.csv", KioskMap(), Q3Rules());
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 2u);
  const ChannelResponse& first = (*rows)[0];
  EXPECT_EQ(first.external_id, "K-1");
  EXPECT_EQ(first.unit, "Phường A");
  EXPECT_EQ(first.answered_on, "2026-07-02");
  EXPECT_EQ(first.line, 2);
  const std::vector<std::pair<std::string, std::string>> answers = {
      {"H.1", "2"}, {"H.2", "1"}, {"H.3", "2"}, {"H.4", ""}};
  EXPECT_EQ(first.answers, answers);
  EXPECT_EQ((*rows)[1].answered_on, "2026-09-30");
}

// Each refusal names the file and the line, and no row is returned.
TEST(ChannelRowsTest, EveryBadRowIsRefusedWithFileAndLine) {
  struct Case {
    const char* name;
    std::string csv;
    std::string message;
  };
  const std::string good = "K-1,Phường A,02/07/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,\n";
  const Case cases[] = {
      {"unknown column",
       "ma,don_vi,ngay,tieu_chi_1,tieu_chi_2,tieu_chi_3,tieu_chi_4,ghi_chu,diem\n"
       "K-1,Phường A,02/07/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,,9\n",
       "kiosk.csv:1: column 'diem' is not in the map: add it to 'questions' or to 'ignore'"},
      {"column twice",
       "ma,don_vi,ngay,tieu_chi_1,tieu_chi_2,tieu_chi_3,tieu_chi_4,ghi_chu,tieu_chi_2\n"
       "K-1,Phường A,02/07/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,,Tốt\n",
       "kiosk.csv:1: column 'tieu_chi_2' appears twice"},
      {"missing column",
       "ma,don_vi,ngay,tieu_chi_1,tieu_chi_2,tieu_chi_3,ghi_chu\n"
       "K-1,Phường A,02/07/2026,Hài lòng,Hài lòng,Hài lòng,\n",
       "kiosk.csv:1: no column 'tieu_chi_4' (H.4 in the map)"},
      {"unmapped value", kKioskHeader + good +
           "K-2,Phường A,03/07/2026,Hài lòng,Tốt,Hài lòng,Hài lòng,\n",
       "kiosk.csv:3: value 'Tốt' in column 'tieu_chi_2' (H.2) is not in the map (known: Hài "
       "lòng, Không hài lòng)"},
      {"unknown office", kKioskHeader + good +
           "K-2,Phường Z,03/07/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,\n",
       "kiosk.csv:3: unit 'Phường Z' is not a unit of the sample list"},
      {"date outside the period", kKioskHeader + good +
           "K-2,Phường A,01/10/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,\n",
       "kiosk.csv:3: date 2026-10-01 is outside the period 2026-Q3 (2026-07-01..2026-09-30)"},
      {"not a date", kKioskHeader + good +
           "K-2,Phường A,2026-07-03,Hài lòng,Hài lòng,Hài lòng,Hài lòng,\n",
       "kiosk.csv:3: date '2026-07-03' is not DD/MM/YYYY"},
      {"duplicate external id", kKioskHeader + good + good,
       "kiosk.csv:3: external id 'K-1' appears twice (first on line 2)"},
      {"no external id", kKioskHeader + good +
           ",Phường A,03/07/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,\n",
       "kiosk.csv:3: no external id (column 'ma')"},
      {"malformed file", kKioskHeader + good + "K-2,Phường A,03/07/2026,Hài lòng\n",
       "kiosk.csv:3: 4 field(s), but the header has 8"},
      {"header only", kKioskHeader, "kiosk.csv: a header but no answers"},
  };
  for (const Case& c : cases) {
    auto rows = ReadChannelRows(c.csv, "kiosk.csv", KioskMap(), Q3Rules());
    ASSERT_FALSE(rows.ok()) << c.name;
    EXPECT_EQ(rows.status().message(), c.message) << c.name;
  }
}

TEST(ChannelRowsTest, EveryProblemOfAFileIsListedNotOnlyTheFirst) {
  const std::string csv = std::string(kKioskHeader) +
                          "K-1,Phường Z,02/07/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,\n"
                          "K-2,Phường A,02/06/2026,Hài lòng,Hài lòng,Hài lòng,Hài lòng,\n";
  auto rows = ReadChannelRows(csv, "kiosk.csv", KioskMap(), Q3Rules());
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(),
            "kiosk.csv:2: unit 'Phường Z' is not a unit of the sample list\n"
            "kiosk.csv:3: date 2026-06-02 is outside the period 2026-Q3 (2026-07-01..2026-09-30)");
}

}  // namespace
}  // namespace phieu
