#include "core/sample_draw.h"

#include <gtest/gtest.h>

#include <map>

namespace phieu {
namespace {

// Tickets computed outside phieu, with coreutils:
//   for id in A001 ... A010; do printf '%s' "seed1,$id" | sha256sum; done
const std::map<std::string, std::string> kIndependentTickets = {
    {"A001", "a9d010d83643ca53f08de80f1a4d4fa3e27569486017d66401f9f72ac4724175"},
    {"A002", "3fd2203eb85727092d1386ebdcd4d0f59ed2492a500a5c6ef49aea812a75c410"},
    {"A003", "73e8980a456836a97fea1357f374a924c93eb6feb1c53ec6a3bbe71aef27ce10"},
    {"A004", "318536672e7320d1d7aa538e3884b8a53815ad58c667ddcd6ae479c1a47bb5f0"},
    {"A005", "692d2e408f5bf4c0375284f11185cd1c6da349a5c20ce07686c3e0d882494190"},
    {"A006", "38aeb70499a03b56b61d520dfacf05d4077176279ce75c3db054c1f20c3f1917"},
    {"A007", "5f0da7ca225bc36925bd90eb6873c2ca65c2cc50901ca53725ffe0bddcae74fe"},
    {"A008", "4e9f18427acaa65a6f1afc55bc51d8f6c66784ef51081cca73da1e6f0c6915d8"},
    {"A009", "10f72c223095fb9680c1b051f9c8d07076033dfd0e3a391b47d70a8bcda588c0"},
    {"A010", "1670629fcb59e0a354976352b2037c2c6bd664466fe80a89cd1f7af3c4fe1d43"},
};

// A001-A006 in unit X, A007-A010 in unit Y.
std::vector<SampleRecord> Frame() {
  std::vector<SampleRecord> frame;
  for (int i = 1; i <= 10; ++i) {
    SampleRecord r;
    r.id = (i < 10 ? "A00" : "A0") + std::to_string(i);
    r.unit = i <= 6 ? "X" : "Y";
    frame.push_back(r);
  }
  return frame;
}

std::vector<std::string> Ids(const DrawResult& result, DrawRole role) {
  std::vector<std::string> ids;
  for (const auto& d : result.drawn) {
    if (d.role == role) ids.push_back(d.record.id);
  }
  return ids;
}

TEST(DrawTicketTest, MatchesSha256sumOfSeedCommaId) {
  for (const auto& [id, ticket] : kIndependentTickets) {
    EXPECT_EQ(DrawTicket("seed1", id), ticket) << id;
  }
}

TEST(DrawSampleTest, DrawsLowestTicketsPerStratumThenReserves) {
  DrawOptions options;
  options.seed = "seed1";
  options.size = 5;
  options.stratify_by = "unit";
  options.reserves = 1;
  const auto result = DrawSample(Frame(), options);
  ASSERT_TRUE(result.ok()) << result.status().message();
  // By ticket: X = A004 3185.., A006 38ae.., A002 3fd2.., A005 692d.., A003, A001;
  //            Y = A009 10f7.., A010 1670.., A008 4e9f.., A007.
  // Quotas 5*6/10 = 3 and 5*4/10 = 2.
  EXPECT_EQ(Ids(*result, DrawRole::kSampled),
            (std::vector<std::string>{"A004", "A006", "A002", "A009", "A010"}));
  EXPECT_EQ(Ids(*result, DrawRole::kReserve), (std::vector<std::string>{"A005", "A008"}));
  EXPECT_EQ(result->total_sampled, 5);
  ASSERT_EQ(result->strata.size(), 2u);
  EXPECT_EQ(result->strata[0].stratum, "X");
  EXPECT_EQ(result->strata[0].sampled, 3);
  EXPECT_EQ(result->strata[1].reserves, 1);
  EXPECT_EQ(result->drawn[0].ticket, kIndependentTickets.at("A004"));
  EXPECT_EQ(result->drawn[3].rank, 4);  // A005, the reserve after three sampled in X
}

TEST(DrawSampleTest, WithoutStrataTheWholeFrameIsOneStratum) {
  DrawOptions options;
  options.seed = "seed1";
  options.size = 3;
  const auto result = DrawSample(Frame(), options);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(Ids(*result, DrawRole::kSampled), (std::vector<std::string>{"A009", "A010", "A004"}));
}

TEST(DrawSampleTest, PerStratumIsCappedAtStratumSizeAndSaysSo) {
  DrawOptions options;
  options.seed = "seed1";
  options.per_stratum = 5;
  options.stratify_by = "unit";
  const auto result = DrawSample(Frame(), options);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->strata[0].sampled, 5);
  EXPECT_EQ(result->strata[1].sampled, 4);
  EXPECT_EQ(result->notes, (std::vector<std::string>{"stratum 'Y' has only 4 record(s): all drawn"}));
}

TEST(DrawSampleTest, MarginUsesYamane) {
  DrawOptions options;
  options.seed = "s";
  options.margin = 0.3;  // n = 10 / (1 + 10 * 0.09) = 5.26 -> 6
  const auto result = DrawSample(Frame(), options);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->total_sampled, 6);
  EXPECT_EQ(result->size_rule, "Yamane n = N/(1+N*e^2) with N = 10, e = 0.3: n = 6 (rounded up)");
}

