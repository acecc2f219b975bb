#include "core/page_states.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

TEST(PageStatesTest, EveryOutcomeReadsBackFromItsStoredName) {
  for (PageOutcome o : {PageOutcome::kRead, PageOutcome::kUnidentified, PageOutcome::kNotRegistered,
                        PageOutcome::kBlank, PageOutcome::kNotAForm}) {
    EXPECT_EQ(ParsePageOutcome(PageOutcomeName(o)), o) << PageOutcomeName(o);
  }
  EXPECT_EQ(PageOutcomeName(PageOutcome::kNotRegistered), "not-registered");
}

TEST(PageStatesTest, EveryIdentificationReadsBackFromItsStoredName) {
  for (PageIdentification how :
       {PageIdentification::kNone, PageIdentification::kQr, PageIdentification::kOcr}) {
    EXPECT_EQ(ParsePageIdentification(PageIdentificationName(how)), how);
  }
  EXPECT_EQ(PageIdentificationName(PageIdentification::kQr), "qr");
}

TEST(PageStatesTest, AnUnknownNameIsNotGuessed) {
  EXPECT_EQ(ParsePageOutcome("Read"), std::nullopt);
  EXPECT_EQ(ParsePageOutcome("smudged"), std::nullopt);
  EXPECT_EQ(ParsePageIdentification("barcode"), std::nullopt);
  EXPECT_EQ(ParsePageIdentification("QR"), std::nullopt);
}

}  // namespace
}  // namespace phieu
