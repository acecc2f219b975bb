// phieu users add: a person who may sign in to the review station (station/users.h).

#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "station/users.h"

namespace phieu {
namespace {

// One line of `in`; asked for without echo when standard input is a terminal.
std::string ReadPassword(std::istream& in, std::ostream& out, const std::string& prompt) {
  const bool terminal = &in == &std::cin && isatty(STDIN_FILENO);
  termios saved{};
  if (terminal) {
    out << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(in, line);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    out << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

Status RunUsersAdd(const std::string& db_flag, const std::string& name, const std::string& role,
                   std::istream& in, std::ostream& out) {
  auto db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  const std::string password = ReadPassword(in, out, "Password for " + name + ": ");
  if (&in == &std::cin && isatty(STDIN_FILENO)) {
    if (ReadPassword(in, out, "The same again: ") != password) {
      return Status::Error("the two passwords differ; nothing was added");
    }
  }
  auto user = AddUser(**db, name, role, password);
  if (!user.ok()) return user.status();
  out << user->name << " may now sign in to the review station as " << user->role
      << " ('phieu serve --db " << (*db)->path() << "').\n";
  return Status::Ok();
}

}  // namespace phieu
