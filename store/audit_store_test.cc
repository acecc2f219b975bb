#include "store/audit_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "store/bundle_copy.h"
#include "store/event_log.h"
#include "store/sample_store.h"
#include "store/test_util.h"

namespace phieu {
namespace {

// A draw written by hand: two strata, three picks.
AuditDraw HandDraw(const std::string& seed = "audit-2026") {
  AuditDraw draw;
  draw.seed = seed;
  draw.method = kAuditDrawMethod;
  draw.by = "unit";
  draw.rate = 0.25;
  draw.candidates = 9;
  draw.strata = {{"A", 6, 2}, {"B", 3, 1}};
  draw.picks = {{"AAA-222-22K", "A", "DTV-1", "A", "1b28", 1},
                {"AAA-222-26M", "A", "DTV-2", "A", "2950", 2},
                {"BBB-222-25J", "B", "DTV-2", "B", "2247", 1}};
  return draw;
}

std::vector<std::string> Picks(const AuditDraw& draw) {
  std::vector<std::string> lines;
  for (const AuditPick& p : draw.picks) {
    lines.push_back(p.form_code + " " + p.unit + " " + p.collector + " " + p.stratum + " " +
                    p.ticket + " " + std::to_string(p.rank));
  }
  return lines;
}

std::vector<std::string> Strata(const AuditDraw& draw) {
  std::vector<std::string> lines;
  for (const AuditStratum& s : draw.strata) {
    lines.push_back(s.name + " " + std::to_string(s.forms) + "/" + std::to_string(s.selected));
  }
  return lines;
}

AuditRecord Record(const std::string& code, const std::string& outcome,
                   std::map<std::string, std::string> cells, const std::string& file) {
  AuditRecord r;
  r.form_code = code;
  r.outcome = outcome;
  r.cells = std::move(cells);
  r.recorded_by = "kiem-toan";
  r.source_file = file;
  r.source_sha256 = "sha-of-" + file;
  return r;
}

std::vector<std::string> EventKinds(Database& db) {
  auto events = ListEvents(db);
  EXPECT_TRUE(events.ok()) << events.status().message();
  std::vector<std::string> kinds;
  for (const LogEvent& e : *events) kinds.push_back(e.kind);
  return kinds;
}

TEST(AuditStoreTest, NoDrawIsNothing) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  const auto loaded = LoadAuditDraw(*db);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_FALSE(loaded->has_value());
  const auto records = LoadLatestAuditRecords(*db);
  ASSERT_TRUE(records.ok());
  EXPECT_TRUE(records->empty());
}

TEST(AuditStoreTest, ASavedDrawIsLoadedBackWhole) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  const AuditDraw draw = HandDraw();
  ASSERT_TRUE(SaveAuditDraw(*db, draw).ok());
  const auto loaded = LoadAuditDraw(*db);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ASSERT_TRUE(loaded->has_value());
  const StoredAuditDraw& stored = **loaded;
  EXPECT_EQ(stored.draw.seed, "audit-2026");
  EXPECT_EQ(stored.draw.method, kAuditDrawMethod);
  EXPECT_EQ(stored.draw.by, "unit");
  EXPECT_DOUBLE_EQ(stored.draw.rate, 0.25);
  EXPECT_EQ(stored.draw.candidates, 9);
  EXPECT_EQ(Strata(stored.draw), Strata(draw));
  EXPECT_EQ(Picks(stored.draw), Picks(draw));
  EXPECT_FALSE(stored.drawn_at.empty());
}

TEST(AuditStoreTest, ASecondDrawIsRefusedAndChangesNothing) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  ASSERT_TRUE(SaveAuditDraw(*db, HandDraw("first")).ok());
  const auto before = LoadAuditDraw(*db);
  const std::vector<std::string> events_before = EventKinds(*db);

  AuditDraw other = HandDraw("second");
  other.picks.pop_back();
  const Status again = SaveAuditDraw(*db, other);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.message(), "the forms to re-check were already drawn (seed 'first', " +
                                 (*before)->drawn_at +
                                 "); a published draw is not redrawn: 'phieu audit draw' without "
                                 "--seed writes its lists again");
  const auto after = LoadAuditDraw(*db);
  ASSERT_TRUE(after.ok() && after->has_value());
  EXPECT_EQ((*after)->draw.seed, "first");
  EXPECT_EQ((*after)->drawn_at, (*before)->drawn_at);
  EXPECT_EQ(Picks((*after)->draw), Picks(HandDraw()));
  EXPECT_EQ(EventKinds(*db), events_before);
}

