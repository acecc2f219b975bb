#pragma once
// Test helpers for store/: a fresh database in a temporary folder, removed afterwards.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <unistd.h>

#include "core/builtin_surveys.h"
#include "store/database.h"
#include "store/event_log.h"

namespace phieu {

class TempFolder {
 public:
  TempFolder() {
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            (std::string("phieu-") + info->test_suite_name() + "-" + info->name() + "-" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  std::string path() const { return path_.string(); }
  // Writes `bytes` to `relative`, making the folders it needs.
  void Write(const std::string& relative, const std::string& bytes) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << bytes;
  }

 private:
  std::filesystem::path path_;
};

// The log check of the database at `path` (store/event_log.h VerifyLog).
inline LogCheck VerifyLogOf(const std::string& path) {
  auto db = Database::Open(path);
  EXPECT_TRUE(db.ok()) << db.status().message();
  if (!db.ok()) return {};
  auto check = VerifyLog(**db);
  EXPECT_TRUE(check.ok()) << check.status().message();
  return check.ok() ? *check : LogCheck{};
}

// Every problem of `check`, one a line.
inline std::string AllProblems(const LogCheck& check) {
  std::string text;
  for (const auto& p : check.problems) text += p + "\n";
  return text;
}

// Runs raw SQL on a closed database file, as an outside tool (or an attacker) would.
inline void RawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(db);
}

inline StoredSurvey BuiltinStoredSurvey(const std::string& name) {
  const BuiltinSurvey* b = FindBuiltinSurvey(name);
  return {b->survey.name, b->survey.version, b->survey.content_hash, b->yaml_text,
          "builtin:" + name};
}

inline std::unique_ptr<Database> CreateTestDatabase(const std::string& path) {
  auto db = Database::Create(path, BuiltinStoredSurvey("sipas-2022"));
  EXPECT_TRUE(db.ok()) << db.status().message();
  return std::move(db).value();
}

}  // namespace phieu
