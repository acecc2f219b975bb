#include "core/audit_draw.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/crypto.h"

namespace phieu {
namespace {

// Twenty accepted forms: unit A has 10, B 7, C 3. Collectors: the first five of A are DTV-1, the
// other five of A and all of B are DTV-2, C is DTV-3.
std::vector<AuditCandidate> Candidates() {
  const std::vector<std::string> a = {"AAA-222-22K", "AAA-222-23U", "AAA-222-244", "AAA-222-25C",
                                      "AAA-222-26M", "AAA-222-27V", "AAA-222-285", "AAA-222-29D",
                                      "AAA-222-2AN", "AAA-222-2BW"};
  const std::vector<std::string> b = {"BBB-222-22S", "BBB-222-232", "BBB-222-24A", "BBB-222-25J",
                                      "BBB-222-26T", "BBB-222-273", "BBB-222-28B"};
  const std::vector<std::string> c = {"CCC-222-22Y", "CCC-222-238", "CCC-222-24G"};
  std::vector<AuditCandidate> candidates;
  for (std::size_t i = 0; i < a.size(); ++i) {
    candidates.push_back({a[i], "A", i < 5 ? "DTV-1" : "DTV-2"});
  }
  for (const std::string& code : b) candidates.push_back({code, "B", "DTV-2"});
  for (const std::string& code : c) candidates.push_back({code, "C", "DTV-3"});
  return candidates;
}

// Tickets computed outside phieu, with coreutils:
//   printf '%s' "audit-2026,AAA-222-22K" | sha256sum
// Listed per unit in ascending ticket order.
const std::map<std::string, std::string> kTickets = {
    // Unit A.
    {"AAA-222-22K", "1b283eaf556649004206c38f590e86cd925ec0346b597af92b607fccbc212148"},
    {"AAA-222-26M", "2950668a3e8d68e6b1b7aedab94875fd943e69eef1c55d418fdcf0800c07098c"},
    {"AAA-222-244", "3fadb2404ba5766816ac8b35cfff88d690fbae12d38789f1a3a3fa26b188cb69"},
    {"AAA-222-2AN", "431aecd0db6be06ba26d0ce6984fccb9421c552e6d9028c8964f3c49ce156fe3"},
    {"AAA-222-2BW", "6f6754e08aecdcb538ee1b3d7ffb0ac9a3b8dba91863ba307b28719e2406ef75"},
    {"AAA-222-29D", "8506ba9ca10063edffa365ba8b720ee70d6f81aa622b8b06dd8a1506c96addfa"},
    {"AAA-222-27V", "9b319227b096effd4c820f61d985a926ad45dab81ab544459ef3fc0479eb1be1"},
    {"AAA-222-285", "a2e41628990383094f61719570d79466756349d43be1572ae27cb8cb3ca1d9b1"},
    {"AAA-222-23U", "d42ea4a57b6fccc536583a2388aa50181fd5c9c6628017bfe97c58ec038955a1"},
    {"AAA-222-25C", "f8b39566e71b8cdcda2d29f3681cb4daa1b8f957fe28b707ce088f8d144104c6"},
    // Unit B.
    {"BBB-222-25J", "22478b8395bc3ca582523e9a51928883405529ed62516c298f81f2fd1291a66f"},
    {"BBB-222-273", "314636ca6f6c3ac5f28d5a0f384025d65e339f3423cff3f2680dc92cbfe7146c"},
    {"BBB-222-28B", "508ab304403a4c8dd02592d468c1f459694512680c2ddedce74f5457c74e5d1a"},
    {"BBB-222-22S", "6d17492aafa240a91c865268a7fcac58fc2fb3c7e41ad231be4b65518d71b547"},
    {"BBB-222-26T", "8db81707fa882497bfb5a2c836112c581267d87532436bd416220d501fb1d7d8"},
    {"BBB-222-232", "bf4bba99e8d29ee89aae1add3b4d9368b6f657140ba297c0d5b8b40657ce0e56"},
    {"BBB-222-24A", "d6ca69365b2916e263b59fabfedd2dae7caa1b2fb3c184e966e1d23806162079"},
    // Unit C.
    {"CCC-222-24G", "34e7dc0da8804dace58bf4437e8cf05c51871533ecf7f83dcac025da144baf94"},
    {"CCC-222-22Y", "6738a8511166ce67dd8b8b1e71011074d364b25708fb4b675e2bd9bb3c8a55d0"},
    {"CCC-222-238", "f410eb41c6dd03b120d0156d012e5be5161e6fd6f4525972790e3377dfd5c93d"},
};

AuditDrawOptions Options(const std::string& by, double rate,
                         const std::string& seed = "audit-2026") {
  AuditDrawOptions options;
  options.seed = seed;
  options.rate = rate;
  options.by = by;
  return options;
}

std::vector<std::string> Codes(const AuditDraw& draw) {
  std::vector<std::string> codes;
  for (const AuditPick& p : draw.picks) codes.push_back(p.form_code);
  return codes;
}

// "name forms/selected" per stratum, for one readable comparison.
std::vector<std::string> Strata(const AuditDraw& draw) {
  std::vector<std::string> strata;
  for (const AuditStratum& s : draw.strata) {
    strata.push_back(s.name + " " + std::to_string(s.forms) + "/" + std::to_string(s.selected));
  }
  return strata;
}

TEST(AuditDrawTest, TicketsAreSha256OfSeedCommaCode) {
  const auto draw = DrawAudit(Candidates(), Options("", 1.0));
  ASSERT_TRUE(draw.ok()) << draw.status().message();
  ASSERT_EQ(draw->picks.size(), 20u);
  for (const AuditPick& p : draw->picks) {
    EXPECT_EQ(p.ticket, kTickets.at(p.form_code)) << p.form_code;
    EXPECT_EQ(p.ticket, Sha256Hex("audit-2026," + p.form_code)) << p.form_code;
  }
}

TEST(AuditDrawTest, TenPercentOfTwentyUnstratifiedTakesTheTwoLowestTickets) {
  // n = ceil(0.1 * 20) = 2; the lowest tickets overall are 1b28.. (A) and 2247.. (B).
  const auto draw = DrawAudit(Candidates(), Options("", 0.1));
  ASSERT_TRUE(draw.ok()) << draw.status().message();
  EXPECT_EQ(Codes(*draw), (std::vector<std::string>{"AAA-222-22K", "BBB-222-25J"}));
  EXPECT_EQ(Strata(*draw), (std::vector<std::string>{" 20/2"}));
  EXPECT_EQ(draw->picks[0].stratum, "");
  EXPECT_EQ(draw->picks[0].rank, 1);
  EXPECT_EQ(draw->picks[1].rank, 2);
  EXPECT_EQ(draw->picks[1].unit, "B");
  EXPECT_EQ(draw->picks[1].collector, "DTV-2");
  EXPECT_EQ(draw->candidates, 20);
  EXPECT_EQ(draw->seed, "audit-2026");
  EXPECT_EQ(draw->by, "");
  EXPECT_DOUBLE_EQ(draw->rate, 0.1);
  EXPECT_EQ(draw->method, kAuditDrawMethod);
}

TEST(AuditDrawTest, ByUnitEveryUnitGetsAtLeastOneEvenAboveTheRate) {
  // 10, 7 and 3 forms, rate 0.1: ceil(0.1 * 20) = 2 is below the 3 units, so 3 are drawn.
  // Proportional shares of 3: 1.5, 1.05, 0.45 -> 1, 1, 0, the spare one to the largest fraction
  // (A: 2, 1, 0); C must have one, taken from the largest (A): 1, 1, 1.
  const auto draw = DrawAudit(Candidates(), Options("unit", 0.1));
  ASSERT_TRUE(draw.ok()) << draw.status().message();
  EXPECT_EQ(Strata(*draw), (std::vector<std::string>{"A 10/1", "B 7/1", "C 3/1"}));
  EXPECT_EQ(Codes(*draw), (std::vector<std::string>{"AAA-222-22K", "BBB-222-25J", "CCC-222-24G"}));
  for (const AuditPick& p : draw->picks) {
    EXPECT_EQ(p.stratum, p.unit);
    EXPECT_EQ(p.rank, 1);
  }
}

TEST(AuditDrawTest, DrawTakesTheLowestTicketsOfEachUnitInProportion) {
  // Rate 0.25: n = 5. Shares 2.5, 1.75, 0.75 -> floors 2, 1, 0 (3 given); the two left go to the
  // largest fractions, B (.75) then C (.75, later on the tie) before A (.5): 2, 2, 1.
  const auto draw = DrawAudit(Candidates(), Options("unit", 0.25));
  ASSERT_TRUE(draw.ok()) << draw.status().message();
  EXPECT_EQ(Strata(*draw), (std::vector<std::string>{"A 10/2", "B 7/2", "C 3/1"}));
  EXPECT_EQ(Codes(*draw), (std::vector<std::string>{"AAA-222-22K", "AAA-222-26M", "BBB-222-25J",
                                                    "BBB-222-273", "CCC-222-24G"}));
  EXPECT_EQ(draw->picks[1].rank, 2);
  EXPECT_EQ(draw->picks[1].ticket, kTickets.at("AAA-222-26M"));
  EXPECT_EQ(draw->picks[4].rank, 1);
}

TEST(AuditDrawTest, ByCollectorStrataCrossUnits) {
  // Collectors DTV-1 (5 forms), DTV-2 (12: five of A, all of B), DTV-3 (3). Rate 0.25: n = 5;
  // shares 1.25, 3.0, 0.75 -> floors 1, 3, 0 (4 given); the one left to DTV-3 (.75): 1, 3, 1.
  const auto draw = DrawAudit(Candidates(), Options("collector", 0.25));
  ASSERT_TRUE(draw.ok()) << draw.status().message();
  EXPECT_EQ(Strata(*draw), (std::vector<std::string>{"DTV-1 5/1", "DTV-2 12/3", "DTV-3 3/1"}));
  // DTV-2's lowest: 2247.. (B), 3146.. (B), 431a.. (A).
  EXPECT_EQ(Codes(*draw), (std::vector<std::string>{"AAA-222-22K", "BBB-222-25J", "BBB-222-273",
                                                    "AAA-222-2AN", "CCC-222-24G"}));
  EXPECT_EQ(draw->picks[3].stratum, "DTV-2");
  EXPECT_EQ(draw->picks[3].unit, "A");
  EXPECT_EQ(draw->picks[3].rank, 3);
}

TEST(AuditDrawTest, SizeIsRateTimesFormsRoundedUp) {
  // 0.1 * 21 = 2.1 -> 3; 0.3 * 10 = 3 (3.0000000000000004 in binary) -> 3, not 4; rate 1: all.
  std::vector<AuditCandidate> twenty_one = Candidates();
  twenty_one.push_back({"DDD-222-223", "D", "DTV-4"});
  const auto a = DrawAudit(twenty_one, Options("", 0.1));
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->picks.size(), 3u);

