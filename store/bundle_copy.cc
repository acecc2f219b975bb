#include "store/bundle_copy.h"

#include <filesystem>

#include "store/sqlite.h"

namespace phieu {

using store_internal::Access;
using store_internal::Exec;
using store_internal::Guard;
using store_internal::Statement;

namespace {

Result<BundleCopySummary> Redact(const std::string& path, bool redact_personal) {
  auto copy = Database::Open(path);
  if (!copy.ok()) return copy.status();
  sqlite3* h = Access::Handle(**copy);
  BundleCopySummary summary;
  auto done = Guard([&]() -> Status {
    Exec(h, "PRAGMA secure_delete = ON");
    return Status::Ok();
  });
  if (!done.ok()) return done;
  PHIEU_RETURN_IF_ERROR((*copy)->Transaction([&] {
    Exec(h, "UPDATE meta SET value = '' WHERE key = 'form_secret';"
            "INSERT OR IGNORE INTO redaction VALUES ('meta', 'form_secret');");
    // Review station accounts are access to this database, not survey data (schema.sql v9).
    Exec(h, "DELETE FROM station_user;");
    if (redact_personal) {
      Exec(h, "UPDATE sample_member SET name = '', address = '', phone = '';"
              "UPDATE sample_attribute SET value = '';"
              "INSERT OR IGNORE INTO redaction SELECT 'sample_member', id FROM sample_member;");
      // A respondent's own words may name them or someone else (schema.sql v11).
      Exec(h, "UPDATE writein SET text = '';"
              "INSERT OR IGNORE INTO redaction SELECT 'writein', id FROM writein;");
    }
    Statement count(h, "SELECT COUNT(*) FROM redaction");
    count.Step();
    summary.withheld = static_cast<int>(count.Int(0));
    return Status::Ok();
  }));
  done = Guard([&]() -> Status {
    Exec(h, "VACUUM; PRAGMA journal_mode = DELETE;");
    return Status::Ok();
  });
  if (!done.ok()) return done;
  return summary;
}

}  // namespace

Result<BundleCopySummary> WriteBundleCopy(Database& db, const std::string& path,
                                          bool redact_personal) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return Status::Error(path + " already exists; give an empty folder");
  }
  Status copied = Guard([&]() -> Status {
    Statement s(Access::Handle(db), "VACUUM INTO ?1");
    s.Bind(1, path);
    s.Run();
    return Status::Ok();
  });
  Result<BundleCopySummary> summary =
      copied.ok() ? Redact(path, redact_personal) : Result<BundleCopySummary>(copied);
  if (!summary.ok()) {
    std::filesystem::remove(path, ec);
    return Status::Error("cannot write the bundle's database " + path + ": " +
                         summary.status().message());
  }
  return summary;
}

}  // namespace phieu
