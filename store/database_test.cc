#include "store/database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "store/schema.h"
#include "store/sqlite.h"
#include "store/test_util.h"

namespace phieu {
namespace {

TEST(DatabaseTest, CreateThenReopenKeepsTheSurveyAndASecret) {
  TempFolder dir;
  const std::string path = dir.File("a.db");
  CreateTestDatabase(path).reset();
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().message();
  auto survey = (*db)->Survey();
  ASSERT_TRUE(survey.ok());
  EXPECT_EQ(survey->name, "sipas-2022");
  EXPECT_EQ(survey->content_hash, FindBuiltinSurvey("sipas-2022")->survey.content_hash);
  EXPECT_EQ(survey->definition_yaml, FindBuiltinSurvey("sipas-2022")->yaml_text);
  auto secret = (*db)->Meta("form_secret");
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(secret->size(), 64u);
}

TEST(DatabaseTest, EachDatabaseGetsItsOwnSecret) {
  TempFolder dir;
  auto a = CreateTestDatabase(dir.File("a.db"));
  auto b = CreateTestDatabase(dir.File("b.db"));
  EXPECT_NE(*a->Meta("form_secret"), *b->Meta("form_secret"));
}

// The database is made under a temporary name and linked into place whole: nothing else is left.
TEST(DatabaseTest, CreateLeavesTheDatabaseAloneInItsFolder) {
  TempFolder dir;
  CreateTestDatabase(dir.File("a.db")).reset();
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"a.db"});
  EXPECT_EQ(VerifyLogOf(dir.File("a.db")).problems.size(), 0u);
}

TEST(DatabaseTest, CreateRefusesAnExistingFile) {
  TempFolder dir;
  const std::string path = dir.File("a.db");
  CreateTestDatabase(path).reset();
  auto again = Database::Create(path, BuiltinStoredSurvey("mscore"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(),
            path + " already exists; choose another --db or move the old file away");
  EXPECT_EQ(Database::Open(path).value()->Survey()->name, "sipas-2022");
}

TEST(DatabaseTest, OpenRefusesANewerSchemaAndLeavesItUnchanged) {
  TempFolder dir;
  const std::string path = dir.File("a.db");
  CreateTestDatabase(path).reset();
  RawExec(path, "PRAGMA user_version = 99");
  auto db = Database::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().message(),
            path + " was written by a newer phieu (schema version 99; this phieu 0.1.0 reads up "
                   "to " + std::to_string(kSchemaVersion) + "). Use a newer phieu; the file was not changed");
  sqlite3* raw = nullptr;
  sqlite3_open(path.c_str(), &raw);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 99);
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
}

TEST(DatabaseTest, OpenRefusesFilesThatAreNotPhieuDatabases) {
  TempFolder dir;
  const std::string text = dir.File("notes.txt");
  std::ofstream(text) << "not a database at all, just some words that fill a page\n";
  auto db = Database::Open(text);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().message(), text + " is not a phieu database (file is not a database)");

  const std::string other = dir.File("other.db");
  RawExec(other, "CREATE TABLE t (x)");
  auto db2 = Database::Open(other);
  ASSERT_FALSE(db2.ok());
  EXPECT_EQ(db2.status().message(), other + " is not a phieu database; create one with 'phieu init'");

  auto missing = Database::Open(dir.File("missing.db"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(),
            dir.File("missing.db") + " does not exist; create it with 'phieu init --survey NAME "
                                     "--db " + dir.File("missing.db") + "'");
}

TEST(DatabaseTest, ConnectionStaysUsableAfterAFailedOrThrowingTransaction) {
  TempFolder dir;
  auto db = CreateTestDatabase(dir.File("a.db"));
  const Status status = db->Transaction([&] {
    // A write that would be visible if the transaction were committed.
    return Status::Error("stop half-way");
  });
  EXPECT_EQ(status.message(), "stop half-way");
  EXPECT_THROW(db->Transaction([]() -> Status { throw std::runtime_error("boom"); }),
               std::runtime_error);
  // The connection is usable again after both.
  EXPECT_TRUE(db->Transaction([] { return Status::Ok(); }).ok());
}

TEST(DatabaseTest, SchemaSectionsEndAtTheProgramsSchemaVersion) {
  EXPECT_EQ(store_internal::SchemaSections().back().version, kSchemaVersion);
}