  const std::vector<AuditCandidate> all = Candidates();
  const std::vector<AuditCandidate> ten(all.begin(), all.begin() + 10);  // unit A
  const auto b = DrawAudit(ten, Options("", 0.3));
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->picks.size(), 3u);
  // Unit A by ticket: 1b28.., 2950.., 3fad..
  EXPECT_EQ(Codes(*b), (std::vector<std::string>{"AAA-222-22K", "AAA-222-26M", "AAA-222-244"}));

  const auto c = DrawAudit(Candidates(), Options("unit", 1.0));
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(Strata(*c), (std::vector<std::string>{"A 10/10", "B 7/7", "C 3/3"}));
}

TEST(AuditDrawTest, SameInputGivesTheSamePicksWhateverTheCandidateOrder) {
  const auto first = DrawAudit(Candidates(), Options("unit", 0.25));
  std::vector<AuditCandidate> reversed = Candidates();
  std::reverse(reversed.begin(), reversed.end());
  const auto second = DrawAudit(reversed, Options("unit", 0.25));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(Codes(*first), Codes(*second));
  EXPECT_EQ(Strata(*first), Strata(*second));
}

TEST(AuditDrawTest, AnotherSeedDrawsOtherForms) {
  // Under "another-seed" (sha256sum again) A's lowest are 22K 0490.., 285 1e29..; B's 22S
  // 0124.., 25J 0136..; C's 24G 3abe..
  const auto draw = DrawAudit(Candidates(), Options("unit", 0.25, "another-seed"));
  ASSERT_TRUE(draw.ok()) << draw.status().message();
  EXPECT_EQ(Codes(*draw), (std::vector<std::string>{"AAA-222-22K", "AAA-222-285", "BBB-222-22S",
                                                    "BBB-222-25J", "CCC-222-24G"}));
  EXPECT_EQ(draw->picks[2].ticket,
            "01246543ea4cddcef2907bfe82dd3ea2791140997ee0a4f616a66ef55b615616");
  const auto first = DrawAudit(Candidates(), Options("unit", 0.25));
  EXPECT_NE(Codes(*draw), Codes(*first));
}

