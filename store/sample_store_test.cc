#include "store/sample_store.h"

#include <gtest/gtest.h>

#include "store/test_util.h"

namespace phieu {
namespace {

SampleRecord Person(const std::string& id, const std::string& unit, int line = 0) {
  SampleRecord r;
  r.id = id;
  r.unit = unit;
  r.name = "Người " + id;
  r.line = line;
  return r;
}

std::vector<std::string> Ids(const std::vector<SampleMember>& members) {
  std::vector<std::string> ids;
  for (const auto& m : members) ids.push_back(m.record.id);
  return ids;
}

std::vector<std::string> ListIds(Database& db, bool all = false, const std::string& unit = "") {
  auto members = ListSample(db, {unit, all});
  EXPECT_TRUE(members.ok()) << members.status().message();
  return Ids(*members);
}

TEST(SampleStoreTest, ImportKeepsFileOrderAttributesAndIsIdempotent) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  std::vector<SampleRecord> list = {Person("S2", "U1"), Person("S1", "U2")};
  list[0].attributes = {{"household", "4"}};
  auto first = ImportSampleList(*db, "list.csv", "hash1", list);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->added, 2);
  auto again = ImportSampleList(*db, "list.csv", "hash1", list);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_imported);
  EXPECT_EQ(ListIds(*db), (std::vector<std::string>{"S2", "S1"}));
  auto members = ListSample(*db, {});
  EXPECT_EQ(members->front().record.attributes, list[0].attributes);
  EXPECT_EQ(ListIds(*db, false, "U2"), (std::vector<std::string>{"S1"}));
}

TEST(SampleStoreTest, OverlappingFileAddsOnlyNewPeople) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  ASSERT_TRUE(ImportSampleList(*db, "a.csv", "h1", {Person("S1", "U1")}).ok());
  auto second = ImportSampleList(*db, "b.csv", "h2", {Person("S1", "U1"), Person("S3", "U1")});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->added, 1);
  EXPECT_EQ(second->unchanged, 1);
}

TEST(SampleStoreTest, ConflictingImportFailsWholeAndLeavesNothingBehind) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  ASSERT_TRUE(ImportSampleList(*db, "a.csv", "h1", {Person("S1", "U1")}).ok());
  SampleRecord changed = Person("S1", "U9", 3);
  auto bad = ImportSampleList(*db, "b.csv", "h2", {Person("S5", "U1", 2), changed});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "b.csv:3: id 'S1' is already in the sample with different data");
  EXPECT_EQ(ListIds(*db), (std::vector<std::string>{"S1"}));  // S5 was not added
  // The failed file was not recorded as imported: fixing it and importing again works.
  EXPECT_TRUE(ImportSampleList(*db, "b.csv", "h2", {Person("S5", "U1")}).ok());
}

DrawResult DrawTen(int reserves) {
  std::vector<SampleRecord> frame;
  for (int i = 0; i < 10; ++i) frame.push_back(Person("F" + std::to_string(i), i < 6 ? "X" : "Y"));
  DrawOptions options;
  options.seed = "seed";
  options.size = 4;
  options.stratify_by = "unit";
  options.reserves = reserves;
  return DrawSample(frame, options).value();
}

DrawInfo Info() { return {"seed", std::string(kDrawMethod), "frame.csv", "fh", 10, "unit", "size 4", 2}; }

TEST(SampleStoreTest, DrawIsStoredWithTicketsAndCanBeShownAgain) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  const DrawResult result = DrawTen(2);
  ASSERT_TRUE(SaveDraw(*db, Info(), result).ok());
  auto loaded = LoadDraw(*db);
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  const StoredDraw& draw = **loaded;
  EXPECT_EQ(draw.info.seed, "seed");
  EXPECT_EQ(draw.info.frame_sha256, "fh");
  ASSERT_EQ(draw.entries.size(), result.drawn.size());
  for (std::size_t i = 0; i < result.drawn.size(); ++i) {
    EXPECT_EQ(draw.entries[i].id, result.drawn[i].record.id);
    EXPECT_EQ(draw.entries[i].ticket, DrawTicket("seed", result.drawn[i].record.id));
    EXPECT_EQ(draw.entries[i].drawn_as, result.drawn[i].role);
  }
  EXPECT_EQ(ListIds(*db).size(), 4u);        // sampled only
  EXPECT_EQ(ListIds(*db, true).size(), 8u);  // with the reserves
}

