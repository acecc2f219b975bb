#pragma once
// Private to store/: a thin RAII layer over sqlite3. SQL errors inside store code throw
// SqliteError; the public functions turn it into a Status with Guard().

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/database.h"

namespace phieu::store_internal {

class SqliteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Gives store/ code the raw handle of a Database.
class Access {
 public:
  static sqlite3* Handle(Database& db);
};

// Executes one or more statements with no results; throws SqliteError.
void Exec(sqlite3* db, std::string_view sql);

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds parameters by 1-based index; returns *this for chaining.
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& BindNull(int index);

  // Advances to the next row: true when a row is there, false when done. Throws SqliteError.
  bool Step();
  // Runs a statement that returns no rows. Throws SqliteError.
  void Run();
  // Resets for another execution with new bindings.
  void Reset();

  std::string Text(int column) const;
  std::int64_t Int(int column) const;
  double Real(int column) const;
  bool IsNull(int column) const;
  int Columns() const;
  std::string ColumnName(int column) const;
  // The column's value with its type, as "I:12", "R:0.5", "T:text", "N:" (for digests).
  std::string Typed(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Runs `body`, turning a SqliteError into a failed Status (prefixed "database: ").
template <typename Body>
auto Guard(Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const SqliteError& e) {
    return Status::Error(std::string("database: ") + e.what());
  }
}

}  // namespace phieu::store_internal
