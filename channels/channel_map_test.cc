#include "channels/channel_map.h"

#include <gtest/gtest.h>

#include "channels/channel_test_data.h"

namespace phieu {
namespace {

using channel_test::Hanoi;

TEST(ChannelMapTest, KioskLabelsMapToTheSurveysOptionCodes) {
  auto map = ParseChannelMap(channel_test::kKioskMap, "kiosk.yaml", Hanoi());
  ASSERT_TRUE(map.ok()) << map.status().message();
  EXPECT_EQ(map->channel, "tablet");
  EXPECT_EQ(map->id_column, "ma");
  EXPECT_EQ(map->date_format, DateFormat::kDayMonthYear);
  ASSERT_EQ(map->questions.size(), 4u);
  EXPECT_EQ(map->questions[2].item, "H.3");
  EXPECT_EQ(map->questions[2].column, "tieu_chi_3");
  EXPECT_EQ(map->questions[2].values.at("Hài lòng"), "2");
  EXPECT_EQ(map->questions[2].values.at("Không hài lòng"), "1");
}

TEST(ChannelMapTest, WithoutValuesTheCellsAreTheOptionCodesThemselves) {
  auto map = ParseChannelMap(channel_test::kSmsMap, "sms.yaml", Hanoi());
  ASSERT_TRUE(map.ok()) << map.status().message();
  const std::map<std::string, std::string> codes = {{"1", "1"}, {"2", "2"}};
  EXPECT_EQ(map->questions[0].values, codes);
}

TEST(ChannelMapTest, MistakesAreReportedWithTheirLines) {
  struct Case {
    const char* yaml;
    const char* message;
  };
  const Case cases[] = {
      {"id: a\nunit: b\ndate: c\nquestions:\n  H.9: x\n",
       "m.yaml:5: 'H.9' is not a question of hanoi-2014"},
      {"id: a\nunit: b\ndate: c\nquestions:\n  H5: x\n",
       "m.yaml:5: 'H5' is a free-text question: channels cannot answer it"},
      {"id: a\nunit: b\ndate: c\nvalues:\n  Tốt: \"5\"\nquestions:\n  H.1: x\n",
       "m.yaml:5: value 'Tốt' maps to '5', which is not an option of H.1 (1, 2)"},
      {"id: a\nunit: b\ndate: c\nquestions:\n  H.1: a\n",
       "m.yaml:1: column 'a' is both the id and H.1"},
      {"id: a\nunit: b\ndate: c\ncolour: red\nquestions:\n  H.1: x\n",
       "m.yaml:4: unknown key 'colour' in the channel map"},
      {"id: a\nunit: b\ndate: c\n", "m.yaml:1: the channel map has no 'questions'"},
      {"channel: fax\nid: a\nunit: b\ndate: c\nquestions:\n  H.1: x\n",
       "m.yaml:1: channel 'fax' is not one of tablet, sms, phone, web"},
      {"id: a\nunit: b\ndate: c\ndate_format: MM/DD/YYYY\nquestions:\n  H.1: x\n",
       "m.yaml:4: date_format 'MM/DD/YYYY' is not YYYY-MM-DD or DD/MM/YYYY"},
      {"- a\n- b\n", "m.yaml:1: a channel map must be a mapping with 'id', 'unit', 'date' and "
                     "'questions'"},
  };
  for (const Case& c : cases) {
    auto map = ParseChannelMap(c.yaml, "m.yaml", Hanoi());
    ASSERT_FALSE(map.ok()) << c.yaml;
    EXPECT_EQ(map.status().message(), c.message) << c.yaml;
  }
}

}  // namespace
}  // namespace phieu
