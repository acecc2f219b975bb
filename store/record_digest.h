#pragma once
// Private to store/: what the tamper-evident log covers. A "record" is one logical thing phieu
// stores (a form, a scanned page with its scores, a decision ...), named by its kind and key; its
// digest is the SHA-256 of every column of every row that makes it up, with types. Changing,
// adding or deleting any of those rows changes the digest.

#include <sqlite3.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace phieu::store_internal {

struct RecordRef {
  std::string record;  // kind, e.g. "form", "scan_page" (RecordKinds())
  std::string key;     // e.g. the form code, the page id
};

// Every kind of record the log covers, in a fixed order.
const std::vector<std::string_view>& RecordKinds();

// Computes digests, keeping its prepared statements for many calls (the log check digests every
// record of a database).
class RecordDigester {
 public:
  explicit RecordDigester(sqlite3* db);
  ~RecordDigester();
  RecordDigester(const RecordDigester&) = delete;
  RecordDigester& operator=(const RecordDigester&) = delete;

  // The record's digest, or "" when no row of it exists. Throws SqliteError; throws
  // std::logic_error for an unknown kind.
  std::string Digest(const RecordRef& ref);

  // The keys of every record of `kind` in the database.
  std::vector<std::string> Keys(std::string_view kind);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace phieu::store_internal
