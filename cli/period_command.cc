// phieu period set|show: the period a survey run belongs to (store/period_store.h).

#include "cli/commands.h"
#include "core/period.h"
#include "store/database.h"
#include "store/period_store.h"

namespace phieu {

Status RunPeriodSet(const std::string& db_flag, const std::string& text, std::ostream& out) {
  auto period = ParsePeriod(text);
  if (!period.ok()) return Status::UsageError(period.status().message());
  auto db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  PHIEU_RETURN_IF_ERROR(SetPeriod(**db, *period));
  out << "Period of " << (*db)->path() << ": " << period->text << " (" << period->Range()
      << ", \"" << PeriodVietnamese(*period) << "\")\n";
  return Status::Ok();
}

Status RunPeriodShow(const std::string& db_flag, std::ostream& out) {
  auto db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  auto period = LoadPeriod(**db);
  if (!period.ok()) return period.status();
  if (!*period) {
    out << (*db)->path() << " has no period: set one with 'phieu period set 2026-Q3'\n";
    return Status::Ok();
  }
  out << (*period)->text << " (" << (*period)->Range() << ", \"" << PeriodVietnamese(**period)
      << "\")\n";
  return Status::Ok();
}

}  // namespace phieu