TEST(AuditStoreTest, TheLatestRecordOfEveryFormIsLoadedInCodeOrder) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  std::vector<AuditRecord> first = {
      Record("BBB-222-25J", "confirmed", {{"Q1", "2"}, {"Q2", "1;3"}}, "day1.csv"),
      Record("AAA-222-22K", "", {{"Q1", "*"}, {"Q2", ""}}, "day1.csv"),
  };
  ASSERT_TRUE(SaveAuditRecords(*db, first).ok());
  EXPECT_GT(first[0].id, 0);
  EXPECT_GT(first[1].id, first[0].id);
  EXPECT_FALSE(first[0].recorded_at.empty());
  std::vector<AuditRecord> second = {
      Record("AAA-222-22K", "not-received", {{"Q1", "3"}}, "day2.csv"),
  };
  ASSERT_TRUE(SaveAuditRecords(*db, second).ok());

  const auto latest = LoadLatestAuditRecords(*db);
  ASSERT_TRUE(latest.ok()) << latest.status().message();
  ASSERT_EQ(latest->size(), 2u);
  const AuditRecord& a = (*latest)[0];
  EXPECT_EQ(a.form_code, "AAA-222-22K");
  EXPECT_EQ(a.id, second[0].id);
  EXPECT_EQ(a.outcome, "not-received");
  EXPECT_EQ(a.cells, (std::map<std::string, std::string>{{"Q1", "3"}}));  // not merged with day 1
  EXPECT_EQ(a.source_file, "day2.csv");
  EXPECT_EQ(a.source_sha256, "sha-of-day2.csv");
  EXPECT_EQ(a.recorded_by, "kiem-toan");
  EXPECT_EQ(a.recorded_at, second[0].recorded_at);
  const AuditRecord& b = (*latest)[1];
  EXPECT_EQ(b.form_code, "BBB-222-25J");
  EXPECT_EQ(b.id, first[0].id);
  EXPECT_EQ(b.outcome, "confirmed");
  EXPECT_EQ(b.cells, (std::map<std::string, std::string>{{"Q1", "2"}, {"Q2", "1;3"}}));
}

// A database with an audit draw and two files of records; returns its path.
std::string AuditedDatabase(const TempFolder& dir) {
  const std::string path = dir.File("audit.db");
  auto db = CreateTestDatabase(path);
  EXPECT_TRUE(SaveAuditDraw(*db, HandDraw()).ok());
  std::vector<AuditRecord> day1 = {
      Record("AAA-222-22K", "confirmed", {{"Q1", "2"}, {"Q2", "1;3"}}, "day1.csv"),
      Record("BBB-222-25J", "", {{"Q1", "1"}}, "day1.csv"),
  };
  EXPECT_TRUE(SaveAuditRecords(*db, day1).ok());
  std::vector<AuditRecord> day2 = {Record("AAA-222-26M", "not-reached", {{"Q1", "4"}}, "day2.csv")};
  EXPECT_TRUE(SaveAuditRecords(*db, day2).ok());
  return path;
}

TEST(AuditStoreTest, TheDrawAndTheRecordsAreLoggedAndTheLogPasses) {
  TempFolder dir;
  const std::string path = AuditedDatabase(dir);
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(EventKinds(**db),
              (std::vector<std::string>{"init", "audit-draw", "audit-record", "audit-record"}));
    const auto events = ListEvents(**db);
    EXPECT_EQ((*events)[1].summary,
              "3 of 9 accepted forms drawn for re-checking, seed 'audit-2026'");
    EXPECT_EQ((*events)[2].records, 2);  // one per record of the file
    EXPECT_EQ((*events)[2].summary, "2 re-checked form(s) from day1.csv by kiem-toan");
  }
  const LogCheck check = VerifyLogOf(path);
  EXPECT_TRUE(check.ok()) << AllProblems(check);
  EXPECT_EQ(check.withheld, 0);
}