// Unreturned forms: the twenty codes above, so their tickets are known, as the forms that never
// came back; three accepted forms of another unit are the re-read list.
std::vector<AuditCandidate> ThreeAccepted() {
  return {{"DDD-222-223", "D", "DTV-4"}, {"DDD-222-23B", "D", "DTV-4"},
          {"DDD-222-24K", "D", "DTV-4"}};
}

std::vector<std::string> DeliveryCodes(const AuditDraw& draw) {
  std::vector<std::string> codes;
  for (const AuditPick& p : draw.delivery.picks) codes.push_back(p.form_code);
  return codes;
}

TEST(AuditDrawTest, DeliveryCheckDrawsTheLowestTicketsOfTheUnreturnedFormsApart) {
  AuditDrawOptions options = Options("", 0.1);
  options.unreturned_rate = 0.1;  // ceil(0.1 * 20) = 2: the two lowest tickets, as above
  const auto draw = DrawAudit(ThreeAccepted(), options, Candidates());
  ASSERT_TRUE(draw.ok()) << draw.status().message();
  EXPECT_EQ(DeliveryCodes(*draw), (std::vector<std::string>{"AAA-222-22K", "BBB-222-25J"}));
  for (const AuditPick& p : draw->delivery.picks) {
    EXPECT_EQ(p.ticket, Sha256Hex("audit-2026," + p.form_code)) << p.form_code;
  }
  EXPECT_EQ(draw->delivery.picks[1].rank, 2);
  EXPECT_EQ(draw->delivery.picks[1].collector, "DTV-2");
  EXPECT_EQ(draw->delivery.candidates, 20);
  EXPECT_DOUBLE_EQ(draw->delivery.rate, 0.1);
  ASSERT_EQ(draw->delivery.strata.size(), 1u);
  EXPECT_EQ(draw->delivery.strata[0].forms, 20);
  EXPECT_EQ(draw->delivery.strata[0].selected, 2);
  // The re-read list is drawn from the accepted forms only: ceil(0.1 * 3) = 1 of unit D.
  ASSERT_EQ(draw->picks.size(), 1u);
  EXPECT_EQ(draw->picks[0].unit, "D");
  EXPECT_EQ(draw->candidates, 3);
  EXPECT_EQ(draw->method, kAuditDrawMethod);
}

