#include "core/sample_rules.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

SampleRecord Person(const std::string& id, const std::string& name = "Nguyễn Văn An") {
  SampleRecord r;
  r.id = id;
  r.unit = "Phường 1";
  r.name = name;
  return r;
}

ExistingMember Member(const std::string& id, MemberStatus status, bool drawn = true) {
  return {Person(id), status, drawn, drawn ? "Phường 1" : ""};
}

TEST(SampleRulesTest, MemberStatusNamesReadBackAndUnknownNamesAreNotGuessed) {
  for (MemberStatus s : {MemberStatus::kSampled, MemberStatus::kReserve, MemberStatus::kReplaced}) {
    EXPECT_EQ(ParseMemberStatus(MemberStatusName(s)), s);
  }
  EXPECT_EQ(ParseMemberStatus("withdrawn"), std::nullopt);
  EXPECT_EQ(ParseMemberStatus("Sampled"), std::nullopt);
}

TEST(SampleRulesTest, AnImportAddsNewPeopleAndKeepsThoseAlreadySampledWithTheSameData) {
  EXPECT_EQ(RuleOnImport(Person("S1"), std::nullopt).outcome, ImportOutcome::kAdd);
  const ImportRuling same = RuleOnImport(Person("S1"), Member("S1", MemberStatus::kSampled));
  EXPECT_EQ(same.outcome, ImportOutcome::kUnchanged);
  EXPECT_TRUE(same.reason.empty());
}

TEST(SampleRulesTest, AnImportThatWouldChangeHideOrBringBackSomeoneIsRefusedSayingWhy) {
  const ImportRuling changed =
      RuleOnImport(Person("S1", "Trần Thị Bình"), Member("S1", MemberStatus::kSampled));
  EXPECT_EQ(changed.outcome, ImportOutcome::kRefused);
  EXPECT_NE(changed.reason.find("'S1'"), std::string::npos);
  EXPECT_NE(changed.reason.find("different data"), std::string::npos);

  const ImportRuling reserve = RuleOnImport(Person("S2"), Member("S2", MemberStatus::kReserve));
  EXPECT_EQ(reserve.outcome, ImportOutcome::kRefused);
  EXPECT_NE(reserve.reason.find("phieu sample replace"), std::string::npos);

  const ImportRuling replaced = RuleOnImport(Person("S3"), Member("S3", MemberStatus::kReplaced));
  EXPECT_EQ(replaced.outcome, ImportOutcome::kRefused);
  EXPECT_NE(replaced.reason.find("replaced"), std::string::npos);
}

TEST(SampleRulesTest, ADrawRepeatsTheStoredOneOnlyWithTheSameSeedFrameAndRules) {
  const DrawInfo stored{"2026-seed", "m", "frame.csv", "abc", 100, "unit", "size 20", 2};
  DrawInfo again = stored;
  again.frame_file = "copy-of-frame.csv";  // the same bytes under another name
  EXPECT_TRUE(IsSameDraw(stored, again));
  for (auto change : std::vector<void (*)(DrawInfo&)>{
           [](DrawInfo& d) { d.seed = "other"; }, [](DrawInfo& d) { d.method = "v2"; },
           [](DrawInfo& d) { d.frame_sha256 = "abd"; }, [](DrawInfo& d) { d.stratify_by = ""; },
           [](DrawInfo& d) { d.size_rule = "size 21"; }, [](DrawInfo& d) { d.reserves = 3; }}) {
    DrawInfo other = stored;
    change(other);
    EXPECT_FALSE(IsSameDraw(stored, other));
  }
}

TEST(SampleRulesTest, OnlyAKnownReasonMayReplaceAPersonAndTheErrorListsThem) {
  for (const std::string& reason : ReplacementReasons()) {
    EXPECT_TRUE(CheckReplacementReason(reason).ok()) << reason;
  }
  const Status unknown = CheckReplacementReason("busy");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.message(),
            "unknown reason 'busy'; use moved, deceased, absent, refused or wrong-address");
}

TEST(SampleRulesTest, OnlyASampledPersonFromADrawHereMayBeReplaced) {
  EXPECT_TRUE(CheckReplaceable("S1", Member("S1", MemberStatus::kSampled)).ok());

  EXPECT_EQ(CheckReplaceable("S9", std::nullopt).message(), "'S9' is not in the sample");
  EXPECT_EQ(CheckReplaceable("S2", Member("S2", MemberStatus::kReserve)).message(),
            "'S2' is an unused reserve, not a sampled person");
  EXPECT_EQ(CheckReplaceable("S3", Member("S3", MemberStatus::kReplaced), "S7", "2026-05-02")
                .message(),
            "'S3' was already replaced by 'S7' on 2026-05-02");
  EXPECT_EQ(CheckReplaceable("S4", Member("S4", MemberStatus::kSampled, /*drawn=*/false)).message(),
            "'S4' came from an imported list, which has no reserves to replace it");
}

TEST(SampleRulesTest, TheNextReserveIsTheUnusedOneWithTheLowestRankWhateverTheListOrder) {
  const std::vector<StratumEntry> stratum = {{"R3", 7, MemberStatus::kReserve},
                                             {"S1", 1, MemberStatus::kReplaced},
                                             {"R1", 5, MemberStatus::kSampled},  // used already
                                             {"R2", 6, MemberStatus::kReserve},
                                             {"S2", 2, MemberStatus::kSampled}};
  const Result<std::string> next = NextReserve("Phường 1", "S2", stratum);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, "R2");
}

TEST(SampleRulesTest, AStratumWithEveryReserveInUseHasNoneToGiveAndSaysWhich) {
  const std::vector<StratumEntry> stratum = {{"S1", 1, MemberStatus::kSampled},
                                             {"R1", 2, MemberStatus::kSampled}};
  const Result<std::string> next = NextReserve("Phường 1", "S1", stratum);
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.status().message(),
            "no reserve left in stratum 'Phường 1' to replace 'S1'; every reserve drawn for it "
            "is in use");
}

}  // namespace
}  // namespace phieu
