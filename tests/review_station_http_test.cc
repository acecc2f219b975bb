// The review station's API over real HTTP (station/review_station.h served by station/http_server.h,
// asked by cpp-httplib's client) on a database with marks waiting for a person: every route, its
// refusals (signed out, no CSRF token, unknown items, bad values, stale or others' claims: a clear
// 4xx and nothing stored), two reviewers at once, and a web decision stored exactly as the CLI's;
// the same for the write-ins (/api/text/...): a box with handwriting transcribed by the person
// signed in, and every refusal storing nothing.

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <ctime>
#include <set>
#include <thread>

#include "core/text.h"
#include "station/http_server.h"
#include "station/review_station.h"
#include "station/users.h"
#include "tests/review_station_util.h"

namespace phieu::e2e {
namespace {

using nlohmann::json;

constexpr int kFaint = 4;

// A signed-in browser: its session cookie and CSRF token.
struct Reviewer {
  std::string cookie, csrf;
};

class ReviewStationHttpTest : public QueuedMarksTest {
 protected:
  static void SetUpTestSuite() { Print({.forms = 2, .seed = "tram-duyet"}); }
  static void TearDownTestSuite() { Discard(); }

  void SetUp() override {
    QueuedMarksTest::SetUp();
    // A few words in the "Ý kiến khác" box: the one write-in to transcribe.
    ScanFormWithFaintMarks(kFaint, 61, {{"Q11", 5}});
    auto db = Database::Open(Db().string());
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(db).value();
    ASSERT_TRUE(AddUser(*db_, "An", "reviewer", "mat-khau-cua-an").ok());
    ASSERT_TRUE(AddUser(*db_, "Bình", "supervisor", "mat-khau-cua-binh").ok());
    StationOptions options;
    options.now = [this] { return now_; };
    station_ = std::make_unique<ReviewStation>(*db_, options);
    server_ = std::make_unique<HttpServer>([this](const HttpRequest& r) { return station_->Handle(r); });
    auto port = server_->Bind("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().message();
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    station_.reset();
    db_.reset();
    QueuedMarksTest::TearDown();
  }

  httplib::Result Get(const std::string& path, const Reviewer& who = {}) {
    httplib::Client client("127.0.0.1", port_);
    httplib::Headers headers;
    if (!who.cookie.empty()) headers.emplace("Cookie", who.cookie);
    return client.Get(path, headers);
  }

  httplib::Result Post(const std::string& path, const json& body, const Reviewer& who = {},
                       bool with_csrf = true) {
    httplib::Client client("127.0.0.1", port_);
    httplib::Headers headers;
    if (!who.cookie.empty()) headers.emplace("Cookie", who.cookie);
    if (with_csrf && !who.csrf.empty()) headers.emplace("X-CSRF-Token", who.csrf);
    return client.Post(path, headers, body.dump(), "application/json");
  }

  Reviewer SignIn(const std::string& name, const std::string& password) {
    auto r = Post("/api/signin", {{"name", name}, {"password", password}});
    EXPECT_TRUE(r) << "no answer";
    if (!r) return {};
    EXPECT_EQ(r->status, 200) << r->body;
    const std::string cookie = r->get_header_value("Set-Cookie");
    return {cookie.substr(0, cookie.find(';')), json::parse(r->body).value("csrf", "")};
  }
  Reviewer An() { return SignIn("An", "mat-khau-cua-an"); }
  Reviewer Binh() { return SignIn("Bình", "mat-khau-cua-binh"); }

  // The item /api/next hands `who` (null when none is left).
  json Next(const Reviewer& who, const std::vector<std::string>& skip = {}) {
    auto r = Post("/api/next", {{"skip", skip}}, who);
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return r ? json::parse(r->body)["item"] : json();
  }

  int Decisions() const { return Count(Db(), "SELECT count(*) FROM decision"); }

  static void ExpectError(const httplib::Result& r, int status, const std::string& message) {
    ASSERT_TRUE(r) << "no answer";
    EXPECT_EQ(r->status, status) << r->body;
    EXPECT_EQ(r->body, json({{"error", message}}).dump()) << r->body;
  }

  std::unique_ptr<Database> db_;
  std::unique_ptr<ReviewStation> station_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
  std::int64_t now_ = 1'800'000'000;
};

TEST_F(ReviewStationHttpTest, ThePageAndItsScriptAreServedFromTheBinary) {
  auto page = Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find("<script src=\"/app.js\" defer></script>"), std::string::npos);
  EXPECT_EQ(page->get_header_value("X-Frame-Options"), "DENY");
  auto script = Get("/app.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(Get("/app.css")->status, 200);
  ExpectError(Get("/nothing.html"), 404, "no page /nothing.html");
}

TEST_F(ReviewStationHttpTest, SignedOutRequestsAreRefusedWith401AndNothingIsStored) {
  const std::string id = meant_.begin()->first;
  for (const std::string& path : std::vector<std::string>{"/api/me", "/api/queue", "/api/crop?id=" + id,
                                                         "/api/page?id=" + id, "/api/progress"}) {
    ExpectError(Get(path), 401, "sign in first");
  }
  for (const std::string path : {"/api/next", "/api/claim", "/api/release", "/api/signout"}) {
    ExpectError(Post(path, {{"id", id}}), 401, "sign in first");
  }
  ExpectError(Post("/api/decide", {{"id", id}, {"value", meant_.begin()->second}}), 401,
              "sign in first");
  ExpectError(Get("/api/queue", {"phieu_session=0123", ""}), 401, "sign in first");
  EXPECT_EQ(Decisions(), 0);
}

TEST_F(ReviewStationHttpTest, AWrongPasswordOrNameIsRefusedAndTheRightOneGivesAnHttpOnlyCookie) {
  ExpectError(Post("/api/signin", {{"name", "An"}, {"password", "mat-khau-cua-binh"}}), 401,
              "wrong name or password");
  ExpectError(Post("/api/signin", {{"name", "Chi"}, {"password", "mat-khau-cua-an"}}), 401,
              "wrong name or password");
  ExpectError(Get("/api/signin"), 405, "use POST for /api/signin");
  auto r = Post("/api/signin", {{"name", "An"}, {"password", "mat-khau-cua-an"}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const std::string cookie = r->get_header_value("Set-Cookie");
  EXPECT_TRUE(cookie.starts_with("phieu_session=")) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly; SameSite=Strict; Path=/"), std::string::npos) << cookie;
  const json body = json::parse(r->body);
  EXPECT_EQ(body["name"], "An");
  EXPECT_EQ(body["role"], "reviewer");
  EXPECT_EQ(body["csrf"].get<std::string>().size(), 64u);
  const Reviewer an{cookie.substr(0, cookie.find(';')), body["csrf"]};
  auto me = Get("/api/me", an);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body)["csrf"], an.csrf);
}

TEST_F(ReviewStationHttpTest, AChangeWithoutTheCsrfTokenIsRefusedWith403AndNothingIsStored) {
  const Reviewer an = An();
  const auto& [id, value] = *meant_.begin();
  ExpectError(Post("/api/claim", {{"id", id}}, an, false), 403,
              "the CSRF token is missing or wrong: reload the page");
  ASSERT_EQ(Post("/api/claim", {{"id", id}}, an)->status, 200);
  ExpectError(Post("/api/decide", {{"id", id}, {"value", value}}, an, false), 403,
              "the CSRF token is missing or wrong: reload the page");
  ExpectError(Post("/api/decide", {{"id", id}, {"value", value}}, {an.cookie, Binh().csrf}), 403,
              "the CSRF token is missing or wrong: reload the page");
  ExpectError(Post("/api/signout", {}, an, false), 403,
              "the CSRF token is missing or wrong: reload the page");
  EXPECT_EQ(Decisions(), 0);
}

TEST_F(ReviewStationHttpTest, TheQueueListsEveryFaintMarkAndItsFiltersApply) {
  const Reviewer an = An();
  auto r = Get("/api/queue", an);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json queue = json::parse(r->body);
  EXPECT_EQ(queue["total"], kFaint);
  std::set<std::string> ids;
  for (const json& item : queue["items"]) {
    ids.insert(item["id"].get<std::string>());
    EXPECT_EQ(item["reason"], "unsure-mark");
    EXPECT_EQ(item["form"], Code(0));
    EXPECT_EQ(item["unit"], printed_->units[0]);
    EXPECT_EQ(item["claimed_by"], "");
    EXPECT_EQ(item["machine"].get<std::string>().rfind("unsure", 0), 0u) << item;
  }
  std::set<std::string> expected;
  for (const auto& [id, value] : meant_) expected.insert(id);
  EXPECT_EQ(ids, expected);

  const std::string first_item = queue["items"][0]["item"];
  const json one = json::parse(Get("/api/queue?question=" + first_item, an)->body);
  ASSERT_EQ(one["total"], 1);
  EXPECT_EQ(one["items"][0]["item"], first_item);
  EXPECT_EQ(json::parse(Get("/api/queue?unit=nowhere", an)->body)["total"], 0);
  EXPECT_EQ(json::parse(Get("/api/queue?kind=forms", an)->body)["total"], 0);
  ExpectError(Get("/api/queue?reason=faint", an), 400,
              "reason is 'unsure-mark', 'scans-disagree' or 'form-scans-disagree', not 'faint'");
  ExpectError(Get("/api/queue?kind=pages", an), 400, "kind is 'marks' or 'forms', not 'pages'");
}

TEST_F(ReviewStationHttpTest, NextShowsACropWithTheUnsureBubbleAndTheWholePageOnDemand) {
  const Reviewer an = An();
  const json item = Next(an);
  ASSERT_TRUE(item.is_object());
  const std::string id = item["id"];
  ASSERT_TRUE(meant_.contains(id)) << id;
  EXPECT_EQ(item["waiting"]["reason"], "unsure-mark");
  EXPECT_EQ(item["claimed_until"], now_ + 300);
  EXPECT_FALSE(item["question"].get<std::string>().empty());
  ASSERT_EQ(item["scans"].size(), 1u);
  const json& scan = item["scans"][0];
  std::vector<std::string> uncertain;
  for (const json& b : scan["bubbles"]) {
    if (b["uncertain"]) uncertain.push_back(b["option"]);
    EXPECT_GE(b["x"].get<double>(), 0);
    EXPECT_LE(b["x"].get<double>() + b["w"].get<double>(), scan["width"].get<double>());
    EXPECT_LE(b["y"].get<double>() + b["h"].get<double>(), scan["height"].get<double>());
  }
  EXPECT_EQ(uncertain, std::vector<std::string>{meant_.at(id)});
  EXPECT_EQ(scan["bubbles"].size(), item["options"].size());

  auto crop = Get("/api/crop?id=" + id + "&scan=0", an);
  ASSERT_TRUE(crop);
  EXPECT_EQ(crop->status, 200);
  EXPECT_EQ(crop->get_header_value("Content-Type"), "image/bmp");
  EXPECT_EQ(crop->body.substr(0, 2), "BM");
  const auto width = static_cast<unsigned char>(crop->body[18]) | static_cast<unsigned char>(crop->body[19]) << 8;
  EXPECT_EQ(width, scan["width"].get<int>());
  auto page = Get("/api/page?id=" + id + "&scan=0", an);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->body.substr(0, 2), "BM");
  ExpectError(Get("/api/crop?id=" + id + "&scan=3", an), 404, id + " has no scan 3");
  ExpectError(Get("/api/crop?id=" + id + "&scan=x", an), 400, "scan is a number, not 'x'");
  ExpectError(Get("/api/crop?id=ZZZ-ZZZ-ZZZ/Q1&scan=0", an), 404, "no item 'ZZZ-ZZZ-ZZZ/Q1' to review");
}

TEST_F(ReviewStationHttpTest, TwoReviewersAtOnceNeverReceiveTheSameItem) {
  const Reviewer an = An(), binh = Binh();
  std::vector<std::string> an_got, binh_got;
  for (int round = 0; round < kFaint; ++round) {
    const json a = Next(an, an_got);
    if (a.is_object()) an_got.push_back(a["id"]);
    const json b = Next(binh, binh_got);
    if (b.is_object()) binh_got.push_back(b["id"]);
  }
  EXPECT_EQ(an_got.size() + binh_got.size(), static_cast<std::size_t>(kFaint));
  std::set<std::string> all(an_got.begin(), an_got.end());
  for (const std::string& id : binh_got) EXPECT_TRUE(all.insert(id).second) << id << " given twice";
  EXPECT_TRUE(Next(an, an_got).is_null());

  // Each item is held by its reviewer: the other can neither open nor decide it.
  const std::string ans = an_got.at(0);
  ExpectError(Post("/api/claim", {{"id", ans}}, binh), 409, ans + " is being reviewed by An");
  ExpectError(Post("/api/decide", {{"id", ans}, {"value", meant_.at(ans)}}, binh), 409,
              ans + " is being reviewed by An");
  const json queue = json::parse(Get("/api/queue", binh)->body);
  for (const json& item : queue["items"]) EXPECT_NE(item["claimed_by"], "") << item;
  EXPECT_EQ(Decisions(), 0);
  // Released, it can be taken.
  ASSERT_EQ(Post("/api/release", {{"id", ans}}, an)->status, 200);
  EXPECT_EQ(Post("/api/claim", {{"id", ans}}, binh)->status, 200);
}

TEST_F(ReviewStationHttpTest, AStaleClaimIsRefusedWith409AndNothingIsStored) {
  const Reviewer an = An();
  const json item = Next(an);
  const std::string id = item["id"];
  now_ += 300;  // the claim has run out
  ExpectError(Post("/api/decide", {{"id", id}, {"value", meant_.at(id)}}, an), 409,
              "your claim on " + id + " has run out (or was never taken): open it again to decide it");
  EXPECT_EQ(Decisions(), 0);
  // Someone else may take it now; the first reviewer may not decide it.
  const Reviewer binh = Binh();
  ASSERT_EQ(Post("/api/claim", {{"id", id}}, binh)->status, 200);
  ExpectError(Post("/api/decide", {{"id", id}, {"value", meant_.at(id)}}, an), 409,
              id + " is being reviewed by Bình");
  EXPECT_EQ(Decisions(), 0);
}

TEST_F(ReviewStationHttpTest, BadItemsValuesAndRoutesAreRefusedWithA4xxAndNothingIsStored) {
  const Reviewer an = An();
  const json item = Next(an);
  const std::string id = item["id"];
  const std::string code = item["item"];
  std::vector<std::string> options;
  for (const json& o : item["options"]) options.push_back(o["code"]);
  ExpectError(Post("/api/decide", {{"id", id}, {"value", "Z9"}}, an), 400,
              "'Z9' is not an option of " + code + " (options: " + Join(options, ", ") +
                  "; or blank, invalid)");
  ExpectError(Post("/api/decide", {{"id", id}, {"value", options[0] + ";" + options[1]}}, an), 400,
              code + " takes one answer; give one option code, or 'invalid' if the respondent "
                     "marked several");
  ExpectError(Post("/api/decide", {{"id", id}}, an), 400,
              "no value: give an option code, blank or invalid");
  ExpectError(Post("/api/decide", {{"id", id}, {"value", 4}}, an), 400,
              "'value' is neither text nor a list of text");
  ExpectError(Post("/api/decide", {{"id", "ZZZ-ZZZ-ZZZ/Q1"}, {"value", "1"}}, an), 404,
              "no item 'ZZZ-ZZZ-ZZZ/Q1' to review");
  ExpectError(Post("/api/decide", {{"id", Code(0) + "/Q99"}, {"value", "1"}}, an), 404,
              "no item '" + Code(0) + "/Q99' to review");
  ExpectError(Post("/api/claim", {{"id", Code(1)}}, an), 404, "no item '" + Code(1) + "' to review");
  ExpectError(Post("/api/decide", {{"id", Code(0)}, {"value", "accept"}}, an), 409,
              "your claim on " + Code(0) +
                  " has run out (or was never taken): open it again to decide it");
  ASSERT_EQ(Post("/api/claim", {{"id", Code(0)}}, an)->status, 200);
  ExpectError(Post("/api/decide", {{"id", Code(0)}, {"value", "accept"}}, an), 400,
              "form " + Code(0) +
                  " cannot be accepted by a person: only missing pages or disagreeing scans are a "
                  "person's call; its marks are decided item by item (CODE/ITEM)");
  ExpectError(Post("/api/nothing", {}, an), 404, "no route POST /api/nothing");
  ExpectError(Get("/api/decide", an), 405, "use POST for /api/decide");
  ExpectError(Post("/api/queue", {}, an), 405, "use GET for /api/queue");
  httplib::Client client("127.0.0.1", port_);
  auto bad = client.Post("/api/next", {{"Cookie", an.cookie}, {"X-CSRF-Token", an.csrf}}, "{oops",
                         "application/json");
  ExpectError(bad, 400, "the request body is not JSON");
  EXPECT_EQ(Decisions(), 0);
}

TEST_F(ReviewStationHttpTest, DecidingEveryMarkStoresThemAndShowsTheFormsNewVerdict) {
  const Reviewer an = An();
  json last;
  for (int i = 0; i < kFaint; ++i) {
    const json item = Next(an);
    ASSERT_TRUE(item.is_object());
    const std::string id = item["id"];
    auto r = Post("/api/decide", {{"id", id}, {"value", meant_.at(id)}, {"note", "web"}}, an);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    last = json::parse(r->body);
    EXPECT_EQ(last["decision"]["by"], "An");
    EXPECT_EQ(last["decision"]["value"], meant_.at(id));
    EXPECT_EQ(last["form"]["verdict"], i + 1 < kFaint ? "needs_review" : "accepted") << last;
  }
  EXPECT_TRUE(Next(an).is_null());
  EXPECT_EQ(last["form"]["reasons"], "");
  for (const auto& [id, value] : meant_) {
    const std::string item = id.substr(id.find('/') + 1);
    EXPECT_EQ(Value(Db(), "SELECT value || '|' || decided_by || '|' || note FROM decision WHERE "
                          "item = '" + item + "'"),
              value + "|An|web");
  }
  EXPECT_EQ(json::parse(Get("/api/queue", an)->body)["total"], 0);
}

TEST_F(ReviewStationHttpTest, ACorrectionIsANewDecisionAndTheLatestWins) {
  const Reviewer an = An();
  const json item = Next(an);
  const std::string id = item["id"];
  ASSERT_EQ(Post("/api/decide", {{"id", id}, {"value", "blank"}}, an)->status, 200);
  ExpectError(Post("/api/decide", {{"id", id}, {"value", meant_.at(id)}}, an), 409,
              "your claim on " + id + " has run out (or was never taken): open it again to decide it");
  auto again = Post("/api/claim", {{"id", id}}, an);
  ASSERT_EQ(again->status, 200);
  const json shown = json::parse(again->body)["item"];
  EXPECT_EQ(shown["decided"], "blank");
  EXPECT_EQ(shown["decided_by"], "An");
  ASSERT_EQ(Post("/api/decide", {{"id", id}, {"value", meant_.at(id)}}, an)->status, 200);
  EXPECT_EQ(Query(Db(), "SELECT value FROM decision ORDER BY id"),
            (Rows{{"blank"}, {meant_.at(id)}}));
  EXPECT_EQ(json::parse(Post("/api/claim", {{"id", id}}, an)->body)["item"]["decided"],
            meant_.at(id));
}

TEST_F(ReviewStationHttpTest, AWebDecisionIsTheSameRecordAsTheCommandLinesOne) {
  fs::copy_file(Db(), dir_ / "cli.db");
  const auto& [id, value] = *meant_.begin();
  const RunResult cli = RunPhieu({"review", "decide", id, value, "--by", "An", "--note", "n", "--db", "cli.db"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  const Reviewer an = An();
  ASSERT_EQ(Post("/api/claim", {{"id", id}}, an)->status, 200);
  ASSERT_EQ(Post("/api/decide", {{"id", id}, {"value", value}, {"note", "n"}}, an)->status, 200);
  // Every column but the time it was made; and the log event's summary.
  const std::string columns = "SELECT id, form_code, item, value, machine, decided_by, note FROM decision";
  EXPECT_EQ(Query(Db(), columns), Query(dir_ / "cli.db", columns));
  const std::string event = "SELECT kind, summary FROM event WHERE kind = 'decision'";
  EXPECT_EQ(Query(Db(), event), Query(dir_ / "cli.db", event));
  EXPECT_EQ(Query(Db(), event).size(), 1u);
  EXPECT_EQ(Phieu({"log", "verify"}).exit_code, 0);
}

TEST_F(ReviewStationHttpTest, UsersAddReadsThePasswordFromStandardInputAndRefusesBadOnes) {
  // `printf PASSWORD | phieu users add NAME --role ROLE --db d.db`: exit status, stdout, stderr.
  auto add = [&](const std::string& password, const std::string& name, const std::string& role) {
    const std::string command =
        "cd " + ShellQuote(dir_.string()) + " && printf '%s\\n' " + ShellQuote(password) + " | " +
        ShellQuote(PHIEU_BINARY) + " users add " + ShellQuote(name) + " --role " +
        ShellQuote(role) + " --db d.db >out.txt 2>err.txt";
    const int status = std::system(command.c_str());
    return RunResult{WEXITSTATUS(status), ReadText(dir_ / "out.txt"), ReadText(dir_ / "err.txt")};
  };
  RunResult r = add("mat-khau-cua-chi", "Chi", "reviewer");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Chi may now sign in to the review station as reviewer ('phieu serve --db d.db').\n");
  EXPECT_EQ(SignIn("Chi", "mat-khau-cua-chi").csrf.size(), 64u);
  r = add("ngan", "Dung", "reviewer");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "phieu: the password is too short: at least 8 characters\n");
  r = add("mat-khau-cua-dung", "Dung", "admin");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "phieu: a role is 'reviewer' or 'supervisor', not 'admin'\n");
  r = add("mat-khau-khac", "Chi", "supervisor");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "phieu: a person named 'Chi' can already sign in; choose another name\n");
  EXPECT_EQ(SignIn("Chi", "mat-khau-cua-chi").csrf.size(), 64u);  // unchanged
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM station_user"), 3);
  EXPECT_EQ(Phieu({"log", "verify"}).exit_code, 0);
}

TEST_F(ReviewStationHttpTest, ASupervisorSeesEachPersonsDecisionsAndAReviewerMayNot) {
  now_ = std::time(nullptr);  // decisions are stamped with the real time: "the last hour" is real
  const Reviewer an = An(), binh = Binh();
  for (int i = 0; i < 2; ++i) {
    const json item = Next(an);
    ASSERT_TRUE(item.is_object());
    const std::string id = item["id"];
    ASSERT_EQ(Post("/api/decide", {{"id", id}, {"value", meant_.at(id)}}, an)->status, 200);
  }
  ASSERT_TRUE(Next(binh).is_object());  // held by Bình, not decided
  ExpectError(Get("/api/progress", an), 403, "only a supervisor sees the progress");
  auto r = Get("/api/progress", binh);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json p = json::parse(r->body);
  EXPECT_EQ(p["waiting"], kFaint - 2);
  EXPECT_EQ(p["claimed"], 1);
  EXPECT_EQ(p["decisions"], 2);
  ASSERT_EQ(p["reviewers"].size(), 1u);
  EXPECT_EQ(p["reviewers"][0]["name"], "An");
  EXPECT_EQ(p["reviewers"][0]["decisions"], 2);
  EXPECT_EQ(p["reviewers"][0]["last_hour"], 2);
}

TEST_F(ReviewStationHttpTest, SigningOutEndsTheSession) {
  const Reviewer an = An();
  auto r = Post("/api/signout", {}, an);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  ExpectError(Get("/api/queue", an), 401, "sign in first");
}

// ---- Write-ins (/api/text/...).

constexpr const char* kWords = "Cán bộ một cửa hướng dẫn tận tình, chu đáo";

TEST_F(ReviewStationHttpTest, AWriteInIsShownUprightAndRecordedAsThePersonSignedIn) {
  const Reviewer an = An();
  const std::string id = Code(0) + "/Q11";
  auto q = Get("/api/text/queue", an);
  ASSERT_TRUE(q);
  ASSERT_EQ(q->status, 200) << q->body;
  const json queue = json::parse(q->body);
  ASSERT_EQ(queue["total"], 1) << q->body;
  EXPECT_EQ(queue["items"][0]["id"], id);
  EXPECT_EQ(queue["items"][0]["box"], "Q11");
  EXPECT_EQ(queue["items"][0]["label"], "Ý kiến khác (xin ghi cụ thể):");
  EXPECT_TRUE(queue["items"][0]["recorded"].is_null());

  auto n = Post("/api/text/next", json::object(), an);
  ASSERT_TRUE(n);
  ASSERT_EQ(n->status, 200) << n->body;
  const json item = json::parse(n->body)["item"];
  EXPECT_EQ(item["id"], id);
  EXPECT_EQ(item["claimed_until"], now_ + 300);
  EXPECT_GT(item["width"].get<int>(), item["height"].get<int>());  // a wide box, upright
  auto crop = Get("/api/text/crop?id=" + id, an);
  ASSERT_TRUE(crop);
  EXPECT_EQ(crop->status, 200);
  EXPECT_EQ(crop->get_header_value("Content-Type"), "image/bmp");
  EXPECT_EQ(crop->body.substr(0, 2), "BM");

  auto r = Post("/api/text/record", {{"id", id}, {"state", "text"}, {"text", kWords}}, an);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json recorded = json::parse(r->body)["recorded"];
  EXPECT_EQ(recorded["text"], kWords);
  EXPECT_EQ(recorded["by"], "An");
  EXPECT_EQ(recorded["state"], "text");
  EXPECT_EQ(Value(Db(), "SELECT text || '|' || transcribed_by FROM writein"),
            std::string(kWords) + "|An");
  EXPECT_EQ(json::parse(Get("/api/text/queue", an)->body)["total"], 0);
  EXPECT_TRUE(json::parse(Post("/api/text/next", json::object(), an)->body)["item"].is_null());
  // A correction: claimed again by id, recorded anew; both records stay, the latest wins.
  ASSERT_EQ(Post("/api/text/claim", {{"id", id}}, an)->status, 200);
  ASSERT_EQ(Post("/api/text/record", {{"id", id}, {"state", "illegible"}}, an)->status, 200);
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM writein"), 2);
  const RunResult log = Phieu({"log", "verify"});
  EXPECT_EQ(log.exit_code, 0) << log.out << log.err;
}

TEST_F(ReviewStationHttpTest, WriteInRefusalsAnswerA4xxAndStoreNothing) {
  const std::string id = Code(0) + "/Q11";
  const json words = {{"id", id}, {"state", "text"}, {"text", kWords}};
  // Signed out.
  ExpectError(Get("/api/text/queue"), 401, "sign in first");
  ExpectError(Get("/api/text/crop?id=" + id), 401, "sign in first");
  for (const std::string path : {"/api/text/next", "/api/text/claim", "/api/text/record"}) {
    ExpectError(Post(path, words), 401, "sign in first");
  }
  const Reviewer an = An(), binh = Binh();
  // Without the CSRF token.
  for (const std::string path : {"/api/text/next", "/api/text/claim", "/api/text/record"}) {
    ExpectError(Post(path, words, an, /*with_csrf=*/false), 403,
                "the CSRF token is missing or wrong: reload the page");
  }
  // No claim taken.
  ExpectError(Post("/api/text/record", words, an), 409,
              "your claim on " + id + " has run out (or was never taken): open it again to record it");
  // A bad item.
  for (const std::string& bad : std::vector<std::string>{Code(0) + "/Q99", Code(0) + "/Q9.1",
                                                       "ZZZ-ZZZ-ZZZ/Q11", Code(1) + "/Q11"}) {
    ExpectError(Post("/api/text/claim", {{"id", bad}}, an), 404,
                "no write-in '" + bad + "' to transcribe");
    ExpectError(Post("/api/text/record", {{"id", bad}, {"state", "empty"}}, an), 404,
                "no write-in '" + bad + "' to transcribe");
    ExpectError(Get("/api/text/crop?id=" + bad, an), 404, "no write-in '" + bad + "' to transcribe");
  }
  // Another person's claim.
  ASSERT_EQ(Post("/api/text/claim", {{"id", id}}, binh)->status, 200);
  ExpectError(Post("/api/text/claim", {{"id", id}}, an), 409, id + " is being transcribed by Bình");
  ExpectError(Post("/api/text/record", words, an), 409, id + " is being transcribed by Bình");
  EXPECT_TRUE(json::parse(Post("/api/text/next", json::object(), an)->body)["item"].is_null());
  // Bad values.
  ExpectError(Post("/api/text/record", {{"id", id}}, binh), 400,
              "no state: give text (with the text), illegible or empty");
  ExpectError(Post("/api/text/record", {{"id", id}, {"state", "text"}, {"text", " "}}, binh), 400,
              "no text: type what is written, or record the box as illegible or empty");
  ExpectError(Post("/api/text/record", {{"id", id}, {"state", "empty"}, {"text", "x"}}, binh), 400,
              "a box recorded as empty takes no text");
  ExpectError(Post("/api/text/record", {{"id", id}, {"state", "text"}, {"text", "a\tb"}}, binh),
              400, "the text holds a control character: type it on one line");
  // A stale claim.
  now_ += 301;
  ExpectError(Post("/api/text/record", words, binh), 409,
              "your claim on " + id + " has run out (or was never taken): open it again to record it");
  ExpectError(Get("/api/text/nothing", an), 404, "no route GET /api/text/nothing");
  ExpectError(Post("/api/text/queue", {}, an), 405, "use GET for /api/text/queue");
  EXPECT_EQ(Count(Db(), "SELECT count(*) FROM writein"), 0);
}

}  // namespace
}  // namespace phieu::e2e
