#pragma once
// The phieu database: one SQLite file per survey (schema in store/schema.sql). The store/ folder
// is the only code that touches SQLite; everything else goes through these functions.
//
// Guarantees: foreign keys on, WAL journal, STRICT tables; every write a command makes happens in
// one transaction (Transaction()), so a command that fails or is killed leaves the database as it
// was. A database written by a newer phieu is refused, never modified.

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"

namespace phieu {

// The schema version this program writes, and the oldest it can upgrade from.
inline constexpr int kSchemaVersion = 11;
inline constexpr int kOldestSupportedSchemaVersion = 1;

// How long a write waits for another command's write to end before it gives up (several
// scanning stations and a reviewer may share one database); $PHIEU_BUSY_TIMEOUT_MS overrides it
// (milliseconds), for tests and slow shared disks.
inline constexpr int kBusyTimeoutMs = 10000;

// A survey definition as stored in the database.
struct StoredSurvey {
  std::string name;
  std::string version;
  std::string content_hash;
  std::string definition_yaml;  // exactly as given
  std::string source;           // "builtin:NAME" or the file it came from
};

namespace store_internal {
class Access;
}

class Database {
 public:
  // Creates a new database file at `path` holding `survey` and a fresh form secret. Fails if the
  // file already exists, or cannot be written; on failure no file is left behind. The database is
  // made under a temporary name and appears at `path` whole: killed at any moment, the command
  // leaves no database or a whole one (and possibly a PATH.PID-N.partial file).
  static Result<std::unique_ptr<Database>> Create(const std::string& path,
                                                  const StoredSurvey& survey);

  // Opens an existing database. An older schema is upgraded in one transaction; a newer one, a
  // file that is not a phieu database and a missing file are refused with a message saying what
  // to do.
  static Result<std::unique_ptr<Database>> Open(const std::string& path);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  const std::string& path() const;

  // Runs `work` inside one write transaction: committed when it returns ok, rolled back when it
  // returns a failure or throws. Returns what `work` returned (or the commit's failure). When
  // another command holds the database's write lock for longer than the busy timeout, fails
  // without running `work`: "PATH is busy: another command has been writing to it for 10 s;
  // nothing was changed by this one: run it again when the other has finished".
  Status Transaction(const std::function<Status()>& work);

  // Runs `work`, which only reads, so that every query in it sees the database as it was at its
  // first read: what another command commits meanwhile (a scan storing pages) is not half seen.
  // Takes no write lock, so writers are not held up. Inside a Transaction it just runs `work`.
  Status Snapshot(const std::function<Status()>& work);

  // The survey this database is for.
  Result<StoredSurvey> Survey();

  // A value of the meta table ("" when absent).
  Result<std::string> Meta(const std::string& key);

 private:
  struct Impl;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend class store_internal::Access;
};

// The database path to use: `flag` when not empty, else $PHIEU_DB when set, else "phieu.db".
std::string ResolveDatabasePath(const std::string& flag);

}  // namespace phieu