TEST(SampleStoreTest, SameDrawAgainIsANoOpAndAnotherDrawIsRefused) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  ASSERT_TRUE(SaveDraw(*db, Info(), DrawTen(2)).ok());
  auto again = SaveDraw(*db, Info(), DrawTen(2));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->already_drawn);
  DrawInfo other = Info();
  other.seed = "another";
  auto refused = SaveDraw(*db, other, DrawTen(2));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().message().starts_with(
      "this database already holds a draw (seed 'seed', drawn "));
  EXPECT_EQ(ListIds(*db, true).size(), 8u);
}

TEST(SampleStoreTest, ReplacementTakesTheNextReserveOfTheSameStratumInOrder) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  const DrawResult result = DrawTen(2);
  ASSERT_TRUE(SaveDraw(*db, Info(), result).ok());
  std::vector<std::string> x_sampled, x_reserves;
  for (const auto& d : result.drawn) {
    if (d.stratum != "X") continue;
    (d.role == DrawRole::kSampled ? x_sampled : x_reserves).push_back(d.record.id);
  }
  ASSERT_EQ(x_sampled.size(), 2u);
  ASSERT_EQ(x_reserves.size(), 2u);

  auto first = ReplaceSampleMember(*db, x_sampled[0], "moved");
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->reserve_id, x_reserves[0]);
  auto second = ReplaceSampleMember(*db, x_sampled[1], "refused");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->reserve_id, x_reserves[1]);

  // No reserve left in X: the third replacement fails and changes nothing.
  auto third = ReplaceSampleMember(*db, x_reserves[0], "absent");
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().message(), "no reserve left in stratum 'X' to replace '" +
                                          x_reserves[0] + "'; every reserve drawn for it is in use");

  auto twice = ReplaceSampleMember(*db, x_sampled[0], "moved");
  ASSERT_FALSE(twice.ok());
  EXPECT_TRUE(twice.status().message().starts_with("'" + x_sampled[0] + "' was already replaced by '" +
                                                   x_reserves[0] + "' on "));

  auto members = ListSample(*db, {"X", true});
  for (const auto& m : *members) {
    if (m.record.id == x_sampled[0]) {
      EXPECT_EQ(m.status, MemberStatus::kReplaced);
      EXPECT_EQ(m.replaced_by, x_reserves[0]);
    }
    if (m.record.id == x_reserves[0]) {
      EXPECT_EQ(m.status, MemberStatus::kSampled);
      EXPECT_EQ(m.replaces, x_sampled[0]);
    }
  }
}

TEST(SampleStoreTest, ImportRefusesUnusedReservesAndReplacedPeople) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  const DrawResult result = DrawTen(1);
  ASSERT_TRUE(SaveDraw(*db, Info(), result).ok());
  std::string sampled, reserve;
  for (const auto& d : result.drawn) {
    if (d.stratum != "Y") continue;
    (d.role == DrawRole::kSampled ? sampled : reserve) = d.record.id;
  }
  auto as_reserve = ImportSampleList(*db, "l.csv", "h", {Person(reserve, "Y", 2)});
  EXPECT_EQ(as_reserve.status().message(),
            "l.csv:2: id '" + reserve +
                "' is already in the sample as an unused reserve; use 'phieu sample replace' "
                "instead");
  ASSERT_TRUE(ReplaceSampleMember(*db, sampled, "moved").ok());
  auto as_replaced = ImportSampleList(*db, "l.csv", "h", {Person(sampled, "Y", 2)});
  EXPECT_EQ(as_replaced.status().message(),
            "l.csv:2: id '" + sampled +
                "' is already in the sample as a replaced person and cannot be added again");
}

TEST(SampleStoreTest, ReplacementRefusals) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  ASSERT_TRUE(ImportSampleList(*db, "a.csv", "h1", {Person("S1", "U1")}).ok());
  EXPECT_EQ(ReplaceSampleMember(*db, "S1", "absent").status().message(),
            "'S1' came from an imported list, which has no reserves to replace it");
  EXPECT_EQ(ReplaceSampleMember(*db, "nobody", "absent").status().message(),
            "'nobody' is not in the sample");
  EXPECT_EQ(ReplaceSampleMember(*db, "S1", "bored").status().message(),
            "unknown reason 'bored'; use moved, deceased, absent, refused or wrong-address");
}

}  // namespace
}  // namespace phieu