TEST(AuditStoreTest, AnAuditCellEditedBehindPhieusBackIsFoundAndNamed) {
  TempFolder dir;
  const std::string path = AuditedDatabase(dir);
  RawExec(path, "UPDATE audit_cell SET cell = '3' WHERE record_id = 1 AND item = 'Q1'");
  const LogCheck check = VerifyLogOf(path);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(AllProblems(check).find("audit_record 1: changed after event 3 (audit-record"), 0u)
      << AllProblems(check);
}

TEST(AuditStoreTest, AnAuditPickEditedBehindPhieusBackIsFoundAndNamed) {
  TempFolder dir;
  const std::string path = AuditedDatabase(dir);
  RawExec(path, "UPDATE audit_pick SET form_code = 'CCC-222-24G' WHERE form_code = 'AAA-222-26M'");
  const LogCheck check = VerifyLogOf(path);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(AllProblems(check).find("audit_draw 1: changed after event 2 (audit-draw"), 0u)
      << AllProblems(check);
}

// ---- The delivery check (unreturned forms drawn apart).

AuditDraw DrawWithDeliveryCheck() {
  AuditDraw draw = HandDraw();
  draw.delivery.rate = 0.1;
  draw.delivery.candidates = 12;
  draw.delivery.strata = {{"A", 8, 1}, {"B", 4, 1}};
  draw.delivery.picks = {{"AAA-222-23U", "A", "DTV-1", "A", "d42e", 1},
                         {"BBB-222-22S", "B", "DTV-2", "B", "6d17", 1}};
  return draw;
}

std::vector<std::string> DeliveryPicks(const AuditDraw& draw) {
  AuditDraw only;
  only.picks = draw.delivery.picks;
  return Picks(only);
}

TEST(AuditStoreTest, TheDeliveryCheckIsStoredApartAndLoadedBackWhole) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  const AuditDraw draw = DrawWithDeliveryCheck();
  ASSERT_TRUE(SaveAuditDraw(*db, draw).ok());
  const auto loaded = LoadAuditDraw(*db);
  ASSERT_TRUE(loaded.ok() && loaded->has_value()) << loaded.status().message();
  const AuditDraw& stored = (*loaded)->draw;
  EXPECT_EQ(Picks(stored), Picks(draw));  // the re-read picks hold no unreturned form
  EXPECT_EQ(DeliveryPicks(stored), DeliveryPicks(draw));
  EXPECT_DOUBLE_EQ(stored.delivery.rate, 0.1);
  EXPECT_EQ(stored.delivery.candidates, 12);
  ASSERT_EQ(stored.delivery.strata.size(), 2u);
  EXPECT_EQ(stored.delivery.strata[1].name, "B");
  EXPECT_EQ(stored.delivery.strata[1].forms, 4);
  auto events = ListEvents(*db);
  EXPECT_EQ(events->back().summary,
            "3 of 9 accepted forms drawn for re-checking, 2 of 12 unreturned forms for the "
            "delivery check, seed 'audit-2026'");
}

TEST(AuditStoreTest, ADrawWithoutDeliveryCheckLoadsWithNone) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  ASSERT_TRUE(SaveAuditDraw(*db, HandDraw()).ok());  // rate 0: the delivery check is off
  const auto loaded = LoadAuditDraw(*db);
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_DOUBLE_EQ((*loaded)->draw.delivery.rate, 0);
  EXPECT_TRUE((*loaded)->draw.delivery.picks.empty());
  EXPECT_TRUE((*loaded)->draw.delivery.strata.empty());
}

TEST(AuditStoreTest, ADatabaseOfSchema9WithADrawUpgradesAndItsLogStillPasses) {
  TempFolder dir;
  const std::string path = AuditedDatabase(dir);
  RawExec(path, "DROP TABLE audit_delivery_pick; DROP TABLE audit_delivery_stratum; "
                "DROP TABLE audit_delivery; DROP TABLE writein; PRAGMA user_version = 9");
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok()) << db.status().message();
    const auto loaded = LoadAuditDraw(**db);
    ASSERT_TRUE(loaded.ok() && loaded->has_value()) << loaded.status().message();
    EXPECT_EQ(Picks((*loaded)->draw), Picks(HandDraw()));
    EXPECT_TRUE((*loaded)->draw.delivery.picks.empty());
  }
  // The old draw's digest does not change with the new (empty) tables.
  const LogCheck check = VerifyLogOf(path);
  EXPECT_TRUE(check.ok()) << AllProblems(check);
}

