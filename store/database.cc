#include "store/database.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "core/crypto.h"
#include "core/file.h"
#include "core/text.h"
#include "core/version.h"
#include "store/event_append.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace phieu {

namespace {

using store_internal::Exec;
using store_internal::Guard;
using store_internal::SqliteError;
using store_internal::Statement;

// PRAGMA application_id of every phieu database: "phie" in ASCII.
constexpr std::int64_t kApplicationId = 0x70686965;

// The first schema with the tamper-evident log: older databases get a baseline event on upgrade.
constexpr int kFirstLoggedSchemaVersion = 4;
// From schema 5 the log digests the public part of each person's record apart.
constexpr int kFirstPublicPartSchemaVersion = 5;

// Runs the schema sections after `from_version`, leaving user_version at the last one.
void RunSchemaSections(sqlite3* db, int from_version) {
  for (const auto& section : store_internal::SchemaSections()) {
    if (section.version <= from_version) continue;
    Exec(db, section.sql);
    Exec(db, "PRAGMA user_version = " + std::to_string(section.version));
  }
}

// Why the file at `path` could not be read when opened (SQLite's primary `code`, its message
// `what`): only a file that is not SQLite's or is damaged is "not a phieu database"; a full disk,
// a failing one or a folder where SQLite cannot make its -wal and -shm files is said as such.
Status UnreadableAtOpen(const std::string& path, int code, const std::string& what) {
  switch (code) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Status::Error(path + " is not a phieu database (" + what + ")");
    case SQLITE_FULL:
      return Status::Error(path + ": cannot be read: the disk is full (" + what +
                           "). Free some space and run the command again; nothing was changed");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Error(path + ": another command holds the database (" + what +
                           "). Run the command again when it has finished");
    default:
      return Status::Error(path + ": cannot be read (" + what +
                           "): the disk may be full, failing or read-only, or its folder not "
                           "writable (SQLite keeps its -wal and -shm files beside it). Fix that "
                           "and run the command again; nothing was changed");
  }
}

std::int64_t PragmaInt(sqlite3* db, const char* pragma) {
  Statement s(db, std::string("PRAGMA ") + pragma);
  return s.Step() ? s.Int(0) : 0;
}

// How long a command waits for another one's write to end: $PHIEU_BUSY_TIMEOUT_MS when set to a
// number of milliseconds, else kBusyTimeoutMs.
int BusyTimeoutMs() {
  const char* env = std::getenv("PHIEU_BUSY_TIMEOUT_MS");
  if (env == nullptr || *env == '\0') return kBusyTimeoutMs;
  char* end = nullptr;
  const long ms = std::strtol(env, &end, 10);
  return *end == '\0' && ms >= 0 && ms <= 3600000 ? static_cast<int>(ms) : kBusyTimeoutMs;
}

// "10 s", "0.2 s".
std::string Seconds(int ms) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", ms / 1000.0);
  return text;
}

// Sets the connection up; returns the busy timeout it waits (ms).
int ConfigureConnection(sqlite3* db) {
  const int busy_timeout_ms = BusyTimeoutMs();
  sqlite3_busy_timeout(db, busy_timeout_ms);  // other scanning stations may be writing
  Exec(db, "PRAGMA foreign_keys = ON");
  return busy_timeout_ms;
}

void RemoveDatabaseFiles(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix, ignored);
  }
}

}  // namespace

struct Database::Impl {
  sqlite3* db = nullptr;
  std::string path;
  int busy_timeout_ms = kBusyTimeoutMs;
  ~Impl() { sqlite3_close_v2(db); }
};

sqlite3* store_internal::Access::Handle(Database& db) { return db.impl_->db; }

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

const std::string& Database::path() const { return impl_->path; }