TEST(AuditDrawTest, DeliveryCheckNeverChangesTheReReadPicks) {
  const auto without = DrawAudit(Candidates(), Options("unit", 0.25));
  AuditDrawOptions options = Options("unit", 0.25);
  options.unreturned_rate = 0.5;
  const auto with = DrawAudit(Candidates(), options, ThreeAccepted());
  ASSERT_TRUE(without.ok() && with.ok());
  EXPECT_EQ(Codes(*with), Codes(*without));
  EXPECT_EQ(Strata(*with), Strata(*without));
  for (const AuditPick& p : with->delivery.picks) EXPECT_EQ(p.unit, "D") << p.form_code;
  for (const AuditPick& p : with->picks) EXPECT_NE(p.unit, "D") << p.form_code;
}

TEST(AuditDrawTest, DeliveryCheckTakesAtLeastOnePerStratumThatHasUnreturnedForms) {
  // Rate 0.01 of 20 by unit: ceil(0.2) = 1, below the 3 units: one each, the lowest ticket.
  AuditDrawOptions options = Options("unit", 0.1);
  options.unreturned_rate = 0.01;
  const auto draw = DrawAudit(ThreeAccepted(), options, Candidates());
  ASSERT_TRUE(draw.ok()) << draw.status().message();
  EXPECT_EQ(DeliveryCodes(*draw),
            (std::vector<std::string>{"AAA-222-22K", "BBB-222-25J", "CCC-222-24G"}));
  // One unreturned form at a tiny rate is still drawn.
  const auto one = DrawAudit(Candidates(), options, {{"DDD-222-223", "D", "DTV-4"}});
  ASSERT_TRUE(one.ok()) << one.status().message();
  EXPECT_EQ(DeliveryCodes(*one), (std::vector<std::string>{"DDD-222-223"}));
}