TEST(AuditStoreTest, ADeliveryPickEditedBehindPhieusBackIsFoundAndNamed) {
  TempFolder dir;
  const std::string path = dir.File("a.db");
  {
    auto db = CreateTestDatabase(path);
    ASSERT_TRUE(SaveAuditDraw(*db, DrawWithDeliveryCheck()).ok());
  }
  EXPECT_TRUE(VerifyLogOf(path).ok()) << AllProblems(VerifyLogOf(path));
  RawExec(path, "DELETE FROM audit_delivery_pick WHERE form_code = 'BBB-222-22S'");
  const LogCheck check = VerifyLogOf(path);
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(AllProblems(check).find("audit_draw 1: changed after event 2 (audit-draw"), 0u)
      << AllProblems(check);
}

// ---- The bundle's copy of the database (store/bundle_copy.h).

SampleRecord Person(const std::string& id, const std::string& unit, const std::string& name,
                    const std::string& phone) {
  SampleRecord r;
  r.id = id;
  r.unit = unit;
  r.name = name;
  r.address = "12 Lê Lợi, " + unit;
  r.phone = phone;
  r.procedure = "Cấp giấy phép xây dựng";
  r.collector = "DTV-1";
  r.attributes = {{"household", "4"}, {"email", id + "@example.vn"}};
  return r;
}

// A database with two people (names, addresses, phones, extra columns) and an audit; its path.
std::string PeopleDatabase(const TempFolder& dir) {
  const std::string path = AuditedDatabase(dir);
  auto db = Database::Open(path);
  EXPECT_TRUE(db.ok());
  const auto imported = ImportSampleList(**db, "list.csv", "h",
                                         {Person("S1", "U1", "Nguyễn Văn An", "0901234567"),
                                          Person("S2", "U2", "Trần Thị Bình", "0912345678")});
  EXPECT_TRUE(imported.ok()) << imported.status().message();
  return path;
}

std::string FileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<SampleRecord> People(const std::string& path) {
  auto db = Database::Open(path);
  EXPECT_TRUE(db.ok()) << db.status().message();
  auto members = ListSample(**db, {"", true});
  EXPECT_TRUE(members.ok()) << members.status().message();
  std::vector<SampleRecord> people;
  for (const SampleMember& m : *members) people.push_back(m.record);
  return people;
}

TEST(BundleCopyTest, TheCopyHasNoFormSecretAndItsLogPassesWithTheSecretWithheld) {
  TempFolder dir;
  const std::string path = PeopleDatabase(dir);
  const std::string copy_path = dir.File("bundle.db");
  std::string secret;
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    secret = *(*db)->Meta("form_secret");
    ASSERT_FALSE(secret.empty());
    const auto summary = WriteBundleCopy(**db, copy_path, false);
    ASSERT_TRUE(summary.ok()) << summary.status().message();
    EXPECT_EQ(summary->withheld, 1);
    EXPECT_EQ(*(*db)->Meta("form_secret"), secret);  // the working database keeps it
  }
  {
    auto copy = Database::Open(copy_path);
    ASSERT_TRUE(copy.ok()) << copy.status().message();
    EXPECT_EQ(*(*copy)->Meta("form_secret"), "");
  }
  EXPECT_EQ(FileBytes(copy_path).find(secret), std::string::npos);
  // Without --redact people stay as they were.
  EXPECT_EQ(People(copy_path), People(path));
  EXPECT_EQ(People(copy_path)[0].name, "Nguyễn Văn An");

  const LogCheck check = VerifyLogOf(copy_path);
  EXPECT_TRUE(check.ok()) << AllProblems(check);
  EXPECT_EQ(check.withheld, 1);
  const LogCheck original = VerifyLogOf(path);
  EXPECT_TRUE(original.ok()) << AllProblems(original);
  EXPECT_EQ(original.withheld, 0);
}