Result<std::unique_ptr<Database>> Database::Create(const std::string& path,
                                                   const StoredSurvey& survey) {
  const std::string exists_message =
      path + " already exists; choose another --db or move the old file away";
  if (std::filesystem::exists(path)) return Status::Error(exists_message);
  // Made whole under a temporary name, closed (its WAL checkpointed into it), then given its name:
  // a command killed meanwhile leaves a *.partial file, never a half-made database under `path`
  // that a rerun would refuse as existing and every other command as not a phieu database.
  const std::string temporary = TemporaryNameFor(path);
  {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    if (sqlite3_open_v2(temporary.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
      std::string message = path + ": cannot create the database: " + sqlite3_errmsg(impl->db);
      impl.reset();
      RemoveDatabaseFiles(temporary);
      return Status::Error(message);
    }
    std::unique_ptr<Database> db(new Database(std::move(impl)));
    Status status = Guard([&] {
      Exec(db->impl_->db, "PRAGMA journal_mode = WAL");
      db->impl_->busy_timeout_ms = ConfigureConnection(db->impl_->db);
      return db->Transaction([&] {
        sqlite3* h = db->impl_->db;
        Exec(h, "PRAGMA application_id = " + std::to_string(kApplicationId));
        RunSchemaSections(h, 0);
        const std::string now = UtcTimestampNow();
        Statement(h, "INSERT INTO survey VALUES (1, ?, ?, ?, ?, ?, ?)")
            .Bind(1, survey.name).Bind(2, survey.version).Bind(3, survey.content_hash)
            .Bind(4, survey.definition_yaml).Bind(5, survey.source).Bind(6, now)
            .Run();
        Statement meta(h, "INSERT INTO meta VALUES (?, ?)");
        const std::vector<std::pair<std::string, std::string>> facts = {
            {"created_at", now},
            {"created_by", "phieu " + std::string(kPhieuVersion)},
            {"form_secret", RandomHex(32)}};
        for (const auto& [key, value] : facts) {
          meta.Bind(1, key).Bind(2, value).Run();
          meta.Reset();
        }
        std::vector<store_internal::RecordRef> written{{"survey", "1"}};
        for (const auto& [key, value] : facts) written.push_back({"meta", key});
        store_internal::AppendEvent(h, "init", "database for survey " + survey.name + " " +
                                                   survey.version, written);
        return Status::Ok();
      });
    });
    db.reset();  // closed: the last connection checkpoints the WAL into the file and removes it
    if (!status.ok()) {
      RemoveDatabaseFiles(temporary);
      return status.WithContext(path);
    }
  }
  // A hard link never replaces: a database another command made at `path` meanwhile is kept.
  // Where links are not supported (a FAT memory stick), a rename.
  if (link(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    if (error == EEXIST || std::filesystem::exists(path)) {
      RemoveDatabaseFiles(temporary);
      return Status::Error(exists_message);
    }
    if (rename(temporary.c_str(), path.c_str()) != 0) {
      const std::string reason = std::strerror(errno);
      RemoveDatabaseFiles(temporary);
      return Status::Error(path + ": cannot create the database: " + reason);
    }
  }
  RemoveDatabaseFiles(temporary);
  return Open(path);
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    return Status::Error(path + " does not exist; create it with 'phieu init --survey NAME --db " +
                         path + "'");
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  if (sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    return Status::Error(path + ": cannot open: " + sqlite3_errmsg(impl->db));
  }
  std::unique_ptr<Database> db(new Database(std::move(impl)));
  sqlite3* h = db->impl_->db;
  std::int64_t application_id = 0, version = 0;
  try {
    // Before the header is read: it waits for another command's write like everything after it
    // does (a checkpoint or a WAL being rebuilt holds readers off for a moment).
    db->impl_->busy_timeout_ms = ConfigureConnection(h);
    application_id = PragmaInt(h, "application_id");
    version = PragmaInt(h, "user_version");
  } catch (const SqliteError& e) {
    return UnreadableAtOpen(path, sqlite3_errcode(h) & 0xff, e.what());
  }
  if (application_id != kApplicationId) {
    return Status::Error(path + " is not a phieu database; create one with 'phieu init'");
  }
  if (version > kSchemaVersion) {
    return Status::Error(path + " was written by a newer phieu (schema version " +
                         std::to_string(version) + "; this phieu " + std::string(kPhieuVersion) +
                         " reads up to " + std::to_string(kSchemaVersion) +
                         "). Use a newer phieu; the file was not changed");
  }
  if (version < kOldestSupportedSchemaVersion) {
    return Status::Error(path + " has schema version " + std::to_string(version) +
                         ", older than this phieu can upgrade (oldest " +
                         std::to_string(kOldestSupportedSchemaVersion) + ")");
  }
  Status status = Guard([&] {
    if (version == kSchemaVersion) return Status::Ok();
    return db->Transaction([&] {
      RunSchemaSections(h, static_cast<int>(version));
      if (version < kFirstLoggedSchemaVersion) {
        store_internal::AppendBaselineEvent(h);
      } else if (version < kFirstPublicPartSchemaVersion) {
        store_internal::AppendPublicPartsEvent(h);
      }
      return Status::Ok();
    });
  });
  if (!status.ok()) return status.WithContext(path);
  return db;
}

Status Database::Transaction(const std::function<Status()>& work) {
  sqlite3* h = impl_->db;
  if (!sqlite3_get_autocommit(h)) {
    throw std::logic_error("Database::Transaction called inside a transaction");
  }
  // Waits (busy timeout) for another connection's write to end; past it, says so plainly.
  if (const int rc = sqlite3_exec(h, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      rc != SQLITE_OK) {
    if ((rc & 0xFF) == SQLITE_BUSY) {
      return Status::Error(impl_->path + " is busy: another command has been writing to it for " +
                           Seconds(impl_->busy_timeout_ms) +
                           "; nothing was changed by this one: run it again when the other has "
                           "finished");
    }
    return Status::Error(std::string("database: ") + sqlite3_errmsg(h));
  }
  return Guard([&] {
    Status status;
    try {
      status = work();
    } catch (...) {
      Exec(h, "ROLLBACK");
      throw;
    }
    if (!status.ok()) {
      Exec(h, "ROLLBACK");
      return status;
    }
    try {
      Exec(h, "COMMIT");
    } catch (const SqliteError&) {
      if (!sqlite3_get_autocommit(h)) Exec(h, "ROLLBACK");
      throw;
    }
    return Status::Ok();
  });
}

Status Database::Snapshot(const std::function<Status()>& work) {
  sqlite3* h = impl_->db;
  if (!sqlite3_get_autocommit(h)) return work();  // inside a transaction: one view already
  return Guard([&] {
    // A deferred transaction: its first read fixes the view (WAL), and no write lock is taken.
    Exec(h, "BEGIN");
    Status status;
    try {
      status = work();
    } catch (...) {
      Exec(h, "ROLLBACK");
      throw;
    }
    Exec(h, "ROLLBACK");  // nothing was written: ending the read is all that is left
    return status;
  });
}

Result<StoredSurvey> Database::Survey() {
  return Guard([&]() -> Result<StoredSurvey> {
    Statement s(impl_->db,
                "SELECT name, version, content_hash, definition_yaml, source FROM survey");
    if (!s.Step()) return Status::Error(impl_->path + " holds no survey");
    return StoredSurvey{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4)};
  });
}

Result<std::string> Database::Meta(const std::string& key) {
  return Guard([&]() -> Result<std::string> {
    Statement s(impl_->db, "SELECT value FROM meta WHERE key = ?");
    s.Bind(1, key);
    return s.Step() ? s.Text(0) : std::string();
  });
}

std::string ResolveDatabasePath(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("PHIEU_DB"); env != nullptr && *env != '\0') return env;
  return "phieu.db";
}

}  // namespace phieu
