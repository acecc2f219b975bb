#include "core/sample_list.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

TEST(SampleListTest, ReadsKnownColumnsAndKeepsOthersAsAttributes) {
  const auto records = ParseSampleList(
      "ID,Unit,name,completed_on,household_size\n"
      "S0001,Phường Đông Hòa,\"Nguyễn Văn An\",2026-03-02,4\n",
      "s.csv");
  ASSERT_TRUE(records.ok()) << records.status().message();
  ASSERT_EQ(records->size(), 1u);
  const SampleRecord& r = records->front();
  EXPECT_EQ(r.id, "S0001");
  EXPECT_EQ(r.unit, "Phường Đông Hòa");
  EXPECT_EQ(r.name, "Nguyễn Văn An");
  EXPECT_EQ(r.completed_on, "2026-03-02");
  ASSERT_EQ(r.attributes.size(), 1u);
  EXPECT_EQ(*r.Column("household_size"), "4");
  EXPECT_EQ(*r.Column("unit"), "Phường Đông Hòa");
  EXPECT_EQ(r.Column("nope"), nullptr);
  EXPECT_EQ(r.line, 2);
}

TEST(SampleListTest, MissingRequiredColumnIsNamed) {
  const auto records = ParseSampleList("id,name\nS1,An\n", "s.csv");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().message(),
            "s.csv:1: required column 'unit' is missing (the header has: id, name)");
}

TEST(SampleListTest, ReportsEveryBadLineNotOnlyTheFirst) {
  const auto records = ParseSampleList(
      "id,unit,completed_on\n"
      "S1,U1,2026-01-05\n"
      ",U1,\n"
      "S3,,\n"
      "S1,U2,\n"
      "S5,U2,2026-02-30\n",
      "samples.csv");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().message(),
            "samples.csv:3: id is empty\n"
            "samples.csv:4: unit is empty for id 'S3'\n"
            "samples.csv:5: id 'S1' appears twice (first on line 2)\n"
            "samples.csv:6: completed_on '2026-02-30' is not a date written YYYY-MM-DD");
}

TEST(SampleListTest, DuplicateColumnIsAnError) {
  const auto records = ParseSampleList("id,unit,ID\nS1,U,S1\n", "s.csv");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().message(), "s.csv:1: column 'id' appears twice in the header");
}

}  // namespace
}  // namespace phieu