TEST(DatabaseTest, OpeningAVersion1DatabaseUpgradesItAndKeepsItsData) {
  TempFolder dir;
  const std::string path = dir.File("old.db");
  // A database as phieu 0.1.0 made it: only the version 1 section.
  RawExec(path, "PRAGMA application_id = 1885890917; BEGIN;" +
                    std::string(store_internal::SchemaSections().front().sql) +
                    "INSERT INTO survey VALUES (1, 'sipas-2022', '2022.1', 'h', 'y', 'builtin', 't');"
                    "PRAGMA user_version = 1; COMMIT;");
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ((*db)->Survey()->content_hash, "h");
  db->reset();
  sqlite3* raw = nullptr;
  sqlite3_open(path.c_str(), &raw);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(raw, "SELECT (SELECT user_version FROM pragma_user_version), "
                          "(SELECT count(*) FROM sqlite_schema WHERE name = 'form')", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), kSchemaVersion);
  EXPECT_EQ(sqlite3_column_int(stmt, 1), 1);
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
}

TEST(DatabaseTest, ResolvesPathFromFlagThenEnvironmentThenDefault) {
  ::unsetenv("PHIEU_DB");
  EXPECT_EQ(ResolveDatabasePath(""), "phieu.db");
  ::setenv("PHIEU_DB", "/data/survey.db", 1);
  EXPECT_EQ(ResolveDatabasePath(""), "/data/survey.db");
  EXPECT_EQ(ResolveDatabasePath("x.db"), "x.db");
  ::unsetenv("PHIEU_DB");
}

// Two commands on one database: the second write waits the busy timeout for the first, then
// says plainly that the database is busy, having changed nothing.
TEST(DatabaseTest, AWriteHeldUpLongerThanTheBusyTimeoutFailsSayingTheDatabaseIsBusy) {
  TempFolder dir;
  const std::string path = dir.File("a.db");
  CreateTestDatabase(path).reset();
  ::setenv("PHIEU_BUSY_TIMEOUT_MS", "200", 1);
  auto first = Database::Open(path);
  auto second = Database::Open(path);
  ::unsetenv("PHIEU_BUSY_TIMEOUT_MS");
  ASSERT_TRUE(first.ok() && second.ok());
  bool second_ran = false;
  Status held_up;
  const Status first_done = (*first)->Transaction([&] {
    store_internal::Exec(store_internal::Access::Handle(**first),
                         "INSERT INTO meta VALUES ('first', '1')");
    held_up = (*second)->Transaction([&] {
      second_ran = true;
      return Status::Ok();
    });
    return Status::Ok();
  });
  EXPECT_TRUE(first_done.ok()) << first_done.message();
  EXPECT_FALSE(second_ran);
  EXPECT_EQ(held_up.message(), path +
                                   " is busy: another command has been writing to it for 0.2 s; "
                                   "nothing was changed by this one: run it again when the "
                                   "other has finished");
  // Once the first has committed, the second's write goes through.
  EXPECT_TRUE((*second)->Transaction([] { return Status::Ok(); }).ok());
  EXPECT_EQ(*(*second)->Meta("first"), "1");
}

// A reader's several queries see one state of the database even while another connection
// commits between them (a verify running beside a scan).
TEST(DatabaseTest, ASnapshotSeesNothingThatAnotherConnectionCommitsDuringIt) {
  TempFolder dir;
  const std::string path = dir.File("a.db");
  CreateTestDatabase(path).reset();
  auto reader = Database::Open(path);
  auto writer = Database::Open(path);
  ASSERT_TRUE(reader.ok() && writer.ok());
  std::string before, after;
  Status written;
  const Status read = (*reader)->Snapshot([&] {
    before = *(*reader)->Meta("added");
    written = (*writer)->Transaction([&] {
      store_internal::Exec(store_internal::Access::Handle(**writer),
                           "INSERT INTO meta VALUES ('added', 'yes')");
      return Status::Ok();
    });
    after = *(*reader)->Meta("added");
    return Status::Ok();
  });
  EXPECT_TRUE(read.ok()) << read.message();
  EXPECT_TRUE(written.ok()) << written.message();  // the reader held no lock against it
  EXPECT_EQ(before, "");
  EXPECT_EQ(after, "");
  EXPECT_EQ(*(*reader)->Meta("added"), "yes");  // seen once the snapshot is over
}

}  // namespace
}  // namespace phieu