TEST(YamaneTest, RoundsUp) {
  EXPECT_EQ(YamaneSize(1200, 0.05), 300);  // exactly 300
  EXPECT_EQ(YamaneSize(1000, 0.05), 286);  // 285.71
  EXPECT_EQ(YamaneSize(36525, 0.05), 396);  // 395.66
}

TEST(AllocationTest, ProportionalWithLargestRemainder) {
  EXPECT_EQ(AllocateProportionally({50, 30, 20}, 10), (std::vector<int>{5, 3, 2}));
  EXPECT_EQ(AllocateProportionally({3, 3, 3}, 4), (std::vector<int>{2, 1, 1}));  // tie: earlier
  EXPECT_EQ(AllocateProportionally({10, 25, 65}, 7), (std::vector<int>{1, 2, 4}));
}

TEST(AllocationTest, EveryNonEmptyStratumGetsAtLeastOne) {
  // Quotas 0.1, 0.1, 9.8 -> 0, 0, 10 -> each small stratum takes one from the largest.
  EXPECT_EQ(AllocateProportionally({1, 1, 98}, 10), (std::vector<int>{1, 1, 8}));
  EXPECT_EQ(AllocateProportionally({0, 5, 5}, 2), (std::vector<int>{0, 1, 1}));
}

struct BadDraw {
  DrawOptions options;
  const char* message;
};

TEST(DrawSampleTest, InconsistentOptionsAreRefusedWithAReason) {
  auto with = [](auto edit) {
    DrawOptions o;
    o.seed = "s";
    o.size = 3;
    o.stratify_by = "unit";
    edit(o);
    return o;
  };
  const std::vector<BadDraw> cases = {
      {with([](DrawOptions& o) { o.seed.clear(); }),
       "the seed is empty; publish a seed and pass --seed"},
      {with([](DrawOptions& o) { o.per_stratum = 2; }),
       "give exactly one of --size N, --per-stratum N or --margin E"},
      {with([](DrawOptions& o) { o.size.reset(); }),
       "give exactly one of --size N, --per-stratum N or --margin E"},
      {with([](DrawOptions& o) { o.size = 11; }),
       "sample size 11 is larger than the frame (10 records)"},
      {with([](DrawOptions& o) { o.size = 1; }),
       "sample size 1 is smaller than the number of strata (2); every stratum needs at least one"},
      {with([](DrawOptions& o) { o.stratify_by = "district"; }),
       "the frame has no column 'district' to stratify by"},
      {with([](DrawOptions& o) { o.size.reset(), o.margin = 1.5; }),
       "--margin must be between 0 and 1 (e.g. 0.05 for 5%)"},
  };
  for (const BadDraw& c : cases) {
    const auto result = DrawSample(Frame(), c.options);
    ASSERT_FALSE(result.ok()) << c.message;
    EXPECT_EQ(result.status().message(), c.message);
  }
}

}  // namespace
}  // namespace phieu
