#include "station/review_station.h"

#include <chrono>
#include <ctime>
#include <deque>
#include <mutex>
#include <optional>
#include <span>

#include "core/embedded.h"
#include "review/review_decision.h"
#include "review/review_item.h"
#include "review/review_progress.h"
#include "review/review_queue.h"
#include "review/writein.h"
#include "station/bmp_image.h"
#include "station/claims.h"
#include "station/password.h"
#include "station/sessions.h"
#include "station/station_json.h"
#include "station/users.h"
#include "store/event_log.h"

namespace phieu {

std::span<const EmbeddedFile> StationWebFiles();  // station/web/, embedded at build time

namespace {

constexpr const char* kSessionCookie = "phieu_session";
constexpr std::size_t kImageCacheItems = 32;

HttpResponse Json(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

HttpResponse Error(int status, const std::string& message) {
  return Json(status, ErrorJson(message));
}

std::int64_t SystemSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string ContentType(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  return "application/octet-stream";
}

// `seconds` since the epoch as decisions store their time ("YYYY-MM-DDTHH:MM:SSZ").
std::string UtcText(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

// True when the form of `id` came back and has that item (or `id` is the whole form).
// The ids a "next" request asks to pass over (the items the reviewer skipped), or none.
std::vector<std::string> SkipList(const JsonFields& fields) {
  const auto found = fields.lists.find("skip");
  return found == fields.lists.end() ? std::vector<std::string>{} : found->second;
}

bool ItemExists(const Evaluation& e, const ReviewItemId& id) {
  const FormResult* f = e.result.Find(id.code);
  if (f == nullptr || f->verdict == Verdict::kNotReturned) return false;
  if (id.item.empty()) return true;
  for (const Answer& a : f->answers) {
    if (a.item == id.item) return a.state != AnswerState::kMissing;
  }
  return false;
}

}  // namespace

struct ReviewStation::Impl {
  Database& db;
  StationOptions options;
  SessionTable sessions;
  ClaimTable claims;

  std::mutex db_mutex;              // one request at a time uses the database
  std::string evaluated_at;         // the log head the evaluation was made at
  std::optional<Evaluation> evaluation;
  // The images of the items shown last (id -> one BMP per scan; whole pages by "page:" + id).
  std::deque<std::pair<std::string, std::vector<std::string>>> images;

  Impl(Database& d, StationOptions o)
      : db(d),
        options(std::move(o)),
        sessions(options.session_idle_seconds),
        claims(options.claim_seconds) {
    if (!options.now) options.now = SystemSeconds;
  }

  // The verification of the database as it is now, made again only when the log moved on (a
  // decision here or elsewhere, a scan). Call with db_mutex held.
  Result<const Evaluation*> Current() {
    auto head = LogHead(db);
    if (!head.ok()) return head.status();
    if (!evaluation || *head != evaluated_at) {
      auto e = EvaluateDatabase(db);
      if (!e.ok()) return e.status();
      evaluation = std::move(e).value();
      evaluated_at = *head;
    }
    return &*evaluation;
  }

  void Remember(const std::string& key, std::vector<std::string> bmps) {
    for (auto& entry : images) {
      if (entry.first == key) {
        entry.second = std::move(bmps);
        return;
      }
    }
    images.emplace_back(key, std::move(bmps));
    if (images.size() > kImageCacheItems) images.pop_front();
  }

  const std::vector<std::string>* Remembered(const std::string& key) const {
    for (const auto& entry : images) {
      if (entry.first == key) return &entry.second;
    }
    return nullptr;
  }

  // The view of `id` for `who`, claimed for them, as the API answers it. Call with db_mutex held.
  HttpResponse ShowClaimed(const Evaluation& e, const ReviewItemId& id, const std::string& who) {
    const std::int64_t now = options.now();
    if (!claims.Take(id.Text(), who, now)) {
      const std::optional<Claim> c = claims.Holder(id.Text(), now);
      return Error(409, id.Text() + " is being reviewed by " + (c ? c->holder : "someone else"));
    }
    auto view = ViewReviewItem(db, e, id.Text());
    if (!view.ok()) {
      claims.Release(id.Text(), who);
      return Error(500, view.status().message());
    }
    std::vector<std::string> bmps;
    for (const ScanView& s : view->scans) bmps.push_back(GreyBmp(s.image));
    Remember(id.Text(), std::move(bmps));
    return Json(200, ItemJson(&*view, now + options.claim_seconds));
  }

  HttpResponse SignIn(const HttpRequest& request) {
    auto fields = ParseJsonFields(request.body);
    if (!fields.ok()) return Error(400, fields.status().message());
    Result<std::optional<StationUser>> user = std::optional<StationUser>();
    {
      std::lock_guard lock(db_mutex);
      user = CheckSignIn(db, fields->Text("name"), fields->Text("password"));
    }
    if (!user.ok()) return Error(500, user.status().message());
    if (!user->has_value()) return Error(401, "wrong name or password");
    const Session s = sessions.Start((*user)->name, (*user)->role, options.now());
    HttpResponse r = Json(200, SessionJson(s));
    r.headers["Set-Cookie"] = std::string(kSessionCookie) + "=" + s.token +
                              "; HttpOnly; SameSite=Strict; Path=/";
    return r;
  }

  HttpResponse Queue(const HttpRequest& request) {
    ReviewFilter filter{request.Query("kind"), request.Query("reason"), request.Query("unit"),
                        request.Query("batch"), request.Query("question")};
    if (Status s = CheckReviewFilter(filter); !s.ok()) return Error(400, s.message());
    std::lock_guard lock(db_mutex);
    auto e = Current();
    if (!e.ok()) return Error(500, e.status().message());
    const std::vector<QueueEntry> queue = ReviewQueue(**e, filter);
    std::vector<std::string> holders;
    const std::int64_t now = options.now();
    for (const QueueEntry& q : queue) {
      const std::optional<Claim> c = claims.Holder(q.item.id, now);
      holders.push_back(c ? c->holder : "");
    }
    return Json(200, QueueJson(queue, holders));
  }

  HttpResponse Progress(const Session& s) {
    if (s.role != "supervisor") return Error(403, "only a supervisor sees the progress");
    std::lock_guard lock(db_mutex);
    auto e = Current();
    if (!e.ok()) return Error(500, e.status().message());
    const std::int64_t now = options.now();
    return Json(200, ProgressJson(ProgressOf(**e, UtcText(now - 3600)), claims.Running(now)));
  }

  HttpResponse Next(const Session& s, const JsonFields& fields) {
    ReviewFilter filter{fields.Text("kind"), fields.Text("reason"), fields.Text("unit"),
                        fields.Text("batch"), fields.Text("question")};
    if (Status st = CheckReviewFilter(filter); !st.ok()) return Error(400, st.message());
    const std::vector<std::string> skip = SkipList(fields);
    std::lock_guard lock(db_mutex);
    auto e = Current();
    if (!e.ok()) return Error(500, e.status().message());
    const std::int64_t now = options.now();
    for (const QueueEntry& q : ReviewQueue(**e, filter)) {
      if (std::find(skip.begin(), skip.end(), q.item.id) != skip.end()) continue;
      const std::optional<Claim> c = claims.Holder(q.item.id, now);
      if (c && c->holder != s.name) continue;
      return ShowClaimed(**e, ParseReviewItemId(q.item.id), s.name);
    }
    return Json(200, ItemJson(nullptr, 0));
  }

  HttpResponse ClaimItem(const Session& s, const JsonFields& fields) {
    const ReviewItemId id = ParseReviewItemId(fields.Text("id"));
    std::lock_guard lock(db_mutex);
    auto e = Current();
    if (!e.ok()) return Error(500, e.status().message());
    if (!ItemExists(**e, id)) return Error(404, "no item '" + fields.Text("id") + "' to review");
    return ShowClaimed(**e, id, s.name);
  }

  HttpResponse Release(const Session& s, const JsonFields& fields) {
    const ReviewItemId id = ParseReviewItemId(fields.Text("id"));
    claims.Release(id.Text(), s.name);
    return Json(200, "{\"released\":true}");
  }

  HttpResponse Decide(const Session& s, const JsonFields& fields) {
    const ReviewItemId id = ParseReviewItemId(fields.Text("id"));
    if (fields.Text("value").empty()) return Error(400, "no value: give an option code, blank or invalid");
    std::lock_guard lock(db_mutex);
    auto e = Current();
    if (!e.ok()) return Error(500, e.status().message());
    if (!ItemExists(**e, id)) return Error(404, "no item '" + fields.Text("id") + "' to review");
    const std::int64_t now = options.now();
    if (!claims.Holds(id.Text(), s.name, now)) {
      const std::optional<Claim> c = claims.Holder(id.Text(), now);
      if (c) return Error(409, id.Text() + " is being reviewed by " + c->holder);
      return Error(409, "your claim on " + id.Text() +
                            " has run out (or was never taken): open it again to decide it");
    }
    auto outcome =
        DecideReviewItem(db, {id.Text(), fields.Text("value"), s.name, fields.Text("note")});
    if (!outcome.ok()) return Error(400, outcome.status().message());
    claims.Release(id.Text(), s.name);
    return Json(200, DecisionJson(*outcome));
  }

  // GET /api/crop?id=&scan=N and /api/page?id=&scan=N: the BMP of scan N of the item.
  HttpResponse Image(const HttpRequest& request, bool whole_page) {
    const ReviewItemId id = ParseReviewItemId(request.Query("id"));
    const std::string scan_text = request.Query("scan").empty() ? "0" : request.Query("scan");
    if (scan_text.size() > 3 || scan_text.find_first_not_of("0123456789") != std::string::npos) {
      return Error(400, "scan is a number, not '" + scan_text + "'");
    }
    const std::size_t scan = std::stoul(scan_text);
    const std::string key = (whole_page ? "page:" : "") + id.Text();
    std::lock_guard lock(db_mutex);
    const std::vector<std::string>* cached = Remembered(key);
    if (cached == nullptr) {
      auto e = Current();
      if (!e.ok()) return Error(500, e.status().message());
      if (!ItemExists(**e, id)) return Error(404, "no item '" + request.Query("id") + "' to review");
      auto view = ViewReviewItem(db, **e, id.Text());
      if (!view.ok()) return Error(500, view.status().message());
      std::vector<std::string> bmps;
      for (const ScanView& s : view->scans) {
        if (!whole_page) {
          bmps.push_back(GreyBmp(s.image));
          continue;
        }
        auto page = ViewReviewPage(db, s.page_id, id.item);
        if (!page.ok()) return Error(500, page.status().message());
        bmps.push_back(GreyBmp(*page));
      }
      Remember(key, std::move(bmps));
      cached = Remembered(key);
    }
    if (scan >= cached->size()) {
      return Error(404, id.Text() + " has no scan " + scan_text);
    }
    HttpResponse r;
    r.content_type = "image/bmp";
    r.body = (*cached)[scan];
    r.headers["Cache-Control"] = "private, max-age=300";
    return r;
  }

  // ---- Write-ins (review/writein.h). A box's claim is keyed "text:" + its id, apart from marks'.

  static std::string TextKey(const std::string& id) { return "text:" + id; }

  // The box `id` (found in `e`) with its crop, claimed for `who`. Call with db_mutex held.
  HttpResponse ShowTextClaimed(const Evaluation& e, const std::string& id, const std::string& who) {
    const std::int64_t now = options.now();
    if (!claims.Take(TextKey(id), who, now)) {
      const std::optional<Claim> c = claims.Holder(TextKey(id), now);
      return Error(409, id + " is being transcribed by " + (c ? c->holder : "someone else"));
    }
    auto view = ViewWriteIn(db, e, id);
    if (!view.ok()) {
      claims.Release(TextKey(id), who);
      return Error(500, view.status().message());
    }
    Remember(TextKey(id), {GreyBmp(view->crop)});
    return Json(200, WriteInJson(&*view, now + options.claim_seconds));
  }

  // The box named by `text` as a normalised id, or the 404 to answer. Call with db_mutex held.
  Result<std::string> KnownBox(const Evaluation& e, const std::string& text) {
    auto w = FindWriteIn(db, e, text);
    if (!w.ok()) return Status::Error("no write-in '" + text + "' to transcribe");
    return w->id;
  }

  // Every write-in box of evaluation `e`, under the stored queueing settings. Call with db_mutex
  // held.
  Result<std::vector<WriteIn>> WriteInsOf(const Evaluation& e) {
    auto settings = LoadWriteInOptions(db);
    if (!settings.ok()) return settings.status();
    return ListWriteIns(db, e, *settings);
  }

  HttpResponse TextQueue() {
    std::lock_guard lock(db_mutex);
    auto e = Current();
    if (!e.ok()) return Error(500, e.status().message());
    auto boxes = WriteInsOf(**e);
    if (!boxes.ok()) return Error(500, boxes.status().message());
    std::vector<WriteIn> waiting;
    std::vector<std::string> holders;
    const std::int64_t now = options.now();
    for (WriteIn& w : *boxes) {
      if (w.latest) continue;
      const std::optional<Claim> c = claims.Holder(TextKey(w.id), now);
      holders.push_back(c ? c->holder : "");
      waiting.push_back(std::move(w));
    }
    return Json(200, WriteInQueueJson(waiting, holders));
  }

  HttpResponse TextNext(const Session& s, const JsonFields& fields) {
    const std::vector<std::string> skip = SkipList(fields);
    std::lock_guard lock(db_mutex);
    auto e = Current();
    if (!e.ok()) return Error(500, e.status().message());
    auto boxes = WriteInsOf(**e);
    if (!boxes.ok()) return Error(500, boxes.status().message());
    const std::int64_t now = options.now();
    for (const WriteIn& w : *boxes) {
      if (w.latest || std::find(skip.begin(), skip.end(), w.id) != skip.end()) continue;
      const std::optional<Claim> c = claims.Holder(TextKey(w.id), now);
      if (c && c->holder != s.name) continue;
      return ShowTextClaimed(**e, w.id, s.name);
    }
    return Json(200, WriteInJson(nullptr, 0));
  }

  HttpResponse TextClaim(const Session& s, const JsonFields& fields) {
    std::lock_guard lock(db_mutex);
    auto e = Current();
    if (!e.ok()) return Error(500, e.status().message());
    auto id = KnownBox(**e, fields.Text("id"));
    if (!id.ok()) return Error(404, id.status().message());
    return ShowTextClaimed(**e, *id, s.name);
  }

  HttpResponse TextRelease(const Session& s, const JsonFields& fields) {
    claims.Release(TextKey(ParseReviewItemId(fields.Text("id")).Text()), s.name);
    return Json(200, "{\"released\":true}");
  }

  HttpResponse TextRecord(const Session& s, const JsonFields& fields) {
    if (fields.Text("state").empty()) {
      return Error(400, "no state: give text (with the text), illegible or empty");
    }
    std::lock_guard lock(db_mutex);
    auto e = Current();
    if (!e.ok()) return Error(500, e.status().message());
    auto id = KnownBox(**e, fields.Text("id"));
    if (!id.ok()) return Error(404, id.status().message());
    const std::int64_t now = options.now();
    if (!claims.Holds(TextKey(*id), s.name, now)) {
      const std::optional<Claim> c = claims.Holder(TextKey(*id), now);
      if (c) return Error(409, *id + " is being transcribed by " + c->holder);
      return Error(409, "your claim on " + *id +
                            " has run out (or was never taken): open it again to record it");
    }
    auto stored =
        TranscribeWriteIn(db, **e, {*id, fields.Text("state"), fields.Text("text"), s.name});
    if (!stored.ok()) return Error(400, stored.status().message());
    claims.Release(TextKey(*id), s.name);
    return Json(200, TranscriptionJson(*stored));
  }

  // GET /api/text/crop?id=: the BMP of the box.
  HttpResponse TextCrop(const HttpRequest& request) {
    std::lock_guard lock(db_mutex);
    auto e = Current();
    if (!e.ok()) return Error(500, e.status().message());
    auto id = KnownBox(**e, request.Query("id"));
    if (!id.ok()) return Error(404, id.status().message());
    const std::vector<std::string>* cached = Remembered(TextKey(*id));
    if (cached == nullptr) {
      auto view = ViewWriteIn(db, **e, *id);
      if (!view.ok()) return Error(500, view.status().message());
      Remember(TextKey(*id), {GreyBmp(view->crop)});
      cached = Remembered(TextKey(*id));
    }
    HttpResponse r;
    r.content_type = "image/bmp";
    r.body = cached->front();
    r.headers["Cache-Control"] = "private, max-age=300";
    return r;
  }

  HttpResponse Api(const HttpRequest& request) {
    const bool post = request.method == "POST";
    if (request.path == "/api/signin") {
      if (!post) return Error(405, "use POST for /api/signin");
      return SignIn(request);
    }
    static const std::vector<std::pair<std::string, std::string>> kRoutes = {
        {"/api/me", "GET"},       {"/api/queue", "GET"},    {"/api/crop", "GET"},
        {"/api/page", "GET"},     {"/api/progress", "GET"}, {"/api/signout", "POST"},
        {"/api/next", "POST"},
        {"/api/claim", "POST"},   {"/api/release", "POST"}, {"/api/decide", "POST"},
        {"/api/text/queue", "GET"}, {"/api/text/crop", "GET"}, {"/api/text/next", "POST"},
        {"/api/text/claim", "POST"}, {"/api/text/release", "POST"}, {"/api/text/record", "POST"}};
    const auto route = std::find_if(kRoutes.begin(), kRoutes.end(),
                                    [&](const auto& r) { return r.first == request.path; });
    if (route == kRoutes.end()) return Error(404, "no route " + request.method + " " + request.path);
    if (route->second != request.method) {
      return Error(405, "use " + route->second + " for " + request.path);
    }
    const std::optional<Session> session =
        sessions.Find(request.Cookie(kSessionCookie), options.now());
    if (!session) return Error(401, "sign in first");
    if (post && !TokensEqual(request.Header("x-csrf-token"), session->csrf)) {
      return Error(403, "the CSRF token is missing or wrong: reload the page");
    }
    if (request.path == "/api/me") return Json(200, SessionJson(*session));
    if (request.path == "/api/queue") return Queue(request);
    if (request.path == "/api/crop") return Image(request, false);
    if (request.path == "/api/page") return Image(request, true);
    if (request.path == "/api/progress") return Progress(*session);
    if (request.path == "/api/text/queue") return TextQueue();
    if (request.path == "/api/text/crop") return TextCrop(request);
    if (request.path == "/api/signout") {
      sessions.End(session->token);
      HttpResponse r = Json(200, "{\"signed_out\":true}");
      r.headers["Set-Cookie"] = std::string(kSessionCookie) +
                                "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
      return r;
    }
    auto fields = ParseJsonFields(request.body);
    if (!fields.ok()) return Error(400, fields.status().message());
    if (request.path == "/api/next") return Next(*session, *fields);
    if (request.path == "/api/claim") return ClaimItem(*session, *fields);
    if (request.path == "/api/release") return Release(*session, *fields);
    if (request.path == "/api/text/next") return TextNext(*session, *fields);
    if (request.path == "/api/text/claim") return TextClaim(*session, *fields);
    if (request.path == "/api/text/release") return TextRelease(*session, *fields);
    if (request.path == "/api/text/record") return TextRecord(*session, *fields);
    return Decide(*session, *fields);
  }

  HttpResponse Page(const HttpRequest& request) {
    std::string name = request.path == "/" ? "index.html" : request.path.substr(1);
    for (const EmbeddedFile& f : StationWebFiles()) {
      if (f.name != name) continue;
      if (request.method != "GET") return Error(405, "use GET for " + request.path);
      HttpResponse r;
      r.content_type = ContentType(f.name);
      r.body = std::string(f.text);
      return r;
    }
    return Error(404, "no page " + request.path);
  }
};

ReviewStation::ReviewStation(Database& db, StationOptions options)
    : impl_(std::make_unique<Impl>(db, std::move(options))) {}

ReviewStation::~ReviewStation() = default;

HttpResponse ReviewStation::Handle(const HttpRequest& request) {
  HttpResponse r = request.path.starts_with("/api/") ? impl_->Api(request) : impl_->Page(request);
  // The page and its API are for this origin only, never framed.
  r.headers["X-Frame-Options"] = "DENY";
  r.headers["X-Content-Type-Options"] = "nosniff";
  r.headers["Content-Security-Policy"] =
      "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors "
      "'none'";
  if (!r.headers.contains("Cache-Control")) r.headers["Cache-Control"] = "no-store";
  return r;
}

}  // namespace phieu