TEST(AuditDrawTest, DeliveryCheckIsOffAtRateZeroAndEmptyWithNoUnreturnedForm) {
  AuditDrawOptions off = Options("", 0.1);
  off.unreturned_rate = 0;
  const auto a = DrawAudit(ThreeAccepted(), off, Candidates());
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_TRUE(a->delivery.picks.empty());
  EXPECT_EQ(a->delivery.candidates, 0);
  EXPECT_DOUBLE_EQ(a->delivery.rate, 0);
  const auto b = DrawAudit(Candidates(), Options("", 0.1));
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_TRUE(b->delivery.picks.empty());
  EXPECT_DOUBLE_EQ(b->delivery.rate, 0.1);
}

TEST(AuditDrawTest, DeliveryCheckIsTheSameWhateverTheOrder) {
  AuditDrawOptions options = Options("collector", 0.1);
  options.unreturned_rate = 0.25;
  std::vector<AuditCandidate> reversed = Candidates();
  std::reverse(reversed.begin(), reversed.end());
  const auto first = DrawAudit(ThreeAccepted(), options, Candidates());
  const auto second = DrawAudit(ThreeAccepted(), options, reversed);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(DeliveryCodes(*first), DeliveryCodes(*second));
  // By collector: 5, 12, 3 forms, n = 5: 1, 3, 1 (as ByCollectorStrataCrossUnits).
  EXPECT_EQ(DeliveryCodes(*first), (std::vector<std::string>{"AAA-222-22K", "BBB-222-25J",
                                                             "BBB-222-273", "AAA-222-2AN",
                                                             "CCC-222-24G"}));
}

TEST(AuditDrawTest, MethodTextTellsBothListsAndKeepsTheOldOne) {
  EXPECT_NE(AuditDrawMethodText(kAuditDrawMethod).find("chưa thu về"), std::string::npos);
  EXPECT_NE(AuditDrawMethodText(kAuditDrawMethod).find("sha256-ticket-v2"), std::string::npos);
  EXPECT_NE(AuditDrawMethodText(kAuditDrawMethodV1).find("sha256-ticket-v1"), std::string::npos);
  EXPECT_EQ(AuditDrawMethodText("someone else's method"), "someone else's method");
}

TEST(AuditDrawTest, BadOptionsAndNoCandidatesFailSayingWhatToDo) {
  struct Case {
    std::vector<AuditCandidate> candidates;
    AuditDrawOptions options;
    std::string message;
  };
  const std::string rate_message = "--rate must be above 0 and at most 1 (e.g. 0.10 for a tenth)";
  const std::vector<Case> cases = {
      {Candidates(), Options("", 0.1, ""), "the seed is empty; publish a seed and pass --seed"},
      {Candidates(), Options("", 0.0), rate_message},
      {Candidates(), Options("", -0.1), rate_message},
      {Candidates(), Options("", 1.01), rate_message},
      {Candidates(), Options("", std::nan("")), rate_message},
      {Candidates(), Options("district", 0.1), "--by is 'unit' or 'collector', not 'district'"},
      {{},
       Options("", 0.1),
       "no form is accepted yet: run 'phieu verify' after scanning, then draw"},
  };
  AuditDrawOptions negative = Options("", 0.1);
  negative.unreturned_rate = -0.1;
  AuditDrawOptions above = Options("", 0.1);
  above.unreturned_rate = 1.5;
  for (const AuditDrawOptions& options : {negative, above}) {
    const auto draw = DrawAudit(Candidates(), options);
    ASSERT_FALSE(draw.ok());
    EXPECT_EQ(draw.status().message(),
              "--unreturned-rate must be at least 0 and at most 1 (0 turns the delivery check "
              "off)");
  }
  const auto both = DrawAudit(Candidates(), Options("", 0.1), {{"AAA-222-22K", "A", "DTV-1"}});
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.status().message(), "form AAA-222-22K is both accepted and not returned");
  for (const Case& c : cases) {
    const auto draw = DrawAudit(c.candidates, c.options);
    ASSERT_FALSE(draw.ok()) << c.message;
    EXPECT_EQ(draw.status().message(), c.message);
  }
}

}  // namespace
}  // namespace phieu