TEST(BundleCopyTest, RedactionEmptiesPersonalDataInTheCopyOnly) {
  TempFolder dir;
  const std::string path = PeopleDatabase(dir);
  const std::string copy_path = dir.File("bundle.db");
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    const auto summary = WriteBundleCopy(**db, copy_path, true);
    ASSERT_TRUE(summary.ok()) << summary.status().message();
    EXPECT_EQ(summary->withheld, 3);  // the secret and two people
  }
  const std::vector<SampleRecord> copied = People(copy_path);
  ASSERT_EQ(copied.size(), 2u);
  for (const SampleRecord& r : copied) {
    EXPECT_EQ(r.name, "") << r.id;
    EXPECT_EQ(r.address, "") << r.id;
    EXPECT_EQ(r.phone, "") << r.id;
    ASSERT_EQ(r.attributes.size(), 2u) << r.id;
    EXPECT_EQ(r.attributes[0], (std::pair<std::string, std::string>{"household", ""}));
    EXPECT_EQ(r.attributes[1], (std::pair<std::string, std::string>{"email", ""}));
    // What the report needs stays.
    EXPECT_EQ(r.procedure, "Cấp giấy phép xây dựng");
    EXPECT_EQ(r.collector, "DTV-1");
  }
  EXPECT_EQ(copied[0].id, "S1");
  EXPECT_EQ(copied[0].unit, "U1");
  EXPECT_EQ(copied[1].unit, "U2");

  const std::vector<SampleRecord> original = People(path);
  EXPECT_EQ(original[0], Person("S1", "U1", "Nguyễn Văn An", "0901234567"));
  EXPECT_EQ(original[1], Person("S2", "U2", "Trần Thị Bình", "0912345678"));

  // Overwritten in the file, not only unlinked (the working database, closed, has them: the search
  // does find them where they are).
  EXPECT_NE(FileBytes(path).find("Nguyễn Văn An"), std::string::npos);
  const std::string bytes = FileBytes(copy_path);
  for (const std::string personal : {"Nguyễn Văn An", "0901234567", "Trần Thị Bình", "0912345678",
                                     "12 Lê Lợi", "S1@example.vn"}) {
    EXPECT_EQ(bytes.find(personal), std::string::npos) << personal;
  }
  EXPECT_FALSE(std::filesystem::exists(copy_path + "-wal"));

  const LogCheck check = VerifyLogOf(copy_path);
  EXPECT_TRUE(check.ok()) << AllProblems(check);
  EXPECT_EQ(check.withheld, 3);
}

TEST(BundleCopyTest, AWithheldPersonWhoseNameIsNotEmptyIsReportedAsChanged) {
  TempFolder dir;
  const std::string path = PeopleDatabase(dir);
  const std::string copy_path = dir.File("bundle.db");
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(WriteBundleCopy(**db, copy_path, true).ok());
  }
  RawExec(copy_path, "UPDATE sample_member SET name = 'Người khác' WHERE id = 'S1'");
  const LogCheck check = VerifyLogOf(copy_path);
  ASSERT_FALSE(check.ok());
  // Events: init, audit-draw, audit-record x2, import (5).
  ASSERT_EQ(check.problems.size(), 1u) << AllProblems(check);
  EXPECT_EQ(check.problems[0].find("sample_member S1: changed after event 5 (import, "), 0u)
      << AllProblems(check);
  EXPECT_EQ(check.withheld, 2);  // the secret and S2
}

TEST(BundleCopyTest, OnlyTheSecretAndPeopleMayBeWithheld) {
  TempFolder dir;
  const std::string path = PeopleDatabase(dir);
  const std::string copy_path = dir.File("bundle.db");
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(WriteBundleCopy(**db, copy_path, false).ok());
  }
  RawExec(copy_path, "INSERT INTO redaction VALUES ('scan_page', '1'), ('audit_record', '1')");
  const LogCheck check = VerifyLogOf(copy_path);
  ASSERT_FALSE(check.ok());
  const std::string problems = AllProblems(check);
  EXPECT_NE(problems.find("redaction of scan_page 1: only the form secret, people's personal "
                          "data and the text of write-ins may be withheld\n"),
            std::string::npos)
      << problems;
  EXPECT_NE(problems.find("redaction of audit_record 1: only the form secret, people's "
                          "personal data and the text of write-ins may be withheld\n"),
            std::string::npos)
      << problems;
}

TEST(BundleCopyTest, AnExistingTargetIsRefusedAndLeftAlone) {
  TempFolder dir;
  const std::string path = PeopleDatabase(dir);
  const std::string copy_path = dir.File("bundle.db");
  std::ofstream(copy_path) << "someone's file";
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok());
  const auto summary = WriteBundleCopy(**db, copy_path, true);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().message(), copy_path + " already exists; give an empty folder");
  EXPECT_EQ(FileBytes(copy_path), "someone's file");
}

}  // namespace
}  // namespace phieu
