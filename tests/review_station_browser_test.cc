// The review station in a real browser: `phieu serve` on a database with 22 faint marks, Debian's
// headless chromium driven by tests/browser/review_station_browser.py over its DevTools port, with
// the keyboard only: sign in (a wrong password first), decide 20 marks, step back. Then the
// database must hold exactly those 20 decisions, each the option the faint mark stood for, by the
// person signed in; then T switches to the write-ins and a sentence typed into the one box written
// in is recorded with Enter, as that person; and `phieu log verify` must pass. The screenshots of every screen are kept in
// PHIEU_SCREENS_DIR to look at. Skipped, saying so, when chromium is not installed.

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <thread>

#include "station/users.h"
#include "tests/review_station_util.h"

namespace phieu::e2e {
namespace {

constexpr int kQueued = 22, kDecided = 20;
constexpr const char* kWriteIn = "Nên mở thêm quầy tiếp nhận hồ sơ vào thứ Bảy";

// A TCP port nobody listens on now.
int FreePort() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address);
  getsockname(s, reinterpret_cast<sockaddr*>(&address), &size);
  close(s);
  return ntohs(address.sin_port);
}

bool Listening(int port) {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool ok = connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(s);
  return ok;
}

class ReviewStationBrowserTest : public QueuedMarksTest {
 protected:
  static void SetUpTestSuite() { Print({.forms = 1, .seed = "tram-trinh-duyet"}); }
  static void TearDownTestSuite() { Discard(); }
};

TEST_F(ReviewStationBrowserTest, ASignedInReviewerDecidesTwentyMarksWithTheKeyboardOnly) {
  const char* chromium = std::getenv("PHIEU_CHROMIUM");
  const std::string browser = chromium != nullptr ? chromium : "/usr/bin/chromium";
  if (!fs::exists(browser)) {
    GTEST_SKIP() << browser << " is not installed (Debian package chromium, installed by "
                 << "scripts/install-deps.sh): the browser test did not run";
  }
  ScanFormWithFaintMarks(kQueued, 71, {{"Q11", 8}});
  {
    auto db = Database::Open(Db().string());
    ASSERT_TRUE(db.ok()) << db.status().message();
    ASSERT_TRUE(AddUser(**db, "Lan", "reviewer", "mat-khau-cua-lan").ok());
  }
  // Nearly every faint mark waits for a person (the scanner may read one as clear).
  const auto waiting = [&] {
    const std::string list = PhieuOk({"review", "list", "--kind", "marks"});
    const std::size_t end = list.rfind(" item(s) wait for a person.");
    return end == std::string::npos ? 0 : std::stoi(list.substr(list.rfind('\n', end) + 1));
  };
  const int before = waiting();
  ASSERT_GT(before, kDecided) << PhieuOk({"review", "list"});
  const int port = FreePort();
  PhieuProcess serve(dir_, {"serve", "--port", std::to_string(port), "--db", "d.db"});
  for (int i = 0; i < 1000 && !Listening(port); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(Listening(port)) << "phieu serve does not listen on port " << port;

  const fs::path screens = PHIEU_SCREENS_DIR;
  fs::remove_all(screens);
  const std::string command =
      "/usr/bin/python3 " + ShellQuote(std::string(PHIEU_SOURCE_DIR) +
                                       "/tests/browser/review_station_browser.py") +
      " --url http://127.0.0.1:" + std::to_string(port) + "/ --name Lan --password " +
      "mat-khau-cua-lan --count " + std::to_string(kDecided) + " --shots " +
      ShellQuote(screens.string()) + " --chromium " + ShellQuote(browser) +
      " --writein-text " + ShellQuote(kWriteIn) + " > " +
      ShellQuote((dir_ / "browser.json").string()) + " 2> " +
      ShellQuote((dir_ / "browser.err").string());
  const int status = std::system(command.c_str());
  ASSERT_EQ(status, 0) << ReadText(dir_ / "browser.err");
  const nlohmann::json run = nlohmann::json::parse(ReadText(dir_ / "browser.json"));
  std::cout << "key press to the next crop on screen: median " << run["median_ms"] << " ms, p95 "
            << run["p95_ms"] << " ms over " << run["latency_ms"].size() << " decisions\n";

  // What the page decided is what the faint marks stood for, and it is all the database holds.
  ASSERT_EQ(run["decided"].size(), static_cast<std::size_t>(kDecided));
  for (const auto& d : run["decided"]) {
    const std::string id = d["id"];
    ASSERT_TRUE(meant_.contains(id)) << id;
    EXPECT_EQ(d["value"], meant_.at(id)) << id;
  }
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM decision"), kDecided);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM decision WHERE decided_by = 'Lan'"), kDecided);
  for (const auto& d : run["decided"]) {
    const std::string id = d["id"];
    const std::string item = id.substr(id.find('/') + 1);
    EXPECT_EQ(Value(Db(), "SELECT value FROM decision WHERE item = '" + item + "'"), meant_.at(id));
  }
  // The write-in typed in the page is the one record, by that person.
  ASSERT_TRUE(run["transcribed"].is_object()) << run.dump();
  EXPECT_EQ(run["transcribed"]["id"], Code(0) + "/Q11");
  EXPECT_EQ(Value(Db(), "SELECT form_code || '/' || box || '|' || state || '|' || text || '|' || "
                        "transcribed_by FROM writein"),
            Code(0) + "/Q11|text|" + kWriteIn + "|Lan");
  const RunResult log = Phieu({"log", "verify"});
  EXPECT_EQ(log.exit_code, 0) << log.out << log.err;
  EXPECT_EQ(waiting(), before - kDecided);
  for (const char* shot : {"01-sign-in.png", "02-wrong-password.png", "03-first-item.png",
                           "04-picked.png", "05-after-first-decision.png",
                           "06-after-last-decision.png", "07-whole-page.png", "08-back.png",
                           "09-write-in.png", "10-write-in-typed.png", "11-after-write-in.png"}) {
    EXPECT_TRUE(fs::exists(screens / shot)) << shot;
  }
}

}  // namespace
}  // namespace phieu::e2e
