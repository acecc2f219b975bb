// phieu log show | verify: the tamper-evident record (store/event_log.h).

#include "cli/commands.h"
#include "core/text.h"
#include "store/event_log.h"

namespace phieu {

Status RunLogShow(const std::string& db_flag, std::size_t last, std::ostream& out) {
  auto db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  auto events = ListEvents(**db);
  if (!events.ok()) return events.status();
  const std::size_t from = last == 0 || last >= events->size() ? 0 : events->size() - last;
  if (from > 0) out << "(" << from << " earlier events not shown; --last 0 shows all)\n";
  for (std::size_t i = from; i < events->size(); ++i) {
    const LogEvent& e = (*events)[i];
    out << PadRight(std::to_string(e.seq), 6) << " " << e.at << "  " << PadRight(e.kind, 8) << " "
        << PadRight(e.actor, 10) << " " << e.summary << "\n"
        << "       records " << e.records << ", hash " << e.hash.substr(0, 16) << "\n";
  }
  if (!events->empty()) out << "Head hash: " << events->back().hash << "\n";
  return Status::Ok();
}

Status RunLogVerify(const std::string& db_flag, std::ostream& out) {
  const std::string path = ResolveDatabasePath(db_flag);
  auto db = Database::Open(path);
  if (!db.ok()) return db.status();
  auto check = VerifyLog(**db);
  if (!check.ok()) return check.status();
  out << "Checked " << check->events << " events and " << check->records << " records in " << path
      << ".\n";
  if (!check->head.empty()) out << "Head hash: " << check->head << "\n";
  if (check->ok()) {
    out << "The log is intact: every record matches the event that last wrote it.\n";
    return Status::Ok();
  }
  for (const std::string& problem : check->problems) out << "  FAIL " << problem << "\n";
  return Status::Error(
      path + ": the log does not match the database (" + std::to_string(check->problems.size()) +
      (check->problems.size() >= 50 ? "+" : "") + " problems; the first is listed first)");
}

}  // namespace phieu
